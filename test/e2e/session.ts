// One end-to-end session: a fresh sample repository, its own code-server with
// the extension under test installed, and a headless chromium on the workbench.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { startCodeServer, type RunningCodeServer } from '../../scripts/code-server.mjs';
import { createSampleRepo, type SampleRepoOptions } from '../../scripts/sample-repo.mjs';
import { launchChromium, workbenchUrl } from '../../scripts/vscode-host/browser.mjs';
import { Workbench } from './workbench';

const repositoryRoot = resolve(__dirname, '..', '..');
/** The extension under test: the runner passes its choice, else this checkout. */
export const extensionUnderTest = process.env.PM_ZONE_EXTENSION_DIR ?? repositoryRoot;
export const screenshotDir = process.env.PM_ZONE_SCREENSHOT_DIR ?? join(repositoryRoot, 'test-results', 'screenshots');
const logDir = join(repositoryRoot, 'test-results', 'e2e');

export interface SessionOptions {
  /** Shown in log file names. */
  name: string;
  sample?: SampleRepoOptions;
  /** The extension installed in the window. Default: the extension under test. */
  extensionDir?: string;
  /** Keep workspace trust on, so the sample opens in Restricted Mode. */
  workspaceTrust?: boolean;
  settings?: Record<string, unknown>;
}

export interface Session {
  workspace: string;
  workbench: Workbench;
  server: RunningCodeServer;
  close(): Promise<void>;
}

// Servers live in their own process groups; if mocha is stopped, end them too.
const running = new Set<RunningCodeServer>();
// The workbenches open now: a failed test leaves a picture of each, as the user would have seen it.
const openWorkbenches = new Set<Workbench>();

afterEach(async function () {
  if (this.currentTest?.state !== 'failed') return;
  const name = `failed-${this.currentTest.fullTitle().replace(/[^\w]+/g, '-').slice(0, 80)}`;
  for (const workbench of openWorkbenches) {
    const path = await workbench.screenshot(name, logDir).catch(() => undefined);
    if (path) console.log(`      picture of the workbench when it failed: ${path}`);
    // A toast may have come and gone, or never shown: the notification centre keeps every message.
    const said = await workbench.notificationCentre().catch((error: Error) => [`(could not read the notification centre: ${error.message})`]);
    console.log(`      its notifications: ${said.length === 0 ? 'none' : said.join(' | ')}`);
  }
});
process.once('SIGTERM', () => {
  for (const server of running) void server.stop();
  setTimeout(() => process.exit(143), 1_000);
});

export async function openSession(options: SessionOptions): Promise<Session> {
  const scratch = mkdtempSync(join(tmpdir(), `pm-zone-e2e-${options.name}-`));
  mkdirSync(logDir, { recursive: true });
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let workbench: Workbench | undefined;
  const close = async () => {
    if (workbench) openWorkbenches.delete(workbench);
    await browser?.close().catch(() => undefined);
    if (server) {
      running.delete(server);
      await server.stop();
    }
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    const { root: workspace } = createSampleRepo(join(scratch, 'acme-shop'), options.sample);
    server = await startCodeServer({
      workspace,
      userDataDir: join(scratch, 'user-data'),
      extensionsDir: join(scratch, 'extensions'),
      installed: [options.extensionDir ?? extensionUnderTest],
      workspaceTrust: options.workspaceTrust ?? false,
      // One row per folder, so a path always names exactly one explorer row.
      settings: { 'explorer.compactFolders': false, ...options.settings },
      logFile: join(logDir, `${options.name}-code-server.log`),
    });
    running.add(server);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    // The clipboard a desktop VS Code has: a browser gives it to a page only with permission.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    workbench = new Workbench(page, workspace, screenshotDir);
    openWorkbenches.add(workbench);
    await workbench.open(workbenchUrl({ serverUrl: server.url, folder: workspace }));
    return { workspace, workbench, server, close };
  } catch (error) {
    await close();
    throw error;
  }
}
