// Benchmark of the review on a large change, and of `pm-zone explain` on
// every path of a large real repository.
//
//   npx tsx bench/review.bench.ts [--corpus DIR] [--runs N]
//
// 1. A generated change of 200 files and 5,000 changed lines (copy, i18n,
//    prompts, components, flags and docs in the sample's layout) on a real
//    temporary git repository: readChange (git), reviewChange, and the whole
//    review, separately, medians of N runs (default 5). Target: the whole
//    review under 1 s.
// 2. `pm-zone explain --stdin --json` on every path of the nuttx corpus
//    (`nuttx.CODEOWNERS` + `nuttx.paths.gz`) with a CLAUDE.md zone: paths/s.
//    Skipped, with a note, when the corpus folder is missing.

import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { createSampleRepo } from '../scripts/sample-repo.mjs';
import { runCli } from '../src/cli/run';
import { openRepository } from '../src/cli/repositoryContext';
import { Git, readChange } from '../src/core/git';
import { loadChecklist, reviewChange } from '../src/core/review';
import { corpusDirectory } from './corpus';

const repositoryRoot = path.resolve(__dirname, '..');
const RUNS = numberFlag('--runs', 5);
const FEATURES = 20;
/** Per feature: en.json, fr.json, 3 prompts, 3 components, flags.yaml, a doc. */
const FILES_PER_FEATURE = 10;
/** Per file: 10 lines changed (20 changed lines) and 5 added. */
const MODIFIED_PER_FILE = 10;
const ADDED_PER_FILE = 5;
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

// --- the generated change -------------------------------------------------

const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

/** One feature's files, before (`changed` false) or after the change. */
function featureFiles(feature: number, changed: boolean): Record<string, string> {
  const dir = `src/features/gen${feature}`;
  const line = (k: number, text: (k: number) => string, newText: (k: number) => string) => (changed && k < MODIFIED_PER_FILE ? newText(k) : text(k));
  const added = (text: (k: number) => string) => (changed ? range(ADDED_PER_FILE).map(text) : []);
  const strings = (locale: string) => [
    '{',
    ...added((k) => `  "new${k}": "New string ${k} for ${locale} {name}",`),
    ...range(40).map((k) => line(k, (i) => `  "key${i}": "String ${i} of feature ${feature} {name}",`, (i) => `  "key${i}": "Reworded string ${i} of feature ${feature} {name}",`)),
    '  "last": "The end"',
    '}',
  ];
  const prompt = (p: number) => [
    `# Prompt ${p} of feature ${feature}`,
    ...range(30).map((k) => line(k, (i) => `Step ${i}: answer about {{topic_${i % 5}}} in one sentence.`, (i) => `Step ${i}: answer about {{topic_${i % 5}}} in two short sentences.`)),
    ...added((k) => `Extra rule ${k}: stay friendly about {{topic_${k}}}.`),
  ];
  const component = (c: number) => [
    "import { useFlag } from '../../../lib/flags';",
    "import { t } from '../../../lib/i18n';",
    '',
    `export function Panel${c}() {`,
    `  const enabled = useFlag('gen${feature}_flag_0');`,
    '  return (',
    '    <section>',
    ...range(30).map((k) => line(k, (i) => `      <p className="line">{t('gen${feature}.key${i}')}</p>`, (i) => `      <p className="line strong">{t('gen${feature}.key${i}')}</p>`)),
    ...added((k) => `      {enabled && <p className="new">{t('gen${feature}.new${k}')}</p>}`),
    '    </section>',
    '  );',
    '}',
  ];
  const flags = [
    'flags:',
    ...range(MODIFIED_PER_FILE + 2).flatMap((k) => [
      `  - name: gen${feature}_flag_${k}`,
      '    owner: "@alice"',
      line(k, (i) => `    description: Flag ${i} of feature ${feature}`, (i) => `    description: Flag ${i} of feature ${feature}, reworded`),
      '    enabled: false',
      '    rollout: 0',
    ]),
    ...added((k) => [`  - name: gen${feature}_added`, '    owner: "@alice"', '    description: Added by the change', '    enabled: true', '    rollout: 5'][k]),
  ];
  const doc = [
    `# Notes of feature ${feature}`,
    ...range(30).map((k) => line(k, (i) => `- Note ${i}: the copy follows the style guide.`, (i) => `- Note ${i}: the copy follows the style guide closely.`)),
    ...added((k) => `- Added note ${k}.`),
  ];
  const text = (lines: string[]) => `${lines.join('\n')}\n`;
  return {
    [`${dir}/i18n/en.json`]: text(strings('en')),
    [`${dir}/i18n/fr.json`]: text(strings('fr')),
    ...Object.fromEntries(range(3).map((p) => [`${dir}/prompts/prompt${p}.md`, text(prompt(p))])),
    ...Object.fromEntries(range(3).map((c) => [`${dir}/components/Panel${c}.tsx`, text(component(c))])),
    [`${dir}/flags.yaml`]: text(flags),
    [`${dir}/docs/notes.md`]: text(doc),
  };
}

function write(root: string, files: Record<string, string>): void {
  for (const [relPath, text] of Object.entries(files)) {
    const file = path.join(root, relPath);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/** The sample repository, the generated features on main, and a PM branch changing all of them. */
function buildRepository(root: string): void {
  createSampleRepo(root);
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, env: { ...process.env, GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1' }, stdio: 'pipe' });
  for (const feature of range(FEATURES)) write(root, featureFiles(feature, false));
  git('add', '--all');
  git('commit', '--quiet', '--no-verify', '-m', 'Generated features');
  git('checkout', '--quiet', '-b', 'alice/big-change');
  for (const feature of range(FEATURES)) write(root, featureFiles(feature, true));
  git('add', '--all');
  git('commit', '--quiet', '--no-verify', '-m', 'Reword every generated feature');
}

async function benchReview(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pm-zone-review-bench-'));
  try {
    buildRepository(root);
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
    await build({ entryPoints: [path.join(repositoryRoot, 'src', 'cli', 'main.ts')], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'silent' });
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
    const expectedLines = FEATURES * FILES_PER_FEATURE * (2 * MODIFIED_PER_FILE + ADDED_PER_FILE);
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
