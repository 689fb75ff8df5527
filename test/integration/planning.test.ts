import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { CommandId } from '../../src/vscode/commandIds';
import type { NewPlanningDocResult } from '../../src/vscode/planning';
import { normaliseFolder, validateFlag, validateFolder, validateTitle, type QuestionContext } from '../../src/vscode/planning/planningQuestions';
import { answeringQuickInput, closeAllEditors, fileUri, pmZone, replaceText, reviewChangeOf, until, workspaceRoot } from './support';

const CHECKOUT_DOC = 'src/features/checkout/PLANNING.md';
const ANSWERS = {
  title: 'Clearer copy on the order button',
  feature: 'src/features/checkout',
  tier: 'production',
  flag: 'checkout_copy_v2',
  metric: 'Checkout completion rate',
};
/** Everything the tests create, removed afterwards so the other suites see the clean sample repository. */
const CREATED = [CHECKOUT_DOC, 'src/features/checkout/experiments', 'src/features/checkout/banner', 'src/features/checkout/prompts/PLANNING.md', '.pmzone'];
const { Error: ERROR, Warning: WARNING, Info: INFO } = vscode.InputBoxValidationSeverity;

/** A finished planning doc of @alice's, with the given changes. */
function planningText(options: { title?: string; flag?: string; tier?: string; rollback?: boolean } = {}): string {
  return [
    '---',
    `title: ${options.title ?? 'Order button copy experiment'}`,
    'author: "@alice"',
    'feature: src/features/checkout',
    `flag: ${options.flag ?? 'checkout_copy_v2'}`,
    `tier: ${options.tier ?? 'production'}`,
    'created: "2025-03-24"',
    'status: draft',
    '---',
    '',
    '# Order button copy experiment',
    '',
    '## Problem',
    '',
    'Shoppers hesitate at "Place order": support tickets say it is unclear whether they will be charged now.',
    '',
    '## Intent',
    '',
    'The button says "Confirm order" so shoppers know what happens next.',
    '',
    '## Scope',
    '',
    '- `src/features/checkout/i18n/en.json`',
    '',
    '## Feature flag and rollout plan',
    '',
    'Behind `checkout_copy_v2`: staff first, then 10%, then everyone.',
    '',
    '## Primary metric and baseline',
    '',
    '- Metric: checkout completion rate, baseline 61%, expected up',
    '',
    ...(options.rollback === false ? [] : ['## Rollback', '', 'Turn off `checkout_copy_v2`.', '']),
    '## AI assistance',
    '',
    'None.',
    '',
    '## Sign-offs',
    '',
    '- [ ] Engineering DRI: @dana',
    '',
  ].join('\n');
}

async function writeDoc(relPath: string, text: string): Promise<vscode.TextDocument> {
  await vscode.workspace.fs.writeFile(fileUri(relPath), new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(fileUri(relPath));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

async function readDisk(relPath: string): Promise<Uint8Array> {
  return vscode.workspace.fs.readFile(fileUri(relPath));
}

/** The planning diagnostics of a document (the review's use object codes; these use the problem kind). */
function planningDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'PM Zone' && typeof d.code === 'string');
}

/** Resolves when PM Zone has finished a check of `relPath` (started after this call): a positive signal that it ran. */
async function nextCheckOf(relPath: string): Promise<vscode.Diagnostic[]> {
  const api = await pmZone();
  const uri = fileUri(relPath).toString();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (listener.dispose(), reject(new Error(`no check of ${relPath} within 10 s`))), 10_000);
    const listener = api.planningDiagnostics.onDidCheck((check) => {
      if (check.uri.toString() !== uri) return;
      clearTimeout(timer);
      listener.dispose();
      resolve([...check.diagnostics]);
    });
  });
}

function diagnosticOf(uri: vscode.Uri, kind: string): vscode.Diagnostic | undefined {
  return planningDiagnostics(uri).find((d) => d.code === kind);
}

function lineOf(text: string, line: string): number {
  const index = text.split('\n').indexOf(line);
  assert.ok(index >= 0, `no line ${JSON.stringify(line)}`);
  return index;
}

async function newPlanningDoc(args: Record<string, unknown>): Promise<NewPlanningDocResult> {
  return (await vscode.commands.executeCommand<NewPlanningDocResult>(CommandId.NewPlanningDoc, args))!;
}

describe('Planning docs in the editor', () => {
  before(async () => {
    await (await pmZone()).repositories.whenIdle();
  });

  afterEach(closeAllEditors);

  after(async () => {
    await closeAllEditors();
    for (const path of CREATED) await vscode.workspace.fs.delete(fileUri(path), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    const status = execFileSync('git', ['status', '--porcelain'], { cwd: workspaceRoot().fsPath, encoding: 'utf8' });
    assert.equal(status, '', 'the planning tests left changes in the sample repository');
  });

  describe('"New planning doc"', () => {
    it('creates <feature folder>/PLANNING.md from the answers and opens it with the cursor in the Problem section', async () => {
      const result = await newPlanningDoc(ANSWERS);
      assert.equal(result.status, 'created');
      assert.ok(result.status === 'created');
      assert.equal(result.path, CHECKOUT_DOC);
      assert.deepEqual(result.templateProblems, []);

      const text = new TextDecoder().decode(await readDisk(CHECKOUT_DOC));
      const frontMatter = /^---\n([\s\S]*?)\n---\n/.exec(text);
      assert.ok(frontMatter, `no front matter at the top:\n${text.slice(0, 300)}`);
      const fields = parse(frontMatter[1]);
      assert.equal(fields.title, ANSWERS.title);
      assert.equal(fields.author, '@alice');
      assert.equal(fields.feature, ANSWERS.feature);
      assert.equal(fields.flag, ANSWERS.flag);
      assert.equal(fields.tier, ANSWERS.tier);
      assert.equal(String(fields.created), new Date().toISOString().slice(0, 10));
      assert.ok(text.includes(`# ${ANSWERS.title}\n`), 'the title heading');
      assert.ok(text.includes(`- Metric: ${ANSWERS.metric}\n`), 'the metric in its section');
      assert.ok(text.includes('- [ ] Engineering DRI: @dana'), "alice's engineering DRI from CLAUDE.md");

      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.uri.toString(), fileUri(CHECKOUT_DOC).toString(), 'the new doc is the active editor');
      const cursor = editor.selection.active;
      const problem = lineOf(text, '## Problem');
      assert.ok(cursor.line > problem && cursor.line < lineOf(text, '## Intent'), `cursor on line ${cursor.line + 1}, Problem on ${problem + 1}`);
      assert.ok(editor.document.lineAt(cursor.line - 1).text.startsWith('<!--'), 'the cursor is right after the guidance comment');
      assert.equal(editor.document.lineAt(cursor.line).text, '');

      // Opening it checks it: the Problem section still holds only the template's guidance.
      const unwritten = await until('the unwritten Problem section to be reported', () =>
        planningDiagnostics(fileUri(CHECKOUT_DOC)).find((d) => d.code === 'incomplete-section' && d.range.start.line === problem), 5000);
      assert.equal(unwritten.severity, vscode.DiagnosticSeverity.Warning);
    });

    it('never overwrites: a second run on the same folder leaves the file byte for byte and offers to open it', async () => {
      const before = await readDisk(CHECKOUT_DOC);
      const result = await newPlanningDoc({ ...ANSWERS, title: 'Something else entirely', tier: 'prototype' });
      assert.equal(result.status, 'exists');
      assert.ok(result.status === 'exists');
      assert.equal(result.path, CHECKOUT_DOC);
      assert.equal(result.uri.toString(), fileUri(CHECKOUT_DOC).toString());
      assert.deepEqual(await readDisk(CHECKOUT_DOC), before);
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    it('offers to open the existing doc when its folder is chosen, and opens it unchanged', async () => {
      await closeAllEditors();
      const before = await readDisk(CHECKOUT_DOC);
      const { feature: _asked, ...allButTheFolder } = ANSWERS;
      // The folder question opens with alice's folder first; then "Open it" comes first.
      const result = await answeringQuickInput(newPlanningDoc(allButTheFolder), 'workbench.action.acceptSelectedQuickOpenItem');
      assert.equal(result.status, 'exists');
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), fileUri(CHECKOUT_DOC).toString());
      assert.deepEqual(await readDisk(CHECKOUT_DOC), before);
    });

    it('takes the folder right-clicked in the explorer as the feature folder, but not a file', async () => {
      const { feature: _asked, ...allButTheFolder } = ANSWERS;
      const fromFolder = await newPlanningDoc({ ...allButTheFolder, repository: fileUri('src/features/checkout/prompts') });
      assert.equal(fromFolder.status, 'created');
      assert.ok(fromFolder.status === 'created');
      assert.equal(fromFolder.path, 'src/features/checkout/prompts/PLANNING.md');
      // A file does not answer the question: it is asked (and here cancelled).
      const fromFile = await answeringQuickInput(newPlanningDoc({ ...allButTheFolder, repository: fileUri('src/features/checkout/flags.yaml') }), 'workbench.action.closeQuickOpen');
      assert.equal(fromFile.status, 'cancelled');
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    it('says there is nothing to plan outside a repository with a PM zone', async () => {
      const result = await newPlanningDoc({ ...ANSWERS, repository: vscode.Uri.file('/') });
      assert.equal(result.status, 'no-zone');
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    it('"Open planning doc" offers the PM\'s own docs, the feature folder\'s first', async () => {
      await closeAllEditors();
      // Two docs in alice's folder now (checkout and checkout/prompts): a pick, whose first item is accepted.
      const opened = await answeringQuickInput(vscode.commands.executeCommand<vscode.Uri | undefined>(CommandId.OpenPlanningDoc), 'workbench.action.acceptSelectedQuickOpenItem');
      assert.equal(opened?.toString(), fileUri(CHECKOUT_DOC).toString());
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), fileUri(CHECKOUT_DOC).toString());
    });

    it('fills the repository template, placeholders included, and reports the ones it does not know', async () => {
      const template = [
        '---',
        'title: {{title}}',
        'author: {{author}}',
        'feature: {{feature}}',
        'flag: {{flag}}',
        'tier: {{tier}}',
        '---',
        '',
        '# {{title}}',
        '',
        'Ticket: {{ticket}}',
        '',
        '## Problem statement',
        '<!-- Whose problem, and how do we know? -->',
        '',
        '## Intent',
        '',
      ].join('\n');
      await vscode.workspace.fs.writeFile(fileUri('.pmzone/PLANNING.template.md'), new TextEncoder().encode(template));
      const result = await newPlanningDoc({ ...ANSWERS, title: 'Holiday banner', feature: './src/features/checkout/banner/', tier: 'prototype', metric: '' });
      assert.equal(result.status, 'created');
      assert.ok(result.status === 'created');
      assert.equal(result.path, 'src/features/checkout/banner/PLANNING.md');
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(result.uri));
      assert.ok(text.startsWith('---\ntitle: Holiday banner\nauthor: "@alice"\nfeature: src/features/checkout/banner\nflag: checkout_copy_v2\ntier: prototype\n---\n'), text);
      assert.ok(text.includes('# Holiday banner\n'));
      assert.ok(text.includes('Ticket: {{ticket}}'), 'an unknown placeholder is kept as written');
      assert.deepEqual(result.templateProblems.map((p) => [p.kind, p.file, p.line]), [['unknown-placeholder', '.pmzone/PLANNING.template.md', 11]]);
      // The cursor follows the template's own Problem heading, whatever its wording.
      const cursor = vscode.window.activeTextEditor!.selection.active;
      assert.equal(cursor.line, lineOf(text, '<!-- Whose problem, and how do we know? -->') + 1);
      await vscode.commands.executeCommand('notifications.clearAll');
    });
  });

  describe('diagnostics on PLANNING.md', () => {
    const docPath = 'src/features/checkout/experiments/PLANNING.md';

    afterEach(async () => {
      await closeAllEditors();
      await vscode.workspace.fs.delete(fileUri(docPath), { useTrash: false }).then(undefined, () => undefined);
    });

    it('reports a finished doc as clean', async () => {
      const checked = nextCheckOf(docPath);
      const document = await writeDoc(docPath, planningText());
      // Checked, and found clean: not merely not yet checked.
      assert.deepEqual((await checked).map((d) => `${d.range.start.line + 1} ${d.code} ${d.message}`), []);
      assert.deepEqual(planningDiagnostics(document.uri), []);
    });

    it('puts a missing section and a wrong tier on their lines, with quick fixes, and follows the typing', async () => {
      const text = planningText({ tier: 'prod', rollback: false });
      const document = await writeDoc(docPath, text);
      const uri = document.uri;
      const tier = await until('the invalid tier', () => diagnosticOf(uri, 'invalid-tier'), 5000);
      const missing = await until('the missing Rollback section', () => diagnosticOf(uri, 'missing-section'), 5000);
      assert.equal(tier.range.start.line, lineOf(text, 'tier: prod'));
      // A gap of the doc has the review's severity (planning.incomplete: a warning, the sample's checklist does not make it block).
      assert.equal(tier.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(document.getText(tier.range), 'prod');
      assert.ok(missing.message.includes('Rollback'), missing.message);
      // Where the section belongs: before the next section of the template's order.
      assert.equal(missing.range.start.line, lineOf(text, '## AI assistance'));
      assert.equal(planningDiagnostics(uri).length, 2, planningDiagnostics(uri).map((d) => d.message).join('\n'));

      // The check runs on open and on each change: the quick fixes are read once it has settled.
      const tierTitlesNow = async () => {
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, tier.range);
        return actions.filter((action) => action.title.startsWith('Set the tier to')).map((action) => action.title);
      };
      const tierTitles = await until('the tier quick fixes', async () => {
        const titles = await tierTitlesNow();
        return titles.length > 0 ? titles : undefined;
      }, 5000);
      assert.deepEqual(tierTitles, ['Set the tier to production (Production)', 'Set the tier to prototype (Prototype)', 'Set the tier to internal-tool (Internal tool)']);

      // Typing the fix: the diagnostic follows within a second.
      const typed = Date.now();
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, tier.range, 'internal-tool');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await until('the tier diagnostic to go', () => !diagnosticOf(uri, 'invalid-tier'), 3000);
      const followMs = Date.now() - typed;
      // A figure to read, not a timed assertion: the machine's load decides it.
      console.log(`      diagnostics followed the typing after ${followMs} ms`);

      const sectionActions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, missing.range);
      const insert = sectionActions.find((action) => action.title === 'Add the "Rollback" section');
      assert.ok(insert?.edit, `no fix to add the section; got ${sectionActions.map((a) => a.title).join(', ')}`);
      assert.ok(await vscode.workspace.applyEdit(insert.edit));
      await until('the missing-section diagnostic to go', () => !diagnosticOf(uri, 'missing-section'), 3000);
      const fixed = document.getText();
      assert.equal(lineOf(fixed, '## Rollback') + 4, lineOf(fixed, '## AI assistance'), 'heading, blank, guidance, blank, then the next section');
      // The inserted section is unwritten yet, and says so on its heading.
      const unwritten = await until('the new section to be reported as unwritten', () => diagnosticOf(uri, 'incomplete-section'), 3000);
      assert.equal(unwritten.range.start.line, lineOf(fixed, '## Rollback'));
    });

    it('reports a flag the author does not own, and follows CLAUDE.md when ownership changes', async () => {
      const text = planningText({ flag: 'search_ranking_v3' });
      const document = await writeDoc(docPath, text);
      const unowned = await until('the unowned flag', () => diagnosticOf(document.uri, 'unowned-flag'), 5000);
      assert.equal(unowned.range.start.line, lineOf(text, 'flag: search_ranking_v3'));
      assert.equal(document.getText(unowned.range), 'search_ranking_v3');
      assert.ok(unowned.message.includes('@bob'), unowned.message);

      const claude = await vscode.workspace.openTextDocument(fileUri('CLAUDE.md'));
      await replaceText(claude, claude.getText().replace('| `search_ranking_v3` | @bob |', '| `search_ranking_v3` | @alice |'));
      await until('the unowned flag to go once CLAUDE.md gives it to @alice', () => !diagnosticOf(document.uri, 'unowned-flag'), 5000);
    });

    it('reports front matter that does not parse on its line', async () => {
      const text = planningText({ title: 'Order: button copy' });
      const document = await writeDoc(docPath, text);
      const invalid = await until('the front matter error', () => diagnosticOf(document.uri, 'invalid-front-matter'), 5000);
      assert.equal(invalid.range.start.line, lineOf(text, 'title: Order: button copy'));
      assert.equal(invalid.severity, vscode.DiagnosticSeverity.Warning, "the review's severity for a gap of the doc");
    });

    it('clears them when the doc is closed', async () => {
      const api = await pmZone();
      const settings = vscode.workspace.getConfiguration('pmZone');
      // No review holds the doc (none runs by itself here): closed, its problems go.
      await settings.update('review.runOnChange', false, vscode.ConfigurationTarget.Global);
      try {
        await api.review.whenIdle();
        api.review.forget(workspaceRoot());
        const document = await writeDoc(docPath, planningText({ tier: 'prod' }));
        await until('the invalid tier', () => diagnosticOf(document.uri, 'invalid-tier'), 5000);
        await closeAllEditors();
        // A review the sidebar started in the background (it follows the branch) may hold the doc again: forgotten each time.
        await until('the diagnostics to be cleared once the doc is closed', () => {
          api.review.forget(workspaceRoot());
          return planningDiagnostics(document.uri).length === 0;
        }, 10_000);
      } finally {
        await settings.update('review.runOnChange', undefined, vscode.ConfigurationTarget.Global);
      }
      const document = await writeDoc(docPath, planningText({ tier: 'prod' }));
      // Once a review holds it, its gaps are the review's, and stay listed, once, while the doc is closed.
      const run = await reviewChangeOf(document.uri);
      const gaps = run.outcome.result.findings.filter((finding) => finding.check === 'planning.incomplete' && finding.file === docPath);
      assert.ok(gaps.length > 0, 'the review found no gap in the doc');
      await closeAllEditors();
      await until('the gaps to be listed as the review found them', () => planningDiagnostics(document.uri).filter((d) => d.code === 'invalid-tier').length === 1, 10_000);
      // Gone from the change (deleted), gone from the list.
      await vscode.workspace.fs.delete(fileUri(docPath), { useTrash: false });
      await reviewChangeOf(workspaceRoot());
      await until('the diagnostics to be cleared once the change no longer holds the doc', () => planningDiagnostics(document.uri).length === 0, 10_000);
    });

    it('leaves other markdown files alone', async () => {
      const other = 'src/features/checkout/experiments/NOTES.md';
      await writeDoc(other, planningText({ tier: 'prod' }));
      // The same text as a PLANNING.md beside it is checked (and found wrong) after NOTES.md was opened.
      const sibling = await writeDoc(docPath, planningText({ tier: 'prod' }));
      await until('the sibling PLANNING.md to be checked', () => diagnosticOf(sibling.uri, 'invalid-tier'), 5000);
      assert.deepEqual(planningDiagnostics(fileUri(other)), []);
      await closeAllEditors();
      await vscode.workspace.fs.delete(fileUri(other), { useTrash: false });
    });
  });

  describe('the answers it accepts', () => {
    let context: QuestionContext;

    before(async () => {
      const repository = (await pmZone()).repositories.known().find((known) => known.policy?.zone.defined);
      assert.ok(repository?.policy);
      context = { policy: repository.policy, folders: [{ folder: 'src/features/checkout', glob: 'src/features/checkout/**', pilot: '@alice' }], flags: ['checkout_copy_v2'], planned: new Set() };
    });

    it('takes a folder relative to the repository and inside it', () => {
      assert.equal(normaliseFolder(' ./src\\features\\checkout// '), 'src/features/checkout');
      assert.equal(validateFolder('src/features/checkout', context), undefined);
      assert.equal(validateFolder('src/features/checkout/banner', context), undefined);
      for (const bad of ['', '.', '/etc', 'C:\\work', '~/shop', '../elsewhere', 'src/../../x', 'src/features/**', 'src/a\u0007b']) {
        assert.equal(validateFolder(bad, context)?.severity, ERROR, JSON.stringify(bad));
      }
      // A doc in the engineering zone cannot be accepted; elsewhere is a hint, not a refusal.
      assert.equal(validateFolder('src/auth', context)?.severity, ERROR);
      assert.equal(validateFolder('src/features/search', context)?.severity, INFO);
    });

    it('takes a non-empty one-line title and a flag name, warning about a flag someone else owns', () => {
      assert.equal(validateTitle('  ')?.severity, ERROR);
      assert.equal(validateTitle('a\nb')?.severity, ERROR);
      assert.equal(validateTitle('Clearer copy'), undefined);
      assert.equal(validateFlag('checkout_copy_v2', context), undefined);
      assert.equal(validateFlag('search_ranking_v3', context)?.severity, WARNING);
      assert.equal(validateFlag('checkout_copy_v3', context)?.severity, INFO);
      for (const bad of ['', '3d_secure', 'has space', 'emoji_🚩', '-x']) assert.equal(validateFlag(bad, context)?.severity, ERROR, bad);
    });

    it('never writes through a feature folder that is a link out of the repository', async () => {
      const outside = mkdtempSync(join(tmpdir(), 'pm-zone-outside-'));
      const linked = fileUri('src/features/checkout/linked').fsPath;
      symlinkSync(outside, linked);
      try {
        const result = await newPlanningDoc({ ...ANSWERS, feature: 'src/features/checkout/linked' });
        assert.equal(result.status, 'failed');
        assert.match(result.status === 'failed' ? result.error : '', /would be outside the PM zone/);
        assert.equal(existsSync(join(outside, 'PLANNING.md')), false);
      } finally {
        rmSync(linked);
        rmSync(outside, { recursive: true, force: true });
      }
    });

    it('asks again for a pre-answer that does not validate, and writes nothing when that question is cancelled', async () => {
      const result = await answeringQuickInput(newPlanningDoc({ ...ANSWERS, feature: '../outside' }), 'workbench.action.closeQuickOpen');
      assert.equal(result.status, 'cancelled');
      await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(workspaceRoot(), '..', 'outside'))));
      assert.equal(execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: workspaceRoot().fsPath, encoding: 'utf8' }).includes('outside'), false);
    });
  });
});
