import * as assert from 'node:assert/strict';
import { readableText } from '../../../../src/core/review/checks/contentSupport';
import type { ChangedFile } from '../../../../src/core/review/model';
import { seededRandom } from '../../../support/seededRandom';

describe('readableText', () => {
  it('answers for large texts asked again and again (kept by the file they are versions of) as a fresh reading does: a NUL anywhere makes a text unreadable', () => {
    const random = seededRandom(82);
    const texts = Array.from({ length: 20 }, (_, i) => {
      const body = `${i % 3 === 0 ? '\uFEFF' : ''}${'line of text\n'.repeat(400 + i)}`;
      const at = Math.floor(random() * body.length);
      return i % 2 === 0 ? `${body.slice(0, at)}\u0000${body.slice(at)}` : body;
    });
    const files = Array.from({ length: 6 }, (_, i) => ({ path: `f${i}.json`, status: 'modified' }) as ChangedFile);
    for (let ask = 0; ask < 400; ask++) {
      const text = texts[Math.floor(random() * texts.length)]!;
      // The same content as a string of its own, now and then: answered by content, not by identity.
      const asked = random() < 0.3 ? [...text].join('') : text;
      const expected = text.includes('\u0000') ? undefined : text.replace(/^\uFEFF/, '');
      assert.equal(readableText(asked), expected);
      // Any text asked of any file, many more than a file's versions.
      assert.equal(readableText(asked, files[Math.floor(random() * files.length)]), expected);
      assert.equal(readableText(asked, { path: 'a.txt', status: 'modified', binary: true } as never), undefined);
    }
    assert.equal(readableText('short\u0000'), undefined);
    assert.equal(readableText('short'), 'short');
    assert.equal(readableText(undefined), undefined);
  });
});
