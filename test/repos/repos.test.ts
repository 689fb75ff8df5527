// The real-repository tier (`npm run test:repos`): trimmed trees of public
// repositories nobody here wrote (their path lists and the few files that
// matter, see each folder's SOURCE.md), each made a git repository of empty
// files, then set up and used through the built program as a team would:
// `pm-zone init --yes --hook` → check-config → explain on every labelled path
// (the draft's recall of what engineering owns, by truth.ts, and every file
// that switches the controls off locked) → an engineer's
// commit through the hook as installed → a pilot PM's commit of a locked file,
// which the hook blocks → the agents' guard answering. Where the tree commits
// a husky or lefthook configuration, that manager (the version the tree
// names, from npm) wires the hooks and git runs the line through it; where it
// commits a .pre-commit-config.yaml, the pre-commit framework (Debian's
// package) does, offline. The line's runner is the tree's own package manager
// (pnpm, Yarn 1, Bun and the Yarn 3 or 4 a tree names, from .agent-clients;
// npm beside node). docs/setup.md reports the numbers this
// measures (PM_ZONE_UPDATE_DOCS=1 writes them; otherwise they must match).
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import YAML from 'yaml';
import { ensureHookManagerProgram, ensurePackageManagerProgram } from '../../scripts/agent-clients.mjs';
import { findOnPath, requirePrerequisites } from '../../scripts/vscode-host/prerequisites.mjs';
import { installedHooks, refuses, runHookCommand } from '../../src/core/agents';
import type { PackageManagerName } from '../../src/core/repository';
import { tempDir } from '../unit/helpers/tempRepo';
import { childEnv, installPackage, repositoryRoot, spawnCli } from '../bundle/support/program';
import { labelPath, type Label } from './truth';

const CORPUS = path.join(repositoryRoot, 'test', 'repos');
const DOCS = path.join(repositoryRoot, 'docs', 'setup.md');
const START = '<!-- real-repositories:start (written by npm run test:repos with PM_ZONE_UPDATE_DOCS=1) -->';
const END = '<!-- real-repositories:end -->';
const ENGINEER = 'dana@eng.example';
const PILOT = { handle: '@pat', email: 'pat@pm.example' };

interface Row {
  name: string;
  manager: string;
  instructions: string;
  hooks: string;
  paths: number;
  engineering: number;
  locked: number;
  editable: number;
  copy: number;
  copyLocked: number;
  controls: number;
  controlsLocked: number;
  globs: number;
}

/**
 * The trees whose committed hook manager no install wires into a fresh
 * clone, read from their package.json by hand, with what check-config must
 * say: medusa wires husky only through `yarn hooks:install`; outline's
 * `prepare` is one Yarn 4 never runs; sendapp counts on lefthook's own
 * install script, which Yarn 4 may block; saleor's pre-commit framework is
 * a Python program. excalidraw (Yarn 1) and gemini-cli (npm) wire husky
 * from `prepare`.
 */
const NOT_WIRED_BY_INSTALL: Record<string, RegExp> = {
  medusa: /Add to package\.json's scripts: "postinstall": "yarn hooks:install"$/,
  outline: /Yarn 2 and later run no "prepare" of the project itself.*"postinstall": "yarn patch-package && husky install"$/,
  sendapp: /"postinstall": ".* && lefthook install"$/,
  saleor: /Every clone must run `pre-commit install` once/,
};

const names = readdirSync(CORPUS).filter((name) => existsSync(path.join(CORPUS, name, 'paths.gz'))).sort();

function run(cwd: string, program: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(program, args, { cwd, env: childEnv(env), maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 128) : 0, output: `${stdout}${stderr}` });
    });
  });
}

async function git(root: string, ...args: string[]): Promise<string> {
  const result = await run(root, 'git', args);
  assert.equal(result.code, 0, `git ${args.join(' ')}: ${result.output}`);
  return result.output;
}

/** The tree as a git repository: every path an empty file but the few kept whole, committed by an engineer. */
async function buildTree(name: string): Promise<{ root: string; paths: string[]; links: Record<string, string> }> {
  const folder = path.join(CORPUS, name);
  // git quotes a path with unusual characters; such paths are left out of the tree.
  const paths = gunzipSync(readFileSync(path.join(folder, 'paths.gz'))).toString('utf8').split('\n').filter((line) => line !== '' && !line.startsWith('"'));
  const kept = JSON.parse(readFileSync(path.join(folder, 'files.json'), 'utf8')) as Record<string, string>;
  // Symbolic links as the repository has them (CLAUDE.md → AGENTS.md in outline and saleor): a copy would test another layout.
  const links = existsSync(path.join(folder, 'links.json')) ? JSON.parse(readFileSync(path.join(folder, 'links.json'), 'utf8')) as Record<string, string> : {};
  const root = await tempDir(`repo-${name}`);
  await git(root, 'init', '--quiet', '--initial-branch', 'main');
  await git(root, 'config', 'user.email', ENGINEER);
  await git(root, 'config', 'user.name', 'Dana Engineer');
  await git(root, 'config', 'core.hooksPath', '.git/hooks');
  const folders = new Set(paths.map((file) => path.posix.dirname(file)));
  for (const made of folders) await fs.mkdir(path.join(root, made), { recursive: true });
  for (const file of paths) {
    if (links[file] !== undefined) {
      await fs.symlink(links[file], path.join(root, file));
      continue;
    }
    const text = kept[file] ?? '';
    await fs.writeFile(path.join(root, file), text, file.startsWith('.husky/') && !file.includes('/_/') ? { mode: 0o755 } : {});
  }
  if (kept['.yarnrc.yml'] !== undefined) await asYarnBerryCommitsIt(root, paths, kept);
  await git(root, 'add', '--all');
  await git(root, 'commit', '--quiet', '--no-verify', '-m', `${name} as the corpus keeps it`);
  // PM Zone as a project installs it; the native hook finds it in node_modules/.bin.
  await installPackage(root);
  await fs.mkdir(path.join(root, 'node_modules', '.bin'), { recursive: true });
  await fs.symlink('../pm-zone/dist/cli.js', path.join(root, 'node_modules', '.bin', 'pm-zone'));
  await fs.appendFile(path.join(root, '.git', 'info', 'exclude'), 'node_modules/\n');
  return { root, paths, links };
}

/** The Yarn (2 or later) a tree names: package.json's packageManager, as Corepack reads it, else the release .yarnrc.yml's yarnPath names. */
function yarnBerryVersion(kept: Record<string, string>): string {
  const declared = /^yarn@(\d+\.\d+\.\d+)/.exec((JSON.parse(kept['package.json'] ?? '{}') as { packageManager?: string }).packageManager ?? '')?.[1];
  const release = /^yarnPath:\s*\S*yarn-(\d+\.\d+\.\d+)\.c?js\s*$/m.exec(kept['.yarnrc.yml'] ?? '')?.[1];
  const version = declared ?? release;
  assert.ok(version, 'the tree names its Yarn (packageManager, or yarnPath)');
  return version;
}

/**
 * What a Yarn 2+ tree holds that the corpus keeps empty and Yarn reads on
 * every run: the release .yarnrc.yml's yarnPath names (the real program, the
 * version the tree names, from npm's @yarnpkg/cli-dist), and each
 * workspace's package.json (an empty file is no manifest: `{}`). Plugins
 * are fetched from GitHub, not npm: a tree that lists them (medusa's
 * workspace and interactive tools, which no line PM Zone writes uses) has
 * the list left out of .yarnrc.yml.
 */
async function asYarnBerryCommitsIt(root: string, paths: readonly string[], kept: Record<string, string>): Promise<void> {
  const program = await ensurePackageManagerProgram('yarn-berry', { version: yarnBerryVersion(kept) });
  const release = /^yarnPath:\s*(\S+)\s*$/m.exec(kept['.yarnrc.yml'])?.[1];
  if (release) await fs.copyFile(path.join(path.dirname(program), '..', '@yarnpkg', 'cli-dist', 'bin', 'yarn.js'), path.join(root, release));
  const settings = YAML.parseDocument(kept['.yarnrc.yml']);
  if (settings.has('plugins')) {
    settings.delete('plugins');
    await fs.writeFile(path.join(root, '.yarnrc.yml'), settings.toString());
  }
  for (const file of paths) if (path.posix.basename(file) === 'package.json' && kept[file] === undefined) await fs.writeFile(path.join(root, file), '{}\n');
}

let packed: Promise<string> | undefined;

/** PM Zone as npm packs it for the registry (the layout installPackage lays out), once a run: a tarball a package manager installs offline. */
function packedPackage(installed: string): Promise<string> {
  packed ??= (async () => {
    const destination = await tempDir('pm-zone-packed');
    const result = await run(destination, 'npm', ['pack', '--silent', '--pack-destination', destination, installed]);
    assert.equal(result.code, 0, `npm pack: ${result.output}`);
    return path.join(destination, result.output.trim().split('\n').pop()!);
  })();
  return packed;
}

/**
 * Yarn 2 and later run a project's program only once the project is
 * installed. A team's clone runs `yarn install`; a tree of empty files
 * cannot fetch its hundreds of dependencies, so the tier runs the tree's own
 * Yarn (the version it names, with its .yarnrc.yml) on the tree's
 * workspaces with PM Zone as their only dependency, from its packed tarball
 * and with the network off, skipping the build step (the team's postinstall
 * needs its tools); then package.json is the tree's again. The lockfile is
 * the one that install wrote, as a team's is after `yarn add`: the corpus
 * keeps the head of the tree's, which Yarn cannot read whole.
 * `yarn pm-zone` then runs PM Zone as in the team's clone.
 */
async function installWithYarnBerry(root: string): Promise<{ program: string; exec: string[] }> {
  const manifestText = await fs.readFile(path.join(root, 'package.json'), 'utf8');
  const version = yarnBerryVersion({ 'package.json': manifestText, '.yarnrc.yml': await fs.readFile(path.join(root, '.yarnrc.yml'), 'utf8') });
  const program = await ensurePackageManagerProgram('yarn-berry', { version });
  const tarball = await packedPackage(path.join(root, 'node_modules', 'pm-zone'));
  const manifest = JSON.parse(manifestText) as Record<string, unknown>;
  const installable = { name: manifest.name, private: true, workspaces: manifest.workspaces, packageManager: manifest.packageManager, devDependencies: { 'pm-zone': `file:${tarball}` } };
  await fs.writeFile(path.join(root, 'package.json'), `${JSON.stringify(installable, null, 2)}\n`);
  if (existsSync(path.join(root, 'yarn.lock'))) await fs.writeFile(path.join(root, 'yarn.lock'), '');
  await fs.appendFile(path.join(root, '.git', 'info', 'exclude'), '.yarn/cache/\n.yarn/install-state.gz\n.yarn/unplugged/\n.pnp.*\n');
  const offline = { YARN_ENABLE_NETWORK: '0', YARN_ENABLE_GLOBAL_CACHE: '0', YARN_ENABLE_IMMUTABLE_INSTALLS: '0', YARN_ENABLE_TELEMETRY: '0', HOME: root };
  const installed = await run(root, program, ['install', '--mode=skip-build'], offline);
  assert.equal(installed.code, 0, `yarn ${version} install, offline, of PM Zone's tarball: ${installed.output}`);
  await git(root, 'checkout', '--', 'package.json');
  return { program, exec: ['pm-zone'] };
}

async function cli(root: string, args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return spawnCli([...args, '--cwd', root], { cwd: root, env: childEnv({ HOME: root, XDG_DATA_HOME: root, VSCODE_EXTENSIONS: '' }), ...(stdin === undefined ? {} : { stdin }) });
}

async function commit(root: string, email: string, message: string, programs: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<{ committed: boolean; output: string }> {
  await git(root, 'config', 'user.email', email);
  const PATH = [...programs, process.env.PATH ?? ''].join(path.delimiter);
  const result = await run(root, 'git', ['commit', '--quiet', '-m', message], { HOME: root, XDG_DATA_HOME: root, VSCODE_EXTENSIONS: '', PATH, ...env });
  return { committed: result.code === 0, output: result.output };
}

/**
 * The tree's package manager as a program that runs the project's pm-zone:
 * npm, Yarn 1, pnpm and Bun run it from node_modules/.bin; Yarn 2 and later
 * once the tree is installed (installWithYarnBerry).
 */
async function treeRunner(name: PackageManagerName, root: string): Promise<{ program: string; exec: string[] } | undefined> {
  switch (name) {
    case 'yarn-berry':
      return installWithYarnBerry(root);
    case 'npm':
      return { program: 'npm', exec: ['exec', '--no-install', '--', 'pm-zone'] };
    case 'pnpm':
      return { program: await ensurePackageManagerProgram('pnpm'), exec: ['exec', 'pm-zone'] };
    case 'yarn':
      return { program: await ensurePackageManagerProgram('yarn'), exec: ['pm-zone'] };
    case 'bun':
      return { program: await ensurePackageManagerProgram('bun'), exec: ['x', '--no-install', 'pm-zone'] };
  }
}

/**
 * The team's own hook commands need its tools (lint-staged, biome, its
 * scripts), which a tree of empty files lacks: the hook keeps only what wires
 * it. The pre-commit framework clones every remote repository its
 * configuration lists (from GitHub) before it runs any hook, and the local
 * ones run the team's programs (saleor's manage.py): it keeps no repository.
 */
async function keepOnlyWiring(root: string, manager: string): Promise<void> {
  if (manager === 'husky') {
    const file = path.join(root, '.husky', 'pre-commit');
    const text = await fs.readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) await fs.writeFile(file, text.split('\n').filter((line) => /^\s*(#|\. |$)/.test(line)).join('\n'), { mode: 0o755 });
  } else if (manager === 'lefthook') {
    const file = path.join(root, 'lefthook.yml');
    const config = YAML.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
    const kept = Object.entries(config).filter(([hook]) => hook !== 'pre-commit' && hook !== 'pre-push');
    await fs.writeFile(file, kept.length > 0 ? YAML.stringify(Object.fromEntries(kept)) : '');
  } else if (manager === 'pre-commit') {
    const file = path.join(root, '.pre-commit-config.yaml');
    const config = YAML.parseDocument(await fs.readFile(file, 'utf8'));
    config.set('repos', config.createNode([]));
    await fs.writeFile(file, config.toString());
  }
}

/**
 * Where the pre-commit framework keeps what it clones and builds (its store),
 * and the environment that has it run offline: git may use no protocol but
 * the file system, so a clone of any hook's repository fails the commit.
 */
async function preCommitOffline(): Promise<{ store: string; env: NodeJS.ProcessEnv }> {
  const store = await tempDir('pre-commit-store');
  return { store, env: { PRE_COMMIT_HOME: store, GIT_ALLOW_PROTOCOL: 'file' } };
}

/** The repositories the pre-commit framework cloned into its store: none, for a local hook. */
async function preCommitClones(store: string): Promise<string[]> {
  return (await fs.readdir(store)).filter((entry) => entry.startsWith('repo'));
}

/**
 * The hook manager as the tree's package.json names it, installed from npm and run as its own install step would:
 * husky 5 to 8 `husky install`, 9 `husky`; `lefthook install`. The pre-commit framework, a Python program, is
 * Debian's (the tier's first step installs it): `pre-commit install`, which refuses to wire a clone whose
 * core.hooksPath is set, as a fresh clone's is not. Its program's folder, for PATH.
 */
async function wireHookManager(root: string, manager: 'husky' | 'lefthook' | 'pre-commit', env: NodeJS.ProcessEnv = {}): Promise<string> {
  if (manager === 'pre-commit') {
    requirePrerequisites(['pre-commit']);
    const program = findOnPath('pre-commit')!;
    await git(root, 'config', '--unset', 'core.hooksPath');
    const wired = await run(root, program, ['install'], env);
    assert.equal(wired.code, 0, `pre-commit install: ${wired.output}`);
    return path.dirname(program);
  }
  const manifest = JSON.parse(await fs.readFile(path.join(root, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  const version = /\d+\.\d+\.\d+/.exec(manifest.devDependencies?.[manager] ?? '')?.[0];
  assert.ok(version, `package.json names a version of ${manager}`);
  const program = await ensureHookManagerProgram(manager, version);
  const args = manager === 'lefthook' ? ['install'] : Number(version.split('.')[0]) >= 9 ? [] : ['install'];
  const wired = await run(root, program, args);
  assert.equal(wired.code, 0, `${manager} ${args.join(' ')}: ${wired.output}`);
  return path.dirname(program);
}

function claudeEdit(root: string, session: string, file: string): string {
  return JSON.stringify({ session_id: `${session}-${path.basename(root)}`, transcript_path: '', cwd: root, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: path.join(root, ...file.split('/')), old_string: 'a', new_string: 'b' } });
}

function hookManagers(paths: readonly string[]): string {
  const found = [
    paths.some((file) => file.startsWith('.husky/')) && 'husky',
    paths.some((file) => /^\.?lefthook\.ya?ml$/.test(file)) && 'lefthook',
    paths.includes('.pre-commit-config.yaml') && 'pre-commit',
  ].filter(Boolean);
  return found.length > 0 ? found.join(', ') : 'none (native)';
}

function table(rows: readonly Row[]): string {
  const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`);
  return [
    '| repository | package manager | zone written to | hook manager | paths | engineering paths | locked (recall) | editable | PM copy on those topics still editable | controls locked |',
    '| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((row) => `| ${row.name} | ${row.manager} | ${row.instructions} | ${row.hooks} | ${row.paths} | ${row.engineering} | ${row.locked} (${percent(row.locked, row.engineering)}) | ${row.editable} | ${row.copy - row.copyLocked} of ${row.copy} | ${row.controlsLocked} of ${row.controls} |`),
  ].join('\n');
}

describe('real repositories: init drafts a zone that locks what engineering owns, and the hook and the guard hold it', function () {
  this.timeout(300_000);
  const rows: Row[] = [];

  for (const name of names) {
    it(name, async () => {
      const { root, paths, links } = await buildTree(name);
      const labelled = paths.map((file) => ({ file, ...labelPath(file) }));
      const engineering = labelled.filter((entry) => entry.label === 'engineering');
      assert.ok(engineering.length > 0, 'the tree has engineering paths to lock');

      // A repository with a hook manager gets the line in the manager's file once package.json lists PM Zone
      // (init's next step says so): the engineer does that first, as init asks.
      const manager = hookManagers(paths);
      const committedRoute = manager !== 'none (native)' && paths.includes('package.json');
      if (committedRoute) {
        const manifest = JSON.parse(await fs.readFile(path.join(root, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
        await fs.writeFile(path.join(root, 'package.json'), `${JSON.stringify({ ...manifest, devDependencies: { ...manifest.devDependencies, 'pm-zone': '^0.1.0' } }, null, 2)}\n`);
        await keepOnlyWiring(root, manager);
        await git(root, 'commit', '--quiet', '--no-verify', '--all', '-m', 'PM Zone as a dev dependency');
      }

      // init, as an engineer with no terminal: the section, the CODEOWNERS lines, the hook.
      const firstEngineering = engineering[0].file;
      const init = await cli(root, ['init', '--yes', '--hook', '--json', '--owner', '@acme/engineering', '--pilot', `${PILOT.handle},${path.posix.dirname(firstEngineering)},${PILOT.email}`]);
      assert.equal(init.code, 0, `init: ${init.stdout}${init.stderr}`);
      const report = JSON.parse(init.stdout) as { policyFile: string; packageManager: { name: string }; scan: { engineering: unknown[]; featureFolders: string[] }; steps: { id: string; done: boolean; files: string[] }[] };
      const policy = ['--policy-file', report.policyFile];
      assert.ok(report.scan.featureFolders.length <= 40, `feature folders are folders a PM works in, not every module and test suite: ${report.scan.featureFolders.length}`);
      const notFeatures = report.scan.featureFolders.filter((folder) => /(^|\/)(tests?|__tests__|specs?|e2e|docs?|www|generated|components|hooks|utils)(\/|$)/i.test(folder));
      assert.deepEqual(notFeatures, [], 'no test suite, documentation, generated code or code-kind folder is a feature folder');
      // A policy file that is a link stays one: the zone goes into the file it leads to, as every agent reads it.
      for (const [file, target] of Object.entries(links)) {
        assert.equal((await fs.lstat(path.join(root, file))).isSymbolicLink(), true, `init left ${file} a link to ${target}`);
      }
      if (links[report.policyFile] !== undefined) {
        assert.match(await fs.readFile(path.join(root, path.dirname(report.policyFile), links[report.policyFile]), 'utf8'), /^## PM zone$/m, `the zone is in ${links[report.policyFile]}`);
      }
      const native = existsSync(path.join(root, '.git', 'hooks', 'pre-commit'));
      const hookFiles = report.steps.find((step) => step.id === 'hook')?.files ?? [];
      assert.ok(native || hookFiles.length > 0, `init installs the hook or commits its line: ${JSON.stringify(report.steps)}`);

      // The hook manager wires the hooks as the team's install step would, where the tree's package manager can run the
      // line it holds; then git runs the line through the manager, with that package manager on PATH.
      const runner = await treeRunner(report.packageManager.name as PackageManagerName, root);
      const programs = runner && path.isAbsolute(runner.program) ? [path.dirname(runner.program)] : [];
      const managed = committedRoute && runner && (manager === 'husky' || manager === 'lefthook' || manager === 'pre-commit') ? manager : undefined;
      const preCommit = managed === 'pre-commit' ? await preCommitOffline() : undefined;
      if (managed) programs.unshift(await wireHookManager(root, managed, preCommit?.env));

      // The engineer commits the set-up through the hook just installed: not a pilot, so it passes.
      await git(root, 'add', '--all');
      if (!native && !managed) {
        const review = await cli(root, ['review', '--staged', '--time-limit', '120', ...policy]);
        assert.equal(review.code, 0, `the committed line passes the engineer:\n${review.stdout}${review.stderr}`);
      }
      const setUp = await commit(root, ENGINEER, 'PM Zone: the zone, its owners, the hook', programs, preCommit?.env);
      assert.equal(setUp.committed, true, setUp.output);
      if (managed === 'pre-commit') assert.match(setUp.output, /PM PR Review\.+Passed/, 'the pre-commit framework ran PM Zone\'s hook for the engineer');

      const check = await cli(root, ['check-config', '--json', ...policy]);
      const problems = JSON.parse(check.stdout) as { severity: string; kind: string; message: string }[] | { problems: { severity: string; kind: string; message: string }[] };
      const list = Array.isArray(problems) ? problems : problems.problems;
      assert.deepEqual(list.filter((problem) => problem.severity === 'error').map((problem) => problem.message), [], 'check-config finds no error');
      const unwired = list.filter((problem) => problem.kind === 'hook-not-wired').map((problem) => problem.message);
      assert.equal(unwired.length > 0, name in NOT_WIRED_BY_INSTALL, `check-config says whether a fresh clone runs the hook manager: ${unwired.join('; ') || 'nothing said'}`);
      if (name in NOT_WIRED_BY_INSTALL) assert.match(unwired[0], NOT_WIRED_BY_INSTALL[name]);

      // explain, as the pilot, on every labelled path.
      const asked = labelled.filter((entry) => entry.label !== 'unlabelled');
      // With the markdown pages besides, where a path the pilot may edit is to be found for the guard below.
      const pages = labelled.filter((entry) => entry.label === 'unlabelled' && entry.file.endsWith('.md')).map((entry) => entry.file);
      const explain = await cli(root, ['explain', '--stdin', '--json', '--as', PILOT.handle, ...policy], `${[...asked.map((entry) => entry.file), ...pages].join('\n')}\n`);
      assert.equal(explain.code, 0, explain.stderr);
      const zones = new Map((JSON.parse(explain.stdout) as { path: string; zone: string }[]).map((answer) => [answer.path, answer.zone]));
      const count = (label: Label, zone?: string) => asked.filter((entry) => entry.label === label && (zone === undefined || zones.get(entry.file) === zone)).length;
      const row: Row = {
        name,
        manager: report.packageManager.name,
        instructions: links[report.policyFile] === undefined ? report.policyFile : `${report.policyFile} (a link to ${links[report.policyFile]})`,
        hooks: hookManagers(paths),
        paths: paths.length,
        engineering: count('engineering'),
        locked: count('engineering', 'locked'),
        editable: count('engineering', 'editable'),
        copy: count('pm-copy'),
        copyLocked: count('pm-copy', 'locked'),
        controls: count('controls'),
        controlsLocked: count('controls', 'locked'),
        globs: report.scan.engineering.length,
      };
      const missed = engineering.filter((entry) => zones.get(entry.file) !== 'locked').map((entry) => `${entry.topic}: ${entry.file} (${zones.get(entry.file)})`);
      assert.equal(row.editable, 0, `no engineering path is PM-editable:\n${missed.join('\n')}`);
      assert.ok(row.locked / row.engineering >= 0.99, `at least 99% of the engineering paths locked, not ${row.locked} of ${row.engineering}:\n${missed.slice(0, 20).join('\n')}`);
      // The files that switch the controls off (a hook manager's file, the package manager's program, a manifest whose
      // scripts run at install): every one locked, none left to a PM or outside the zone.
      const openControls = labelled.filter((entry) => entry.label === 'controls' && zones.get(entry.file) !== 'locked').map((entry) => `${entry.topic}: ${entry.file} (${zones.get(entry.file)})`);
      assert.deepEqual(openControls, [], 'every file that switches the controls off is locked');

      // The agents' guard, set up through the tree's package manager where it can run pm-zone (else the command line
      // itself), answers the pilot's coding agent: an Edit of the engineering path is refused, one of the zone passes.
      const agentsInit = runner
        ? await run(root, runner.program, [...runner.exec, 'agents', 'init', '--agent', 'claude'], { HOME: root, XDG_DATA_HOME: root, VSCODE_EXTENSIONS: '', PATH: [...programs, process.env.PATH ?? ''].join(path.delimiter) })
        : await cli(root, ['agents', 'init', '--agent', 'claude']).then((result) => ({ code: result.code, output: `${result.stdout}${result.stderr}` }));
      assert.equal(agentsInit.code, 0, `agents init${runner ? ` through ${runner.program} ${runner.exec.join(' ')}` : ''}: ${agentsInit.output}`);
      const guardLine = installedHooks('claude', await fs.readFile(path.join(root, '.claude', 'settings.json'), 'utf8')).PreToolUse?.command;
      assert.ok(guardLine, 'agents init sets up the guard in .claude/settings.json');
      const zonePath = [...zones].find(([, zone]) => zone === 'editable')?.[0];
      assert.ok(zonePath, 'the pilot may edit some path of the tree');
      const hookEnv = { PATH: `${path.dirname(process.execPath)}${path.delimiter}/usr/bin${path.delimiter}/bin`, HOME: root, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
      await git(root, 'config', 'user.email', PILOT.email);
      const lockedEdit = await runHookCommand('claude', guardLine, root, claudeEdit(root, 'pilot', firstEngineering), 120, hookEnv);
      assert.ok(refuses('claude', lockedEdit), `the guard refuses the pilot's agent an edit of ${firstEngineering}: exit ${lockedEdit.exitCode} ${lockedEdit.stdout}${lockedEdit.stderr}`);
      const zoneEdit = await runHookCommand('claude', guardLine, root, claudeEdit(root, 'pilot', zonePath), 120, hookEnv);
      assert.ok(zoneEdit.exitCode === 0 && !refuses('claude', zoneEdit), `the guard lets the pilot's agent edit ${zonePath}: exit ${zoneEdit.exitCode} ${zoneEdit.stdout}${zoneEdit.stderr}`);
      await git(root, 'config', 'user.email', ENGINEER);

      // The pilot PM changes a locked file: the hook blocks the commit. Natively, git runs it; through husky, lefthook
      // or the pre-commit framework where they could wire it, git runs the manager's hook; elsewhere the line is run as
      // it is written.
      await fs.appendFile(path.join(root, firstEngineering), '\n// a PM edit\n');
      await git(root, 'add', '--', firstEngineering);
      if (native || managed) {
        const pilot = await commit(root, PILOT.email, 'A PM edit of an engineering file', programs, preCommit?.env);
        assert.equal(pilot.committed, false, `the hook blocks the pilot's commit of ${firstEngineering}:\n${pilot.output}`);
        assert.match(pilot.output, /zone\.locked/);
        if (preCommit) assert.deepEqual(await preCommitClones(preCommit.store), [], 'the pre-commit framework ran the local hook offline, cloning nothing');
      } else {
        const written = hookFiles.map((file) => readFileSync(path.join(root, file), 'utf8')).join('\n');
        const line = /pm-zone( [^\n'"]*)?( review --staged[^\n'"]*)/.exec(written);
        assert.ok(line, `the line is in ${hookFiles.join(', ')}:\n${written}`);
        await git(root, 'config', 'user.email', PILOT.email);
        const review = await cli(root, `${line[1] ?? ''}${line[2]}`.trim().split(/\s+/));
        assert.notEqual(review.code, 0, `the committed line blocks the pilot's commit of ${firstEngineering}:\n${review.stdout}`);
        assert.match(review.stdout, /zone\.locked/, review.stderr);
      }
      row.hooks = `${manager}: ${native ? 'native hook, a real commit' : managed ? `${managed} runs the line in ${hookFiles.join(', ')}, a real commit` : `line in ${hookFiles.join(', ')}`}`;
      rows.push(row);
    });
  }

  it('docs/setup.md reports the numbers measured above', async () => {
    assert.equal(rows.length, names.length, 'every repository was measured');
    const docs = await fs.readFile(DOCS, 'utf8');
    const measured = `${START}\n${table(rows)}\n${END}`;
    const at = docs.indexOf(START);
    const end = docs.indexOf(END);
    if (process.env.PM_ZONE_UPDATE_DOCS === '1') {
      assert.ok(at >= 0 && end > at, `docs/setup.md has the markers ${START} … ${END}`);
      await fs.writeFile(DOCS, `${docs.slice(0, at)}${measured}${docs.slice(end + END.length)}`);
      return;
    }
    assert.ok(at >= 0 && end > at, 'docs/setup.md has the table of real repositories');
    assert.equal(docs.slice(at, end + END.length), measured, 'docs/setup.md reports these numbers: npm run test:repos with PM_ZONE_UPDATE_DOCS=1 writes them');
  });
});
