// Searching the repository's text for removed keys: a key shaped like one of
// git grep's own options (`--no-index`, `-e`, `--and`, `--open-files-in-pager=…`)
// is a pattern to find, never an option to obey, in the working tree and at a
// commit alike.
import * as assert from 'node:assert/strict';
import { gitTextSearch } from '../../../src/core/git';
import { tempRepo } from '../helpers/tempRepo';

const KEYS = ['--no-index', '-e', '--', '--and', '(', '--untracked', '-O', '--open-files-in-pager=touch pwned', '-f/etc/passwd'];

describe('gitTextSearch: keys shaped like git grep options', () => {
  it('finds each as text, in the working tree and at a commit, and runs nothing', async () => {
    const code = KEYS.map((key, index) => `export const k${index} = t(${JSON.stringify(key)});`).join('\n');
    const repo = await tempRepo({ commits: [{ message: 'uses', files: { 'src/keys.ts': `${code}\n` } }] });
    const commit = (await repo.run('rev-parse', 'HEAD')).trim();
    for (const search of [gitTextSearch(repo.git), gitTextSearch(repo.git, { revision: commit })]) {
      const hits = await search.find(KEYS, { exclude: [], limit: 100 });
      const found = KEYS.filter((key) => hits.some((hit) => hit.text.includes(JSON.stringify(key))));
      assert.deepEqual(found, KEYS);
      assert.ok(hits.every((hit) => hit.file === 'src/keys.ts'), JSON.stringify(hits));
    }
    assert.equal(await repo.read('pwned').catch(() => 'absent'), 'absent');
  });
});
