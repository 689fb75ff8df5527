import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { Git } from '../../src/core/git';
import { draftFilePath, gatherPullRequest } from '../../src/core/pr';
import { runCli } from '../../src/cli/run';
import { editorFiles } from '../../src/vscode/editorFiles';
import type { OpenPullRequestArgs, PullRequestResult } from '../../src/vscode/pullRequest';
import { parseDraft, type PullRequestDraft } from '../../src/core/pr';
import { FakeGitHub, githubFailures } from '../support/fakeGitHub';
import { PROVIDER, setUserSetting, signInToLocalGitHub } from './githubSignIn';
import { answeringQuickInput, closeAllEditors, fileUri, pmZone, replaceText, requestScreenshot, resetWorkspace, until, workspaceGit, workspaceRoot } from './support';
import { PLANNING_PATH, PLANNING_TEXT, PLANNING_TITLE } from '../support/finishedPlanning';

// "Open pull request" and "Send pull request" in the real host, against a
// local server that speaks GitHub Enterprise's REST API (/api/v3). A test
// authentication provider stands in for the user's signed-in
// `github-enterprise` session; the extension asks VS Code for it through the
// real vscode.authentication API. origin keeps naming acme/shop for its fetch
// URL, and pushes go to a bare repository on disk.

const BRANCH = 'alice/pr-test';
const PLANNING = PLANNING_PATH;
const COPY = 'src/features/checkout/i18n/en.json';
const FRENCH = 'src/features/checkout/i18n/fr.json';
const LOCKED = 'src/auth/session.ts';
const OUTSIDE = 'src/features/checkout/api.ts';
const TITLE = PLANNING_TITLE;


function path(relPath: string): string {
  return fileUri(relPath).fsPath;
}

function edit(relPath: string, before: string, after: string): void {
  const text = readFileSync(path(relPath), 'utf8');
  assert.ok(text.includes(before), `${relPath} does not hold ${before}`);
  writeFileSync(path(relPath), text.replace(before, after));
}

function restore(...relPaths: string[]): void {
  workspaceGit('reset', '--quiet', '--', ...relPaths);
  workspaceGit('checkout', '--quiet', '--', ...relPaths);
}

/** Opens the pull request with the given answers; the optional energy question is skipped unless answered or `energy: undefined` asks for it. */
async function openPullRequest(args: OpenPullRequestArgs): Promise<PullRequestResult> {
  const result = await vscode.commands.executeCommand<PullRequestResult>('pmZone.openPullRequest', { repository: workspaceRoot(), ...('energy' in args ? {} : { energy: null }), ...args });
  assert.ok(result, 'Open pull request returned nothing');
  return result;
}

async function send(options: { uri?: vscode.Uri; ready?: boolean; compare?: boolean } = {}): Promise<PullRequestResult> {
  const result = await vscode.commands.executeCommand<PullRequestResult>('pmZone.sendPullRequest', options);
  assert.ok(result, 'Send pull request returned nothing');
  return result;
}

function draftOn(uri: vscode.Uri | undefined): { text: string; draft: PullRequestDraft } {
  assert.ok(uri, 'the result names no PULL_REQUEST.md');
  const text = readFileSync(uri.fsPath, 'utf8');
  const reading = parseDraft(text);
  assert.ok(reading.ok, `PULL_REQUEST.md does not parse: ${JSON.stringify(reading)}`);
  return { text, draft: reading.draft };
}

describe('Open pull request', function () {
  this.timeout(60_000);
  let fake: FakeGitHub;
  let signOut: (() => Promise<void>) | undefined;
  let bare: string;

  before(async () => {
    const api = await pmZone();
    await api.repositories.whenIdle();
    fake = await FakeGitHub.start({ pathPrefix: '/api/v3', login: 'alice' });
    signOut = await signInToLocalGitHub(fake);

    bare = mkdtempSync(join(tmpdir(), 'pm-zone-origin-'));
    execFileSync('git', ['init', '--quiet', '--bare', bare]);
    workspaceGit('remote', 'set-url', '--push', 'origin', bare);
    workspaceGit('checkout', '--quiet', '-b', BRANCH);
    writeFileSync(path(PLANNING), PLANNING_TEXT);
    edit(COPY, '"placeOrder": "Place order"', '"placeOrder": "Confirm order"');
    workspaceGit('add', '--', PLANNING, COPY);
    workspaceGit('commit', '--quiet', '--no-verify', '-m', 'Checkout: say "Confirm order" on the order button');
    // A tag of the branch's name: git's short name for the branch is then `heads/<name>`, and a push by the bare name is
    // ambiguous to git. The pull request is still composed, pushed and opened under the branch's own name.
    workspaceGit('tag', BRANCH);
  });

  beforeEach(() => {
    fake.reset();
    fake.addRepo('acme', 'shop', { branches: { [BRANCH]: 2 }, collaborators: ['dana'] });
  });

  afterEach(closeAllEditors);

  after(async () => {
    await closeAllEditors();
    await signOut?.();
    await fake?.close().catch(() => undefined);
    workspaceGit('config', '--unset', 'remote.origin.pushurl');
    workspaceGit('update-ref', '-d', `refs/remotes/origin/${BRANCH}`);
    workspaceGit('tag', '--delete', BRANCH);
    resetWorkspace();
    if (bare) rmSync(bare, { recursive: true, force: true });
    await (await pmZone()).review.whenIdle();
  });

  it('writes the pull request the command line composes into PULL_REQUEST.md, and sends it as the PM edited it', async () => {
    const api = await pmZone();
    const composed = await openPullRequest({ aiFiles: [], understood: true });
    assert.equal(composed.outcome, 'composed', composed.message);
    assert.deepEqual(composed.actions, ['Send pull request', 'Open as a compare link instead']);
    assert.match(composed.document?.fsPath ?? '', /[\\/]\.git[\\/]pm-zone[\\/]PULL_REQUEST\.md$/);
    const { text, draft } = draftOn(composed.document);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), composed.document?.toString(), 'the draft is not the active editor');

    // The command line's composer, on the same repository, gives the same pull request.
    const root = workspaceRoot();
    const policy = api.repositories.knownForUri(fileUri(COPY))?.policy;
    assert.ok(policy);
    const cli = await gatherPullRequest(new Git(root.fsPath), editorFiles(root), policy, { aiFiles: [], understood: true, ticked: api.sidebar.ticked.get(root, BRANCH) });
    assert.deepEqual(draft, { title: cli.composed.title, base: 'main', head: BRANCH, labels: cli.composed.labels, reviewers: cli.composed.reviewers, draft: cli.composed.draft, body: cli.composed.body });
    assert.equal(draft.title, TITLE);
    assert.deepEqual(draft.labels, ['pm-authored']);
    assert.deepEqual(draft.reviewers, ['@dana']);
    assert.equal(draft.draft, false);
    for (const heading of ['## Planning doc', '## Files by zone', '## PM PR Review checklist', '## Code owners who must review', '## Sign-offs', '## AI assistance']) {
      assert.ok(draft.body.includes(`\n${heading}\n`), `the body has no ${heading}`);
    }
    assert.match(draft.body, /\[`src\/features\/checkout\/PLANNING\.md`\]\(https:\/\/github\.com\/acme\/shop\/blob\/alice\/pr-test\/src\/features\/checkout\/PLANNING\.md\)/);
    assert.match(draft.body, /No AI assistance detected or declared\.\n\n- \[x\] I have read and understand every line of this change\./);

    // The PM edits the title, adds a label and a line, and sends without saving.
    const document = await vscode.workspace.openTextDocument(composed.document as vscode.Uri);
    const edited = text
      .replace(/^title: .*$/m, 'title: "Checkout: clearer order button"')
      .replace('labels:\n  - pm-authored\n', 'labels:\n  - pm-authored\n  - copy\n')
      .replace('## Planning doc', 'Screenshots: before and after are in the planning PR.\n\n## Planning doc');
    await replaceText(document, edited);
    // A pre-push hook notes who pushed: the git extension runs git with its askpass helper in the environment.
    const hook = resolve(workspaceRoot().fsPath, workspaceGit('rev-parse', '--git-path', 'hooks').trim(), 'pre-push');
    mkdirSync(dirname(hook), { recursive: true });
    const pushedBy = join(bare, 'pushed-by');
    writeFileSync(hook, `#!/bin/sh\nif [ -n "$VSCODE_GIT_ASKPASS_MAIN" ]; then echo 'git extension'; else echo git; fi > '${pushedBy}'\n`, { mode: 0o755 });
    const sent = await send({ uri: composed.document }).finally(() => rmSync(hook, { force: true }));
    assert.equal(sent.outcome, 'created', sent.message);
    assert.equal(sent.url, `${fake.webUrl}/acme/shop/pull/1`);
    assert.equal(sent.message, 'Pull request #1 opened: My change links it and shows what happens next.');
    assert.deepEqual(sent.actions, ['Open']);

    // My change shows it at once, then its state from GitHub and what happens next; Refresh reads its checks again.
    const shown = await until('the pull request in My change, with its state', () => api.sidebar.pullRequestOf(root)?.status && api.sidebar.pullRequestOf(root), 15_000);
    assert.deepEqual([shown.number, shown.url, shown.status?.state, shown.next], [1, sent.url, 'open', 'Waiting for @dana to review. Answer comments on GitHub; commits you push update it.']);
    const rows = await api.sidebar.myChange.getChildren();
    const row = rows.find((node) => (node as { kind: string }).kind === 'pullRequest');
    assert.ok(row, 'My change has no pull request row');
    const item = api.sidebar.myChange.getTreeItem(row as never);
    assert.deepEqual([item.label, item.description, item.command?.command], ['Pull request #1', 'open', 'vscode.open']);
    const summary = api.sidebar.myChange.getTreeItem(rows.find((node) => (node as { kind: string }).kind === 'summary') as never);
    assert.equal(summary.label, 'No blockers', 'a sent pull request is not "ready for review" still');
    const sha = 'c'.repeat(40);
    fake.pull('acme', 'shop', 1)!.headSha = sha;
    fake.addCheckRun('acme', 'shop', { headSha: sha, name: 'PM PR Review', conclusion: 'failure' });
    await vscode.commands.executeCommand('pmZone.refresh');
    const failed = await until('the failed check to show', () => api.sidebar.pullRequestOf(root)?.status?.checks.failed === 1 && api.sidebar.pullRequestOf(root), 15_000);
    assert.match(failed.next ?? '', /^1 check failed: see which on GitHub/);
    await vscode.commands.executeCommand('pmZone.myChange.focus');
    await requestScreenshot('pull-request-sent');

    const pull = fake.pull('acme', 'shop', 1);
    assert.ok(pull);
    assert.equal(pull.title, 'Checkout: clearer order button');
    assert.equal(pull.head, BRANCH);
    assert.equal(pull.base, 'main');
    assert.equal(pull.draft, false);
    assert.deepEqual(pull.labels, ['pm-authored', 'copy']);
    assert.deepEqual(pull.reviewers, ['dana']);
    assert.ok(pull.body.startsWith('**Problem:** Shoppers hesitate'), pull.body.slice(0, 80));
    assert.ok(pull.body.includes('Screenshots: before and after are in the planning PR.\n\n## Planning doc'));
    assert.ok(pull.body.endsWith('_Opened with PM Zone_\n'));
    // The branch reached the push target, pushed by the git extension (PM Zone uses it whenever it has the repository).
    assert.equal(readFileSync(pushedBy, 'utf8').trim(), 'git extension');
    assert.equal(workspaceGit('for-each-ref', '--format=%(upstream)', `refs/heads/${BRANCH}`).trim(), `refs/remotes/origin/${BRANCH}`);
    assert.equal(execFileSync('git', ['--git-dir', bare, 'rev-parse', `refs/heads/${BRANCH}`], { encoding: 'utf8' }).trim(), workspaceGit('rev-parse', 'HEAD').trim());

    // The draft now says where it went; the token is nowhere.
    const after = readFileSync(composed.document?.fsPath as string, 'utf8');
    assert.ok(after.includes(`sent: ${sent.url}`), after.slice(0, 600));
    assert.equal(document.isDirty, false);
    for (const place of [after, sent.message, JSON.stringify(fake.requests)]) assert.ok(!place.includes(fake.token), 'the token leaked');
    const again = await send({ uri: composed.document });
    assert.equal(again.outcome, 'exists');
    assert.equal(fake.calls().filter((call) => call === 'POST /api/v3/repos/acme/shop/pulls').length, 1, 'a sent draft was sent twice');
  });

  it('sends the draft the command line kept when GitHub refused it: one PULL_REQUEST.md for both', async () => {
    const root = workspaceRoot();
    let stderr = '';
    const code = await runCli(['pr', '--repo', 'acme/shop', '--api-url', fake.apiUrl, '--no-push'], {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text) },
      cwd: root.fsPath,
      env: { GITHUB_TOKEN: 'ghp_refusedrefusedrefusedrefusedrefused1' },
    });
    assert.equal(code, 1, stderr);
    assert.match(stderr, /your pull request text is kept in \.git\/pm-zone\/PULL_REQUEST\.md: .*"Send pull request" in the editor/);
    const draftFile = vscode.Uri.file(await draftFilePath(new Git(root.fsPath)));
    assert.equal(draftOn(draftFile).draft.title, TITLE);

    const sent = await send({ uri: draftFile });
    assert.equal(sent.outcome, 'created', sent.message);
    assert.equal(fake.pull('acme', 'shop', 1)?.title, TITLE);
    assert.ok(readFileSync(draftFile.fsPath, 'utf8').includes(`sent: ${sent.url}`));
  });

  it('sends once when Send pull request is run twice before the first has answered (a double click on the CodeLens)', async () => {
    const composed = await openPullRequest({ aiFiles: [], understood: true });
    assert.equal(composed.outcome, 'composed', composed.message);
    const [first, second] = await Promise.all([send({ uri: composed.document }), send({ uri: composed.document })]);
    assert.equal(first.outcome, 'created', first.message);
    assert.equal(second, first, 'the second send joined the first');
    assert.equal(fake.calls().filter((call) => call === 'POST /api/v3/repos/acme/shop/pulls').length, 1, 'a second pull request was asked for');
  });

  it('follows the pull request after a reviewer asks for changes: what they asked, the commit not in it yet, Push my changes to #1, and never a second pull request', async () => {
    const api = await pmZone();
    const root = workspaceRoot();
    const sentHead = workspaceGit('rev-parse', 'HEAD').trim();
    workspaceGit('push', '--quiet', '--force', 'origin', `HEAD:refs/heads/${BRANCH}`);
    // Opened on github.com: GitHub knows it, whatever PULL_REQUEST.md says.
    const sentBody = 'Say what the button does. (The PM wrote this on github.com.)\n\n## PM PR Review checklist\n\n- ❌ What the review said when it was sent\n\n---\n\n_Opened with PM Zone_\n';
    const number = fake.addPullRequest('acme', 'shop', { head: BRANCH, title: TITLE, body: sentBody, headSha: sentHead, reviewers: ['dana'] });
    const line = readFileSync(path(COPY), 'utf8').split('\n').findIndex((text) => text.includes('"placeOrder"')) + 1;
    fake.review('acme', 'shop', number, { by: 'dana', body: 'Nearly there.', comments: [{ path: COPY, line, body: 'Say "Confirm and pay": the button takes the money.' }] });
    const draftFile = await draftFilePath(new Git(root.fsPath));
    const draftBefore = existsSync(draftFile) ? readFileSync(draftFile, 'utf8') : undefined;
    try {
      // The PM makes the fix and commits it; the pull request does not have it yet.
      edit(COPY, '"placeOrder": "Confirm order"', '"placeOrder": "Confirm and pay"');
      workspaceGit('commit', '--quiet', '--no-verify', '-am', 'Checkout: "Confirm and pay", as dana asked');
      await vscode.commands.executeCommand('pmZone.refresh');
      // The head must be the one sent: a refresh the test before started can read that test's #1 (its head
      // made up by the local GitHub) and then, after the reset above, this test's review, and show the mix.
      const shown = await until('#1 with the changes asked for and one commit to push', () => {
        const pull = api.sidebar.pullRequestOf(root);
        return pull?.status?.headSha === sentHead && pull.status.review?.decision === 'changes-requested' && pull.unpushed === 1 && pull;
      }, 15_000);
      assert.equal(shown.next, '1 commit is not in #1 yet: push it (Push my changes to #1).');
      const rows = await api.sidebar.myChange.getChildren();
      const row = rows.find((node) => (node as { kind: string }).kind === 'pullRequest');
      assert.ok(row, 'My change has no pull request row');
      const details = (await api.sidebar.myChange.getChildren(row as never)).map((node) => api.sidebar.myChange.getTreeItem(node as never));
      const labelled = (label: string) => details.find((item) => item.label === label);
      assert.equal(labelled('Changes requested by @dana')?.description, '1 comment on lines');
      assert.match(String(labelled('Changes requested by @dana')?.tooltip), /src\/features\/checkout\/i18n\/en\.json, line \d+: Say "Confirm and pay"/);
      // dana's comment is in the editor, on the line it is about.
      const copy = vscode.Uri.file(path(COPY));
      const marked = await until("dana's comment on its line", () => vscode.languages.getDiagnostics(copy).find((diagnostic) => diagnostic.source === 'PM Zone: review'), 15_000);
      assert.equal(marked.range.start.line, line - 1);
      assert.equal(marked.message, '@dana asked for a change here: Say "Confirm and pay": the button takes the money. Change it, commit, then Push my changes to #1.');
      assert.equal(marked.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(String((marked.code as { target?: vscode.Uri }).target), /\/acme\/shop\/pull\/1#discussion_r\d+$/);
      const push = labelled('Push my changes to #1');
      assert.deepEqual([push?.description, push?.command?.command], ['1 commit not in it yet', 'pmZone.pushToPullRequest']);
      await vscode.commands.executeCommand('pmZone.myChange.focus');
      await requestScreenshot('pull-request-changes-requested');

      // "Open pull request" composes nothing: it offers the push, and PULL_REQUEST.md keeps its sent: line.
      const again = await openPullRequest({ aiFiles: [], understood: true, send: true });
      assert.equal(again.outcome, 'exists', again.message);
      assert.equal(again.message, 'Pull request #1 is already open for this branch. 1 commit is not in it yet: push it, and the reviewers see it there. No second pull request is needed.');
      assert.deepEqual(again.actions, ['Push my changes to #1', 'Open on GitHub']);
      assert.equal(again.url, `${fake.webUrl}/acme/shop/pull/1`);
      assert.ok(!fake.calls().includes('POST /api/v3/repos/acme/shop/pulls'));
      assert.equal(existsSync(draftFile) ? readFileSync(draftFile, 'utf8') : undefined, draftBefore, 'PULL_REQUEST.md was rewritten');

      // Push my changes to #1: the fix reaches the branch, and My change says so.
      const pushed = await vscode.commands.executeCommand<PullRequestResult>('pmZone.pushToPullRequest', root);
      assert.equal(pushed?.outcome, 'pushed', pushed?.message);
      assert.equal(pushed?.message, 'Your changes are in #1: the reviewers see them there. Its checklist now shows the review of what it holds.');
      const body = fake.pull('acme', 'shop', number)!.body;
      assert.match(body, /^Say what the button does\. \(The PM wrote this on github\.com\.\)\n\n## PM PR Review checklist\n\n✅ passed/, "the PM's words are kept, the checklist is the review's");
      assert.doesNotMatch(body, /What the review said when it was sent/);
      assert.equal(execFileSync('git', ['--git-dir', bare, 'rev-parse', `refs/heads/${BRANCH}`], { encoding: 'utf8' }).trim(), workspaceGit('rev-parse', 'HEAD').trim());
      const after = await until('nothing left to push', () => api.sidebar.pullRequestOf(root)?.unpushed === 0 && api.sidebar.pullRequestOf(root), 15_000);
      assert.match(after.next ?? '', /^@dana asked for changes \(1 comment on lines\): make them, commit, then push to #1\.$/);
      await requestScreenshot('pull-request-pushed');
    } finally {
      workspaceGit('reset', '--quiet', '--hard', sentHead);
      workspaceGit('push', '--quiet', '--force', 'origin', `HEAD:refs/heads/${BRANCH}`);
    }
  });

  it('asks to sign in again when GitHub refuses the token, and keeps the text', async () => {
    // Twice: once asked whether the branch has a pull request already, once by the send.
    fake.failNext('GET /repos/:o/:r/pulls', githubFailures.badCredentials(), 2);
    const result = await openPullRequest({ aiFiles: [], understood: true, send: true });
    assert.equal(result.outcome, 'failed');
    assert.match(result.message, /GitHub did not accept the sign-in \(401\)\. Sign in to GitHub again\. Your text is kept in PULL_REQUEST\.md\./);
    assert.deepEqual(result.actions, ['Sign in again', 'Open as a compare link']);
    const { draft } = draftOn(result.document);
    assert.equal(draft.title, TITLE);
    assert.ok(draft.body.includes('## PM PR Review checklist'));
  });

  it('gives every other refusal of GitHub its next step, and sends the kept text once GitHub accepts it', async () => {
    const composed = await openPullRequest({ aiFiles: [], understood: true });
    const kept = readFileSync(composed.document?.fsPath as string, 'utf8');
    const cases: { name: string; arrange(): void; message: RegExp; actions: string[] }[] = [
      {
        name: 'single sign-on',
        arrange: () => fake.failNext('POST /repos/:o/:r/pulls', githubFailures.ssoRequired('https://github.example.com/orgs/acme/sso?authorization_request=1')),
        message: /uses single sign-on, and the GitHub token is not authorised for it\. Authorise the token .*https:\/\/github\.example\.com\/orgs\/acme\/sso/,
        actions: ['Authorize for SSO'],
      },
      {
        name: 'a secondary rate limit longer than PM Zone waits',
        arrange: () => fake.failNext('GET /repos/:o/:r/pulls', githubFailures.secondaryRateLimit(120)),
        message: /^GitHub asks to slow down: too many requests for now \(rate limit\)\. Try again in 2 minutes; your text is kept\.$/,
        actions: ['Open as a compare link'],
      },
      {
        name: 'no access',
        arrange: () => fake.failNext('GET /repos/:o/:r/pulls', githubFailures.notFound()),
        message: /^GitHub says acme\/shop does not exist, or your account has no access to it\. Check the repository name/,
        actions: [],
      },
      {
        name: 'no commits between the branches',
        arrange: () => {
          fake.reset();
          fake.addRepo('acme', 'shop', { branches: { [BRANCH]: 0 }, collaborators: ['dana'] });
        },
        message: /^The branch has no commits that are not already on the base branch/,
        actions: ['Commit your change first'],
      },
      {
        name: 'a server error',
        arrange: () => fake.failNext('POST /repos/:o/:r/pulls', githubFailures.serverError(502)),
        message: /^GitHub had a problem on its side \(502\)\./,
        actions: ['Try again', 'Open as a compare link'],
      },
    ];
    for (const failure of cases) {
      fake.reset();
      fake.addRepo('acme', 'shop', { branches: { [BRANCH]: 2 }, collaborators: ['dana'] });
      failure.arrange();
      const result = await send({ uri: composed.document });
      assert.equal(result.outcome, 'failed', `${failure.name}: ${result.message}`);
      assert.match(result.message, failure.message, failure.name);
      assert.deepEqual(result.actions, failure.actions, failure.name);
      assert.equal(readFileSync(composed.document?.fsPath as string, 'utf8'), kept, `${failure.name}: the draft changed`);
    }

    // Labels GitHub will not add: the pull request opens regardless, with a warning.
    fake.reset();
    fake.addRepo('acme', 'shop', { branches: { [BRANCH]: 2 }, collaborators: ['dana'] });
    fake.failNext('POST /repos/:o/:r/issues/:n/labels', githubFailures.forbidden());
    const created = await send({ uri: composed.document });
    assert.equal(created.outcome, 'created', created.message);
    assert.match(created.message, /^Pull request #1 opened: My change links it and shows what happens next\. Label "pm-authored" could not be added: .* Add it on GitHub\.$/);
    assert.equal(created.warnings?.length, 1);
    assert.deepEqual(fake.pull('acme', 'shop', 1)?.reviewers, ['dana']);
  });

  it('offers "Open as ready for review" when the repository has no drafts, and sends it so', async () => {
    fake.reset();
    fake.addRepo('acme', 'shop', { branches: { [BRANCH]: 2 }, collaborators: ['dana'], draftsSupported: false });
    const composed = await openPullRequest({ aiFiles: [], understood: true });
    const document = await vscode.workspace.openTextDocument(composed.document as vscode.Uri);
    await replaceText(document, document.getText().replace('draft: false', 'draft: true'));
    const refused = await send({ uri: composed.document });
    assert.equal(refused.outcome, 'failed', refused.message);
    assert.match(refused.message, /does not support draft pull requests/);
    assert.deepEqual(refused.actions, ['Open as ready for review']);
    assert.equal(draftOn(composed.document).draft.draft, true, 'the PM\'s edit was not saved');

    const ready = await send({ uri: composed.document, ready: true });
    assert.equal(ready.outcome, 'created', ready.message);
    assert.equal(fake.pull('acme', 'shop', 1)?.draft, false);
    const { draft } = draftOn(composed.document);
    assert.equal(draft.draft, false);
    assert.equal(draft.sent, ready.url);
  });

  it('sends nothing while the draft does not parse, and says on which line', async () => {
    const composed = await openPullRequest({ aiFiles: [], understood: true });
    const document = await vscode.workspace.openTextDocument(composed.document as vscode.Uri);
    const broken = document.getText().replace('labels:\n  - pm-authored', 'labels: [pm-authored');
    await replaceText(document, broken);
    const result = await send({ uri: composed.document });
    const line = broken.split('\n').findIndex((text) => text.startsWith('labels:')) + 1;
    assert.equal(result.outcome, 'failed');
    assert.match(result.message, new RegExp(`^PULL_REQUEST\\.md, line ${line + 1}: The fields are not valid YAML: .*Nothing was sent\\.$`));
    const [diagnostic] = vscode.languages.getDiagnostics(composed.document as vscode.Uri);
    assert.equal(diagnostic?.range.start.line, line, 'no diagnostic on the line after the broken one');
    // Sent nothing: My change may read how the pull request sent before stands (GET), never more.
    assert.deepEqual(fake.calls().filter((call) => !call.startsWith('GET ')), []);
  });

  it('refuses while a blocker stands, naming it', async () => {
    edit(LOCKED, '30 * 60 * 1000', '60 * 60 * 1000');
    workspaceGit('add', '--', LOCKED);
    try {
      const result = await openPullRequest({ aiFiles: [], understood: true, send: true });
      assert.equal(result.outcome, 'refused');
      assert.match(result.message, /^The pull request cannot open while a blocker stands: 1 blocker: Engineering-only file changed: src\/auth\/session\.ts\.$/);
      assert.deepEqual(result.actions, ['Show Problems']);
      assert.deepEqual(fake.calls().filter((call) => !call.startsWith('GET ')), []);
    } finally {
      restore(LOCKED);
    }
  });

  it('opens a change with files outside the zone as a draft labelled for pairing, when the PM asks for it', async () => {
    edit(OUTSIDE, 'orderId: string;', 'orderId: string;\n  estimatedDelivery?: string;');
    try {
      const ready = await openPullRequest({ aiFiles: [], understood: true, pairing: false });
      assert.equal(ready.outcome, 'composed', ready.message);
      assert.match(ready.message, /Commit your edits to src\/features\/checkout\/api\.ts first/);
      assert.deepEqual(ready.actions, ['Open Source Control', 'Send pull request', 'Open as a compare link instead'], 'what the message asks first has a button');
      assert.deepEqual(draftOn(ready.document).draft.labels, ['pm-authored']);
      assert.equal(draftOn(ready.document).draft.draft, false);
      // The PM edits the composed text in the editor, unsaved: the next composition must not lose it.
      const composed = await vscode.workspace.openTextDocument(ready.document as vscode.Uri);
      await replaceText(composed, composed.getText().replace(/^title: .*$/m, 'title: In my own words'));
      const edited = composed.getText();

      // Not answered in advance: the real question opens, and its first choice is accepted.
      const pairing = await answeringQuickInput(openPullRequest({ aiFiles: [], understood: true }));
      assert.equal(pairing.outcome, 'composed', pairing.message);
      assert.match(pairing.message, /draft labelled for pairing/);
      // Earlier tests may have kept drafts of their own: the copy gets a name none of them has.
      const keptAs = /Your earlier draft, with your edits, is kept in (PULL_REQUEST\.previous(?:-\d+)?\.md)\./.exec(pairing.message)?.[1];
      assert.ok(keptAs, pairing.message);
      assert.equal(readFileSync(join((pairing.document as vscode.Uri).fsPath, '..', keptAs), 'utf8'), edited);
      const { draft } = draftOn(pairing.document);
      assert.equal(draft.draft, true);
      assert.deepEqual(draft.labels, ['pm-authored', 'needs-pairing']);
      assert.match(draft.body, /an engineer co-authors those files before review/);
      assert.match(draft.body, /\| `src\/features\/checkout\/api\.ts` \| modified \| ⚠️ outside the PM zone \| @dana \|/);
    } finally {
      restore(OUTSIDE);
    }
  });

  it('stops when the PM says they need an engineer to pair, and sends nothing', async () => {
    const result = await openPullRequest({ aiFiles: [], understood: false, send: true });
    assert.equal(result.outcome, 'cancelled');
    assert.match(result.message, /^Nothing was sent\. Pair with your engineering DRI \(@dana\)/);
    // Only asked whether the branch has a pull request already; nothing sent.
    assert.deepEqual(fake.calls(), ['GET /api/v3/repos/acme/shop/pulls']);
  });

  it('asks whether AI helped when the planning doc does not say plainly, and the label, the body and the answer agree', async () => {
    edit(PLANNING, '## AI assistance\n\nNone.', '## AI assistance\n\nNo AI for the code, but Claude suggested the wording.');
    workspaceGit('commit', '--quiet', '--no-verify', '-am', 'Planning: AI section');
    try {
      const no = await openPullRequest({ aiFiles: [], understood: true, aiUsed: false });
      assert.equal(no.outcome, 'composed', no.message);
      assert.deepEqual(draftOn(no.document).draft.labels, ['pm-authored']);
      assert.match(draftOn(no.document).draft.body, /Asked, the author confirms that no AI helped with this change\./);
      // Not answered in advance: the real question opens, and its first choice ("Yes") is accepted.
      const asked = await answeringQuickInput(openPullRequest({ aiFiles: [], understood: true }));
      assert.equal(asked.outcome, 'composed', asked.message);
      assert.deepEqual(draftOn(asked.document).draft.labels, ['pm-authored', 'ai-assisted']);
      assert.match(draftOn(asked.document).draft.body, /Asked, the author confirms that AI helped with this change\./);
    } finally {
      workspaceGit('reset', '--quiet', '--hard', 'HEAD~1');
    }
  });

  it("asks how shipping felt, once, optional: the answer goes into the body for the readout, Esc leaves it out", async () => {
    const answered = await openPullRequest({ aiFiles: [], understood: true, energy: 3 });
    assert.equal(answered.outcome, 'composed', answered.message);
    assert.match(draftOn(answered.document).draft.body, /## Pilot check-in\n\n\*\*How did shipping this feel, 1–5\?\*\* 3\n/);
    // Not answered in advance: the real question opens; Esc skips it and the pull request is still composed.
    const skipped = await answeringQuickInput(openPullRequest({ aiFiles: [], understood: true, energy: undefined }), 'workbench.action.closeQuickOpen');
    assert.equal(skipped.outcome, 'composed', skipped.message);
    assert.doesNotMatch(draftOn(skipped.document).draft.body, /Pilot check-in/);
  });

  it('pre-ticks the files of an AI co-authored commit, labels the pull request and lists them', async () => {
    edit(FRENCH, '"placeOrder": "Passer la commande"', '"placeOrder": "Confirmer la commande"');
    workspaceGit('commit', '--quiet', '--no-verify', '-am', 'Checkout: French copy\n\nCo-authored-by: Claude <noreply@anthropic.com>');
    const aiCommit = workspaceGit('rev-parse', '--short=7', 'HEAD').trim();
    try {
      // No answer given for the AI question: the real quick pick opens, and is accepted as ticked.
      const result = await answeringQuickInput(openPullRequest({ understood: true, send: true }));
      assert.equal(result.outcome, 'created', result.message);
      const pull = fake.pull('acme', 'shop', 1);
      assert.deepEqual(pull?.labels, ['pm-authored', 'ai-assisted']);
      assert.match(pull?.body ?? '', new RegExp(`AI-generated files \\(1 file\\):\\n\\n- \`${FRENCH}\`\\n\\nDetected from commit trailers: Claude in ${aiCommit}\\.`));
    } finally {
      workspaceGit('reset', '--quiet', '--hard', 'HEAD~1');
    }
  });

  it('offers the compare link when there is no GitHub sign-in, and opens it on request', async () => {
    // No pull request sent from this branch yet: an earlier test's PULL_REQUEST.md records one (`sent:`), which,
    // with GitHub out of reach, is how the branch's open pull request is known.
    rmSync(await draftFilePath(new Git(workspaceRoot().fsPath)), { force: true });
    await setUserSetting('pmZone', 'github.provider', 'github');
    try {
      const result = await openPullRequest({ aiFiles: [], understood: true, send: true });
      assert.equal(result.outcome, 'failed', result.message);
      assert.match(result.message, /^PM Zone has no GitHub sign-in to open the pull request with\./);
      assert.deepEqual(result.actions, ['Open as a compare link', 'Sign in']);
      assert.ok(result.url?.startsWith(`https://github.com/acme/shop/compare/main...${BRANCH}?quick_pull=1&title=Say%20%22Confirm%20order%22`), result.url);
      assert.match(result.url ?? '', /&labels=pm-authored$/);

      const compare = await send({ uri: result.document, compare: true });
      assert.equal(compare.outcome, 'compare', compare.message);
      assert.equal(compare.url, result.url);
      assert.match(compare.message, /Ask @dana to review once it is open\./);
      if (/clipboard/.test(compare.message)) assert.equal(await vscode.env.clipboard.readText(), compare.url);
      // Nothing sent: My change may still read the pull request of the branch in the background (GET).
      assert.deepEqual(fake.calls().filter((call) => !call.startsWith('GET ')), []);
    } finally {
      await setUserSetting('pmZone', 'github.provider', PROVIDER);
    }
  });

  it('offers the compare link when GitHub cannot be reached, and keeps the text', async () => {
    await fake.close();
    const result = await openPullRequest({ aiFiles: [], understood: true, send: true });
    assert.equal(result.outcome, 'failed', result.message);
    assert.match(result.message, /^PM Zone cannot reach GitHub \(http:\/\/127\.0\.0\.1:\d+\/api\/v3\) \(ECONNREFUSED\)\. Check the network or VPN, then try again\. Your text is kept in PULL_REQUEST\.md\.$/);
    assert.deepEqual(result.actions, ['Open as a compare link']);
    assert.match(result.url ?? '', /^https:\/\/github\.com\/acme\/shop\/compare\/main\.\.\.alice\/pr-test\?quick_pull=1&/);
    const { draft } = draftOn(result.document);
    assert.equal(draft.title, TITLE);
    assert.ok(draft.body.includes('## Files by zone'));
  });
});
