// The commands in the states a repository is really found in: not a
// repository, a detached HEAD, no remote, no commits yet (no git installed:
// test/bundle/cli/repositoryStates.test.ts, through the built program).
import * as assert from 'node:assert/strict';
import { tempDir } from '../helpers/tempRepo';
import { assertOneLineError, cli, isolateGitConfig, parsed } from './support/cli';
import { fixture, policyFolder } from './support/folders';
import { commitAll, editFile, git, sampleRepo, sampleWorktree, writeFiles } from './support/sampleRepo';
import { cpuBound } from '../helpers/cpuBound';

interface ReviewJson {
  findings: { check: string; file: string | null; line: number | null; blocking: boolean }[];
  files: { path: string; zone: string; status: string }[];
}

const STRINGS = 'src/features/checkout/i18n/en.json';
const checks = (review: ReviewJson) => review.findings.filter((f) => f.check !== 'zone.owners').map((f) => f.check);

describe('pm-zone in every repository state', function () {
  this.timeout(cpuBound(30_000));
  isolateGitConfig();

  describe('a folder that is not a git repository', () => {
    let root: string;
    before(async () => {
      root = await policyFolder({ 'CLAUDE.md': await fixture('policy/CLAUDE.standard.md'), '.github/CODEOWNERS': await fixture('policy/CODEOWNERS.standard') });
    });

    it('explain, owners and check-config still answer from the policy files', async () => {
      assert.equal(parsed<{ zone: string }[]>(await cli(['explain', '--json', '--cwd', root, 'src/auth/a.ts']))[0].zone, 'locked');
      assert.deepEqual(parsed<{ owners: string[] }[]>(await cli(['owners', '--json', '--cwd', root, 'src/auth/a.ts']))[0].owners, ['@acme/security']);
      assert.equal((await cli(['check-config', '--json', '--cwd', root])).code, 0);
    });

    it('review and hook install refuse in one line, exit 2', async () => {
      assertOneLineError(await cli(['review', '--cwd', root]), 2, /not inside a git repository/);
      assertOneLineError(await cli(['review', '--staged', '--json', '--cwd', root]), 2, /not inside a git repository/);
      assertOneLineError(await cli(['hook', 'install', '--cwd', root]), 2, /not inside a git repository/);
      assertOneLineError(await cli(['hook', 'uninstall', '--cwd', root]), 2, /not inside a git repository/);
    });
  });

  it('a detached HEAD: reviews the checked-out commit against the base branch', async () => {
    const root = await sampleWorktree({ branch: 'alice/copy', commit: true });
    await git(root, 'checkout', '--quiet', '--detach', 'HEAD');
    const run = await cli(['review', '--json', '--cwd', root]);
    const review = parsed<ReviewJson>(run);
    assert.deepEqual(review.files, [{ path: STRINGS, zone: 'editable', status: 'modified' }]);
    assert.deepEqual(checks(review), ['planning.missing']);
    assert.equal(run.code, 1);
  });

  it('no remote: the local main is the base branch', async () => {
    const root = await sampleWorktree({ branch: 'alice/copy', commit: true });
    await git(root, 'remote', 'remove', 'origin');
    const review = parsed<ReviewJson>(await cli(['review', '--json', '--cwd', root]));
    assert.deepEqual(review.files.map((f) => f.path), [STRINGS]);
  });

  it('a remote-tracking base wins over a stale local one', async () => {
    const root = await sampleRepo({ branch: 'alice/copy', commit: true });
    // origin/main is where the pull request goes; the local main fell behind the branch point.
    await git(root, 'update-ref', 'refs/remotes/origin/main', 'main');
    await git(root, 'branch', '--force', 'main', 'main~1');
    const review = parsed<ReviewJson>(await cli(['review', '--json', '--cwd', root]));
    assert.deepEqual(review.files.map((f) => f.path), [STRINGS]);
  });

  it('an empty repository (no commits yet): everything is new, and the review still runs', async () => {
    const root = await tempDir('empty-repo');
    await git(root, 'init', '--quiet', '--initial-branch', 'main');
    await git(root, 'config', 'user.email', 'alice@acme.test');
    await writeFiles(root, { 'CLAUDE.md': await fixture('policy/CLAUDE.standard.md'), 'src/features/checkout/i18n/en.json': '{ "a": "b" }\n' });
    const run = await cli(['review', '--json', '--cwd', root]);
    const review = parsed<ReviewJson>(run);
    assert.deepEqual(review.files.map((f) => [f.path, f.status]), [['CLAUDE.md', 'added'], ['src/features/checkout/i18n/en.json', 'added']]);
    assert.deepEqual(checks(review), ['planning.missing', 'zone.locked']);
    const staged = await cli(['review', '--staged', '--json', '--cwd', root]);
    assert.equal(staged.code, 0, 'nothing staged, nothing to block');
    assert.equal(parsed<{ zone: string }[]>(await cli(['explain', '--json', '--cwd', root, 'src/auth/x.ts']))[0].zone, 'locked');
  });

  it('a base branch git does not know: one line, exit 2', async () => {
    const root = await sampleWorktree({ branch: 'alice/copy', commit: true });
    assertOneLineError(await cli(['review', '--cwd', root, '--base', 'no-such-branch']), 2, /base branch 'no-such-branch'/);
    assertOneLineError(await cli(['review', '--cwd', root, '--base=--upload-pack=evil']), 2);
  });

  it('no base branch at all (no main, master, develop, trunk or origin): asks for --base, in one line', async () => {
    const root = await tempDir('work-repo');
    await git(root, 'init', '--quiet', '--initial-branch', 'work');
    await git(root, 'config', 'user.email', 'alice@acme.test');
    await commitAll(root, 'first', { 'README.md': '# hi\n' });
    assertOneLineError(await cli(['review', '--cwd', root]), 2, /No base branch found .*--base BRANCH/);
    const explicit = await cli(['review', '--json', '--cwd', root, '--base', 'work']);
    assert.equal(explicit.code, 0, 'with --base it reviews: the branch is its own base, so nothing changed');
    assert.deepEqual(parsed<ReviewJson>(explicit).files, []);
  });

  it('--base names the branch to compare with', async () => {
    const root = await sampleWorktree({ branch: 'alice/copy', commit: true });
    await git(root, 'branch', 'release', 'HEAD');
    await editFile(root, STRINGS, '"Back to cart"', '"Back to your cart"');
    await commitAll(root, 'More copy');
    const sinceRelease = parsed<ReviewJson>(await cli(['review', '--json', '--cwd', root, '--base', 'release']));
    assert.deepEqual(sinceRelease.files.map((f) => f.path), [STRINGS]);
    assert.deepEqual(checks(sinceRelease), ['planning.missing']);
  });
});
