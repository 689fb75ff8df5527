// A real VS Code (code-server: the workbench plus the Node extension host) for
// machines that can reach the npm registry but not Microsoft's update servers.
// Installed on first use into .vscode-test/, the way @vscode/test-electron
// caches its download, then started per test run or demo. Which VS Code, and
// on which Node, is a target of ./vscode-host/targets.mjs.
/* global fetch, AbortSignal -- Node 20 globals */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installCodeServer, installNodeRuntime, installOnce } from './vscode-host/install.mjs';
import { installMissingPrerequisites, requirePrerequisites } from './vscode-host/prerequisites.mjs';
import { defaultTarget } from './vscode-host/targets.mjs';

export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function codeServerPaths(target = defaultTarget(), root = repositoryRoot) {
  const installDir = join(root, '.vscode-test', `code-server-${target.codeServer}`);
  const packageDir = join(installDir, 'node_modules', 'code-server');
  return {
    version: target.codeServer,
    installDir,
    entry: join(packageDir, 'out', 'node', 'entry.js'),
    vscodeModules: join(packageDir, 'lib', 'vscode', 'node_modules'),
    marker: join(installDir, '.installed'),
    installLog: join(installDir, 'install.log'),
  };
}

/**
 * The Node a target's code-server runs on: the machine's own when the target
 * names none or that very version, else one installed from npm into .vscode-test/.
 */
export function nodeRuntimePaths(target = defaultTarget(), root = repositoryRoot) {
  return nodeVersionPaths(target.node, root);
}

/** Node `version` (such as 24.21.0): the machine's own when it is that version, else one from npm. */
export function nodeVersionPaths(version, root = repositoryRoot) {
  if (!version || version === process.versions.node) {
    return { binary: process.execPath, version: process.versions.node, own: true };
  }
  const packageName = `node-${process.platform}-${process.arch}`;
  const installDir = join(root, '.vscode-test', `node-${version}`);
  const packageDir = join(installDir, 'node_modules', packageName);
  return {
    own: false,
    version,
    packageName,
    installDir,
    binary: join(packageDir, 'bin', 'node'),
    // node-gyp's --nodedir: the package carries include/node like Node's own tarball.
    headers: packageDir,
    marker: join(installDir, '.installed'),
    installLog: join(installDir, 'install.log'),
  };
}

/** The VS Code version inside a target's installed code-server, such as 1.139.1. */
export function vscodeVersion(target = defaultTarget()) {
  const { installDir } = codeServerPaths(target);
  return JSON.parse(readFileSync(join(installDir, 'node_modules', 'code-server', 'lib', 'vscode', 'package.json'), 'utf8')).version;
}

/** "VS Code 1.139.1 (code-server 4.139.1, Node 24.21.0)": what a run says it ran on. */
export function describeTarget(target = defaultTarget()) {
  return `VS Code ${vscodeVersion(target)} (code-server ${target.codeServer}, Node ${nodeRuntimePaths(target).version})`;
}

/**
 * Installs a target's code-server (and its Node) once; later calls return at
 * once. `browser: false` skips the chromium check for callers that let the
 * user bring their own browser. Concurrent first calls (two test runs at
 * once) install it only once.
 */
export async function ensureCodeServer({ target = defaultTarget(), browser = true, log = (line) => console.error(line) } = {}) {
  const paths = codeServerPaths(target);
  const node = nodeRuntimePaths(target);
  const installed = () => existsSync(paths.marker) && existsSync(paths.entry);
  const needed = [
    'git',
    'fonts-noto-color-emoji',
    ...(browser ? ['chromium'] : []),
    ...(installed() ? [] : ['ca-certificates', 'ripgrep', 'libkrb5-dev', 'build-essential', 'python3']),
  ];
  installMissingPrerequisites(needed, log);
  requirePrerequisites(needed);
  await ensureNode(node, log);
  if (!installed()) await installOnce(paths.installDir, installed, () => installCodeServer(paths, node, log), log);
  return { ...paths, node: node.binary };
}

/** Node `version` ready to run: its binary's path (installed from npm once unless the machine runs it). */
export async function ensureNodeVersion(version, { log = (line) => console.error(line) } = {}) {
  const node = nodeVersionPaths(version);
  await ensureNode(node, log);
  return node.binary;
}

async function ensureNode(node, log) {
  const installed = () => node.own || (existsSync(node.marker) && existsSync(node.binary));
  if (!installed()) await installOnce(node.installDir, installed, () => installNodeRuntime(node, log), log);
}

/** A free TCP port on 127.0.0.1: `preferred` or the next free one after it, else any the system gives. */
export async function freePort(preferred) {
  if (preferred === undefined) return listenOnce(0);
  for (let port = preferred; port < preferred + 50; port++) {
    try {
      return await listenOnce(port);
    } catch {
      // taken: try the next one
    }
  }
  throw new Error(`No free port between ${preferred} and ${preferred + 49}`);
}

function listenOnce(port) {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      server.close(() => resolvePromise(bound));
    });
  });
}

/**
 * Starts code-server on `workspace` and resolves once it answers HTTP.
 * Workspace trust is off unless `workspaceTrust` is true (then the folder
 * opens untrusted); `settings` are user settings on top of quiet defaults;
 * `env` is added to the server's (and so the extension host's) environment.
 */
export async function startCodeServer({
  target = defaultTarget(),
  workspace,
  port,
  userDataDir,
  extensionsDir,
  workspaceTrust = false,
  settings = {},
  env = {},
  withoutBuiltins = [],
  installed = [],
  testPayload = false,
  logFile = join(userDataDir, 'code-server.log'),
  startupTimeoutMs = 60_000,
}) {
  const paths = await ensureCodeServer({ target, browser: false });
  const chosenPort = port ?? (await freePort());
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  for (const extensionDir of installed) linkInstalledExtension(extensionDir, extensionsDir);
  mkdirSync(dirname(logFile), { recursive: true });
  // An own config file, so code-server neither reads nor writes ~/.config/code-server.
  const configFile = join(userDataDir, 'code-server.yaml');
  writeFileSync(configFile, 'auth: none\n');
  writeUserSettings(userDataDir, settings);
  const args = [
    paths.entry,
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${chosenPort}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    ...(testPayload ? developmentPayloadArgs(paths) : []),
    ...(withoutBuiltins.length > 0 ? ['--builtin-extensions-dir', builtinsWithout(paths, withoutBuiltins, userDataDir)] : []),
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    workspace,
  ];
  const logFd = openSync(logFile, 'a');
  const child = spawn(paths.node, args, {
    env: { ...serverEnvironment(), ...env },
    stdio: ['ignore', logFd, logFd],
    // Its own process group, so stop() also ends the extension host and the other helpers it spawns.
    detached: true,
  });
  closeSync(logFd);
  const exited = new Promise((resolvePromise) => child.once('exit', (code, signal) => resolvePromise({ code, signal })));
  const url = `http://127.0.0.1:${chosenPort}`;
  const stop = () => stopGroup(child, exited);
  try {
    await waitUntilServing(url, exited, startupTimeoutMs);
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n--- ${logFile} ---\n${tail(logFile)}`, { cause: error });
  }
  return { url, port: chosenPort, logFile, exited, stop };
}

/**
 * Since VS Code 1.10x a built workbench reads the URL's payload (how
 * extensionDevelopmentPath and extensionTestsPath reach it) only with the
 * smoke-test driver enabled, a VS Code server flag newer code-servers pass
 * through `--vscode-option`; older ones read the payload as it is. The driver
 * also hides every notification toast and the trust prompt, so only the
 * integration tier, whose tests run inside the extension host, asks for it.
 */
function developmentPayloadArgs(paths) {
  const cli = readFileSync(join(dirname(paths.entry), 'cli.js'), 'utf8');
  return cli.includes('"vscode-option"') ? ['--vscode-option', 'enable-smoke-test-driver'] : [];
}

/**
 * Makes `extensionDir` an installed extension of `extensionsDir`, linked under
 * the folder name an install gives it (publisher.name-version): the window
 * then runs it as a user's VS Code does, toasts, dialogs and trust prompt
 * included, with no development payload and no smoke-test driver.
 */
export function linkInstalledExtension(extensionDir, extensionsDir) {
  const { publisher, name, version } = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));
  const link = join(extensionsDir, `${publisher}.${name}-${version}`);
  rmSync(link, { recursive: true, force: true });
  symlinkSync(resolve(extensionDir), link, 'dir');
  return link;
}

/**
 * A folder that links every built-in extension but `names`, for
 * --builtin-extensions-dir (which replaces VS Code's own list). The tests'
 * stand-in GitHub sign-in needs the built-in one out of the way: from VS Code
 * 1.10x on, its provider of the same id wins, and its real OAuth flow cannot
 * finish offline.
 */
function builtinsWithout(paths, names, userDataDir) {
  const builtins = join(dirname(paths.entry), '..', '..', 'lib', 'vscode', 'extensions');
  const kept = join(userDataDir, 'builtin-extensions');
  rmSync(kept, { recursive: true, force: true });
  mkdirSync(kept, { recursive: true });
  for (const name of readdirSync(builtins)) {
    if (!names.includes(name)) symlinkSync(join(builtins, name), join(kept, name));
  }
  return kept;
}

// A quiet, repeatable workbench: no welcome page, tips, recommendations or
// gallery checks (the gallery is out of reach offline anyway).
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  // VS Code for the web saves after a delay by default; desktop does not. Tests
  // that need auto-save turn it on themselves.
  'files.autoSave': 'off',
};

function writeUserSettings(userDataDir, settings) {
  const userDir = join(userDataDir, 'User');
  mkdirSync(userDir, { recursive: true });
  writeFileSync(join(userDir, 'settings.json'), `${JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2)}\n`);
}

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** The caller's environment minus what would turn code-server into a client of another VS Code. */
function serverEnvironment() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE' || key === 'PASSWORD' || key === 'HASHED_PASSWORD') {
      delete env[key];
    }
  }
  return env;
}

async function waitUntilServing(url, exited, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let exit;
  exited.then((result) => (exit = result));
  while (Date.now() < deadline) {
    if (exit) throw new Error(`code-server exited before serving (${exit.signal ?? `exit ${exit.code}`})`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs / 1000} s`);
}

async function stopGroup(child, exited) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  signalGroup(child.pid, 'SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), new Promise((r) => setTimeout(() => r(true), 5_000))]);
  // Helpers such as the extension host may outlive the leader; the group kill ends them too.
  signalGroup(child.pid, 'SIGKILL');
  if (timedOut) await exited;
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}
