// The agents' guard in a repository of each package manager, made with the
// real program (pnpm, Yarn 1, Yarn 4, Bun, pinned and installed from npm by
// scripts/agent-clients.mjs; npm is Node's own): PM Zone, built and packed,
// installed as a devDependency by the manager itself (pnpm's linked
// node_modules, Yarn 4 with node-modules and with Plug'n'Play, its default,
// where there is no node_modules at all), `agents init` run through the
// manager's own way of running a project's program, then the hook line
// exactly as written into .claude/settings.json fed Claude Code's
// PreToolUse payloads through `sh -c`. The engineer's edit passes, the pilot
// PM's edit of a locked file is refused, `agents check` sees it answer, and
// without node_modules the refusal names the manager's own commands.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ensurePackageManagerProgram, type PackageManagerProgramName } from '../../scripts/agent-clients.mjs';
import { GUARD_LAUNCHER, guardMissingMessage, installedHooks, launcherScript, refuses, runHookCommand } from '../../src/core/agents';
import { packageManagerNamed, type PackageManagerName } from '../../src/core/repository';
import { childEnv, installPackage, spawnCli } from '../bundle/support/program';
import { git, sampleRepo } from '../unit/cli/support/sampleRepo';
import { tempDir } from '../unit/helpers/tempRepo';
import { ENGINEER_EMAIL, PM_EMAIL } from './support/sample';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(program: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(program, args, { cwd, env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, timeout: 180_000 }, (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}

/** PM Zone from dist/ as an npm tarball, what a registry would serve. */
async function packedPmZone(): Promise<string> {
  const folder = await tempDir('pm-zone-package');
  await installPackage(folder);
  const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', folder, path.join(folder, 'node_modules', 'pm-zone')], folder, childEnv());
  assert.equal(packed.code, 0, packed.stderr);
  return path.join(folder, (JSON.parse(packed.stdout) as { filename: string }[])[0].filename);
}

interface Manager {
  name: PackageManagerName;
  /** The program, installed by the tier; npm is the one beside node. */
  program: () => Promise<string>;
  /** package.json fields, files besides. */
  manifest: Record<string, unknown>;
  files: Record<string, string>;
  /** The arguments that run the project's pm-zone (the manager's `exec` words). */
  exec: string[];
  /** The lockfile the install must leave. */
  lockfile?: string;
  /** Yarn's Plug'n'Play: no node_modules; Yarn's map (.pnp.cjs) says where each package is. */
  plugAndPlay?: boolean;
}

const installed = (name: PackageManagerProgramName) => () => ensurePackageManagerProgram(name);

const MANAGERS: Manager[] = [
  { name: 'npm', program: async () => 'npm', manifest: {}, files: {}, exec: ['exec', '--no-install', '--', 'pm-zone'], lockfile: 'package-lock.json' },
  { name: 'pnpm', program: installed('pnpm'), manifest: { packageManager: 'pnpm@9.15.9' }, files: {}, exec: ['exec', 'pm-zone'], lockfile: 'pnpm-lock.yaml' },
  { name: 'yarn', program: installed('yarn'), manifest: {}, files: {}, exec: ['pm-zone'], lockfile: 'yarn.lock' },
  { name: 'yarn-berry', program: installed('yarn-berry'), manifest: { packageManager: 'yarn@4.18.1' }, files: { '.yarnrc.yml': 'nodeLinker: node-modules\nenableTelemetry: false\nenableGlobalCache: false\n' }, exec: ['pm-zone'], lockfile: 'yarn.lock' },
  // Yarn 4's default linker: PM Zone asks to be unpacked (preferUnplugged), and the launcher finds it through Yarn's map.
  { name: 'yarn-berry', program: installed('yarn-berry'), manifest: { packageManager: 'yarn@4.18.1' }, files: { '.yarnrc.yml': 'nodeLinker: pnp\nenableTelemetry: false\n' }, exec: ['pm-zone'], lockfile: 'yarn.lock', plugAndPlay: true },
  { name: 'bun', program: installed('bun'), manifest: {}, files: {}, exec: ['x', '--no-install', 'pm-zone'] },
];

describe('the guard in a repository of each package manager, with its real program', function () {
  this.timeout(300_000);
  let tarball: Promise<string> | undefined;

  for (const manager of MANAGERS) {
    const title = manager.plugAndPlay ? `${manager.name} (Plug'n'Play)` : manager.name;
    it(`${title}: installed by ${manager.name}, set up through it; the engineer passes, the pilot's locked edit is refused; without PM Zone the reason names ${manager.name}'s commands`, async () => {
      const program = await manager.program();
      const packed = await (tarball ??= packedPmZone());
      const root = await sampleRepo();
      const home = await tempDir(`${manager.name}-home`);
      const env = childEnv({ HOME: home, XDG_CACHE_HOME: path.join(home, '.cache'), XDG_DATA_HOME: path.join(home, '.local', 'share'), npm_config_cache: path.join(home, '.npm'), YARN_ENABLE_IMMUTABLE_INSTALLS: 'false', CI: '' });
      await git(root, 'config', 'user.email', ENGINEER_EMAIL);
      await fs.copyFile(packed, path.join(root, 'pm-zone.tgz'));
      // The sample's other dependencies would need the registry: the project lists PM Zone alone.
      const manifest = JSON.parse(await fs.readFile(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
      await fs.writeFile(path.join(root, 'package.json'), `${JSON.stringify({ ...manifest, dependencies: undefined, devDependencies: { 'pm-zone': 'file:./pm-zone.tgz' }, ...manager.manifest }, null, 2)}\n`);
      for (const [file, text] of Object.entries(manager.files)) await fs.writeFile(path.join(root, file), text);

      const install = await run(program, ['install'], root, env);
      assert.equal(install.code, 0, `${manager.name} install: ${install.stdout}${install.stderr}`);
      if (manager.lockfile) await fs.access(path.join(root, manager.lockfile));
      if (manager.plugAndPlay) {
        await fs.access(path.join(root, '.pnp.cjs'));
        assert.equal(await fs.access(path.join(root, 'node_modules')).then(() => true, () => false), false, 'Plug\'n\'Play makes no node_modules');
      } else {
        assert.equal(JSON.parse(await fs.readFile(path.join(root, 'node_modules', 'pm-zone', 'package.json'), 'utf8')).name, 'pm-zone');
      }

      const init = await run(program, [...manager.exec, 'agents', 'init', '--agent', 'claude'], root, env);
      assert.equal(init.code, 0, `${manager.name} ${manager.exec.join(' ')} agents init: ${init.stdout}${init.stderr}`);
      assert.equal(await fs.readFile(path.join(root, ...GUARD_LAUNCHER.split('/')), 'utf8'), launcherScript());
      const line = installedHooks('claude', await fs.readFile(path.join(root, '.claude', 'settings.json'), 'utf8')).PreToolUse?.command;
      assert.ok(line);

      const hookEnv = { PATH: `${path.dirname(process.execPath)}${path.delimiter}/usr/bin${path.delimiter}/bin`, HOME: home, TMPDIR: home, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
      const edit = (session: string, file: string, extra: NodeJS.ProcessEnv = {}) => runHookCommand('claude', line, root, claudeEdit(root, session, file), 60, { ...hookEnv, ...extra });
      const engineer = await edit('engineer', 'README.md');
      assert.equal(engineer.exitCode, 0, engineer.stderr);
      assert.ok(!refuses('claude', engineer), engineer.stdout);
      await git(root, 'config', 'user.email', PM_EMAIL);
      const pilot = await edit('pilot', 'src/auth/session.ts');
      assert.ok(refuses('claude', pilot), `the pilot's edit of a locked file: exit ${pilot.exitCode} ${pilot.stdout}${pilot.stderr}`);
      await git(root, 'config', 'user.email', ENGINEER_EMAIL);

      const check = await spawnCli(['agents', 'check', '--agent', 'claude', '--cwd', root], { env });
      const reachable = manager.plugAndPlay ? /reachable \(pm-zone [^ ]+ unpacked by Yarn Plug'n'Play, [^)]*\.yarn\/unplugged\/pm-zone-[^)]*\)/ : /reachable \(node_modules\/pm-zone [^)]*\)/;
      assert.match(check.stdout, new RegExp(`^claude: installed; ${reachable.source}; answering: refused @alice's edit of CLAUDE\\.md`, 'm'), check.stdout + check.stderr);
      const config = await spawnCli(['check-config', '--json', '--cwd', root], { env });
      assert.deepEqual((JSON.parse(config.stdout) as { problems: { kind: string }[] }).problems.filter((problem) => problem.kind === 'guard-launcher-mismatch'), []);

      // A fresh clone: what the install made is not committed.
      for (const made of ['node_modules', '.pnp.cjs', '.pnp.loader.mjs', path.join('.yarn', 'unplugged')]) await fs.rm(path.join(root, made), { recursive: true, force: true });
      const missing = await edit('fresh-clone', 'README.md');
      assert.deepEqual([missing.exitCode, missing.stderr], [2, `${guardMissingMessage(packageManagerNamed(manager.name))}\n`]);
      assert.equal((await edit('fresh-clone', 'README.md')).exitCode, 0);
    });
  }
});

function claudeEdit(root: string, session: string, file: string): string {
  return JSON.stringify({ session_id: `${session}-${path.basename(root)}`, transcript_path: '', cwd: root, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: path.join(root, ...file.split('/')), old_string: 'a', new_string: 'b' } });
}
