// One end-to-end session: a fresh sample repository, its own code-server with
// the extension under test installed, and a headless chromium on the workbench.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { ensureCodeServer, startCodeServer, type RunningCodeServer } from '../../scripts/code-server.mjs';
import { createSampleRepo, type SampleRepoOptions } from '../../scripts/sample-repo.mjs';
import { launchChromium, workbenchUrl } from '../../scripts/vscode-host/browser.mjs';
import { defaultTarget } from '../../scripts/vscode-host/targets.mjs';
import { until } from '../support/until';
import { Workbench } from './workbench';

const repositoryRoot = resolve(__dirname, '..', '..');
/** The extension under test: the runner passes its choice, else this checkout. */
export const extensionUnderTest = process.env.PM_ZONE_EXTENSION_DIR ?? repositoryRoot;
export const screenshotDir = process.env.PM_ZONE_SCREENSHOT_DIR ?? join(repositoryRoot, 'test-results', 'screenshots');
const target = defaultTarget();
/** Where the tier's logs and failure pictures go: the newest VS Code's in the folder itself, another's beside them, as its screenshots are. */
export const logDir = join(repositoryRoot, 'test-results', 'e2e', ...(target.name === 'newest' ? [] : [`vscode-${target.name}`]));

let packed: string | undefined;

/**
 * The release package, built once for every test of this run that installs
 * it (`npm run package`, minified); the development build is put back at
 * once, for the tests that link this checkout.
 */
export function packedExtension(): string {
  if (packed) return packed;
  const dir = mkdtempSync(join(tmpdir(), 'pm-zone-vsix-'));
  const vsix = join(dir, 'pm-zone.vsix');
  try {
    execFileSync('npm', ['run', 'package', '--', '--out', vsix], { cwd: repositoryRoot, stdio: 'pipe' });
  } finally {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repositoryRoot, stdio: 'pipe' });
  }
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  packed = vsix;
  return vsix;
}

export interface SessionOptions {
  /** Shown in log file names. */
  name: string;
  sample?: SampleRepoOptions;
  /** The extension installed in the window. Default: the extension under test. */
  extensionDir?: string;
  /** Packages (.vsix) installed instead of `extensionDir`, with code-server's --install-extension, as a user installs them. */
  vsix?: string[];
  /** Built-in extensions to leave out (one whose provider a fixture stands in for). */
  withoutBuiltins?: string[];
  /** Keep workspace trust on, so the sample opens in Restricted Mode. */
  workspaceTrust?: boolean;
  settings?: Record<string, unknown>;
}

/** What the logs of a window's code-server and of its extension hosts say of those hosts. */
export interface ExtensionHostWatch {
  /**
   * The extension host processes code-server launched for this window (since
   * `from`, a `logMark()`) and has not seen exit, by process id, as its log
   * says, less those the window told to end (their own logs say so): the
   * window no longer talks to a host it told to end, however long it takes.
   */
  extensionHosts(from?: number): string[];
  /** Where code-server's log ends now: what it says later starts there. */
  logMark(): number;
  /** The log's lines of this window's connections and their extension hosts, since the window opened. */
  connectionLog(): string[];
  /** What each extension host of this window logged of its start, PM Zone's activation, and its end. */
  extensionHostLog(): string[];
}

export interface Session extends ExtensionHostWatch {
  workspace: string;
  workbench: Workbench;
  server: RunningCodeServer;
  close(): Promise<void>;
}

/**
 * Watches the extension hosts of one window, from code-server's log (`logFile`, appended to: this window's lines start
 * where it ends now, so call this before the server starts) and the hosts' own logs under `hostLogsDir` (the user data
 * folder's `logs`).
 */
export function watchExtensionHosts(logFile: string, hostLogsDir: string): ExtensionHostWatch {
  const logOffset = existsSync(logFile) ? statSync(logFile).size : 0;
  return {
    extensionHosts: (from = logOffset) => {
      const ending = hostsToldToEnd(hostLogsDir);
      return extensionHostsRunning(logFile, from).filter((pid) => !ending.has(pid));
    },
    logMark: () => (existsSync(logFile) ? statSync(logFile).size : 0),
    connectionLog: () => readFileSync(logFile).subarray(logOffset).toString('utf8').split('\n').filter((line) => /\[(Management|ExtensionHost)Connection\]/.test(line)),
    extensionHostLog: () => hostLogLines(hostLogsDir),
  };
}

/**
 * Resolves once one extension host serves the window. VS Code 1.139 now and then restarts the window's extension host
 * just after starting it: the first host's log says "terminating: received terminate message from renderer" within a
 * second, and a second host starts. The first then took up to 35 s to exit, in one fresh-clone run more than 90 s. A
 * host told to end no longer answers the window, so it is not counted (ExtensionHostWatch.extensionHosts). In another
 * run two hosts ran for one window, both activating PM Zone; a test that reads badges meanwhile reads whichever host
 * answers. This says when it waited; after 45 s it reloads the window, as a user does when an editor misbehaves (a
 * reload ends the window's hosts), and counts the hosts launched since, twice at most. What the hosts logged is printed.
 * `ready` waits for the extension after a reload; `beforeReload` runs before each.
 */
export async function oneExtensionHost(watch: ExtensionHostWatch, workbench: Workbench, options: { ready: () => Promise<void>; beforeReload?: () => void }): Promise<void> {
  let since: number | undefined;
  for (let reloads = 0; ; reloads++) {
    const hosts = () => watch.extensionHosts(since);
    if (hosts().length === 1) return;
    console.log(`      (extension hosts running: ${hosts().join(', ') || 'none'}; waiting for one)`);
    if (await until('one extension host to be running', () => hosts().length === 1, 45_000, 500).then(() => true, () => false)) return;
    console.log(`      (still ${hosts().join(', ')} after 45 s. What code-server said of the window's connections, and what its hosts logged:)`);
    for (const line of [...watch.connectionLog(), ...watch.extensionHostLog()]) console.log(`        ${line}`);
    if (reloads === 2) throw new Error(`more than one extension host ran for the window through ${reloads} reloads: ${hosts().join(', ')}`);
    options.beforeReload?.();
    since = watch.logMark();
    await workbench.page.reload();
    await workbench.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await options.ready();
  }
}

/** What a code-server log, read from `offset`, says of its extension host processes: those launched and not exited. */
export function extensionHostsRunning(logFile: string, offset: number): string[] {
  const log = existsSync(logFile) ? readFileSync(logFile).subarray(offset).toString('utf8') : '';
  const running = new Set<string>();
  for (const [, pid, event] of log.matchAll(/<(\d+)> (Launched Extension Host Process|Extension Host Process exited)/g)) {
    if (event.startsWith('Launched')) running.add(pid);
    else running.delete(pid);
  }
  return [...running];
}

/** The `<server start>/exthostN/remoteexthost.log` files under a server's log folder: the window's hosts, one after the other in each. */
function hostLogFiles(logsDir: string): string[] {
  const within = (dir: string) => (statSync(join(logsDir, dir), { throwIfNoEntry: false })?.isDirectory() ? readdirSync(join(logsDir, dir)).map((name) => (dir ? `${dir}/${name}` : name)) : []);
  return within('').flatMap((dir) => within(dir)).map((host) => `${host}/remoteexthost.log`).filter((file) => existsSync(join(logsDir, file))).sort();
}

/** The lines of each host log that say when a host started, PM Zone's activation, and its end. */
function hostLogLines(logsDir: string): string[] {
  return hostLogFiles(logsDir).flatMap((file) => [
    `${file}:`,
    ...readFileSync(join(logsDir, file), 'utf8').split('\n').filter((line) => /started|pm-zone\.|terminat|exit|restart|error/i.test(line)).map((line) => `  ${line.slice(0, 200)}`),
  ]);
}

/** The hosts whose log says the window told them to end ("Extension host terminating"), by process id. */
export function hostsToldToEnd(logsDir: string): Set<string> {
  const ending = new Set<string>();
  for (const file of hostLogFiles(logsDir)) {
    let pid: string | undefined;
    for (const [, started, terminating] of readFileSync(join(logsDir, file), 'utf8').matchAll(/Extension host with pid (\d+) started|(Extension host terminating)/g)) {
      if (started) pid = started;
      else if (terminating && pid) ending.add(pid);
    }
  }
  return ending;
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
    const dialog = await workbench.dismissOpenDialog().catch(() => undefined);
    if (dialog) console.log(`      a dialog was open, now dismissed: ${dialog}`);
    // A toast may have come and gone, or never shown: the notification centre keeps every message.
    const said = await workbench.notificationCentre().catch((error: Error) => [`(could not read the notification centre: ${error.message})`]);
    console.log(`      its notifications: ${said.length === 0 ? 'none' : said.join(' | ')}`);
    // Closed again: while the centre is open a new notification shows there, not as a toast, and the next test waiting for one would fail too.
    await workbench.runCommand('Notifications: Hide Notifications').catch(() => undefined);
  }
});
process.once('SIGTERM', () => {
  for (const server of running) void server.stop();
  setTimeout(() => process.exit(143), 1_000);
});

/** A workbench opened without openSession: a failed test leaves its picture and notifications too, until the returned function is called. */
export function pictureOnFailure(workbench: Workbench): () => void {
  openWorkbenches.add(workbench);
  return () => openWorkbenches.delete(workbench);
}

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
    const extensionsDir = join(scratch, 'extensions');
    if (options.vsix) {
      const { entry, node } = await ensureCodeServer({ browser: false });
      const packages = options.vsix.flatMap((vsix) => ['--install-extension', vsix]);
      execFileSync(node, [entry, '--user-data-dir', join(scratch, 'user-data'), '--extensions-dir', extensionsDir, ...packages], { stdio: 'pipe' });
    }
    // The log is appended to: this session's lines start where it ends now.
    const logFile = join(logDir, `${options.name}-code-server.log`);
    const hosts = watchExtensionHosts(logFile, join(scratch, 'user-data', 'logs'));
    server = await startCodeServer({
      workspace,
      userDataDir: join(scratch, 'user-data'),
      extensionsDir,
      installed: options.vsix ? [] : [options.extensionDir ?? extensionUnderTest],
      withoutBuiltins: options.withoutBuiltins ?? [],
      workspaceTrust: options.workspaceTrust ?? false,
      // One row per folder, so a path always names exactly one explorer row.
      settings: { 'explorer.compactFolders': false, ...options.settings },
      logFile,
    });
    running.add(server);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    // The clipboard a desktop VS Code has: a browser gives it to a page only with permission.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    workbench = new Workbench(page, workspace, screenshotDir);
    openWorkbenches.add(workbench);
    await workbench.open(workbenchUrl({ serverUrl: server.url, folder: workspace }));
    return { workspace, workbench, server, ...hosts, close };
  } catch (error) {
    await close();
    throw error;
  }
}
