// Every built-in check id, in the registry's order, as plain names. The
// registry (registry.ts) derives the same list from the checks' definitions,
// which carry every check's code; reading a skill file for its problems
// (`pm-zone check-config`) needs the names alone. A unit test holds the two
// lists equal.

/** ALL_CHECK_IDS of registry.ts, without loading a check. */
export const CHECK_IDS: readonly string[] = [
  'zone.locked',
  'zone.outside',
  'zone.owners',
  'planning.missing',
  'planning.incomplete',
  'flags.ungated',
  'flags.unowned',
  'flags.invalid',
  'analytics.removal',
  'i18n.invalid-json',
  'i18n.removed-key',
  'i18n.placeholder-mismatch',
  'prompts.variables',
  'security.secret',
  'security.pii',
  'security.dangerous-code',
  'analytics.pii',
  'size.large',
  'ai.undisclosed',
];
