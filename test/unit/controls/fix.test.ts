// `pm-zone controls --fix`: the ruleset is valid for GitHub's rulesets API
// (checked against the request schema of GitHub's published OpenAPI
// description), and once it is created on the server and the CODEOWNERS
// lines are merged with their owners named, every control is enforced.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { ControlsFix } from '../../../src/core/controls';
import type { FakeGitHub } from '../../support/fakeGitHub';
import { isolatedGitEnv, runGit } from '../helpers/tempRepo';
import { cli } from '../cli/support/cli';
import { commitAppend, controls, report, resetGitHub, REVIEW_RULE, sampleRepo, startGitHub, statuses } from './support';
import { cpuBound } from '../helpers/cpuBound';

const schema = JSON.parse(readFileSync(join(__dirname, '../../fixtures/controls/create-ruleset-request.schema.json'), 'utf8')) as object;

/** Strict: a keyword ajv does not know fails the compile. OpenAPI 3.0's `nullable`, the one the description uses, ajv supports itself. */
function validator() {
  return new Ajv({ strict: true, allErrors: true }).compile(schema);
}

describe('pm-zone controls --fix', function () {
  this.timeout(cpuBound(60_000));
  let fake: FakeGitHub;

  before(async () => {
    fake = await startGitHub();
  });
  after(async () => fake?.close());
  beforeEach(() => resetGitHub(fake));

  it('without a token, prints the rulesets and CODEOWNERS lines the zone calls for, drawn from the base alone and said so', async () => {
    const root = await sampleRepo({ unenforced: true });
    const offline = (...args: string[]) => cli(['controls', '--fix', ...args], { cwd: root, env: { ...isolatedGitEnv, GITHUB_TOKEN: '', GH_TOKEN: '' } });
    const run = await offline();
    assert.equal(run.code, 0, run.stderr);
    const ruleset = JSON.parse(run.stdout) as { conditions: { ref_name: { include: string[] } }; rules: Array<{ type: string }> };
    const validate = validator();
    assert.ok(validate(ruleset), JSON.stringify(validate.errors));
    assert.deepEqual(ruleset.rules.map((rule) => rule.type), ['pull_request', 'required_status_checks']);
    assert.deepEqual(ruleset.conditions.ref_name.include, ['refs/heads/main']);
    assert.match(run.stderr, /^# Not checked against GitHub \(no GITHUB_TOKEN or GH_TOKEN\): drawn from the zone and CODEOWNERS at main alone, as if acme\/shop enforced none of it yet\./m);
    assert.match(run.stderr, /^# \*\*\/audit\/\*\* @owner-to-name$/m);
    assert.doesNotMatch(run.stderr, /GitHub answered|GitHub would not say/);
    // The push ruleset: every engineering-only path, bypassed by nobody until a team is added.
    const push = await offline('--push');
    assert.equal(push.code, 0, push.stderr);
    const pushRuleset = JSON.parse(push.stdout) as { bypass_actors: unknown[]; rules: Array<{ parameters: { restricted_file_paths: string[] } }> };
    assert.ok(validate(pushRuleset), JSON.stringify(validate.errors));
    assert.deepEqual(pushRuleset.rules[0]!.parameters.restricted_file_paths, ['**/auth/**/*', '**/payments/**/*', '**/migrations/**/*', '**/infra/**/*', '.github/workflows/**/*', '**/audit/**/*', 'CLAUDE.md', '.github/CODEOWNERS', '.claude/**/*']);
    assert.deepEqual(pushRuleset.bypass_actors, []);
    const json = JSON.parse((await offline('--json')).stdout) as ControlsFix & { checkedAgainstGitHub: boolean };
    assert.equal(json.checkedAgainstGitHub, false);
    assert.deepEqual(json.ruleset, ruleset);
  });

  it('prints a ruleset valid for POST /repos/{owner}/{repo}/rulesets, and, applied with the CODEOWNERS lines, every control becomes enforced', async () => {
    // No rules on GitHub; CODEOWNERS owns neither the audit folder nor the gate's workflow.
    const root = await sampleRepo({ unenforced: true });
    const file = join(root, '.github/CODEOWNERS');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^\/\.github\/workflows\/.*\n/m, ''));
    await runGit(root, ['commit', '--quiet', '--no-verify', '-am', 'CODEOWNERS without the workflows']);
    assert.deepEqual(Object.values(statuses((await report(fake, root)).report)).filter((status) => status === 'missing').length, 7);
    // The teams CODEOWNERS names for engineering-only paths; @alice, a pilot PM, is in none of them.
    for (const team of ['security', 'payments', 'platform', 'eng-leads']) fake.teams.add('acme', team, ['dana']);

    const run = await controls(fake, root, '--fix');
    assert.equal(run.code, 1);
    const ruleset = JSON.parse(run.stdout) as unknown;
    const validate = validator();
    assert.ok(validate(ruleset), JSON.stringify(validate.errors));
    // The guidance goes to stderr, so stdout pipes straight into gh api.
    assert.match(run.stderr, /^# The ruleset above is not applied\. To create it: pm-zone controls --fix \| gh api --method POST repos\/acme\/shop\/rulesets --input -$/m);
    assert.match(run.stderr, /^# \*\*\/audit\/\*\* @owner-to-name$/m);
    // The workflows' glob lost its rule: its line covers the gate's workflow too, owned as the nearest rule (/.github/CODEOWNERS) is.
    assert.match(run.stderr, /^\.github\/workflows\/\*\* @acme\/eng-leads {4}# owners as in \.github\/CODEOWNERS line \d+$/m);

    const fix = JSON.parse((await controls(fake, root, '--fix', '--json')).stdout) as ControlsFix;
    assert.deepEqual(fix.ruleset, ruleset);
    assert.deepEqual(fix.codeowners.lines.map((line) => [line.protects, line.owners]), [['.github/workflows/**', ['@acme/eng-leads']], ['**/audit/**', []]]);

    // An engineer applies it: the ruleset through the API, the lines (with the missing owner named) through a merge.
    const created = await fetch(`${fake.apiUrl}/repos/acme/shop/rulesets`, { method: 'POST', headers: { authorization: `Bearer ${fake.token}`, 'content-type': 'application/json' }, body: run.stdout });
    assert.equal(created.status, 201);
    await commitAppend(root, '.github/CODEOWNERS', `${fix.codeowners.lines.map((line) => line.text.replace(/^# /, '').replace('@owner-to-name', '@acme/security')).join('\n')}\n`);

    // The push ruleset: valid too, bypassed by the owner teams, in evaluate mode until an admin switches it on.
    const push = await controls(fake, root, '--fix', '--push');
    const pushRuleset = JSON.parse(push.stdout) as { enforcement: string; bypass_actors: Array<{ actor_id: number; actor_type: string }>; rules: Array<{ parameters: { restricted_file_paths: string[] } }> };
    assert.ok(validate(pushRuleset), JSON.stringify(validate.errors));
    assert.equal(pushRuleset.enforcement, 'evaluate');
    assert.deepEqual(pushRuleset.rules[0]!.parameters.restricted_file_paths, ['**/auth/**/*', '**/payments/**/*', '**/migrations/**/*', '**/infra/**/*', '.github/workflows/**/*', '**/audit/**/*', 'CLAUDE.md', '.github/CODEOWNERS', '.claude/**/*']);
    assert.deepEqual(pushRuleset.bypass_actors.map((actor) => actor.actor_type), ['Team', 'Team', 'Team', 'Team']);
    assert.match(push.stderr, /^# The push ruleset above is not applied\. To create it: pm-zone controls --fix --push \| gh api --method POST repos\/acme\/shop\/rulesets --input -$/m);
    assert.match(push.stderr, /switch it on: gh api --method PUT repos\/acme\/shop\/rulesets\/RULESET_ID -f enforcement=active/);
    const pushed = await fetch(`${fake.apiUrl}/repos/acme/shop/rulesets`, { method: 'POST', headers: { authorization: `Bearer ${fake.token}`, 'content-type': 'application/json' }, body: push.stdout });
    assert.equal(pushed.status, 201);
    const trial = await report(fake, root);
    assert.equal(statuses(trial.report)['paths-locked-on-server'], 'missing');
    assert.match(trial.report.controls.find((control) => control.id === 'paths-locked-on-server')!.evidence, /ruleset "PM zone: engineering-only paths" \(#\d+\) is in evaluate mode and blocks nothing yet$/);
    const { id } = await pushed.json() as { id: number };
    const switched = await fetch(`${fake.apiUrl}/repos/acme/shop/rulesets/${id}`, { method: 'PUT', headers: { authorization: `Bearer ${fake.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ enforcement: 'active' }) });
    assert.equal(switched.status, 200);
    const after = await report(fake, root);
    assert.deepEqual(after.report.controls.filter((control) => control.status !== 'enforced'), []);
    assert.equal(after.code, 0);
    const again = await controls(fake, root, '--fix');
    assert.equal(again.stdout, '');
    assert.match(again.stderr, /no ruleset to create/);
    assert.equal((await controls(fake, root, '--fix', '--push')).stdout, '');
  });

  it('adds only the rules that are missing, and pins the gate to GitHub Actions as GitHub names it', async () => {
    const root = await sampleRepo();
    fake.rules.addRuleset('acme', 'shop', { name: 'Reviews', rules: [REVIEW_RULE] });
    const fix = JSON.parse((await controls(fake, root, '--fix', '--json')).stdout) as ControlsFix;
    assert.deepEqual(fix.ruleset?.rules, [{ type: 'required_status_checks', parameters: { required_status_checks: [{ context: 'PM PR Review', integration_id: 15368 }], strict_required_status_checks_policy: false } }]);
    assert.deepEqual(fix.ruleset?.conditions, { ref_name: { include: ['refs/heads/main'], exclude: [] } });
    assert.deepEqual(fix.ruleset?.bypass_actors, []);
    assert.ok(validator()(fix.ruleset));
  });
});
