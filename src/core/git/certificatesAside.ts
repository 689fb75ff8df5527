// Where NODE_EXTRA_CA_CERTS is kept while a node of PM Zone's runs without
// it: node reads and parses the bundle it names before any code runs (about
// 30 ms of CPU for a system's 220 kB one), and neither the agents' guard nor
// a review makes a TLS connection. The agents' hook lines
// (agents/launcherLine.ts), the pre-commit hook (hookScript.ts) and
// `review --time-limit` (its child) start node so; the git they run gets the
// value back (gitEnvironment.ts), for a helper of git's written for node,
// such as a credential helper `git ls-remote` or `git fetch` runs.
// Constants and a small function, with no import: dist/cli.js, which every
// command loads first, reads it.

/** The variable the value is kept in. */
export const CERTIFICATES_SET_ASIDE = 'PM_ZONE_NODE_EXTRA_CA_CERTS';

/** The assignments an sh line writes before the node it starts: the value kept aside, the variable emptied. */
export const SH_WITHOUT_CERTIFICATES = `${CERTIFICATES_SET_ASIDE}=$NODE_EXTRA_CA_CERTS NODE_EXTRA_CA_CERTS=`;

/** `env` for a node started from node: the same, where the variable names a bundle. */
export function withoutCertificates(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (!env.NODE_EXTRA_CA_CERTS) return env;
  return { ...env, [CERTIFICATES_SET_ASIDE]: env.NODE_EXTRA_CA_CERTS, NODE_EXTRA_CA_CERTS: '' };
}
