// The controls GitHub's newer rules bring: push rulesets that lock the
// engineering-only paths against any push (paths-locked-on-server), the merge
// queue the gate must report in (gate-in-merge-queue), and the answers GitHub
// gives an administrator's tool in practice: organisation rulesets, teams as
// bypass actors, a hundred rulesets and more across pages, a 403 for SAML
// single sign-on.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ciWorkflow, WORKFLOW_PATH } from '../../../src/core/ci';
import { pushPathMatches, pushPathsOf } from '../../../src/core/controls';
import { githubFailures } from '../../support/fakeGitHub';
import { runGit } from '../helpers/tempRepo';
import { evidence, GATE_RULE, LOCKED_PATHS, pushLock, report, resetGitHub, REVIEW_RULE, sampleOnGitHub, sampleRepo, statuses } from './support';
import { cpuBound } from '../helpers/cpuBound';

const MERGE_QUEUE = { type: 'merge_queue', parameters: { check_response_timeout_minutes: 60, grouping_strategy: 'ALLGREEN', max_entries_to_build: 5, max_entries_to_merge: 5, merge_method: 'MERGE', min_entries_to_merge: 1, min_entries_to_merge_wait_minutes: 5 } };

describe('pm-zone controls: push rulesets and the merge queue', function () {
  this.timeout(cpuBound(60_000));
  const at = sampleOnGitHub();
  const locked = async () => {
    const { code, report: shown } = await report(at.fake, at.root);
    return { code, status: statuses(shown)['paths-locked-on-server'], evidence: evidence(shown, 'paths-locked-on-server') };
  };

  it('writes CLAUDE.md globs in GitHub\'s path syntax (fnmatch, FNM_PATHNAME) and reads restricted paths the way GitHub does', () => {
    assert.deepEqual(pushPathsOf('**/auth/**'), ['**/auth/**/*']);
    assert.deepEqual(pushPathsOf('./infra/{terraform,k8s}/**'), ['infra/terraform/**/*', 'infra/k8s/**/*']);
    assert.deepEqual(pushPathsOf('CLAUDE.md'), ['CLAUDE.md']);
    assert.ok(pushPathMatches('**/auth/**/*', 'auth/session.ts') && pushPathMatches('**/auth/**/*', 'src/auth/tokens/jwt.ts'));
    // To fnmatch a final `**` is one level deep, and a wildcard does not match a leading dot.
    assert.ok(!pushPathMatches('**/auth/**', 'src/auth/tokens/jwt.ts'));
    assert.ok(pushPathMatches('**/auth/**', 'src/auth/jwt.ts'));
    assert.ok(!pushPathMatches('**/*.pem', '.secrets/key.pem'));
  });

  it('is missing while a glob is left out, or the ruleset only evaluates, and names which', async () => {
    at.fake.rules.addRuleset('acme', 'shop', pushLock({ paths: LOCKED_PATHS.filter((path) => !path.includes('payments')) }));
    let read = await locked();
    assert.equal(read.status, 'missing');
    assert.match(read.evidence, /^no active push ruleset of acme\/shop restricts `\*\*\/payments\/\*\*` \(CLAUDE\.md line \d+\): a pilot PM's push there is refused only at review$/);

    resetGitHub(at.fake);
    at.fake.rules.addRuleset('acme', 'shop', pushLock({ enforcement: 'evaluate', name: 'Trial lock' }));
    read = await locked();
    assert.equal(read.status, 'missing');
    assert.match(read.evidence, /; ruleset "Trial lock" \(#\d+\) is in evaluate mode and blocks nothing yet$/);
  });

  it('places a team on the bypass list by its members: enforced when no pilot PM is in it, missing when one is, unknown when it cannot see', async () => {
    const platform = at.fake.teams.add('acme', 'platform', ['dana', 'erin']);
    at.fake.rules.addRuleset('acme', 'shop', pushLock({ bypass_actors: [{ actor_id: platform, actor_type: 'Team', bypass_mode: 'always' }] }));
    assert.equal((await locked()).status, 'enforced');

    resetGitHub(at.fake);
    const mixed = at.fake.teams.add('acme', 'product', ['dana', 'alice']);
    at.fake.rules.addRuleset('acme', 'shop', pushLock({ bypass_actors: [{ actor_id: mixed, actor_type: 'Team', bypass_mode: 'always' }] }));
    const read = await locked();
    assert.equal(read.status, 'missing');
    assert.match(read.evidence, /but team acme\/product may bypass it \(always\), and @alice is in it$/);

    at.fake.teams.readable = false;
    const hidden = await locked();
    assert.equal(hidden.status, 'unknown');
    assert.match(hidden.evidence, /PM Zone cannot see whether a pilot PM is in it \(needs Members: read \(read:org\) to see the teams of acme \(GitHub answered 403: Resource not accessible by integration\)\)$/);
  });

  it('reads an organisation\'s push ruleset, whose bypass list only an organisation owner sees', async () => {
    at.fake.rules.addOrganisationRuleset('acme', 'shop', pushLock({ name: 'Org-wide lock' }));
    const member = await locked();
    assert.equal(member.status, 'unknown');
    assert.match(member.evidence, /^ruleset "Org-wide lock" \(#\d+, organisation acme\) restricts src\/auth\/.*, but needs an owner of the organisation/);
    at.fake.rules.organisationOwner = true;
    const owner = await locked();
    assert.equal(owner.status, 'enforced');
    assert.match(owner.evidence, /^ruleset "Org-wide lock" \(#\d+, organisation acme\) refuses any push/);
  });

  it('finds the push ruleset on the second page of 130 rulesets, and every branch ruleset on the pages between', async () => {
    for (let index = 0; index < 129; index++) at.fake.rules.addRuleset('acme', 'shop', { name: `Tag rules ${index}`, target: 'tag', enforcement: index % 2 === 0 ? 'active' : 'disabled', rules: [{ type: 'deletion' }], conditions: { ref_name: { include: [`refs/tags/v${index}*`], exclude: [] } } });
    at.fake.rules.addRuleset('acme', 'shop', { name: 'Draft branch rules', enforcement: 'evaluate', rules: [REVIEW_RULE] });
    at.fake.rules.addRuleset('acme', 'shop', pushLock());
    const { report: shown } = await report(at.fake, at.root);
    assert.equal(statuses(shown)['paths-locked-on-server'], 'enforced');
    assert.match(evidence(shown, 'approval-required'), /"Draft branch rules" \(evaluate\) enforces nothing$/);
    assert.deepEqual(at.fake.requests.filter((request) => request.path === '/repos/acme/shop/rulesets').map((request) => request.query.page ?? '1'), ['1', '2']);
  });

  it('says unknown, with the reason, where GitHub offers no push rulesets: a public repository, a personal account\'s', async () => {
    at.fake.addRepo('acme', 'shop', { visibility: 'public' });
    let read = await locked();
    assert.equal(read.status, 'unknown');
    assert.equal(read.evidence, 'GitHub offers push rulesets for private and internal repositories only, and acme/shop is public: the engineering-only paths are enforced at review (code-owner review), not at push');
    at.fake.addRepo('acme', 'shop', { ownerType: 'User' });
    read = await locked();
    assert.match(read.evidence, /^push rulesets need an organisation on GitHub Team or Enterprise, and acme\/shop belongs to a personal account/);
  });

  it('turns a 403 for SAML single sign-on into unknown with GitHub\'s reason for every control it hides, and still judges the rest', async () => {
    at.fake.rules.addRuleset('acme', 'shop', pushLock());
    at.fake.failNext('GET /repos/:o/:r/rules/branches/:branch', githubFailures.ssoRequired('https://github.com/orgs/acme/sso?authorization_request=1'));
    const { code, report: shown } = await report(at.fake, at.root);
    const unknown = shown.controls.filter((control) => control.status === 'unknown').map((control) => control.id);
    assert.deepEqual(unknown, ['approval-required', 'code-owner-review', 'last-push-approval', 'gate-required', 'gate-in-merge-queue', 'workflow-protected']);
    assert.match(evidence(shown, 'approval-required'), /^GitHub would not give the rules of main \(GitHub answered 403: The organisation that owns acme\/shop uses single sign-on, and the GitHub token is not authorised for it\. Authorise the token for the organisation's SSO: https:\/\/github\.com\/orgs\/acme\/sso\?authorization_request=1, then try again\.\), so PM Zone cannot tell whether a ruleset requires it an approving review/);
    assert.equal(statuses(shown)['paths-locked-on-server'], 'enforced');
    // Unknown is not missing: in standard mode the run exits 0, as documented.
    assert.equal(code, 0);
  });

  it('says whether the gate reports in the merge queue: the workflow at the base runs on merge_group, or every queued pull request waits', async () => {
    at.fake.rules.addRuleset('acme', 'shop', { name: 'Queue', rules: [MERGE_QUEUE, GATE_RULE()] });
    const queued = async (root: string) => {
      const { report: shown } = await report(at.fake, root);
      return { status: statuses(shown)['gate-in-merge-queue'], evidence: evidence(shown, 'gate-in-merge-queue'), fix: shown.controls.find((control) => control.id === 'gate-in-merge-queue')!.fix };
    };
    const root = await sampleRepo();
    let read = await queued(root);
    assert.deepEqual(read.status, 'missing');
    assert.match(read.evidence, /^ruleset "Queue" \(#\d+\) requires a merge queue, and \.github\/workflows\/pm-zone-review\.yml at main \([0-9a-f]{7}\) does not exist: nothing reports the gate there$/);

    const commitWorkflow = async (text: string) => {
      mkdirSync(join(root, '.github/workflows'), { recursive: true });
      writeFileSync(join(root, WORKFLOW_PATH), text);
      await runGit(root, ['add', '--', WORKFLOW_PATH]);
      await runGit(root, ['commit', '--quiet', '--no-verify', '-m', 'The gate']);
    };
    await commitWorkflow(ciWorkflow().replace(/ {2}# The merge queue.*\n {2}merge_group:\n {4}types: \[checks_requested\]\n/, ''));
    read = await queued(root);
    assert.equal(read.status, 'missing');
    assert.match(read.evidence, /does not run on merge_group: every queued pull request waits on the gate's check, which never comes, until the queue times it out$/);
    assert.match(read.fix ?? '', /^pm-zone ci init --update adds the merge_group trigger/);

    await commitWorkflow(ciWorkflow());
    read = await queued(root);
    assert.equal(read.status, 'enforced');
    assert.match(read.evidence, /runs on merge_group: the gate reports on each queued pull request$/);
  });

  it('reads rulesets and classic branch protection together: each control from whichever enforces it', async () => {
    at.fake.rules.addRuleset('acme', 'shop', { name: 'Checks', rules: [GATE_RULE()] });
    at.fake.rules.protect('acme', 'shop', 'main', { reviews: { count: 1, codeOwners: true, lastPush: true }, enforceAdmins: true });
    const { report: shown } = await report(at.fake, at.root);
    assert.match(evidence(shown, 'gate-required'), /^ruleset "Checks" \(#\d+\) requires the "PM PR Review" check/);
    assert.match(evidence(shown, 'code-owner-review'), /^the branch protection of main requires review from code owners/);
    assert.equal(statuses(shown)['approval-required'], 'enforced');
  });

  it('shows that a ruleset requires every conversation resolved, beside its approvals', async () => {
    at.fake.rules.addRuleset('acme', 'shop', { name: 'Reviews', rules: [{ type: 'pull_request', parameters: { ...REVIEW_RULE.parameters, required_review_thread_resolution: true } }] });
    const { report: shown } = await report(at.fake, at.root);
    assert.match(evidence(shown, 'approval-required'), /^ruleset "Reviews" \(#\d+\) \(1 approving review; every conversation resolved\) requires an approving review/);
  });
});
