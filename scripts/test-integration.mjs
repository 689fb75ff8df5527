#!/usr/bin/env node
// `npm run test:integration`: the extension's tests in a real VS Code
// (code-server from the npm registry, Debian's chromium), with no network
// beyond the npm registry. Two tiers, both mocha with the spec reporter:
//   1. integration: test/integration/**/*.test.ts inside the extension host,
//      on the oldest VS Code engines.vscode admits and on the newest;
//   2. end to end: test/e2e/**/*.e2e.ts driving the workbench UI with
//      Playwright, on the newest; the walks e2e-tier.mjs names run on the
//      oldest too.
//
//   node scripts/test-integration.mjs [--only integration|e2e] [--vscode oldest|newest|both]
//                                     [--grep PATTERN] [--extension DIR] [--timeout SECONDS]
//
// --vscode (or PM_ZONE_VSCODE) picks one VS Code for a quick local run.
// --grep runs only the tests whose full title matches PATTERN (mocha's --grep),
// in both tiers: a quick way to rerun one suite while working on it.
/* global AbortController -- a Node 20 global */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildTests, integrationEntry } from './build-tests.mjs';
import { describeTarget, ensureCodeServer, repositoryRoot } from './code-server.mjs';
import { e2eRuns, runE2eTier } from './vscode-host/e2e-tier.mjs';
import { runIntegrationTier } from './vscode-host/integration-tier.mjs';
import { chosenTargets, TARGET_ENV } from './vscode-host/targets.mjs';

const SUMMARY_LINE = /^\s*(\d+) (passing|failing|pending)\b/;

const { values: options } = parseArgs({
  options: {
    only: { type: 'string' },
    vscode: { type: 'string' },
    grep: { type: 'string' },
    // The tests of every tier and VS Code, counted once the code-servers are installed (npm's own
    // time-outs bound an install, and on a busy machine two installs took 27 minutes); a hung
    // workbench must not hang CI. A fresh machine measured about 12 minutes: the integration
    // tier on each VS Code (2 to 3 min each), the end-to-end tier (6 min).
    timeout: { type: 'string', default: '2700' },
    extension: { type: 'string', default: process.env.PM_ZONE_EXTENSION_DIR ?? repositoryRoot },
  },
});
const tiers = options.only ? [options.only] : ['integration', 'e2e'];
if (!tiers.every((tier) => tier === 'integration' || tier === 'e2e')) fail(`--only takes integration or e2e, not ${options.only}`);
if (options.vscode) process.env[TARGET_ENV] = options.vscode;
let integrationTargets;
let e2eTargets;
try {
  integrationTargets = chosenTargets();
  e2eTargets = e2eRuns();
} catch (error) {
  fail(error.message);
}
const extensionDir = resolve(options.extension);
const HARD_TIMEOUT_MS = Number(options.timeout) * 1000;
if (!(HARD_TIMEOUT_MS > 0)) fail(`--timeout takes seconds, not ${options.timeout}`);
const resultsDir = join(repositoryRoot, 'test-results');
const timings = {};

function fail(message) {
  console.error(`test:integration: ${message}`);
  process.exit(1);
}

function requireBuiltExtension() {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));
  const main = manifest.main && join(extensionDir, manifest.main);
  if (main && !existsSync(main) && !existsSync(`${main}.js`)) {
    fail(`${manifest.main} is missing in ${extensionDir}: build the extension first (npm run compile).`);
  }
}

/** "4 passing", "1 failing"… from a mocha spec report, as numbers. */
function summaryOf(lines) {
  const summary = { passing: 0, failing: 0, pending: 0, lines: [] };
  for (const line of lines) {
    const match = SUMMARY_LINE.exec(line);
    if (!match) continue;
    summary[match[2]] += Number(match[1]);
    summary.lines.push(line.trim());
  }
  return summary;
}

async function timed(name, step) {
  const started = Date.now();
  try {
    return await step();
  } finally {
    timings[name] = Date.now() - started;
  }
}

// On the hard timeout, each tier is told to stop and clean up (servers, browsers); the exit follows shortly.
const timeout = new AbortController();
let stopE2e;
let watchdog;
function startWatchdog() {
  watchdog = setTimeout(() => {
    console.error(`\ntest:integration: the tests timed out after ${HARD_TIMEOUT_MS / 1000} s; logs are in test-results/.`);
    timeout.abort();
    stopE2e?.();
    setTimeout(() => process.exit(1), 10_000).unref();
  }, HARD_TIMEOUT_MS);
}

requireBuiltExtension();
mkdirSync(resultsDir, { recursive: true });
const results = {};
const broken = (logs) => (error) => ({ exitCode: 1, summary: summaryOf([]), logs, error: error.message });

const neededTargets = [...new Set([...(tiers.includes('integration') ? integrationTargets : []), ...(tiers.includes('e2e') ? e2eTargets.map((run) => run.target) : [])])];
for (const target of neededTargets) {
  try {
    await timed(`code-server ${target.codeServer} install`, () => ensureCodeServer({ target, log: (line) => console.log(line) }));
  } catch (error) {
    fail(error.message);
  }
}

startWatchdog();
if (tiers.includes('integration')) await timed('build tests', () => buildTests());
for (const target of tiers.includes('integration') ? integrationTargets : []) {
  if (timeout.signal.aborted) break;
  const logs = [join(resultsDir, `integration-${target.name}-console.log`), join(resultsDir, `integration-${target.name}-code-server.log`)];
  const onWhat = describeTarget(target);
  results[`integration, ${onWhat}`] = await (async () => {
    console.log(`\nIntegration tests in ${onWhat}`);
    const run = await timed(`integration tier (${target.name})`, () =>
      runIntegrationTier({ target, extensionDir, testsEntry: integrationEntry, resultsDir, signal: timeout.signal, grep: options.grep }),
    );
    for (const [step, ms] of Object.entries(run.timings)) timings[`${step} (${target.name})`] = ms;
    return { exitCode: run.exitCode, summary: summaryOf(run.output), logs };
  })().catch(broken(logs));
}

for (const { target, suites } of tiers.includes('e2e') ? e2eTargets : []) {
  if (timeout.signal.aborted) break;
  const logs = [join(resultsDir, 'e2e', ...(target.name === 'newest' ? [] : [`vscode-${target.name}`]))];
  const onWhat = describeTarget(target);
  console.log(`\nEnd-to-end tests in the workbench UI of ${onWhat}`);
  // The newest's screenshots where they always were; another version's beside them, as the integration tier keeps them.
  const screenshotDir = join(resultsDir, 'screenshots', ...(target.name === 'newest' ? [] : [`vscode-${target.name}`]));
  const e2e = runE2eTier({ target, suites, repositoryRoot, extensionDir, screenshotDir, grep: options.grep });
  stopE2e = e2e.stop;
  results[`e2e, ${onWhat}`] = await timed(`e2e tier (${target.name})`, () => e2e.done)
    .then((run) => ({ exitCode: run.exitCode, summary: summaryOf(run.output), logs }))
    .catch(broken(logs));
}
clearTimeout(watchdog);

console.log('\nSummary');
let ok = true;
let totalRan = 0;
for (const [tier, { exitCode, summary, logs, error }] of Object.entries(results)) {
  const ran = summary.passing + summary.failing;
  totalRan += ran;
  // Under --grep a tier may hold no matching test; the run as a whole must still run one.
  const passed = exitCode === 0 && summary.failing === 0 && (ran > 0 || !!options.grep);
  ok &&= passed;
  const why = error ? ` (${error})` : ran === 0 ? (options.grep ? ' (no test matched)' : ' (no test ran)') : exitCode !== 0 && summary.failing === 0 ? ` (exit ${exitCode})` : '';
  console.log(`  ${tier}: ${summary.lines.join(', ') || 'no mocha summary'}${why}${passed ? '' : ` — logs: ${logs.join(', ')}`}`);
}
if (timeout.signal.aborted || totalRan === 0) ok = false;
console.log(`  timings: ${Object.entries(timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}`);
process.exit(ok ? 0 : 1);
