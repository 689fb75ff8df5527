import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as actions from '@actions/core';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { annotationsOf, ciGateRequest, ciWorkflow, workflowCommands, workflowWrite, WORKFLOW_PATH } from '../../../src/core/ci';
import type { Finding } from '../../../src/core/types';
import { cli as runCli } from '../cli/support/cli';
import { tempRepo } from '../helpers/tempRepo';

describe('the CI gate set-up', () => {
  it('action.yml is valid against the published action schema, and declares the inputs and outputs the action reads', () => {
    const text = readFileSync(join(__dirname, '../../../action.yml'), 'utf8');
    assert.deepEqual(validateAction(text).errors, []);
    const action = parse(text);
    assert.deepEqual(Object.keys(action.inputs).sort(), ['base', 'codeowners-flavor', 'comment', 'fail-on', 'policy-file', 'sarif', 'skill-file', 'token']);
    assert.deepEqual(Object.keys(action.outputs).sort(), ['blockers', 'result', 'warnings']);
    assert.deepEqual(action.runs, { using: 'node20', main: 'dist/action.js' });
  });

  it('writes a workflow that is valid against the published workflow schema, with least permissions and the whole history', () => {
    const text = ciWorkflow({ policyFile: 'docs/AGENTS.md' });
    assert.deepEqual(validateWorkflow(text).errors, []);
    const workflow = parse(text);
    assert.deepEqual(workflow.permissions, { contents: 'read', 'pull-requests': 'write' });
    assert.deepEqual(workflow.on.pull_request.types, ['opened', 'synchronize', 'reopened', 'edited', 'labeled', 'unlabeled', 'ready_for_review']);
    const [checkout, gate] = workflow.jobs.review.steps;
    assert.match(checkout.uses, /^actions\/checkout@[0-9a-f]{40}$/);
    assert.equal(checkout.with['fetch-depth'], 0);
    assert.equal(gate.uses, 'pm-zone/pm-zone@v1');
    assert.deepEqual(gate.with, { 'policy-file': 'docs/AGENTS.md' });
    assert.match(text, /require the "PM PR Review"\n# check in the branch protection/);
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
