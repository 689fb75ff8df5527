// What a sink may safely receive: a literal a reviewer can read, or HTML
// passed whole through a well-kept sanitiser.

/** One string literal without interpolation: a value a reviewer can read. */
const LITERAL = /^(?:"[^"\\\r\n]*"|'[^'\\\r\n]*'|\x60[^\x60\\$]*\x60)/;
/**
 * Calls of the well-kept HTML sanitisers (DOMPurify, sanitize-html, js-xss),
 * whose result is safe to render: what engineering is asked to use.
 */
const SANITISER_CALL = /^(?:(?:DOMPurify|dompurify|purify)(?:\.default)?\.sanitize|sanitizeHtml|filterXSS)\s*\(/;
/** What may follow a whole value: the end of the statement or argument. */
export const STATEMENT_END = /^\s*(?:[;,)]|$)/;

/**
 * True when `text` starts with a whole safe value (a literal or one sanitiser
 * call) followed by `end`. A translation (`t('help.html')`) is not safe: its
 * HTML comes from locale files, which are PM-editable, so rendering it raw is
 * the very path by which copy could become markup.
 */
export function isSafeValue(text: string, end: RegExp): boolean {
  const literal = LITERAL.exec(text);
  if (literal) return end.test(text.slice(literal[0].length));
  const call = SANITISER_CALL.exec(text);
  if (!call) return false;
  const close = closingParenthesis(text, call[0].length);
  return close !== undefined && end.test(text.slice(close + 1));
}

/**
 * The offset of the parenthesis that closes the one opened just before
 * `from`, skipping string literals; undefined when the text ends first.
 */
function closingParenthesis(text: string, from: number): number | undefined {
  let depth = 1;
  let quote: string | undefined;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'" || char === '\x60') quote = char;
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return i;
  }
  return undefined;
}
