import * as assert from 'node:assert/strict';
import { pairedLeaves } from '../../../../src/core/review/checks/i18n/pairedLeaves';
import type { StringsLeaf } from '../../../../src/core/review/checks/i18n/stringsFile';
import { seededRandom } from '../../../support/seededRandom';

describe('pairedLeaves', () => {
  const leaves = (keys: string[]): Map<string, StringsLeaf> => new Map(keys.map((key, at) => [key, { path: key, value: `${key} ${at}`, line: at + 1, column: 3 }]));

  it('answers what a lookup of each key in the other version answers, in each version\'s order, on random versions', () => {
    const random = seededRandom(4_242);
    for (let run = 0; run < 300; run++) {
      const pool = Array.from({ length: 1 + Math.floor(random() * 60) }, (_, k) => `section${k % 7}.key${k}`);
      const pick = () => pool.filter(() => random() < 0.7).sort(() => (random() < 0.2 ? random() - 0.5 : 0));
      const [before, after] = [leaves(pick()), leaves(pick())];
      const pairs = pairedLeaves(before, after);
      assert.deepEqual(pairs.keys, [...after.keys()], `run ${run}: keys`);
      assert.deepEqual(pairs.after, [...after.values()], `run ${run}: leaves`);
      assert.deepEqual(pairs.before, [...after.keys()].map((key) => before.get(key)), `run ${run}: the earlier leaves`);
      const removed = [...before].filter(([key]) => !after.has(key));
      assert.deepEqual(pairs.removedKeys, removed.map(([key]) => key), `run ${run}: removed keys`);
      assert.deepEqual(pairs.removedLeaves, removed.map(([, leaf]) => leaf), `run ${run}: removed leaves`);
      assert.equal(pairedLeaves(before, after), pairs, 'paired once');
      const other = leaves([]);
      assert.deepEqual(pairedLeaves(other, after).before, [...after.keys()].map(() => undefined), 'paired again with another earlier version');
    }
  });
});
