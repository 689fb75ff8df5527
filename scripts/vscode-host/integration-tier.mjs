// The integration tier: the bundled mocha suites run in code-server's
// extension host on a fresh sample repository, driven by headless chromium.
// The host's console reaches the page console; the workbench reports the
// result through `codeAutomationExit`.
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCodeServer } from '../code-server.mjs';
import { createSampleRepo } from '../sample-repo.mjs';
import { launchChromium, workbenchUrl } from './browser.mjs';

// Must match test/integration/index.ts.
const OUTPUT_BEGIN = '--- pm-zone integration tests: begin ---';
const OUTPUT_END = '--- pm-zone integration tests: end ---';
// The workbench prefixes every line it relays: "%c INFO color: #33f text".
const RELAY_PREFIX = /^%c\s*[A-Z]+\s+color:\s*#[0-9a-f]+\s?/i;
// A test in the host asks for a picture of the workbench as it is (see test/integration/support.ts).
const SCREENSHOT_REQUEST = /^--- pm-zone screenshot: ([\w-]+) ---$/;
// …or a click, as a user makes it, on the first element matching a selector in any frame (webviews included).
const CLICK_REQUEST = /^--- pm-zone click: (.+) ---$/;

/**
 * Resolves with `{ exitCode, output, timings }`; `output` holds the lines of
 * mocha's report. Never rejects for failing tests, only for a broken host or
 * when `signal` aborts (after closing the browser and the server).
 */
export async function runIntegrationTier({ target, extensionDir, testsEntry, resultsDir, signal, grep, print = (line) => console.log(line) }) {
  const timings = {};
  const time = async (name, step) => {
    const started = Date.now();
    try {
      return await step();
    } finally {
      timings[name] = Date.now() - started;
    }
  };
  mkdirSync(resultsDir, { recursive: true });
  const consoleLog = join(resultsDir, `integration-${target.name}-console.log`);
  // The newest VS Code's pictures are the ones the documentation shows; the oldest's go beside them.
  const screenshotDir = join(resultsDir, 'screenshots', ...(target.name === 'newest' ? [] : [`vscode-${target.name}`]));
  writeFileSync(consoleLog, '');
  const scratch = mkdtempSync(join(tmpdir(), 'pm-zone-integration-'));
  let server;
  let browser;
  try {
    const { root: workspace } = await time('sample repository', () => createSampleRepo(join(scratch, 'acme-shop')));
    server = await time('server start', () =>
      startCodeServer({
        target,
        workspace,
        userDataDir: join(scratch, 'user-data'),
        extensionsDir: join(scratch, 'extensions'),
        logFile: join(resultsDir, `integration-${target.name}-code-server.log`),
        // The tests sign in through a stand-in provider of the same id (test/integration/githubSignIn.ts).
        withoutBuiltins: ['github-authentication'],
        // The tests run inside the extension host, reached through the URL's payload.
        testPayload: true,
        // The extension host inherits the server's environment; test/integration/index.ts reads it.
        env: grep ? { PM_ZONE_TEST_GREP: grep } : {},
      }),
    );
    browser = await time('browser start', () => launchChromium());
    // The clipboard a desktop VS Code has: VS Code 1.90 for the web reads it only with the browser's permission.
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const output = [];
    let relaying = false;
    page.on('console', (message) => {
      const text = message.text().replace(RELAY_PREFIX, '');
      appendFileSync(consoleLog, `[${message.type()}] ${text}\n`);
      if (text.startsWith(OUTPUT_BEGIN)) relaying = true;
      if (relaying) {
        output.push(...text.split('\n'));
        print(text);
      }
      if (text.startsWith(OUTPUT_END)) relaying = false;
      const click = CLICK_REQUEST.exec(text.trim());
      if (click) void clickInAnyFrame(page, click[1]).catch((error) => appendFileSync(consoleLog, `[click] ${click[1]}: ${error}\n`));
      const screenshot = SCREENSHOT_REQUEST.exec(text.trim());
      if (screenshot) {
        mkdirSync(screenshotDir, { recursive: true });
        void page.screenshot({ path: join(screenshotDir, `${screenshot[1]}.png`) }).catch((error) => appendFileSync(consoleLog, `[screenshot] ${screenshot[1]}: ${error}\n`));
      }
    });
    page.on('pageerror', (error) => appendFileSync(consoleLog, `[pageerror] ${error.stack ?? error}\n`));
    const exitCode = await time('test run', async () => {
      let settle;
      const finished = new Promise((resolve, reject) => (settle = { resolve, reject }));
      await page.exposeFunction('codeAutomationExit', (code) => settle.resolve(code));
      page.on('crash', () => settle.reject(new Error('The workbench page crashed')));
      signal?.addEventListener('abort', () => settle.reject(new Error('stopped by the runner’s time limit')));
      // The workbench closes itself right after reporting; a close with no report first is a failure.
      page.on('close', () => setTimeout(() => settle.reject(new Error('The workbench closed without reporting a result')), 2_000).unref());
      const url = workbenchUrl({ serverUrl: server.url, folder: workspace, extensionDevelopmentPath: extensionDir, extensionTestsPath: testsEntry });
      await page.goto(url);
      return finished;
    });
    return { exitCode, output, timings, consoleLog, serverLog: server.logFile };
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (!process.env.PM_ZONE_KEEP_SCRATCH) rmSync(scratch, { recursive: true, force: true });
  }
}

/** Clicks the first element matching `selector` in the page or any of its frames (a webview is two frames deep). */
async function clickInAnyFrame(page, selector) {
  for (const frame of page.frames()) {
    const target = frame.locator(selector).first();
    if ((await target.count().catch(() => 0)) > 0) return target.click();
  }
  throw new Error('no frame holds it');
}
