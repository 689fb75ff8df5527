import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { pmZone, until, workspaceGit, workspaceRoot } from './support';

// "Check my changes before each commit?": the pre-commit hook offered once to
// a pilot PM whose clone lacks it, the button running the palette's install,
// and a "no" remembered in the repository.

const hookFile = () => join(workspaceRoot().fsPath, '.git', 'hooks', 'pre-commit');

async function setIdentity(handle: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('pmZone').update('identity', handle, vscode.ConfigurationTarget.Global);
  await (await pmZone()).repositories.whenIdle();
}

function unsetDeclined(): void {
  try {
    workspaceGit('config', '--local', '--unset-all', 'pm-zone.commitcheck');
  } catch {
    // Not set: nothing to undo.
  }
}

describe('The commit check offered to a pilot PM', () => {
  beforeEach(async () => {
    if (existsSync(hookFile())) await vscode.commands.executeCommand('pmZone.uninstallHook');
    unsetDeclined();
  });

  after(async () => {
    await setIdentity(undefined);
    if (existsSync(hookFile())) await vscode.commands.executeCommand('pmZone.uninstallHook');
    unsetDeclined();
  });

  it('"Turn it on" installs the pre-commit hook, and then nothing is offered', async () => {
    const api = await pmZone();
    const [repository] = await api.repositories.all();
    assert.equal(repository.policy?.author?.handle, '@alice');
    assert.equal(existsSync(hookFile()), false);
    assert.equal(await api.commitCheck.offer(repository, 'Turn it on'), 'turned-on');
    assert.ok(existsSync(hookFile()), 'the hook is installed');
    assert.equal(await api.commitCheck.offer(repository, 'Turn it on'), 'not-offered');
  });

  it('"No, thanks" is remembered in the repository: not offered again', async () => {
    const api = await pmZone();
    const [repository] = await api.repositories.all();
    assert.equal(await api.commitCheck.offer(repository, 'No, thanks'), 'declined');
    assert.equal(workspaceGit('config', '--local', '--get', 'pm-zone.commitcheck').trim(), 'declined');
    assert.equal(await api.commitCheck.offer(repository, 'Turn it on'), 'not-offered');
    assert.equal(existsSync(hookFile()), false);
  });

  it('is not offered to someone who is not a known pilot PM', async () => {
    const api = await pmZone();
    await setIdentity('@zed');
    const repository = await until('an unknown identity', async () => {
      const [current] = await api.repositories.all();
      return current.policy && !current.policy.author ? current : undefined;
    });
    assert.equal(await api.commitCheck.offer(repository, 'Turn it on'), 'not-offered');
    assert.equal(existsSync(hookFile()), false);
  });
});
