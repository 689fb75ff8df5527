// A submodule is a pointer to another repository's commit: bumping one in a
// locked folder changes what ships as surely as editing a file there, so it
// must reach the review however the repository's config hides submodules.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../helpers/tempRepo';
import { isolateGitConfig } from '../../cli/support/cli';
import { git, writeFiles } from '../../cli/support/sampleRepo';
import { cleanPmRepo, PM_BRANCH, places, reviewJson } from './pmBranch';
import { cpuBound } from '../../helpers/cpuBound';

const MODULE = 'infra/modules';
const HIDDEN = '[submodule "m"]\n\tpath = infra/modules\n\turl = https://example.com/m.git\n\tignore = all\n';

/** Points `infra/modules` at `commit` in the index, as `git submodule update` then `git add` would. */
async function stageGitlink(root: string, commit: string): Promise<void> {
  await git(root, 'update-index', '--add', '--cacheinfo', `160000,${commit},${MODULE}`);
}

/** Commits the index as it is: `git add -A` would drop a gitlink whose folder is not checked out. */
async function commitIndex(root: string, message: string): Promise<void> {
  await git(root, 'commit', '--quiet', '--no-verify', '-m', message);
}

/** Two commit ids to point the submodule at; they need not exist here, as in any clone without the submodule fetched. */
async function moduleCommits(root: string): Promise<[string, string]> {
  const first = (await git(root, 'rev-parse', 'HEAD~1')).trim();
  const second = (await git(root, 'rev-parse', 'HEAD')).trim();
  return [first, second];
}

/** A PM branch whose base has an engineering submodule under infra/, hidden from diffs by `.gitmodules`. */
async function branchWithSubmoduleOnBase(): Promise<{ root: string; bump: string }> {
  const root = await cleanPmRepo();
  const [v1, v2] = await moduleCommits(root);
  await git(root, 'checkout', '--quiet', 'main');
  await writeFiles(root, { '.gitmodules': HIDDEN });
  await git(root, 'add', '.gitmodules');
  await stageGitlink(root, v1);
  await commitIndex(root, 'Infra modules as a submodule');
  await git(root, 'checkout', '--quiet', PM_BRANCH);
  await git(root, 'merge', '--quiet', '--no-edit', 'main');
  return { root, bump: v2 };
}

describe('pm-zone review of submodules in a locked folder (end to end)', function () {
  this.timeout(cpuBound(30_000));
  isolateGitConfig();

  it('blocks a committed submodule bump that .gitmodules and diff.ignoreSubmodules say to ignore', async () => {
    const { root, bump } = await branchWithSubmoduleOnBase();
    await stageGitlink(root, bump);
    await commitIndex(root, 'Copy');
    await git(root, 'config', 'diff.ignoreSubmodules', 'all');
    const { run, review } = await reviewJson(root);
    assert.deepEqual(places(review), [`zone.locked ${MODULE}:-`]);
    assert.equal(run.code, 1);
  });

  it('blocks a staged submodule bump in review --staged', async () => {
    const { root, bump } = await branchWithSubmoduleOnBase();
    await stageGitlink(root, bump);
    const { run, review } = await reviewJson(root, '--staged');
    assert.deepEqual(places(review), [`zone.locked ${MODULE}:-`]);
    assert.equal(run.code, 1);
  });

  describe('checked out', () => {
    const VENDOR = 'infra/vendor';

    /** A PM branch whose base checks a real repository out under infra/vendor, as `git submodule add` does. */
    async function branchWithCheckedOutSubmodule(): Promise<string> {
      const source = await tempDir('vendor');
      await git(source, 'init', '--quiet', '--initial-branch=main');
      await fs.writeFile(path.join(source, 'main.tf'), 'resource "x" "y" {}\n');
      await git(source, 'add', '.');
      await git(source, '-c', 'user.email=dana@acme.test', '-c', 'user.name=Dana', 'commit', '--quiet', '-m', 'Vendor module');
      const root = await cleanPmRepo();
      await git(root, 'checkout', '--quiet', 'main');
      await git(root, '-c', 'protocol.file.allow=always', 'submodule', 'add', '--quiet', source, VENDOR);
      await commitIndex(root, 'Vendor module as a submodule');
      await git(root, 'checkout', '--quiet', PM_BRANCH);
      await git(root, 'merge', '--quiet', '--no-edit', 'main');
      return root;
    }

    it('does not count work inside the submodule as a change: nothing in this repository moved', async () => {
      const root = await branchWithCheckedOutSubmodule();
      await fs.appendFile(path.join(root, VENDOR, 'main.tf'), '# a local note\n');
      await fs.writeFile(path.join(root, VENDOR, 'build.log'), 'ok\n');
      assert.match(await git(root, 'status', '--short'), new RegExp(`^ m ${VENDOR}$`, 'm'), 'git calls the submodule changed inside');
      const { review } = await reviewJson(root);
      assert.deepEqual(places(review).filter((place) => place.includes(VENDOR)), []);
      assert.ok(!review.files.some((file) => file.path === VENDOR), JSON.stringify(review.files));
    });

    it('blocks the submodule moved to another commit, committed inside it but not yet in this repository', async () => {
      const root = await branchWithCheckedOutSubmodule();
      await fs.appendFile(path.join(root, VENDOR, 'main.tf'), '# moved\n');
      await git(path.join(root, VENDOR), '-c', 'user.email=alice@acme.test', '-c', 'user.name=Alice', 'commit', '--quiet', '-am', 'Move the module');
      const { run, review } = await reviewJson(root);
      assert.deepEqual(places(review).filter((place) => place.includes(VENDOR)), [`zone.locked ${VENDOR}:-`]);
      assert.equal(run.code, 1);
    });
  });

  it('blocks a new submodule in a locked folder, and the .gitmodules that hides it', async () => {
    const root = await cleanPmRepo();
    const [v1] = await moduleCommits(root);
    await writeFiles(root, { '.gitmodules': HIDDEN });
    await git(root, 'add', '.gitmodules');
    await stageGitlink(root, v1);
    await commitIndex(root, 'Copy');
    const { run, review } = await reviewJson(root);
    assert.deepEqual(places(review), ['zone.locked .gitmodules:-', `zone.locked ${MODULE}:-`]);
    assert.equal(run.code, 1);
  });
});
