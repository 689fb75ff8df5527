// `pm-zone explain PATH...`: the zone of each path and every reason, read
// from CLAUDE.md and CODEOWNERS however they are written.
import * as assert from 'node:assert/strict';
import type { Reason } from '../../../src/core/types';
import { cli, isolateGitConfig, parsed } from './support/cli';
import { fixture, policyFolder, windowsText } from './support/folders';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { sampleWorktree, sharedSample } from './support/sampleRepo';

interface ExplainRow {
  path: string;
  zone: 'editable' | 'locked' | 'outside';
  reasons: Reason[];
  owners: string[];
  unenforced: boolean;
}

async function explain(root: string, args: string[], stdin?: string): Promise<ExplainRow[]> {
  const run = await cli(['explain', '--json', '--cwd', root, ...args], stdin === undefined ? {} : { stdin });
  assert.equal(run.code, 0, run.stderr);
  return parsed<ExplainRow[]>(run);
}

const zones = (rows: ExplainRow[]) => rows.map((row) => [row.path, row.zone]);

describe('pm-zone explain', () => {
  isolateGitConfig();
  // Read only: the tests share one copy of each sample variant.
  const sample = sharedSample();

  it('answers each path in input order with exactly the documented keys, and every reason with its line', async () => {
    const root = await sample.plain();
    const rows = await explain(root, ['src/auth/login.ts', 'src/features/checkout/i18n/en.json', 'src/features/checkout/api.ts']);
    assert.deepEqual(zones(rows), [
      ['src/auth/login.ts', 'locked'],
      ['src/features/checkout/i18n/en.json', 'editable'],
      ['src/features/checkout/api.ts', 'outside'],
    ]);
    for (const row of rows) {
      assert.deepEqual(Object.keys(row), ['path', 'zone', 'reasons', 'owners', 'unenforced']);
      for (const reason of row.reasons) assert.deepEqual(Object.keys(reason), ['source', 'line', 'rule', 'message']);
    }
    assert.deepEqual(rows[0].reasons, [
      { source: 'CLAUDE.md', line: 31, rule: '**/auth/**', message: 'Engineering only: matches `**/auth/**`' },
      { source: '.github/CODEOWNERS', line: 9, rule: 'auth/', message: 'owners @acme/security' },
    ]);
    assert.deepEqual(rows[0].owners, ['@acme/security']);
    assert.equal(rows[0].unenforced, false);
    assert.deepEqual(rows[1].reasons[0], { source: 'CLAUDE.md', line: 24, rule: '**/i18n/*.json', message: 'PM-editable: matches `**/i18n/*.json`' });
  });

  it('prints each path, its zone and its reasons without --json', async () => {
    const root = await sample.plain();
    const run = await cli(['explain', '--cwd', root, 'src/auth/login.ts']);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, [
      'src/auth/login.ts: locked',
      '  CLAUDE.md:31  **/auth/**  Engineering only: matches `**/auth/**`',
      '  .github/CODEOWNERS:9  auth/  owners @acme/security',
      '',
    ].join('\n'));
  });

  it('answers for the PM given with --as: a component is editable in their own feature folder only', async () => {
    const root = await sample.plain();
    const paths = ['src/features/checkout/components/CheckoutButton.tsx', 'src/features/search/components/SearchBox.tsx'];
    assert.deepEqual(zones(await explain(root, ['--as', '@alice', ...paths])).map((z) => z[1]), ['editable', 'outside']);
    assert.deepEqual(zones(await explain(root, ['--as', '@bob', ...paths])).map((z) => z[1]), ['outside', 'editable']);
    // Without --as, git's user.email (alice@acme.test in the sample) names the PM.
    assert.deepEqual(zones(await explain(root, paths)).map((z) => z[1]), ['editable', 'outside']);
  });

  it('locks the policy files themselves', async () => {
    const root = await sample.plain();
    assert.deepEqual(zones(await explain(root, ['CLAUDE.md', '.github/CODEOWNERS', '.claude/skills/pm-pr-review/SKILL.md'])).map((z) => z[1]), ['locked', 'locked', 'locked']);
  });

  it('marks an engineering-only glob that no CODEOWNERS rule enforces as unenforced', async () => {
    const root = await sample.unenforced();
    const [audit, auth] = await explain(root, ['src/audit/trail.ts', 'src/auth/login.ts']);
    assert.deepEqual([audit.zone, audit.unenforced, audit.owners], ['locked', true, []]);
    assert.equal(auth.unenforced, false);
    const text = await cli(['explain', '--cwd', root, 'src/audit/trail.ts']);
    assert.match(text.stdout, /^src\/audit\/trail\.ts: locked \(unenforced\)\n/);
  });

  it('takes paths with spaces, unicode and a leading dash, positional or on stdin', async () => {
    const root = await sample.plain();
    const odd = ['src/features/checkout/i18n/en GB.json', 'src/features/checkout/i18n/zh-名前.json', '-weird/auth/x.ts', 'src/auth/ünïcödé file.ts'];
    const positional = await explain(root, ['--', ...odd]);
    assert.deepEqual(await explain(root, ['--stdin'], `${odd.join('\r\n')}\r\n`), positional);
    assert.deepEqual(zones(positional), [
      [odd[0], 'editable'],
      [odd[1], 'editable'],
      [odd[2], 'locked'],
      [odd[3], 'locked'],
    ]);
  });

  describe('CLAUDE.md as people write it', () => {
    const codeowners = { '.github/CODEOWNERS': 'auth/ @acme/security\n' };

    it('with no PM zone: every path is outside, with a built-in reason, and the text says why', async () => {
      const root = await policyFolder({ 'CLAUDE.md': await fixture('policy/CLAUDE.no-zone.md'), ...codeowners });
      const rows = await explain(root, ['src/i18n/en.json', 'src/auth/x.ts']);
      assert.deepEqual(zones(rows).map((z) => z[1]), ['outside', 'outside']);
      assert.deepEqual(rows[0].reasons, [{ source: 'built-in', line: null, rule: 'not-in-zone', message: 'No PM zone is defined in CLAUDE.md: needs an engineering co-author' }]);
      const text = await cli(['explain', '--cwd', root, 'src/i18n/en.json']);
      assert.match(text.stdout, /^No ## PM zone section in CLAUDE\.md, AGENTS\.md, \.github\/copilot-instructions\.md or GEMINI\.md \(pm-zone init drafts one\): every file needs an engineering co-author\.\n/);
    });

    it('with no CLAUDE.md at all: the same', async () => {
      const root = await policyFolder(codeowners);
      assert.deepEqual(zones(await explain(root, ['src/i18n/en.json'])), [['src/i18n/en.json', 'outside']]);
    });

    it('with two PM zone sections: only the first is read', async () => {
      const root = await policyFolder({ 'CLAUDE.md': await fixture('policy/CLAUDE.duplicate-sections.md'), ...codeowners });
      const rows = await explain(root, ['src/i18n/en.json', 'src/auth/x.ts', 'src/app.ts']);
      assert.deepEqual(zones(rows).map((z) => z[1]), ['editable', 'locked', 'outside']);
      assert.equal(rows[1].reasons[0].line, 9);
    });

    it('with globs written without backticks: still read, with the glob as written', async () => {
      const root = await policyFolder({ 'CLAUDE.md': await fixture('policy/CLAUDE.globs-without-backticks.md'), ...codeowners });
      const rows = await explain(root, ['src/i18n/en.json', 'docs/guide.md', 'src/auth/x.ts', 'src/payments/p.ts']);
      assert.deepEqual(zones(rows).map((z) => z[1]), ['editable', 'editable', 'locked', 'locked']);
      assert.deepEqual(rows.map((r) => [r.reasons[0].rule, r.reasons[0].line]), [['**/i18n/*.json', 6], ['docs/*.md', 7], ['**/auth/**', 10], ['**/payments/**', 11]]);
    });

    it('with a byte-order mark and CRLF line endings: the same answers and line numbers as LF', async () => {
      const paths = ['src/features/checkout/i18n/en.json', 'src/auth/x.ts', 'src/features/checkout/components/A.tsx', 'src/features/search/components/B.tsx'];
      const lf = await policyFolder({ 'CLAUDE.md': await fixture('policy/CLAUDE.standard.md'), '.github/CODEOWNERS': await fixture('policy/CODEOWNERS.standard') });
      const windows = await policyFolder({
        'CLAUDE.md': await windowsText('policy/CLAUDE.standard.md', { bom: true }),
        '.github/CODEOWNERS': await windowsText('policy/CODEOWNERS.standard', { bom: true }),
      });
      const expected = await explain(lf, ['--as', '@alice', ...paths]);
      assert.deepEqual(zones(expected).map((z) => z[1]), ['editable', 'locked', 'editable', 'outside']);
      assert.deepEqual(await explain(windows, ['--as', '@alice', ...paths]), expected);
      assert.ok(!JSON.stringify(expected).includes('\\r'));
    });

    it('with patterns designed to backtrack: every path answered (its time: bench/limits.bench.ts)', async () => {
      const claude = `## PM zone\n### PMs may edit\n- \`${'**/'.repeat(30)}*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b\`\n### Engineering only\n- \`${'{a,b}'.repeat(12)}/**\`\n- \`${'*(a|aa)'.repeat(10)}c\`\n`;
      const root = await policyFolder({ 'CLAUDE.md': claude, '.github/CODEOWNERS': await fixture('policy/CODEOWNERS.backtracking') });
      const paths = ['a'.repeat(5000), `${'a/'.repeat(2000)}x`, `${'a'.repeat(60)}c`, `${'aaaa/'.repeat(200)}${'a'.repeat(100)}c`];
      const rows = await explain(root, ['--stdin'], paths.join('\n'));
      assert.deepEqual(rows.map((r) => r.path), paths);
    });
  });

  it('works in a folder that is not a git repository', async () => {
    const root = await policyFolder({ 'CLAUDE.md': await fixture('policy/CLAUDE.standard.md'), '.github/CODEOWNERS': await fixture('policy/CODEOWNERS.standard') });
    const rows = await explain(root, ['src/auth/x.ts']);
    assert.deepEqual(rows[0].owners, ['@acme/security']);
  });
});

describe('pm-zone explain through symbolic links', () => {
  isolateGitConfig();

  it('answers for the file git tracks, as the editor does: a locale reached through a linked folder is editable', async () => {
    const root = await sampleWorktree();
    await fs.mkdir(path.join(root, 'packages', 'i18n'), { recursive: true });
    await fs.symlink('../../src/features/checkout/i18n', path.join(root, 'packages', 'i18n', 'locales'));
    const run = await cli(['explain', 'packages/i18n/locales/en.json', '--json', '--cwd', root]);
    const [answer] = parsed<{ path: string; zone: string; reasons: Reason[] }[]>(run);
    assert.equal(answer.zone, 'editable');
    assert.equal(answer.path, 'packages/i18n/locales/en.json');
    assert.match(answer.reasons[0].message, /git tracks this file as src\/features\/checkout\/i18n\/en\.json/);
  });
});

