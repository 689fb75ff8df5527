import * as assert from 'node:assert/strict';
import { commitThatAdded } from '../../../src/core/audit/history';
import { tempRepo } from '../helpers/tempRepo';

describe('commitThatAdded', () => {
  it('finds the commit that added a planning doc whose folder is named like a glob, not one that added a path the glob matches', async () => {
    const repo = await tempRepo({ commits: [{ message: 'An older plan', files: { 'plans/i/PLANNING.md': '# Older\n' } }] });
    const added = await repo.commit('The plan', { 'plans/[id]/PLANNING.md': '# Plan\n' });
    await repo.commit('Code', { 'src/a.ts': 'a\n' });
    const head = (await repo.run('rev-parse', 'HEAD')).trim();
    const link = await commitThatAdded(repo.git, head, 'plans/[id]/PLANNING.md', (sha) => `https://example.test/commit/${sha}`);
    assert.equal(link?.sha, added);
  });
});
