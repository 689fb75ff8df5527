import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as actions from '@actions/core';
import { parse } from 'yaml';
import { ACTION_VERSION, annotationsOf, ciGateRequest, ciWorkflow, outdatedWorkflowMessage, PINNED_ACTIONS, REMOVED_RUNTIMES, updatePins, workflowCommands, workflowWrite, WORKFLOW_PATH } from '../../../src/core/ci';
import type { Finding } from '../../../src/core/types';
import { cli as runCli } from '../cli/support/cli';
import { tempRepo } from '../helpers/tempRepo';
import { actionlint } from '../../support/actionlint';
import { schemaErrors } from './publishedSchemas';
import { version } from '../../../package.json';

/** What an earlier ci init wrote for PM Zone's own action: a floating major, which --update leaves to the team. */
const EARLIER_OWN_PIN = (text: string) => text.replace(`pm-zone/pm-zone@${ACTION_VERSION}`, 'pm-zone/pm-zone@v1');

describe('the CI gate set-up', () => {
  it('action.yml is valid against the published action schema, and declares the inputs and outputs the action reads', () => {
    const text = readFileSync(join(__dirname, '../../../action.yml'), 'utf8');
    assert.deepEqual(schemaErrors('github-action', text), []);
    assert.notDeepEqual(schemaErrors('github-action', text.replace('using: node24', 'using: node18')), [], 'the schema knows which runtimes exist');
    const action = parse(text);
    assert.deepEqual(Object.keys(action.inputs).sort(), ['base', 'codeowners-flavor', 'comment', 'fail-on', 'policy-file', 'sarif', 'skill-file', 'token']);
    assert.deepEqual(Object.keys(action.outputs).sort(), ['blockers', 'result', 'warnings']);
    assert.deepEqual(action.runs, { using: 'node24', main: 'dist/action.js' });
  });

  it('writes a workflow that is valid against the published workflow schema, with least permissions and the whole history', () => {
    const text = ciWorkflow({ policyFile: 'docs/AGENTS.md' });
    assert.deepEqual(schemaErrors('github-workflow', text), []);
    assert.notDeepEqual(schemaErrors('github-workflow', text.replace('runs-on:', 'runs_on:')), [], 'the schema reads the workflow');
    const workflow = parse(text);
    assert.deepEqual(workflow.permissions, { contents: 'read', 'pull-requests': 'write' });
    assert.deepEqual(workflow.on.pull_request.types, ['opened', 'synchronize', 'reopened', 'edited', 'labeled', 'unlabeled', 'ready_for_review']);
    const [checkout, gate] = workflow.jobs.review.steps;
    assert.match(checkout.uses, /^actions\/checkout@[0-9a-f]{40}$/);
    assert.equal(checkout.with['fetch-depth'], 0);
    // The release this program is, not a floating major: the gate runs the review this version runs.
    assert.equal(gate.uses, `pm-zone/pm-zone@v${version}`);
    assert.match(ACTION_VERSION, /^v\d+\.\d+\.\d+/);
    assert.deepEqual(gate.with, { 'policy-file': 'docs/AGENTS.md' });
    assert.match(text, /require the "PM PR Review"\n# check in the branch protection/);
  });

  it('passes actionlint, and runs in the merge queue as on pull requests, one run per pull request or queued group', async () => {
    const text = ciWorkflow({ policyFile: 'docs/AGENTS.md', codeownersFlavor: 'gitlab' });
    assert.deepEqual(await actionlint(text, WORKFLOW_PATH), []);
    assert.deepEqual(await actionlint(text.replace('types: [checks_requested]', 'types: [queued]'), WORKFLOW_PATH), [
      '.github/workflows/pm-zone-review.yml:12:13: invalid activity type "queued" for "merge_group" Webhook event. available types are "checks_requested" [events]',
    ], 'actionlint reads the triggers');
    const workflow = parse(text);
    assert.deepEqual(workflow.on.merge_group, { types: ['checks_requested'] });
    // A merge group has no pull request number: its ref keeps the runs of different groups apart.
    assert.equal(workflow.concurrency.group, 'pm-zone-review-${{ github.event.pull_request.number || github.ref }}');
  });

  it('runs every action it names on a runtime GitHub\'s runners still have: the action.yml at each pinned commit says so', () => {
    const steps: Array<{ uses: string }> = parse(ciWorkflow()).jobs.review.steps;
    const text = ciWorkflow();
    assert.deepEqual(REMOVED_RUNTIMES, ['node12', 'node16', 'node20']);
    for (const { uses } of steps) {
      const [repository, ref] = uses.split('@');
      // PM Zone's own action runs what this checkout's action.yml says.
      const actionYml = repository === 'pm-zone/pm-zone' ? join(__dirname, '../../../action.yml') : join(__dirname, '../../fixtures/ci/actions', `${repository.replace('/', '+')}@${ref}.yml`);
      const runtime = parse(readFileSync(actionYml, 'utf8')).runs.using;
      assert.ok(!REMOVED_RUNTIMES.includes(runtime), `${uses} runs on ${runtime}, which GitHub's runners no longer have`);
      const pinned = PINNED_ACTIONS.find((action) => action.repository === repository);
      if (pinned) {
        assert.equal(pinned.runtime, runtime, `${repository}'s recorded runtime`);
        assert.match(text, new RegExp(`uses: ${repository}@${pinned.sha} # ${pinned.version.replace(/\./g, '\\.')}\n`));
      }
    }
    assert.equal(steps[0].uses, 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1');
  });

  it('offers to move the pins of a workflow an earlier ci init wrote, keeping every other line the engineer changed', () => {
    const earlier = readFileSync(join(__dirname, '../../fixtures/ci/pm-zone-review.v4.yml'), 'utf8');
    const write = workflowWrite(earlier);
    assert.equal(write.action, 'outdated');
    if (write.action !== 'outdated') return;
    assert.deepEqual(write.pins, [{ line: 25, repository: 'actions/checkout', from: '11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2', to: 'v7.0.1' }]);
    assert.match(outdatedWorkflowMessage(write.pins), /^\.github\/workflows\/pm-zone-review\.yml pins an older release than PM Zone writes: actions\/checkout 11bd719… # v4\.2\.2 → v7\.0\.1 \(line 25\)\./);
    assert.equal(write.updated, EARLIER_OWN_PIN(ciWorkflow()));
    // It also predates the merge queue's trigger, which the update adds where ci init writes it.
    assert.equal(write.mergeQueue, true);
    assert.match(outdatedWorkflowMessage(write.pins, write.mergeQueue), /\. It does not run in the merge queue \(merge_group\): a branch that queues merges and requires the gate waits on a check that never comes$/);
    const pinnedOnly = workflowWrite(updatePins(earlier));
    assert.deepEqual(pinnedOnly.action === 'outdated' && [pinnedOnly.pins, pinnedOnly.mergeQueue, pinnedOnly.updated === EARLIER_OWN_PIN(ciWorkflow())], [[], true, true]);
    // An engineer's own lines stay; only the pin moves, CRLF kept.
    const edited = earlier.replace('    timeout-minutes: 10\n', '    timeout-minutes: 20\n').replace(/\n/g, '\r\n');
    const moved = workflowWrite(edited);
    assert.equal(moved.action, 'outdated');
    if (moved.action !== 'outdated') return;
    assert.equal(moved.updated, EARLIER_OWN_PIN(ciWorkflow()).replace('    timeout-minutes: 10\n', '    timeout-minutes: 20\n').replace(/\n/g, '\r\n'));
    // A tag, a bare commit and a newer release: the first two are moved, a newer release is the team's choice.
    assert.deepEqual(workflowWrite(ciWorkflow().replace(/actions\/checkout@\S+ # v7\.0\.1/, 'actions/checkout@v4')).action, 'outdated');
    assert.deepEqual(workflowWrite(ciWorkflow().replace(/ # v7\.0\.1/, '').replace(/actions\/checkout@\S+/, `actions/checkout@${'a'.repeat(40)}`)).action, 'outdated');
    assert.deepEqual(workflowWrite(ciWorkflow().replace(/actions\/checkout@\S+ # v7\.0\.1/, 'actions/checkout@v8.1.0')).action, 'differs');
  });

  it('names only the inputs that differ from the action\'s defaults, and the request a PM sends names every step', () => {
    const gate = (text: string) => parse(text).jobs.review.steps[1];
    assert.equal(gate(ciWorkflow({ policyFile: 'CLAUDE.md', skillFile: '.claude/skills/pm-pr-review/SKILL.md', codeownersFlavor: 'github' })).with, undefined);
    assert.deepEqual(gate(ciWorkflow({ codeownersFlavor: 'gitlab' })).with, { 'codeowners-flavor': 'gitlab' });
    assert.deepEqual(workflowWrite(undefined).action, 'create');
    assert.deepEqual(workflowWrite(ciWorkflow().replace(/\n/g, '\r\n')).action, 'unchanged');
    assert.deepEqual(workflowWrite('name: ours\n').action, 'differs');
    const request = ciGateRequest();
    assert.match(request, /npx pm-zone ci init/);
    assert.match(request, /\.github\/workflows\/pm-zone-review\.yml/);
    assert.match(request, /require the "PM PR Review" check/);
  });

  it('pm-zone ci init writes the workflow once, and refuses to overwrite a different one without --force', async () => {
    const repo = await tempRepo({ commits: [{ message: 'first', files: { 'README.md': 'hi\n' } }] });
    const first = await runCli(['ci', 'init'], { cwd: repo.root });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /\.github\/workflows\/pm-zone-review\.yml created/);
    const file = join(repo.root, WORKFLOW_PATH);
    assert.equal(readFileSync(file, 'utf8'), ciWorkflow());
    const again = await runCli(['ci', 'init'], { cwd: repo.root });
    assert.match(again.stdout, /unchanged/);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'name: ours\n');
    const refused = await runCli(['ci', 'init'], { cwd: repo.root });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /already exists and differs: nothing was written/);
    assert.equal(readFileSync(file, 'utf8'), 'name: ours\n');
    assert.equal((await runCli(['ci', 'init', '--force'], { cwd: repo.root })).code, 0);
    assert.equal(readFileSync(file, 'utf8'), ciWorkflow());
  });

  it('pm-zone ci init finds a workflow an earlier version wrote, writes nothing until asked, and --update moves only its pins', async () => {
    const repo = await tempRepo({ commits: [{ message: 'first', files: { 'README.md': 'hi\n' } }] });
    const file = join(repo.root, WORKFLOW_PATH);
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(join(repo.root, '.github', 'workflows'), { recursive: true });
    const earlier = readFileSync(join(__dirname, '../../fixtures/ci/pm-zone-review.v4.yml'), 'utf8').replace('timeout-minutes: 10', 'timeout-minutes: 20');
    writeFileSync(file, earlier);
    const told = await runCli(['ci', 'init'], { cwd: repo.root });
    assert.equal(told.code, 1);
    assert.match(told.stderr, /pins an older release than PM Zone writes: actions\/checkout 11bd719… # v4\.2\.2 → v7\.0\.1 \(line 25\).*Nothing was written: run pm-zone ci init --update/);
    assert.equal(readFileSync(file, 'utf8'), earlier);
    const json = await runCli(['ci', 'init', '--json'], { cwd: repo.root });
    assert.equal(json.code, 1);
    assert.deepEqual(JSON.parse(json.stdout).status, 'outdated');
    const updated = await runCli(['ci', 'init', '--update'], { cwd: repo.root });
    assert.equal(updated.code, 0, updated.stderr);
    assert.match(updated.stdout, /pm-zone-review\.yml updated/);
    // The engineer's own edit stays; only the pin moved.
    assert.equal(readFileSync(file, 'utf8'), EARLIER_OWN_PIN(ciWorkflow()).replace('timeout-minutes: 10', 'timeout-minutes: 20'));
    assert.match((await runCli(['ci', 'init'], { cwd: repo.root })).stderr, /already exists and differs/);
  });

  it('pm-zone review --format github writes the same workflow commands as GitHub\'s Actions toolkit, escaping included', () => {
    const findings: Finding[] = [
      { check: 'zone.locked', severity: 'error', blocking: true, file: 'src/a,b:c.ts', line: 3, column: 2, message: '100% locked:\nask an engineer' },
      { check: 'security.secret', severity: 'warning', blocking: false, file: 'x.json', line: null, message: 'maybe, a key' },
      { check: 'planning.missing', severity: 'info', blocking: false, file: null, line: null, message: 'note' },
    ];
    const annotations = annotationsOf(findings);
    const written: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      for (const annotation of annotations) {
        const properties = { title: annotation.title, ...(annotation.file ? { file: annotation.file } : {}), ...(annotation.line ? { startLine: annotation.line } : {}), ...(annotation.column ? { startColumn: annotation.column } : {}) };
        if (annotation.level === 'error') actions.error(annotation.message, properties);
        else if (annotation.level === 'warning') actions.warning(annotation.message, properties);
        else actions.notice(annotation.message, properties);
      }
    } finally {
      process.stdout.write = write;
    }
    const normalise = (text: string) => text.split('\n').filter(Boolean).map((line) => line.replace(/startLine=/, 'line=').replace(/startColumn=/, 'col=')).map((line) => {
      const [, level, props = '', message] = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line)!;
      return `${level} ${props.split(',').sort().join(',')} ${message}`;
    });
    assert.deepEqual(normalise(workflowCommands(annotations)), normalise(written.join('')));
    assert.ok(workflowCommands(annotations).startsWith('::error title=PM PR Review%3A zone.locked (blocker),file=src/a%2Cb%3Ac.ts,line=3,col=2::100%25 locked:%0Aask an engineer\n'));
  });
});
