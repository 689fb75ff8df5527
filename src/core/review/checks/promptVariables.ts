// The variables of one prompt template's text.
import { LineIndex } from './contentSupport';

/**
 * Syntaxes read: Mustache/Handlebars/Jinja output tags `{{name}}`,
 * `{{ user.name | upper }}`, `{{{raw}}}`; block tags `{{#each items}}`,
 * `{{#if plan}}`, `{{^empty}}` (the block's variables, not the helper's
 * name; closing tags, `else`, comments and partials carry none); Jinja
 * statements `{% if x %}`, `{% for item in items %}`; and `${name}`, since
 * prompts kept as template strings or Python templates use it.
 * `this`, `@index` and loop-local names stay as written: both versions are
 * read the same way, so only real changes show.
 */
const MUSTACHE_TAG = /\{\{(\{?)([^{}]*)\}\}\}?/g;
const JINJA_STATEMENT = /\{%-?\s*(if|elif|for)\b((?:(?!%\}|\{%)[\s\S])*?)-?%\}/g;
const DOLLAR_BRACE = /\$\{\s*([^{}]*?)\s*\}/g;
const PATH = /(?:\.\.\/)*@?[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*/g;
const NOT_VARIABLES = new Set([
  'as', 'in', 'and', 'or', 'not', 'is', 'if', 'else', 'true', 'false', 'null', 'none', 'None', 'True', 'False', 'this', 'undefined',
]);

/**
 * Each variable of a template with the 1-based line of its first use.
 * `dollarBraces: false` for the text of a plain string in code, where `${x}`
 * is written text, not a variable.
 */
export function templateVariables(text: string, options: { dollarBraces?: boolean } = {}): Map<string, number> {
  const lines = new LineIndex(text);
  const variables = new Map<string, number>();
  const record = (expression: string, offset: number, isBlock: boolean): void => {
    // `{{#each items}}` names a helper then its arguments; `{{#items}}` is a Mustache section.
    const words = expression.trim().split(/\s+/);
    const paths = pathsIn(isBlock && words.length > 1 ? words.slice(1).join(' ') : expression);
    for (const path of paths) {
      if (!variables.has(path)) variables.set(path, lines.positionOf(offset).line);
    }
  };
  for (const match of text.matchAll(MUSTACHE_TAG)) {
    const inner = match[2].trim().replace(/^~|~$/g, '').trim();
    if (inner === '' || /^[!/>]/.test(inner) || /^else\b/.test(inner)) continue;
    const block = /^[#^]/.test(inner);
    const expression = (block ? inner.slice(1) : inner).replace(/\bas\s*\|[^|]*\|/, '').split('|')[0];
    record(expression, match.index, block);
  }
  for (const match of text.matchAll(JINJA_STATEMENT)) {
    const expression = match[1] === 'for' ? (match[2].split(/\bin\b/)[1] ?? '') : match[2];
    record(expression.split('|')[0], match.index, false);
  }
  if (options.dollarBraces !== false) for (const match of text.matchAll(DOLLAR_BRACE)) record(match[1], match.index, false);
  return variables;
}

function pathsIn(expression: string): string[] {
  const withoutStrings = expression.replace(/"[^"]*"|'[^']*'/g, ' ').replace(/\b\w+=/g, ' ');
  return [...withoutStrings.matchAll(PATH)]
    .map((match) => match[0])
    .filter((path) => !NOT_VARIABLES.has(path) && !path.startsWith('@') && !/^\d/.test(path));
}

