// Building blocks of the provider rules: a token standing alone in its text,
// never glued to a longer word, and matched in linear time (no quantifier
// inside a quantified group).
import type { Severity } from '../../../../types';
import type { SecretRule } from '../secretRules';

/** Characters that may not touch a token on either side. */
const WORD = 'A-Za-z0-9_';

/**
 * A global pattern for `body` with nothing of `edge` (a character class body)
 * directly before or after it.
 */
export function standalone(body: string, edge = WORD): RegExp {
  // `=` pads base64 on the right, and assigns on the left (`KEY=token`).
  const before = edge.replace('=', '');
  return new RegExp(`(?<![${before}])(?:${body})(?![${edge}])`, 'g');
}

export interface TokenOptions {
  /** The character class body that may not touch the token; letters, digits and `_` by default. */
  edge?: string;
  severity?: Severity;
  advice?: string;
  confirm?: SecretRule['confirm'];
  grade?: SecretRule['grade'];
  /** A literal every such token holds, when the prefix is not one (`atlasv1`, `:AA`). */
  hint?: string;
}

/**
 * A provider's token: `kind` is what a PM reads ("Slack bot token"), `prefix`
 * the fixed part before the random body, `body` the pattern of the whole
 * token.
 */
export function token(kind: string, prefix: RegExp, body: string, options: TokenOptions = {}): SecretRule {
  return {
    kind,
    pattern: standalone(body, options.edge),
    prefix,
    // Most lines hold no token: the prefix, found anywhere, is a cheap first test.
    ...(options.hint ? { quickTest: new RegExp(escapeRegExp(options.hint)) } : prefix.source.length > 1 ? { quickTest: new RegExp(prefix.source.replace(/^\^/, '')) } : {}),
    severity: options.severity ?? 'error',
    ...(options.advice ? { advice: options.advice } : {}),
    ...(options.confirm ? { confirm: options.confirm } : {}),
    ...(options.grade ? { grade: options.grade } : {}),
  };
}

/** Upper, lower case and digits all present: how generated base62 bodies look. */
export function mixesCase(text: string): boolean {
  return /[a-z]/.test(text) && /[A-Z]/.test(text) && /\d/.test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
