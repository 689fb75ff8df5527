// What an events file defines, as names a dashboard depends on: event-name
// strings, object keys and `name:` fields, enum members. Comments, imports,
// whitespace and line breaks are not part of it, so reformatting a file or
// editing a comment changes nothing, while renaming an event does.

/** One name the file defines, where it is written. */
export interface EventName {
  /** `string 'checkout_started'`, `key checkoutStarted`, `member Started`. */
  id: string;
  /** How a person reads it: `'checkout_started'`, `checkoutStarted`. */
  text: string;
  /** 1-based line. */
  line: number;
}

interface Token {
  kind: 'string' | 'word' | 'punct';
  value: string;
  line: number;
}

/** The names an events file (TypeScript, JavaScript or JSON) defines, in order. */
export function eventNames(text: string): EventName[] {
  const tokens = withoutImports(tokenize(text));
  const names: EventName[] = [];
  let enumDepth = -1;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const next = tokens[i + 1];
    if (token.kind === 'punct') {
      if (token.value === '{') depth++;
      if (token.value === '}' && --depth < enumDepth) enumDepth = -1;
      continue;
    }
    if (token.kind === 'word' && token.value === 'enum' && tokens[i + 2]?.value === '{') {
      enumDepth = depth + 1;
      continue;
    }
    const isKey = next?.kind === 'punct' && next.value === ':';
    if (enumDepth === depth && token.kind === 'word' && ['=', ',', '}'].includes(next?.value ?? '')) {
      names.push({ id: `member ${token.value}`, text: token.value, line: token.line });
    } else if (isKey) {
      names.push({ id: `key ${token.value}`, text: token.value, line: token.line });
    } else if (token.kind === 'string') {
      names.push({ id: `string ${token.value}`, text: `'${token.value}'`, line: token.line });
    }
  }
  return names;
}

/**
 * The names `before` defines that `after` no longer does, counting repeats (a
 * name defined twice and now once has lost one). Which occurrence is blamed
 * for a loss: one on a line the change removed (`removedLines`, old line
 * numbers), else the last one.
 */
export function removedEventNames(before: string, after: string, removedLines: ReadonlySet<number> = new Set()): EventName[] {
  const remaining = new Map<string, number>();
  for (const name of eventNames(after)) remaining.set(name.id, (remaining.get(name.id) ?? 0) + 1);
  const occurrences = new Map<string, EventName[]>();
  for (const name of eventNames(before)) occurrences.set(name.id, [...(occurrences.get(name.id) ?? []), name]);
  const lostIds = new Set([...occurrences].filter(([id, names]) => names.length > (remaining.get(id) ?? 0)).map(([id]) => id));
  // A removed line that lost many names (a whole event) is blamed before one that lost a single shared name.
  const losses = new Map<number, number>();
  for (const names of occurrences.values()) for (const name of names) if (lostIds.has(name.id)) losses.set(name.line, (losses.get(name.line) ?? 0) + 1);
  const removed: EventName[] = [];
  for (const id of lostIds) {
    const names = occurrences.get(id) ?? [];
    const onRemovedLines = names.filter((name) => removedLines.has(name.line)).sort((a, b) => (losses.get(b.line) ?? 0) - (losses.get(a.line) ?? 0));
    const blamed = [...onRemovedLines, ...names.filter((name) => !removedLines.has(name.line)).reverse()];
    removed.push(...blamed.slice(0, names.length - (remaining.get(id) ?? 0)));
  }
  return removed.sort((a, b) => a.line - b.line);
}

const PUNCTUATION = new Set(['{', '}', ':', ',', '=', ';']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\n') line++;
    else if (char === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i + 1] !== '\n') i++;
    } else if (char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 1;
      for (let k = i; k < stop; k++) if (text[k] === '\n') line++;
      i = stop;
    } else if (char === '"' || char === "'" || char === '`') {
      const start = line;
      let value = '';
      for (i++; i < text.length && text[i] !== char; i++) {
        if (text[i] === '\\') value += text[++i] ?? '';
        else value += text[i];
        if (text[i] === '\n') line++;
      }
      tokens.push({ kind: 'string', value, line: start });
    } else if (/[A-Za-z_$]/.test(char)) {
      let end = i + 1;
      while (end < text.length && /[\w$]/.test(text[end])) end++;
      tokens.push({ kind: 'word', value: text.slice(i, end), line });
      i = end - 1;
    } else if (PUNCTUATION.has(char)) {
      tokens.push({ kind: 'punct', value: char, line });
    }
  }
  return tokens;
}

/** Drops `import … from '…'`, `import '…'` and `export … from '…'`: moving an import defines nothing. */
function withoutImports(tokens: Token[]): Token[] {
  const kept: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const startsImport = token.kind === 'word' && token.value === 'import' && (i === 0 || tokens[i - 1].value === ';' || tokens[i - 1].line < token.line);
    const reexport = token.kind === 'word' && token.value === 'export' && tokens.slice(i, i + 40).some((later, k) => later.value === 'from' && tokens[i + k + 1]?.kind === 'string');
    if (!startsImport && !reexport) {
      kept.push(token);
      continue;
    }
    let end = i + 1;
    while (end < tokens.length && !(tokens[end].kind === 'string' && (tokens[end - 1].value === 'from' || tokens[end - 1].value === 'import'))) end++;
    i = end;
  }
  return kept;
}
