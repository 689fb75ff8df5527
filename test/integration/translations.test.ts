import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ReviewRun } from '../../src/vscode/review';
import { closeAllEditors, fileUri, pmZone, requestScreenshot, resetWorkspace, reviewChangeOf, treeChildren, until, workspaceRoot } from './support';

// Translation findings as a PM sees them in the real editor: a one-word copy
// edit of an English string with a placeholder stays quiet even though a new
// German file has not translated it yet, and a French translation that
// misspells the placeholder is one blocker on the key's line, naming the locale.

const BRANCH = 'alice/translations-test';
const EN = 'src/features/checkout/i18n/en.json';
const FR = 'src/features/checkout/i18n/fr.json';
const DE = 'src/features/checkout/i18n/de.json';

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: workspaceRoot().fsPath, encoding: 'utf8' });
}

function replaceIn(relPath: string, from: string, to: string): void {
  const file = fileUri(relPath).fsPath;
  const before = readFileSync(file, 'utf8');
  assert.ok(before.includes(from), `${relPath} holds no ${from}`);
  writeFileSync(file, before.replace(from, to));
}

function i18nDiagnostics(relPath: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(fileUri(relPath))
    .filter((d) => d.source === 'PM Zone' && typeof d.code === 'object' && String((d.code as { value: string }).value).startsWith('i18n.'));
}

describe('Translations in the review', function () {
  this.timeout(60_000);

  before(async () => {
    const api = await pmZone();
    await api.repositories.whenIdle();
    git('checkout', '--quiet', '-b', BRANCH);
    const german = JSON.parse(readFileSync(fileUri(FR).fsPath, 'utf8')) as { checkout: { button: Record<string, string> } };
    german.checkout.button.payAmount = '';
    writeFileSync(fileUri(DE).fsPath, `${JSON.stringify(german, null, 2)}\n`);
    replaceIn(EN, '"Pay {total}"', '"Pay {total} now"');
    replaceIn(FR, '"Payer {total}"', '"Payer {totl}"');
    git('add', '--', EN, FR, DE);
  });

  after(async () => {
    await closeAllEditors();
    git('checkout', '--quiet', '--force', 'main');
    git('branch', '--quiet', '-D', BRANCH);
    git('reset', '--quiet', '--hard');
    git('clean', '--quiet', '-fd');
    const api = await pmZone();
    await until('the review diagnostics to be dropped', () => i18nDiagnostics(FR).length === 0, 15_000);
    await api.review.whenIdle();
  });

  it('shows a broken placeholder once, on the key line of the translation, and nothing for the untranslated copy edit', async () => {
    const run = await vscode.commands.executeCommand<ReviewRun | undefined>('pmZone.reviewChange', fileUri(FR));
    assert.ok(run, 'the command returned no review');
    assert.deepEqual(run.change.files.map((file) => file.path).sort(), [DE, EN, FR]);

    const [broken, ...others] = i18nDiagnostics(FR);
    assert.ok(broken, `no i18n diagnostic on ${FR}`);
    assert.deepEqual(others, []);
    const frLines = readFileSync(fileUri(FR).fsPath, 'utf8').split('\n');
    assert.equal(broken.range.start.line, frLines.findIndex((line) => line.includes('"payAmount"')));
    assert.equal(broken.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(broken.message, 'Blocker: `checkout.button.payAmount` differs from the source (en) in fr: new {totl}; missing {total}.');

    assert.deepEqual(i18nDiagnostics(EN), [], 'the one-word copy edit of the source string got a translation finding');
    assert.deepEqual(i18nDiagnostics(DE), [], 'the untranslated ("") German string got a translation finding');
  });
});

// Deleting a placeholder from the source string while the translations
// still show it: a blocker on the source's key line, naming the key and the
// translation, and the checklist's placeholder item fails with it (it showed
// a pass and no finding at all).
describe('A placeholder removed from the source string', function () {
  this.timeout(60_000);
  const branch = 'alice/source-placeholder-test';

  before(async () => {
    const api = await pmZone();
    await api.repositories.whenIdle();
    git('checkout', '--quiet', '-b', branch);
    replaceIn(EN, '"{product} is out of stock."', '"This item is out of stock."');
    git('commit', '--quiet', '-am', 'Checkout: a shorter out-of-stock message');
  });

  after(async () => {
    await closeAllEditors();
    resetWorkspace();
    const api = await pmZone();
    await until('the review diagnostics to be dropped', () => i18nDiagnostics(EN).length === 0, 15_000);
    await api.review.whenIdle();
  });

  it('blocks on the source line, names the translation, and fails the checklist item', async () => {
    await vscode.window.showTextDocument(fileUri(EN));
    const run = await reviewChangeOf(fileUri(EN));
    assert.deepEqual(run.change.files.map((file) => file.path), [EN]);
    const [removed, ...others] = i18nDiagnostics(EN);
    assert.ok(removed, `no i18n diagnostic on ${EN}`);
    assert.deepEqual(others, []);
    assert.equal(removed.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(removed.message, 'Blocker: `checkout.errors.outOfStock`: {product} removed from the source (en), but the translations still show it: {product} in fr. Remove it from the translations in the same change, or keep it in the source.');
    const enLines = readFileSync(fileUri(EN).fsPath, 'utf8').split('\n');
    assert.equal(removed.range.start.line, enLines.findIndex((line) => line.includes('"outOfStock"')));

    const api = await pmZone();
    const sections = await treeChildren(api.sidebar.checklist);
    const items = (await Promise.all(sections.map(({ node }) => treeChildren(api.sidebar.checklist, node)))).flat();
    const placeholders = items.find(({ item }) => String(typeof item.label === 'string' ? item.label : item.label?.label).startsWith('Placeholders such as'));
    assert.ok(placeholders, 'no placeholder item in the checklist');
    assert.match(String(placeholders.item.description), /^failed: 1 finding$/);
    await vscode.commands.executeCommand('pmZone.checklist.focus');
    await requestScreenshot('source-placeholder-removed');
  });
});
