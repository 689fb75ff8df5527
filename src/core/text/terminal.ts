// Text from a repository or from GitHub, shown in a terminal: a file name,
// a commit author or a pull request title may hold escape sequences that
// retitle the terminal, move the cursor over an earlier line or reverse the
// text after them. They are shown as git shows such names (core.quotePath):
// C escapes for the usual controls, octal bytes of UTF-8 for the rest; a
// name that needs any is put in double quotes. Letters of every script are
// kept as they are.

/** Characters that act on a terminal instead of being shown: controls (tab and line feed aside are decided by the caller), and the bidirectional formatting marks. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped
const ACTING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped
const ACTING_WITH_BREAKS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const C_ESCAPES: Record<string, string> = { '\u0007': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\u000b': '\\v', '\f': '\\f', '\r': '\\r' };

function gitEscape(char: string): string {
  return C_ESCAPES[char] ?? [...Buffer.from(char, 'utf8')].map((byte) => `\\${byte.toString(8).padStart(3, '0')}`).join('');
}

/** Prose for a terminal: every acting character escaped; line feeds and tabs kept unless `oneLine`. */
export function escapeControls(text: string, options: { oneLine?: boolean } = {}): string {
  return text.replace(options.oneLine ? ACTING_WITH_BREAKS : ACTING, gitEscape);
}

/** A name as git prints it: as is, or in double quotes with C and octal escapes when it holds an acting character, a quote or a backslash. */
export function quoteName(name: string): string {
  ACTING_WITH_BREAKS.lastIndex = 0;
  if (!ACTING_WITH_BREAKS.test(name) && !/["\\]/.test(name)) return name;
  return `"${name.replace(/["\\]/g, '\\$&').replace(ACTING_WITH_BREAKS, gitEscape)}"`;
}

/** JSON text for a terminal: the acting characters JSON.stringify leaves raw (DEL, C1, bidirectional marks) as `\u` escapes, valid inside JSON strings. */
export function escapeJsonControls(json: string): string {
  return json.replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
