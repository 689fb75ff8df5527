import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ControlsReport } from '../../src/core/controls';
import type { EvidenceShown } from '../../src/vscode/evidence';
import { FakeGitHub } from '../support/fakeGitHub';
import { signInToLocalGitHub } from './githubSignIn';
import { closeAllEditors, pmZone, requestScreenshot, until } from './support';

// "PM Zone: Check the controls" in the real host, for an engineer: GitHub
// (the local API server, through the user's sign-in) requires reviews on main
// but not the gate, and no push ruleset locks the engineering-only paths; the
// report with its fix (the branch ruleset, the push ruleset) is shown in the
// evidence panel's webview, and a push ruleset added on GitHub turns its
// control enforced.

describe('Check the controls', function () {
  this.timeout(90_000);
  let fake: FakeGitHub;
  let signOut: (() => Promise<void>) | undefined;

  before(async () => {
    await (await pmZone()).repositories.whenIdle();
    fake = await FakeGitHub.start({ pathPrefix: '/api/v3', login: 'dana' });
    signOut = await signInToLocalGitHub(fake);
    fake.addRepo('acme', 'shop');
    fake.rules.setRole('alice', 'write', 501);
    fake.rules.setRole('bob', 'write', 502);
    fake.rules.addRuleset('acme', 'shop', {
      name: 'Protect main',
      rules: [{ type: 'pull_request', parameters: { required_approving_review_count: 1, require_code_owner_review: true, require_last_push_approval: true, dismiss_stale_reviews_on_push: false, required_review_thread_resolution: false } }],
      bypass_actors: [{ actor_id: 5, actor_type: 'RepositoryRole', bypass_mode: 'pull_request' }],
    });
  });

  after(async () => {
    await closeAllEditors();
    await signOut?.();
    // Fails on any answer of the local GitHub outside GitHub's published description.
    await fake?.close();
  });

  it('shows each control with its evidence, and the ruleset that would enforce what is missing, in a webview with a strict policy', async () => {
    const shown = await vscode.commands.executeCommand<EvidenceShown<ControlsReport> | undefined>('pmZone.checkControls');
    assert.ok(shown, 'the command showed nothing');
    assert.deepEqual(shown.report.controls.map((control) => [control.id, control.status]), [
      ['approval-required', 'enforced'],
      ['code-owner-review', 'enforced'],
      ['last-push-approval', 'enforced'],
      ['gate-required', 'missing'],
      ['gate-in-merge-queue', 'enforced'],
      ['workflow-protected', 'enforced'],
      ['engineering-paths-owned', 'enforced'],
      ['paths-locked-on-server', 'missing'],
      ['codeowners-valid', 'enforced'],
    ]);
    const tabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    await until('the controls tab', () => tabs().find((tab) => tab.label === 'Controls: acme/shop' && tab.input instanceof vscode.TabInputWebview));
    assert.match(shown.html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src [^;]+; style-src 'nonce-[0-9a-f]{32}'; script-src 'nonce-[0-9a-f]{32}';">/);
    assert.match(shown.html, /❌ missing<\/td><td>no active ruleset or branch protection of main requires the "PM PR Review" check from GitHub Actions/);
    assert.match(shown.html, /"context": "PM PR Review",\s+"integration_id": 15368/);
    // The push ruleset that locks the engineering-only paths on GitHub itself, beside the branch ruleset.
    assert.match(shown.html, /<code>paths-locked-on-server<\/code> GitHub itself refuses a pilot PM(?:'|&#x27;)s push that touches an engineering-only path \(a push ruleset\)<\/td><td>❌ missing<\/td><td>no push ruleset of acme\/shop restricts `\*\*\/auth\/\*\*`/);
    assert.match(shown.html, /"target": "push",\s+"enforcement": "evaluate"/);
    assert.match(shown.html, /"type": "file_path_restriction",\s+"parameters": \{\s+"restricted_file_paths": \[\s+"\*\*\/auth\/\*\*\/\*"/);
    await requestScreenshot('controls');
  });

  it('says the engineering-only paths are locked on GitHub once a push ruleset restricts them all', async () => {
    fake.rules.addRuleset('acme', 'shop', {
      name: 'Lock engineering paths', target: 'push',
      rules: [{ type: 'file_path_restriction', parameters: { restricted_file_paths: ['**/auth/**/*', '**/payments/**/*', '**/migrations/**/*', '**/infra/**/*', '.github/workflows/**/*', 'CLAUDE.md', '.github/CODEOWNERS', '.claude/**/*'] } }],
    });
    const shown = await vscode.commands.executeCommand<EvidenceShown<ControlsReport> | undefined>('pmZone.checkControls');
    const locked = shown?.report.controls.find((control) => control.id === 'paths-locked-on-server');
    assert.equal(locked?.status, 'enforced', locked?.evidence);
    assert.match(shown!.html, /✅ enforced<\/td><td>ruleset "Lock engineering paths" \(#\d+\) refuses any push touching the 8 engineering-only globs/);
    assert.doesNotMatch(shown!.html, /"target": "push"/, 'no push ruleset to create once one locks every path');
    await requestScreenshot('controls-locked');
  });
});
