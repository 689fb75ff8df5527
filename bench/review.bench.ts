// Benchmark of the review on a large change, and of `pm-zone explain` on
// every path of a large real repository.
//
//   npx tsx bench/review.bench.ts [--corpus DIR] [--runs N]
//
// 1. A generated change of 200 files and 5,000 changed lines (bigChange.ts)
//    on a real temporary git repository: readChange (git), reviewChange, and the whole
//    review, separately, medians of N runs (default 5). Target: the whole
//    review under 1 s.
// 2. `pm-zone explain --stdin --json` on every path of the nuttx corpus
//    (`nuttx.CODEOWNERS` + `nuttx.paths.gz`) with a CLAUDE.md zone: paths/s.
//    Skipped, with a note, when the corpus folder is missing.
//
// With `--large`, instead: the built `dist/cli.js review --json` (build
// first: node scripts/build.mjs) on a generated change of 10,000 files
// (`--features N` features of ten files, default 1,000), each run a whole
// process: its peak memory (the node process's own maximum resident set,
// written by a module loaded before the program) and its CPU (user +
// system of the process and every git process it waited for, as `sh`'s
// `times` gives them). `--before DIR` names a copy of an earlier build's
// `dist/`: the two run in turn, pair by pair, in the order A B, B A, …,
// and the ratios are the medians of the pairs' ratios.
//
//   npx tsx bench/review.bench.ts --large [--features N] [--pairs N] [--before DIR]

import { mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { bundleAliases, vegaWithoutCanvas } from '../scripts/esbuild-plugins.mjs';
import { runCli } from '../src/cli/run';
import { openRepository } from '../src/cli/repositoryContext';
import { Git, readChange } from '../src/core/git';
import { loadChecklist, reviewChange } from '../src/core/review';
import { buildBigChange, EXPECTED_CHANGED_LINES, expectedChangedLines, FILES_PER_FEATURE, FEATURES, write } from './bigChange';
import { childCpu } from './childCpu';
import { corpusDirectory } from './corpus';

const repositoryRoot = path.resolve(__dirname, '..');
const RUNS = numberFlag('--runs', 5);
const TARGET_MS = 1000;

function numberFlag(flag: string, fallback: number): number {
  const at = process.argv.indexOf(flag);
  const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timeRuns<T>(runs: number, action: () => Promise<T>): Promise<{ ms: number; last: T }> {
  const times: number[] = [];
  let last: T | undefined;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    last = await action();
    times.push(performance.now() - start);
  }
  return { ms: median(times), last: last as T };
}

async function benchReview(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pm-zone-review-bench-'));
  try {
    buildBigChange(root);
    const context = await openRepository({ cwd: root });
    const git = new Git(context.root);
    const checklist = await loadChecklist(context.files, context.policy.settings.skillFile);
    const options = { maxFiles: 10, maxLines: 300 };

    const read = await timeRuns(RUNS, () => readChange(git, { mode: 'branch' }));
    const change = read.last;
    const review = await timeRuns(RUNS, () => reviewChange({ change, policy: context.policy, checklist, files: context.files, options }));
    const whole = await timeRuns(RUNS, async () => {
      const opened = await openRepository({ cwd: root });
      const fresh = await readChange(new Git(opened.root), { mode: 'branch' });
      const list = await loadChecklist(opened.files, opened.policy.settings.skillFile);
      return reviewChange({ change: fresh, policy: opened.policy, checklist: list, files: opened.files, options });
    });
    let exitCode = -1;
    const cli = await timeRuns(RUNS, async () => {
      exitCode = await runCli(['review', '--json', '--cwd', root], { stdout: { write: () => true }, stderr: { write: () => true }, cwd: root, env: process.env });
    });

    // What a pre-commit hook or a CI job waits for: a new process, cold caches.
    const bundle = path.join(root, '.git', 'pm-zone-cli.js');
    await build({ entryPoints: [path.join(repositoryRoot, 'src', 'cli', 'main.ts')], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'silent', alias: bundleAliases, plugins: [vegaWithoutCanvas], absWorkingDir: repositoryRoot });
    const cold = await timeRuns(RUNS, async () => {
      try {
        execFileSync(process.execPath, [bundle, 'review', '--json', '--cwd', root], { stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
      } catch {
        // Exit status 1: the change has blockers, as expected.
      }
    });
    // Starting a process from this (large) one costs something of its own: shown apart.
    const startup = await timeRuns(RUNS, async () => execFileSync(process.execPath, [bundle, '--help'], { stdio: 'pipe' }));

    const summary = review.last.result.summary;
    const findings = new Map<string, number>();
    for (const finding of review.last.result.findings) findings.set(finding.check, (findings.get(finding.check) ?? 0) + 1);
    console.log(`\nReview of a generated change (medians of ${RUNS} runs)`);
    const changedLines = summary.addedLines + summary.removedLines;
    const expectedLines = EXPECTED_CHANGED_LINES;
    console.log(`  change: ${summary.files} files, +${summary.addedLines} -${summary.removedLines} = ${changedLines} changed lines, ${change.commits.length} commit(s)`);
    if (summary.files !== FEATURES * FILES_PER_FEATURE || changedLines !== expectedLines) {
      console.log(`  (the generator should change ${FEATURES * FILES_PER_FEATURE} files and ${expectedLines} lines: the figures below are not comparable)`);
    }
    console.log(`  findings: ${[...findings].map(([check, count]) => `${check} ${count}`).join(', ')}`);
    console.log(`  readChange (git)                      ${read.ms.toFixed(0).padStart(6)} ms`);
    console.log(`  reviewChange                          ${review.ms.toFixed(0).padStart(6)} ms`);
    console.log(`  together (policy, git, checklist, review) ${whole.ms.toFixed(0).padStart(2)} ms`);
    console.log(`  pm-zone review --json (in process)    ${cli.ms.toFixed(0).padStart(6)} ms  (exit ${exitCode})`);
    console.log(`  node cli.js review --json (new process) ${cold.ms.toFixed(0).padStart(4)} ms  (node cli.js --help: ${startup.ms.toFixed(0)} ms)`);
    console.log(`  target: whole review under ${TARGET_MS} ms: ${whole.ms < TARGET_MS && cold.ms < TARGET_MS ? 'met' : 'MISSED'}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

// --- explain on a large real repository -----------------------------------

/** A PM zone for nuttx: documentation is the PM's, the kernel and the architecture code are not. */
const NUTTX_CLAUDE_MD = `# NuttX

## PM zone
Mode: standard

### PMs may edit
- \`**/*.md\` (documentation)
- \`Documentation/**\` (documentation)
- \`**/*.rst\`

### Engineering only
- \`arch/**\`
- \`sched/**\`
- \`mm/**\`
- \`drivers/**\`
- \`.github/workflows/**\`
`;

async function benchExplain(): Promise<void> {
  const directory = corpusDirectory(process.argv, repositoryRoot);
  const codeownersFile = path.join(directory, 'nuttx.CODEOWNERS');
  const pathsFile = path.join(directory, 'nuttx.paths.gz');
  if (!existsSync(codeownersFile) || !existsSync(pathsFile)) {
    console.log(`\nExplain on nuttx: skipped, no nuttx.CODEOWNERS and nuttx.paths.gz in ${directory} (pass --corpus DIR).`);
    return;
  }
  const root = mkdtempSync(path.join(os.tmpdir(), 'pm-zone-explain-bench-'));
  try {
    write(root, { 'CLAUDE.md': NUTTX_CLAUDE_MD, '.github/CODEOWNERS': readFileSync(codeownersFile, 'utf8') });
    const pathsText = gunzipSync(readFileSync(pathsFile)).toString('utf8');
    const count = pathsText.split('\n').filter((line) => line.length > 0).length;
    const runs = Math.min(RUNS, 3);
    let bytes = 0;
    let exitCode = -1;
    const explain = await timeRuns(runs, async () => {
      bytes = 0;
      exitCode = await runCli(['explain', '--stdin', '--json', '--cwd', root], {
        stdout: { write: (text: string) => (bytes += text.length) },
        stderr: { write: (text: string) => process.stderr.write(text) },
        cwd: root,
        env: process.env,
        stdin: Readable.from([Buffer.from(pathsText, 'utf8')]),
      });
    });
    console.log(`\nExplain on nuttx (${count} paths, 1.8 MB CODEOWNERS, CLAUDE.md zone; median of ${runs} runs)`);
    console.log(`  pm-zone explain --stdin --json (in process)  ${explain.ms.toFixed(0)} ms, ${Math.round(count / (explain.ms / 1000)).toLocaleString('en')} paths/s, ${(bytes / 1024 / 1024).toFixed(1)} MB of JSON (exit ${exitCode})`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

// --- the review of a 10,000-file change, a whole process ----------------------

/** Loaded before the program (`node -r`): at exit, the process's own account of its peak memory (KB) and CPU, into PM_ZONE_BENCH_USAGE. */
const USAGE_PRELOAD = `process.on('exit', () => {
  const usage = process.resourceUsage();
  require('node:fs').writeFileSync(process.env.PM_ZONE_BENCH_USAGE, JSON.stringify({ maxRSS: usage.maxRSS }));
});
`;

interface WholeRun {
  /** Peak resident memory of the node process, MiB. */
  mib: number;
  /** CPU seconds of the process and the git processes it waited for. */
  cpu: number;
  exit: number;
  stdout: string;
}

function wholeReview(cli: string, root: string, scratch: string): WholeRun {
  const usageFile = path.join(scratch, 'usage.json');
  const outputFile = path.join(scratch, 'output.json');
  rmSync(usageFile, { force: true });
  const { cpu, exit } = childCpu([process.execPath, '-r', path.join(scratch, 'usage.cjs'), cli, 'review', '--json'], {
    cwd: root,
    env: { ...process.env, GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1', OUT: outputFile, PM_ZONE_BENCH_USAGE: usageFile },
  });
  if (!existsSync(usageFile)) throw new Error(`the review did not finish (exit ${exit})`);
  const { maxRSS } = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRSS: number };
  return { mib: maxRSS / 1024, cpu, exit, stdout: readFileSync(outputFile, 'utf8') };
}

async function benchLarge(): Promise<void> {
  const features = numberFlag('--features', 1000);
  const pairs = numberFlag('--pairs', 5);
  const at = process.argv.indexOf('--before');
  const before = at >= 0 ? path.resolve(process.argv[at + 1] ?? '', 'cli.js') : undefined;
  const after = path.join(repositoryRoot, 'dist', 'cli.js');
  for (const cli of [after, ...(before ? [before] : [])]) if (!existsSync(cli)) throw new Error(`No ${cli}: build it first (node scripts/build.mjs).`);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'pm-zone-review-large-'));
  try {
    writeFileSync(path.join(scratch, 'usage.cjs'), USAGE_PRELOAD);
    const root = path.join(scratch, 'repo');
    buildBigChange(root, { features });
    const loadBefore = os.loadavg()[0];
    const builds = before ? [{ name: 'this build', cli: after }, { name: 'the build before', cli: before }] : [{ name: 'this build', cli: after }];
    const runs = builds.map(() => [] as WholeRun[]);
    for (let pair = 0; pair < pairs; pair++) {
      const order = pair % 2 === 0 ? builds.map((_, index) => index) : builds.map((_, index) => builds.length - 1 - index);
      for (const index of order) runs[index].push(wholeReview(builds[index].cli, root, scratch));
    }
    const loadAfter = os.loadavg()[0];
    const first = runs[0][0];
    const review = JSON.parse(first.stdout) as { summary: { files: number; addedLines: number; removedLines: number } };
    const { files, addedLines, removedLines } = review.summary;
    console.log(`\nReview of a generated change of ${files.toLocaleString('en')} files, +${addedLines} -${removedLines}, \`node dist/cli.js review --json\` as a whole process (${pairs} ${before ? 'pairs' : 'runs'}, load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after)`);
    if (files !== features * FILES_PER_FEATURE || addedLines + removedLines !== expectedChangedLines(features)) console.log('  (the generator did not make the change it should: the figures below are not comparable)');
    const range = (values: number[], digits: number) => `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
    for (const [index, build] of builds.entries()) {
      console.log(`  ${build.name.padEnd(16)} peak ${range(runs[index].map((run) => run.mib), 0)} MiB, CPU ${range(runs[index].map((run) => run.cpu), 2)} s, exit ${runs[index][0].exit}`);
    }
    if (before) {
      const same = runs[0].every((run, index) => run.stdout === runs[1][index].stdout);
      const ratios = (of: (run: WholeRun) => number) => runs[0].map((run, index) => of(run) / of(runs[1][index]));
      console.log(`  this build / the build before: peak ${range(ratios((run) => run.mib), 2)}×, CPU ${range(ratios((run) => run.cpu), 2)}× (medians of the pairs' ratios); the same JSON: ${same ? 'yes' : 'NO'}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  if (process.argv.includes('--large')) {
    await benchLarge();
    return;
  }
  await benchReview();
  await benchExplain();
}

void main();
