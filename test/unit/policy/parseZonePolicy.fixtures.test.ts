import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { parseZonePolicy } from '../../../src/core/policy';
import { FIXTURE_DIR, fixture } from './helpers';

// Each `name.md` beside a `name.expected.json` is parsed and compared whole:
// globs, qualifiers, notes, pilots, flags and every problem with its position.
describe('parseZonePolicy fixtures', () => {
  const pairs = readdirSync(FIXTURE_DIR).filter((name) => name.endsWith('.expected.json'));

  it('has the fixtures it is meant to check', () => {
    assert.ok(pairs.length >= 8, `only ${pairs.length} fixtures`);
  });

  for (const expectedName of pairs) {
    const source = expectedName.replace(/\.expected\.json$/, '.md');
    it(`reads ${source} as expected`, () => {
      assert.deepEqual(parseZonePolicy(fixture(source)), JSON.parse(fixture(expectedName)));
    });
  }
});

describe('parseZonePolicy on the two written shapes', () => {
  it("reads SPEC.md's example exactly", () => {
    const policy = parseZonePolicy(fixture('spec-example.md'));
    assert.equal(policy.defined, true);
    assert.equal(policy.line, 1);
    assert.equal(policy.mode, 'regulated');
    assert.deepEqual(
      policy.mayEdit.map((rule) => [rule.glob, rule.line, rule.qualifiers]),
      [
        ['**/i18n/*.json', 5, []],
        ['**/prompts/*.md', 6, []],
        ['**/flags.yaml', 7, ['owned-flags-only']],
        ['**/analytics/events.ts', 8, ['additions-only']],
        ['**/components/*.tsx', 9, ['own-feature-folder', 'non-breaking']],
      ],
    );
    assert.deepEqual(
      policy.engineeringOnly.map((rule) => [rule.glob, rule.line]),
      [
        ['**/auth/**', 12],
        ['**/payments/**', 13],
        ['.github/workflows/**', 14],
      ],
    );
    assert.deepEqual(policy.pilots, [{ handle: '@alice', featureFolders: ['src/features/checkout/**'], engineeringDri: '@dana', line: 19 }]);
    assert.deepEqual(policy.ownedFlags, [{ flag: 'checkout_copy_v2', owner: '@alice', line: 24 }]);
    assert.deepEqual(policy.problems, []);
  });

  it("reads the proposal's Appendix A exactly as written, under its own heading", () => {
    const policy = parseZonePolicy(fixture('proposal-appendix.md'));
    assert.equal(policy.defined, true);
    assert.deepEqual(
      policy.mayEdit.map((rule) => rule.glob),
      ['**/*.md', '**/i18n/*.json', '**/prompts/*.md', '**/flags.yaml', '**/analytics/events.ts', '**/components/*.tsx'],
    );
    // "within the feature folders they own" in the label reaches every item.
    for (const rule of policy.mayEdit) assert.ok(rule.qualifiers.includes('own-feature-folder'), rule.glob);
    assert.deepEqual(policy.mayEdit[3].qualifiers, ['owned-flags-only', 'own-feature-folder']);
    assert.deepEqual(policy.mayEdit[4].qualifiers, ['additions-only', 'own-feature-folder']);
    assert.deepEqual(policy.mayEdit[5].qualifiers, ['own-feature-folder', 'non-breaking']);
    assert.deepEqual(
      policy.engineeringOnly.map((rule) => `${rule.line}:${rule.glob}`),
      ['12:**/auth/**', '13:**/payments/**', '14:**/phi/**', '14:**/pii/**', '15:**/migrations/**', '16:**/infra/**', '17:**/audit/**', '18:**/security/**', '19:.github/workflows/**'],
    );
    // The closing prose item restates the outside rule: understood, not a problem.
    assert.deepEqual(policy.problems, []);
  });

  it('gives the same policy with a BOM, with CRLF, and with both', () => {
    const plain = parseZonePolicy(fixture('spec-example.md'));
    const crlf = fixture('spec-example.md').replace(/\n/g, '\r\n');
    assert.deepEqual(parseZonePolicy(fixture('bom.md')), plain);
    assert.deepEqual(parseZonePolicy(crlf), plain);
    assert.deepEqual(parseZonePolicy(`\uFEFF${crlf}`), plain);
  });

  it('reads the first of two PM zone sections in a CRLF file, as in an LF one (found by the line-ending property)', () => {
    const text = '## PM zone\n### PMs may edit\n- `flag_a` (@alice)\n## PM zone';
    const lf = parseZonePolicy(text);
    const crlf = parseZonePolicy(text.replace(/\n/g, '\r\n'));
    assert.deepEqual(crlf.mayEdit, lf.mayEdit);
    assert.deepEqual(crlf.mayEdit.map((rule) => rule.glob), ['flag_a']);
    assert.deepEqual(crlf.problems.map(({ line, kind }) => `${line}:${kind}`), ['4:duplicate-section']);
  });

  it('keeps problem columns right on CRLF lines', () => {
    const lf = parseZonePolicy(fixture('problems.md')).problems;
    const crlf = parseZonePolicy(fixture('problems.md').replace(/\n/g, '\r\n')).problems;
    assert.deepEqual(
      crlf.map(({ line, column, endColumn, kind }) => ({ line, column, endColumn, kind })),
      lf.map(({ line, column, endColumn, kind }) => ({ line, column, endColumn, kind })),
    );
  });

  it('reports problems with their lines, in document order', () => {
    const problems = parseZonePolicy(fixture('problems.md')).problems;
    assert.deepEqual(
      problems.map((problem) => `${problem.line}:${problem.kind}`),
      [
        '4:invalid-mode',
        '5:invalid-handle',
        '9:item-without-glob',
        '10:invalid-glob',
        '11:invalid-glob',
        '15:item-without-glob',
        '18:unknown-heading',
        '24:invalid-handle',
        '25:invalid-handle',
        '26:pilot-without-folders',
        '27:duplicate-pilot',
        '30:flag-without-owner',
        '31:invalid-flag',
        '33:duplicate-flag',
        '36:glob-outside-list',
      ],
    );
    for (const problem of problems) assert.equal(problem.file, 'CLAUDE.md');
  });

  it('files problems under the name it is given', () => {
    const policy = parseZonePolicy(fixture('problems.md'), 'docs/CLAUDE.md');
    assert.equal(policy.file, 'docs/CLAUDE.md');
    assert.ok(policy.problems.every((problem) => problem.file === 'docs/CLAUDE.md'));
  });
});
