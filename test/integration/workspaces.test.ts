import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, decorationOf, pmZone, until, workspaceRoot } from './support';

// Nested repositories and what activation costs, in the real host (a second
// workspace folder and a folder without a policy: test/e2e/multiRoot.e2e.ts).

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

  after(async () => {
    await closeAllEditors();
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
    // The user opens the nested repository's rules, as anyone setting one up does.
    await vscode.window.showTextDocument(vscode.Uri.file(join(nestedDir(), 'CLAUDE.md')));
    const locked = await until('the nested repository to be found', async () => {
      const decoration = await decorationOf(api, `${NESTED}/lib/widget.ts`);
      return decoration?.badge === '🔒' ? decoration : undefined;
    });
    assert.equal(locked.tooltip, 'Engineering only: anything in lib/ (rule `lib/**`, CLAUDE.md:9). Not enforced: no CODEOWNERS rule owns it.');
    assert.equal((await decorationOf(api, `${NESTED}/docs/usage.md`))?.badge, 'PM');
    // The outer repository's rules still apply outside the nested one.
    assert.equal((await decorationOf(api, 'src/auth/session.ts'))?.badge, '🔒');
    const repositories = await api.repositories.all();
    assert.ok(repositories.some((r) => r.root.fsPath === nestedDir()), 'the nested repository is not listed');
  });
});

describe('Activation', () => {
  it('reports what loading and activating cost, and when the first badge was asked for and answered', async () => {
    const api = await pmZone();
    const { requestedAt, answeredAt } = api.decorations.firstBadge;
    assert.ok(api.activationMs > 0, 'activation time was not measured');
    assert.ok(requestedAt !== undefined && answeredAt !== undefined, 'no badge was requested yet');
    const figures = {
      codeLoadingMs: Number(api.codeLoadingMs.toFixed(1)),
      activationMs: Number(api.activationMs.toFixed(1)),
      firstBadgeRequestMs: Number((requestedAt - api.loadStart).toFixed(1)),
      firstBadgeAnswerMs: Number((answeredAt - api.loadStart).toFixed(1)),
      firstBadgeAfterActivationMs: Number((answeredAt - api.loadStart - api.activationMs).toFixed(1)),
    };
    // A figure for CONTRIBUTING.md's benchmarks, not a timed assertion: the benchmark reports it.
    console.log(`activation figures: ${JSON.stringify(figures)}`);
    // Where the first policy load spent its time: stats of the policy files, git's user.email with the core's loading, reading and parsing.
    const { startedAt, readyAt, ...phases } = api.repositories.firstLoad;
    const sinceLoad = (at: number | undefined) => (at === undefined ? undefined : Number((at - api.loadStart).toFixed(1)));
    console.log(`first policy load: ${JSON.stringify({ startedMs: sinceLoad(startedAt), ...phases, readyMs: sinceLoad(readyAt), badgeAnsweredAfterAskedMs: Number((answeredAt - requestedAt).toFixed(1)) })}`);
    // The policy loads and the badges answer from the bundle's first line on, not from activate():
    // the first answer may even come before activate() ran. It never comes before the policy is read.
    assert.ok(readyAt !== undefined && answeredAt >= readyAt, 'a badge was answered before the policy was read');
    assert.ok(startedAt !== undefined && startedAt < api.loadStart + api.codeLoadingMs, 'the policy load waited for activate()');
    // The first badges come from dist/editor-policy.js: dist/core.js, a megabyte to compile on the thread git's extension shares, waits.
    assert.equal(api.decorations.firstBadge.coreLoaded, false, 'dist/core.js was loaded before the first badge was answered');
  });
});
