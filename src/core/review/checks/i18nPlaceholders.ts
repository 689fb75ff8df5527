// The placeholders of a translated string, whatever the library writes them as:
// `{{name}}` (i18next, Handlebars), `{name}` and ICU arguments
// (`{count, plural, one {# item} other {# items}}`), printf (`%s`, `%d`,
// `%(name)s`, `%1$s`).
//
// Placeholders keep their syntax (`{{name}}` and `{name}` differ: a library
// fills only one of them). An ICU argument counts by its name only (`{count}`),
// plus the placeholders inside its plural or select branches; `#` stands for
// the argument itself and is not counted again. Unnamed printf placeholders
// count as many times as they appear, since they are filled by position.
// ICU quoting (`'{'`) is honoured; `%%` is a literal percent sign.

const MUSTACHE = /\{\{\s*[-&]?\s*([^{}]+?)\s*\}\}/g;
const PRINTF = /%(?:%|\(([A-Za-z_]\w*)\)[-+#0]*\d*(?:\.\d+)?[sdifouxXeEgGcr]|(?:\d+\$)?[-+#0]*\d*(?:\.\d+)?[sdifuoxXeEgGc@])/g;
const ICU_ARGUMENT = /^\s*([^\s,{}]+)\s*(?:,\s*(\w+)\s*(?:,([\s\S]*))?)?$/;
const BRANCHING_TYPES = new Set(['plural', 'select', 'selectordinal']);

/** The placeholders of `message`, sorted, so two lists compare with `samePlaceholders`. */
export function placeholdersOf(message: string): string[] {
  const named = new Set<string>();
  const positional: string[] = [];
  const withoutMustache = message.replace(MUSTACHE, (_whole, inner: string) => {
    named.add(`{{${inner.split(',')[0].trim()}}}`);
    return ' ';
  });
  const withoutPrintf = withoutMustache.replace(PRINTF, (whole: string, name: string | undefined) => {
    if (whole === '%%') return ' ';
    if (name !== undefined || whole.includes('$')) named.add(whole);
    else positional.push(whole);
    return ' ';
  });
  collectIcu(withoutPrintf, named);
  return [...[...named].sort(), ...positional.sort()];
}

export function samePlaceholders(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((placeholder, index) => placeholder === b[index]);
}

/** What `from` has that `to` lacks, counting repeats. */
export function missingPlaceholders(from: readonly string[], to: readonly string[]): string[] {
  const remaining = [...to];
  return from.filter((placeholder) => {
    const index = remaining.indexOf(placeholder);
    if (index < 0) return true;
    remaining.splice(index, 1);
    return false;
  });
}

/** Adds the ICU arguments of a message (and of its branches) to `into`. */
function collectIcu(message: string, into: Set<string>): void {
  for (const block of topLevelBlocks(message)) {
    const argument = ICU_ARGUMENT.exec(block);
    if (!argument) continue;
    into.add(`{${argument[1]}}`);
    if (argument[2] && BRANCHING_TYPES.has(argument[2]) && argument[3] !== undefined) {
      for (const branch of topLevelBlocks(argument[3])) collectIcu(branch, into);
    }
  }
}

/** The contents of the outermost `{…}` blocks, skipping ICU-quoted text. Unclosed blocks are dropped. */
function topLevelBlocks(text: string): string[] {
  const blocks: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "'" && (text[i + 1] === '{' || text[i + 1] === '}')) {
      const close = text.indexOf("'", i + 1);
      if (close < 0) break;
      i = close;
    } else if (char === '{') {
      if (depth === 0) start = i + 1;
      depth++;
    } else if (char === '}' && depth > 0) {
      depth--;
      if (depth === 0) blocks.push(text.slice(start, i));
    }
  }
  return blocks;
}
