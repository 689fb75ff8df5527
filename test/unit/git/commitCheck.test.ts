// The commit check offered to a PM: only where installing the hook would
// work, never again in a repository where it was declined (in the editor or
// on the command line), and its outcome said in one short sentence.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { commitCheckOffer, commitCheckOutcome, commitCheckWanted, declineCommitCheck } from '../../../src/core/git/commitCheck';
import { installPreCommitHook } from '../../../src/core/git/hooks';
import { tempRepo } from '../helpers/tempRepo';

const REVIEW = { reviewArgs: ['review', '--staged'] };

describe('the commit check offered to a PM', () => {
  it('is wanted on a fresh clone, and no longer once the hook is installed', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }] });
    assert.equal(await commitCheckWanted(repo.git), true);
    const installed = await installPreCommitHook(repo.git, REVIEW);
    assert.equal(installed.status, 'installed');
    assert.equal(await commitCheckWanted(repo.git), false);
  });

  it('a "no" is remembered in the repository itself, for the editor and the command line alike', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }] });
    await declineCommitCheck(repo.git);
    assert.equal(await commitCheckWanted(repo.git), false);
    assert.equal((await repo.run('config', '--local', '--get', 'pm-zone.commitcheck')).trim(), 'declined');
    assert.equal((await repo.run('status', '--porcelain')).trim(), '', 'nothing to commit: the answer is no file of the repository');
  });

  it('is not offered where a hook manager runs the hooks: installing would be refused', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { '.husky/pre-commit': 'npm test\n' } }] });
    assert.equal(await commitCheckWanted(repo.git), false);
  });

  it('asks in words that name PM Zone only where the notification does, before them', () => {
    const notification = `PM Zone: ${commitCheckOffer()}`;
    assert.equal(notification.match(/PM Zone/g)?.length, 1, notification);
    assert.match(commitCheckOffer(), /^Check my changes before each commit\? A commit the review would block later \(an engineering-only file, private data\) then stops and says why\./);
    assert.ok(commitCheckOffer().split(/\s+/).length <= 32, commitCheckOffer());
  });

  it('says what happened in a short sentence, and an engineer\'s reason when it could not be turned on', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }] });
    const installed = await installPreCommitHook(repo.git, REVIEW);
    assert.ok(installed.message.split(/\s+/).length > 40, 'the engineer\'s notice is long');
    const said = commitCheckOutcome(installed);
    assert.ok(said.split(/\s+/).length <= 16, said);
    assert.doesNotMatch(said, /hook|\.git|stage|PM Zone/i);
    await fs.mkdir(repo.path('.husky'), { recursive: true });
    const refused = await installPreCommitHook(repo.git, REVIEW);
    assert.equal(refused.status, 'refused');
    assert.match(commitCheckOutcome(refused), /^The check could not be turned on here; an engineer can help: This repository runs its git hooks with husky/);
  });
});
