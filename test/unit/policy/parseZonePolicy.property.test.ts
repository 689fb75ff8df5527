import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseZonePolicy } from '../../../src/core/policy';

const LINES = [
  '## PM zone',
  '# PM Zone boundaries',
  '### PMs may edit',
  '### Engineering only',
  '**CAN touch, within the feature folders they own:**',
  '**CANNOT touch (CODEOWNERS-enforced):**',
  '### Pilot PMs',
  '### Owned flags',
  '### Something else',
  'Mode: regulated',
  'Mode: ???',
  'Style guide: [x](y)',
  'Product DRI: erin',
  '- `**/auth/**`',
  '- `**/phi/**` or `**/pii/**`',
  '- **/i18n/*.json (strings)',
  '- `**/components/*.tsx` (inside own feature folder, non-breaking)',
  '- Any file outside their assigned feature folder.',
  '- @alice (alice@acme.com): `src/features/checkout/**`, DRI @dana',
  '- `flag_a` (@alice)',
  '  - nested `x/**`',
  '| PM | feature folders | engineering DRI |',
  '| flag | owner |',
  '| --- | --- | --- |',
  '| @alice | `src/a/**` | @dana | extra |',
  '| |',
  '```',
  '> quoted',
  '- ',
  '- `',
  '`',
  '**',
  '',
];

const markdownish = fc
  .tuple(fc.array(fc.oneof(fc.constantFrom(...LINES), fc.string({ maxLength: 20 })), { maxLength: 25 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([lines, newline, bom]) => (bom ? '\uFEFF' : '') + lines.join(newline));

function checkWellFormed(text: string): void {
  const policy = parseZonePolicy(text);
  const lineCount = text.split('\n').length;
  assert.ok(!policy.problems.some((problem) => problem.kind === 'internal-error'), JSON.stringify(policy.problems));
  for (const problem of policy.problems) {
    assert.equal(problem.file, 'CLAUDE.md');
    assert.ok(problem.line >= 1 && problem.line <= lineCount, `line ${problem.line} of ${lineCount}`);
    assert.ok(problem.column >= 1);
    assert.ok(['error', 'warning', 'info'].includes(problem.severity));
  }
  for (const rule of [...policy.mayEdit, ...policy.engineeringOnly]) {
    assert.ok(rule.glob.trim().length > 0 && rule.line >= 1 && rule.line <= lineCount);
  }
  for (const pilot of policy.pilots) assert.match(pilot.handle, /^@/);
  for (const flag of policy.ownedFlags) assert.match(flag.owner, /^@/);
  if (!policy.defined) {
    assert.deepEqual([policy.mayEdit, policy.engineeringOnly, policy.pilots, policy.ownedFlags, policy.problems], [[], [], [], [], []]);
  }
  assert.deepEqual(parseZonePolicy(text), policy, 'the same text gives the same policy');
}

/**
 * Any text of up to 300 code points, lone surrogates included. Not
 * `fc.string({ unit: 'binary' })`: that keeps a table of every code point
 * (85 MB) for the rest of the test process, and every git command a later
 * test starts from that process pays for copying it.
 */
const anyText = fc.array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 300 }).map((points) => String.fromCodePoint(...points));

const where = (problem: { line: number; kind: string }) => `${problem.line}:${problem.kind}`;

describe('parseZonePolicy properties', () => {
  it('never throws on arbitrary text, and gives well-formed results', () => {
    fc.assert(fc.property(anyText, checkWellFormed), { numRuns: 100 });
  });

  it('never throws on arbitrary text under a PM zone heading', () => {
    fc.assert(fc.property(anyText, (text) => checkWellFormed(`## PM zone\n${text}`)), { numRuns: 100 });
  });

  it('never throws on markdown-ish text built from what people write, LF or CRLF, with or without a BOM', () => {
    fc.assert(fc.property(markdownish, checkWellFormed), { numRuns: 150 });
  });

  it('reads the same globs, pilots, flags and problems whatever the line endings', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const lf = parseZonePolicy(text.replace(/\r\n/g, '\n'));
        const crlf = parseZonePolicy(text.replace(/\r?\n/g, '\r\n'));
        assert.deepEqual(crlf.engineeringOnly, lf.engineeringOnly);
        assert.deepEqual(crlf.mayEdit, lf.mayEdit);
        assert.deepEqual(crlf.pilots, lf.pilots);
        assert.deepEqual(crlf.ownedFlags, lf.ownedFlags);
        assert.deepEqual(crlf.problems.map(where), lf.problems.map(where));
      }),
      { numRuns: 100 },
    );
  });
});
