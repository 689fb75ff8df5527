import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startCodeServer, type RunningCodeServer } from '../../scripts/code-server.mjs';
import { createSampleRepo } from '../../scripts/sample-repo.mjs';
import { launchChromium, workbenchUrl } from '../../scripts/vscode-host/browser.mjs';
import { extensionUnderTest, logDir, oneExtensionHost, pictureOnFailure, screenshotDir, watchExtensionHosts } from './session';
import { until, Workbench } from './workbench';

// A multi-root workspace, opened from a .code-workspace file as a user does:
// each folder follows its own rules, and a folder with no policy shows nothing.

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

describe('a multi-root workspace', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'pm-zone-multi-root-'));
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let workbench: Workbench;
  let forget = (): unknown => undefined;

  before(async function () {
    this.timeout(180_000);
    createSampleRepo(join(scratch, 'acme-shop'));
    write(join(scratch, 'billing'), {
      'CLAUDE.md': '# Billing\n\n## PM zone\n\n### PMs may edit\n- `copy/**`\n\n### Engineering only\n- `ledger/**`\n',
      '.github/CODEOWNERS': '/ledger/ @acme/finance\n',
      'copy/en.json': '{ "invoice": "Invoice" }\n',
      'ledger/post.ts': 'export const post = () => undefined;\n',
    });
    write(join(scratch, 'notes'), { 'todo.md': '- nothing yet\n', 'auth/login.ts': 'export {};\n' });
    const workspaceFile = join(scratch, 'team.code-workspace');
    writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: 'acme-shop' }, { path: 'billing' }, { path: 'notes' }] }, null, 2));
    // Kept beside the tier's other logs: the scratch folder goes when the suite ends.
    const logFile = join(logDir, 'multi-root-code-server.log');
    const hosts = watchExtensionHosts(logFile, join(scratch, '.user-data', 'logs'));
    server = await startCodeServer({
      workspace: scratch,
      userDataDir: join(scratch, '.user-data'),
      extensionsDir: join(scratch, '.extensions'),
      installed: [extensionUnderTest],
      settings: { 'explorer.compactFolders': false },
      logFile,
    });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    workbench = new Workbench(page, scratch, screenshotDir);
    forget = pictureOnFailure(workbench);
    const url = workbenchUrl({ serverUrl: server.url, folder: scratch })
      .replace(/\?folder=[^&]*/, `?workspace=${encodeURIComponent(workspaceFile)}`);
    await workbench.open(url);
    // The badges are read once PM Zone answers the explorer, from one extension host: in one fresh-clone run the
    // badge of a second folder did not come within 10 s of the first folder's (cause not seen; the window's host
    // restarting, as VS Code 1.139 now and then does, fits it). A wait here is logged, with what the hosts said.
    const ready = () => workbench.waitForExtension('acme-shop/CLAUDE.md');
    await ready();
    await oneExtensionHost(hosts, workbench, { ready });
  });

  after(async () => {
    forget();
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  /**
   * Badges arrive once the folder's policy is read: give them a moment. The
   * file's folder is expanded again on each try: in one fresh-clone run,
   * `billing/ledger`, expanded a moment before, was found collapsed once
   * `billing/copy` was expanded (cause not found; the test passed alone
   * three times), and the row looked for was not in the list.
   */
  function badge(path: string): Promise<string> {
    return until(`a badge on ${path}`, async () => {
      await workbench.expand(path.slice(0, path.lastIndexOf('/')));
      return (await workbench.row(path)).badgeText;
    }, 10_000, 250);
  }

  it('badges each folder by its own rules', async () => {
    await workbench.expand('acme-shop/src/auth');
    assert.equal(await badge('acme-shop/src/auth/session.ts'), '🔒');
    await workbench.expand('billing/ledger');
    await workbench.expand('billing/copy');
    assert.equal(await badge('billing/ledger/post.ts'), '🔒');
    assert.equal(await badge('billing/copy/en.json'), 'PM');
    assert.match((await workbench.row('billing/ledger/post.ts')).ariaLabel, /\(rule `ledger\/\*\*`, CLAUDE\.md:9\)\. Owners: @acme\/finance/);
  });

  it('shows nothing on a folder without a PM zone or CODEOWNERS, even on an auth path', async () => {
    await workbench.expand('notes/auth');
    const login = await workbench.row('notes/auth/login.ts');
    assert.equal(login.badgeText, undefined);
    assert.ok(!login.ariaLabel.includes('•'), `a decoration tooltip on ${login.ariaLabel}`);
    assert.equal((await workbench.row('notes/todo.md')).badgeText, undefined);
    await workbench.screenshot('multi-root');
  });
});
