import * as assert from 'node:assert/strict';
import { commitsSince, parseCommitLog } from '../../../src/core/git/commits';
import { isGitError } from '../../../src/core/git/gitError';
import { tempRepo } from '../helpers/tempRepo';

describe('commitsSince', () => {
  it('lists the branch commits oldest first, with subject, body, trailers and files', async () => {
    const repo = await tempRepo({
      commits: [
        { message: 'base', files: { 'README.md': 'r\n' } },
        {
          branch: 'feature',
          message: 'Add checkout copy\n\nExplains why the copy changes.\nSecond line.\n\nSigned-off-by: Alice <alice@example.com>\nCo-authored-by: Claude\n  <noreply@anthropic.com>\nAI-Assisted: yes',
          files: { 'i18n/en.json': '{}\n', 'PLANNING.md': '# plan\n' },
        },
        { message: 'Rename file with ünïcode', files: { 'i18n/en.json': null, 'i18n/fr é.json': '{}\n' } },
        { message: 'Empty commit' },
      ],
    });
    const commits = await commitsSince(repo.git, 'main');
    assert.deepEqual(commits.map((commit) => commit.subject), ['Add checkout copy', 'Rename file with ünïcode', 'Empty commit']);
    const [first, second, third] = commits;
    assert.equal(first?.body, 'Explains why the copy changes.\nSecond line.\n\nSigned-off-by: Alice <alice@example.com>\nCo-authored-by: Claude\n  <noreply@anthropic.com>\nAI-Assisted: yes');
    assert.deepEqual(first?.trailers, [
      { key: 'Signed-off-by', value: 'Alice <alice@example.com>' },
      { key: 'Co-authored-by', value: 'Claude <noreply@anthropic.com>' },
      { key: 'AI-Assisted', value: 'yes' },
    ]);
    assert.deepEqual(first?.files, ['PLANNING.md', 'i18n/en.json']);
    assert.deepEqual(second?.files, ['i18n/en.json', 'i18n/fr é.json'], 'both sides of a rename');
    assert.deepEqual(second?.trailers, []);
    assert.equal(second?.body, '');
    assert.deepEqual(third?.files, []);
    assert.match(third?.sha ?? '', /^[0-9a-f]{40}$/);
    assert.equal(third?.sha, (await repo.run('rev-parse', 'HEAD')).trim());
  });

  it('reports no-commits before the first commit, unknown-revision for an unknown base', async () => {
    await assert.rejects(commitsSince((await tempRepo()).git, 'main'), (error) => isGitError(error, 'no-commits'));
    const repo = await tempRepo({ commits: [{ message: 'one' }] });
    await assert.rejects(commitsSince(repo.git, 'nope'), (error) => isGitError(error, 'unknown-revision'));
    await assert.rejects(commitsSince(repo.git, '--all'), (error) => isGitError(error, 'unknown-revision'));
  });

  it('is empty when HEAD is the base', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one' }] });
    assert.deepEqual(await commitsSince(repo.git, 'main'), []);
  });

  it('keeps file names with line breaks and leading dashes', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one' }, { message: 'two', files: { '-rf': 'x', 'a\nb.txt': 'y', '\nstarts.txt': 'z' } }] });
    assert.deepEqual((await commitsSince(repo.git, 'HEAD~1'))[0]?.files, ['\nstarts.txt', '-rf', 'a\nb.txt']);
  });
});

describe('parseCommitLog', () => {
  it('returns nothing for empty output', () => {
    assert.deepEqual(parseCommitLog(''), []);
  });
  it('keeps a stray separator inside a body', () => {
    const [commit] = parseCommitLog('\0abc\x1fsubject\x1f\x1fbody with \x1f inside\n\0');
    assert.equal(commit?.body, 'body with \x1f inside');
    assert.deepEqual(commit?.files, []);
  });
});
