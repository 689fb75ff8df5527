import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { decorationOf, fileUri, pmZone, until, workspaceRoot } from './support';

// Nested repositories, a second workspace folder, a folder without a policy,
// and what activation costs, in the real host.

const NESTED = 'vendor/widgets';

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

function gitInit(dir: string): void {
  execFileSync('git', ['init', '--quiet', '-b', 'main'], { cwd: dir });
}

describe('Repositories of a workspace', () => {
  const nestedDir = () => join(workspaceRoot().fsPath, ...NESTED.split('/'));

  after(() => {
    rmSync(join(workspaceRoot().fsPath, 'vendor'), { recursive: true, force: true });
  });

  it('badges a nested git repository by its own CLAUDE.md, and the outer one by its own', async () => {
    const api = await pmZone();
    mkdirSync(nestedDir(), { recursive: true });
    gitInit(nestedDir());
    write(nestedDir(), {
      'lib/widget.ts': 'export const widget = 1;\n',
      'docs/usage.md': '# Usage\n',
      'CLAUDE.md': '# Widgets\n\n## PM zone\n\n### PMs may edit\n- `docs/**`\n\n### Engineering only\n- `lib/**`\n',
    });
    const locked = await until('the nested repository to be found', async () => {
      const decoration = await decorationOf(api, `${NESTED}/lib/widget.ts`);
      return decoration?.badge === '🔒' ? decoration : undefined;
    });
    assert.equal(locked.tooltip, 'Engineering only — `lib/**` (CLAUDE.md:9); not enforced: no CODEOWNERS rule owns it');
    assert.equal((await decorationOf(api, `${NESTED}/docs/usage.md`))?.badge, 'PM');
    // The outer repository's rules still apply outside the nested one.
    assert.equal((await decorationOf(api, 'src/auth/session.ts'))?.badge, '🔒');
    const repositories = await api.repositories.all();
    assert.ok(repositories.some((r) => r.root.fsPath === nestedDir()), 'the nested repository is not listed');
  });

  it('adds a second workspace folder with its own zone, and shows nothing on a folder without a policy', async () => {
    const api = await pmZone();
    const scratch = mkdtempSync(join(tmpdir(), 'pm-zone-roots-'));
    const withZone = join(scratch, 'billing');
    const withoutPolicy = join(scratch, 'notes');
    write(withZone, { 'CLAUDE.md': '## PM zone\n\n### PMs may edit\n- `copy/**`\n\n### Engineering only\n- `ledger/**`\n', 'copy/en.json': '{}\n', 'ledger/post.ts': 'export {};\n' });
    write(withoutPolicy, { 'todo.md': '- nothing\n', 'src/auth/login.ts': 'export {};\n' });
    const count = vscode.workspace.workspaceFolders?.length ?? 0;
    try {
      const added = vscode.workspace.updateWorkspaceFolders(count, 0, { uri: vscode.Uri.file(withZone) }, { uri: vscode.Uri.file(withoutPolicy) });
      assert.ok(added, 'VS Code refused to add the folders');
      await until('both folders to be open', () => (vscode.workspace.workspaceFolders?.length ?? 0) === count + 2);
      const ledger = vscode.Uri.file(join(withZone, 'ledger/post.ts'));
      const badge = await until('the second folder to be badged', async () => {
        const decoration = await api.decorations.provideFileDecoration(ledger);
        return decoration?.badge === '🔒' ? decoration : undefined;
      });
      assert.match(String(badge.tooltip), /`ledger\/\*\*`/);
      assert.equal((await api.decorations.provideFileDecoration(vscode.Uri.file(join(withZone, 'copy/en.json'))))?.badge, 'PM');
      // No CLAUDE.md zone and no CODEOWNERS: no badge, not even on an auth path.
      assert.equal(await api.decorations.provideFileDecoration(vscode.Uri.file(join(withoutPolicy, 'src/auth/login.ts'))), undefined);
      assert.equal(await api.decorations.provideFileDecoration(vscode.Uri.file(join(withoutPolicy, 'todo.md'))), undefined);
      const notes = (await api.repositories.all()).find((r) => r.root.fsPath === withoutPolicy);
      assert.ok(notes, 'the folder without a policy is not known');
      assert.equal(notes.policy, undefined, 'a folder without a policy should hold no parsed policy');
      // The first folder is untouched.
      assert.equal((await decorationOf(api, 'src/payments/stripe.ts'))?.badge, '🔒');
    } finally {
      vscode.workspace.updateWorkspaceFolders(count, 2);
      await until('the extra folders to close', () => (vscode.workspace.workspaceFolders?.length ?? 0) === count);
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe('Activation', () => {
  it('reports what loading and activating cost, and when the first badge was asked for and answered', async () => {
    const api = await pmZone();
    const { requestedAt, answeredAt } = api.decorations.firstBadge;
    assert.ok(api.activationMs > 0, 'activation time was not measured');
    assert.ok(requestedAt !== undefined && answeredAt !== undefined, 'no badge was requested yet');
    const figures = {
      activationMs: Number(api.activationMs.toFixed(1)),
      firstBadgeRequestMs: Number((requestedAt - api.loadStart).toFixed(1)),
      firstBadgeAnswerMs: Number((answeredAt - api.loadStart).toFixed(1)),
    };
    // A figure for the README, not a timed assertion: the benchmark reports it.
    console.log(`activation figures: ${JSON.stringify(figures)}`);
    assert.ok(figures.firstBadgeAnswerMs >= figures.activationMs);
    assert.ok(fileUri('CLAUDE.md'));
  });
});
