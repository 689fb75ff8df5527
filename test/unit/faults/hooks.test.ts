// Faults of the pre-commit hook: a person's edits overwritten, a team's hook
// manager bypassed, a review that hangs `git commit`, a crash read as blockers.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { hookStatus, installPreCommitHook, refreshPreCommitHook, uninstallPreCommitHook, type HookOptions } from '../../../src/core/git/hooks';
import { packageManagerNamed } from '../../../src/core/repository/packageManager';
import { isolatedGitEnv, tempDir, tempRepo, type TempRepo } from '../helpers/tempRepo';
import { reviewTimeLimit, runWithTimeLimit, TIMED_OUT, TIMED_OUT_WORD, VERDICT_FILE } from '../../../src/cli/timeLimit';
import { REVIEW_TIMED_OUT, TIMED_OUT_VERDICT, VERDICT_FILE_VARIABLE } from '../../../src/core/git';
import { cpuBound } from '../helpers/cpuBound';

/** A stand-in for PM Zone's command line where the repository installs it (node_modules/pm-zone): what the hook then runs. */
async function fakeReview(repo: TempRepo, body: string): Promise<HookOptions> {
  const file = repo.path('node_modules/pm-zone/dist/cli.js');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, body);
  return { reviewArgs: ['review', '--staged'] };
}

async function commit(repo: TempRepo): Promise<{ committed: boolean; output: string }> {
  // No editor's extension and no global pm-zone: the hook finds only the stand-in.
  const home = await tempDir('home');
  const env = { ...isolatedGitEnv, HOME: home, XDG_DATA_HOME: home, VSCODE_EXTENSIONS: '', PATH: `${path.dirname(process.execPath)}${path.delimiter}/usr/bin${path.delimiter}/bin` };
  return new Promise((resolve) => {
    execFile('git', ['commit', '-m', 'change'], { cwd: repo.root, env }, (error, stdout, stderr) => resolve({ committed: !error, output: `${stdout}${stderr}` }));
  });
}

const stagedRepo = (files: Record<string, string> = {}, config?: Record<string, string>) =>
  tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n', ...files } }], staged: { 'a.txt': 'b\n' }, ...(config ? { config } : {}) });

describe("faults: a person's edit of the installed hook is theirs", function () {
  this.timeout(cpuBound(30_000));

  it('install, the editor upkeep and uninstall all leave a hand-edited hook as it is, and say why', async () => {
    const repo = await stagedRepo();
    await installPreCommitHook(repo.git, await fakeReview(repo, 'process.exit(0);\n'));
    const hookFile = repo.path('.git/hooks/pre-commit');
    const edited = (await fs.readFile(hookFile, 'utf8')).replace('#!/bin/sh\n', '#!/bin/sh\necho "team reminder: run the linter" >&2\n');
    await fs.writeFile(hookFile, edited);

    const other = { reviewArgs: ['review', '--staged', '--max-files', '3'] };
    for (const result of [
      await installPreCommitHook(repo.git, other),
      await refreshPreCommitHook(repo.git, other),
      await uninstallPreCommitHook(repo.git),
    ]) {
      assert.equal(result.status, 'refused');
      assert.match(result.message, /was written by PM Zone and then edited by hand, so it was not (reinstalled|brought up to date|removed): your edits stay as they are/);
    }
    assert.equal(await fs.readFile(hookFile, 'utf8'), edited);
  });

  it('a hook nobody edited is still brought up to date and removed', async () => {
    const repo = await stagedRepo();
    await installPreCommitHook(repo.git, await fakeReview(repo, 'process.exit(0);\n'));
    assert.equal((await installPreCommitHook(repo.git, { reviewArgs: ['review', '--staged', '--max-files', '3'] })).status, 'updated');
    assert.equal((await uninstallPreCommitHook(repo.git)).status, 'uninstalled');
  });
});

describe('faults: hook managers keep their hooks; PM Zone says the one line to add', function () {
  this.timeout(cpuBound(30_000));

  it('husky v8: the tracked .husky/pre-commit is never rewritten, and the next commit -a commits no machine path', async () => {
    const repo = await stagedRepo({ '.husky/pre-commit': '#!/bin/sh\nnpm run lint-staged\n' }, { 'core.hooksPath': '.husky' });
    const result = await installPreCommitHook(repo.git, { reviewArgs: ['review', '--staged'] });
    assert.equal(result.status, 'refused');
    assert.match(result.message, /runs its git hooks with husky \(\.husky\/\).*Add this line to \.husky\/pre-commit instead/);
    assert.ok(result.message.endsWith(': npx --no-install pm-zone review --staged'), result.message);
    // The editor's "Copy the line" copies exactly this.
    assert.equal(result.lineToAdd, 'npx --no-install pm-zone review --staged');
    assert.equal(await fs.readFile(repo.path('.husky/pre-commit'), 'utf8'), '#!/bin/sh\nnpm run lint-staged\n');
    assert.equal((await repo.run('status', '--porcelain', '--', '.husky')).trim(), '');
  });

  it("husky v9: the generated .husky/_ wrapper is left alone, so the team's pre-commit keeps running", async () => {
    const repo = await stagedRepo({ '.husky/pre-commit': 'npm test\n' }, { 'core.hooksPath': '.husky/_' });
    await fs.mkdir(repo.path('.husky/_'), { recursive: true });
    await fs.writeFile(repo.path('.husky/_/pre-commit'), '#!/usr/bin/env sh\n. "$(dirname "$0")/h"\n');
    const result = await installPreCommitHook(repo.git, { reviewArgs: ['review', '--staged'] });
    assert.equal(result.status, 'refused');
    assert.equal(await fs.readFile(repo.path('.husky/_/pre-commit'), 'utf8'), '#!/usr/bin/env sh\n. "$(dirname "$0")/h"\n');
    assert.equal((await hookStatus(repo.git)).manager, 'husky');
  });

  it("husky in a pnpm workspace: the line is the package manager's, pnpm exec", async () => {
    const repo = await stagedRepo({ '.husky/pre-commit': 'pnpm lint-staged\n' }, { 'core.hooksPath': '.husky/_' });
    const result = await installPreCommitHook(repo.git, { reviewArgs: ['review', '--staged', '--time-limit', '120'], packageManager: packageManagerNamed('pnpm', { workspace: true }) });
    assert.equal(result.status, 'refused');
    assert.ok(result.message.endsWith('Add this line to .husky/pre-commit instead (with pm-zone in the project\'s devDependencies; committed, it reaches every clone): pnpm exec pm-zone review --staged --time-limit 120'), result.message);
  });

  for (const [config, name, words] of [
    ['lefthook.yml', 'lefthook', /under pre-commit: commands:, an entry "pm-zone:" with "run: npx --no-install pm-zone review --staged"/],
    ['.pre-commit-config.yaml', 'pre-commit', /repo: local .* entry: npx --no-install pm-zone review --staged, language: system/],
    ['.simple-git-hooks.json', 'simple-git-hooks', /runs its git hooks with simple-git-hooks \(\.simple-git-hooks\.json\).*Add PM Zone to its "pre-commit" command instead.*: npx --no-install pm-zone review --staged$/],
  ] as const) {
    it(`${name}: nothing is written over the hook ${name} installed`, async () => {
      const repo = await stagedRepo({ [config]: 'pre-commit:\n' });
      await fs.writeFile(repo.path('.git/hooks/pre-commit'), `#!/bin/sh\n# ${name}\n`, { mode: 0o755 });
      const result = await installPreCommitHook(repo.git, { reviewArgs: ['review', '--staged'] });
      assert.equal(result.status, 'refused');
      assert.match(result.message, words);
      assert.equal(result.lineToAdd, 'npx --no-install pm-zone review --staged');
      assert.equal(await fs.readFile(repo.path('.git/hooks/pre-commit'), 'utf8'), `#!/bin/sh\n# ${name}\n`);
    });
  }
});

describe('faults: the review in the hook says what happened, and a missing program stops one commit, then lets them through', function () {
  this.timeout(cpuBound(60_000));
  const ZONE = { 'CLAUDE.md': '## PM zone\n### PMs may edit\n- `**/*.txt`\n' };

  const NOT_CHECKED = /\.\nPM Zone: the change was not checked; to see why, run: pm-zone review --staged,\nPM Zone: or commit without it: git commit --no-verify/;

  for (const [what, body, said] of [
    ['runs out of time (exit 3, and the watching process says so)', "require('node:fs').writeFileSync(process.env.PM_ZONE_VERDICT_FILE, 'timed-out', { flag: 'r+' }); process.exit(3);\n", /PM Zone: commit blocked: the review did not finish in time/],
    ['fails with an internal error that exits 3', "console.error('pm-zone: internal error: cannot read the index'); process.exit(3);\n", /pm-zone: internal error: cannot read the index\n(?:.*\n)*PM Zone: commit blocked: the review failed \(exit status 3, an error, not the time limit: the lines above say why\)/],
    ['stops with an error (exit 2)', "console.error('pm-zone: internal error: boom'); process.exit(2);\n", /PM Zone: commit blocked: the review stopped with an error \(the line above says which\)/],
    ['crashes before it can answer (exit 1, no verdict)', "throw new Error('Cannot find module ./core.js');\n", /PM Zone: commit blocked: the review crashed \(exit status 1, with no verdict\)/],
    ['is killed (a signal)', "process.kill(process.pid, 'SIGKILL');\n", /PM Zone: commit blocked: the review was killed \(signal 9\)/],
  ] as const) {
    it(`a review that ${what} blocks the commit and says which it was, never "fix the blockers"`, async () => {
      const repo = await stagedRepo(ZONE);
      await installPreCommitHook(repo.git, await fakeReview(repo, body));
      const result = await commit(repo);
      assert.equal(result.committed, false, result.output);
      assert.match(result.output, said);
      assert.match(result.output, NOT_CHECKED);
      assert.doesNotMatch(result.output, /fix the blockers/);
    });
  }

  it('exit 1 is "fix the blockers" only when the review wrote its verdict', async () => {
    const repo = await stagedRepo(ZONE);
    const body = "require('node:fs').writeFileSync(process.env.PM_ZONE_VERDICT_FILE, 'blocked', { flag: 'r+' }); process.exit(1);\n";
    await installPreCommitHook(repo.git, await fakeReview(repo, body));
    const result = await commit(repo);
    assert.equal(result.committed, false);
    assert.match(result.output, /PM Zone: commit blocked by the PM PR Review: fix the blockers above, save, stage the fixes\n/);
  });
  // That the real review exits 3 when --time-limit runs out: test/bundle/faults/hooks.test.ts, through the built program.
});

describe('faults: the time limit is kept by a process the review cannot hold up', function () {
  this.timeout(cpuBound(60_000));

  it('a review stuck in synchronous work is stopped at the limit, with exit 3', async () => {
    const repo = await stagedRepo({ 'CLAUDE.md': '## PM zone\n### PMs may edit\n- `**/*.txt`\n' });
    let stderr = '';
    const verdict = path.join(await tempDir('verdict'), 'verdict');
    await fs.writeFile(verdict, '');
    const io = { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) }, cwd: repo.root, env: { ...isolatedGitEnv, [VERDICT_FILE_VARIABLE]: verdict } };
    // The review as a program that never yields: only a process apart can stop it.
    const code = await runWithTimeLimit(['review', '--staged', '--time-limit', '1'], 1, io, { command: process.execPath, args: ['-e', 'for (;;) {}', '--'] });
    assert.equal(code, REVIEW_TIMED_OUT, stderr);
    assert.equal(TIMED_OUT, REVIEW_TIMED_OUT, 'the watching process, which loads no core, exits as the core says');
    assert.deepEqual([VERDICT_FILE, TIMED_OUT_WORD], [VERDICT_FILE_VARIABLE, TIMED_OUT_VERDICT], 'and writes the verdict the hook reads');
    assert.match(stderr, /did not finish within 1 s, so it was stopped \(exit 3\)/);
    assert.equal(await fs.readFile(verdict, 'utf8'), TIMED_OUT_VERDICT, 'the hook reads "out of time" from the verdict, not from the exit status alone');
  });

  it('the command line watches exactly the reviews given a valid --time-limit', () => {
    assert.equal(reviewTimeLimit(['review', '--staged', '--time-limit', '120']), 120);
    assert.equal(reviewTimeLimit(['--cwd', 'repo', 'review', '--time-limit=0.5']), 0.5);
    assert.equal(reviewTimeLimit(['explain', '--time-limit', '5']), undefined);
    assert.equal(reviewTimeLimit(['review', '--time-limit', 'soon']), undefined, 'the review itself says what is wrong with it');
  });
});
