// `pm-zone hook install|uninstall` through the built program, and real
// `git commit`s that the installed hook blocks or lets through.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { HOOK_MARKER } from '../../../src/core/git';
import { tempDir } from '../../unit/helpers/tempRepo';
import { fakeSecrets } from '../../unit/review/e2e/fakeSecrets';
import { cleanPmRepo } from '../../unit/review/e2e/pmBranch';
import { built, childEnv, spawnCli, type CliRun } from '../support/program';
import { editFile, git, readFile, writeFiles } from '../../unit/cli/support/sampleRepo';

const STRINGS = 'src/features/checkout/i18n/en.json';

/** A real `git commit` with hooks, in the isolated environment. */
function commit(root: string, message: string): Promise<{ committed: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile('git', ['commit', '--quiet', '-m', message], { cwd: root, env: childEnv() }, (error, stdout, stderr) => {
      resolve({ committed: !error, output: `${stdout}${stderr}` });
    });
  });
}

const head = async (root: string) => (await git(root, 'rev-parse', 'HEAD')).trim();
const hookFile = (root: string, folder = '.git/hooks') => path.join(root, ...folder.split('/'), 'pre-commit');
const mode = async (file: string) => (await fs.stat(file)).mode & 0o777;

async function install(root: string, ...args: string[]): Promise<CliRun> {
  return spawnCli(['hook', 'install', '--cwd', root, ...args]);
}

describe('pm-zone hook (built program, real commits)', function () {
  this.timeout(60_000);

  it('writes an LF, #!/bin/sh, executable hook that runs this CLI\'s review --staged; installing again changes nothing', async () => {
    const root = await cleanPmRepo();
    const first = await install(root);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, 'The PM Zone pre-commit hook is installed.\n');
    const script = await fs.readFile(hookFile(root));
    const text = script.toString('utf8');
    assert.ok(text.startsWith('#!/bin/sh\n'));
    assert.ok(!text.includes('\r'));
    assert.ok(text.includes(HOOK_MARKER));
    assert.ok(text.includes(`'${built('cli.js')}' 'review' '--staged'`), 'it runs this very program');
    assert.equal(await mode(hookFile(root)), 0o755);

    const again = await install(root, '--json');
    assert.equal(again.code, 0);
    assert.deepEqual(JSON.parse(again.stdout), { status: 'already-installed', hookPath: hookFile(root), message: 'The PM Zone pre-commit hook is already installed.' });
    assert.deepEqual(await fs.readFile(hookFile(root)), script);
  });

  describe('installed', () => {
    let root: string;
    before(async () => {
      root = await cleanPmRepo();
      assert.equal((await install(root)).code, 0);
    });
    // Each test starts from the clean branch again.
    beforeEach(async () => {
      await git(root, 'reset', '--quiet', '--hard', 'HEAD');
      await git(root, 'clean', '--quiet', '-fd');
    });

    it('blocks a commit with a staged secret, readably and without printing the secret', async () => {
      const token = fakeSecrets.githubToken(21);
      await editFile(root, 'src/features/checkout/components/CheckoutButton.tsx', '/** The primary action', `const token = '${token}';\n/** The primary action`);
      await git(root, 'add', '--all');
      const before = await head(root);
      const result = await commit(root, 'Token');
      assert.equal(result.committed, false);
      assert.match(result.output, /security\.secret/);
      assert.match(result.output, /PM Zone: commit blocked by the PM PR Review: fix the blockers above, save, stage the fixes\n/);
      // The first line, all an editor's dialog shows, names the blocker in a sentence.
      assert.match(result.output.split('\n')[0], /^PM Zone blocked this commit: secret in the change \(CheckoutButton\.tsx:\d+\)\. See the Problems panel\.$/);
      assert.ok(result.output.split('\n').every((line) => line.length <= 100), result.output);
      assert.ok(!result.output.includes(token));
      assert.equal(await head(root), before);
    });

    it('blocks a commit of a locked file', async () => {
      await writeFiles(root, { 'src/auth/session.ts': `${await readFile(root, 'src/auth/session.ts')}// longer sessions\n` });
      await git(root, 'add', '--all');
      const result = await commit(root, 'Sessions');
      assert.equal(result.committed, false);
      assert.match(result.output, /^PM Zone blocked this commit: engineering-only file changed \(session\.ts\)\. See the Problems panel\.\n/);
      assert.match(result.output, /Blockers \(1\)\n {2}src\/auth\/session\.ts \(zone\.locked\)\n/);
    });

    it('names a saved fix that is not staged in its first line, and commits once it is staged', async () => {
      await git(root, 'checkout', '--quiet', '--', 'src/auth/session.ts');
      await git(root, 'reset', '--quiet');
      const token = fakeSecrets.githubToken(22);
      const button = 'src/features/checkout/components/CheckoutButton.tsx';
      const before = await readFile(root, button);
      await editFile(root, button, '/** The primary action', `const token = '${token}';\n/** The primary action`);
      await git(root, 'add', '--all');
      assert.equal((await commit(root, 'Token')).committed, false);
      // The PM removes the token and saves; git still holds the staged copy.
      await writeFiles(root, { [button]: before.replace('/** The primary action', '// The label comes from the strings.\n/** The primary action') });
      const again = await commit(root, 'Token removed');
      assert.equal(again.committed, false);
      assert.equal(again.output.split('\n')[0], 'PM Zone blocked this commit: your saved fix to CheckoutButton.tsx is not staged.');
      assert.ok(again.output.split('\n').every((line) => line.length <= 100), again.output);
      await git(root, 'add', '--', button);
      const staged = await commit(root, 'Token removed');
      assert.equal(staged.committed, true, staged.output);
    });

    it('lets a clean staged copy change through on a branch that has its planning doc', async () => {
      await editFile(root, STRINGS, '"Back to cart"', '"Back to your cart"');
      await git(root, 'add', STRINGS);
      const before = await head(root);
      const result = await commit(root, 'Checkout: warmer back link');
      assert.equal(result.committed, true, result.output);
      assert.notEqual(await head(root), before);
    });
  });

  it('keeps an existing hook, runs it first, and restores it byte for byte on uninstall', async () => {
    const root = await cleanPmRepo();
    const marker = path.join(root, '.git', 'custom-hook-ran');
    const custom = Buffer.from(`#!/bin/sh\n# the team's own hook\ttabs and ünïcode kept\necho ran >> '${marker}'\nexit 0\n`, 'utf8');
    await fs.writeFile(hookFile(root), custom, { mode: 0o750 });
    await fs.chmod(hookFile(root), 0o750);

    const installed = JSON.parse((await install(root, '--json')).stdout);
    assert.equal(installed.status, 'installed');
    assert.equal(installed.chained, path.join(root, '.git', 'hooks', 'pre-commit.pm-zone-chained'));
    assert.deepEqual(await fs.readFile(installed.chained), custom);

    await editFile(root, STRINGS, '"Back to cart"', '"Back to your cart"');
    await git(root, 'add', STRINGS);
    assert.equal((await commit(root, 'Copy')).committed, true);
    assert.equal(await fs.readFile(marker, 'utf8'), 'ran\n', 'the kept hook ran');

    const removed = await spawnCli(['hook', 'uninstall', '--cwd', root]);
    assert.equal(removed.code, 0);
    assert.equal(removed.stdout, 'The PM Zone pre-commit hook was removed and the previous hook restored.\n');
    assert.deepEqual(await fs.readFile(hookFile(root)), custom);
    assert.equal(await mode(hookFile(root)), 0o750);
    await assert.rejects(fs.access(installed.chained));
  });

  it('a failing kept hook still stops the commit', async () => {
    const root = await cleanPmRepo();
    await fs.writeFile(hookFile(root), '#!/bin/sh\necho "lint failed" >&2\nexit 3\n', { mode: 0o755 });
    assert.equal((await install(root)).code, 0);
    await editFile(root, STRINGS, '"Back to cart"', '"Back to your cart"');
    await git(root, 'add', STRINGS);
    const result = await commit(root, 'Copy');
    assert.equal(result.committed, false);
    assert.match(result.output, /lint failed/);
  });

  it('honours a core.hooksPath inside the repository', async () => {
    const root = await cleanPmRepo();
    await git(root, 'config', 'core.hooksPath', '.githooks');
    const run = await install(root, '--json');
    assert.equal(run.code, 0);
    assert.equal(JSON.parse(run.stdout).hookPath, hookFile(root, '.githooks'));
    await assert.rejects(fs.access(hookFile(root)), 'nothing in .git/hooks');
    await writeFiles(root, { 'src/auth/session.ts': '// gone\n' });
    await git(root, 'add', 'src/auth/session.ts');
    assert.equal((await commit(root, 'Sessions')).committed, false, 'git runs the hook from core.hooksPath');
  });

  it('refuses, with an explanation and exit 1, a core.hooksPath outside the repository', async () => {
    const root = await cleanPmRepo();
    const shared = await tempDir('shared-hooks');
    await git(root, 'config', 'core.hooksPath', shared);
    const run = await install(root);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /core\.hooksPath points to .*outside this repository.*Unset core\.hooksPath/);
    assert.deepEqual(await fs.readdir(shared), []);
  });

  it('uninstall touches nothing it did not write', async () => {
    const root = await cleanPmRepo();
    const nothing = await spawnCli(['hook', 'uninstall', '--cwd', root, '--json']);
    assert.equal(nothing.code, 0);
    assert.equal(JSON.parse(nothing.stdout).status, 'not-installed');
    const foreign = '#!/bin/sh\nexit 0\n';
    await fs.writeFile(hookFile(root), foreign, { mode: 0o755 });
    const left = await spawnCli(['hook', 'uninstall', '--cwd', root]);
    assert.match(left.stdout, /not written by PM Zone and was left alone/);
    assert.equal(await fs.readFile(hookFile(root), 'utf8'), foreign);
  });
});
