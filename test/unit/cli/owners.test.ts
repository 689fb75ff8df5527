// `pm-zone owners PATH...`: the code owners of each path with the CODEOWNERS
// line that decides it, in input order, whatever the CODEOWNERS file holds.
import * as assert from 'node:assert/strict';
import { cli, isolateGitConfig, parsed, type CliRun } from './support/cli';
import { fixture, policyFolder, windowsText } from './support/folders';
import { sampleWorktree } from './support/sampleRepo';

interface OwnersRow {
  path: string;
  owners: string[];
  line: number | null;
  file: string | null;
  pattern: string | null;
}

const NO_OWNER = { owners: [], line: null, file: null, pattern: null };

async function owners(root: string, paths: string[], stdin?: string): Promise<OwnersRow[]> {
  const run = await cli(['owners', '--json', '--cwd', root, ...paths], stdin === undefined ? {} : { stdin });
  assert.equal(run.code, 0, run.stderr);
  return parsed<OwnersRow[]>(run);
}

describe('pm-zone owners', () => {
  isolateGitConfig();

  it('answers in input order, with exactly the documented keys, unmatched paths included', async () => {
    const root = await sampleWorktree();
    const rows = await owners(root, ['src/payments/stripe.ts', 'README.md', 'src/features/checkout/api.ts', 'src/payments/stripe.ts']);
    assert.deepEqual(rows, [
      { path: 'src/payments/stripe.ts', owners: ['@acme/payments', '@acme/security'], line: 10, file: '.github/CODEOWNERS', pattern: 'payments/' },
      { path: 'README.md', ...NO_OWNER },
      { path: 'src/features/checkout/api.ts', owners: ['@dana'], line: 5, file: '.github/CODEOWNERS', pattern: '/src/features/checkout/' },
      { path: 'src/payments/stripe.ts', owners: ['@acme/payments', '@acme/security'], line: 10, file: '.github/CODEOWNERS', pattern: 'payments/' },
    ]);
    for (const row of rows) assert.deepEqual(Object.keys(row), ['path', 'owners', 'line', 'file', 'pattern']);
  });

  it('prints one tab-separated line per path without --json', async () => {
    const root = await sampleWorktree();
    const run = await cli(['owners', '--cwd', root, 'src/auth/login.ts', 'README.md']);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, 'src/auth/login.ts\t@acme/security\t.github/CODEOWNERS:9 auth/\nREADME.md\t(no owners)\tno rule matches\n');
  });

  it('reads one path per line with --stdin (CRLF too, blank lines skipped), after the positional paths', async () => {
    const root = await sampleWorktree();
    const rows = await owners(root, ['README.md', '--stdin'], 'src/auth/login.ts\r\n\r\ninfra/terraform/main.tf\n');
    assert.deepEqual(rows.map((r) => [r.path, r.owners]), [
      ['README.md', []],
      ['src/auth/login.ts', ['@acme/security']],
      ['infra/terraform/main.tf', ['@acme/platform']],
    ]);
  });

  it('takes paths with spaces, unicode and a leading dash, and normalises ./ and backslashes', async () => {
    const root = await policyFolder({ '.github/CODEOWNERS': 'docs/ @docs\n/-flags/ @dash\n*.md @md\n' });
    const odd = ['docs/read me.txt', 'docs/résumé/ünïcödé 名前.txt', '-flags/x.yaml', './docs/a.txt', 'docs\\win\\b.txt'];
    const positional = await owners(root, ['--', ...odd]);
    const viaStdin = await owners(root, ['--stdin'], odd.join('\n'));
    assert.deepEqual(positional, viaStdin);
    assert.deepEqual(positional.map((r) => [r.path, r.owners]), [
      ['docs/read me.txt', ['@docs']],
      ['docs/résumé/ünïcödé 名前.txt', ['@docs']],
      ['-flags/x.yaml', ['@dash']],
      ['docs/a.txt', ['@docs']],
      ['docs/win/b.txt', ['@docs']],
    ]);
  });

  it('answers without owners when there is no CODEOWNERS file, and says so', async () => {
    const root = await policyFolder({ 'README.md': '# hi\n' });
    assert.deepEqual(await owners(root, ['README.md']), [{ path: 'README.md', ...NO_OWNER }]);
    const text = await cli(['owners', '--cwd', root, 'README.md']);
    assert.equal(text.stdout, 'README.md\t(no owners)\tno CODEOWNERS file\n');
  });

  it('uses GitHub\'s search order: .github/CODEOWNERS before CODEOWNERS before docs/CODEOWNERS', async () => {
    const root = await policyFolder({ 'CODEOWNERS': '* @root\n', 'docs/CODEOWNERS': '* @docs\n' });
    assert.deepEqual((await owners(root, ['a.ts']))[0], { path: 'a.ts', owners: ['@root'], line: 1, file: 'CODEOWNERS', pattern: '*' });
  });

  describe('bad CODEOWNERS files', () => {
    it('an empty file: no owners, no failure', async () => {
      const root = await policyFolder({ '.github/CODEOWNERS': '' });
      assert.deepEqual(await owners(root, ['a.ts']), [{ path: 'a.ts', ...NO_OWNER }]);
    });

    it('a binary file: no owners, and it does not fall through to a later CODEOWNERS', async () => {
      const root = await policyFolder({ '.github/CODEOWNERS': Buffer.from([0x2a, 0x20, 0x40, 0x78, 0x00, 0xff, 0x0a]), 'CODEOWNERS': '* @fallback\n' });
      assert.deepEqual(await owners(root, ['a.ts']), [{ path: 'a.ts', ...NO_OWNER }]);
      const text = await cli(['owners', '--cwd', root, 'a.ts']);
      assert.match(text.stdout, /^a\.ts\t\(no owners\)\t\.github\/CODEOWNERS not loaded: .*not a text file/);
    });

    it('a 5 MB file: no owners (GitHub ignores it) (its time: bench/limits.bench.ts)', async () => {
      const line = '/src/generated/module-with-a-long-name-0000/ @acme/generated-owners\n';
      const big = line.repeat(Math.ceil((5 * 1024 * 1024) / line.length));
      const root = await policyFolder({ '.github/CODEOWNERS': big });
      assert.deepEqual(await owners(root, ['src/generated/module-with-a-long-name-0000/a.ts']), [
        { path: 'src/generated/module-with-a-long-name-0000/a.ts', ...NO_OWNER },
      ]);
    });

    it('CRLF line endings (and a BOM): the same owners, lines and patterns as LF, no CR anywhere', async () => {
      const lf = await policyFolder({ '.github/CODEOWNERS': await fixture('policy/CODEOWNERS.standard') });
      const crlf = await policyFolder({ '.github/CODEOWNERS': await windowsText('policy/CODEOWNERS.standard', { bom: true }) });
      const paths = ['README.md', 'src/auth/x.ts', 'src/payments/y.ts', 'src/features/checkout/i18n/en.json', 'docs/a.md'];
      const expected = await owners(lf, paths);
      assert.deepEqual(await owners(crlf, paths), expected);
      assert.deepEqual(expected.map((r) => r.line), [2, 4, 5, 3, 6]);
      assert.ok(!JSON.stringify(expected).includes('\\r'));
    });

    it('patterns designed to backtrack: every path answered (the times: bench/limits.bench.ts)', async () => {
      const root = await policyFolder({ '.github/CODEOWNERS': await fixture('policy/CODEOWNERS.backtracking') });
      const paths = [
        'a'.repeat(5000),
        `${'a'.repeat(60)}/c`,
        `${'a/'.repeat(2000)}x`,
        `${'aaaa/'.repeat(200)}${'a'.repeat(100)}c`,
        `${'a'.repeat(40)}b`,
      ];
      assert.deepEqual((await owners(root, paths)).map((row) => row.path), paths);
      assert.deepEqual((await owners(root, [`${'a'.repeat(40)}b`]))[0].owners, ['@star-run']);
      assert.deepEqual((await owners(root, [`${'a/'.repeat(2000)}x`]))[0].owners, ['@globstar-run']);
    });
  });

  it('never prints a stack trace, whatever the file holds', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256).filter((b) => b !== 0));
    const root = await policyFolder({ '.github/CODEOWNERS': garbage });
    const run: CliRun = await cli(['owners', '--json', '--cwd', root, 'a.ts', 'b/c.ts']);
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '');
    assert.equal(parsed<OwnersRow[]>(run).length, 2);
  });
});
