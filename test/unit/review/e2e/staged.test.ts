// `pm-zone review --staged`: what the pre-commit hook runs. It reviews the
// index against HEAD, and knows the branch's earlier commits hold the planning doc.
import * as assert from 'node:assert/strict';
import { assertOneLineError, cli, isolateGitConfig } from '../../cli/support/cli';
import { editFile, git, lineOf, PLANNING_FILE, readFile, sampleWorktree, writeFiles } from '../../cli/support/sampleRepo';
import { fakeSecrets } from './fakeSecrets';
import { cleanPmBranch, PM_BRANCH, places, reviewJson } from './pmBranch';
import { cpuBound } from '../../helpers/cpuBound';

const STRINGS = 'src/features/checkout/i18n/en.json';
const BUTTON = 'src/features/checkout/components/CheckoutButton.tsx';
const fakeToken = () => fakeSecrets.githubToken();

describe('pm-zone review --staged (end to end)', function () {
  this.timeout(cpuBound(30_000));
  isolateGitConfig();

  it('passes a staged copy change on a branch whose planning doc is already committed', async () => {
    const root = await cleanPmBranch();
    await editFile(root, STRINGS, '"Back to cart"', '"Back to your cart"');
    await git(root, 'add', STRINGS);
    const { run, review } = await reviewJson(root, '--staged');
    assert.equal(run.code, 0);
    assert.deepEqual(places(review), []);
    assert.deepEqual(review.files, [{ path: STRINGS, zone: 'editable', status: 'modified' }], 'only the staged file, not the whole branch');
    assert.deepEqual([review.summary.addedLines, review.summary.removedLines], [1, 1]);
  });

  it('pm-zone review (the branch, as saved) says a fix saved after staging is not in the next commit, as the hook does', async () => {
    const root = await cleanPmBranch();
    await editFile(root, STRINGS, '"Back to cart"', '"Back to your cart"');
    await git(root, 'add', STRINGS);
    await editFile(root, STRINGS, '"Back to your cart"', '"Back to my cart"');
    const run = await cli(['review', '--cwd', root]);
    assert.match(run.stdout, /\nYour saved fix to en\.json is not staged: a commit takes the older staged copy\. Stage it \(git add src\/features\/checkout\/i18n\/en\.json\), then commit\.\n$/);
    await git(root, 'add', STRINGS);
    assert.doesNotMatch((await cli(['review', '--cwd', root])).stdout, /not staged/);
  });

  it('blocks a staged change on a branch that has no planning doc', async () => {
    const root = await sampleWorktree({ branch: PM_BRANCH, commit: true });
    await editFile(root, STRINGS, '"Back to cart"', '"Back to your cart"');
    await git(root, 'add', STRINGS);
    const { run, review } = await reviewJson(root, '--staged');
    assert.deepEqual(places(review), ['planning.missing -:-']);
    assert.equal(run.code, 1);
  });

  it('counts a planning doc staged with the change', async () => {
    const root = await sampleWorktree({ branch: PM_BRANCH, commit: true });
    await writeFiles(root, { [PLANNING_FILE]: '# Planning\n' });
    await editFile(root, STRINGS, '"Back to cart"', '"Back to your cart"');
    await git(root, 'add', STRINGS, PLANNING_FILE);
    const { review } = await reviewJson(root, '--staged');
    assert.ok(!places(review).includes('planning.missing -:-'));
    assert.ok(places(review).some((place) => place.startsWith(`planning.incomplete ${PLANNING_FILE}:`)));
  });

  it('reviews the index, not the working tree: an unstaged secret does not block the commit, a staged one does', async () => {
    const root = await cleanPmBranch();
    await editFile(root, STRINGS, '"Back to cart"', '"Back to your cart"');
    await git(root, 'add', STRINGS);
    await editFile(root, BUTTON, '/** The primary action', `const token = '${fakeToken()}';\n/** The primary action`);
    assert.equal((await reviewJson(root, '--staged')).run.code, 0, 'the secret is not part of the commit');
    assert.equal((await reviewJson(root)).run.code, 1, 'the branch review sees the working tree');

    await git(root, 'add', BUTTON);
    const line = lineOf(await readFile(root, BUTTON), 'const token');
    await editFile(root, BUTTON, `const token = '${fakeToken()}';\n`, '');
    const staged = await reviewJson(root, '--staged');
    assert.deepEqual(places(staged.review), [`security.secret ${BUTTON}:${line}`], 'the staged blob still holds it, on its line');
    assert.equal(staged.run.code, 1);
  });

  it('has nothing to say when nothing is staged', async () => {
    const root = await cleanPmBranch();
    await editFile(root, STRINGS, '"Back to cart"', '"Back to your cart"');
    const { run, review } = await reviewJson(root, '--staged');
    assert.equal(run.code, 0);
    assert.deepEqual(review.findings, []);
    assert.deepEqual(review.files, []);
  });

  it('refuses --staged with --base, in one line', async () => {
    const root = await cleanPmBranch();
    assertOneLineError(await cli(['review', '--cwd', root, '--staged', '--base', 'main']), 2, /--staged and --base/);
  });
});
