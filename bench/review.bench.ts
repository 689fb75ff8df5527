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

import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
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
import { buildBigChange, EXPECTED_CHANGED_LINES, FILES_PER_FEATURE, FEATURES, write } from './bigChange';
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

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  await benchReview();
  await benchExplain();
}

void main();
