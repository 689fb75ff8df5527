import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { chooseIdentity, closeAllEditors, fileUri, pmZone, until, workspaceRoot } from './support';

interface SetUpResult {
  written: string[];
  errors: number;
  unenforced: number;
  warnings: string[];
  ignored: string[];
  next: string[];
}

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: workspaceRoot().fsPath, encoding: 'utf8' });
}

describe('Set up PM Zone in this repository', () => {
  after(async () => {
    await closeAllEditors();
    git('checkout', '--', 'CLAUDE.md', '.github/CODEOWNERS');
    await chooseIdentity(undefined);
  });

  it("drafts the section and the CODEOWNERS lines for an engineer, as pm-zone init does, and check-config is clean", async () => {
    await chooseIdentity('@dana');
    // The sample as it was before the pilot: no PM zone, and auth/ without an owner.
    const claude = readFileSync(fileUri('CLAUDE.md').fsPath, 'utf8');
    writeFileSync(fileUri('CLAUDE.md').fsPath, claude.slice(0, claude.indexOf('## PM zone')));
    writeFileSync(fileUri('.github/CODEOWNERS').fsPath, readFileSync(fileUri('.github/CODEOWNERS').fsPath, 'utf8').replace(/^auth\/.*\n/m, ''));
    const api = await pmZone();
    await until('the zone to be gone', async () => (await api.repositories.all())[0].policy?.zone.defined === false);

    const result = await vscode.commands.executeCommand<SetUpResult>('pmZone.setUpRepository', { pilots: ['@alice src/features/checkout alice@acme.test'], steps: ['section', 'codeowners'] });
    assert.deepEqual(result.written, ['CLAUDE.md', '.github/CODEOWNERS']);
    assert.equal(result.errors, 0);
    assert.equal(result.unenforced, 0);
    assert.deepEqual(result.warnings, []);
    assert.ok(result.next.some((step) => step.startsWith('Read the drafted section in CLAUDE.md')));
    assert.match(readFileSync(fileUri('CLAUDE.md').fsPath, 'utf8'), /## PM zone\nMode: standard\n[\s\S]*\| @alice \| `src\/features\/checkout\/\*\*` \| @dana \| alice@acme\.test \|/);
    assert.match(readFileSync(fileUri('.github/CODEOWNERS').fsPath, 'utf8'), /^\*\*\/auth\/\*\* @acme\/platform$/m);
    // The policy file is open at its new section, and the badges follow it.
    // CLAUDE.md may already be the active editor (an earlier test opened it): wait for the cursor to reach the section.
    const atSection = () => {
      const editor = vscode.window.activeTextEditor;
      return editor?.document.uri.fsPath === fileUri('CLAUDE.md').fsPath && editor.document.lineAt(editor.selection.active.line).text === '## PM zone' && editor;
    };
    const editor = await until('CLAUDE.md at the section', atSection).catch((error) => {
      const active = vscode.window.activeTextEditor;
      const where = active ? `${vscode.workspace.asRelativePath(active.document.uri)} line ${active.selection.active.line + 1}: ${JSON.stringify(active.document.lineAt(active.selection.active.line).text)}` : 'no editor';
      throw new Error(`${error instanceof Error ? error.message : String(error)}; the active editor is ${where}`);
    });
    assert.equal(editor.document.lineAt(editor.selection.active.line).text, '## PM zone');
    await until('the zone to be read again', async () => (await api.repositories.all())[0].policy?.zone.defined === true);

    // Again: the section is there, and is never written over.
    const again = await vscode.commands.executeCommand<SetUpResult>('pmZone.setUpRepository', { steps: ['section', 'codeowners'] });
    assert.deepEqual(again.written, []);
  });

  it("shows check-config's warnings in its words: a hook manager no install wires into a fresh clone", async () => {
    await chooseIdentity('@dana');
    // The team's hooks run through the pre-commit framework, which no package install wires.
    const config = fileUri('.pre-commit-config.yaml').fsPath;
    writeFileSync(config, 'repos: []\n');
    try {
      const result = await vscode.commands.executeCommand<SetUpResult>('pmZone.setUpRepository', { steps: [] });
      assert.deepEqual(result.written, []);
      assert.equal(result.errors, 0);
      assert.equal(result.warnings.length, 1, result.warnings.join('\n'));
      assert.match(result.warnings[0], /^\.pre-commit-config\.yaml: the pre-commit framework is a Python program no package install runs: git copies no hook and no core\.hooksPath, .* Every clone must run `pre-commit install` once/);
    } finally {
      rmSync(config, { force: true });
    }
  });

  it('is an engineer\'s act: a pilot PM is told so, and nothing is written', async () => {
    await chooseIdentity('@alice');
    const before = git('status', '--porcelain');
    assert.equal(await vscode.commands.executeCommand('pmZone.setUpRepository', { steps: ['section', 'codeowners', 'hook', 'gate', 'agents'] }), undefined);
    assert.equal(git('status', '--porcelain'), before);
  });
});
