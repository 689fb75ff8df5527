// `pm-zone init`, the engineer's first hour, in real repositories: the
// sample shop before its PM zone was written, and the shapes real projects
// take (a pnpm workspace with husky, Yarn 2, lefthook, the pre-commit
// framework, an AGENTS.md, a .gitignore that drops .claude/ and .cursor/).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { parse as parseYaml } from 'yaml';
import { runCli } from '../../../src/cli/run';
import { cli, isolateGitConfig, parsed } from './support/cli';
import { commitAll, git, readFile, sampleRepo, writeFiles } from './support/sampleRepo';
import { cpuBound } from '../helpers/cpuBound';
import { tempDir } from '../helpers/tempRepo';

/** The sample shop as it was before the pilot: CLAUDE.md without its PM zone, CODEOWNERS leaving auth/ and the audit trail unowned. */
async function shopWithoutZone(): Promise<string> {
  const root = await sampleRepo({ unenforced: true });
  const claude = await readFile(root, 'CLAUDE.md');
  const codeowners = (await readFile(root, '.github/CODEOWNERS')).replace(/^auth\/.*\n/m, '');
  await commitAll(root, 'Before the pilot', { 'CLAUDE.md': claude.slice(0, claude.indexOf('## PM zone')), '.github/CODEOWNERS': codeowners });
  await git(root, 'config', 'user.email', 'dana@acme.test');
  return root;
}

const PILOT = ['--pilot', '@alice,src/features/checkout,alice@acme.test'];

/** The project lists PM Zone as a devDependency, as the committed hook line needs (every clone then has it). */
async function listPmZone(root: string): Promise<void> {
  const manifest = JSON.parse(await readFile(root, 'package.json'));
  await commitAll(root, 'PM Zone', { 'package.json': `${JSON.stringify({ ...manifest, devDependencies: { ...manifest.devDependencies, 'pm-zone': '^1.0.0' } }, null, 2)}\n` });
}

interface CheckJson {
  problems: { severity: string; kind: string; file: string; message: string }[];
}

async function checkConfig(root: string): Promise<CheckJson & { code: number }> {
  const run = await cli(['check-config', '--json', '--cwd', root]);
  return { ...parsed<CheckJson>(run), code: run.code };
}

describe('pm-zone init', function () {
  this.timeout(cpuBound(60_000));
  isolateGitConfig();

  it('drafts the section and the CODEOWNERS lines with which check-config reports no error and no unenforced glob', async () => {
    const root = await shopWithoutZone();
    const before = await checkConfig(root);
    assert.equal(before.problems.length, 0, 'no zone: nothing to say yet');
    const codeownersBefore = await readFile(root, '.github/CODEOWNERS');
    const claudeBefore = await readFile(root, 'CLAUDE.md');

    const run = await cli(['init', '--yes', ...PILOT, '--cwd', root]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /check-config: no errors, no unenforced glob\./);

    const claude = await readFile(root, 'CLAUDE.md');
    assert.ok(claude.startsWith(claudeBefore.trimEnd()), 'what CLAUDE.md said stays first');
    assert.match(claude, /## PM zone\nMode: standard\n/);
    assert.match(claude, /- `\*\*\/i18n\/\*\.json` \(user-facing strings\)/);
    for (const glob of ['**/auth/**', '**/payments/**', '**/migrations/**', '**/infra/**', '**/audit/**', '.github/workflows/**', 'CLAUDE.md', '.github/CODEOWNERS']) assert.ok(claude.includes(`- \`${glob}\``), glob);
    assert.match(claude, /\| @alice \| `src\/features\/checkout\/\*\*` \| @dana \| alice@acme\.test \|/, 'the DRI is the feature folder\'s owner in CODEOWNERS');

    const codeowners = await readFile(root, '.github/CODEOWNERS');
    // Above the first rule: every owner the file already named stays the owner of what it owned.
    const rules = (text: string) => text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    const added = rules(codeowners).slice(0, rules(codeowners).length - rules(codeownersBefore).length);
    assert.deepEqual(rules(codeowners).slice(added.length), rules(codeownersBefore));
    assert.deepEqual(added, ['**/audit/** @acme/platform', '**/auth/** @acme/platform']);

    const after = await checkConfig(root);
    assert.equal(after.code, 0);
    assert.deepEqual(after.problems.filter((problem) => problem.severity === 'error' || problem.kind === 'unenforced').map((problem) => problem.message), []);
  });

  it('never overwrites an existing section, and says so', async () => {
    const root = await shopWithoutZone();
    assert.equal((await cli(['init', '--yes', ...PILOT, '--cwd', root])).code, 0);
    const claude = await readFile(root, 'CLAUDE.md');
    const codeowners = await readFile(root, '.github/CODEOWNERS');
    const again = await cli(['init', '--yes', '--pilot', '@bob,src/features/search,bob@acme.test', '--cwd', root]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /CLAUDE\.md already has a ## PM zone section \(line \d+\): init never overwrites it/);
    assert.match(again.stdout, /\.github\/CODEOWNERS already gives every engineering-only glob an owner\./);
    assert.equal(await readFile(root, 'CLAUDE.md'), claude);
    assert.equal(await readFile(root, '.github/CODEOWNERS'), codeowners);
  });

  it('--dry-run shows the section and what check-config would say, and writes nothing', async () => {
    const root = await shopWithoutZone();
    const run = await cli(['init', '--dry-run', ...PILOT, '--cwd', root]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /\| ## PM zone\n/);
    assert.match(run.stdout, /check-config, once written: no errors, no unenforced glob\./);
    assert.equal((await git(root, 'status', '--porcelain')).trim(), '');
    const json = JSON.parse((await cli(['init', '--dry-run', '--json', ...PILOT, '--cwd', root])).stdout);
    assert.equal(json.dryRun, true);
    assert.deepEqual(json.steps.filter((step: { planned: boolean }) => step.planned).map((step: { id: string }) => step.id), ['section', 'codeowners']);
    assert.equal(json.check.unenforced, 0);
  });

  it('reads --owner as CODEOWNERS reads owners, in the repository\'s flavour: a nested GitLab group there, never a bare word', async () => {
    const root = await shopWithoutZone();
    const bare = await cli(['init', '--yes', '--owner', 'platform', ...PILOT, '--cwd', root]);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /--owner takes @user, @org\/team or an e-mail, not 'platform'/);
    assert.equal((await cli(['init', '--yes', '--owner', '@acme/web/platform', ...PILOT, '--cwd', root])).code, 2, 'GitHub has no nested teams');
    const gitlab = await cli(['init', '--dry-run', '--codeowners-flavor', 'gitlab', '--owner', '@acme/web/platform', ...PILOT, '--cwd', root]);
    assert.equal(gitlab.code, 0, gitlab.stderr);
    assert.equal((await git(root, 'status', '--porcelain')).trim(), '');
  });

  it("is an engineer's act: a pilot PM is told so and nothing is written", async () => {
    const root = await sampleRepo();
    await git(root, 'config', 'user.email', 'alice@acme.test');
    const run = await cli(['init', '--yes', '--cwd', root]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /You are @alice: .*Setting PM Zone up is an engineer's act/);
    assert.equal((await git(root, 'status', '--porcelain')).trim(), '');
  });

  it('in a pnpm workspace with husky, the hook line goes into .husky/pre-commit as pnpm exec pm-zone …', async () => {
    const root = await shopWithoutZone();
    await commitAll(root, 'pnpm and husky', { 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n", 'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n", '.husky/pre-commit': 'pnpm lint-staged\n' });
    await git(root, 'config', 'core.hooksPath', '.husky/_');
    const run = await cli(['init', '--yes', '--hook', '--agents', ...PILOT, '--cwd', root]);
    assert.equal(run.code, 0, run.stderr);
    // Not listed yet: a committed line would stop every engineer's commit, so none is written, and init says why.
    assert.equal(await readFile(root, '.husky/pre-commit'), 'pnpm lint-staged\n');
    assert.match(run.stdout, /Commits nothing yet: the committed line runs the project's own PM Zone, which package\.json does not list, so it would stop every engineer's commit\. Add it \(pnpm add -D -w pm-zone\), then run pm-zone init --hook again\./);
    // husky runs the hooks: no native hook is promised for this clone (husky would refuse it), and none is written.
    assert.match(run.stdout, /Installs no hook in this clone: husky runs this repository's hooks, so the review goes in \.husky\/pre-commit\./);
    assert.doesNotMatch(run.stdout, /Installs the native pre-commit hook|not installed/);
    await listPmZone(root);
    assert.equal((await cli(['init', '--yes', '--hook', '--cwd', root])).code, 0);
    assert.equal(await readFile(root, '.husky/pre-commit'), 'pnpm lint-staged\npnpm exec pm-zone review --staged --time-limit 120\n');
    // The agents' launcher says the same words when PM Zone is missing: it reads the repository's manager when it runs.
    // Its once-per-session marker goes into this repository's git folder (TMPDIR), not the machine's.
    const payload = JSON.stringify({ session_id: `init-${path.basename(root)}`, tool_name: 'Write', tool_input: {} });
    const said = spawnSync(process.execPath, [path.join(root, '.pmzone', 'guard.cjs'), '--agent', 'claude'], { input: payload, env: { PATH: path.dirname(process.execPath), HOME: path.join(root, 'no-home'), TMPDIR: path.join(root, '.git') }, encoding: 'utf8' });
    assert.match(said.stderr, /run `pnpm install` \(the repository lists pm-zone as a devDependency\) or `pnpm add -D -w pm-zone`/);
    assert.match(run.stdout, /Add PM Zone to the project, so every clone and CI run the same version: pnpm add -D -w pm-zone/);
    // Again: the line is there once.
    assert.match((await cli(['init', '--yes', '--hook', '--cwd', root])).stdout, /\.husky\/pre-commit already runs PM Zone's review\./);
  });

  it("its summary warns, in check-config's words, when no install wires the hook manager its line goes into, and not once one does", async () => {
    const root = await shopWithoutZone();
    const manifest = JSON.parse(await readFile(root, 'package.json'));
    await commitAll(root, 'husky, wired by hand', {
      '.husky/pre-commit': 'npm run lint\n',
      'package.json': `${JSON.stringify({ ...manifest, scripts: { 'hooks:install': 'husky install' }, devDependencies: { husky: '^8.0.3', 'pm-zone': '^1.0.0' } }, null, 2)}\n`,
    });
    const run = await cli(['init', '--yes', '--hook', '--json', ...PILOT, '--cwd', root]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const said = parsed<{ check: CheckJson }>(run).check.problems.filter((problem) => problem.kind === 'hook-not-wired');
    const checked = (await checkConfig(root)).problems.filter((problem) => problem.kind === 'hook-not-wired');
    assert.equal(said.length, 1, JSON.stringify(said));
    assert.deepEqual(said, checked.map(({ severity, kind, file, message }) => ({ file, line: 1, severity, kind, message })), 'the same warning as check-config');
    assert.match(said[0].message, /run only after someone runs `npm run hooks:install`\. Add to package\.json's scripts: "prepare": "npm run hooks:install"$/);
    const text = await cli(['init', '--yes', '--hook', '--cwd', root]);
    assert.match(text.stdout, /check-config: no errors, no unenforced glob\.\n.*package\.json.*warning.*npm run hooks:install/s);

    await commitAll(root, 'wired on install', { 'package.json': `${JSON.stringify({ ...manifest, scripts: { prepare: 'npm run hooks:install', 'hooks:install': 'husky install' }, devDependencies: { husky: '^8.0.3', 'pm-zone': '^1.0.0' } }, null, 2)}\n` });
    const wired = await cli(['init', '--yes', '--hook', '--json', '--cwd', root]);
    assert.deepEqual(parsed<{ check: CheckJson }>(wired).check.problems.filter((problem) => problem.kind === 'hook-not-wired'), []);
  });

  it('says in one line, with what to do, when the native hook it was asked for is refused, and does not count the step done', async () => {
    const root = await shopWithoutZone();
    const shared = await tempDir('shared-hooks');
    await git(root, 'config', 'core.hooksPath', shared);
    const run = await cli(['init', '--yes', '--hook', ...PILOT, '--cwd', root]);
    assert.equal(run.code, 0, run.stderr);
    const said = run.stdout.split('\n').filter((line) => line.startsWith('The pre-commit hook was not installed'));
    assert.equal(said.length, 1, run.stdout);
    assert.match(said[0], /^The pre-commit hook was not installed in this clone: core\.hooksPath points to .*, outside this repository .* Unset core\.hooksPath for this repository, or add the hook there by hand\.$/);
    const json = parsed<{ steps: { id: string; done: boolean }[]; notDone: { step: string; message: string }[] }>(await cli(['init', '--yes', '--hook', '--json', '--cwd', root]));
    assert.equal(json.steps.find((step) => step.id === 'hook')?.done, false);
    assert.deepEqual(json.notDone.map((entry) => entry.step), ['hook']);
  });

  it("with no hook manager, package.json's install script installs the hook in every clone (Yarn 2: postinstall), and this clone gets it now", async () => {
    const root = await shopWithoutZone();
    await listPmZone(root);
    const run = await cli(['init', '--yes', '--hook', ...PILOT, '--cwd', root]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(await readFile(root, 'package.json')).scripts.prepare, 'pm-zone hook install --prepare');
    assert.match(await readFile(root, '.git/hooks/pre-commit'), /pm-zone: managed pre-commit hook/);

    const berry = await shopWithoutZone();
    await commitAll(berry, 'Yarn 2', { 'yarn.lock': '__metadata:\n  version: 8\n', '.yarnrc.yml': 'nodeLinker: pnp\n' });
    await listPmZone(berry);
    assert.equal((await cli(['init', '--yes', '--hook', '--cwd', berry])).code, 0);
    const manifest = JSON.parse(await readFile(berry, 'package.json'));
    assert.equal(manifest.scripts.postinstall, 'pm-zone hook install --prepare');
    assert.equal(manifest.scripts.prepare, undefined);
  });

  it("an agent's settings file that does not parse leaves the guard's step undone, with the reason, and the other steps go on", async () => {
    const root = await shopWithoutZone();
    await commitAll(root, 'an empty gemini settings file', { '.gemini/settings.json': '' });
    const run = await cli(['init', '--yes', '--agents', '--cwd', root]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Not possible yet: \.gemini\/settings\.json is not valid JSON/);
    assert.match(await readFile(root, 'CLAUDE.md'), /## PM zone/);
    assert.equal(await readFile(root, '.gemini/settings.json'), '');
  });

  it('lefthook and the pre-commit framework get their entry in their own YAML, comments kept', async () => {
    const root = await shopWithoutZone();
    await listPmZone(root);
    await commitAll(root, 'lefthook', { 'lefthook.yml': '# the team\'s hooks\npre-commit:\n  commands:\n    lint:\n      run: npm run lint\n' });
    assert.equal((await cli(['init', '--yes', '--hook', '--cwd', root])).code, 0);
    const lefthook = await readFile(root, 'lefthook.yml');
    assert.ok(lefthook.startsWith("# the team's hooks\n"));
    assert.deepEqual(parseYaml(lefthook)['pre-commit'].commands, { lint: { run: 'npm run lint' }, 'pm-zone': { run: 'npx --no-install pm-zone review --staged --time-limit 120' } });

    const framework = await shopWithoutZone();
    await listPmZone(framework);
    await commitAll(framework, 'pre-commit', { '.pre-commit-config.yaml': 'repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v5.0.0\n    hooks:\n      - id: trailing-whitespace\n' });
    assert.equal((await cli(['init', '--yes', '--hook', '--cwd', framework])).code, 0);
    const repos = parseYaml(await readFile(framework, '.pre-commit-config.yaml')).repos;
    assert.equal(repos.length, 2);
    assert.deepEqual(repos[1], { repo: 'local', hooks: [{ id: 'pm-zone', name: 'PM PR Review', entry: 'npx --no-install pm-zone review --staged --time-limit 120', language: 'system', pass_filenames: false, always_run: true }] });
  });

  it('a repository that keeps AGENTS.md gets the zone there, and every command then reads it there with no flag: explain, check-config, the hook\'s review', async () => {
    const root = await shopWithoutZone();
    await git(root, 'mv', 'CLAUDE.md', 'AGENTS.md');
    await commitAll(root, 'Codex reads AGENTS.md');
    await listPmZone(root);
    const run = await cli(['init', '--yes', '--hook', '--gate', ...PILOT, '--cwd', root]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /agent instructions: AGENTS\.md; the zone goes in AGENTS\.md/);
    assert.match(await readFile(root, 'AGENTS.md'), /## PM zone/);
    assert.equal(JSON.parse(await readFile(root, 'package.json')).scripts.prepare, 'pm-zone hook install --prepare');
    // Nothing names the file: every surface finds the zone where init put it.
    assert.match(await readFile(root, '.git/hooks/pre-commit'), /'review' '--staged'/);
    assert.doesNotMatch(await readFile(root, '.git/hooks/pre-commit'), /policy-file/);
    assert.doesNotMatch(await readFile(root, '.github/workflows/pm-zone-review.yml'), /policy-file/);
    await commitAll(root, 'PM Zone');
    const explain = parsed<{ path: string; zone: string; reasons: { source: string }[] }[]>(await cli(['explain', '--json', 'auth/session.ts', 'src/features/checkout/i18n/en.json', '--cwd', root]));
    assert.deepEqual(explain.map((answer) => answer.zone), ['locked', 'editable']);
    assert.equal(explain[0].reasons[0].source, 'AGENTS.md');
    assert.equal((await checkConfig(root)).problems.filter((problem) => problem.severity === 'error').length, 0);
    // The pilot's commit of a locked file, reviewed as the hook runs it.
    await git(root, 'config', 'user.email', 'alice@acme.test');
    await writeFiles(root, { 'auth/session.ts': 'export const session = 1;\n' });
    await git(root, 'add', 'auth/session.ts');
    const review = await cli(['review', '--staged', '--time-limit', '120', '--cwd', root]);
    assert.equal(review.code, 1, review.stdout + review.stderr);
    assert.match(review.stdout, /auth\/session\.ts/);
    assert.doesNotMatch(review.stdout + review.stderr, /No PM zone|CLAUDE\.md/);
  });

  it("a develop-default repository cloned without origin/HEAD: the hook's review finds the branch's PLANNING.md on the pilot's second commit, as review does", async () => {
    const root = await shopWithoutZone();
    await git(root, 'branch', '-m', 'main', 'develop');
    // A stale main beside develop, from before PM Zone: only the remote can say which is the default.
    await git(root, 'branch', 'main');
    assert.equal((await cli(['init', '--yes', ...PILOT, '--cwd', root])).code, 0);
    await commitAll(root, 'PM Zone');
    const clone = path.join(await tempDir('develop-clone'), 'shop');
    await git(root, 'clone', '--quiet', root, clone);
    await git(clone, 'remote', 'set-head', 'origin', '-d');
    await git(clone, 'config', 'user.email', 'alice@acme.test');
    await git(clone, 'branch', '--quiet', 'main', 'origin/main');
    const explain = parsed<{ zone: string }[]>(await cli(['explain', '--json', 'auth/session.ts', '--cwd', clone]));
    assert.deepEqual(explain.map((answer) => answer.zone), ['locked']);
    const strings = 'src/features/checkout/i18n/en.json';
    await writeFiles(clone, { [strings]: (await readFile(clone, strings)).replace('"Place order"', '"Confirm order"') });
    const start = await cli(['start', 'Clearer order button', '--cwd', clone]);
    assert.equal(start.code, 0, start.stdout + start.stderr);
    assert.match(start.stdout, /from develop/);
    await git(clone, 'add', '--all');
    const first = await cli(['review', '--staged', '--time-limit', '120', '--cwd', clone]);
    assert.equal(first.code, 0, first.stdout + first.stderr);
    await git(clone, 'commit', '--quiet', '-m', 'Clearer order button');
    await writeFiles(clone, { [strings]: (await readFile(clone, strings)).replace('"Confirm order"', '"Confirm your order"') });
    await git(clone, 'add', strings);
    const second = await cli(['review', '--staged', '--time-limit', '120', '--cwd', clone]);
    assert.equal(second.code, 0, second.stdout + second.stderr);
    assert.doesNotMatch(second.stdout, /No PLANNING\.md/);
    const branch = await cli(['review', '--json', '--cwd', clone]);
    assert.equal(branch.code, 0, branch.stdout + branch.stderr);
  });

  it('with .claude/ and .cursor/ ignored, names the files git leaves out and the .gitignore lines, exits 1; agents check says so too; --unignore adds them', async () => {
    const root = await shopWithoutZone();
    await commitAll(root, 'Machine-local agent settings', { '.gitignore': `${await readFile(root, '.gitignore')}.claude/\n.cursor/\n` });
    const run = await cli(['init', '--yes', '--agents', ...PILOT, '--cwd', root]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /git ignores 2 files PM Zone wrote for every clone, so `git add` leaves them out and other clones never get them: \.claude\/settings\.json \(\.gitignore:\d+: \.claude\/\), \.cursor\/hooks\.json \(\.gitignore:\d+: \.cursor\/\)\.\nAdd to the end of \.gitignore:\n!\/\.claude\/\n\/\.claude\/\*\n!\/\.claude\/settings\.json\n!\/\.cursor\/\n\/\.cursor\/\*\n!\/\.cursor\/hooks\.json\n/);

    // Each agent's decision runs the launcher, which finds no package here: its once-per-session markers go into the git folder, not the machine's.
    const agents = await cli(['agents', 'check', '--cwd', root], { env: { ...process.env, TMPDIR: path.join(root, '.git') } });
    assert.equal(agents.code, 1);
    assert.match(agents.stdout, /git ignores \.claude\/settings\.json \(\.gitignore:\d+: \.claude\/\), so the coding agents' guard never reaches another clone: add to the end of \.gitignore: !\/\.claude\/ \/\.claude\/\* !\/\.claude\/settings\.json/);
    const config = await checkConfig(root);
    assert.equal(config.code, 1);
    assert.deepEqual(config.problems.filter((problem) => problem.kind === 'ignored-guard-file').map((problem) => problem.file), ['.claude/settings.json', '.cursor/hooks.json']);

    const fixed = await cli(['agents', 'init', '--unignore', '--cwd', root]);
    assert.equal(fixed.code, 0, fixed.stderr);
    await git(root, 'add', '--all');
    const staged = (await git(root, 'diff', '--cached', '--name-only')).split('\n');
    for (const file of ['.pmzone/guard.cjs', '.claude/settings.json', '.github/hooks/pm-zone.json', '.cursor/hooks.json', '.gemini/settings.json']) assert.ok(staged.includes(file), `${file} is not staged`);
  });

  it('asks before each step on a terminal: the pilots, then yes or no per step', async () => {
    const root = await shopWithoutZone();
    const answers = ['@alice src/features/checkout alice@acme.test', '', 'y', 'n', 'n', 'n', 'n', ''].join('\n');
    let stdout = '';
    const stdin = Object.assign(Readable.from([Buffer.from(`${answers}\n`)]), { isTTY: true });
    const code = await runCli(['init', '--cwd', root], { stdout: { write: (text: string) => (stdout += text), isTTY: true }, stderr: { write: () => true }, cwd: root, env: { ...process.env, NO_COLOR: '1' }, stdin });
    assert.equal(code, 0, stdout);
    assert.match(stdout, /Pilot PMs: one a line, "@handle folder e-mail" \(feature folders found: src\/features\/checkout, src\/features\/search\)/);
    assert.match(stdout, /1\. Add the ## PM zone section to CLAUDE\.md\?[\s\S]*\| \| @alice \| `src\/features\/checkout\/\*\*` \|[\s\S]*\[Y\/n\]/);
    assert.match(stdout, /2\. Add the CODEOWNERS lines[\s\S]*\[Y\/n\] +Not done\./);
    assert.ok(stdout.indexOf('PM Zone init: what this repository holds') < stdout.indexOf('Pilot PMs: one a line'), 'the feature folders are shown before the pilots are asked');
    assert.match(await readFile(root, 'CLAUDE.md'), /## PM zone/);
    assert.doesNotMatch(await readFile(root, '.github/CODEOWNERS'), /\*\*\/auth\/\*\*/, 'the CODEOWNERS step was answered no');
    assert.match(stdout, /check-config: no errors, 2 unenforced globs\./);
  });

  it('check-config prints, offline, the CODEOWNERS lines that enforce each unenforced glob, and they do', async () => {
    const root = await sampleRepo({ unenforced: true });
    await git(root, 'config', 'user.email', 'dana@acme.test');
    const run = await cli(['check-config', '--cwd', root]);
    assert.match(run.stdout, /warning +unenforced +`\*\*\/audit\/\*\*` is engineering-only/);
    assert.match(run.stdout, /The CODEOWNERS lines that give it an owner, for the top of \.github\/CODEOWNERS \(above its rules: the last matching rule wins, so no existing owner changes; pm-zone init writes them\):\n\*\*\/audit\/\*\* @acme\/platform {4}# the owners of the most rules: check them\n$/);
    const json = JSON.parse((await cli(['check-config', '--json', '--cwd', root])).stdout);
    assert.deepEqual(json.codeowners, { file: '.github/CODEOWNERS', lines: ['**/audit/** @acme/platform'] });
    // The same lines, written by init: nothing unenforced is left.
    assert.equal((await cli(['init', '--yes', '--cwd', root])).code, 0);
    const after = JSON.parse((await cli(['check-config', '--json', '--cwd', root])).stdout);
    assert.equal(after.codeowners, null);
    assert.deepEqual(after.problems.filter((problem: { kind: string }) => problem.kind === 'unenforced'), []);
  });

  it("ci init run by a pilot PM where the gate's workflow is committed: nothing to ask engineering for", async () => {
    const root = await sampleRepo();
    await git(root, 'config', 'user.email', 'dana@acme.test');
    assert.equal((await cli(['ci', 'init', '--cwd', root])).code, 0);
    const asPm = await cli(['ci', 'init', '--as', '@alice', '--cwd', root]);
    assert.equal(asPm.code, 1, 'written, not committed yet: still the request');
    assert.match(asPm.stdout, /Could you add PM Zone's review gate/);
    await commitAll(root, 'The gate');
    const committed = await cli(['ci', 'init', '--as', '@alice', '--cwd', root]);
    assert.equal(committed.code, 0, committed.stderr);
    assert.equal(committed.stdout, 'The CI gate is already committed (.github/workflows/pm-zone-review.yml): there is nothing to ask engineering to add. Whether GitHub requires it on the default branch, `npx --no-install pm-zone controls` says.\n');
  });
});
