// The local GitHub API server is GitHub as GitHub describes itself: every
// route it answers is an operation of GitHub's published OpenAPI description
// (@octokit/openapi, test/fixtures/github/openapi-subset.json), and every
// answer it gives, on every route, successes and errors, is valid against that
// operation's schema. Every other test that uses the server checks the same
// on the answers it meets: the server's close() fails on a violation.
import * as assert from 'node:assert/strict';
import { FakeGitHub } from '../../../support/fakeGitHub';
import { DESCRIPTION, operationOf, requestViolations, responseViolations } from '../../../support/github/openapi';
import { shaped } from '../../../support/github/payloads';
import { ACTIONS_APP_ID } from '../../../support/github/rules';

/** One request per route, with what it needs seeded, and a failing one where the route has a documented error. */
const CALLS: Array<[string, string, unknown?]> = [
  ['GET', '/user'],
  ['GET', '/repos/acme/shop'],
  ['GET', '/repos/acme/shop/pulls?state=all&per_page=1'],
  ['GET', '/repos/acme/shop/pulls/1'],
  ['PATCH', '/repos/acme/shop/pulls/1', { body: 'The checklist, updated' }],
  ['PATCH', '/repos/acme/shop/pulls/99', { body: 'No such pull request' }],
  ['GET', '/repos/acme/shop/pulls/1/reviews'],
  ['GET', '/repos/acme/shop/pulls/1/comments'],
  ['POST', '/repos/acme/shop/pulls', { title: 'Copy', head: 'feature', base: 'main', body: 'B', draft: true }],
  ['POST', '/repos/acme/shop/pulls', { title: 'Copy', head: 'nowhere', base: 'main' }],
  ['POST', '/repos/acme/shop/pulls/1/requested_reviewers', { reviewers: ['dana'], team_reviewers: ['platform'] }],
  ['POST', '/repos/acme/shop/pulls/1/requested_reviewers', { reviewers: ['zoe'] }],
  ['POST', '/repos/acme/shop/issues/1/labels', { labels: ['pm-authored'] }],
  ['GET', '/repos/acme/shop/issues/1/comments'],
  ['POST', '/repos/acme/shop/issues/1/comments', { body: 'Hello' }],
  ['PATCH', '/repos/acme/shop/issues/comments/1001', { body: 'Edited' }],
  ['PATCH', '/repos/acme/shop/issues/comments/1002', { body: 'Not mine' }],
  ['GET', `/repos/acme/shop/commits/${'a'.repeat(40)}/check-runs?check_name=PM+PR+Review`],
  ['GET', `/repos/acme/shop/commits/${'a'.repeat(40)}/status`],
  ['GET', '/repos/acme/shop/rules/branches/main'],
  ['GET', '/repos/acme/shop/rulesets?targets=branch,tag,push&includes_parents=true'],
  ['GET', '/repos/acme/shop/rulesets/900'],
  ['GET', '/repos/acme/shop/rulesets/901'],
  ['POST', '/repos/acme/shop/rulesets', { name: 'Lock', target: 'push', enforcement: 'evaluate', bypass_actors: [{ actor_id: 7000, actor_type: 'Team', bypass_mode: 'always' }], rules: [{ type: 'file_path_restriction', parameters: { restricted_file_paths: ['**/auth/**/*'] } }] }],
  ['PUT', '/repos/acme/shop/rulesets/900', { enforcement: 'active' }],
  ['GET', '/repos/acme/shop/branches/main'],
  ['GET', '/repos/acme/shop/branches/main/protection'],
  ['GET', '/repos/acme/shop/branches/copy/protection'],
  ['GET', '/repos/acme/shop/codeowners/errors?ref=main'],
  ['GET', '/repos/acme/shop/collaborators/alice/permission'],
  ['GET', '/repos/acme/shop/collaborators/nobody/permission'],
  ['GET', '/apps/github-actions'],
  ['GET', '/apps/nothing'],
  ['GET', '/orgs/acme/teams'],
  ['GET', '/orgs/acme/teams/platform'],
  ['GET', '/orgs/acme/teams/platform/memberships/dana'],
  ['GET', '/orgs/acme/teams/platform/memberships/alice'],
  ['GET', '/repos/acme/nothing'],
];

describe('the local GitHub API server, against GitHub\'s published OpenAPI description', () => {
  let github: FakeGitHub;

  before(async () => {
    github = await FakeGitHub.start({ login: 'dana' });
  });
  after(() => github.close());

  function seed(): void {
    github.reset();
    github.addRepo('acme', 'shop', { branches: { copy: 3, feature: 2 }, collaborators: ['alice'], teams: ['platform'] });
    github.addPullRequest('acme', 'shop', { head: 'copy', author: 'alice', labels: ['pm-authored'], reviews: [{ author: 'dana', state: 'APPROVED', submittedAt: '2026-03-04T09:00:00Z' }, { author: null, state: 'COMMENTED', submittedAt: '2026-03-04T10:00:00Z' }] });
    github.addPullRequest('acme', 'shop', { head: 'gone', author: null, state: 'closed', mergedAt: '2026-03-05T09:00:00Z', mergeCommitSha: 'b'.repeat(40) });
    github.review('acme', 'shop', 1, { by: 'erin', body: 'Two things', comments: [{ path: 'src/i18n/en.json', line: 3, body: 'Say "Confirm".' }] });
    github.addCommitStatus('acme', 'shop', { sha: 'a'.repeat(40), context: 'ci/jenkins', state: 'pending', description: 'Building' });
    github.addComment('acme', 'shop', 1, 'A reviewer\'s note', 'dana');
    github.addComment('acme', 'shop', 1, 'Someone else\'s', 'erin');
    github.addCheckRun('acme', 'shop', { headSha: 'a'.repeat(40), name: 'PM PR Review', conclusion: null, status: 'queued' });
    github.addCheckRun('acme', 'shop', { headSha: 'a'.repeat(40), name: 'PM PR Review', conclusion: 'success', completedAt: '2026-03-04T11:00:00Z' });
    github.teams.add('acme', 'platform', ['dana'], 7000);
    github.rules.setRole('alice', 'write', 501);
    github.rules.addRuleset('acme', 'shop', { id: 900, name: 'Protect main', rules: [
      { type: 'pull_request', parameters: { required_approving_review_count: 1, require_code_owner_review: true, require_last_push_approval: true, dismiss_stale_reviews_on_push: false, required_review_thread_resolution: true } },
      { type: 'required_status_checks', parameters: { required_status_checks: [{ context: 'PM PR Review', integration_id: ACTIONS_APP_ID }], strict_required_status_checks_policy: false } },
      { type: 'merge_queue', parameters: { check_response_timeout_minutes: 60, grouping_strategy: 'ALLGREEN', max_entries_to_build: 5, max_entries_to_merge: 5, merge_method: 'MERGE', min_entries_to_merge: 1, min_entries_to_merge_wait_minutes: 5 } },
    ], bypass_actors: [{ actor_id: 5, actor_type: 'RepositoryRole', bypass_mode: 'pull_request' }] });
    github.rules.addOrganisationRuleset('acme', 'shop', { id: 901, name: 'Org lock', target: 'push', rules: [{ type: 'file_path_restriction', parameters: { restricted_file_paths: ['**/auth/**/*'] } }] });
    github.rules.protect('acme', 'shop', 'main', { reviews: { count: 1, codeOwners: true, bypass: { users: ['dana'], teams: ['platform'], apps: ['deployer'] } }, checks: [{ context: 'PM PR Review', app_id: ACTIONS_APP_ID }], enforceAdmins: true });
    github.rules.codeownersErrors('acme', 'shop', 'main', [{ line: 7, column: 7, kind: 'Invalid owner', source: '*.txt docs@', suggestion: null, message: 'Invalid owner on line 7', path: '.github/CODEOWNERS' }]);
  }

  it('serves only operations GitHub describes, and the description holds nothing the server does not serve', () => {
    const served = new Set(github.routeTable.filter((route) => route !== 'POST /graphql').map((route) => {
      const [method, template] = route.split(' ') as [string, string];
      const found = operationOf(method, template.replace(/:(\w+)/g, 'x'));
      assert.ok(found, `${route} is no operation of GitHub's description: add it to scripts/github-openapi-subset.mjs`);
      return `${method} ${found.template}`;
    }));
    const described = Object.entries(DESCRIPTION.paths).flatMap(([template, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${template}`));
    assert.deepEqual([...served].sort(), described.sort());
  });

  it('answers every route, successes and errors, within GitHub\'s schema for the operation and status', async () => {
    seed();
    const statuses = new Map<string, number[]>();
    for (const [method, path, body] of CALLS) {
      const response = await fetch(`${github.apiUrl}${path}`, { method, headers: { authorization: `token ${github.token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      await response.arrayBuffer();
      statuses.set(`${method} ${path}`, [...(statuses.get(`${method} ${path}`) ?? []), response.status]);
    }
    assert.deepEqual(github.violations, []);
    // Each route answered at least once, errors among them.
    const answered = new Set(github.requests.map((request) => `${request.method} ${operationOf(request.method, request.path)?.template ?? request.path}`));
    assert.equal(answered.size, Object.values(DESCRIPTION.paths).reduce((sum, operations) => sum + Object.keys(operations).length, 0), [...answered].join('\n'));
    assert.deepEqual([...statuses.values()].flat().filter((status) => status >= 400).sort(), [403, 404, 404, 404, 404, 404, 404, 422, 422]);
  });

  it('would fail on an answer GitHub would not give, and on a request GitHub would refuse', async () => {
    assert.match(responseViolations('GET', '/repos/acme/shop/pulls/1', 200, { number: 1, state: 'open' })[0] ?? '', /^GET \/repos\/\{owner\}\/\{repo\}\/pulls\/\{pull_number\} \(pulls\/get\) 200: \/ must have required property/);
    const run = shaped('check-run', { id: 1, name: 'PM PR Review', status: 'completed', conclusion: 'success' }, github.apiUrl);
    assert.deepEqual(responseViolations('GET', '/repos/acme/shop/commits/x/check-runs', 200, { total_count: 1, check_runs: [run] }), []);
    assert.deepEqual(responseViolations('GET', '/repos/acme/shop/commits/x/check-runs', 200, { total_count: 1, check_runs: [{ ...run, status: 'waiting-forever' }] }), ['GET /repos/{owner}/{repo}/commits/{ref}/check-runs (checks/list-for-ref) 200: /check_runs/0/status must be equal to one of the allowed values']);
    assert.match(requestViolations('POST', '/repos/acme/shop/rulesets', { name: 'x', enforcement: 'sometimes' }).join('\n'), /enforcement must be equal to one of the allowed values/);
    const strict = await FakeGitHub.start();
    strict.violations.push('an answer outside the description');
    await assert.rejects(strict.close(), /answered outside GitHub's published description[\s\S]*an answer outside the description/);
  });
});
