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

/**
 * The lines holding any needle of each run of 500, run after run, each run's
 * in git's order (files by path, lines in order): what one git grep per run
 * of needles answers, which a search through the keys' shared last segments
 * must answer too.
 */
function expectedHits(files: Record<string, string>, needles: string[], limit: number): { file: string; line: number; text: string }[] {
  const hits: { file: string; line: number; text: string }[] = [];
  for (let start = 0; start < needles.length && hits.length < limit; start += 500) {
    const chunk = needles.slice(start, start + 500);
    for (const file of Object.keys(files).sort()) {
      files[file].split('\n').forEach((text, index) => {
        if (hits.length < limit && index < files[file].split('\n').length - 1 && chunk.some((needle) => text.includes(needle))) hits.push({ file, line: index + 1, text });
      });
    }
  }
  return hits;
}

describe('gitTextSearch: many keys sharing a last segment', () => {
  // 600 keys ending in `.string` (two runs of needles), some in code, others only close to it; and keys that share nothing.
  const keys = [...Array.from({ length: 600 }, (_, i) => `page${i}.title.string`), 'menu.save', 'menu.cancel', 'menu.cancel.context', 'é.ünïcode.string'];
  const files: Record<string, string> = {
    // Later keys first: the second run's hits come after the first run's, whatever the files' order.
    'src/a.ts': `${Array.from({ length: 600 }, (_, i) => `t('page${599 - i}.title.string');`).join('\n')}\n`,
    'src/b.ts': "const a = x.string;\nconst b = 'page1.title.strin';\nt('menu.save'); t('menu.cancel.context')\nt('é.ünïcode.string')\n",
    'src/c.tsx': "<T id=\"page7.title.string\" />\nno key here\n<T id='page12.title.string' /> and 'page13.title.string'\n",
    'src/nothing.ts': 'export {};\n',
  };

  it('finds the lines one git grep per 500 keys finds, in its order, in the working tree and at a commit', async () => {
    const repo = await tempRepo({ commits: [{ message: 'uses', files }] });
    const commit = (await repo.run('rev-parse', 'HEAD')).trim();
    for (const search of [gitTextSearch(repo.git), gitTextSearch(repo.git, { revision: commit })]) {
      for (const limit of [5000, 650, 3, 1]) {
        assert.deepEqual(await search.find(keys, { exclude: [], limit }), expectedHits(files, keys, limit), `limit ${limit}`);
      }
      assert.deepEqual(await search.find(keys, { exclude: ['src/a.ts'], limit: 100 }), expectedHits({ ...files, 'src/a.ts': '' }, keys, 100));
      // Keys that share no segment are searched as themselves.
      assert.deepEqual(await search.find(['menu.save', 'menu.cancel'], { exclude: [], limit: 100 }), expectedHits(files, ['menu.save', 'menu.cancel'], 100));
      assert.deepEqual(await search.find([], { exclude: [], limit: 100 }), []);
    }
  });
});
