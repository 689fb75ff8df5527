// The end-to-end tier: mocha suites under test/e2e/ (run through tsx) that
// drive the workbench UI with Playwright, each on its own code-server and
// sample repository. Run in a child process so a hung browser cannot take
// the runner down with it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { TARGET_ENV, targetNamed, VSCODE_TARGETS } from './targets.mjs';

const ALL_SUITES = 'test/e2e/**/*.e2e.ts';

/**
 * The walks that run on the oldest VS Code too (a PM's week whose surfaces
 * changed most between 1.90 and now: the sign-in dialog, the sidebar, the
 * hover, Source Control; and the commit the hook blocks, fixed and committed
 * again, whose keys 1.90 once lost). The rest of the tier runs on the newest
 * only, so the tier takes a few minutes more, not twice as long.
 */
export const ON_EVERY_VERSION = ['test/e2e/reviewRoundTrip.e2e.ts', 'test/e2e/blockedCommit.e2e.ts'];

/**
 * The runs of the tier: one VS Code when PM_ZONE_VSCODE names one (every
 * suite on it); else every suite on the newest, and ON_EVERY_VERSION on the oldest.
 */
export function e2eRuns(env = process.env) {
  const named = env[TARGET_ENV]?.trim();
  if (named && named !== 'both') return [{ target: targetNamed(named), suites: [ALL_SUITES] }];
  return [{ target: VSCODE_TARGETS.newest, suites: [ALL_SUITES] }, { target: VSCODE_TARGETS.oldest, suites: ON_EVERY_VERSION }];
}

export function runE2eTier({ target, suites = [ALL_SUITES], repositoryRoot, extensionDir, screenshotDir, grep, print = (line) => process.stdout.write(line) }) {
  const mocha = join(repositoryRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const args = [
    mocha,
    '--no-config',
    '--require', 'tsx/cjs',
    '--extension', 'ts',
    '--ui', 'bdd',
    '--reporter', 'spec',
    // Like the integration tier, whose host relays no colours.
    '--no-color',
    '--timeout', '180000',
    ...(grep ? ['--grep', grep] : []),
    ...suites,
  ];
  // Every code-server the suites start is this target's (defaultTarget() reads it).
  const env = { ...process.env, [TARGET_ENV]: target.name, PM_ZONE_EXTENSION_DIR: extensionDir, PM_ZONE_SCREENSHOT_DIR: screenshotDir };
  const child = spawn(process.execPath, args, { cwd: repositoryRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  let partial = '';
  const relay = (chunk) => {
    const text = chunk.toString('utf8');
    print(text);
    const lines = (partial + text).split('\n');
    partial = lines.pop();
    output.push(...lines);
  };
  child.stdout.on('data', relay);
  child.stderr.on('data', relay);
  return {
    stop: () => child.kill('SIGTERM'),
    done: new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => {
        if (partial) output.push(partial);
        resolve({ exitCode: code ?? 1, signal, output });
      });
    }),
  };
}
