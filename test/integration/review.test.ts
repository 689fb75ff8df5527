import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ReviewRun } from '../../src/vscode/review';
import { gitApi, gitFirstStatus, quietHost, startupSettled } from '../../src/vscode/shared/gitApi';
import { closeAllEditors, fileUri, pmZone, requestScreenshot, until, workspaceRoot } from './support';

// "Review my change" in the real host, on a PM branch of the sample
// repository with one violation of each kind: a staged AWS key in copy, an
// edit to an engineering-only file, a removed analytics event, no PLANNING.md.

const BRANCH = 'alice/review-test';
const COPY = 'src/features/checkout/i18n/en.json';
const LOCKED = 'src/auth/session.ts';
const EVENTS = 'src/features/checkout/analytics/events.ts';
const COMPONENT = 'src/features/checkout/components/CheckoutButton.tsx';
const SKILL_FILE = '.claude/skills/pm-pr-review/SKILL.md';
// Built at run time, so this file holds no key-shaped literal.
const AWS_KEY = ['AKIA', 'Q7XW3M9K2LZP4R8T'].join('');

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: workspaceRoot().fsPath, encoding: 'utf8' });
}

function path(relPath: string): string {
  return fileUri(relPath).fsPath;
}

function edit(relPath: string, change: (text: string) => string): void {
  const before = readFileSync(path(relPath), 'utf8');
  const after = change(before);
  assert.notEqual(after, before, `the edit of ${relPath} changed nothing`);
  writeFileSync(path(relPath), after);
}

/** PM Zone review diagnostics of a file (policy diagnostics carry a plain string code). */
function reviewDiagnostics(relPath: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(fileUri(relPath)).filter((d) => d.source === 'PM Zone' && typeof d.code === 'object');
}

function checkOf(diagnostic: vscode.Diagnostic): string {
  return String((diagnostic.code as { value: string }).value);
}

function byCheck(relPath: string, check: string): vscode.Diagnostic[] {
  return reviewDiagnostics(relPath).filter((d) => checkOf(d) === check);
}

function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  assert.ok(index >= 0, `no line holds ${needle}`);
  return index + 1;
}

async function reviewNow(target = fileUri(COPY)): Promise<ReviewRun> {
  const run = await vscode.commands.executeCommand<ReviewRun | undefined>('pmZone.reviewChange', target);
  assert.ok(run, 'the command returned no review');
  return run;
}

async function codeActions(relPath: string, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  // Code actions are asked of open documents only.
  await vscode.workspace.openTextDocument(fileUri(relPath));
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', fileUri(relPath), diagnostic.range);
}

describe('Review my change', function () {
  this.timeout(60_000);

  before(async () => {
    const api = await pmZone();
    await api.repositories.whenIdle();
    git('checkout', '--quiet', '-b', BRANCH);
    edit(COPY, (text) => text.replace('"title": "Checkout",', `"title": "Checkout",\n    "supportKey": "${AWS_KEY}",`));
    edit(LOCKED, (text) => text.replace('30 * 60 * 1000', '60 * 60 * 1000'));
    edit(EVENTS, (text) => text.replace("  | { name: 'checkout_payment_failed'; reason: 'declined' | 'network' | 'unknown' }\n", ''));
    git('add', '--', COPY, LOCKED, EVENTS);
  });

  afterEach(closeAllEditors);

  after(async () => {
    await closeAllEditors();
    await vscode.workspace.getConfiguration('pmZone').update('review.base', undefined, vscode.ConfigurationTarget.Workspace);
    const hook = `${workspaceRoot().fsPath}/.git/hooks/pre-commit`;
    if (existsSync(hook)) await vscode.commands.executeCommand('pmZone.uninstallHook');
    git('checkout', '--quiet', '--force', 'main');
    git('branch', '--quiet', '-D', BRANCH);
    git('reset', '--quiet', '--hard');
    git('clean', '--quiet', '-fd');
    // Back on the base branch, never reviewed by hand there: the automatic review drops the diagnostics.
    const api = await pmZone();
    await until('the review diagnostics to be dropped', () =>
      vscode.languages.getDiagnostics().every(([, diagnostics]) => diagnostics.every((d) => typeof d.code !== 'object' || d.source !== 'PM Zone')), 15_000);
    await api.review.whenIdle();
  });

  it('puts each finding on its exact line, blockers as errors, linked to the checklist item', async () => {
    const run = await reviewNow();
    assert.equal(run.change.head, BRANCH);
    assert.equal(run.change.base, 'main');
    assert.deepEqual(run.change.files.map((file) => file.path), [LOCKED, EVENTS, COPY]);
    const skill = readFileSync(path(SKILL_FILE), 'utf8');

    const [secret, ...moreSecrets] = byCheck(COPY, 'security.secret');
    assert.ok(secret, `no security.secret on ${COPY}: ${reviewDiagnostics(COPY).map(checkOf).join(', ')}`);
    assert.equal(moreSecrets.length, 0);
    assert.equal(secret.range.start.line + 1, 4);
    assert.equal(secret.severity, vscode.DiagnosticSeverity.Error);
    assert.match(secret.message, /^Blocker: .*AWS access key/);
    assert.ok(!secret.message.includes(AWS_KEY), 'the diagnostic repeats the secret');
    const target = (secret.code as { target: vscode.Uri }).target;
    assert.equal(target.path, fileUri(SKILL_FILE).path);
    assert.equal(target.fragment, `L${lineOf(skill, 'No secrets, tokens or keys')}`);

    const [locked] = byCheck(LOCKED, 'zone.locked');
    assert.ok(locked, `no zone.locked on ${LOCKED}`);
    assert.equal(locked.severity, vscode.DiagnosticSeverity.Error);
    // A file-level finding covers the whole of line 1.
    assert.deepEqual([locked.range.start.line, locked.range.start.character, locked.range.end.line, locked.range.end.character],
      [0, 0, 0, "import { randomUUID } from 'node:crypto';".length]);
    assert.equal((locked.code as { target: vscode.Uri }).target.fragment, `L${lineOf(skill, 'No file in the engineering zone is touched')}`);

    // The removed event is reported on the nearest surviving line.
    const [removal] = byCheck(EVENTS, 'analytics.removal');
    assert.ok(removal, `no analytics.removal on ${EVENTS}`);
    assert.equal(removal.range.start.line + 1, 7);
    assert.match(removal.message, /^Blocker: /);

    // No PLANNING.md concerns the whole change: shown once, on the PM's feature folder, never on a line of a file.
    for (const file of [LOCKED, EVENTS, COPY]) assert.deepEqual(byCheck(file, 'planning.missing'), [], `the whole change's blocker is drawn on ${file}`);
    const folder = vscode.languages.getDiagnostics(fileUri('src/features/checkout')).filter((d) => d.source === 'PM Zone');
    const [planning, ...others] = folder.filter((d) => checkOf(d) === 'planning.missing');
    assert.equal(others.length, 0);
    assert.match(planning.message, /^Blocker: Whole change: No PLANNING\.md/);
    assert.deepEqual([planning.range.start.line, planning.range.end.character], [0, 0], 'a line-less diagnostic');
    // The code owners are one note per set of owners, on the same folder, not one per file.
    assert.deepEqual([LOCKED, EVENTS, COPY].flatMap((file) => byCheck(file, 'zone.owners')), []);
    assert.deepEqual(folder.filter((d) => checkOf(d) === 'zone.owners').map((d) => d.message).sort(), [
      `Whole change: Code owners who must review: @acme/security (.github/CODEOWNERS:9), for ${LOCKED}.`,
      `Whole change: Code owners who must review: @dana (.github/CODEOWNERS:5), for 2 files: ${EVENTS}, ${COPY}.`,
    ]);

    assert.deepEqual(reviewDiagnostics('src/features/checkout/i18n/fr.json'), [], 'an unchanged file got review diagnostics');
    assert.equal(run.outcome.result.summary.blockers, 4);
    // The Source Control title menu passes its SourceControl: the repository is taken from its root.
    const viaScm = await vscode.commands.executeCommand<ReviewRun | undefined>('pmZone.reviewChange', { rootUri: workspaceRoot() });
    assert.equal(viaScm?.root.toString(), workspaceRoot().toString());
    console.log(`      first review of ${run.change.files.length} files (loads the checks): ${run.durationMs.toFixed(0)} ms`);
  });

  it('warns on a key store added to the change, on the file itself, and does not block on it', async () => {
    const store = 'docs/keys/service-account.p12';
    mkdirSync(path('docs/keys'), { recursive: true });
    // A PKCS#12 header, then bytes with no printable run long enough to read as a token: git calls it binary.
    writeFileSync(path(store), Buffer.concat([Buffer.from([0x30, 0x82, 0x09, 0x7c, 0x02, 0x01, 0x03, 0x00]), Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37) % 256))]));
    git('add', '--', store);
    try {
      const run = await reviewNow();
      assert.ok(run.change.files.some((file) => file.path === store && file.binary), 'the key store is not in the change as a binary file');
      const [warning, ...more] = byCheck(store, 'security.secret');
      assert.ok(warning, `no security.secret on ${store}: ${reviewDiagnostics(store).map(checkOf).join(', ')}`);
      assert.equal(more.length, 0);
      assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(warning.message, /A key store: .*`notasecret`/);
      assert.equal(warning.range.start.line, 0);
    } finally {
      git('rm', '--quiet', '--cached', '--', store);
      rmSync(path('docs/keys'), { recursive: true, force: true });
    }
  });

  it('without a skill file, links findings to the built-in checklist, and writes a starter file that it never overwrites', async () => {
    const api = await pmZone();
    const skill = path(SKILL_FILE);
    const kept = `${skill}.kept`;
    renameSync(skill, kept);
    try {
      const run = await reviewNow();
      assert.equal(run.checklist.file, 'built-in');
      // Deleting a policy file is a change to a locked file too; a deleted file holds no diagnostic.
      assert.ok(run.change.files.some((file) => file.path === SKILL_FILE && file.status === 'deleted'));
      assert.deepEqual(reviewDiagnostics(SKILL_FILE), []);
      const [locked] = byCheck(LOCKED, 'zone.locked');
      const target = (locked.code as { target: vscode.Uri }).target;
      assert.equal(target.scheme, 'pm-zone-checklist');
      const builtIn = await vscode.workspace.openTextDocument(target.with({ fragment: '' }));
      assert.equal(target.fragment, `L${lineOf(builtIn.getText(), 'No file is engineering-only')}`);

      const written = await vscode.commands.executeCommand<vscode.Uri>('pmZone.writeStarterSkillFile');
      assert.equal(written?.fsPath, skill);
      assert.equal(readFileSync(skill, 'utf8'), builtIn.getText());
      writeFileSync(skill, 'An engineer edited this.\n');
      await vscode.commands.executeCommand('pmZone.writeStarterSkillFile');
      assert.equal(readFileSync(skill, 'utf8'), 'An engineer edited this.\n');
    } finally {
      await closeAllEditors();
      renameSync(kept, skill);
      await api.repositories.whenIdle();
    }
  });

  it('reviews unsaved edits: a line typed into a component counts before it is saved', async () => {
    const document = await vscode.workspace.openTextDocument(fileUri(COMPONENT));
    const editor = await vscode.window.showTextDocument(document);
    const labelLine = document.getText().split('\n').findIndex((line) => line.trim() === '{label}');
    assert.ok(labelLine > 0);
    await editor.edit((builder) => builder.insert(new vscode.Position(labelLine, 0), '      <span dangerouslySetInnerHTML={{ __html: label }} />\n'));
    assert.ok(document.isDirty);
    const run = await reviewNow(fileUri(COMPONENT));
    assert.ok(run.change.files.some((file) => file.path === COMPONENT), 'the unsaved component is not part of the change');
    const [dangerous] = byCheck(COMPONENT, 'security.dangerous-code');
    assert.ok(dangerous, `no security.dangerous-code on ${COMPONENT}: ${reviewDiagnostics(COMPONENT).map(checkOf).join(', ')}`);
    assert.equal(dangerous.range.start.line, labelLine);
    assert.match(dangerous.message, /^Blocker: /);
    assert.ok(!readFileSync(path(COMPONENT), 'utf8').includes('dangerouslySetInnerHTML'), 'the unsaved edit reached the disk');

    // Reverted, the component leaves the change again.
    await closeAllEditors();
    const after = await reviewNow();
    assert.ok(!after.change.files.some((file) => file.path === COMPONENT));
    assert.deepEqual(reviewDiagnostics(COMPONENT), []);
  });

  it('offers honest code actions: undo on the locked file, the planning doc, the checklist item', async () => {
    await reviewNow();
    const [locked] = byCheck(LOCKED, 'zone.locked');
    const lockedActions = await codeActions(LOCKED, locked);
    const undo = lockedActions.find((action) => action.title === 'Undo my change to this locked file');
    assert.ok(undo, `got ${lockedActions.map((a) => a.title).join(' | ')}`);
    assert.equal(undo.command?.command, 'pmZone.undoBranchChange');
    assert.deepEqual(undo.command?.arguments?.map(String), [fileUri(LOCKED).toString()]);
    assert.ok(lockedActions.some((action) => action.title === 'Open checklist item: No file in the engineering zone is touched'));
    assert.ok(!lockedActions.some((action) => action.title.includes('PLANNING')), 'a planning action on a zone finding');

    const [secret] = byCheck(COPY, 'security.secret');
    const secretActions = await codeActions(COPY, secret);
    assert.ok(!secretActions.some((action) => action.title.startsWith('Undo')), 'undo offered for a file in the PM zone');


    const open = secretActions.find((action) => action.title.startsWith('Open checklist item:'));
    assert.ok(open?.command);
    await vscode.commands.executeCommand(open.command.command, ...(open.command.arguments ?? []));
    const editor = await until('the skill file to open', () =>
      vscode.window.activeTextEditor?.document.uri.path === fileUri(SKILL_FILE).path && vscode.window.activeTextEditor);
    assert.equal(editor.selection.active.line + 1, lineOf(editor.document.getText(), 'No secrets, tokens or keys'));
  });

  it('reviews again by itself when the staged set changes, without the command', async () => {
    const api = await pmZone();
    await reviewNow();
    assert.equal(byCheck(COPY, 'security.secret').length, 1);
    const runs: ReviewRun[] = [];
    const listener = api.review.onDidReview((run) => runs.push(run));
    try {
      const started = Date.now();
      edit(COPY, (text) => text.replace(`\n    "supportKey": "${AWS_KEY}",`, '').replace('"Place order"', '"Confirm order"'));
      git('add', '--', COPY);
      await until('the secret diagnostic to go', () => byCheck(COPY, 'security.secret').length === 0, 15_000);
      const elapsed = Date.now() - started;
      assert.ok(runs.length > 0 && runs.every((run) => run.trigger === 'auto'), `runs: ${runs.map((r) => r.trigger).join(', ')}`);
      assert.equal(byCheck(LOCKED, 'zone.locked').length, 1, 'the other findings went too');
      console.log(`      the automatic review updated the Problems panel ${elapsed} ms after git add`);

      // The review itself changes nothing git watches: once the edits stop, the re-runs stop.
      let lastRun = Date.now();
      const counting = api.review.onDidReview(() => (lastRun = Date.now()));
      try {
        await until('three quiet seconds without a review', () => Date.now() - lastRun > 3000, 20_000);
      } finally {
        counting.dispose();
      }
      assert.ok(runs.length <= 5, `${runs.length} automatic reviews for one edit and one git add`);
    } finally {
      listener.dispose();
    }
  });

  it("ends the wait for git's first status once git has read the repository, not at the wait's limit (the work that can wait then waits for a quiet host)", async function () {
    this.timeout(30_000);
    // With a limit longer than the test's, only git's first status can end the wait.
    await gitFirstStatus(10 * 60_000);
    const git = await gitApi();
    assert.ok(git, 'the git extension is on in this workspace');
    const repository = git.getRepository(workspaceRoot());
    assert.ok(repository?.state.HEAD?.name, 'git has read the branch');
  });

  it("starts the work that can wait once the extension host is quiet: not while its thread is busy, and not past the wait's limit", async function () {
    this.timeout(30_000);
    await startupSettled();
    /** Holds the thread in 30 ms pieces, as a busy extension does, until `ms` from now. */
    const busyFor = (ms: number) => {
      const until = performance.now() + ms;
      return new Promise<void>((resolve) => {
        const piece = () => {
          const end = Math.min(until, performance.now() + 30);
          while (performance.now() < end) { /* busy */ }
          if (performance.now() < until) setTimeout(piece, 5);
          else resolve();
        };
        piece();
      });
    };
    let started = performance.now();
    const busy = busyFor(1200);
    await quietHost(10_000);
    const quietAt = performance.now() - started;
    await busy;
    assert.ok(quietAt >= 1200, `the host was called quiet after ${quietAt.toFixed(0)} ms, while it was busy for 1,200 ms`);
    assert.ok(quietAt < 9000, `the quiet spell after a busy one was not seen before the wait's limit (${quietAt.toFixed(0)} ms)`);
    started = performance.now();
    const busyLonger = busyFor(2000);
    await quietHost(400);
    const limitAt = performance.now() - started;
    await busyLonger;
    // Ended by its limit, before the thread was quiet again.
    assert.ok(limitAt >= 400 && limitAt < 2000, `a wait limited to 400 ms ended after ${limitAt.toFixed(0)} ms`);
  });

  it('after a blocked commit, says a saved fix is not staged, and "Stage my fixes" stages only the PM-editable files', async () => {
    const api = await pmZone();
    // Everything is staged (as VS Code stages all for a commit); then a copy fix is saved, and a second locked edit.
    const stagedCopy = git('show', `:${COPY}`);
    const lockedText = readFileSync(path(LOCKED), 'utf8');
    edit(COPY, (text) => text.replace('"Place order"', '"Place your order"').replace('"Confirm order"', '"Confirm your order"'));
    edit(LOCKED, (text) => `${text}// and a saved second edit\n`);
    try {
      const run = await reviewNow();
      assert.deepEqual(run.savedFixes, { toStage: [COPY], stagedBefore: [COPY] }, 'the locked file is never a fix to stage');
      const rows = await api.sidebar.myChange.getChildren();
      const row = rows.find((node) => (node as { kind: string }).kind === 'savedFixes');
      assert.ok(row, `no "Not staged" row: ${rows.map((node) => (node as { kind: string }).kind).join(', ')}`);
      const item = api.sidebar.myChange.getTreeItem(row as never);
      assert.equal(item.label, 'Not staged: en.json');
      assert.equal(item.command?.command, 'pmZone.stageFixes');
      await vscode.commands.executeCommand('pmZone.myChange.focus');
      await requestScreenshot('review-not-staged');

      const staged = await vscode.commands.executeCommand<string[]>('pmZone.stageFixes', workspaceRoot());
      assert.deepEqual(staged, [COPY]);
      assert.equal(git('diff', '--name-only', '--', COPY), '', 'the saved copy is staged');
      assert.equal(git('diff', '--name-only', '--', LOCKED).trim(), LOCKED, 'the locked file was staged');
      await api.review.whenIdle();
      assert.deepEqual((api.review.latest(workspaceRoot()) as ReviewRun).savedFixes.toStage, []);
    } finally {
      writeFileSync(path(COPY), stagedCopy);
      git('add', '--', COPY);
      writeFileSync(path(LOCKED), lockedText);
    }
  });

  it('installs a pre-commit hook that blocks a commit with blockers, and removes it', async () => {
    const hook = `${workspaceRoot().fsPath}/.git/hooks/pre-commit`;
    const installed = await vscode.commands.executeCommand<{ status: string; hookPath: string }>('pmZone.installHook');
    assert.equal(installed?.status, 'installed');
    const script = readFileSync(hook, 'utf8');
    assert.ok(script.includes('# pm-zone: managed pre-commit hook'), script);
    assert.match(script, /"\$@" 'review' '--staged'/);
    assert.match(script, /installed by the PM Zone extension/);
    assert.equal((await vscode.commands.executeCommand<{ status: string }>('pmZone.installHook'))?.status, 'already-installed');

    const commit = spawnSync('git', ['commit', '-m', 'Longer sessions'], { cwd: workspaceRoot().fsPath, encoding: 'utf8' });
    assert.equal(commit.status, 1, `the commit went through: ${commit.stdout}${commit.stderr}`);
    assert.match(commit.stdout + commit.stderr, /zone\.locked/);
    assert.match(commit.stderr, /commit blocked/);
    assert.equal(git('rev-parse', 'HEAD'), git('rev-parse', 'main'), 'a commit was made');

    assert.equal((await vscode.commands.executeCommand<{ status: string }>('pmZone.uninstallHook'))?.status, 'uninstalled');
    assert.ok(!existsSync(hook));
  });

  it('keeps an installed hook in step with the settings, so a terminal commit is reviewed as the editor reviews', async () => {
    const hook = `${workspaceRoot().fsPath}/.git/hooks/pre-commit`;
    const settings = vscode.workspace.getConfiguration('pmZone');
    assert.equal((await vscode.commands.executeCommand<{ status: string }>('pmZone.installHook'))?.status, 'installed');
    try {
      // Who the user is lives in the User settings only (application scope).
      await settings.update('identity', '@alice', vscode.ConfigurationTarget.Global);
      await settings.update('review.maxFiles', 25, vscode.ConfigurationTarget.Workspace);
      const rewritten = await until('the hook to carry the settings', () => {
        const script = readFileSync(hook, 'utf8');
        return script.includes(`'review' '--staged' '--as' '@alice' '--max-files' '25'`) && script;
      });
      assert.ok(rewritten.includes('# pm-zone: managed pre-commit hook'));
      await settings.update('identity', undefined, vscode.ConfigurationTarget.Global);
      await settings.update('review.maxFiles', undefined, vscode.ConfigurationTarget.Workspace);
      await until('the hook to drop them again', () => /"\$@" 'review' '--staged' '--time-limit' '120'\n/.test(readFileSync(hook, 'utf8')));
    } finally {
      await settings.update('identity', undefined, vscode.ConfigurationTarget.Global);
      await settings.update('review.maxFiles', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('pmZone.uninstallHook');
    }
    assert.ok(!existsSync(hook));
  });

  it('benchmark: reviews a change of 63 files, median of three runs', async () => {
    const api = await pmZone();
    const repository = await api.repositories.forUri(fileUri(COPY));
    assert.ok(repository);
    const en = readFileSync(path(COPY), 'utf8');
    const added = Array.from({ length: 60 }, (_, index) => `src/features/checkout/i18n/bench-${String(index).padStart(2, '0')}.json`);
    try {
      for (const file of added) writeFileSync(path(file), en);
      await api.review.whenIdle();
      const durations: number[] = [];
      for (let round = 0; round < 3; round++) {
        const run = await api.review.review(repository, 'command');
        assert.ok(run.change.files.length >= 63, `${run.change.files.length} files`);
        durations.push(run.durationMs);
      }
      const median = [...durations].sort((a, b) => a - b)[1];
      console.log(`      review of ${added.length + 3} changed files: median ${median.toFixed(0)} ms (${durations.map((d) => d.toFixed(0)).join(', ')})`);
      assert.ok(median < 5000, `a 63-file review took ${median.toFixed(0)} ms`);
    } finally {
      for (const file of added) rmSync(path(file), { force: true });
    }
  });

  it('says in one sentence when git cannot find the base branch', async () => {
    const api = await pmZone();
    await vscode.workspace.getConfiguration('pmZone').update('review.base', 'no-such-branch', vscode.ConfigurationTarget.Workspace);
    try {
      const repository = await api.repositories.forUri(fileUri(COPY));
      assert.ok(repository);
      await assert.rejects(api.review.review(repository, 'command'), (error: Error) => {
        assert.equal(error.name, 'ReviewFailure');
        assert.match(error.message, /no-such-branch/);
        assert.match(error.message, /pmZone\.review\.base/);
        assert.ok(!error.message.includes('\n    at '), 'a stack reached the message');
        return true;
      });
    } finally {
      await vscode.workspace.getConfiguration('pmZone').update('review.base', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
