// The end-to-end tier: mocha suites under test/e2e/ (run through tsx) that
// drive the workbench UI with Playwright, each on its own code-server and
// sample repository. Run in a child process so a hung browser cannot take
// the runner down with it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { TARGET_ENV } from './targets.mjs';

export function runE2eTier({ target, repositoryRoot, extensionDir, screenshotDir, grep, print = (line) => process.stdout.write(line) }) {
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
    'test/e2e/**/*.e2e.ts',
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
