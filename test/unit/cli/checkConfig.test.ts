// `pm-zone check-config`: what CLAUDE.md's zone and CODEOWNERS say that
// cannot be understood or is not enforced; exit status 1 on errors.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Problem } from '../../../src/core/types';
import { cli, isolateGitConfig, parsed } from './support/cli';
import { fixture, policyFolder, windowsText } from './support/folders';
import { sampleWorktree, sharedSample, writeFiles } from './support/sampleRepo';
import { runGit } from '../helpers/tempRepo';

async function checkConfig(root: string): Promise<{ code: number; problems: Problem[] }> {
  const run = await cli(['check-config', '--json', '--cwd', root]);
  const { problems } = parsed<{ problems: Problem[] }>(run);
  return { code: run.code, problems };
}

const kinds = (problems: Problem[]) => problems.map((p) => `${p.file}:${p.line} ${p.severity} ${p.kind}`);

describe('pm-zone check-config', () => {
  isolateGitConfig();
  // Read only: the tests share one copy of each sample variant.
  const sample = sharedSample();

  it('finds nothing wrong with the sample repository', async () => {
    const root = await sample.plain();
    assert.deepEqual(await checkConfig(root), { code: 0, problems: [] });
    const text = await cli(['check-config', '--cwd', root]);
    assert.deepEqual(text, { code: 0, stdout: 'No problems.\n', stderr: '' });
  });

  it('reports an engineering-only glob no CODEOWNERS rule enforces, with exactly the documented keys, and exits 0 on warnings', async () => {
    const root = await sample.unenforced();
    const { code, problems } = await checkConfig(root);
    assert.equal(code, 0);
    assert.deepEqual(kinds(problems), ['CLAUDE.md:36 warning unenforced']);
    assert.deepEqual(Object.keys(problems[0]), ['file', 'line', 'column', 'severity', 'kind', 'message']);
    assert.match(problems[0].message, /\*\*\/audit\/\*\*/);
  });

  it('says when the rules exist only on this machine: a policy file git does not track, or ignores', async () => {
    const root = await sampleWorktree();
    await runGit(root, ['rm', '--cached', '--quiet', '--', 'CLAUDE.md']);
    await writeFiles(root, { '.gitignore': 'CLAUDE.md\n' });
    const ignored = await checkConfig(root);
    assert.equal(ignored.code, 0);
    const tracking = (problems: Problem[]) => problems.filter((problem) => problem.kind !== 'matches-nothing');
    assert.deepEqual(kinds(tracking(ignored.problems)), ['CLAUDE.md:1 warning untracked-policy-file']);
    assert.equal(
      tracking(ignored.problems)[0].message,
      'CLAUDE.md is not tracked by git (.gitignore ignores it): its rules exist only on this machine, and reviewers, CI and other PMs do not see them. Ask engineering to commit it (git add -f CLAUDE.md).',
    );
    await writeFiles(root, { '.gitignore': '' });
    assert.match(tracking((await checkConfig(root)).problems)[0].message, /^CLAUDE\.md is not tracked by git: its rules exist only on this machine/);
    await runGit(root, ['add', '--', 'CLAUDE.md']);
    assert.deepEqual(tracking((await checkConfig(root)).problems), [], 'a staged file is tracked');
  });

  it('prints file:line:column, severity, kind and message, then a count', async () => {
    const root = await sample.unenforced();
    const run = await cli(['check-config', '--cwd', root]);
    assert.match(run.stdout, /^CLAUDE\.md:36:1 {2}warning {2}unenforced {2}`\*\*\/audit\/\*\*` is engineering-only.*\n0 errors, 1 warning\n\nThe CODEOWNERS lines that give it an owner/);
  });

  it('exits 1 when a problem is an error (an unreadable owner in CODEOWNERS)', async () => {
    const root = await policyFolder({ 'CLAUDE.md': await fixture('policy/CLAUDE.standard.md'), '.github/CODEOWNERS': '* @acme/core\n/src/auth/ not-an-owner\n' });
    const { code, problems } = await checkConfig(root);
    assert.ok(problems.some((p) => p.file === '.github/CODEOWNERS' && p.line === 2 && p.severity === 'error'), JSON.stringify(problems));
    assert.equal(code, 1);
  });

  it('reports duplicate zone sections and globs without backticks on their lines', async () => {
    const duplicate = await policyFolder({ 'CLAUDE.md': await fixture('policy/CLAUDE.duplicate-sections.md'), '.github/CODEOWNERS': 'auth/ @acme/security\n' });
    // The folder holds no file the globs could match: each says so on its line.
    assert.deepEqual(kinds((await checkConfig(duplicate)).problems), ['CLAUDE.md:6 warning matches-nothing', 'CLAUDE.md:9 warning matches-nothing', 'CLAUDE.md:11 warning duplicate-section']);
    const bare = await policyFolder({ 'CLAUDE.md': await fixture('policy/CLAUDE.globs-without-backticks.md'), '.github/CODEOWNERS': 'auth/ @s\npayments/ @p\n' });
    assert.deepEqual(kinds((await checkConfig(bare)).problems.filter((problem) => problem.kind !== 'matches-nothing')), [
      'CLAUDE.md:6 warning glob-without-backticks',
      'CLAUDE.md:7 warning glob-without-backticks',
      'CLAUDE.md:10 warning glob-without-backticks',
    ]);
  });

  it('reads a CLAUDE.md and CODEOWNERS with a byte-order mark and CRLF line endings like LF ones', async () => {
    const lf = await policyFolder({ 'CLAUDE.md': await fixture('policy/CLAUDE.globs-without-backticks.md'), '.github/CODEOWNERS': await fixture('policy/CODEOWNERS.standard') });
    const windows = await policyFolder({
      'CLAUDE.md': await windowsText('policy/CLAUDE.globs-without-backticks.md', { bom: true }),
      '.github/CODEOWNERS': await windowsText('policy/CODEOWNERS.standard', { bom: true }),
    });
    const expected = await checkConfig(lf);
    assert.ok(expected.problems.length > 0);
    assert.deepEqual(await checkConfig(windows), expected);
  });

  it('says when there is no PM zone, and has nothing else to report', async () => {
    const root = await policyFolder({ 'CLAUDE.md': await fixture('policy/CLAUDE.no-zone.md') });
    assert.deepEqual(await checkConfig(root), { code: 0, problems: [] });
    const text = await cli(['check-config', '--cwd', root]);
    assert.equal(text.stdout, 'No ## PM zone section in CLAUDE.md, AGENTS.md, .github/copilot-instructions.md or GEMINI.md: pm-zone init drafts one from this repository.\nNo problems.\n');
  });

  it('warns that the engineering zone is convention when there is no CODEOWNERS', async () => {
    const root = await policyFolder({ 'CLAUDE.md': await fixture('policy/CLAUDE.standard.md') });
    const { code, problems } = await checkConfig(root);
    assert.deepEqual(kinds(problems.filter((problem) => problem.kind !== 'matches-nothing')), ['CLAUDE.md:3 warning no-codeowners']);
    assert.equal(code, 0);
  });

  describe('bad CODEOWNERS files', () => {
    const claude = async () => ({ 'CLAUDE.md': await fixture('policy/CLAUDE.standard.md') });

    it('an empty file: nothing it enforces, reported as unenforced globs, not as a failure', async () => {
      const root = await policyFolder({ ...(await claude()), '.github/CODEOWNERS': '' });
      const { code, problems } = await checkConfig(root);
      assert.equal(code, 0);
      assert.deepEqual(problems.map((p) => p.kind).filter((kind) => kind !== 'matches-nothing'), ['unenforced', 'unenforced']);
    });

    it('a binary file: an error on its first line, exit 1', async () => {
      const root = await policyFolder({ ...(await claude()), '.github/CODEOWNERS': Buffer.from('* @a\n\u0000\u0001\u0002\n', 'latin1') });
      const { code, problems } = await checkConfig(root);
      assert.ok(kinds(problems).includes('.github/CODEOWNERS:1 error binary-file'), JSON.stringify(problems));
      assert.equal(code, 1);
    });

    it('a 5 MB file: an error saying GitHub ignores it, exit 1 (its time: bench/limits.bench.ts)', async () => {
      const line = '/src/generated/module-with-a-long-name/ @acme/generated-owners\n';
      const root = await policyFolder({ ...(await claude()), '.github/CODEOWNERS': line.repeat(Math.ceil((5 * 1024 * 1024) / line.length)) });
      const { code, problems } = await checkConfig(root);
      const tooLarge = problems.find((p) => p.kind === 'file-too-large');
      assert.equal(tooLarge?.severity, 'error');
      assert.match(tooLarge?.message ?? '', /5\.0 MB.*3 MB/);
      assert.equal(code, 1);
    });
  });

  it('works in a folder that is not a git repository', async () => {
    const root = await policyFolder({ 'CLAUDE.md': await fixture('policy/CLAUDE.standard.md'), '.github/CODEOWNERS': await fixture('policy/CODEOWNERS.standard') });
    const { code } = await checkConfig(root);
    assert.equal(code, 0);
  });

  it('warns when a committed hook manager runs in no fresh clone because no install wires it, with the line that does, and not once an install does', async () => {
    const root = await sampleWorktree();
    const manifest = JSON.parse(await fs.readFile(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    await writeFiles(root, {
      '.husky/pre-commit': 'npx --no-install pm-zone review --staged\n',
      'package.json': `${JSON.stringify({ ...manifest, scripts: { 'hooks:install': 'husky install' }, devDependencies: { husky: '^8.0.3' } }, null, 2)}\n`,
    });
    const unwired = await checkConfig(root);
    assert.equal(unwired.code, 0);
    const wiring = unwired.problems.filter((problem) => problem.kind === 'hook-not-wired');
    assert.deepEqual(kinds(wiring), ['package.json:1 warning hook-not-wired']);
    assert.match(wiring[0].message, /in a fresh clone \.husky\/pre-commit's hooks \(PM Zone's review among them\) run only after someone runs `npm run hooks:install`\. Add to package\.json's scripts: "prepare": "npm run hooks:install"$/);

    await writeFiles(root, { 'package.json': `${JSON.stringify({ ...manifest, scripts: { prepare: 'npm run hooks:install', 'hooks:install': 'husky install' }, devDependencies: { husky: '^8.0.3' } }, null, 2)}\n` });
    assert.deepEqual((await checkConfig(root)).problems.filter((problem) => problem.kind === 'hook-not-wired'), []);
  });
});
