import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { AuditReport, Readout } from '../../src/core/audit';
import { energyLine } from '../../src/core/pr';
import type { EvidenceShown } from '../../src/vscode/evidence';
import { FakeGitHub } from '../support/fakeGitHub';
import { PLANNING_TEXT } from '../support/finishedPlanning';
import { signInToLocalGitHub } from './githubSignIn';
import { closeAllEditors, fileUri, pmZone, requestClick, requestScreenshot, resetWorkspace, until, workspaceGit } from './support';

// "PM Zone: Audit trail" and "PM Zone: Pilot readout" in the real host: a
// merged pilot change with its planning doc, review, flag flip and check-in,
// and an engineer's checkout change before the pilot as its baseline, read
// from git and from the local GitHub API server through the user's sign-in,
// and shown in a webview.

const FEATURE = 'src/features/checkout/gift-note';
const FLAGS = 'src/features/checkout/flags.yaml';

function commitAt(message: string, date: string, author = 'Alice PM <alice@acme.test>'): string {
  workspaceGit('add', '--all');
  workspaceGit('-c', `user.name=${author.split(' <')[0]}`, '-c', `user.email=${author.split('<')[1]!.slice(0, -1)}`, 'commit', '--quiet', '--no-verify', '--date', date, '-m', message);
  return workspaceGit('rev-parse', 'HEAD').trim();
}

function mergeAt(branch: string, date: string): string {
  workspaceGit('checkout', '--quiet', 'main');
  workspaceGit('-c', 'user.name=Dana Engineer', '-c', 'user.email=dana@acme.test', 'merge', '--quiet', '--no-ff', '--no-verify', '-m', `Merge ${branch}`, branch);
  // The merge's dates: git merge takes them from the environment only, so amend them in.
  workspaceGit('-c', 'user.name=Dana Engineer', '-c', 'user.email=dana@acme.test', 'commit', '--quiet', '--amend', '--no-edit', '--no-verify', '--date', date);
  return workspaceGit('rev-parse', 'HEAD').trim();
}

function write(relPath: string, text: string): void {
  const path = fileUri(relPath).fsPath;
  mkdirSync(path.replace(/\/[^/]+$/, ''), { recursive: true });
  writeFileSync(path, text);
}

describe('The pilot\'s evidence: audit trail and readout', function () {
  this.timeout(90_000);
  let fake: FakeGitHub;
  let signOut: (() => Promise<void>) | undefined;
  let mainBefore: string;

  before(async () => {
    const api = await pmZone();
    await api.repositories.whenIdle();
    mainBefore = workspaceGit('rev-parse', 'main').trim();
    fake = await FakeGitHub.start({ pathPrefix: '/api/v3', login: 'alice' });
    signOut = await signInToLocalGitHub(fake);

    // Before the pilot, the old way: an engineer's checkout feature.
    workspaceGit('checkout', '--quiet', '-b', 'dana/wrap-option', 'main');
    write('src/features/checkout/wrap/PLANNING.md', PLANNING_TEXT);
    commitAt('Wrap option: design notes', '2026-02-02T09:00:00Z', 'Dana Engineer <dana@acme.test>');
    write('src/features/checkout/wrap/copy.json', '{"wrap": "Gift wrap"}\n');
    commitAt('Wrap option', '2026-02-09T09:00:00Z', 'Dana Engineer <dana@acme.test>');
    const baselineMerge = mergeAt('dana/wrap-option', '2026-02-12T09:00:00Z');
    // The pilot: Alice's planning doc, then the copy, merged after one round of changes, then the flag flipped.
    workspaceGit('checkout', '--quiet', '-b', 'alice/gift-note', 'main');
    write(`${FEATURE}/PLANNING.md`, PLANNING_TEXT.replace('- Expected direction: up', '- Expected direction: up\n- Result: 64% after two weeks'));
    commitAt('Gift note: planning doc', '2026-03-02T09:00:00Z');
    write(`${FEATURE}/copy.json`, '{"note": "Add a gift note"}\n');
    commitAt('Gift note: copy', '2026-03-03T09:00:00Z');
    const pilotMerge = mergeAt('alice/gift-note', '2026-03-05T09:00:00Z');
    const flags = fileUri(FLAGS).fsPath;
    const { readFileSync } = await import('node:fs');
    writeFileSync(flags, readFileSync(flags, 'utf8').replace(/rollout: \d+/, 'rollout: 50'));
    commitAt('Roll checkout_copy_v2 out to half', '2026-03-06T09:00:00Z', 'Dana Engineer <dana@acme.test>');

    fake.addRepo('acme', 'shop');
    fake.addPullRequest('acme', 'shop', {
      head: 'dana/wrap-option', author: 'dana', title: 'Gift wrap option', state: 'closed',
      createdAt: '2026-02-10T09:00:00Z', mergedAt: '2026-02-12T09:00:00Z', mergeCommitSha: baselineMerge,
      // Two rounds of changes, each on a commit the next push replaced: two review cycles.
      reviews: [{ author: 'erin', state: 'CHANGES_REQUESTED', submittedAt: '2026-02-11T09:00:00Z', commitId: '1'.repeat(40) }, { author: 'erin', state: 'CHANGES_REQUESTED', submittedAt: '2026-02-11T15:00:00Z', commitId: '2'.repeat(40) }, { author: 'erin', state: 'APPROVED', submittedAt: '2026-02-12T08:00:00Z' }],
    });
    fake.addPullRequest('acme', 'shop', {
      head: 'alice/gift-note', author: 'alice', title: 'A gift note at checkout', labels: ['pm-authored'], state: 'closed',
      body: `Planning: ${FEATURE}/PLANNING.md\n\n## Pilot check-in\n\n${energyLine(4)}\n`,
      createdAt: '2026-03-03T12:00:00Z', mergedAt: '2026-03-05T09:00:00Z', mergeCommitSha: pilotMerge,
      reviews: [{ author: 'dana', state: 'CHANGES_REQUESTED', submittedAt: '2026-03-04T09:00:00Z', commitId: '3'.repeat(40) }, { author: 'dana', state: 'APPROVED', submittedAt: '2026-03-04T17:00:00Z' }],
    });
  });

  after(async () => {
    await closeAllEditors();
    await signOut?.();
    await fake?.close().catch(() => undefined);
    if (mainBefore) {
      workspaceGit('checkout', '--quiet', 'main');
      workspaceGit('reset', '--hard', '--quiet', mainBefore);
    }
    resetWorkspace();
    await (await pmZone()).repositories.whenIdle();
  });

  /** The webview's tab, once the workbench lists it. */
  function webviewTab(label: string): Promise<vscode.Tab> {
    const tabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    return until(`a webview tab "${label}" (tabs: ${tabs().map((tab) => `${tab.label} ${tab.input?.constructor.name}`).join(', ')})`, () => tabs().find((tab) => tab.label === label && tab.input instanceof vscode.TabInputWebview));
  }

  it('shows the audit trail of each PM pull request, from the planning commit to the flag flip, in a webview with a strict policy', async () => {
    const shown = await vscode.commands.executeCommand<EvidenceShown<AuditReport> | undefined>('pmZone.auditTrail', { since: '2026-01-01' });
    assert.ok(shown, 'the command showed nothing');
    assert.deepEqual(shown.report.pullRequests.map((pull) => [pull.number, pull.complete, pull.missing]), [[2, true, []]]);
    assert.equal(shown.report.pullRequests[0]!.intent.planningPath, `${FEATURE}/PLANNING.md`);
    assert.deepEqual(shown.report.pullRequests[0]!.deployment?.flips.map((flip) => [flip.flag, flip.to.rollout]), [['checkout_copy_v2', 50]]);
    await webviewTab('Audit trail: acme/shop');
    assert.match(shown.html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src [^;]+; style-src 'nonce-[0-9a-f]{32}'; script-src 'nonce-[0-9a-f]{32}';">/);
    assert.match(shown.html, new RegExp(`<a href="${fake.webUrl}/acme/shop/pull/2" data-open="[^"]+">#2 A gift note at checkout</a>`));
    await requestScreenshot('audit-trail');
    // A click on the pull request's link, in the page, reaches the extension, which opens it: the report's own links only.
    const panel = (await pmZone()).evidence.audit;
    const pullUrl = `${fake.webUrl}/acme/shop/pull/2`;
    requestClick(`a[data-open="${pullUrl}"]`);
    assert.deepEqual(await until('the link to reach the extension', () => panel.linkRequests.find((request) => request.url === pullUrl), 15_000), { url: pullUrl, opened: true });
  });

  it('reads the pilot out against the baseline in the same webview style, with the charts in the theme\'s colours', async () => {
    const shown = await vscode.commands.executeCommand<EvidenceShown<Readout> | undefined>('pmZone.pilotReadout', { start: '2026-03-02' });
    assert.ok(shown, 'the command showed nothing');
    const alice = shown.report.pilots.find((pilot) => pilot.handle === '@alice')!;
    assert.deepEqual(alice.pullRequests, [2]);
    // Idea 2026-03-02 → first code 03-03: 1 day; one round of changes; opened 03-03 12:00 → merged 03-05 09:00.
    assert.deepEqual(alice.metrics, { ideaToFirstCommitDays: 1, reviewCycles: 1, cycleTimeDays: 1.88, energy: 4 });
    assert.deepEqual(alice.baseline, { pullRequests: [1], ideaToFirstCommitDays: 7, reviewCycles: 2, cycleTimeDays: 2, energy: null });
    assert.equal(shown.report.decision, 'success');
    await webviewTab('Pilot readout: acme/shop');
    assert.equal((shown.html.match(/<svg[\s\S]*?<\/svg>/g) ?? []).length, 2);
    // Drawn in placeholder colours the page's style sheet maps to the theme.
    assert.match(shown.html, /fill="#070809"/);
    assert.match(shown.html, /svg \[fill="#070809"\] \{ fill: var\(--vscode-charts-blue\); \}/);
    await requestScreenshot('pilot-readout');
  });
});
