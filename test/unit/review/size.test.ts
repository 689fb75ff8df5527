import * as assert from 'node:assert/strict';
import type { ChangedFile } from '../../../src/core/review/model';
import { countsTowardsSize, sizeCheck } from '../../../src/core/review/checks/size';
import { added, deleted, makeContext, modified, type ContextOptions } from './security/context';

const text = (count: number, tag = 'line'): string => Array.from({ length: count }, (_, i) => `${tag} ${i}\n`).join('');
const files = (count: number, linesEach = 1): ChangedFile[] =>
  Array.from({ length: count }, (_, i) => added(`src/i18n/f${i}.json`, text(linesEach)));

async function run(changed: ChangedFile[], options?: ContextOptions['options']) {
  return sizeCheck.run(makeContext(changed, { options }));
}

describe('size.large', () => {
  it('says nothing at or under both limits', async () => {
    assert.deepEqual(await run(files(10, 30)), []);
    assert.deepEqual(await run([]), []);
  });

  it('warns, without blocking, past the file limit, with the numbers', async () => {
    assert.deepEqual(await run(files(11)), [
      {
        check: 'size.large',
        severity: 'warning',
        blocking: false,
        file: null,
        line: null,
        message:
          'This change touches 11 files (limit 10) and 11 changed lines: a PM change should do one thing — consider splitting it into smaller pull requests.',
      },
    ]);
  });

  it('counts added plus removed lines against the line limit', async () => {
    const edit = modified('docs/a.md', text(200, 'old'), text(101, 'new'));
    const [finding] = await run([edit]);
    assert.equal(finding?.message.startsWith('This change touches 1 file and 301 changed lines (limit 300)'), true);
    assert.deepEqual(await run([modified('docs/a.md', text(150, 'old'), text(150, 'new'))]), []);
  });

  it('names both limits when both are exceeded', async () => {
    const [finding] = await run(files(12, 30));
    assert.match(finding?.message ?? '', /12 files \(limit 10\) and 360 changed lines \(limit 300\)/);
  });

  it('uses the configured limits, and the defaults for unusable ones', async () => {
    assert.equal((await run(files(3), { maxFiles: 2 })).length, 1);
    assert.equal((await run(files(1, 6), { maxLines: 5 })).length, 1);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.deepEqual(await run(files(10), { maxFiles: bad, maxLines: bad }), [], `limit ${bad}`);
    }
  });

  it('does not count lock files or the planning doc', async () => {
    const change = [...files(10), added('package-lock.json', text(5_000)), added('web/yarn.lock', text(800)), added('PLANNING.md', text(120)), added('src/features/x/PLANNING.md', text(90))];
    assert.deepEqual(await run(change), []);
    assert.equal(countsTowardsSize('src/PLANNING.md.bak'), true);
    assert.equal(countsTowardsSize('docs/planning.md'), true);
  });

  it('counts a binary file or a pure rename as a file with no lines', async () => {
    const binary: ChangedFile = { path: 'img/a.png', status: 'added', oldText: undefined, newText: undefined, binary: true };
    const renamed: ChangedFile = { path: 'docs/b.md', oldPath: 'docs/a.md', status: 'renamed', oldText: 'x\n', newText: 'x\n' };
    const nul = added('img/b.bin', `\u0000${'x\n'.repeat(500)}`);
    const ctx = makeContext([...files(8), binary, renamed, nul]);
    const [finding] = await sizeCheck.run(ctx);
    assert.match(finding?.message ?? '', /11 files \(limit 10\) and 8 changed lines/);
    assert.ok(!ctx.diffed.includes('img/a.png') && !ctx.diffed.includes('img/b.bin'));
  });

  it('counts the lines of a deleted file, and none for a CRLF-only change', async () => {
    assert.equal((await run([deleted('docs/old.md', text(301))])).length, 1);
    assert.deepEqual(await run([modified('docs/a.md', text(400), text(400).replace(/\n/g, '\r\n'))]), []);
  });

  it('declares its id', () => assert.deepEqual(sizeCheck.ids, ['size.large']));
});
