import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, decorationOf, fileUri, pmZone, resetWorkspace, until, workspaceGit } from './support';

const CHECKOUT_COMPONENT = 'src/features/checkout/components/CheckoutButton.tsx';
const SEARCH_COMPONENT = 'src/features/search/components/SearchBox.tsx';

async function setGlobal(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('pmZone').update(key, value, vscode.ConfigurationTarget.Global);
  await (await pmZone()).repositories.whenIdle();
}

describe('Who the PM is', () => {
  afterEach(async () => {
    await setGlobal('identity', undefined);
    await closeAllEditors();
  });

  it("badges the PM's own feature folder PM and another pilot's folder not, from git's e-mail alone", async () => {
    const api = await pmZone();
    const policy = (await api.repositories.all())[0].policy;
    assert.equal(policy?.author?.handle, '@alice', "git's user.email is alice@acme.test");
    assert.equal((await decorationOf(api, CHECKOUT_COMPONENT))?.badge, 'PM');
    const other = await decorationOf(api, SEARCH_COMPONENT);
    assert.notEqual(other?.badge, 'PM', "@bob's component must not be PM-editable for @alice");
    assert.match(String(other?.tooltip), /^Outside the PM zone/);
  });

  it('follows pmZone.identity: chosen as @bob, the folders swap; an unknown handle makes neither editable', async () => {
    const api = await pmZone();
    await setGlobal('identity', '@bob');
    await until('@bob to be the author', async () => (await api.repositories.all())[0].policy?.author?.handle === '@bob');
    assert.equal((await decorationOf(api, SEARCH_COMPONENT))?.badge, 'PM');
    assert.notEqual((await decorationOf(api, CHECKOUT_COMPONENT))?.badge, 'PM');

    await setGlobal('identity', '@zed');
    const policy = await until('an unknown identity', async () => {
      const current = (await api.repositories.all())[0].policy;
      return current && !current.identity.known ? current : undefined;
    });
    assert.match(policy.identity.message, /^@zed is not a listed pilot PM \(CLAUDE\.md:\d+\); the pilots are @alice \(alice@acme\.test\), @bob \(bob@acme\.test\)/);
    // Fail closed: each component is editable only for the pilot whose folder it is in, and says whose.
    const checkout = policy.zoneOf(CHECKOUT_COMPONENT);
    assert.equal(checkout.zone, 'editable');
    assert.match(checkout.reasons[0].message, /only for @alice, in @alice's feature folder src\/features\/checkout\/\*\*/);
    assert.equal(policy.zoneOf('src/components/Button.tsx').zone, 'outside');
  });

  it('takes the handle chosen last, even when the reload of an earlier choice, asking git, ends after it', async () => {
    const api = await pmZone();
    const config = vscode.workspace.getConfiguration('pmZone');
    const handleNow = async () => (await api.repositories.all())[0].policy?.settings.handle;
    await setGlobal('identity', '@bob');
    // A git that takes a second to say who the user is, found first on the PATH the extension host spawns git from:
    // the reload that clears the handle asks it, and the reload for @zed, started while it waits, asks nothing.
    const slowGit = await fs.mkdtemp(join(tmpdir(), 'pm-zone-slow-git-'));
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    await fs.writeFile(join(slowGit, 'git'), `#!/bin/sh\ncase "$*" in *user.email*) sleep 1 ;; esac\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
    const path = process.env.PATH;
    process.env.PATH = `${slowGit}:${path}`;
    try {
      await config.update('identity', undefined, vscode.ConfigurationTarget.Global);
      await config.update('identity', '@zed', vscode.ConfigurationTarget.Global);
      await until('@zed', async () => (await handleNow()) === '@zed');
      // Both reloads were started once the second is seen (the events come in order): idle means both ended.
      await api.repositories.whenIdle();
      assert.equal(await handleNow(), '@zed', 'the reload started first ended last, and its identity (git\'s, @alice) won');
    } finally {
      process.env.PATH = path;
      await fs.rm(slowGit, { recursive: true, force: true });
    }
  });

  it('follows git: a changed user.email is seen by Refresh, and by the .git/config watcher alone, without a reload', async () => {
    const api = await pmZone();
    const authorNow = async () => (await api.repositories.all())[0].policy?.author?.handle;
    assert.equal(await authorNow(), '@alice');
    try {
      workspaceGit('config', 'user.email', 'bob@acme.test');
      await vscode.commands.executeCommand('pmZone.refresh');
      assert.equal(await authorNow(), '@bob', 'Refresh read git again');
      assert.equal(api.sidebar.myChangeView.description, '@bob', 'the sidebar names who PM Zone takes you to be');
      assert.equal((await decorationOf(api, SEARCH_COMPONENT))?.badge, 'PM');

      // A terminal's `git config`, with nothing else done: the watcher on .git/config reads it again.
      workspaceGit('config', 'user.email', 'nobody@acme.test');
      await until('the unknown e-mail to be seen', async () => (await api.repositories.all())[0].policy?.identity.known === false, 15_000);
      await until('the sidebar to say so', () => api.sidebar.myChangeView.description === undefined && /nobody@acme\.test/.test(api.sidebar.myChangeView.message ?? ''));
    } finally {
      workspaceGit('config', 'user.email', 'alice@acme.test');
      await vscode.commands.executeCommand('pmZone.refresh');
    }
    assert.equal(await authorNow(), '@alice');
  });

  it('says who you are in the status bar tooltip, with the command to change it', async () => {
    const api = await pmZone();
    await vscode.window.showTextDocument(fileUri('src/features/checkout/i18n/en.json'));
    const tooltip = await until('the status bar tooltip', () => {
      const value = api.statusBar.item.tooltip;
      return value instanceof vscode.MarkdownString && value.value.includes('alice') ? value.value : undefined;
    }, 5000);
    assert.match(tooltip, /You are @alice: git's user\\.email alice@acme\\.test is theirs/);
    assert.match(tooltip, /\[Choose who I am\]\(command:pmZone\.chooseIdentity\)/);
  });

  // Had pmZone.identity a machine-overridable scope, as it did, a workspace's
  // settings would decide who everyone opening the repository is.
  it("ignores pmZone.identity in the workspace's settings, which a repository could commit for everyone", async () => {
    const api = await pmZone();
    const folder = fileUri('.vscode');
    await fs.mkdir(folder.fsPath, { recursive: true });
    try {
      // review.maxLines shows when VS Code has read the file. A file written the moment its folder
      // is made can reach no file watcher (the folder's own watch comes after it; VS Code 1.90 missed
      // it twice in 30 s): it is written again every 3 s until VS Code has read it.
      let writtenAt = 0;
      await until('the workspace settings to be read', async () => {
        if (Date.now() - writtenAt > 3_000) {
          await fs.writeFile(join(folder.fsPath, 'settings.json'), JSON.stringify({ 'pmZone.identity': '@bob', 'pmZone.review.maxLines': 301 }));
          writtenAt = Date.now();
        }
        return vscode.workspace.getConfiguration('pmZone').get('review.maxLines') === 301;
      }, 30_000);
      await api.repositories.whenIdle();
      assert.equal(vscode.workspace.getConfiguration('pmZone').get('identity'), '');
      assert.equal((await api.repositories.all())[0].policy?.author?.handle, '@alice');
    } finally {
      await fs.rm(folder.fsPath, { recursive: true, force: true });
    }
    await until('the workspace settings to be gone', () => vscode.workspace.getConfiguration('pmZone').get('review.maxLines') === 300, 30_000);
  });

  it('is "Choose who I am" in the palette', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('pmZone.chooseIdentity'));
  });
});

describe('Policy files wherever the settings put them', () => {
  after(async () => {
    await setGlobal('policyFile', undefined);
    resetWorkspace();
    await (await pmZone()).repositories.whenIdle();
  });

  it('repaints the badges when a custom policy file changes on disk, as a pull or a branch switch does', async () => {
    const api = await pmZone();
    const claude = await fs.readFile(fileUri('CLAUDE.md').fsPath, 'utf8');
    const custom = fileUri('docs/pm-policy.md');
    await fs.writeFile(custom.fsPath, claude);
    await setGlobal('policyFile', 'docs/pm-policy.md');
    const searchStrings = 'src/features/search/i18n/en.json';
    await until('the custom policy to apply', async () => (await decorationOf(api, searchStrings))?.badge === 'PM');
    // Written by another program, not an editor: only the file watcher can see it.
    await fs.writeFile(custom.fsPath, claude.replace('- `**/auth/**`', '- `**/auth/**`\n- `src/features/search/**`'));
    await until('the search strings to be locked by the edited custom policy', async () => (await decorationOf(api, searchStrings))?.badge === '🔒', 10_000);
    const answer = (await api.repositories.all())[0].policy?.zoneOf(searchStrings);
    assert.equal(answer?.reasons[0].source, 'docs/pm-policy.md');
  });

  it('refuses a workspace setting that points outside the repository, as the command line does, and reads CLAUDE.md', async () => {
    const api = await pmZone();
    const outside = join(tmpdir(), 'pm-zone-outside-policy.md');
    await fs.writeFile(outside, '## PM zone\n### PMs may edit\n- `**`\n');
    await setGlobal('policyFile', '../pm-zone-outside-policy.md');
    const policy = await until('the setting to be read', async () => {
      const current = (await api.repositories.all())[0].policy;
      // Refused, the setting is as if unset: the zone is where zoneLocation finds it, CLAUDE.md here.
      return current && current.settings.policyFile === undefined && current.zone.file === 'CLAUDE.md' ? current : undefined;
    });
    assert.equal(policy.zoneOf('src/auth/session.ts').zone, 'locked', 'the rules outside the repository were not applied');
  });
});
