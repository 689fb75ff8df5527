// hashText (src/core/digest.ts), the hash of a tree object the index's tree is
// computed with: node's one-shot crypto.hash where it has one, createHash on
// an older editor's Node, the same bytes either way.
import * as assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { hashText } from '../../../src/core/digest';

describe('hashText: one-shot where node has it, createHash where not', () => {
  const data = Buffer.from('tree 7\0\u00e9\u0000\u00ff', 'latin1');
  const expected = (algorithm: string) => crypto.createHash(algorithm).update(data).digest('binary');

  it('gives the digest as text of one byte a character, for SHA-1 and SHA-256', () => {
    for (const algorithm of ['sha1', 'sha256'] as const) {
      assert.equal(hashText(algorithm, data), expected(algorithm));
      assert.equal(Buffer.from(hashText(algorithm, data), 'latin1').length, algorithm === 'sha1' ? 20 : 32);
    }
  });

  it('on a Node without crypto.hash (Node 20.9, VS Code 1.90\'s), the same through createHash', () => {
    const withHash = crypto as unknown as { hash?: unknown };
    const own = withHash.hash;
    assert.equal(typeof own, 'function');
    withHash.hash = undefined;
    try {
      for (const algorithm of ['sha1', 'sha256'] as const) assert.equal(hashText(algorithm, data), expected(algorithm));
    } finally {
      withHash.hash = own;
    }
  });
});
