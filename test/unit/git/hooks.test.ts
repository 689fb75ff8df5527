import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { HOOK_MARKER } from '../../../src/core/git/hookScript';
import { hookStatus, installPreCommitHook, refreshPreCommitHook, uninstallPreCommitHook } from '../../../src/core/git/hooks';
import { isolatedGitEnv, tempDir, tempRepo, type TempRepo } from '../helpers/tempRepo';

/** Stand-ins for `pm-zone review --staged`: one finds a blocker, one finds none. */
async function fakeClis() {
  const folder = await tempDir('cli');
  const blocking = path.join(folder, 'blocking-cli.js');
  const passing = path.join(folder, 'passing-cli.js');
  await fs.writeFile(blocking, "console.log('BLOCKER: security.secret in config.ts:3 (' + process.argv.slice(2).join(' ') + ')'); process.exit(1);\n");
  await fs.writeFile(passing, "console.log('review: no blockers'); process.exit(0);\n");
  return { blocking: [process.execPath, blocking, 'review', '--staged'], passing: [process.execPath, passing, 'review', '--staged'], folder };
}

/** A real `git commit` (hooks run); resolves with whether it went through and what the hooks printed. */
function commit(repo: TempRepo, env: NodeJS.ProcessEnv = isolatedGitEnv): Promise<{ committed: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile('git', ['commit', '-m', 'change'], { cwd: repo.root, env }, (error, stdout, stderr) => {
      resolve({ committed: !error, output: `${stdout}${stderr}` });
    });
  });
}

async function stagedRepo(config?: Record<string, string>) {
  return tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }], staged: { 'a.txt': 'b\n' }, ...(config ? { config } : {}) });
}

const mode = async (file: string) => (await fs.lstat(file)).mode & 0o777;

describe('pre-commit hook', () => {
  it('installs an LF, #!/bin/sh, executable, marked hook that blocks on blockers and allows otherwise', async () => {
    const clis = await fakeClis();
    const repo = await stagedRepo();
    const result = await installPreCommitHook(repo.git, { command: clis.blocking });
    const hookFile = repo.path('.git/hooks/pre-commit');
    assert.equal(result.status, 'installed');
    assert.equal(result.hookPath, hookFile);
    assert.equal(result.chained, undefined);

    const script = await fs.readFile(hookFile, 'utf8');
    assert.ok(script.startsWith('#!/bin/sh\n'));
    assert.ok(!script.includes('\r'), 'LF line endings only');
    assert.ok(script.includes(HOOK_MARKER));
    assert.ok(script.includes(process.execPath), 'the node found at install time is recorded');
    assert.equal(await mode(hookFile), 0o755);
    assert.equal((await hookStatus(repo.git)).status, 'installed');

    const blocked = await commit(repo);
    assert.equal(blocked.committed, false);
    assert.match(blocked.output, /BLOCKER: security\.secret in config\.ts:3 \(review --staged\)/);
    assert.match(blocked.output, /commit blocked/);
    assert.equal((await repo.run('rev-list', '--count', 'HEAD')).trim(), '1');

    const updated = await installPreCommitHook(repo.git, { command: clis.passing });
    assert.equal(updated.status, 'updated');
    const allowed = await commit(repo);
    assert.equal(allowed.committed, true, allowed.output);
    assert.match(allowed.output, /review: no blockers/);
  });

  it('installing twice changes nothing the second time', async () => {
    const clis = await fakeClis();
    const repo = await stagedRepo();
    await installPreCommitHook(repo.git, { command: clis.passing });
    const hookFile = repo.path('.git/hooks/pre-commit');
    const before = await fs.stat(hookFile);
    const again = await installPreCommitHook(repo.git, { command: clis.passing });
    assert.equal(again.status, 'already-installed');
    const after = await fs.stat(hookFile);
    assert.equal(after.mtimeMs, before.mtimeMs);
    assert.equal(after.ino, before.ino);
    assert.deepEqual((await fs.readdir(repo.path('.git/hooks'))).filter((name) => name.startsWith('pre-commit') && !name.endsWith('.sample')), ['pre-commit']);
  });

  it('keeps an existing hook, runs it first, and restores it byte for byte with its mode', async () => {
    const clis = await fakeClis();
    const repo = await stagedRepo();
    const hookFile = repo.path('.git/hooks/pre-commit');
    const ranMarker = path.join(clis.folder, 'existing-hook-ran');
    const original = Buffer.from(`#!/bin/sh\n# team hook — ünïcode, trailing spaces   \necho ran >> '${ranMarker}'\nexit "\${EXISTING_HOOK_EXIT:-0}"\n`);
    await fs.writeFile(hookFile, original, { mode: 0o750 });
    await fs.chmod(hookFile, 0o750);

    const result = await installPreCommitHook(repo.git, { command: clis.passing });
    assert.equal(result.status, 'installed');
    assert.equal(result.chained, repo.path('.git/hooks/pre-commit.pm-zone-chained'));
    assert.match(result.message, /kept/);
    assert.equal((await hookStatus(repo.git)).chained, result.chained);

    const failingExisting = await commit(repo, { ...isolatedGitEnv, EXISTING_HOOK_EXIT: '3' });
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
    const clis = await fakeClis();
    const repo = await stagedRepo();
    await repo.write({ 'tools/hook.sh': { content: '#!/bin/sh\nexit 0\n', executable: true } });
    const hookFile = repo.path('.git/hooks/pre-commit');
    await fs.symlink(repo.path('tools/hook.sh'), hookFile);
    await installPreCommitHook(repo.git, { command: clis.passing });
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
    const clis = await fakeClis();
    const repo = await stagedRepo({ 'core.hooksPath': '.githooks' });
    const result = await installPreCommitHook(repo.git, { command: clis.blocking });
    assert.equal(result.status, 'installed');
    assert.equal(result.hookPath, repo.path('.githooks/pre-commit'));
    assert.match(result.message, /working tree/);
    assert.equal((await commit(repo)).committed, false);
    await assert.rejects(fs.lstat(repo.path('.git/hooks/pre-commit')));
  });

  it('refuses a core.hooksPath outside the repository, writing nothing', async () => {
    const clis = await fakeClis();
    const shared = path.join(await tempDir('global-hooks'), 'hooks');
    const repo = await stagedRepo({ 'core.hooksPath': shared });
    const result = await installPreCommitHook(repo.git, { command: clis.blocking });
    assert.equal(result.status, 'refused');
    assert.match(result.message, /outside this repository/);
    await assert.rejects(fs.lstat(shared));
    const status = await hookStatus(repo.git);
    assert.equal(status.outsideRepository, true);
    assert.equal(status.status, 'not-installed');
  });

  it('refuses rather than overwrite a previously kept hook', async () => {
    const clis = await fakeClis();
    const repo = await stagedRepo();
    await fs.writeFile(repo.path('.git/hooks/pre-commit'), '#!/bin/sh\n', { mode: 0o755 });
    await fs.writeFile(repo.path('.git/hooks/pre-commit.pm-zone-chained'), '#!/bin/sh\n# older\n', { mode: 0o755 });
    const result = await installPreCommitHook(repo.git, { command: clis.passing });
    assert.equal(result.status, 'refused');
    assert.equal(await fs.readFile(repo.path('.git/hooks/pre-commit.pm-zone-chained'), 'utf8'), '#!/bin/sh\n# older\n');
  });

  it('finds node elsewhere when the recorded one has gone', async () => {
    const clis = await fakeClis();
    const repo = await stagedRepo();
    await installPreCommitHook(repo.git, { command: ['/nonexistent/bin/node', ...clis.blocking.slice(1)] });
    const result = await commit(repo);
    assert.equal(result.committed, false);
    assert.match(result.output, /BLOCKER/);
  });

  it('warns and lets the commit through when PM Zone or its program has gone missing', async () => {
    const clis = await fakeClis();
    const repo = await stagedRepo();
    await installPreCommitHook(repo.git, { command: clis.blocking });
    await fs.rm(clis.blocking[1] as string);
    const withoutCli = await commit(repo);
    assert.equal(withoutCli.committed, true);
    assert.match(withoutCli.output, /no longer installed/);
    assert.match(withoutCli.output, /pm-zone hook uninstall/);

    await repo.stage({ 'a.txt': 'c\n' });
    await installPreCommitHook(repo.git, { command: ['/nonexistent/pm-zone-runner', 'review', '--staged'] });
    const withoutProgram = await commit(repo);
    assert.equal(withoutProgram.committed, true);
    assert.match(withoutProgram.output, /cannot find \/nonexistent\/pm-zone-runner/);
  });

  describe('after an update of the editor extension', () => {
    /** Extension folders as VS Code names them, each with a command line that says which version ran. */
    async function installs(...versions: string[]) {
      const extensions = await tempDir('extensions with spaces');
      const cliOf = (version: string) => path.join(extensions, `pm-zone.pm-zone-${version}`, 'dist', 'cli.js');
      for (const version of versions) {
        await fs.mkdir(path.dirname(cliOf(version)), { recursive: true });
        await fs.writeFile(cliOf(version), `console.log('BLOCKER from ${version}: ' + process.argv.slice(2).join(' ')); process.exit(1);\n`);
      }
      // Another extension whose name starts the same is never taken for a version.
      await fs.mkdir(path.join(extensions, 'pm-zone.pm-zone-zz-extras-9.9.9', 'dist'), { recursive: true });
      await fs.writeFile(path.join(extensions, 'pm-zone.pm-zone-zz-extras-9.9.9', 'dist', 'cli.js'), "console.log('BLOCKER from extras'); process.exit(1);\n");
      return { cliOf, newerInstalls: path.join(extensions, 'pm-zone.pm-zone-[0-9]*', 'dist', 'cli.js') };
    }

    it('runs the recorded version while it is there', async () => {
      const { cliOf, newerInstalls } = await installs('0.1.0', '0.2.0');
      const repo = await stagedRepo();
      await installPreCommitHook(repo.git, { command: [process.execPath, cliOf('0.1.0'), 'review', '--staged'], newerInstalls });
      const result = await commit(repo);
      assert.equal(result.committed, false);
      assert.match(result.output, /BLOCKER from 0\.1\.0: review --staged/);
    });

    it('runs the newest version, in version order, once the recorded one is gone', async () => {
      const { cliOf, newerInstalls } = await installs('0.1.0', '0.9.0', '0.10.0');
      const repo = await stagedRepo();
      await installPreCommitHook(repo.git, { command: [process.execPath, cliOf('0.1.0'), '--skill-file', 'docs/review.md', 'review', '--staged'], newerInstalls });
      await fs.rm(path.dirname(path.dirname(cliOf('0.1.0'))), { recursive: true });
      const result = await commit(repo);
      assert.equal(result.committed, false, result.output);
      assert.match(result.output, /BLOCKER from 0\.10\.0: --skill-file docs\/review\.md review --staged/);
    });

    it('lets the commit through with the repair advice when no version is left', async () => {
      const { cliOf, newerInstalls } = await installs('0.1.0');
      const repo = await stagedRepo();
      await installPreCommitHook(repo.git, { command: [process.execPath, cliOf('0.1.0'), 'review', '--staged'], newerInstalls });
      await fs.rm(path.dirname(path.dirname(cliOf('0.1.0'))), { recursive: true });
      const result = await commit(repo);
      assert.equal(result.committed, true);
      assert.match(result.output, /no longer installed/);
    });
  });

  describe('refreshing', () => {
    it('writes nothing where PM Zone has no hook', async () => {
      const clis = await fakeClis();
      const repo = await stagedRepo();
      assert.equal((await refreshPreCommitHook(repo.git, { command: clis.passing })).status, 'not-installed');
      await assert.rejects(fs.lstat(repo.path('.git/hooks/pre-commit')));
      await fs.mkdir(repo.path('.git/hooks'), { recursive: true });
      await fs.writeFile(repo.path('.git/hooks/pre-commit'), '#!/bin/sh\n# the team\'s own\n', { mode: 0o755 });
      assert.equal((await refreshPreCommitHook(repo.git, { command: clis.passing })).status, 'not-installed');
      assert.equal(await fs.readFile(repo.path('.git/hooks/pre-commit'), 'utf8'), "#!/bin/sh\n# the team's own\n");
    });

    it('rewrites a hook of ours that runs another command, and leaves an up-to-date one alone', async () => {
      const clis = await fakeClis();
      const repo = await stagedRepo();
      await installPreCommitHook(repo.git, { command: clis.passing });
      const refreshed = await refreshPreCommitHook(repo.git, { command: clis.blocking });
      assert.equal(refreshed.status, 'updated');
      assert.equal((await commit(repo)).committed, false, 'the hook now runs the new command');
      assert.equal((await refreshPreCommitHook(repo.git, { command: clis.blocking })).status, 'already-installed');
    });

    it('leaves a hook that another installation wrote as it is', async () => {
      const clis = await fakeClis();
      const repo = await stagedRepo();
      await installPreCommitHook(repo.git, { command: clis.passing });
      const before = await fs.readFile(repo.path('.git/hooks/pre-commit'), 'utf8');
      const result = await refreshPreCommitHook(repo.git, { command: clis.blocking, writtenBy: (hook) => hook.includes('/extensions/') });
      assert.equal(result.status, 'already-installed');
      assert.match(result.message, /another installation/);
      assert.equal(await fs.readFile(repo.path('.git/hooks/pre-commit'), 'utf8'), before);
    });
  });

  it('rejects an empty command', async () => {
    const repo = await stagedRepo();
    await assert.rejects(installPreCommitHook(repo.git, { command: [] }), TypeError);
  });
});
