import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ReviewRun } from '../../src/vscode/review';
import { closeAllEditors, fileUri, pmZone, resetWorkspace, reviewChangeOf, treeChildren, until, workspaceGit } from './support';
import { PLANNING_PATH, PLANNING_TEXT } from '../support/finishedPlanning';

// Severity means one thing in the editor too: a warning (a Stripe test-mode
// key) is a warning in the Problems panel and in the sidebar and does not
// block; a blocker (an AWS key id) is an error everywhere.

const BRANCH = 'alice/severity-test';
const COPY = 'src/features/checkout/i18n/en.json';
const COMPONENT = 'src/features/checkout/components/CheckoutButton.tsx';
// Built at run time, so this file holds no key-shaped literal.
const AWS_KEY = ['AKIA', 'Q7XW3M9K2LZP4R8T'].join('');
const STRIPE_TEST_KEY = ['sk', '_test_', 'Rv7Lq2Xw9Kp4Zt8Mn3Bc6Hd1'].join('');

function edit(relPath: string, change: (text: string) => string): void {
  const file = fileUri(relPath).fsPath;
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

function secretDiagnostic(relPath: string): vscode.Diagnostic {
  const found = vscode.languages.getDiagnostics(fileUri(relPath)).filter((d) => d.source === 'PM Zone' && (d.code as { value?: string })?.value === 'security.secret');
  assert.equal(found.length, 1, `security.secret diagnostics on ${relPath}: ${found.map((d) => d.message).join(' | ')}`);
  return found[0];
}

const children = treeChildren;

const labelOf = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');
const SKILL = '.claude/skills/pm-pr-review/SKILL.md';

describe('Severity in the editor and the sidebar', function () {
  this.timeout(60_000);
  let run: ReviewRun;

  before(async () => {
    await pmZone();
    workspaceGit('checkout', '--quiet', '-b', BRANCH);
    edit(COPY, (text) => text.replace('"title": "Checkout",', `"title": "Checkout",\n    "supportKey": "${AWS_KEY}",`));
    edit(COMPONENT, (text) => text.replace('/** The primary action', `const demoKey = '${STRIPE_TEST_KEY}';\n/** The primary action`));
    workspaceGit('commit', '--quiet', '-am', 'Keys');
    run = await reviewChangeOf(fileUri(COPY));
  });

  after(async () => {
    await closeAllEditors();
    resetWorkspace();
  });

  it('shows a warning as a warning and a blocker as an error in the Problems panel', () => {
    const warning = secretDiagnostic(COMPONENT);
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(warning.message, /^Possible Stripe test key/);
    const blocker = secretDiagnostic(COPY);
    assert.equal(blocker.severity, vscode.DiagnosticSeverity.Error);
    assert.match(blocker.message, /^Blocker: Possible AWS access key id/);
    for (const finding of run.outcome.result.findings) assert.equal(finding.blocking, finding.severity === 'error', `${finding.check}: ${finding.message}`);
  });

  it('counts and marks them the same way in the sidebar', async () => {
    const api = await pmZone();
    const top = await children(api.sidebar.myChange);
    const { blockers, warnings } = run.outcome.result.summary;
    assert.ok(blockers > 0 && warnings > 0, `${blockers} blockers, ${warnings} warnings`);
    assert.equal(labelOf(top[0].item), `${blockers} blocker${blockers === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
    const files = (await Promise.all(top.filter(({ item }) => item.contextValue?.startsWith('zone.')).map(({ node }) => children(api.sidebar.myChange, node)))).flat();
    const findingRows = (await Promise.all(files.map(({ node }) => children(api.sidebar.myChange, node)))).flat().map(({ item }) => item);
    const stripe = findingRows.find((item) => labelOf(item).includes('Stripe test key'));
    const aws = findingRows.find((item) => labelOf(item).includes('AWS access key id'));
    assert.ok(stripe && aws, `rows: ${findingRows.map(labelOf).join(' | ')}`);
    assert.ok(!labelOf(stripe).startsWith('Blocker: '), labelOf(stripe));
    assert.equal((stripe.iconPath as vscode.ThemeIcon).id, 'warning');
    assert.ok(labelOf(aws).startsWith('Blocker: '), labelOf(aws));
    assert.equal((aws.iconPath as vscode.ThemeIcon).id, 'error');
  });

  it("shows each gap of the planning doc once, with the review's severity, a blocker once the team's checklist makes it block", async () => {
    const api = await pmZone();
    const planning = fileUri(PLANNING_PATH);
    writeFileSync(planning.fsPath, PLANNING_TEXT.replace(/## Rollback\n\n.*\n/, '## Rollback\n\n'));
    const skill = readFileSync(fileUri(SKILL).fsPath, 'utf8');
    try {
      const reviewed = await reviewChangeOf(planning);
      const gap = reviewed.outcome.result.findings.find((finding) => finding.check === 'planning.incomplete' && finding.message.includes('Rollback'));
      assert.deepEqual([gap?.severity, gap?.blocking], ['warning', false]);
      const shown = async () => {
        const all = vscode.languages.getDiagnostics(planning).filter((d) => d.source === 'PM Zone' && d.message.includes('"Rollback"'));
        return all.length > 0 ? all : undefined;
      };
      const [once, ...again] = await until('the gap in the Problems panel', shown, 10_000);
      assert.equal(again.length, 0, 'the gap is listed twice: by the planning doc and by the review');
      assert.equal(once.severity, vscode.DiagnosticSeverity.Warning);

      // The team makes the planning section block: the review and the Problems panel both say blocker.
      writeFileSync(fileUri(SKILL).fsPath, skill.replace('## Planning\n', '## Planning (blocking)\n'));
      await api.repositories.whenIdle();
      const blocked = await reviewChangeOf(planning);
      assert.ok(blocked.outcome.result.findings.some((finding) => finding.check === 'planning.incomplete' && finding.blocking), 'the review does not block on the gap');
      const [blocker, ...more] = await until('the gap to be a blocker', async () => {
        const now = await shown();
        return now?.[0]?.severity === vscode.DiagnosticSeverity.Error ? now : undefined;
      }, 10_000);
      assert.equal(more.length, 0);
      assert.match(blocker.message, /^Blocker: The "Rollback" section/);
    } finally {
      writeFileSync(fileUri(SKILL).fsPath, skill);
      await closeAllEditors();
    }
  });
});
