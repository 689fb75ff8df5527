/**
 * Prefixes that name a kind of credential without revealing any of it. Longest
 * first, so `sk-ant-` wins over `sk-`.
 */
const KNOWN_PREFIXES = [
  'https://hooks.slack.com/services/',
  'github_pat_',
  'sk-svcacct-',
  'sk-admin-',
  'sk_live_',
  'rk_live_',
  'sk_test_',
  'rk_test_',
  'sk-proj-',
  'sk-ant-',
  'glpat-',
  'xoxb-',
  'xoxp-',
  'xoxa-',
  'xoxr-',
  'xoxs-',
  'ghp_',
  'gho_',
  'ghu_',
  'ghs_',
  'ghr_',
  'npm_',
  'AKIA',
  'ASIA',
  'AIza',
  'sk-',
];

/** At most this many characters of an unrecognised value are kept. */
const MAX_PLAIN_PREFIX = 4;

/**
 * A value shortened so that it can be shown, logged or printed as JSON without
 * leaking it: a recognisable prefix, an ellipsis and the full length, as in
 * `ghp_…(40)`. The prefix is a known token prefix (the rule's own, when it
 * names one shorter than half the value), or at most four characters
 * and never more than a quarter of the value, so short secrets keep almost
 * nothing.
 */
export function redactSecret(s: string, knownPrefix?: string): string {
  const length = [...s].length;
  const given = knownPrefix && knownPrefix.length < s.length / 2 && s.startsWith(knownPrefix) ? knownPrefix : undefined;
  const known = given ?? KNOWN_PREFIXES.find((prefix) => s.startsWith(prefix) && prefix.length < s.length);
  const keep = known ?? [...s].slice(0, Math.min(MAX_PLAIN_PREFIX, Math.floor(length / 4))).join('');
  return `${keep}…(${length})`;
}
