// The CI gate's own controls, as the action asks for them on every run: one
// line when the gate is not required or its workflow not protected, a quiet
// notice when the Actions token may not read the answer.
import * as assert from 'node:assert/strict';
import { stickyComment, summaryMarkdown } from '../../../src/core/ci';
import { judgeGateControls, policyAtBase, readGateControls } from '../../../src/core/controls';
import type { ReviewResult } from '../../../src/core/review';
import { DEFAULT_SETTINGS, type RepositoryPolicy } from '../../../src/core/repository';
import type { FakeGitHub } from '../../support/fakeGitHub';
import { githubFailures } from '../../support/fakeGitHub';
import { isolatedGit } from '../helpers/tempRepo';
import { GATE_RULE, resetGitHub, REVIEW_RULE, sampleRepo, startGitHub } from './support';
import { cpuBound } from '../helpers/cpuBound';

describe('the gate\'s own controls in its summary', function () {
  this.timeout(cpuBound(30_000));
  let fake: FakeGitHub;
  let policy: RepositoryPolicy;

  before(async () => {
    fake = await startGitHub();
    const read = await policyAtBase(isolatedGit(await sampleRepo()), 'main', DEFAULT_SETTINGS);
    assert.ok(typeof read !== 'string', String(read));
    policy = read.policy;
  });
  after(async () => fake?.close());
  beforeEach(() => resetGitHub(fake));

  const judge = async () => judgeGateControls(await readGateControls({ token: fake.token, apiUrl: fake.apiUrl }, 'acme', 'shop', 'main'), 'main', policy);

  it('names the gate not required and its workflow not protected in one line, in two requests', async () => {
    fake.requests.length = 0;
    const controls = await judge();
    assert.equal(controls.line, '⚠️ **Controls:** the PM PR Review is not a required check on main, so a pull request can merge with it failing; `.github/workflows/pm-zone-review.yml` is not protected (code-owner review is not required), so a pull request can switch the gate off. An engineer can run `pm-zone controls --fix`.');
    assert.deepEqual(fake.calls(), ['GET /repos/acme/shop/rules/branches/main', 'GET /repos/acme/shop/branches/main']);
  });

  it('says nothing when a ruleset requires the gate and code-owner review', async () => {
    fake.rules.addRuleset('acme', 'shop', { name: 'Protect main', rules: [REVIEW_RULE, GATE_RULE()] });
    assert.deepEqual(await judge(), {});
  });

  it('judges a ruleset-only branch from its rules: GitHub calls it protected, and the missing code-owner review is still named', async () => {
    fake.rules.addRuleset('acme', 'shop', { name: 'Checks only', rules: [GATE_RULE()] });
    const branch = await (await fetch(`${fake.apiUrl}/repos/acme/shop/branches/main`, { headers: { authorization: `Bearer ${fake.token}` } })).json() as { protected: boolean; protection: { enabled: boolean } };
    assert.deepEqual([branch.protected, branch.protection.enabled], [true, false]);
    const controls = await judge();
    assert.equal(controls.line, '⚠️ **Controls:** `.github/workflows/pm-zone-review.yml` is not protected (code-owner review is not required), so a pull request can switch the gate off. An engineer can run `pm-zone controls --fix`.');
    assert.equal(controls.notice, undefined);
  });

  it('takes a check branch protection requires, and leaves code-owner review it cannot read to a notice', async () => {
    fake.rules.protect('acme', 'shop', 'main', { checks: [{ context: 'PM PR Review', app_id: 15368 }], reviews: { count: 1, codeOwners: true } });
    const controls = await judge();
    assert.equal(controls.line, undefined);
    assert.match(controls.notice ?? '', /in its branch protection, which the Actions token cannot read/);
  });

  it('turns a refusal into a quiet notice, never a line or a failure', async () => {
    fake.failNext('GET /repos/:o/:r/rules/branches/:branch', githubFailures.forbidden());
    const controls = await judge();
    assert.equal(controls.line, undefined);
    assert.match(controls.notice ?? '', /^PM Zone could not read the rules of main to check that the gate is required \(Your GitHub account has no permission/);
  });

  it('takes no token as a notice too: the gate runs on', async () => {
    const read = await readGateControls({ token: '', apiUrl: fake.apiUrl }, 'acme', 'shop', 'main');
    assert.match(String(read), /^PM Zone could not read the rules of main .*no GitHub sign-in/);
  });

  it('puts the line under the verdict, in the summary and in the sticky comment, whose size it counts', () => {
    const review = { findings: [], files: [], summary: { blockers: 0, errors: 0, warnings: 0, infos: 0, files: 0 } } as unknown as ReviewResult;
    const summary = summaryMarkdown(review, 'passed', undefined, ['⚠️ line']);
    assert.match(summary, /^## ✅ PM PR Review\n\n.*\n\n⚠️ line\n$/);
    const comment = stickyComment({ result: review, verdict: 'passed', checklist: [], manual: [], notes: ['⚠️ line'] });
    assert.ok(comment.includes(summary.trimEnd()), comment);
  });
});
