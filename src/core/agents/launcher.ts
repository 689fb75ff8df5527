import { GUARD_LAUNCHER } from './configPaths';
import { trustedGuardKeys, VERIFIED_IDENTITY } from './guardKeys';
import { DEFAULT_PACKAGE_MANAGER, LOCKFILES, PACKAGE_MANAGER_FIELD, PACKAGE_MANAGER_NAMES, packageManagerNamed, PNPM_WORKSPACE_FILE, YARN_BERRY_FILE, YARN_BERRY_LOCKFILE, type PackageManager } from '../repository/packageManager';
import { GUARD_RUNNER } from './guardRunner';
import { KEPT_ANSWERS_FORMAT, KEPT_ANSWERS_SOURCE } from './keptAnswers';
import { GUARD_CHAIN, GUARD_CHAIN_FILE, GUARD_CHAIN_FORMAT, GUARD_CHAIN_MAX_BYTES, STATE_OF_STATS } from './guardChain';
import { GIT_RECORDS_FOLDER, PERSONAL_FOLDER } from './personal/lockedArea';
import { GUARDED_FILE } from './personal/userLauncher';

const MISSING = "PM Zone: this repository's coding-agent hooks run PM Zone's guard, which is not installed here (no node_modules/pm-zone, no PM Zone extension in VS Code, Cursor or Windsurf, and no pm-zone on PATH), so edits are not checked against the PM zone. ";

/** Said once per agent session when the guard is not installed where the hook runs, in the repository's package manager's words (the launcher picks them when it runs). */
export function guardMissingMessage(manager: Pick<PackageManager, 'install' | 'addDev'> = DEFAULT_PACKAGE_MANAGER): string {
  return `${MISSING}Tell the user: install the PM Zone extension, or run \`${manager.install}\` (the repository lists pm-zone as a devDependency) or \`${manager.addDev}\`, then try again. PM Zone says this once per session.`;
}

/** Said for every tool call while PM Zone is missing, to a pilot PM who turned the guard on for themself (`agents init --me`). */
export function guardMissingForPilotMessage(manager: Pick<PackageManager, 'install' | 'addDev'> = DEFAULT_PACKAGE_MANAGER): string {
  return `${MISSING}You turned PM Zone's guard on for your own coding agents (agents init --me, recorded in ~/${PERSONAL_FOLDER}/${GUARDED_FILE}), so every tool call is refused until it runs. Tell the user: install the PM Zone extension, or run \`${manager.install}\` (the repository lists pm-zone as a devDependency) or \`${manager.addDev}\`, then try again.`;
}

/** The message as an npm repository reads it. */
export const GUARD_MISSING_MESSAGE = guardMissingMessage();

/** Where the launcher's messages take the package manager's words, which it picks when it runs: the launcher is the same file in every repository. */
const PLACEHOLDERS = { install: '<install>', addDev: '<add-dev>' };

/** Each manager's words, without and with a workspace at the root. */
const MANAGER_WORDS = Object.fromEntries(PACKAGE_MANAGER_NAMES.map((name) => [name, [false, true].map((workspace) => {
  const { install, addDev } = packageManagerNamed(name, { workspace });
  return { install, addDev };
})]));

/**
 * The editors' extension folders under the home folder, where PM Zone sits
 * as `pm-zone.pm-zone-<version>`: VS Code, VS Code Insiders, VS Code Server
 * (Remote SSH, WSL, containers; Codespaces' `.vscode-remote`), Cursor and
 * Windsurf with their servers, and VSCodium. code-server keeps its own under
 * the XDG data folder; `VSCODE_EXTENSIONS` moves VS Code's.
 */
export const EDITOR_EXTENSION_FOLDERS: readonly string[] = [
  '.vscode/extensions',
  '.vscode-insiders/extensions',
  '.vscode-server/extensions',
  '.vscode-server-insiders/extensions',
  '.vscode-remote/extensions',
  '.cursor/extensions',
  '.cursor-server/extensions',
  '.windsurf/extensions',
  '.windsurf-server/extensions',
  '.vscode-oss/extensions',
];

/**
 * `.pmzone/guard.cjs`, the one command every hook runs. It is committed and
 * runs on every machine, so it names no folder of one. It looks for PM Zone
 * where the project installs it (node_modules/pm-zone, a devDependency;
 * in a Yarn Plug'n'Play repository, where Yarn's map says it is unpacked),
 * then in the editors' extension folders, newest version first (a PM who
 * installed only the extension), then on PATH (a global install), and runs
 * the guard only when PM Zone's build signed it: the package is named
 * pm-zone, its dist/identity.json is signed by a key written below, and
 * dist/guard.js hashes to what the identity says (dist/guard.js checks
 * dist/core.js the same way before loading it). A package that fails any of
 * these refuses every tool call, with the reason: a `pm-zone` published by
 * someone else is never run. When PM Zone is nowhere, the first tool call of
 * each session is refused once with the reason (exit 2 blocks on every
 * agent, with the reason on standard error), so the agent tells its user;
 * later calls pass as if no hook were set, instead of failing every edit or
 * passing them all in silence. A pilot PM who turned the guard on for their
 * own agents (`agents init --me`, recorded in the home folder) is refused
 * every time instead: they asked to be held. The reason names the
 * repository's package manager, which the launcher reads when it runs
 * (package.json `packageManager`, else the lockfile, as
 * detectPackageManager does), so the file is the same in every repository
 * and the hash the hook lines carry fits it whatever the manager.
 * The guard runs from the very bytes whose hash was checked, compiled with
 * what V8 kept of its last run in the git folder (guardRunner.ts); not at all
 * where an answer it kept holds (keptAnswers.ts).
 * The signature and the guard's hash are not checked again where the guard's
 * record of its chain (guardChain.ts) names the very states of the manifest,
 * the identity and the guard they held for; what it found goes to the guard,
 * which keeps it.
 * `--locate` prints what it found, as JSON, for `pm-zone agents check`.
 * CommonJS (`.cjs`) whatever the project's package.json says about modules.
 */
export function launcherScript(keys: Readonly<Record<string, string>> = trustedGuardKeys()): string {
  return `#!/usr/bin/env node
// PM Zone's guard for coding agents: the hooks in .claude/settings.json,
// .github/hooks/pm-zone.json, .cursor/hooks.json and .gemini/settings.json run
// \`node ${GUARD_LAUNCHER} --agent NAME\`. Written by \`pm-zone agents init\`;
// engineering's file (PMs cannot edit it), rewritten by the next init.
//
// It runs PM Zone's guard only when PM Zone's build signed it (the keys
// below): from node_modules/pm-zone (or where Yarn Plug'n'Play unpacked it),
// else the newest PM Zone extension of
// VS Code, Cursor or Windsurf, else a pm-zone on PATH. A package that is not
// PM Zone's own build refuses every tool call instead of running.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const KEYS = ${JSON.stringify(keys)};
const EDITORS = ${JSON.stringify(EDITOR_EXTENSION_FOLDERS)};
const MANAGERS = ${JSON.stringify(MANAGER_WORDS)};
const LOCKFILES = ${JSON.stringify(LOCKFILES)};
const MISSING = ${JSON.stringify(guardMissingMessage(PLACEHOLDERS))};
const MISSING_FOR_PILOT = ${JSON.stringify(guardMissingForPilotMessage(PLACEHOLDERS))};
const project = path.resolve(__dirname, '..');
// The bytes of the guard whose hash \`verified\` checked: the ones that run.
let guardBytes;
// Where the guard keeps its records, and what they say of the chain checked before it runs (guardChain.ts): handed on
// to the guard, with what each check found, beside what the hook line found of this file.
const gitFolder = projectGitFolder();
const chain = handedChain();
chain.records = gitFolder && path.join(gitFolder, ${JSON.stringify(GIT_RECORDS_FOLDER)});
const kept = keptChain(chain.records);
const found = locate();
if (process.argv[2] === '--locate') {
  process.stdout.write(JSON.stringify(found) + '\\n');
} else if (found.guard) {
  globalThis[Symbol.for(${JSON.stringify(VERIFIED_IDENTITY)})] = found.files;
  // An answer the guard kept, where everything its decision observed holds as it was; else the guard decides.
  if (!keptAnswer(chain.records, found.files['guard.js'], chain)) {
    // This launcher reads what the guard keeps: an older one does not, and the guard records nothing for it.
    chain.keptAnswers = ${KEPT_ANSWERS_FORMAT};
    runGuard(found.guard, guardBytes, found.files['guard.js'], chain.records, kept.code, chain);
  }
} else {
  answerWithout(found.refused);
}

function sha256Hex(data) {
  return require('crypto').createHash('sha256').update(data).digest('hex');
}

function handedChain() {
  const name = Symbol.for(${JSON.stringify(GUARD_CHAIN)});
  const handed = globalThis[name];
  return handed !== null && typeof handed === 'object' ? handed : (globalThis[name] = {});
}

// The record of the chain's links that held (guardChain.ts), read without following a link or waiting on a FIFO; none on Windows.
function keptChain(records) {
  if (!records || process.platform === 'win32') return {};
  let descriptor;
  try {
    descriptor = fs.openSync(path.join(records, ${JSON.stringify(GUARD_CHAIN_FILE)}), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
    const stats = fs.fstatSync(descriptor);
    if (!stats.isFile() || stats.size > ${GUARD_CHAIN_MAX_BYTES}) return {};
    const record = JSON.parse(fs.readFileSync(descriptor, 'utf8'));
    return record && record.format === ${GUARD_CHAIN_FORMAT} ? record : {};
  } catch (error) {
    return {};
  } finally {
    if (descriptor !== undefined) fs.closeSync(descriptor);
  }
}

// A file's state, as guardChain.ts's statsState gives it.
function stateOf(stats) {
  return (${STATE_OF_STATS})(stats);
}

// A file's bytes and the state they were read in, from one descriptor.
function readWithState(file) {
  const descriptor = fs.openSync(file, 'r');
  try {
    return { state: stateOf(fs.fstatSync(descriptor, { bigint: true })), bytes: fs.readFileSync(descriptor) };
  } finally {
    fs.closeSync(descriptor);
  }
}

function stateAt(file) {
  try {
    return stateOf(fs.statSync(file, { bigint: true }));
  } catch (error) {
    return undefined;
  }
}

// The project's git folder, where the guard keeps its records (repositoryLocation.ts): .git, or in a linked worktree the
// folder its .git file names (gitdir:). Read without following a link or waiting on a FIFO; anything else keeps no cache.
function projectGitFolder() {
  const dotGit = path.join(project, '.git');
  let descriptor;
  try {
    const kind = fs.lstatSync(dotGit);
    if (kind.isDirectory()) return dotGit;
    if (!kind.isFile()) return undefined;
    descriptor = fs.openSync(dotGit, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW || 0) | (fs.constants.O_NONBLOCK || 0));
    const stats = fs.fstatSync(descriptor);
    if (!stats.isFile() || stats.size > 4096) return undefined;
    const pointer = /^gitdir:\\s*(.+?)\\s*$/m.exec(fs.readFileSync(descriptor, 'utf8'));
    return pointer ? path.resolve(project, pointer[1]) : undefined;
  } catch (error) {
    return undefined;
  } finally {
    if (descriptor !== undefined) fs.closeSync(descriptor);
  }
}

// Each place is looked in only when the ones before it hold no package: the editors' folders and PATH are read on every
// tool call otherwise, for nothing, where node_modules/pm-zone is there.
function locate() {
  const places = [() => [{ from: 'node_modules', folder: path.join(project, 'node_modules', 'pm-zone') }], plugAndPlay, extensions, onPath];
  for (const place of places) {
    for (const candidate of place()) {
      if (!fs.existsSync(path.join(candidate.folder, 'package.json'))) continue;
      try {
        return { from: candidate.from, folder: candidate.folder, ...verified(candidate.folder) };
      } catch (error) {
        return { from: candidate.from, folder: candidate.folder, refused: error.message };
      }
    }
  }
  return {};
}

// The package's manifest and signed identity, and its guard's hash: each taken unchecked where the record names the very
// state of each file it was checked in (guardChain.ts), checked otherwise.
function verified(folder) {
  const files = { manifest: path.join(folder, 'package.json'), identity: path.join(folder, 'dist', 'identity.json'), guard: path.join(folder, 'dist', 'guard.js') };
  const record = kept.package && kept.package.folder === folder && kept.package.claims && kept.package.claims.files ? kept.package : undefined;
  let claims;
  let states;
  // Held only under the very public key this launcher trusts for the claims' key: a release launcher takes no record of a
  // package a development launcher verified.
  const identityHeld = !!record && typeof record.x === 'string' && Object.prototype.hasOwnProperty.call(KEYS, record.claims.key) && KEYS[record.claims.key] === record.x && stateAt(files.manifest) === record.manifest && stateAt(files.identity) === record.identity;
  let x = identityHeld ? record.x : undefined;
  if (identityHeld) {
    claims = record.claims;
    states = { manifest: record.manifest, identity: record.identity };
  } else {
    const manifest = readJson(files.manifest);
    if (manifest.value.name !== 'pm-zone') throw new Error('its package.json names ' + JSON.stringify(manifest.value.name) + ', not pm-zone');
    const identity = readJson(files.identity);
    claims = JSON.parse(String(identity.value.payload));
    x = Object.prototype.hasOwnProperty.call(KEYS, claims.key) ? KEYS[claims.key] : undefined;
    if (!x) throw new Error('its dist/identity.json is signed with a key this launcher does not trust (' + JSON.stringify(claims.key) + ')');
    const crypto = require('crypto');
    const key = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    if (!crypto.verify(null, Buffer.from(identity.value.payload, 'utf8'), key, Buffer.from(String(identity.value.signature), 'base64'))) throw new Error('its dist/identity.json does not match its signature');
    if (claims.name !== 'pm-zone' || !claims.files) throw new Error('its dist/identity.json names ' + JSON.stringify(claims.name) + ', not pm-zone');
    states = { manifest: manifest.state, identity: identity.state };
  }
  const guard = readWithState(files.guard);
  const held = identityHeld && guard.state === record.guard;
  if (!held && sha256Hex(guard.bytes) !== claims.files['guard.js']) throw new Error('its dist/guard.js is not the file its identity signs');
  guardBytes = guard.bytes;
  chain.package = { folder, files, states: { ...states, guard: guard.state }, x, claims: { version: claims.version, key: claims.key, files: claims.files }, held };
  return { guard: files.guard, version: claims.version, key: claims.key, files: claims.files };
}

${GUARD_RUNNER}${KEPT_ANSWERS_SOURCE}
function readJson(file) {
  try {
    const read = readWithState(file);
    return { value: JSON.parse(read.bytes.toString('utf8')), state: read.state };
  } catch (error) {
    throw new Error(path.basename(file) === 'identity.json' ? 'it carries no identity signed by PM Zone (dist/identity.json)' : 'its ' + path.basename(file) + ' cannot be read');
  }
}

// Yarn's Plug'n'Play keeps no node_modules: its map (.pnp.cjs, or .pnp.data.json) says where each package is, and PM Zone's
// package asks Yarn to unpack it there (preferUnplugged) rather than keep it in a zip archive. The map is read as text, never run.
function plugAndPlay() {
  for (const file of ['.pnp.data.json', '.pnp.cjs', '.pnp.js']) {
    let text;
    try {
      text = fs.readFileSync(path.join(project, file), 'utf8');
    } catch (error) {
      continue;
    }
    const found = [];
    const location = /"packageLocation":\\s*"([^"]*\\/node_modules\\/pm-zone\\/)"/g;
    for (let match = location.exec(text); match; match = location.exec(text)) found.push({ from: 'yarn-pnp', folder: path.resolve(project, match[1]) });
    return found;
  }
  return [];
}

// PM Zone's extension folders, newest version first; VS Code marks the folders it will delete in .obsolete.
function extensions() {
  const home = os.homedir();
  const data = process.env.XDG_DATA_HOME || path.join(home, '.local', 'share');
  const roots = [process.env.VSCODE_EXTENSIONS, ...EDITORS.map((folder) => path.join(home, folder)), path.join(data, 'code-server', 'extensions')];
  const found = [];
  for (const root of roots) {
    if (!root) continue;
    let names;
    try {
      names = fs.readdirSync(root);
    } catch (error) {
      continue;
    }
    let obsolete = {};
    try {
      obsolete = JSON.parse(fs.readFileSync(path.join(root, '.obsolete'), 'utf8')) || {};
    } catch (error) {
      // None marked.
    }
    for (const name of names) {
      const version = /^pm-zone\\.pm-zone-(\\d+)\\.(\\d+)\\.(\\d+)(?:-[\\w.-]+)?$/i.exec(name);
      if (version && obsolete[name] !== true) found.push({ from: 'extension', folder: path.join(root, name), version: version.slice(1).map(Number) });
    }
  }
  const newer = (a, b) => b.version[0] - a.version[0] || b.version[1] - a.version[1] || b.version[2] - a.version[2];
  return found.sort(newer);
}

function onPath() {
  const found = [];
  for (const folder of (process.env.PATH || '').split(path.delimiter)) {
    if (!folder) continue;
    try {
      // npm links bin/pm-zone to <package>/dist/cli.js.
      found.push({ from: 'path', folder: path.dirname(path.dirname(fs.realpathSync(path.join(folder, 'pm-zone')))) });
    } catch (error) {
      // Not in this folder.
    }
  }
  return found;
}

// No guard to run: a tool call is refused, every time when a package is not PM Zone's build or the user is a guarded pilot PM, else once per session.
function answerWithout(refused) {
  let input = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => (input += chunk));
  process.stdin.on('end', () => {
    let payload;
    try {
      payload = JSON.parse(input);
    } catch (error) {
      // Not an agent's payload: say it now.
    }
    if (payload && !('tool_name' in payload) && !('toolName' in payload)) return;
    if (refused) {
      const where = found.from === 'node_modules' ? 'node_modules/pm-zone' : found.folder;
      process.stderr.write('PM Zone: ' + where + ' is not PM Zone\\'s own build: ' + refused + '. The guard does not run it, so this tool call is refused. Reinstall PM Zone (the pm-zone package from the npm registry, or the PM Zone extension), then run \`pm-zone agents check\`.\\n');
      process.exitCode = 2;
      return;
    }
    const pilot = guardedPilot();
    if (!pilot) {
      const session = String((payload && (payload.session_id || payload.sessionId || payload.conversation_id)) || 'no-session');
      const marker = path.join(os.tmpdir(), 'pm-zone-guard-missing-' + sha256Hex(project + '\\0' + session).slice(0, 24));
      if (fs.existsSync(marker)) return;
      try {
        fs.writeFileSync(marker, '');
      } catch (error) {
        // Said again next time.
      }
    }
    const manager = packageManager();
    process.stderr.write((pilot ? MISSING_FOR_PILOT : MISSING).replace(${JSON.stringify(PLACEHOLDERS.install)}, () => manager.install).replace(${JSON.stringify(PLACEHOLDERS.addDev)}, () => manager.addDev) + '\\n');
    process.exitCode = 2;
  });
}

// A pilot PM who turned the guard on for their own agents (agents init --me) has a record of it in the home folder.
function guardedPilot() {
  try {
    const guarded = JSON.parse(fs.readFileSync(path.join(os.homedir(), ${JSON.stringify(PERSONAL_FOLDER)}, ${JSON.stringify(GUARDED_FILE)}), 'utf8'));
    return Object.keys((guarded && guarded.repositories) || {}).length > 0;
  } catch (error) {
    return false;
  }
}

// The repository's package manager as pm-zone finds it: package.json's packageManager, else its lockfile, else npm.
function packageManager() {
  const read = (file) => {
    try {
      return fs.readFileSync(path.join(project, file), 'utf8');
    } catch (error) {
      return undefined;
    }
  };
  let manifest = {};
  try {
    manifest = JSON.parse(read('package.json') || '{}') || {};
  } catch (error) {
    // Not readable: npm.
  }
  const workspace = (typeof manifest.workspaces === 'object' && manifest.workspaces !== null) || read(${JSON.stringify(PNPM_WORKSPACE_FILE)}) !== undefined;
  const declared = new RegExp(${JSON.stringify(PACKAGE_MANAGER_FIELD.source)}).exec(typeof manifest.packageManager === 'string' ? manifest.packageManager.trim() : '');
  let name = declared && (declared[1] !== 'yarn' ? declared[1] : Number(declared[2] || 1) >= 2 ? 'yarn-berry' : 'yarn');
  // A lockfile can be large: only Yarn's is read, for the mark of Yarn 2 and later.
  for (const [lockfile, manager] of name ? [] : LOCKFILES) {
    if (!fs.existsSync(path.join(project, lockfile))) continue;
    name = manager === 'yarn' && (fs.existsSync(path.join(project, ${JSON.stringify(YARN_BERRY_FILE)})) || new RegExp(${JSON.stringify(YARN_BERRY_LOCKFILE.source)}, 'm').test(read(lockfile) || '')) ? 'yarn-berry' : manager;
    break;
  }
  return MANAGERS[name || 'npm'][workspace ? 1 : 0];
}
`;
}
