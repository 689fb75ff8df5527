// `pm-zone controls` against the local GitHub API server: each control
// enforced, missing and unknown, from rulesets and from classic branch
// protection, with bypass actors that can and cannot include a pilot PM.
import * as assert from 'node:assert/strict';
import { githubFailures } from '../../support/fakeGitHub';
import { ALICE_ID, commitAppend, evidence, GATE_RULE, pushLock, report, resetGitHub, REVIEW_RULE, sampleOnGitHub, sampleRepo, statuses } from './support';
import { cpuBound } from '../helpers/cpuBound';

const SERVER_CONTROLS = ['approval-required', 'code-owner-review', 'last-push-approval'] as const;

describe('pm-zone controls', function () {
  this.timeout(cpuBound(60_000));
  const at = sampleOnGitHub();

  it('says every control is enforced by one ruleset nobody in the pilot can bypass, and exits 0', async () => {
    at.fake.rules.addRuleset('acme', 'shop', { name: 'Protect main', rules: [REVIEW_RULE, GATE_RULE()], bypass_actors: [{ actor_id: 5, actor_type: 'RepositoryRole', bypass_mode: 'pull_request' }] });
    at.fake.rules.addRuleset('acme', 'shop', pushLock());
    const { code, report: shown } = await report(at.fake, at.root);
    assert.equal(code, 0, JSON.stringify(shown.controls, null, 1));
    assert.deepEqual(Object.keys(shown), ['repository', 'base', 'regulated', 'controls']);
    assert.deepEqual(Object.keys(shown.controls[0]!), ['id', 'status', 'evidence', 'fix']);
    assert.equal(shown.base, 'main');
    assert.ok(shown.controls.every((control) => control.status === 'enforced' && control.fix === null), JSON.stringify(shown.controls, null, 1));
    assert.match(evidence(shown, 'approval-required'), /^ruleset "Protect main" \(#\d+\) \(1 approving review\) requires an approving review/);
    assert.match(evidence(shown, 'workflow-protected'), /CLAUDE\.md line \d+ makes it engineering-only; \.github\/CODEOWNERS line \d+ gives it to @acme\/platform; code-owner review is required/);
    assert.match(evidence(shown, 'engineering-paths-owned'), /all 8 engineering-only globs of CLAUDE\.md have owners/);
    assert.match(evidence(shown, 'paths-locked-on-server'), /^ruleset "Lock engineering paths" \(#\d+\) refuses any push touching the 8 engineering-only globs of CLAUDE\.md \(\d+ paths checked at main \([0-9a-f]{7}\)\); no pilot PM can bypass it$/);
    assert.equal(evidence(shown, 'gate-in-merge-queue'), 'no active ruleset of main requires a merge queue: the gate reports on the pull request itself');
  });

  it('says what is missing when GitHub requires nothing on the base branch, and exits 1', async () => {
    const { code, report: shown } = await report(at.fake, at.root);
    assert.equal(code, 1);
    assert.deepEqual(statuses(shown), {
      'approval-required': 'missing', 'code-owner-review': 'missing', 'last-push-approval': 'missing', 'gate-required': 'missing', 'gate-in-merge-queue': 'enforced',
      'workflow-protected': 'missing', 'engineering-paths-owned': 'enforced', 'paths-locked-on-server': 'missing', 'codeowners-valid': 'enforced',
    });
    assert.match(evidence(shown, 'paths-locked-on-server'), /^no push ruleset of acme\/shop restricts `\*\*\/auth\/\*\*` \(CLAUDE\.md line \d+\), .*`\.claude\/\*\*` \(CLAUDE\.md line \d+\): a pilot PM's push there is refused only at review$/);
    assert.equal(evidence(shown, 'approval-required'), 'no active ruleset or branch protection of main requires an approving review (GitHub never counts the author\'s own)');
    assert.match(evidence(shown, 'workflow-protected'), /but code-owner review is not enforced \(see code-owner-review\), so a PM's pull request can edit it and merge/);
    assert.match(shown.controls[0]!.fix!, /gh api --method POST repos\/acme\/shop\/rulesets --input -/);
  });

  it('takes a ruleset in evaluate or disabled mode, or one for another branch, as enforcing nothing', async () => {
    at.fake.rules.addRuleset('acme', 'shop', { name: 'Trial rules', enforcement: 'evaluate', rules: [REVIEW_RULE] });
    at.fake.rules.addRuleset('acme', 'shop', { name: 'Old rules', enforcement: 'disabled', rules: [REVIEW_RULE] });
    at.fake.rules.addRuleset('acme', 'shop', { name: 'Releases', rules: [REVIEW_RULE, GATE_RULE()], conditions: { ref_name: { include: ['refs/heads/release/*'], exclude: [] } } });
    const { report: shown } = await report(at.fake, at.root);
    for (const id of SERVER_CONTROLS) assert.equal(statuses(shown)[id], 'missing', id);
    assert.match(evidence(shown, 'code-owner-review'), /"Trial rules" \(evaluate\), "Old rules" \(disabled\) enforce nothing$/);
    // The release ruleset does apply to its own branch.
    const release = await report(at.fake, at.root, '--base', 'release/1');
    assert.equal(release.report.base, 'release/1');
    assert.equal(statuses(release.report)['approval-required'], 'enforced');
  });

  it('reads classic branch protection when the token may, and names it as the evidence', async () => {
    at.fake.rules.protect('acme', 'shop', 'main', { reviews: { count: 2, codeOwners: true, lastPush: true }, checks: [{ context: 'PM PR Review', app_id: 15368 }], enforceAdmins: true });
    at.fake.rules.addRuleset('acme', 'shop', pushLock());
    const { code, report: shown } = await report(at.fake, at.root);
    assert.equal(code, 0, JSON.stringify(shown.controls, null, 1));
    assert.equal(evidence(shown, 'approval-required'), 'the branch protection of main (2 approving reviews) requires an approving review (GitHub never counts the author\'s own); no pilot PM can bypass it');
  });

  it('fails a control that branch protection lets admins skip when a pilot PM is an admin', async () => {
    at.fake.rules.setRole('alice', 'admin', ALICE_ID);
    at.fake.rules.protect('acme', 'shop', 'main', { reviews: { count: 1, codeOwners: true, lastPush: true }, checks: [{ context: 'PM PR Review', app_id: 15368 }], enforceAdmins: false });
    const { report: shown } = await report(at.fake, at.root);
    assert.equal(statuses(shown)['approval-required'], 'missing');
    assert.match(evidence(shown, 'approval-required'), /but repository admins \(the protection does not include administrators\) may bypass it, and @alice has the admin role$/);
  });

  it('fails a control a pilot PM may bypass: their role, or themselves, on the bypass list', async () => {
    at.fake.rules.addRuleset('acme', 'shop', { name: 'Protect main', rules: [REVIEW_RULE, GATE_RULE()], bypass_actors: [{ actor_id: 4, actor_type: 'RepositoryRole', bypass_mode: 'always' }] });
    let shown = (await report(at.fake, at.root)).report;
    assert.equal(statuses(shown)['gate-required'], 'missing');
    assert.match(evidence(shown, 'gate-required'), /but the write role \(always\) may bypass it, and @alice has the write role$/);

    resetGitHub(at.fake);
    at.fake.rules.addRuleset('acme', 'shop', { name: 'Protect main', rules: [REVIEW_RULE], bypass_actors: [{ actor_id: ALICE_ID, actor_type: 'User', bypass_mode: 'pull_request' }] });
    shown = (await report(at.fake, at.root)).report;
    assert.match(evidence(shown, 'approval-required'), /but @alice may bypass it \(pull_request\)$/);
    assert.equal(statuses(shown)['approval-required'], 'missing');
  });

  it('fails closed on bypass actors it cannot place: a team, an app, a deploy key are unknown, never enforced', async () => {
    for (const actor of [{ actor_id: 77, actor_type: 'Team' }, { actor_id: 9, actor_type: 'Integration' }, { actor_id: null, actor_type: 'DeployKey' }] as const) {
      resetGitHub(at.fake);
      at.fake.rules.addRuleset('acme', 'shop', { name: 'Protect main', rules: [REVIEW_RULE], bypass_actors: [{ ...actor, bypass_mode: 'always' }] });
      const { code, report: shown } = await report(at.fake, at.root);
      assert.equal(statuses(shown)['approval-required'], 'unknown', actor.actor_type);
      assert.match(evidence(shown, 'approval-required'), actor.actor_type === 'Team' ? /team #77 may bypass it \(always\), and PM Zone cannot see whether a pilot PM is in it/ : actor.actor_type === 'Integration' ? /app #9 may bypass it/ : /deploy keys may bypass it/);
      assert.equal(code, 1, 'the other controls are missing');
    }
  });

  it('says unknown, needing the permission, when the token may not read the bypass actors, a ruleset or the branch protection', async () => {
    at.fake.rules.access = 'write';
    at.fake.rules.addRuleset('acme', 'shop', { name: 'Protect main', rules: [REVIEW_RULE], bypass_actors: [] });
    at.fake.rules.protect('acme', 'shop', 'main', { checks: [{ context: 'PM PR Review', app_id: 15368 }], enforceAdmins: true });
    let shown = (await report(at.fake, at.root)).report;
    assert.equal(statuses(shown)['approval-required'], 'unknown');
    assert.match(evidence(shown, 'approval-required'), /^needs admin access to the repository \(Administration: read\) to see who may bypass it/);
    // The branch's own page shows its required checks to anyone who can read it.
    assert.equal(statuses(shown)['gate-required'], 'enforced', evidence(shown, 'gate-required'));

    resetGitHub(at.fake);
    at.fake.rules.access = 'write';
    at.fake.rules.protect('acme', 'shop', 'main', { reviews: { count: 1 } });
    shown = (await report(at.fake, at.root)).report;
    assert.equal(evidence(shown, 'approval-required'), 'needs Administration: read to read the branch protection of main (GitHub answered 404): no ruleset requires it an approving review (GitHub never counts the author\'s own)');

    resetGitHub(at.fake);
    at.fake.rules.addRuleset('acme', 'shop', { name: 'Protect main', rules: [REVIEW_RULE] });
    at.fake.failNext('GET /repos/:o/:r/rulesets/:id', githubFailures.forbidden());
    at.fake.failNext('GET /repos/:o/:r/codeowners/errors', githubFailures.forbidden());
    shown = (await report(at.fake, at.root)).report;
    assert.match(evidence(shown, 'code-owner-review'), /^needs Metadata: read to read ruleset #\d+ and who may bypass it \(GitHub answered 403\)/);
    assert.equal(evidence(shown, 'codeowners-valid'), 'needs Contents: read to list the CODEOWNERS errors at main (GitHub answered 403)');
  });

  it('judges a ruleset-only branch from its rules with a token that may not read branch protection: missing, not unknown', async () => {
    at.fake.rules.access = 'write';
    at.fake.rules.addRuleset('acme', 'shop', { name: 'Checks', rules: [GATE_RULE()] });
    const shown = (await report(at.fake, at.root)).report;
    assert.equal(statuses(shown)['approval-required'], 'missing', evidence(shown, 'approval-required'));
    assert.equal(evidence(shown, 'approval-required'), 'no active ruleset or branch protection of main requires an approving review (GitHub never counts the author\'s own)');
    assert.ok(!at.fake.calls().includes('GET /repos/acme/shop/branches/main/protection'), 'a ruleset-only branch has no classic protection to ask for');
  });

  it('takes the gate as required only from GitHub Actions: a check of that name from any source is one a PM can post', async () => {
    at.fake.rules.addRuleset('acme', 'shop', { name: 'Checks', rules: [GATE_RULE(null)] });
    const shown = (await report(at.fake, at.root)).report;
    assert.equal(statuses(shown)['gate-required'], 'missing');
    assert.match(evidence(shown, 'gate-required'), /takes "PM PR Review" from any source, so anyone with write access, a pilot PM too, can post a passing status of that name/);
  });

  it("reports GitHub's CODEOWNERS errors at the base, and in regulated mode counts unknown as missing", async () => {
    at.fake.rules.addRuleset('acme', 'shop', { name: 'Protect main', rules: [REVIEW_RULE, GATE_RULE()] });
    at.fake.rules.codeownersErrors('acme', 'shop', 'main', [{ line: 7, column: 7, kind: 'Invalid owner', source: '*.txt docs@', suggestion: null, message: 'Invalid owner on line 7', path: '.github/CODEOWNERS' }]);
    let run = await report(at.fake, at.root);
    assert.equal(statuses(run.report)['codeowners-valid'], 'missing');
    assert.equal(evidence(run.report, 'codeowners-valid'), 'GitHub reports 1 error in CODEOWNERS at main, and skips those lines: .github/CODEOWNERS line 7: Invalid owner (*.txt docs@)');
    assert.equal(run.code, 1);

    const regulated = await sampleRepo({ regulated: true });
    resetGitHub(at.fake);
    at.fake.rules.addRuleset('acme', 'shop', { name: 'Protect main', rules: [REVIEW_RULE, GATE_RULE()], bypass_actors: [{ actor_id: 77, actor_type: 'Team', bypass_mode: 'always' }] });
    at.fake.rules.addRuleset('acme', 'shop', pushLock());
    run = await report(at.fake, regulated);
    assert.equal(run.report.regulated, true);
    assert.deepEqual(run.report.controls.filter((control) => control.status !== 'enforced').map((control) => control.status), ['unknown', 'unknown', 'unknown', 'unknown', 'unknown']);
    assert.equal(run.code, 1);
    // The same unknowns in standard mode do not fail the run, and are never shown as enforced.
    const standard = await report(at.fake, at.root);
    assert.equal(standard.code, 0);
    assert.equal(statuses(standard.report)['approval-required'], 'unknown');
  });

  it('finds an engineering-only glob without an owner, and an owner named for it makes it enforced', async () => {
    const unenforced = await sampleRepo({ unenforced: true });
    at.fake.rules.addRuleset('acme', 'shop', { name: 'Protect main', rules: [REVIEW_RULE, GATE_RULE()] });
    let shown = (await report(at.fake, unenforced)).report;
    assert.equal(statuses(shown)['engineering-paths-owned'], 'missing');
    assert.match(evidence(shown, 'engineering-paths-owned'), /^`\*\*\/audit\/\*\*` \(CLAUDE\.md line \d+\) has no owner in \.github\/CODEOWNERS at main \([0-9a-f]{7}\)$/);
    await commitAppend(unenforced, '.github/CODEOWNERS', '**/audit/** @acme/security\n');
    shown = (await report(at.fake, unenforced)).report;
    assert.equal(statuses(shown)['engineering-paths-owned'], 'enforced');
  });
});
