import { parseDocument, YAMLParseError, type Document, type DocumentOptions, type LineCounter, type ParseOptions, type SchemaOptions } from 'yaml';

// YAML as the core reads it: `yaml`'s parseDocument, except for a document
// nested deeper than any strings, flags or front matter file needs. Those
// are not given to the parser at all: its recursion overflows the stack,
// and getting there took 40 s on an 8 MB flags file nested 4,000 levels.

/** Levels of nesting (indentation and brackets together) read; deeper is an error on the line that goes past. */
export const MAX_YAML_DEPTH = 100;

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/** The document, or one holding only an error where the text nests past MAX_YAML_DEPTH (same error shape as the parser's). */
export function parseYaml(text: string, options: Options = {}): Document.Parsed {
  const deep = tooDeep(text);
  if (!deep) return parseDocument(text, options);
  const document = parseDocument('', { ...options, lineCounter: undefined });
  countLines(text, options.lineCounter);
  const error = new YAMLParseError([deep.offset, deep.offset + 1], 'RESOURCE_EXHAUSTION', `Nested more than ${MAX_YAML_DEPTH} levels deep, which PM Zone does not read`);
  error.linePos = [{ line: deep.line, col: 1 }];
  document.errors.push(error);
  return document;
}

/**
 * Where nesting first passes the limit, by one linear pass: an indentation
 * deeper than the enclosing ones (and each `- ` that opens a list on the
 * line) is a level, and so is each open `[` or `{`. It may count a level
 * the parser would not (a block scalar's text).
 */
function tooDeep(text: string): { line: number; offset: number } | undefined {
  const indents: number[] = [];
  let flow = 0;
  let offset = 0;
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    const start = offset;
    offset += line.length + 1;
    const content = line.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    const indent = line.length - content.length;
    while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
    indents.push(indent);
    const dashes = /^(?:-[ \t]+)*/.exec(content)?.[0].split('-').length ?? 1;
    flow = Math.max(0, flow + bracketBalance(content));
    if (indents.length + dashes - 1 + flow > MAX_YAML_DEPTH) return { line: index + 1, offset: start };
  }
  return undefined;
}

/** Opened minus closed brackets outside quotes and comments. */
function bracketBalance(line: string): number {
  let balance = 0;
  let quote: string | undefined;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (index === 0 || /\s/.test(line[index - 1]))) break;
    else if (char === '[' || char === '{') balance++;
    else if (char === ']' || char === '}') balance--;
  }
  return balance;
}

function countLines(text: string, lineCounter: LineCounter | undefined): void {
  if (!lineCounter) return;
  lineCounter.addNewLine(0);
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineCounter.addNewLine(at + 1);
}
