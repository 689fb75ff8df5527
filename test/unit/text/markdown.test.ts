import * as assert from 'node:assert/strict';
import type { Heading } from 'mdast';
import { parseMarkdown, plainText } from '../../../src/core/text/markdown';

describe('parseMarkdown', () => {
  const text = '## PM zone\n\n### Engineering only\n\n- `**/auth/**`\n';

  it('gives a text parsed again a tree of its own, equal to the first', () => {
    const first = parseMarkdown(text);
    const second = parseMarkdown(text);
    assert.notEqual(second, first);
    assert.deepEqual(second, first);
  });

  it('is not changed by what a caller does to a tree it was given', () => {
    const expected = parseMarkdown(text);
    const changed = parseMarkdown(text);
    (changed.children[0] as Heading).children = [];
    changed.children[0].position!.start.line = 99;
    changed.children.pop();
    assert.deepEqual(parseMarkdown(text), expected);
  });

  it('reads each of many texts as its own, past the trees it keeps', () => {
    // 100 texts of 3 KB, more than the 256 KB kept, each read twice: the second time after it was dropped.
    for (let round = 0; round < 2; round++) {
      for (let index = 0; index < 100; index++) {
        const tree = parseMarkdown(`# Title ${index}\n\n${'x'.repeat(3_000)}\n`);
        assert.equal(plainText(tree.children[0]), `Title ${index}`);
      }
    }
  });

  it('parses a text too large to keep, every time', () => {
    const large = `# Large\n\n${'word '.repeat(7_000)}\n`;
    assert.equal(parseMarkdown(large).children.length, 2);
    assert.deepEqual(parseMarkdown(large), parseMarkdown(large));
  });
});
