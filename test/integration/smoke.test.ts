import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PmZoneApi } from '../../src/vscode/api';
import { until } from './support';

const EXTENSION_ID = 'pm-zone.pm-zone';

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
    const active = await until('PM Zone to activate', () => (vscode.extensions.getExtension(EXTENSION_ID)?.isActive ? true : undefined), 20_000);
    assert.equal(active, true, 'the extension did not activate on the sample repository');
  });

  it('hands the tests an API that knows the sample repository and its zone', async () => {
    // Activation already happened (the test above); its exports are what activate() returned.
    const api = await until("PM Zone's API", () => vscode.extensions.getExtension<PmZoneApi>(EXTENSION_ID)?.exports, 20_000);
    assert.ok(api, 'activate() returned nothing');
    await api.repositories.whenIdle();
    const root = vscode.workspace.workspaceFolders![0].uri.toString();
    const repository = api.repositories.known().find((known) => known.root.toString() === root);
    assert.ok(repository, `the sample repository is not known: ${api.repositories.known().map((known) => known.root.toString()).join(', ')}`);
    assert.equal(repository.policy?.zone.defined, true);
  });
});
