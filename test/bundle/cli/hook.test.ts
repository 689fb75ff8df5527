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
import { childEnv, installPackage, spawnCli, type CliRun } from '../support/program';
import { tempDir as tempFolder } from '../../unit/helpers/tempRepo';
import { editFile, git, readFile, sampleRepo, writeFiles } from '../../unit/cli/support/sampleRepo';

const STRINGS = 'src/features/checkout/i18n/en.json';

/** A real `git commit` with hooks, in the isolated environment, with no editor's extensions: the hook finds node_modules/pm-zone. */
async function commit(root: string, message: string, env: NodeJS.ProcessEnv = {}): Promise<{ committed: boolean; output: string }> {
  const home = await tempFolder('home');
  return new Promise((resolve) => {
    execFile('git', ['commit', '--quiet', '-m', message], { cwd: root, env: childEnv({ HOME: home, XDG_DATA_HOME: home, VSCODE_EXTENSIONS: '', ...env }) }, (error, stdout, stderr) => {
      resolve({ committed: !error, output: `${stdout}${stderr}` });
    });
  });
}

/** The sample repository with PM Zone in node_modules, as `npm install --save-dev pm-zone` leaves it (ignored, as node_modules is). */
async function pmRepo(): Promise<string> {
  const root = await cleanPmRepo();
  await installPackage(root);
  await fs.appendFile(path.join(root, '.git', 'info', 'exclude'), 'node_modules/\n');
  return root;
}

const head = async (root: string) => (await git(root, 'rev-parse', 'HEAD')).trim();
const hookFile = (root: string, folder = '.git/hooks') => path.join(root, ...folder.split('/'), 'pre-commit');
const mode = async (file: string) => (await fs.stat(file)).mode & 0o777;

async function install(root: string, ...args: string[]): Promise<CliRun> {
  return spawnCli(['hook', 'install', '--cwd', root, ...args]);
}

describe('pm-zone hook (built program, real commits)', function () {
  this.timeout(60_000);

  it('writes an LF, #!/bin/sh, executable hook that runs review --staged, naming no folder of this machine; installing again changes nothing', async () => {
    const root = await pmRepo();
    const first = await install(root);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^The PM Zone pre-commit hook is installed\. It lives in \.git\/hooks, which git never copies to another clone: a PM's clone does not get it from yours\. To give every clone the hook, commit a "prepare" script in package\.json/);
    const script = await fs.readFile(hookFile(root));
    const text = script.toString('utf8');
    assert.ok(text.startsWith('#!/bin/sh\n'));
    assert.ok(!text.includes('\r'));
    assert.ok(text.includes(HOOK_MARKER));
    assert.ok(text.includes(`"$@" 'review' '--staged' '--time-limit' '120'`), 'it runs the staged review');
    assert.ok(!text.includes(root) && !text.includes(path.dirname(root)), 'no folder of this machine');
    assert.equal(await mode(hookFile(root)), 0o755);

    const again = await install(root, '--json');
    assert.equal(again.code, 0);
    assert.deepEqual(JSON.parse(again.stdout), { status: 'already-installed', hookPath: hookFile(root), message: 'The PM Zone pre-commit hook is already installed.' });
    assert.deepEqual(await fs.readFile(hookFile(root)), script);
  });

  describe('installed', () => {
    let root: string;
    before(async () => {
      root = await pmRepo();
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

    // node warns, once a process, when the bundle NODE_EXTRA_CA_CERTS names is not there: no warning, no node read it.
    it('runs the review, parent and child, without the certificate bundle NODE_EXTRA_CA_CERTS names', async () => {
      const before = await head(root);
      await editFile(root, STRINGS, '"Back to cart"', '"Back to the cart"');
      await git(root, 'add', STRINGS);
      try {
        const result = await commit(root, 'Checkout: back link', { NODE_EXTRA_CA_CERTS: path.join(root, 'no-such-bundle.pem') });
        assert.equal(result.committed, true, result.output);
        assert.doesNotMatch(result.output, /extra certs/);
      } finally {
        // The branch as the other tests find it.
        await git(root, 'reset', '--quiet', '--hard', before);
      }
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

  describe('binds only pilot PMs, natively and through husky', () => {
    /** The sample's main branch (no PLANNING.md), PM Zone installed, and the hook as each route installs it. */
    async function withHook(route: 'native' | 'husky'): Promise<string> {
      const root = await sampleRepo();
      await installPackage(root);
      await fs.mkdir(path.join(root, 'node_modules', '.bin'), { recursive: true });
      await fs.symlink('../pm-zone/dist/cli.js', path.join(root, 'node_modules', '.bin', 'pm-zone'));
      await fs.appendFile(path.join(root, '.git', 'info', 'exclude'), 'node_modules/\n');
      if (route === 'native') {
        assert.equal((await install(root)).code, 0);
      } else {
        // What husky runs: the committed .husky/pre-commit, with the line `hook install` names for it.
        await writeFiles(root, { '.husky/pre-commit': 'echo "lint: ok"\n' });
        await git(root, 'config', 'core.hooksPath', '.husky');
        const named = await install(root);
        assert.equal(named.code, 1);
        const line = /: (npx --no-install pm-zone review --staged[^\n]*)\n$/.exec(named.stdout)?.[1];
        assert.equal(line, 'npx --no-install pm-zone review --staged --time-limit 120');
        await writeFiles(root, { '.husky/pre-commit': `echo "lint: ok"\n${line}\n` });
        await fs.chmod(path.join(root, '.husky', 'pre-commit'), 0o755);
        await git(root, 'add', '.husky/pre-commit');
        await git(root, 'commit', '--quiet', '--no-verify', '-m', 'Hooks: the PM PR Review');
      }
      // A locked file and package.json (locked too: it runs code later), with no PLANNING.md anywhere on the branch.
      await writeFiles(root, { 'src/auth/session.ts': `${await readFile(root, 'src/auth/session.ts')}// longer sessions\n`, 'package.json': (await readFile(root, 'package.json')).replace('"3.14.0"', '"3.15.0"') });
      await git(root, 'add', 'src/auth/session.ts', 'package.json');
      return root;
    }

    for (const route of ['native', 'husky'] as const) {
      it(`${route}: the engineer's commit goes through with at most one quiet line; the pilot PM's same commit is blocked`, async () => {
        const root = await withHook(route);
        await git(root, 'config', 'user.email', 'dana@acme.test');
        const before = await head(root);
        const engineer = await commit(root, 'Sessions: longer');
        assert.equal(engineer.committed, true, engineer.output);
        assert.notEqual(await head(root), before);
        assert.doesNotMatch(engineer.output, /blocker|zone\.locked|planning\.missing/i);
        assert.ok(engineer.output.trim().split('\n').filter((line) => /PM Zone/.test(line)).length <= 1, engineer.output);
        assert.match(engineer.output, /PM Zone: not a pilot PM: the PM zone does not restrict you/);

        await git(root, 'reset', '--quiet', '--soft', 'HEAD~1');
        await git(root, 'config', 'user.email', 'alice@acme.test');
        const pilot = await commit(root, 'Sessions: longer');
        assert.equal(pilot.committed, false, pilot.output);
        assert.match(pilot.output, /Blockers \(3\)\n {2}package\.json \(zone\.locked\)\n[^]*\n {2}src\/auth\/session\.ts \(zone\.locked\)/);
        assert.match(pilot.output, /planning\.missing/);
      });
    }
  });

  it('keeps an existing hook, runs it first, and restores it byte for byte on uninstall', async () => {
    const root = await pmRepo();
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
    const root = await pmRepo();
    await fs.writeFile(hookFile(root), '#!/bin/sh\necho "lint failed" >&2\nexit 3\n', { mode: 0o755 });
    assert.equal((await install(root)).code, 0);
    await editFile(root, STRINGS, '"Back to cart"', '"Back to your cart"');
    await git(root, 'add', STRINGS);
    const result = await commit(root, 'Copy');
    assert.equal(result.committed, false);
    assert.match(result.output, /lint failed/);
  });

  it('honours a core.hooksPath inside the repository', async () => {
    const root = await pmRepo();
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
    const root = await pmRepo();
    const shared = await tempDir('shared-hooks');
    await git(root, 'config', 'core.hooksPath', shared);
    const run = await install(root);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /core\.hooksPath points to .*outside this repository.*Unset core\.hooksPath/);
    assert.deepEqual(await fs.readdir(shared), []);
  });

  it('uninstall touches nothing it did not write', async () => {
    const root = await pmRepo();
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
