import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { HOOK_MARKER, searchesExtensionsFolder } from '../../../src/core/git/hookScript';
import { hookStatus, installPreCommitHook, refreshPreCommitHook, uninstallPreCommitHook } from '../../../src/core/git/hooks';
import { packageManagerNamed } from '../../../src/core/repository/packageManager';
import { isolatedGitEnv, tempDir, tempRepo, type TempRepo } from '../helpers/tempRepo';

/** Stand-ins for `pm-zone review --staged`: one finds a blocker, one finds none; each says where it ran from. */
const BLOCKING = "console.log('BLOCKER: security.secret in config.ts:3 (' + process.argv.slice(2).join(' ') + ')'); process.exit(1);\n";
const PASSING = "console.log('review: no blockers'); process.exit(0);\n";

/** PM Zone as a package manager lays it out in the repository: node_modules/pm-zone/dist/cli.js. */
async function installFake(repo: TempRepo, body: string): Promise<string> {
  const cli = repo.path('node_modules/pm-zone/dist/cli.js');
  await fs.mkdir(path.dirname(cli), { recursive: true });
  await fs.writeFile(cli, body);
  await fs.writeFile(repo.path('node_modules/pm-zone/package.json'), '{"name":"pm-zone","bin":{"pm-zone":"dist/cli.js"}}\n');
  return cli;
}

const REVIEW = ['review', '--staged'];

/** No editor extensions and no pm-zone on PATH: the hook finds only what a test puts in place. */
async function hookEnv(extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const home = await tempDir('home');
  const bin = path.dirname(process.execPath);
  return { ...isolatedGitEnv, HOME: home, XDG_DATA_HOME: path.join(home, 'data'), VSCODE_EXTENSIONS: '', PATH: `${bin}${path.delimiter}/usr/bin${path.delimiter}/bin`, ...extra };
}

/** A real `git commit` (hooks run); resolves with whether it went through and what the hooks printed. */
async function commit(repo: TempRepo, env?: NodeJS.ProcessEnv): Promise<{ committed: boolean; output: string }> {
  const environment = env ?? (await hookEnv());
  return new Promise((resolve) => {
    execFile('git', ['commit', '-m', 'change'], { cwd: repo.root, env: environment }, (error, stdout, stderr) => {
      resolve({ committed: !error, output: `${stdout}${stderr}` });
    });
  });
}

async function stagedRepo(config?: Record<string, string>) {
  const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n', '.gitignore': 'node_modules/\n' } }], staged: { 'a.txt': 'b\n' }, ...(config ? { config } : {}) });
  return repo;
}

const mode = async (file: string) => (await fs.lstat(file)).mode & 0o777;

describe('pre-commit hook', () => {
  it('installs an LF, #!/bin/sh, executable, marked hook that blocks on blockers and allows otherwise', async () => {
    const repo = await stagedRepo();
    await installFake(repo, BLOCKING);
    const result = await installPreCommitHook(repo.git, { reviewArgs: REVIEW });
    const hookFile = repo.path('.git/hooks/pre-commit');
    assert.equal(result.status, 'installed');
    assert.equal(result.hookPath, hookFile);
    assert.equal(result.chained, undefined);
    assert.match(result.message, /It lives in \.git\/hooks, which git never copies to another clone: a PM's clone does not get it from yours\./);

    const script = await fs.readFile(hookFile, 'utf8');
    assert.ok(script.startsWith('#!/bin/sh\n'));
    assert.ok(!script.includes('\r'), 'LF line endings only');
    assert.ok(script.includes(HOOK_MARKER));
    assert.equal(await mode(hookFile), 0o755);
    assert.equal((await hookStatus(repo.git)).status, 'installed');

    const blocked = await commit(repo);
    assert.equal(blocked.committed, false);
    assert.match(blocked.output, /BLOCKER: security\.secret in config\.ts:3 \(review --staged\)/);
    assert.match(blocked.output, /commit blocked/);
    assert.equal((await repo.run('rev-list', '--count', 'HEAD')).trim(), '1');

    await installFake(repo, PASSING);
    const allowed = await commit(repo);
    assert.equal(allowed.committed, true, allowed.output);
    assert.match(allowed.output, /review: no blockers/);
  });

  it('names no folder of this machine: not the package, not node, not the repository', async () => {
    const repo = await stagedRepo();
    const cli = await installFake(repo, PASSING);
    await installPreCommitHook(repo.git, { reviewArgs: ['--skill-file', 'docs/review.md', ...REVIEW] });
    const script = await fs.readFile(repo.path('.git/hooks/pre-commit'), 'utf8');
    for (const local of [cli, repo.root, path.dirname(await tempDir('probe'))]) assert.ok(!script.includes(local), `the hook names ${local}`);
    // The only absolute paths are the usual places of node on any machine (where this one may well be).
    const words = script.split('\n').slice(1).join('\n').split(/[\s;]+/).map((word) => word.replace(/^['"(]+|['")]+$/g, ''));
    const absolute = words.filter((word) => word.startsWith('/'));
    assert.deepEqual([...new Set(absolute)].sort(), ['/opt/homebrew/bin/node', '/usr/bin/node', '/usr/local/bin/node']);
  });

  it('keeps working after the package folder moves, as an upgrade through pnpm\'s store moves it', async () => {
    const repo = await stagedRepo();
    const store = await tempDir('pnpm-store');
    const place = async (version: string, body: string) => {
      const folder = path.join(store, `pm-zone@${version}`, 'node_modules', 'pm-zone');
      await fs.mkdir(path.join(folder, 'dist'), { recursive: true });
      await fs.writeFile(path.join(folder, 'dist', 'cli.js'), body);
      await fs.rm(repo.path('node_modules/pm-zone'), { recursive: true, force: true });
      await fs.mkdir(repo.path('node_modules'), { recursive: true });
      await fs.symlink(folder, repo.path('node_modules/pm-zone'));
      return folder;
    };
    const first = await place('0.1.0', "console.log('BLOCKER from 0.1.0'); process.exit(1);\n");
    await installPreCommitHook(repo.git, { reviewArgs: REVIEW, packageManager: packageManagerNamed('pnpm') });
    assert.match((await commit(repo)).output, /BLOCKER from 0\.1\.0/);
    await place('0.2.0', "console.log('BLOCKER from 0.2.0'); process.exit(1);\n");
    await fs.rm(first, { recursive: true });
    const after = await commit(repo);
    assert.equal(after.committed, false);
    assert.match(after.output, /BLOCKER from 0\.2\.0/);
  });

  it('installing twice changes nothing the second time', async () => {
    const repo = await stagedRepo();
    await installPreCommitHook(repo.git, { reviewArgs: REVIEW });
    const hookFile = repo.path('.git/hooks/pre-commit');
    const before = await fs.stat(hookFile);
    const again = await installPreCommitHook(repo.git, { reviewArgs: REVIEW });
    assert.equal(again.status, 'already-installed');
    const after = await fs.stat(hookFile);
    assert.equal(after.mtimeMs, before.mtimeMs);
    assert.equal(after.ino, before.ino);
    assert.deepEqual((await fs.readdir(repo.path('.git/hooks'))).filter((name) => name.startsWith('pre-commit') && !name.endsWith('.sample')), ['pre-commit']);
  });

  it('keeps an existing hook, runs it first, and restores it byte for byte with its mode', async () => {
    const repo = await stagedRepo();
    await installFake(repo, PASSING);
    const hookFile = repo.path('.git/hooks/pre-commit');
    const ranMarker = path.join(await tempDir('marker'), 'existing-hook-ran');
    const original = Buffer.from(`#!/bin/sh\n# team hook — ünïcode, trailing spaces   \necho ran >> '${ranMarker}'\nexit "\${EXISTING_HOOK_EXIT:-0}"\n`);
    await fs.writeFile(hookFile, original, { mode: 0o750 });
    await fs.chmod(hookFile, 0o750);

    const result = await installPreCommitHook(repo.git, { reviewArgs: REVIEW });
    assert.equal(result.status, 'installed');
    assert.equal(result.chained, repo.path('.git/hooks/pre-commit.pm-zone-chained'));
    assert.match(result.message, /kept/);
    assert.equal((await hookStatus(repo.git)).chained, result.chained);

    const failingExisting = await commit(repo, await hookEnv({ EXISTING_HOOK_EXIT: '3' }));
    assert.equal(failingExisting.committed, false, 'the kept hook\'s failure still stops the commit');
    assert.doesNotMatch(failingExisting.output, /review: no blockers/, 'the review does not run after it');
    const ok = await commit(repo);
    assert.equal(ok.committed, true, ok.output);
    assert.equal(await fs.readFile(ranMarker, 'utf8'), 'ran\nran\n');

    const removed = await uninstallPreCommitHook(repo.git);
    assert.equal(removed.status, 'uninstalled');
    assert.deepEqual(await fs.readFile(hookFile), original);
    assert.equal(await mode(hookFile), 0o750);
    assert.deepEqual((await fs.readdir(repo.path('.git/hooks'))).filter((name) => name.startsWith('pre-commit') && !name.endsWith('.sample')), ['pre-commit']);
    assert.equal((await hookStatus(repo.git)).status, 'not-installed');
    assert.equal((await hookStatus(repo.git)).otherHook, true);
  });

  it('keeps a hook that is a symbolic link as a link', async () => {
    const repo = await stagedRepo();
    await repo.write({ 'tools/hook.sh': { content: '#!/bin/sh\nexit 0\n', executable: true } });
    const hookFile = repo.path('.git/hooks/pre-commit');
    await fs.symlink(repo.path('tools/hook.sh'), hookFile);
    await installPreCommitHook(repo.git, { reviewArgs: REVIEW });
    assert.equal(await fs.readFile(repo.path('tools/hook.sh'), 'utf8'), '#!/bin/sh\nexit 0\n', 'the link target is untouched');
    await uninstallPreCommitHook(repo.git);
    assert.equal(await fs.readlink(hookFile), repo.path('tools/hook.sh'));
  });

  it('uninstalling when not installed touches nothing', async () => {
    const repo = await stagedRepo();
    const none = await uninstallPreCommitHook(repo.git);
    assert.equal(none.status, 'not-installed');
    await assert.rejects(fs.lstat(none.hookPath));

    const foreign = '#!/bin/sh\necho not ours\n';
    await fs.writeFile(none.hookPath, foreign, { mode: 0o755 });
    const stillNone = await uninstallPreCommitHook(repo.git);
    assert.equal(stillNone.status, 'not-installed');
    assert.match(stillNone.message, /not written by PM Zone/);
    assert.equal(await fs.readFile(none.hookPath, 'utf8'), foreign);
  });

  it('installs in a core.hooksPath folder inside the repository', async () => {
    const repo = await stagedRepo({ 'core.hooksPath': '.githooks' });
    await installFake(repo, BLOCKING);
    const result = await installPreCommitHook(repo.git, { reviewArgs: REVIEW });
    assert.equal(result.status, 'installed');
    assert.equal(result.hookPath, repo.path('.githooks/pre-commit'));
    assert.match(result.message, /working tree/);
    assert.equal((await commit(repo)).committed, false);
    await assert.rejects(fs.lstat(repo.path('.git/hooks/pre-commit')));
  });

  it('installs in a core.hooksPath folder whose name reads as a glob, beside a tracked hook the glob would match', async () => {
    // `.githooks[x]/pre-commit` as a pathspec is a glob that also matches the tracked `.githooksx/pre-commit`: asked so, the hook was taken for a file of the repository.
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n', '.gitignore': 'node_modules/\n', '.githooksx/pre-commit': '#!/bin/sh\n' } }], staged: { 'a.txt': 'b\n' }, config: { 'core.hooksPath': '.githooks[x]' } });
    await installFake(repo, BLOCKING);
    const result = await installPreCommitHook(repo.git, { reviewArgs: REVIEW });
    assert.equal(result.status, 'installed', result.message);
    assert.equal(result.hookPath, repo.path('.githooks[x]/pre-commit'));
    assert.equal((await commit(repo)).committed, false);
    // A hook the repository tracks there, under either name, is still left to the team.
    for (const folder of ['.githooks[x]', '.githooks']) {
      const tracked = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n', [`${folder}/pre-commit`]: '#!/bin/sh\n' } }], config: { 'core.hooksPath': folder } });
      const refused = await installPreCommitHook(tracked.git, { reviewArgs: REVIEW });
      assert.equal(refused.status, 'refused', folder);
      assert.match(refused.message, /is a file of the repository/, folder);
    }
  });

  it('refuses a core.hooksPath outside the repository, writing nothing', async () => {
    const shared = path.join(await tempDir('global-hooks'), 'hooks');
    const repo = await stagedRepo({ 'core.hooksPath': shared });
    const result = await installPreCommitHook(repo.git, { reviewArgs: REVIEW });
    assert.equal(result.status, 'refused');
    assert.match(result.message, /outside this repository/);
    await assert.rejects(fs.lstat(shared));
    const status = await hookStatus(repo.git);
    assert.equal(status.outsideRepository, true);
    assert.equal(status.status, 'not-installed');
  });

  it('refuses rather than overwrite a previously kept hook', async () => {
    const repo = await stagedRepo();
    await fs.writeFile(repo.path('.git/hooks/pre-commit'), '#!/bin/sh\n', { mode: 0o755 });
    await fs.writeFile(repo.path('.git/hooks/pre-commit.pm-zone-chained'), '#!/bin/sh\n# older\n', { mode: 0o755 });
    const result = await installPreCommitHook(repo.git, { reviewArgs: REVIEW });
    assert.equal(result.status, 'refused');
    assert.equal(await fs.readFile(repo.path('.git/hooks/pre-commit.pm-zone-chained'), 'utf8'), '#!/bin/sh\n# older\n');
  });

  it('finds node in the usual places when a git client starts it without one on PATH', async () => {
    const repo = await stagedRepo();
    await installFake(repo, BLOCKING);
    await installPreCommitHook(repo.git, { reviewArgs: REVIEW });
    // No node on PATH; this test's node where nvm keeps the current one (the system's own places may hold one too).
    const env = await hookEnv({ PATH: '/usr/bin:/bin' });
    await fs.mkdir(path.join(env.HOME as string, '.nvm', 'current', 'bin'), { recursive: true });
    await fs.symlink(process.execPath, path.join(env.HOME as string, '.nvm', 'current', 'bin', 'node'));
    const result = await commit(repo, env);
    assert.equal(result.committed, false, result.output);
    assert.match(result.output, /BLOCKER: security\.secret/, 'the review ran, with a node the hook found');
  });

  describe('without PM Zone', () => {
    it('stops the first commit, saying how to install it with the repository\'s package manager, then lets commits through with one line each', async () => {
      const repo = await stagedRepo();
      await installPreCommitHook(repo.git, { reviewArgs: REVIEW, packageManager: packageManagerNamed('pnpm', { workspace: true }) });
      const first = await commit(repo);
      assert.equal(first.committed, false, 'never a silent pass: a pilot PM would not notice');
      assert.match(first.output, /PM Zone: this pre-commit hook runs PM Zone, which is not installed here: no node_modules\/pm-zone, no PM Zone extension in VS Code, Cursor or Windsurf, and no pm-zone on PATH\./);
      assert.match(first.output, /install it \(pnpm install where package\.json lists pm-zone, else pnpm add -D -w pm-zone; or the PM Zone extension\), or remove the hook/);
      const second = await commit(repo);
      assert.equal(second.committed, true, second.output);
      assert.equal(second.output.split('\n').filter((line) => line.startsWith('PM Zone:')).length, 1, second.output);
      assert.match(second.output, /PM Zone: not installed here, so this commit was not reviewed \(install it: pnpm add -D -w pm-zone/);

      // Found again, it reviews again; lost again, it says so again.
      await repo.stage({ 'a.txt': 'c\n' });
      await installFake(repo, BLOCKING);
      assert.equal((await commit(repo)).committed, false);
      await fs.rm(repo.path('node_modules'), { recursive: true });
      assert.equal((await commit(repo)).committed, false);
    });

    it('finds the newest PM Zone extension of an editor, skipping one VS Code is about to delete, and never a look-alike', async () => {
      const repo = await stagedRepo();
      const env = await hookEnv();
      const extensions = path.join(env.HOME as string, '.vscode', 'extensions');
      for (const name of ['pm-zone.pm-zone-0.9.0', 'pm-zone.pm-zone-0.10.0', 'pm-zone.pm-zone-0.11.0', 'pm-zone.pm-zone-zz-extras-9.9.9']) {
        await fs.mkdir(path.join(extensions, name, 'dist'), { recursive: true });
        await fs.writeFile(path.join(extensions, name, 'dist', 'cli.js'), `console.log('BLOCKER from ${name}: ' + process.argv.slice(2).join(' ')); process.exit(1);\n`);
      }
      await fs.writeFile(path.join(extensions, '.obsolete'), '{"pm-zone.pm-zone-0.11.0":true}');
      await installPreCommitHook(repo.git, { reviewArgs: ['--skill-file', 'docs/review.md', ...REVIEW] });
      const result = await commit(repo, env);
      assert.equal(result.committed, false, result.output);
      assert.match(result.output, /BLOCKER from pm-zone\.pm-zone-0\.10\.0: --skill-file docs\/review\.md review --staged/);
    });

    it("finds the newest PM Zone in an editor's own extensions folder (--extensions-dir), an upgrade included, and says which folders it searches anyway", async () => {
      const repo = await stagedRepo();
      const env = await hookEnv();
      const folder = await tempDir('editor extensions');
      const place = async (name: string) => {
        await fs.mkdir(path.join(folder, name, 'dist'), { recursive: true });
        await fs.writeFile(path.join(folder, name, 'dist', 'cli.js'), `console.log('BLOCKER from ${name}'); process.exit(1);\n`);
      };
      await place('pm-zone.pm-zone-1.0.0');
      assert.equal(searchesExtensionsFolder(folder, env), false);
      assert.equal(searchesExtensionsFolder(path.join(env.HOME as string, '.vscode', 'extensions/'), env), true);
      assert.equal(searchesExtensionsFolder(path.join(env.XDG_DATA_HOME as string, 'code-server', 'extensions'), env), true);
      await installPreCommitHook(repo.git, { reviewArgs: REVIEW, extensionsFolder: folder });
      assert.match((await commit(repo, env)).output, /BLOCKER from pm-zone\.pm-zone-1\.0\.0/);
      // The editor upgrades the extension: the old folder goes, the new one is found by the same hook.
      await fs.rm(path.join(folder, 'pm-zone.pm-zone-1.0.0'), { recursive: true });
      await place('pm-zone.pm-zone-1.1.0');
      const upgraded = await commit(repo, env);
      assert.equal(upgraded.committed, false, upgraded.output);
      assert.match(upgraded.output, /BLOCKER from pm-zone\.pm-zone-1\.1\.0/);
    });

    it('runs pm-zone from PATH, a global install', async () => {
      const repo = await stagedRepo();
      const bin = await tempDir('global bin');
      await fs.writeFile(path.join(bin, 'pm-zone'), `#!/bin/sh\necho "BLOCKER from PATH: $*"\nexit 1\n`, { mode: 0o755 });
      await installPreCommitHook(repo.git, { reviewArgs: REVIEW });
      const env = await hookEnv();
      const result = await commit(repo, { ...env, PATH: `${bin}${path.delimiter}${env.PATH}` });
      assert.equal(result.committed, false);
      assert.match(result.output, /BLOCKER from PATH: review --staged/);
    });
  });

  describe('refreshing', () => {
    it('writes nothing where PM Zone has no hook', async () => {
      const repo = await stagedRepo();
      assert.equal((await refreshPreCommitHook(repo.git, { reviewArgs: REVIEW })).status, 'not-installed');
      await assert.rejects(fs.lstat(repo.path('.git/hooks/pre-commit')));
      await fs.mkdir(repo.path('.git/hooks'), { recursive: true });
      await fs.writeFile(repo.path('.git/hooks/pre-commit'), '#!/bin/sh\n# the team\'s own\n', { mode: 0o755 });
      assert.equal((await refreshPreCommitHook(repo.git, { reviewArgs: REVIEW })).status, 'not-installed');
      assert.equal(await fs.readFile(repo.path('.git/hooks/pre-commit'), 'utf8'), "#!/bin/sh\n# the team's own\n");
    });

    it('rewrites a hook of ours that runs other arguments, and leaves an up-to-date one alone', async () => {
      const repo = await stagedRepo();
      await installFake(repo, BLOCKING);
      await installPreCommitHook(repo.git, { reviewArgs: REVIEW });
      const refreshed = await refreshPreCommitHook(repo.git, { reviewArgs: ['--skill-file', 'docs/review.md', ...REVIEW] });
      assert.equal(refreshed.status, 'updated');
      assert.match((await commit(repo)).output, /\(--skill-file docs\/review\.md review --staged\)/, 'the hook now runs the new arguments');
      assert.equal((await refreshPreCommitHook(repo.git, { reviewArgs: ['--skill-file', 'docs/review.md', ...REVIEW] })).status, 'already-installed');
    });

    it('leaves a hook that another installation wrote as it is', async () => {
      const repo = await stagedRepo();
      await installPreCommitHook(repo.git, { reviewArgs: REVIEW });
      const before = await fs.readFile(repo.path('.git/hooks/pre-commit'), 'utf8');
      const result = await refreshPreCommitHook(repo.git, { reviewArgs: [...REVIEW, '--max-files', '3'], installedBy: 'the PM Zone extension', writtenBy: (hook) => hook.includes('installed by the PM Zone extension') });
      assert.equal(result.status, 'already-installed');
      assert.match(result.message, /another installation/);
      assert.equal(await fs.readFile(repo.path('.git/hooks/pre-commit'), 'utf8'), before);
    });
  });

  it('rejects an empty command', async () => {
    const repo = await stagedRepo();
    await assert.rejects(installPreCommitHook(repo.git, { reviewArgs: [] }), TypeError);
  });
});
