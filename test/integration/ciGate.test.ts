import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { ciWorkflow, WORKFLOW_PATH } from '../../src/core/ci';
import { chooseIdentity, closeAllEditors, fileUri, pmZone, until } from './support';

describe('Add the CI gate', () => {
  const workflow = () => fileUri(WORKFLOW_PATH).fsPath;

  afterEach(async () => {
    await chooseIdentity(undefined);
    await closeAllEditors();
    rmSync(workflow(), { force: true });
  });

  it('writes nothing for a pilot PM: the workflow is an engineer\'s file', async () => {
    const api = await pmZone();
    assert.equal((await api.repositories.all())[0].policy?.author?.handle, '@alice');
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('pmZone.addCiGate');
    assert.equal(written, undefined);
    assert.equal(existsSync(workflow()), false, 'a PM wrote the workflow');
  });

  it('writes the same workflow as pm-zone ci init for an engineer, opens it, and leaves an equal one alone', async () => {
    await chooseIdentity('@dana');
    await until('an engineer (not a pilot)', async () => (await (await pmZone()).repositories.all())[0].policy?.identity.known === false);
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('pmZone.addCiGate');
    assert.equal(written?.fsPath, workflow());
    assert.equal(readFileSync(workflow(), 'utf8'), ciWorkflow());
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, workflow());

    // The same workflow with CRLF line endings (a Windows checkout) is current: not rewritten.
    writeFileSync(workflow(), ciWorkflow().replace(/\n/g, '\r\n'));
    await vscode.commands.executeCommand('pmZone.addCiGate');
    assert.equal(readFileSync(workflow(), 'utf8'), ciWorkflow().replace(/\n/g, '\r\n'));
  });
});
