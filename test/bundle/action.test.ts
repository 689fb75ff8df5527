// dist/action.js run the way the GitHub runner runs it: a real checkout in
// GITHUB_WORKSPACE, the pull_request event in GITHUB_EVENT_PATH, the summary
// and output files, GITHUB_API_URL at the local GitHub API server, inputs as
// INPUT_* variables. `npm run test:bundle` builds it first.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { built } from './support/program';
import { join } from 'node:path';
import { createSampleRepo } from '../../scripts/sample-repo.mjs';
import { STICKY_MARKER } from '../../src/core/ci';
import { pullRequestEvent as runnerEvent, runnerEnv, runnerFiles, type PullRequestEventOptions } from '../support/actionRunner';
import { FakeGitHub, githubFailures } from '../support/fakeGitHub';
import { PLANNING_PATH, PLANNING_TEXT } from '../support/finishedPlanning';
import { isolatedGitEnv, runGit, tempDir } from '../unit/helpers/tempRepo';
import { fakeSecrets } from '../unit/review/e2e/fakeSecrets';

const BRANCH = 'alice/confirm-order';

interface Run {
  code: number;
  stdout: string;
  summary: string;
  outputs: Record<string, string>;
}

describe(`the GitHub Action (dist/action.js) on Node ${process.versions.node}`, function () {
  this.timeout(60_000);
  let fake: FakeGitHub;
  let workspace: string;
  let files: string;

  before(async function () {
    fake = await FakeGitHub.start({ login: 'github-actions[bot]' });
  });

  beforeEach(async () => {
    fake.reset();
    fake.addRepo('acme', 'shop', { branches: { [BRANCH]: 2 } });
    fake.addPullRequest('acme', 'shop', { head: BRANCH, author: 'alice' });
    workspace = join(await tempDir('action-workspace'), 'shop');
    createSampleRepo(workspace, { branch: BRANCH, commit: true });
    writeFileSync(join(workspace, PLANNING_PATH), PLANNING_TEXT);
    await git('add', '--', PLANNING_PATH);
    await git('commit', '--quiet', '--no-verify', '-m', 'Checkout: the planning doc');
    files = await tempDir('action-files');
  });

  after(async () => {
    await fake?.close();
  });

  const git = (...args: string[]) => runGit(workspace, args);

  function pullRequestEvent(overrides: Omit<PullRequestEventOptions, 'branch'> = {}): object {
    return runnerEvent({
      branch: BRANCH,
      body: `**Problem:** shoppers hesitate.\n\n## Planning doc\n\n[\`${PLANNING_PATH}\`](https://github.com/acme/shop/blob/${BRANCH}/${PLANNING_PATH})\n\n## AI assistance\n\nNo AI assistance detected or declared.\n`,
      ...overrides,
    });
  }

  /** `event`: the payload, or the file's text as is. */
  async function runAction(event: object | string, inputs: Record<string, string> = {}): Promise<Run> {
    const run = runnerFiles(files, event);
    const env = runnerEnv({ ...isolatedGitEnv, PATH: process.env.PATH }, { workspace, files: run, apiUrl: fake.apiUrl, token: fake.token, inputs });
    const child = spawn(process.execPath, [built('action.js')], { cwd: workspace, env });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const code = await new Promise<number>((resolve) => child.on('close', (exit) => resolve(exit ?? -1)));
    return { code, stdout, summary: readFileSync(run.summaryPath, 'utf8'), outputs: parseOutputs(readFileSync(run.outputPath, 'utf8')) };
  }

  it('passes a pilot PM\'s clean change: summary, outputs, one sticky comment created, then edited in place on the next run', async () => {
    const first = await runAction(pullRequestEvent());
    assert.equal(first.code, 0, first.stdout);
    assert.deepEqual({ result: first.outputs.result, blockers: first.outputs.blockers }, { result: 'passed', blockers: '0' });
    assert.match(first.summary, /^## ✅ PM PR Review/m);
    const comments = fake.comments('acme', 'shop', 1);
    assert.equal(comments.length, 1);
    assert.ok(comments[0]!.body.startsWith(STICKY_MARKER));
    assert.match(comments[0]!.body, /Checklist results[\s\S]*Still manual[\s\S]*Engineering DRI @dana/);
    // GitHub requires nothing on main here: reviewers read that on the pull request, and the job still passes.
    const controlsLine = /^⚠️ \*\*Controls:\*\* the PM PR Review is not a required check on main, so a pull request can merge with it failing; /m;
    assert.match(first.summary, controlsLine);
    assert.match(comments[0]!.body, controlsLine);

    fake.addComment('acme', 'shop', 1, 'Looks good to me.');
    const second = await runAction(pullRequestEvent());
    assert.equal(second.code, 0, second.stdout);
    const after = fake.comments('acme', 'shop', 1);
    assert.equal(after.length, 2, 'a second PM Zone comment was added instead of editing the first');
    assert.equal(after.filter((comment) => comment.body.includes(STICKY_MARKER)).length, 1);
    assert.ok(fake.calls().some((call) => call.startsWith('PATCH /repos/acme/shop/issues/comments/')));
  });

  it('judges a pull request that loosens CLAUDE.md by the base branch\'s CLAUDE.md, and fails the job with annotations on the lines', async () => {
    const claude = join(workspace, 'CLAUDE.md');
    writeFileSync(claude, readFileSync(claude, 'utf8').replace('### PMs may edit\n', '### PMs may edit\n- `src/auth/**`\n'));
    const session = join(workspace, 'src/auth/session.ts');
    writeFileSync(session, `${readFileSync(session, 'utf8')}\n// longer sessions\n`);
    await git('add', '-A');
    await git('commit', '--quiet', '--no-verify', '-m', 'Let PMs edit auth');
    const run = await runAction(pullRequestEvent());
    assert.equal(run.code, 1, run.stdout);
    assert.equal(run.outputs.result, 'failed');
    assert.match(run.stdout, /^::error title=PM PR Review%3A zone\.locked \(blocker\),file=CLAUDE\.md(?:,line=\d+)?::/m);
    assert.match(run.stdout, /^::error title=PM PR Review%3A zone\.locked \(blocker\),file=src\/auth\/session\.ts/m);
    assert.match(run.summary, /^## ❌ PM PR Review/m);
    assert.match(run.summary, /\*\*`src\/auth\/session\.ts`\*\*/);
  });

  // The Action's Git reads its configuration once, so where no attribute file can say, the content decides which files are binary
  // (binaryByContent.ts), as git would; where a folder's attribute file may say, git is asked. UTF-16 with a byte order mark is
  // text to PM Zone and binary to git (its NUL bytes), so only git's own reading calls these flags files binary.
  it('calls a flags file binary as git does: UTF-16 by its NUL bytes, and UTF-8 a folder\'s .gitattributes marks binary', async () => {
    const checkout = join(workspace, 'src/features/checkout/flags.yaml');
    writeFileSync(checkout, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${readFileSync(checkout, 'utf8')}# reworded\n`, 'utf16le')]));
    await git('add', '-A');
    await git('commit', '--quiet', '--no-verify', '-m', 'Checkout: flags saved as UTF-16');
    const binaryLine = (file: string) => new RegExp(`^::error title=PM PR Review%3A flags\\.invalid \\(blocker\\),file=${file.replace(/[./]/g, '\\$&')}::Not a flags file the app can load: git reads it as binary`, 'm');
    const utf16 = await runAction(pullRequestEvent());
    assert.match(utf16.stdout, binaryLine('src/features/checkout/flags.yaml'), utf16.stdout);

    const search = join(workspace, 'src/features/search/flags.yaml');
    writeFileSync(join(workspace, 'src/features/search/.gitattributes'), 'flags.yaml binary\n');
    writeFileSync(search, `${readFileSync(search, 'utf8')}# reworded\n`);
    await git('add', '-A');
    await git('commit', '--quiet', '--no-verify', '-m', 'Search: flags are binary');
    const byAttribute = await runAction(pullRequestEvent());
    assert.match(byAttribute.stdout, binaryLine('src/features/search/flags.yaml'), byAttribute.stdout);
    assert.match(byAttribute.stdout, binaryLine('src/features/checkout/flags.yaml'));
  });

  it('fails a pull request that adds a submodule in a locked folder and tells git to ignore it', async () => {
    writeFileSync(join(workspace, '.gitmodules'), '[submodule "m"]\n\tpath = infra/modules\n\turl = https://example.com/m.git\n\tignore = all\n');
    await git('add', '--', '.gitmodules');
    const commit = (await git('rev-parse', 'HEAD~1')).trim();
    await git('update-index', '--add', '--cacheinfo', `160000,${commit},infra/modules`);
    await git('commit', '--quiet', '--no-verify', '-m', 'Infra modules');
    const run = await runAction(pullRequestEvent());
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stdout, /^::error title=PM PR Review%3A zone\.locked \(blocker\),file=infra\/modules::/m);
    assert.match(run.stdout, /^::error title=PM PR Review%3A zone\.locked \(blocker\),file=\.gitmodules::/m);
  });

  it('passes another author\'s pull request with a one-line notice, and comments nothing', async () => {
    const run = await runAction(pullRequestEvent({ author: 'zoe', labels: [] }));
    assert.equal(run.code, 0, run.stdout);
    assert.equal(run.outputs.result, 'skipped');
    assert.match(run.stdout, /^::notice title=PM PR Review::Not reviewed: @zoe is not a pilot PM of CLAUDE\.md, and the pull request is not labelled pm-authored\.$/m);
    assert.deepEqual(fake.comments('acme', 'shop', 1), []);
  });

  it('reviews a pull request labelled pm-authored whoever opened it', async () => {
    const run = await runAction(pullRequestEvent({ author: 'zoe', labels: ['pm-authored'] }));
    assert.equal(run.outputs.result, 'passed', run.stdout);
  });

  it('keeps the annotations and the summary when the token may not comment (403), and says so', async () => {
    fake.failNext('GET /repos/:o/:r/issues/:n/comments', githubFailures.forbidden());
    const run = await runAction(pullRequestEvent());
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /^::warning title=PM PR Review::Could not comment on the pull request: Your GitHub account has no permission to comment on pull requests in acme\/shop\./m);
    assert.match(run.summary, /PM PR Review/);
    assert.deepEqual(fake.comments('acme', 'shop', 1), []);
    assert.ok(!run.stdout.includes(fake.token), 'the token leaked into the log');
  });

  it('reports what only the server sees: AI co-author trailers without the label, no planning link, a missing pm-authored label', async () => {
    writeFileSync(join(workspace, 'src/features/checkout/i18n/en.json'), readFileSync(join(workspace, 'src/features/checkout/i18n/en.json'), 'utf8').replace('"Confirm order"', '"Confirm my order"'));
    await git('commit', '--quiet', '--no-verify', '-am', 'Checkout: warmer wording\n\nCo-authored-by: Claude <noreply@anthropic.com>');
    const run = await runAction(pullRequestEvent({ labels: [], body: 'A small copy change.' }));
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stdout, /^::error title=PM PR Review%3A ci\.ai-disclosure \(blocker\)::Commits [0-9a-f]{7} name claude as co-author, but the pull request lacks the `ai-assisted` label and an "AI assistance" section/im);
    assert.match(run.stdout, /^::warning title=PM PR Review%3A ci\.planning-link::The pull request description links no PLANNING\.md/m);
    assert.match(run.stdout, /^::warning title=PM PR Review%3A ci\.pm-authored-label::@alice is a pilot PM of CLAUDE\.md: label this pull request `pm-authored`\./m);
  });

  it('fails a pull request whose earlier commit held a token a later commit deleted, names that commit, and prints the token nowhere', async () => {
    const prompt = 'src/features/checkout/prompts/t.md';
    const token = fakeSecrets.githubToken(41);
    mkdirSync(join(workspace, 'src/features/checkout/prompts'), { recursive: true });
    writeFileSync(join(workspace, prompt), `Summarise the order.\nUse ${token}.\n`);
    await git('add', '--', prompt);
    await git('commit', '--quiet', '--no-verify', '-m', 'Checkout: the order summary prompt');
    const commit = (await git('rev-parse', 'HEAD')).trim().slice(0, 7);
    writeFileSync(join(workspace, prompt), 'Summarise the order.\n');
    await git('commit', '--quiet', '--no-verify', '-am', 'Checkout: no key in the prompt');
    const run = await runAction(pullRequestEvent(), { sarif: 'pm-zone.sarif' });
    assert.equal(run.code, 1, run.stdout);
    assert.deepEqual({ result: run.outputs.result, blockers: run.outputs.blockers }, { result: 'failed', blockers: '1' });
    assert.match(run.stdout, new RegExp(`^::error title=PM PR Review%3A security\\.secret \\(blocker\\),file=src/features/checkout/prompts/t\\.md::Possible GitHub token \`ghp_…\\(40\\)\` added in commit ${commit} "Checkout: the order summary prompt" \\(line 2\\) — a later commit removed it, but it stays in the branch's history`, 'm'));
    const sarif = readFileSync(join(workspace, 'pm-zone.sarif'), 'utf8');
    assert.match(sarif, /"ruleId": "security\.secret"/);
    const comment = fake.comments('acme', 'shop', 1)[0]?.body ?? '';
    assert.match(comment, /added in commit/);
    for (const [where, text] of Object.entries({ log: run.stdout, summary: run.summary, sarif, comment })) {
      assert.ok(!text.includes(token.slice(0, -4)), `the token is in the ${where}`);
    }
  });

  it('writes SARIF into the checkout without following a link the pull request committed there', async () => {
    const precious = join(await tempDir('outside'), 'precious.txt');
    writeFileSync(precious, 'keep me\n');
    symlinkSync(precious, join(workspace, 'pm-zone.sarif'));
    await git('add', '--', 'pm-zone.sarif');
    await git('commit', '--quiet', '--no-verify', '-m', 'A link where the SARIF goes');
    await runAction(pullRequestEvent(), { sarif: 'pm-zone.sarif' });
    assert.equal(readFileSync(precious, 'utf8'), 'keep me\n');
    assert.equal(JSON.parse(readFileSync(join(workspace, 'pm-zone.sarif'), 'utf8')).version, '2.1.0');
  });

  /** GitHub's merge queue: the branch with an engineer's change queued ahead (P), then pull request #1 merged on top of it. */
  async function queueWithAhead(): Promise<object> {
    const main = (await git('rev-parse', 'main')).trim();
    await git('checkout', '--quiet', '-b', 'ahead', 'main');
    const session = join(workspace, 'src/auth/session.ts');
    writeFileSync(session, `${readFileSync(session, 'utf8')}\n// an engineer's change, queued first\n`);
    await git('commit', '--quiet', '--no-verify', '-am', 'Auth: shorter sessions');
    const parent = (await git('rev-parse', 'HEAD')).trim();
    const ref = `gh-readonly-queue/main/pr-1-${main}`;
    await git('checkout', '--quiet', '-b', ref);
    await git('merge', '--quiet', '--no-ff', '--no-verify', '-m', 'Merge pull request #1', BRANCH);
    const head = (await git('rev-parse', 'HEAD')).trim();
    const pull = fake.pull('acme', 'shop', 1)!;
    Object.assign(pull, { labels: ['pm-authored'], body: (pullRequestEvent() as { pull_request: { body: string } }).pull_request.body });
    return { action: 'checks_requested', merge_group: { head_sha: head, head_ref: `refs/heads/${ref}`, base_sha: parent, base_ref: 'refs/heads/main', head_commit: { id: head, message: 'Merge pull request #1' } }, repository: { full_name: 'acme/shop' } };
  }

  it('runs in the merge queue: judges the queued pull request as its own change, not the entries ahead of it, and comments nothing', async () => {
    const run = await runAction(await queueWithAhead());
    assert.equal(run.code, 0, run.stdout);
    assert.equal(run.outputs.result, 'passed');
    assert.match(run.stdout, /Merge queue: judging pull request #1 as queued, [0-9a-f]{7}\.\.[0-9a-f]{7}\./);
    assert.ok(fake.calls().includes('GET /repos/acme/shop/pulls/1'));
    assert.deepEqual(fake.comments('acme', 'shop', 1), []);
  });

  it('fails in the merge queue what it would fail on the pull request: a locked file the queued change itself adds', async () => {
    writeFileSync(join(workspace, 'src/auth/remember-me.ts'), 'export const rememberMe = true;\n');
    await git('add', '--', 'src/auth/remember-me.ts');
    await git('commit', '--quiet', '--no-verify', '-m', 'Checkout: and remember me');
    const run = await runAction(await queueWithAhead());
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stdout, /^::error title=PM PR Review%3A zone\.locked \(blocker\),file=src\/auth\/remember-me\.ts/m);
    assert.doesNotMatch(run.stdout, /file=src\/auth\/session\.ts/, 'the entry ahead is not this pull request\'s');
  });

  it('refuses a merge group that names no pull request, in one line', async () => {
    const run = await runAction({ action: 'checks_requested', merge_group: { head_ref: 'refs/heads/elsewhere', head_sha: 'a', base_sha: 'b', base_ref: 'refs/heads/main' }, repository: { full_name: 'acme/shop' } });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^::error::PM PR Review could not run: The merge group refs\/heads\/elsewhere does not name its pull request/m);
  });

  it('says in one line when the event file is not JSON', async () => {
    const broken = await runAction('{"pull_request": ');
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, /^::error::PM PR Review could not run: the event file .*event\.json could not be read as JSON \(/m);
  });

  it('refuses an event without a pull request in one line', async () => {
    const run = await runAction({ action: 'push', ref: 'refs/heads/main' });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^::error::PM PR Review could not run: This event has no pull request/m);
  });
});

/** The GITHUB_OUTPUT file: `name<<DELIMITER`, the value's lines, `DELIMITER`. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const heredoc = /^([^<]+)<<(.+)$/.exec(lines[index]!);
    if (!heredoc) continue;
    const end = lines.indexOf(heredoc[2]!, index + 1);
    outputs[heredoc[1]!] = lines.slice(index + 1, end).join('\n');
    index = end;
  }
  return outputs;
}
