// Installing code-server from the npm registry on a machine that reaches
// nothing else: Debian's rg stands in for @vscode/ripgrep's GitHub download,
// npm runs the install scripts as root, and a lock keeps two first runs from
// installing over each other.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ripgrepPath } from './prerequisites.mjs';

// @vscode/ripgrep's postinstall looks for this archive before downloading from GitHub.
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

/** Installs code-server into `paths.installDir` unless `installed()` becomes true while waiting for another installer. */
export async function installOnce(paths, installed, log) {
  const release = await acquireInstallLock(paths, installed, log);
  try {
    if (!installed()) await install(paths, log);
  } finally {
    release();
  }
}

async function install(paths, log) {
  const started = Date.now();
  log(`Installing code-server ${paths.version} into ${paths.installDir} (about a minute, once)…`);
  rmSync(paths.installDir, { recursive: true, force: true });
  mkdirSync(paths.installDir, { recursive: true });
  const tmp = tmpdir();
  writeRipgrepCache(tmp);
  await runNpmInstall(paths, tmp);
  if (!existsSync(paths.vscodeModules) || !existsSync(paths.entry)) {
    throw new Error(`code-server's install scripts did not run (${paths.vscodeModules} is missing); see ${paths.installLog}`);
  }
  writeFileSync(paths.marker, `code-server@${paths.version} installed ${new Date().toISOString()}\n`);
  log(`Installed code-server in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

/** A lock directory next to the install, holding the installer's pid; a dead installer's lock is taken over. */
async function acquireInstallLock(paths, installed, log, timeoutMs = 10 * 60_000) {
  const lockDir = `${paths.installDir}.lock`;
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
    if (Date.now() > deadline) throw new Error(`Gave up waiting for another code-server install (${lockDir})`);
    if (!announced) log('Waiting for another process that is installing code-server…');
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

/** A tarball holding Debian's rg as `rg`, where @vscode/ripgrep looks for its cached download. */
function writeRipgrepCache(tmp) {
  const cacheDir = join(tmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const archive = join(cacheDir, RIPGREP_ARCHIVE);
  mkdirSync(cacheDir, { recursive: true });
  const rg = ripgrepPath();
  // Written afresh each install (a second), then renamed into place, so a broken earlier archive never sticks.
  // rg was found under that very name; -h stores the file itself when it is a symlink.
  const partial = `${archive}.${process.pid}.partial`;
  execFileSync('tar', ['-czhf', partial, '-C', dirname(rg), 'rg']);
  renameSync(partial, archive);
}

function runNpmInstall(paths, tmp) {
  const npmCli = process.env.npm_execpath;
  const [command, prefixArgs] = npmCli?.endsWith('.js') ? [process.execPath, [npmCli]] : ['npm', []];
  const args = [
    ...prefixArgs,
    'install',
    '--prefix', paths.installDir,
    '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error',
    ...(process.getuid?.() === 0 ? ['--unsafe-perm'] : []),
    `code-server@${paths.version}`,
  ];
  // The postinstall runs `npx node-gyp`, which waits for a "yes" that never comes when npm's config says yes=false.
  const env = { ...process.env, npm_config_yes: 'true', TMPDIR: tmp };
  const logFd = openSync(paths.installLog, 'w');
  const child = spawn(command, args, { env, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) return resolvePromise();
      reject(new Error(`npm install code-server@${paths.version} failed (${signal ?? `exit ${code}`}):\n${tail(paths.installLog)}`));
    });
  });
}

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
