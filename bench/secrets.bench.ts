// The secret scan against its peer, secretlint's recommended preset, in one
// run; and the security checks on real applications' files.
//
//   npx tsx bench/secrets.bench.ts [--runs N] [--locales DIR] [--repo DIR]...
//
// 1. Recall and false positives on the secret corpus (test/support/
//    secretCorpus: every provider's tokens and look-alikes in JSON, YAML,
//    TypeScript, .env and markdown) for PM Zone's rules, secretlint's
//    recommended preset (@secretlint/core, no configuration file, no
//    network), and both together.
// 2. Speed, medians of N runs (default 5): the whole corpus, one
//    10,000-line configuration file, and a translation drop (generated, or
//    every file of --locales DIR), scanned by each, per line and as a ratio.
// 3. The rule test cases of gitleaks, secretlint and detect-secrets
//    (test/support/secretCorpus/public.json, each with its source): recall
//    and false positives of each scanner, by source: of all the cases, and of
//    the credentials (placeholders and positives that carry no secret left
//    out) against the negatives no other case contradicts. --list names
//    each credential missed and each false positive.
// 4. With --repo DIR (a checkout of a real application): every locale,
//    prompt, markdown and front-end file of it reviewed as if a change added
//    it whole, through the three security checks. Findings are listed
//    (redacted, as the review prints them) to be read one by one.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import type { Finding } from '../src/core/types';
import { dangerousCodeCheck, piiCheck, secretCheck } from '../src/core/review/checks/security';
import { isPromptFile } from '../src/core/review/checks/prompts';
import { isInPiiScope } from '../src/core/review/checks/security/pii';
import { corpusFiles, scoreScanner, type CorpusScore, type Scanner } from '../test/support/secretCorpus';
import { isCredentialSample, publicSamples, scorePublic, type PublicRow } from '../test/support/secretCorpus/public';
import { added, makeContext } from '../test/unit/review/security/context';
import { LOCALE_CODES, messagesFile } from './translationDrop';

const RUNS = numberFlag('--runs', 5);
const LOCALE_DIR = process.argv.includes('--locales') ? path.resolve(process.argv[process.argv.indexOf('--locales') + 1]) : undefined;

function numberFlag(flag: string, fallback: number): number {
  const at = process.argv.indexOf(flag);
  const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function repoFlags(): string[] {
  return process.argv.flatMap((arg, i) => (arg === '--repo' && process.argv[i + 1] ? [path.resolve(process.argv[i + 1])] : []));
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

const pmZone: Scanner = async (file, text) =>
  (await secretCheck.run(makeContext([added(file, text)]))).filter((finding) => finding.blocking).map((finding) => finding.line ?? 0);

/**
 * secretlint 12 marks the start and end of every rule on every file in the
 * process's performance timeline, keeps every mark and measures each pair:
 * the timeline grows by thousands of entries a file, and each measure looks
 * its marks up in it, so the thousandth file pays for the 999 before it, and
 * so does PM Zone, timed later in the same process. The benchmark turns that
 * profiling off (it only feeds secretlint's `--profile` report).
 */
async function withoutSecretlintProfiling(): Promise<void> {
  const fromCore = createRequire(require.resolve('secretlint-core'));
  const { secretLintProfiler } = (await import(pathToFileURL(fromCore.resolve('@secretlint/profiler')).href)) as { secretLintProfiler: { perf: unknown } };
  secretLintProfiler.perf = { mark: () => undefined, measure: () => undefined };
}

async function secretlintScanner(): Promise<Scanner> {
  const { lintSource } = await import('secretlint-core');
  const { creator } = await import('secretlint-preset-recommend');
  await withoutSecretlintProfiling();
  const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] };
  return async (file, text) => {
    const result = await lintSource({ source: { filePath: `/repository/${file}`, content: text, contentType: 'text' }, options: { config, maskSecrets: true } });
    return result.messages.filter((message) => message.severity === 'error').map((message) => message.loc.start.line);
  };
}

function union(a: Scanner, b: Scanner): Scanner {
  return async (file, text) => [...(await a(file, text)), ...(await b(file, text))];
}

function percent(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(1)}%`;
}

function scoreRow(name: string, score: CorpusScore): string {
  return `| ${name} | ${score.found}/${score.positives} (${percent(score.found, score.positives)}) | ${score.falsePositives}/${score.negatives} (${percent(score.falsePositives, score.negatives)}) |`;
}

function missedProviders(score: CorpusScore): string {
  const counts = new Map<string, number>();
  for (const file of score.missed) counts.set(file.sample.provider, (counts.get(file.sample.provider) ?? 0) + 1);
  return [...counts].map(([provider, count]) => `${provider} ${count}`).join(', ') || 'none';
}

async function timeScanner(scan: Scanner, files: { path: string; text: string }[]): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    for (const file of files) await scan(file.path, file.text);
    times.push(performance.now() - start);
  }
  return median(times);
}

/** A large configuration file: settings, URLs and ids, one AWS key pair in the middle. */
function largeConfig(lines: number): { path: string; text: string } {
  const { positives } = corpusFiles();
  const pair = positives.find((file) => file.sample.companions !== undefined && file.syntax === 'yaml')!;
  const body = Array.from({ length: lines }, (_, i) => `service_${i}_url: "https://api.internal/v${i % 7}/items/${i}?limit=${i % 100}"`);
  body.splice(lines / 2, 0, ...pair.text.trimEnd().split('\n'));
  return { path: 'config/services.yaml', text: `${body.join('\n')}\n` };
}

async function corpusComparison(): Promise<void> {
  const secretlint = await secretlintScanner();
  const options: [string, Scanner][] = [['PM Zone', pmZone], ['secretlint recommended preset', secretlint], ['both together', union(pmZone, secretlint)]];
  console.log('| scanner | tokens found | false positives |\n| --- | ---: | ---: |');
  const scores: CorpusScore[] = [];
  for (const [name, scan] of options) {
    const score = await scoreScanner(scan);
    scores.push(score);
    console.log(scoreRow(name, score));
  }
  options.forEach(([name], i) => console.log(`- ${name} missed: ${missedProviders(scores[i])}`));

  const { positives, negatives } = corpusFiles();
  const corpus = [...positives, ...negatives];
  const big = [largeConfig(10_000)];
  const drop = translationDrop();
  const dropName = `a translation drop, ${drop.length} files${LOCALE_DIR ? ` of ${path.basename(LOCALE_DIR)}` : ' (generated)'}`;
  console.log(`\n| case | lines | PM Zone ms | secretlint ms | PM Zone µs/line | secretlint µs/line | PM Zone ÷ secretlint |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |`);
  for (const [name, files] of [[`corpus (${corpus.length} files)`, corpus], ['one 10,000-line YAML file', big], [dropName, drop]] as const) {
    const lines = files.reduce((sum, file) => sum + file.text.split('\n').length, 0);
    const ours = await timeScanner(pmZone, [...files]);
    const theirs = await timeScanner(secretlint, [...files]);
    const perLine = (ms: number) => ((1000 * ms) / lines).toFixed(2);
    console.log(`| ${name} | ${lines.toLocaleString('en')} | ${ours.toFixed(0)} | ${theirs.toFixed(0)} | ${perLine(ours)} | ${perLine(theirs)} | ${(ours / theirs).toFixed(2)} |`);
  }
}

/**
 * Every file of `--locales DIR` (a real drop: the locale files of a
 * dashboard's translation update, say), or a generated one: 12 locales of
 * 2,000 messages as a message extractor writes them, four lines each.
 */
function translationDrop(): { path: string; text: string }[] {
  if (LOCALE_DIR) return readdirSync(LOCALE_DIR).sort().map((name) => ({ path: `locale/${name}`, text: readFileSync(path.join(LOCALE_DIR, name), 'utf8') }));
  return LOCALE_CODES.slice(0, 12).map((locale) => ({ path: `locale/${locale}.json`, text: messagesFile(locale, 2_000) }));
}

function fraction(part: number, whole: number): string {
  return `${part}/${whole} (${percent(part, whole)})`;
}

/**
 * Recall and false positives on the public scanners' own test cases: of all
 * of them, and of the credentials only (no placeholders, nothing that carries
 * no secret) against the negatives no other case contradicts.
 */
async function publicFixtures(): Promise<void> {
  const samples = publicSamples();
  console.log(`\n| scanner | source | found, all positives | found, credentials | false positives, all negatives | false positives, uncontradicted negatives |\n| --- | --- | ---: | ---: | ---: | ---: |`);
  for (const [name, scan] of [['PM Zone', pmZone], ['secretlint recommended preset', await secretlintScanner()]] as const) {
    const score = await scorePublic(name, scan, samples);
    const all: PublicRow = { positives: 0, found: 0, credentials: 0, credentialsFound: 0, negatives: 0, falsePositives: 0, scoredNegatives: 0, scoredFalsePositives: 0 };
    const row = (source: string, counts: PublicRow): string =>
      `| ${name} | ${source} | ${fraction(counts.found, counts.positives)} | ${fraction(counts.credentialsFound, counts.credentials)} | ${fraction(counts.falsePositives, counts.negatives)} | ${fraction(counts.scoredFalsePositives, counts.scoredNegatives)} |`;
    for (const [source, counts] of score.bySource) {
      console.log(row(source, counts));
      for (const key of Object.keys(all) as (keyof PublicRow)[]) all[key] += counts[key];
    }
    console.log(row('all', all));
    if (process.argv.includes('--list')) {
      for (const sample of score.missed.filter(isCredentialSample)) console.log(`  missed: ${sample.source}`);
      for (const sample of score.falseAlarms) console.log(`  false positive: ${sample.source}`);
    }
  }
}

const FRONT_END = /\.(?:tsx?|jsx?|mjs|vue|svelte|html)$/;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', 'vendor', '.next']);

/** The files of a checkout the security checks look at as a PM's change would: copy, prompts, markdown, front end. */
function reviewableFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(full);
      } else if (entry.isFile() && statSync(full).size < 1_000_000) {
        const relative = path.relative(root, full).split(path.sep).join('/');
        if (isInPiiScope(relative) || isPromptFile(relative) || FRONT_END.test(relative)) files.push(relative);
      }
    }
  };
  walk(root);
  return files.sort();
}

async function realRepository(root: string): Promise<void> {
  const files = reviewableFiles(root);
  const findings: Finding[] = [];
  for (const file of files) {
    const ctx = makeContext([added(file, readFileSync(path.join(root, file), 'utf8'))]);
    for (const check of [secretCheck, piiCheck, dangerousCodeCheck]) findings.push(...(await check.run(ctx)));
  }
  const byCheck = new Map<string, number>();
  for (const finding of findings) byCheck.set(finding.check, (byCheck.get(finding.check) ?? 0) + 1);
  console.log(`\n${path.basename(root)}: ${files.length} files, ${findings.length} findings (${[...byCheck].map(([check, n]) => `${check} ${n}`).join(', ') || 'none'})`);
  for (const finding of findings) console.log(`  ${finding.file}:${finding.line}  ${finding.check}  ${finding.message.slice(0, 140)}`);
}

async function main(): Promise<void> {
  await corpusComparison();
  await publicFixtures();
  for (const repo of repoFlags()) await realRepository(repo);
}

void main();
