// Benchmark of the review of a very large translations commit: time and
// peak memory, against reading the same commit with git and parsing its
// files with JSON.parse, measured in the same run.
//
//   npx tsx bench/translations.bench.ts [--locales N] [--keys N]
//
// The repository holds N locales (default 30) of one strings file with K keys
// each (default 8,400, ICU placeholders in one string of ten). The commit
// rewrites every translation and some English strings: 30 × 8,400 ≈ 250,000
// changed lines, a translation vendor's weekly drop. Each measurement runs in
// a fresh node process, so its peak memory (maxRSS) is its own.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openRepository } from '../src/cli/repositoryContext';
import { Git, gitTextSearch, readChange } from '../src/core/git';
import { loadChecklist, reviewChange } from '../src/core/review';
import { LOCALE_CODES, localeFile } from './translationDrop';

const LOCALES = numberFlag('--locales', 30);
const KEYS = numberFlag('--keys', 8_400);
const CODES = LOCALE_CODES;

function numberFlag(flag: string, fallback: number): number {
  const at = process.argv.indexOf(flag);
  const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1' } });
}

function buildRepository(root: string): void {
  const write = (relPath: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, relPath)), { recursive: true });
    writeFileSync(path.join(root, relPath), text);
  };
  git(root, 'init', '--quiet', '--initial-branch', 'main');
  git(root, 'config', 'user.email', 'alice@acme.test');
  git(root, 'config', 'user.name', 'Alice');
  write('CLAUDE.md', '# Acme\n\n## PM zone\n\n### PMs may edit\n- `**/locales/*.json`\n');
  write('src/app.ts', "export const title = t('section0.key0');\n");
  for (const locale of CODES.slice(0, LOCALES)) write(`src/locales/${locale}.json`, localeFile(locale, 0, KEYS));
  git(root, 'add', '--all');
  git(root, 'commit', '--quiet', '-m', 'Strings');
  git(root, 'checkout', '--quiet', '-b', 'alice/translations');
  for (const locale of CODES.slice(0, LOCALES)) write(`src/locales/${locale}.json`, localeFile(locale, 1, KEYS));
  git(root, 'add', '--all');
  git(root, 'commit', '--quiet', '-m', 'Translations drop');
}

/** What the child measures; run in a process of its own. */
async function child(root: string, what: string): Promise<void> {
  const started = performance.now();
  let detail: string;
  if (what === 'review') {
    const context = await openRepository({ cwd: root });
    const repository = new Git(context.root);
    const change = await readChange(repository, { mode: 'branch' });
    const checklist = await loadChecklist(context.files, context.policy.settings.skillFile);
    const { result } = await reviewChange({ change, policy: context.policy, checklist, files: context.files, options: { maxFiles: 10, maxLines: 300 }, search: gitTextSearch(repository) });
    const counts = new Map<string, number>();
    for (const finding of result.findings) counts.set(finding.check, (counts.get(finding.check) ?? 0) + 1);
    detail = `+${result.summary.addedLines} -${result.summary.removedLines} lines, ${result.summary.blockers} blockers, findings: ${[...counts].map(([check, count]) => `${check} ${count}`).join(', ')}`;
  } else if (what === 'git-diff') {
    const diff = git(root, 'diff', 'main...HEAD');
    detail = `${(diff.length / 1e6).toFixed(0)} MB of diff`;
  } else {
    // Both versions of every file, parsed: the least a review of this commit must read.
    let keys = 0;
    for (const locale of CODES.slice(0, LOCALES)) {
      for (const revision of ['main', 'HEAD']) keys += Object.keys(JSON.parse(git(root, 'show', `${revision}:src/locales/${locale}.json`))).length;
    }
    detail = `${keys} keys parsed`;
  }
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, detail }));
}

function measure(root: string, what: string): { ms: number; maxRssMb: number; detail: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', root, what, ...process.argv.slice(2)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`${what} failed: ${run.stderr}`);
  return JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
}

async function main(): Promise<void> {
  const childAt = process.argv.indexOf('--child');
  if (childAt >= 0) return child(process.argv[childAt + 1], process.argv[childAt + 2]);
  const root = mkdtempSync(path.join(os.tmpdir(), 'pm-zone-translations-bench-'));
  try {
    buildRepository(root);
    const changed = git(root, 'diff', '--numstat', 'main...HEAD').trim().split('\n').reduce((sum, row) => sum + Number(row.split('\t')[0]), 0);
    console.log(`Translations commit: ${LOCALES} locales × ${KEYS} keys, ${changed.toLocaleString('en')} lines changed (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)})`);
    const rows: [string, string][] = [['git diff main...HEAD', 'git-diff'], ['JSON.parse of both versions', 'json-parse'], ['pm-zone review (readChange + reviewChange)', 'review']];
    const results = rows.map(([label, what]) => ({ label, ...measure(root, what) }));
    const review = results[2];
    for (const result of results) {
      const ratio = result === review ? '' : `  review ÷ this: ${(review.ms / result.ms).toFixed(1)}× time`;
      console.log(`  ${result.label.padEnd(44)} ${result.ms.toFixed(0).padStart(6)} ms  ${result.maxRssMb.toFixed(0).padStart(5)} MB peak${ratio}`);
    }
    console.log(`  ${review.detail}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

void main();
