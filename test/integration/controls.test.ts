import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ControlsReport } from '../../src/core/controls';
import type { EvidenceShown } from '../../src/vscode/evidence';
import { FakeGitHub } from '../support/fakeGitHub';
import { signInToLocalGitHub } from './githubSignIn';
import { closeAllEditors, pmZone, requestScreenshot, until } from './support';

// "PM Zone: Check the controls" in the real host, for an engineer: GitHub
// (the local API server, through the user's sign-in) requires reviews on main
// but not the gate, and the report with its fix is shown in the evidence
// panel's webview.

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
    await fake?.close().catch(() => undefined);
  });

  it('shows each control with its evidence, and the ruleset that would enforce what is missing, in a webview with a strict policy', async () => {
    const shown = await vscode.commands.executeCommand<EvidenceShown<ControlsReport> | undefined>('pmZone.checkControls');
    assert.ok(shown, 'the command showed nothing');
    assert.deepEqual(shown.report.controls.map((control) => [control.id, control.status]), [
      ['approval-required', 'enforced'],
      ['code-owner-review', 'enforced'],
      ['last-push-approval', 'enforced'],
      ['gate-required', 'missing'],
      ['workflow-protected', 'enforced'],
      ['engineering-paths-owned', 'enforced'],
      ['codeowners-valid', 'enforced'],
    ]);
    const tabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    await until('the controls tab', () => tabs().find((tab) => tab.label === 'Controls: acme/shop' && tab.input instanceof vscode.TabInputWebview));
    assert.match(shown.html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src [^;]+; style-src 'nonce-[0-9a-f]{32}'; script-src 'nonce-[0-9a-f]{32}';">/);
    assert.match(shown.html, /❌ missing<\/td><td>no active ruleset or branch protection of main requires the "PM PR Review" check from GitHub Actions/);
    assert.match(shown.html, /"context": "PM PR Review",\s+"integration_id": 15368/);
    await requestScreenshot('controls');
  });
});
