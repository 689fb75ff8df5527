// The built program as users run it: dist/cli.js (with dist/core.js and
// dist/vega.js beside it) and dist/action.js, in child processes with real
// streams and exit statuses. `npm run test:bundle` builds dist/ first.
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliOptions, CliRun } from '../../unit/cli/support/cli';

export type { CliRun };

export const repositoryRoot = path.resolve(__dirname, '..', '..', '..');

/** A file of dist/, which must be there: this tier tests what the build wrote. */
export function built(file: 'cli.js' | 'action.js'): string {
  const absolute = path.join(repositoryRoot, 'dist', file);
  if (!existsSync(absolute)) throw new Error(`dist/${file} is missing: npm run test:bundle builds it first (node scripts/build.mjs)`);
  return absolute;
}

/** The environment a child program runs with: the machine's git configuration shut out. */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toUpperCase().startsWith('GIT_')));
  return { ...env, GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', ...extra };
}

/** Runs dist/cli.js with `node` (by absolute path) in a child process. */
export function spawnCli(argv: string[], options: CliOptions = {}): Promise<CliRun> {
  const script = built('cli.js');
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [script, ...argv],
      { cwd: options.cwd ?? os.tmpdir(), env: options.env ?? childEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 128) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.stdin);
  });
}

/**
 * PM Zone installed into `root`'s node_modules from dist/, as `npm install
 * --save-dev pm-zone` lays it out: what the agents' hooks run.
 */
export async function installPackage(root: string): Promise<void> {
  const installed = path.join(root, 'node_modules', 'pm-zone');
  await fs.mkdir(path.join(installed, 'dist'), { recursive: true });
  // identity.json: the signed hashes the launcher checks before it runs the guard.
  for (const file of ['guard.js', 'core.js', 'cli.js', 'run.js', 'zone.js', 'review.js', 'review-libraries.js', 'config.js', 'vega.js', 'shell-parser.js', 'guard-libraries.js', 'guard-glob.js', 'web-tree-sitter.wasm', 'tree-sitter-bash.wasm', 'identity.json']) {
    const from = path.join(repositoryRoot, 'dist', file);
    if (!existsSync(from)) throw new Error(`dist/${file} is missing: npm run test:bundle builds it first (node scripts/build.mjs)`);
    await fs.copyFile(from, path.join(installed, 'dist', file));
  }
  // What the published manifest says to an installer: its program, and that Yarn's Plug'n'Play unpacks it (the guard's launcher runs it from a folder, not a zip).
  const { version, preferUnplugged } = JSON.parse(await fs.readFile(path.join(repositoryRoot, 'package.json'), 'utf8')) as { version: string; preferUnplugged?: boolean };
  await fs.writeFile(path.join(installed, 'package.json'), JSON.stringify({ name: 'pm-zone', version, bin: { 'pm-zone': './dist/cli.js' }, preferUnplugged }));
  // npm makes a package's programs executable as it installs them.
  await fs.chmod(path.join(installed, 'dist', 'cli.js'), 0o755);
}
