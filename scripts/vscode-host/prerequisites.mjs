// The Debian packages the test tiers need on this kind of machine (a real
// VS Code host, the agents' sandboxes, the pre-commit framework), and how to
// tell whether each one is present without asking dpkg (so the check also
// works where the same tools come from elsewhere).
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where Playwright finds the browser: `CHROMIUM_PATH`, else Debian's chromium. */
export function chromiumPath() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** The first executable called `name` on PATH, or undefined. */
export function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function exists(file) {
  try {
    accessSync(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** Debian package name → why it is needed and how to see that it is there. */
const PROBES = {
  git: { why: 'the sample repository is a git repository', present: () => !!findOnPath('git') },
  chromium: { why: 'Playwright drives the VS Code workbench in it', present: () => isExecutable(chromiumPath()) },
  ripgrep: {
    why: "code-server's @vscode/ripgrep is installed from Debian's rg (it cannot download its own here)",
    present: () => !!ripgrepPath(),
  },
  'libkrb5-dev': {
    why: "code-server's kerberos native module compiles against it",
    present: () => !!findOnPath('krb5-config') || exists('/usr/include/gssapi/gssapi.h'),
  },
  'build-essential': {
    why: "node-gyp compiles code-server's native modules",
    present: () => !!findOnPath('make') && !!(findOnPath('g++') || findOnPath('c++')),
  },
  python3: { why: 'node-gyp runs it', present: () => !!findOnPath('python3') },
  'fonts-noto-color-emoji': {
    why: 'the lock badge (an emoji) is drawn in screenshots',
    present: () => exists('/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf'),
  },
  'ca-certificates': { why: 'npm reaches the registry over https', present: () => exists('/etc/ssl/certs/ca-certificates.crt') },
  zsh: { why: "the command line's zsh completion is tested in zsh itself", present: () => !!findOnPath('zsh') },
  fish: { why: "the command line's fish completion is tested in fish itself", present: () => !!findOnPath('fish') },
  strace: { why: "the agent clients' tier sees what each agent program connects to", present: () => !!findOnPath('strace') },
  // The OS sandboxes a pilot PM's coding agents run in (agents init --me); the guard's tests run shell writes in bubblewrap itself.
  bubblewrap: { why: "Claude Code's, Copilot CLI's and srt's sandboxes run commands in it on Linux", present: () => !!findOnPath('bwrap') },
  socat: { why: "Claude Code's and srt's sandboxes carry their commands' network through it", present: () => !!findOnPath('socat') },
  slirp4netns: { why: "Copilot CLI's sandbox gives its commands a network through it", present: () => !!findOnPath('slirp4netns') },
  iptables: { why: "Copilot CLI's sandbox filters its commands' network with it", present: () => !!findOnPath('iptables') || isExecutable('/usr/sbin/iptables') || isExecutable('/sbin/iptables') },
  // A Python program, not on npm: Debian's package is the one way here to run it.
  'pre-commit': { why: 'the real-repositories tier commits through the pre-commit framework where a tree uses it (saleor)', present: () => !!findOnPath('pre-commit') },
};

/** Every package a test tier may need: installed together, so apt runs once. */
export const ALL_PREREQUISITES = Object.keys(PROBES);

/** Debian's rg, preferred over any other on PATH because its version is known to work. */
export function ripgrepPath() {
  return isExecutable('/usr/bin/rg') ? '/usr/bin/rg' : findOnPath('rg');
}

/** The packages among `names` that are missing. */
export function missingPrerequisites(names) {
  return names.filter((name) => {
    const probe = PROBES[name];
    if (!probe) throw new Error(`Unknown prerequisite: ${name}`);
    return !probe.present();
  });
}

/** The exact command that installs `packages` on Debian. */
export function aptInstallLine(packages) {
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  return `${sudo}apt-get update && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

/** How this process can run apt-get: as root, through passwordless sudo, or not at all. */
function rootPrefix() {
  if (process.getuid?.() === 0) return [];
  if (!findOnPath('sudo')) return undefined;
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? ['sudo', '-n'] : undefined;
}

/**
 * Installs the missing packages among `names` when this process may (root, or
 * passwordless sudo), printing the one command it runs; otherwise, or when apt
 * fails, throws with that exact command for the user to run. Only on Debian
 * (apt-get present): elsewhere the check that follows names what is missing.
 */
export function installMissingPrerequisites(names = ALL_PREREQUISITES, log = (line) => console.log(line)) {
  const missing = missingPrerequisites(names);
  if (missing.length === 0 || !findOnPath('apt-get')) return;
  const line = aptInstallLine(missing);
  const prefix = rootPrefix();
  if (!prefix) {
    throw new Error(`Missing Debian packages: ${missing.join(', ')}; this user is not root and has no passwordless sudo. Run: ${line}`);
  }
  log(`Installing the Debian packages the tests need (${prefix.length ? 'with passwordless sudo' : 'as root'}): ${line}`);
  const run = (args) => {
    const [command, ...rest] = [...prefix, ...args];
    return spawnSync(command, rest, { stdio: 'inherit' }).status === 0;
  };
  const ok =
    run(['apt-get', 'update']) &&
    run(['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '--no-install-recommends', ...missing]);
  if (!ok) throw new Error(`Installing the Debian packages failed. Run: ${line}`);
}

/** Throws one readable line naming each missing package and the command that installs them. */
export function requirePrerequisites(names) {
  const missing = missingPrerequisites(names);
  if (missing.length === 0) return;
  const reasons = missing.map((name) => `${name} (${PROBES[name].why})`).join('; ');
  throw new Error(`Missing Debian package${missing.length > 1 ? 's' : ''}: ${reasons}. Run: ${aptInstallLine(missing)}`);
}

// `node scripts/vscode-host/prerequisites.mjs`: the first step of `npm test`
// and `npm run demo`, so that one apt run at the start covers every tier.
// `node scripts/vscode-host/prerequisites.mjs NAME...` only those packages
// (the first step of `npm run test:repos`: pre-commit).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const names = process.argv.length > 2 ? process.argv.slice(2) : ALL_PREREQUISITES;
    installMissingPrerequisites(names);
    requirePrerequisites(names);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
