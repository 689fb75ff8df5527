import * as assert from 'node:assert/strict';
import { compileZonePolicy, parseZonePolicy, unenforcedGlobs } from '../../../src/core/policy';
import { probePathFor } from '../../../src/core/policy/unenforced';
import { fixture, ownersTable } from './helpers';

const spec = parseZonePolicy(fixture('spec-example.md'));
const message = (glob: string): string => `\`${glob}\` is engineering-only but no CODEOWNERS rule gives it an owner: the boundary is convention, not enforcement`;

describe('unenforcedGlobs', () => {
  it('warns, at the glob’s line, about each engineering-only glob that CODEOWNERS leaves without an owner', () => {
    const owners = ownersTable([
      { pattern: '**/auth/**', owners: ['@security'], line: 1 },
      { pattern: '**/payments/**', owners: [], line: 2 },
    ]);
    const problems = unenforcedGlobs(spec, owners, ['src/auth/login.ts', 'src/payments/charge.ts', 'README.md']);
    assert.deepEqual(problems, [
      { file: 'CLAUDE.md', line: 13, column: 1, severity: 'warning', kind: 'unenforced', message: message('**/payments/**') },
      { file: 'CLAUDE.md', line: 14, column: 1, severity: 'warning', kind: 'unenforced', message: message('.github/workflows/**') },
    ]);
  });

  it('is silent when every engineering-only glob has an owner', () => {
    const owners = ownersTable([{ pattern: '**', owners: ['@eng'], line: 1 }]);
    assert.deepEqual(unenforcedGlobs(spec, owners, ['src/auth/login.ts']), []);
  });

  it('warns when only some files under the glob have an owner', () => {
    const owners = ownersTable([{ pattern: 'src/auth/**', owners: ['@security'], line: 1 }, { pattern: '**/payments/**', owners: ['@pay'], line: 2 }, { pattern: '.github/**', owners: ['@ops'], line: 3 }]);
    assert.deepEqual(unenforcedGlobs(spec, owners, ['src/auth/a.ts']), []);
    assert.deepEqual(unenforcedGlobs(spec, owners, ['src/auth/a.ts', 'lib/auth/b.ts']).map((p) => p.message), [message('**/auth/**')]);
  });

  it('judges a glob with no file under it by a probe path made from the glob', () => {
    const owners = ownersTable([{ pattern: 'auth/**', owners: ['@security'], line: 1 }]);
    const problems = unenforcedGlobs(spec, owners, []);
    assert.deepEqual(problems.map((p) => p.line), [13, 14]);
  });

  it('warns about every glob when there is no CODEOWNERS', () => {
    assert.equal(unenforcedGlobs(spec, undefined, ['src/auth/x.ts']).length, 3);
    assert.deepEqual(unenforcedGlobs(parseZonePolicy('# none'), undefined, ['x']), []);
  });

  it('normalises the paths it is given', () => {
    const owners = ownersTable([{ pattern: 'src/auth/**', owners: ['@security'], line: 1 }]);
    const policy = parseZonePolicy('## PM zone\n### Engineering only\n- `src/auth/**`\n');
    assert.deepEqual(unenforcedGlobs(policy, owners, ['./src\\auth\\x.ts', '../elsewhere/auth/x.ts']), []);
  });
});

describe('probePathFor', () => {
  const probe = (glob: string): string | undefined => {
    const policy = parseZonePolicy(`## PM zone\n### Engineering only\n- \`${glob}\`\n`);
    return probePathFor(compileZonePolicy(policy).deny[0]);
  };

  it('makes a path the glob matches', () => {
    const cases: [string, string][] = [
      ['**/auth/**', 'auth/x'],
      ['.github/workflows/**', '.github/workflows/x'],
      ['src/*.ts', 'src/x.ts'],
      ['{lib,src}/secret/**', 'lib/secret/x'],
      ['**/[abc]x/**', 'ax/x'],
      ['**', 'x'],
      ['/infra/**', 'infra/x'],
      ['a/**/b/?.sql', 'a/b/x.sql'],
    ];
    for (const [glob, expected] of cases) assert.equal(probe(glob), expected, glob);
  });

  it('gives up rather than invent a path the glob does not match', () => {
    assert.equal(probe('**/[!a]x/**'), undefined);
  });
});
