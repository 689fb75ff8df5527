import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'pm-zone.pm-zone';

async function until<T>(read: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('PM Zone in a real VS Code', () => {
  it('opens the sample repository as the only workspace folder', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1);
    const claude = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folders[0].uri, 'CLAUDE.md'));
    assert.match(Buffer.from(claude).toString('utf8'), /^## PM zone$/m);
  });

  it('is installed under its manifest id', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    assert.equal(extension.packageJSON.name, 'pm-zone');
  });

  it('activates by itself on a repository that has a CLAUDE.md', async () => {
    // No activate() call: the manifest's workspaceContains events must do it.
    const active = await until(() => (vscode.extensions.getExtension(EXTENSION_ID)?.isActive ? true : undefined), 20_000);
    assert.equal(active, true, 'the extension did not activate on the sample repository');
  });

  it('activates without throwing when asked', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });
});
