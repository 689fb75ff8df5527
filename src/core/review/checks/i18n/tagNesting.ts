// Whether the tags of a string open and close in order, as react-i18next's
// <Trans> reads them: `<1>…</1>`, `<bold>…</bold>`, `<br/>`. A tag opened
// twice and never closed (`<a>…<a>`) renders the rest of the string wrong.

/** Elements that never close (`<br>`), as HTML and react-i18next's kept basic nodes have them. */
const VOID = new Set(['br', 'hr', 'img', 'input', 'wbr', 'area', 'col', 'embed', 'link', 'meta', 'source', 'track', 'param', 'base']);
const TAG = /<(\/?)([A-Za-z][\w-]*|\d+)(?:\s[^<>]*)?(\/?)>/g;

/** Undefined when the tags nest; else what is wrong, in words: "<a> is opened twice and never closed". */
export function tagNestingProblem(message: string): string | undefined {
  if (!message.includes('<')) return undefined;
  const open: string[] = [];
  for (const match of message.matchAll(TAG)) {
    const [, closing, name, selfClosing] = match;
    if (selfClosing === '/' || VOID.has(name.toLowerCase())) continue;
    if (closing !== '/') {
      open.push(name);
      continue;
    }
    const top = open.pop();
    if (top === undefined) return `</${name}> closes a tag that was never opened`;
    if (top !== name) return `</${name}> closes <${top}>`;
  }
  if (open.length === 0) return undefined;
  const last = open[open.length - 1];
  return open.filter((name) => name === last).length > 1 ? `<${last}> is opened twice and never closed` : `<${last}> is never closed`;
}

/** Whether a string holds at least one tag pair: its tags are markup, not text such as `<Enter>`. */
export function hasTagPair(message: string): boolean {
  return [...message.matchAll(TAG)].some((match) => match[1] === '/');
}
