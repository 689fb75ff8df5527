// The check table of the policy reference (docs/policy.md) tells teams which
// checks block. It must say what the code does: a table that promises "no" on
// a check that blocks, or the reverse, is how a gate loses trust.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_CHECK_IDS, aboutCheck } from '../../../../src/core/review/registry';

const POLICY_REFERENCE = readFileSync(path.join(__dirname, '../../../../docs/policy.md'), 'utf8');

/** The `| check | finds | blocks |` rows: check id → the blocks cell. */
function checkTable(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of POLICY_REFERENCE.split('\n')) {
    const cells = /^\| `([a-z0-9]+\.[a-z-]+)` \|(.*)\|(.*)\|$/.exec(line);
    if (cells) rows.set(cells[1], cells[3].trim());
  }
  return rows;
}

describe("the policy reference's check table", () => {
  const table = checkTable();

  it('lists every check once', () => {
    // A new check's row, ready to paste: what it finds, and whether it blocks.
    const rows = ALL_CHECK_IDS.filter((id) => !table.has(id)).map((id) => `| \`${id}\` | ${aboutCheck(id)!.description} | ${aboutCheck(id)!.defaultSeverity === 'error' ? 'yes' : 'no'} |`);
    assert.deepEqual(rows, [], `docs/policy.md's check table misses:\n${rows.join('\n')}`);
    assert.deepEqual([...table.keys()].sort(), [...ALL_CHECK_IDS].sort());
  });

  for (const id of ALL_CHECK_IDS) {
    it(`says whether ${id} blocks as its description does`, () => {
      const blocks = table.get(id) ?? '';
      const severity = aboutCheck(id)!.defaultSeverity;
      if (id === 'zone.outside') assert.match(blocks, /^in regulated mode/);
      else if (severity === 'error') assert.match(blocks, /^yes\b/, `${id} is an error, which blocks`);
      else assert.match(blocks, /^no\b/, `${id} is a ${severity}, which never blocks`);
    });
  }
});
