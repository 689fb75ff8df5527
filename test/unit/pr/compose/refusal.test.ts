import * as assert from 'node:assert/strict';
import { composePullRequest, describeBlockers } from '../../../../src/core/pr';
import type { Finding } from '../../../../src/core/types';
import { commit, composed, copyChange, edited, EN, EN_AFTER, EN_BEFORE, outcomeWith, PLANNING, planningFixture, policyOf, REMOTE, review, section } from './support';

const API = 'src/features/checkout/api.ts';
const blocker = (check: string, file: string | null, line: number | null = null): Finding => ({ check, severity: 'error', blocking: true, file, line, message: `${check} here` });

/** A regulated change with a planning doc, a copy edit and one file outside the zone. */
function outsideChange(extra: ReturnType<typeof edited>[] = []) {
  return copyChange({
    policy: policyOf({ regulated: true }),
    files: [edited(PLANNING, undefined, planningFixture('filled-regulated.md')), edited(EN, EN_BEFORE, EN_AFTER), edited(API, 'old\n', 'new\n'), ...extra],
    commits: [commit('Copy and the API client', [PLANNING, EN, API])],
  });
}

describe('composePullRequest: refusal and pairing', () => {
  it('opens when nothing blocks', async () => {
    const pr = await composed();
    assert.equal(pr.canOpen, true);
    assert.equal(pr.refusal, undefined);
    assert.deepEqual(pr.blockers, []);
    assert.equal(pr.pairing, false);
  });

  it('refuses while a blocker stands, naming each one, files first', async () => {
    const scenario = copyChange({ files: [edited('src/auth/session.ts', 'a\n', 'b\n')], commits: [commit('Session', ['src/auth/session.ts'])] });
    const pr = await composed(scenario);
    assert.equal(pr.canOpen, false);
    assert.equal(pr.refusal, '2 blockers: Engineering-only file changed: src/auth/session.ts; No PLANNING.md.');
    assert.deepEqual(pr.blockers.map((finding) => finding.check).sort(), ['planning.missing', 'zone.locked']);
    assert.ok(pr.body.length > 0, 'the PM still sees what would have been sent');
  });

  it('names the line of a blocker that has one, each blocker once, and counts past ten', () => {
    assert.equal(describeBlockers([blocker('security.secret', 'a.ts', 3)]), '1 blocker: Secret in the change: a.ts, line 3');
    const many = Array.from({ length: 13 }, (_, index) => blocker('security.pii', `f${index}.ts`, 1));
    assert.match(describeBlockers(many), /^13 blockers: Personal data in the change: f0\.ts, line 1; .*Personal data in the change: f9\.ts, line 1; and 3 more$/);
  });

  it('in regulated mode refuses a file outside the zone, and says pairing would open it', async () => {
    const pr = await composed(outsideChange());
    assert.equal(pr.canOpen, false);
    assert.equal(pr.pairingPossible, true);
    assert.match(pr.refusal ?? '', /^1 blocker: File outside the PM zone: src\/features\/checkout\/api\.ts\. Files outside the PM zone can instead open as a draft labelled for pairing/);
    assert.ok(!pr.labels.includes('needs-pairing'));
  });

  it('with pairing, opens it as a draft labelled needs-pairing, and says why in the body', async () => {
    const pr = await composed(outsideChange(), { pairing: true, draft: false });
    assert.equal(pr.canOpen, true);
    assert.equal(pr.pairing, true);
    assert.equal(pr.draft, false, 'an explicit choice still wins');
    const byDefault = await composed(outsideChange(), { pairing: true });
    assert.equal(byDefault.draft, true);
    assert.deepEqual(byDefault.labels.filter((label) => label !== 'ai-assisted'), ['pm-authored', 'needs-pairing']);
    assert.match(byDefault.body, /> \[!NOTE\]\n> Some files are outside the PM zone, so this opens as a draft to pair on/);
    assert.ok(byDefault.body.indexOf('[!NOTE]') < byDefault.body.indexOf('## Planning doc'));
  });

  it('pairing does not lift any other blocker', async () => {
    const pr = await composed(outsideChange([edited('src/auth/session.ts', 'a\n', 'b\n')]), { pairing: true });
    assert.equal(pr.canOpen, false);
    assert.equal(pr.pairing, false);
    assert.equal(pr.pairingPossible, false);
    assert.match(pr.refusal ?? '', /Engineering-only file changed: src\/auth\/session\.ts/);
    assert.doesNotMatch(pr.refusal ?? '', /pairing/);
  });

  it('in standard mode a file outside the zone does not block, and pairing still marks it', async () => {
    const standard = { ...outsideChange(), policy: policyOf() };
    const plain = await composed(standard);
    assert.equal(plain.canOpen, true);
    assert.equal(plain.pairingPossible, true);
    assert.ok(!plain.labels.includes('needs-pairing'));
    const paired = await composed(standard, { pairing: true });
    assert.equal(paired.pairing, true);
    assert.equal(paired.draft, true);
    assert.ok(paired.labels.includes('needs-pairing'));
  });

  it('asking to pair without a file outside the zone changes nothing', async () => {
    const pr = await composed(copyChange(), { pairing: true });
    assert.equal(pr.pairing, false);
    assert.equal(pr.draft, false);
    assert.ok(!pr.labels.includes('needs-pairing'));
  });

  it('decides from the findings it is given, blocking or not', async () => {
    const { outcome, change, policy } = await review(copyChange());
    const compose = (findings: Finding[], pairing = false) =>
      composePullRequest({ review: outcomeWith(findings, outcome), policy, change, remote: REMOTE, head: 'b', base: 'main', ticked: new Set(), pairing });
    assert.equal(compose([{ ...blocker('zone.outside', API), blocking: false, severity: 'warning' }]).canOpen, true);
    assert.equal(compose([blocker('planning.missing', null)], true).canOpen, false);
    assert.equal(compose([blocker('zone.outside', API), blocker('zone.outside', 'b.ts')], true).canOpen, true);
    assert.match(section(compose([blocker('zone.outside', API)], true).body, 'PM PR Review checklist'), /\*\*blocker\*\* `src\/features\/checkout\/api\.ts`/);
  });
});
