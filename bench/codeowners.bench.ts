// Benchmark of the CODEOWNERS engine against the `codeowners` npm package and
// an `ignore`-based baseline, on real files and on a generated large case.
//
//   npx tsx bench/codeowners.bench.ts [--corpus DIR]
//
// Prints a table; the figures are copied into the README by hand.

import * as path from 'node:path';
import { compileCodeowners, parseCodeowners } from '../src/core/codeowners';
import { CORPUS_ENV_VARIABLE, corpusDirectory, readCorpus, type BenchCase } from './corpus';
import { generateLargeCase } from './generated';
import { codeownersPackage, ignoreBaseline, type PeerLookup } from './peers';

const RUNS = 3;
/** Peers are slow on large files (minutes, gigabytes): above this many rules they get a small sample. */
const LARGE_RULE_COUNT = 5_000;
const SAMPLE_SMALL_FILE = 2_000;
const SAMPLE_LARGE_FILE = 200;

interface Row {
  name: string;
  rules: number;
  paths: number;
  parseMs: number;
  totalMs: number;
  oursMicros: number;
  peerSample: number;
  codeownersMicros: number;
  codeownersBuildMs: number;
  ignoreMicros: number;
  differences: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeMs(action: () => void): number {
  const start = performance.now();
  action();
  return performance.now() - start;
}

/** Every n-th path, so the sample is deterministic and spread over the whole tree. */
function spreadSample(paths: readonly string[], size: number): string[] {
  if (paths.length <= size) return [...paths];
  const step = paths.length / size;
  return Array.from({ length: size }, (_, index) => paths[Math.floor(index * step)]);
}

function measurePeer(build: () => PeerLookup, sample: readonly string[]): { micros: number; buildMs: number; answers: string[][] } {
  let peer: PeerLookup | undefined;
  const buildMs = timeMs(() => (peer = build()));
  const lookup = peer as PeerLookup;
  const answers: string[][] = [];
  const elapsed = timeMs(() => {
    for (const filePath of sample) answers.push(lookup.ownersOf(filePath));
  });
  lookup.dispose();
  return { micros: (elapsed * 1000) / sample.length, buildMs, answers };
}

type Ours = Pick<Row, 'name' | 'rules' | 'paths' | 'parseMs' | 'totalMs' | 'oursMicros'>;

/** Small repositories are resolved several times per run, so a run is long enough to time well. */
const MIN_LOOKUPS_PER_RUN = 50_000;

function measureOurs(bench: BenchCase): Ours {
  const { codeowners: text, paths } = bench;
  const repeats = Math.max(1, Math.ceil(MIN_LOOKUPS_PER_RUN / paths.length));
  const matcher = compileCodeowners(parseCodeowners(text));
  const resolveAll = (): void => {
    for (let round = 0; round < repeats; round++) for (const filePath of paths) matcher.ownersOf(filePath);
  };
  // One untimed run first, so the medians measure compiled code, not the JIT warming up.
  resolveAll();
  const parseMs = median(Array.from({ length: RUNS }, () => timeMs(() => parseCodeowners(text))));
  const totalMs = median(
    Array.from({ length: RUNS }, () =>
      timeMs(() => {
        const fresh = compileCodeowners(parseCodeowners(text));
        for (const filePath of paths) fresh.ownersOf(filePath);
      }),
    ),
  );
  const resolveMs = median(Array.from({ length: RUNS }, () => timeMs(resolveAll))) / repeats;
  return { name: bench.name, rules: parseCodeowners(text).rules.length, paths: paths.length, parseMs, totalMs, oursMicros: (resolveMs * 1000) / paths.length };
}

function measurePeers(bench: BenchCase, ours: Ours): Row {
  const parsed = parseCodeowners(bench.codeowners);
  const matcher = compileCodeowners(parsed);
  const sample = spreadSample(bench.paths, parsed.rules.length >= LARGE_RULE_COUNT ? SAMPLE_LARGE_FILE : SAMPLE_SMALL_FILE);
  const theirs = measurePeer(() => codeownersPackage(bench.codeowners), sample);
  const gitignore = measurePeer(() => ignoreBaseline(parsed.rules), sample);
  let differences = 0;
  sample.forEach((filePath, index) => {
    if (JSON.stringify(matcher.ownersOf(filePath).owners) !== JSON.stringify(theirs.answers[index])) differences++;
  });
  return {
    ...ours,
    peerSample: sample.length,
    codeownersMicros: theirs.micros,
    codeownersBuildMs: theirs.buildMs,
    ignoreMicros: gitignore.micros,
    differences,
  };
}

function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function printTable(rows: Row[]): void {
  const header = ['case', 'rules', 'paths', 'parse ms', 'total ms', 'ours µs/path', 'ours paths/s', 'codeowners µs/path', 'ignore µs/path', '× codeowners', '× ignore', 'sample', 'differ'];
  const lines = rows.map((row) => [
    row.name,
    formatNumber(row.rules),
    formatNumber(row.paths),
    formatNumber(row.parseMs, 1),
    formatNumber(row.totalMs, 1),
    formatNumber(row.oursMicros, 2),
    formatNumber(1e6 / row.oursMicros),
    formatNumber(row.codeownersMicros, 1),
    formatNumber(row.ignoreMicros, 1),
    `${formatNumber(row.codeownersMicros / row.oursMicros)}×`,
    `${formatNumber(row.ignoreMicros / row.oursMicros)}×`,
    formatNumber(row.peerSample),
    formatNumber(row.differences),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const render = (cells: string[]): string => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  console.log(render(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) console.log(render(line));
}

function main(): void {
  const repositoryRoot = path.resolve(__dirname, '..');
  const directory = corpusDirectory(process.argv.slice(2), repositoryRoot);
  const corpus = readCorpus(directory);
  const cases: BenchCase[] = [...(corpus ?? []), generateLargeCase()];

  console.log(`CODEOWNERS benchmark: ours (one warm-up run, then medians of ${RUNS}) vs the codeowners package and an ignore baseline (one run each, on a sample).`);
  if (!corpus) {
    console.log(`Note: no benchmark corpus at ${directory}; only the generated case runs. Pass --corpus DIR or set ${CORPUS_ENV_VARIABLE}.`);
  }
  console.log('');

  // Ours first for every case, so that the peers' garbage (gigabytes on large
  // files) cannot slow our runs through the garbage collector.
  const ours = cases.map((bench) => {
    process.stderr.write(`measuring ours on ${bench.name}...\n`);
    return measureOurs(bench);
  });
  const rows = cases.map((bench, index) => {
    process.stderr.write(`measuring the peers on ${bench.name}...\n`);
    return measurePeers(bench, ours[index]);
  });
  printTable(rows);

  const large = rows[rows.length - 1];
  console.log('');
  console.log('parse ms: parse only. total ms: parse + compile + every path resolved once. ours µs/path, paths/s: resolving only, every path');
  console.log(`(repeated to at least ${formatNumber(MIN_LOOKUPS_PER_RUN)} lookups per run on small repositories).`);
  console.log(`Peers: µs per path measured on "sample" paths (every n-th path; all paths when fewer) and extrapolated; on files of ${formatNumber(LARGE_RULE_COUNT)}+ rules the sample is ${SAMPLE_LARGE_FILE} paths,`);
  console.log('because the codeowners package needs minutes and gigabytes for the whole repository. Their construction time is not counted per path.');
  console.log('ignore baseline: one prebuilt ignore() matcher per rule, tried from the last rule up.');
  console.log('differ: sample paths where the codeowners package gives other owners than ours; expected, since it lets `dir/*` descend,');
  console.log('folds case, and counts inline `#` comments as owners.');
  console.log(`Generated case: ${formatNumber(large.rules)} rules, ${formatNumber(large.paths)} paths, whole run including parse ${formatNumber(large.totalMs, 1)} ms;`);
  console.log(`codeowners package construction ${formatNumber(large.codeownersBuildMs)} ms, extrapolated to every path ${formatNumber((large.codeownersMicros * large.paths) / 1e6, 1)} s.`);
}

main();
