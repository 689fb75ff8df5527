// The stable ids of the built-in review checks. Skill files, findings, SARIF
// rules and the PR body all speak of checks by these ids.

export const ALL_CHECK_IDS = [
  'zone.locked',
  'zone.outside',
  'zone.owners',
  'planning.missing',
  'planning.incomplete',
  'flags.unowned',
  'flags.invalid',
  'flags.ungated',
  'analytics.removal',
  'analytics.pii',
  'i18n.invalid-json',
  'i18n.removed-key',
  'i18n.placeholder-mismatch',
  'prompts.variables',
  'security.secret',
  'security.pii',
  'security.dangerous-code',
  'size.large',
  'ai.undisclosed',
] as const;

export type CheckId = (typeof ALL_CHECK_IDS)[number];

/**
 * The security-and-privacy checks. They always run and always block: a skill
 * file that omits them, or lists them in a section that does not block, does
 * not switch them off.
 */
export const ALWAYS_ON_CHECK_IDS: readonly CheckId[] = ['security.secret', 'security.pii', 'security.dangerous-code', 'analytics.pii'];

const KNOWN = new Set<string>(ALL_CHECK_IDS);

export function isCheckId(id: string): id is CheckId {
  return KNOWN.has(id);
}

/**
 * Checks whose findings are notes for the reviewers (who must review), never
 * a problem with the change: an item they fill is not "failed".
 */
export const NOTE_ONLY_CHECK_IDS: ReadonlySet<string> = new Set(['zone.owners']);
