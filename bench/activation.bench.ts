// How soon the boundary shows, in the real VS Code: a workspace with the
// layout of a real 6,497-file repository (esphome's every path, its real
// CODEOWNERS, a PM zone in CLAUDE.md) opened in code-server with the
// extension, watched from the page as a PM sees it.
//
//   npm run compile && npx tsx bench/activation.bench.ts [--corpus DIR] [--runs N]
//   PM_ZONE_VSCODE=oldest npx tsx bench/activation.bench.ts   (VS Code 1.90; default: the newest)
//
// Per run, from the page's navigation start: the explorer's first row (the
// workbench itself), the first row carrying a PM Zone decoration, and the
// first row carrying git's (the built-in git extension, the peer: it too
// must start, ask git and decorate). Each run is paired with one without PM
// Zone installed, in turn (which goes first alternates), so git's own
// decorations with PM Zone are compared with git's without it. The files
// are empty: the policy files are real, and only paths matter to badges.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startCodeServer } from '../scripts/code-server.mjs';
import { launchChromium, workbenchUrl } from '../scripts/vscode-host/browser.mjs';
import { defaultTarget } from '../scripts/vscode-host/targets.mjs';
import { corpusDirectory } from './corpus';
import { until } from '../test/support/until';

const repositoryRoot = path.resolve(__dirname, '..');
const RUNS = (() => {
  const at = process.argv.indexOf('--runs');
  const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
  return Number.isInteger(value) && value > 0 ? value : 5;
})();

const CLAUDE_MD = `# ESPHome

## PM zone
Mode: standard

### PMs may edit
- \`**/*.md\` (documentation)
- \`esphome/components/*/README.md\`

### Engineering only
- \`esphome/core/**\`
- \`.github/**\`
- \`script/**\`
- \`docker/**\`

### Pilot PMs
| PM | feature folders | engineering DRI | e-mail |
| --- | --- | --- | --- |
| @alice | \`esphome/components/display/**\` | @dana | alice@example.test |
`;

interface Seen {
  row: number;
  pmZone: number;
  git: number;
  /** From the extension host's clock, since the bundle's first line: the end of activate() and the first badge answered. */
  activationMs: number;
  firstBadgeMs: number;
  /** When the page passed those two lines on, from navigation start (this process's clock, within a few ms). */
  activationMsArrived: number;
  firstBadgeMsArrived: number;
  /** The first badge's path in the extension host: the bundle evaluated (since its first line), then each phase's length. */
  bundleEvaluatedMs: number;
  policyFilesFoundMs: number;
  coreAndIdentityMs: number;
  policyParsedMs: number;
}

function buildWorkspace(root: string, corpus: string): number {
  const paths = gunzipSync(readFileSync(path.join(corpus, 'esphome.paths.gz'))).toString('utf8').split('\n').filter(Boolean);
  for (const relPath of paths) {
    const file = path.join(root, relPath);
    mkdirSync(path.dirname(file), { recursive: true });
    if (!existsSync(file)) writeFileSync(file, '');
  }
  writeFileSync(path.join(root, 'CODEOWNERS'), readFileSync(path.join(corpus, 'esphome.CODEOWNERS')));
  writeFileSync(path.join(root, 'CLAUDE.md'), CLAUDE_MD);
  const env = { ...process.env, GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env, stdio: 'pipe' });
  git('init', '--quiet', '-b', 'main');
  git('config', 'user.email', 'alice@example.test');
  git('config', 'user.name', 'Alice PM');
  git('add', '--all');
  git('commit', '--quiet', '--no-verify', '-m', 'esphome layout');
  // One untracked file at the top, so git's decoration has a row to appear on.
  writeFileSync(path.join(root, 'NOTES.txt'), 'draft\n');
  return paths.length;
}

/**
 * Installed before the workbench loads: notes when each kind of row first
 * appears, every 10 ms. A string, not a function: tsx's transform would add
 * helpers the page does not have.
 */
const WATCH_ROWS = `
  const seen = {};
  globalThis.__seen = seen;
  const timer = setInterval(() => {
    for (const label of document.querySelectorAll('.explorer-folders-view .monaco-list-row .monaco-icon-label')) {
      const text = label.getAttribute('aria-label') || '';
      if (seen.row === undefined) seen.row = performance.now();
      if (seen.pmZone === undefined && /PM-editable|Engineering only|Outside the PM zone/.test(text)) seen.pmZone = performance.now();
      if (seen.git === undefined && /Untracked/.test(text)) seen.git = performance.now();
    }
    if (seen.row !== undefined && seen.pmZone !== undefined && seen.git !== undefined) clearInterval(timer);
  }, 10);
`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One run with PM Zone installed: when the first row, PM Zone's first badge and git's first decoration appear, and PM Zone's own timings. */
async function openWithPmZone(workspace: string, scratch: string, run: number): Promise<Seen> {
  // A fresh user-data folder each time: nothing cached from the run before.
  const server = await startCodeServer({ workspace, userDataDir: path.join(scratch, `user-data-${run}`), extensionsDir: path.join(scratch, 'extensions'), installed: [repositoryRoot], env: { PM_ZONE_TIMINGS: '1' } });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.addInitScript({ content: WATCH_ROWS });
    // The extension host's console reaches the page's: PM Zone's own figures, on its own clock.
    const timings: Record<string, number> = {};
    let navigationStart = performance.now();
    page.on('console', (message) => {
      const match = /PM Zone timing: (\w+)=([\d.]+)/.exec(message.text());
      if (!match) return;
      timings[match[1]] = Number(match[2]);
      timings[`${match[1]}Arrived`] = performance.now() - navigationStart;
    });
    navigationStart = performance.now();
    await page.goto(workbenchUrl({ serverUrl: server.url, folder: workspace }));
    await waitForRows(page, '__seen.pmZone !== undefined && __seen.git !== undefined');
    const phases = ['activationMs', 'firstBadgeMs', 'bundleEvaluatedMs', 'policyFilesFoundMs', 'coreAndIdentityMs', 'policyParsedMs'] as const;
    await until("PM Zone's timings (is PM_ZONE_TIMINGS reaching the extension host?)", () => phases.every((phase) => timings[phase] !== undefined), 10_000);
    return {
      ...((await page.evaluate('globalThis.__seen')) as Seen),
      ...Object.fromEntries(phases.map((phase) => [phase, timings[phase]])) as Pick<Seen, (typeof phases)[number]>,
      activationMsArrived: timings.activationMsArrived, firstBadgeMsArrived: timings.firstBadgeMsArrived,
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** One run of the same workspace without PM Zone: git's first decoration after the first row. */
async function openWithoutPmZone(workspace: string, scratch: string, run: number): Promise<number> {
  const server = await startCodeServer({ workspace, userDataDir: path.join(scratch, `user-data-without-${run}`), extensionsDir: path.join(scratch, 'extensions-without'), installed: [] });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.addInitScript({ content: WATCH_ROWS });
    await page.goto(workbenchUrl({ serverUrl: server.url, folder: workspace }));
    await waitForRows(page, '__seen.git !== undefined');
    const seen = (await page.evaluate('globalThis.__seen')) as Seen;
    return seen.git - seen.row;
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** Until the explorer's first row and the rows `condition` names have appeared; what was seen, on failure. */
async function waitForRows(page: import('playwright-core').Page, condition: string): Promise<void> {
  await page.waitForFunction(`globalThis.__seen && __seen.row !== undefined && ${condition}`, undefined, { timeout: 40_000 }).catch(async (error: unknown) => {
    const labels = await page.locator('.explorer-folders-view .monaco-list-row .monaco-icon-label').evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label')));
    console.error(`seen: ${JSON.stringify(await page.evaluate('globalThis.__seen'))}; rows: ${labels.join(' | ')}`);
    throw error;
  });
}

async function main(): Promise<void> {
  const corpus = corpusDirectory(process.argv, repositoryRoot);
  if (!existsSync(path.join(corpus, 'esphome.paths.gz'))) {
    console.log(`Activation on esphome: skipped, no esphome.CODEOWNERS and esphome.paths.gz in ${corpus} (pass --corpus DIR).`);
    return;
  }
  console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'pm-zone-activation-bench-'));
  const workspace = path.join(scratch, 'esphome');
  const files = buildWorkspace(workspace, corpus);
  const runs: Seen[] = [];
  /** git's first decoration after the first row, in the runs without PM Zone. */
  const withoutPmZone: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      // Which goes first alternates, so neither always meets the warmer machine.
      const order = run % 2 === 0 ? [true, false] : [false, true];
      for (const withPmZone of order) {
        if (withPmZone) runs.push(await openWithPmZone(workspace, scratch, run));
        else withoutPmZone.push(await openWithoutPmZone(workspace, scratch, run));
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const column = (pick: (seen: Seen) => number) => {
    const values = runs.map(pick);
    return `${median(values).toFixed(0).padStart(5)} ms  (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;
  };
  const target = defaultTarget();
  console.log(`\nOpening a ${files.toLocaleString('en')}-file repository (esphome's paths, its CODEOWNERS, a PM zone) in code-server ${target.codeServer} (the ${target.name} VS Code the tests cover), median of ${RUNS} runs, from navigation start`);
  const line = (label: string, pick: (seen: Seen) => number) => console.log(`  ${label.padEnd(52)}${column(pick)}`);
  line("the explorer's first row", (s) => s.row);
  line('the first PM Zone decoration', (s) => s.pmZone);
  line('the first git decoration (the peer)', (s) => s.git);
  line('PM Zone after the first row', (s) => s.pmZone - s.row);
  line('git after the first row', (s) => s.git - s.row);
  console.log("  in the extension host, from PM Zone's bundle's first line:");
  line('  activate() ended', (s) => s.activationMs);
  line('  the first badge answered', (s) => s.firstBadgeMs);
  line('  the first badge after activate() ended', (s) => s.firstBadgeMs - s.activationMs);
  console.log("  the first badge's path, phase by phase:");
  line('    the bundle evaluated (decorations registered)', (s) => s.bundleEvaluatedMs);
  line('    the policy files found (stat)', (s) => s.policyFilesFoundMs);
  line("    the core bundle loaded, git's user.email read", (s) => s.coreAndIdentityMs);
  line('    CLAUDE.md and CODEOWNERS parsed', (s) => s.policyParsedMs);
  console.log("  on the page's clock:");
  line("  PM Zone's bundle's first line (estimated)", (s) => s.activationMsArrived - s.activationMs);
  line("  the first badge's answer reached the page", (s) => s.firstBadgeMsArrived);
  line('  the first badge painted after its answer arrived', (s) => s.pmZone - s.firstBadgeMsArrived);
  console.log(`  PM Zone's badge before git's in ${runs.filter((s) => s.pmZone <= s.git).length} of ${runs.length} runs; PM Zone / git time after the first row: ${(median(runs.map((s) => s.pmZone - s.row)) / median(runs.map((s) => s.git - s.row))).toFixed(2)}×`);
  const gitWith = median(runs.map((s) => s.git - s.row));
  const gitWithout = median(withoutPmZone);
  console.log(`  git's first decoration after the first row: ${gitWith.toFixed(0)} ms with PM Zone, ${gitWithout.toFixed(0)} ms without (${Math.min(...withoutPmZone).toFixed(0)}–${Math.max(...withoutPmZone).toFixed(0)}), ${(gitWith / gitWithout).toFixed(2)}× (the goal: 1× or less)`);
  // Each run against its own pair's (run one after the other): the machine's drift cancels within a pair, which the medians' ratio cannot show.
  const pairRatios = runs.map((seen, run) => (seen.git - seen.row) / withoutPmZone[run]);
  const sorted = [...pairRatios].sort((a, b) => a - b);
  console.log(`  the same, pair by pair: median ${median(pairRatios).toFixed(2)}× (${sorted.map((ratio) => ratio.toFixed(2)).join(' ')}); with PM Zone later in ${pairRatios.filter((ratio) => ratio > 1).length} of ${pairRatios.length} pairs`);
  const beforeBundle = median(runs.map((s) => (s.activationMsArrived - s.activationMs - s.row) / (s.pmZone - s.row)));
  console.log(`  of the time from the first row to PM Zone's badge, ${(beforeBundle * 100).toFixed(0)}% (median) passes before VS Code loads PM Zone's bundle`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
