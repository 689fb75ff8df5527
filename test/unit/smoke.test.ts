import * as assert from 'node:assert/strict';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
describe('toolchain', () => {
  it('loads ESM-only remark from a CommonJS test', () => {
    assert.equal(unified().use(remarkParse).parse('# x').children.length, 1);
  });
});
