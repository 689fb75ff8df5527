#!/usr/bin/env node
// `npm run demo`: the extension, freshly built, in a browser VS Code
// (code-server) on the Acme Shop sample repository. Stays in the foreground
// until Ctrl-C.
//
//   node scripts/demo.mjs [--port N] [--branch NAME]
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeTarget, ensureCodeServer, freePort, repositoryRoot, startCodeServer } from './code-server.mjs';
import { createSampleRepo } from './sample-repo.mjs';
import { workbenchUrl } from './vscode-host/browser.mjs';

const { values: options } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    branch: { type: 'string' },
  },
});
const preferredPort = Number(options.port);
if (!Number.isInteger(preferredPort) || preferredPort < 1 || preferredPort > 65535) {
  console.error(`demo: --port takes a port number, not ${options.port}`);
  process.exit(2);
}

const demoDir = join(repositoryRoot, '.demo');
const started = Date.now();
try {
  // No browser is launched here: the user opens the URL in their own.
  await ensureCodeServer({ browser: false, log: (line) => console.log(line) });
} catch (error) {
  console.error(`demo: ${error.message}`);
  process.exit(1);
}

const build = spawnSync(process.execPath, [join(repositoryRoot, 'scripts', 'build.mjs')], { cwd: repositoryRoot, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('demo: building the extension failed (node scripts/build.mjs).');
  process.exit(1);
}

// Fresh every time, so the demo always starts from the same story.
rmSync(demoDir, { recursive: true, force: true });
mkdirSync(demoDir, { recursive: true });
const { root: workspace, branch } = createSampleRepo(join(demoDir, 'acme-shop'), { branch: options.branch });

const server = await startCodeServer({
  workspace,
  port: await freePort(preferredPort),
  userDataDir: join(demoDir, 'user-data'),
  extensionsDir: join(demoDir, 'extensions'),
  // Installed (linked from this checkout), so the window is a user's: toasts, dialogs and all.
  installed: [repositoryRoot],
  logFile: join(demoDir, 'code-server.log'),
});
const url = workbenchUrl({ serverUrl: server.url, folder: workspace });

console.log(`
PM Zone demo: ${describeTarget()} is ready in ${((Date.now() - started) / 1000).toFixed(1)} s.

Open this URL in a browser (?folder= is the sample repository; PM Zone is installed from this checkout):

  ${url}

Sample repository: ${workspace} (branch ${branch})${options.branch ? '' : '\nTip: --branch alice/checkout-copy starts on a PM branch with a one-word copy change to review.'}
Server log: ${server.logFile}
Press Ctrl-C to stop.
`);

let stopping = false;
const stop = async (signal) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping code-server…`);
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
const { code, signal } = await server.exited;
if (!stopping) {
  console.error(`demo: code-server stopped on its own (${signal ?? `exit ${code}`}); see ${server.logFile}`);
  process.exit(1);
}
