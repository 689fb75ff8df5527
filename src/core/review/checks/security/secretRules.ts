import type { Severity } from '../../../types';
import { GENERIC_RULES } from './genericSecrets';
import { isPlaceholder, isSpelledOut } from './placeholders';
import { PROVIDER_RULES } from './providers';

/** What a rule sees around a match, to confirm it. */
export interface MatchContext {
  /** The rest of the line after the match. */
  after: string;
  /** Up to three lines of the new text after the matched line. */
  following: string[];
  /** The matched line and up to four lines either side of it. */
  nearby: string[];
}

/** One kind of credential: a fixed, linear pattern and what confirms a match. */
export interface SecretRule {
  /** What a PM reads: "GitHub token". */
  kind: string;
  /** Global; with the `d` flag when `group` is set. */
  pattern: RegExp;
  /** The capture group holding the secret; the whole match when absent. */
  group?: number;
  /** The capture group holding the name the secret is assigned to, for generic rules. */
  nameGroup?: number;
  /** The fixed part of the secret before its random body: kept when the secret is shown redacted. */
  prefix?: RegExp;
  severity: Severity;
  /** What to do about it; "remove it and rotate the credential" when absent. */
  advice?: string;
  /** For generic rules: true when the name the value is given says it is a credential (tested first: it is cheap). */
  nameTest?(name: string): boolean;
  /** True when the match is a credential (after the placeholder test). */
  confirm?(secret: string, around: MatchContext, name: string | undefined): boolean;
  /** The severity of a confirmed match when it depends on the secret (a checksum that holds or fails). */
  grade?(secret: string): Severity;
  /** When the secret itself is not what is shown, such as the header of a key block. */
  shown?(secret: string): string;
  /** Not global: a block of lines this does not match cannot hold the secret (a cheap test before `pattern`). */
  quickTest?: RegExp;
  /** Not global: a file whose new text this does not match cannot hold the secret (an AWS key id for its secret key). */
  fileTest?: RegExp;
  /** Only where people write configuration and code, never in translated copy (the generic rules). */
  notInCopy?: boolean;
  /** Not in source code, where the syntax it reads means something else. */
  notInCode?: boolean;
  /** In a test or fixture file a match is taken for a made-up fixture: it warns instead of blocking. */
  warnsInTests?: boolean;
}

const ROTATE = 'remove it and rotate the credential';

/**
 * Provider rules first, then the generic ones: a match is reported once, by
 * the first rule that covers it, so a GitHub token in `token: "ghp_..."` is a
 * GitHub token and not a generic secret. No pattern has a quantifier inside a
 * quantified group, so matching stays linear in the line length.
 */
export const SECRET_RULES: readonly SecretRule[] = [...PROVIDER_RULES, ...GENERIC_RULES];

export function adviceOf(rule: SecretRule): string {
  return rule.advice ?? ROTATE;
}

/** The random part of a secret, without its well-known prefix. */
export function bodyOf(rule: SecretRule, secret: string): string {
  return rule.prefix ? secret.replace(rule.prefix, '') : secret;
}

/** True when the rule's match is a credential and not a placeholder. */
export function isCredential(rule: SecretRule, secret: string, around: MatchContext, name: string | undefined): boolean {
  if (rule.nameTest && !rule.nameTest(name ?? '')) return false;
  // A vendor's own prefix and format say it is a token: only a plain placeholder is excused, not a stretch that counts or repeats.
  const vendorToken = rule.prefix !== undefined && rule.prefix.source !== '^';
  if (rule.kind !== 'private key' && isPlaceholder(secret, bodyOf(rule, secret), { stretches: !vendorToken })) return false;
  // A provider generates its tokens; a person may choose a passphrase of words, so only a token's body is read for them.
  if (rule.prefix !== undefined && rule.prefix.source !== '^' && isSpelledOut(bodyOf(rule, secret))) return false;
  return rule.confirm ? rule.confirm(secret, around, name) : true;
}
