// Where NODE_EXTRA_CA_CERTS is kept while a node of PM Zone's runs without
// it: node reads and parses the bundle it names before any code runs (about
// 30 ms of CPU for a system's 220 kB one), and neither the agents' guard nor
// a review makes a TLS connection. The agents' hook line (agents/launcherLine.ts)
// and `review --time-limit` (its child) start node so; the git they run gets
// the value back (gitEnvironment.ts), for a helper of git's written for node,
// such as a credential helper `git ls-remote` or `git fetch` runs.
// Constants only, with no import: dist/cli.js, which every command loads first, reads it.

/** The variable the value is kept in. */
export const CERTIFICATES_SET_ASIDE = 'PM_ZONE_NODE_EXTRA_CA_CERTS';
