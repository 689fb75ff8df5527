// Replays the whole review over real commits of public repositories and
// prints, per check, how many blocking findings it gave and how many of them
// were right (precision), and how many labelled breakages it caught (recall);
// with --verbose, each commit's first blockers and warnings.
//
//   npm run replay -- --checkouts DIR [--list bench/replay/commits.json] [--repo owner/name] [--zone] [--verbose] [--dump FILE] [--record FILE.json.gz]
//
// DIR holds one git directory per repository, named `owner+name` (a clone,
// or a bare copy: only objects are read, never a work tree). Each commit is
// reviewed as its own change (parent → commit), with the PM zone of
// `zones/<owner+name>.md` as CLAUDE.md, the repository's files at that
// commit for every other read, and `git grep` at that commit for uses of
// removed keys. A `mutate` entry applies a breakage to the commit's version
// of one file first: a labelled breakage written into real files. A `probe`
// is not the commit's change but only its mutations, written into the files
// as they are at that commit: a PM's edit (benign, or a labelled breakage).
// The first pilot PM of the zone is the author of every change.
//
// `--record FILE` replays only the entries marked `recorded` and writes what
// each review read (recording.ts), which the unit tier replays without the
// repositories. Needs network only to get the checkouts; not part of `npm test`.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as gitCore from '../../src/core/git';
import type { parseZonePolicy } from '../../src/core/policy';
import * as repositoryCore from '../../src/core/repository';
import type { Change } from '../../src/core/review';
import type { TextSearch } from '../../src/core/review/model';
import type { Finding, FileSource } from '../../src/core/types';
import { CONTENT, Recorder, emptyRow, matches, reviewWith, score, type ReplayCommit, type Row } from './recording';

/**
 * With `--zone`, the zone's blockers (a locked file) are counted too, for a
 * list that labels them (heldout.json does; commits.json labels content
 * only). Planning, size and AI disclosure are about the pull request, which a
 * replayed commit is not.
 */
const COUNTED = process.argv.includes('--zone') ? /^(?:zone|i18n|analytics|prompts|flags|security)\./ : CONTENT;

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** The commit's change, with the replay's mutations (a secret planted, a string broken) applied; for a probe, the mutations alone. */
async function replayedChange(git: gitCore.Git, commit: ReplayCommit): Promise<Change> {
  const mutations = commit.mutate === undefined ? [] : Array.isArray(commit.mutate) ? commit.mutate : [commit.mutate];
  const change: Change = commit.probe ? { mode: 'branch', files: [], commits: [] } : await gitCore.commitChange(git, commit.sha);
  for (const mutation of mutations) {
    let file = change.files.find((candidate) => candidate.path === mutation.file);
    if (!file && commit.probe) {
      const text = (await gitCore.readBlobs(git, [`${commit.sha}:${mutation.file}`])).get(`${commit.sha}:${mutation.file}`)?.text;
      file = { path: mutation.file, status: text === undefined ? 'added' : 'modified', oldText: text, newText: text ?? '' };
      change.files.push(file);
    }
    if (!file?.newText?.includes(mutation.from)) throw new Error(`${commit.sha}: ${mutation.file} has no ${JSON.stringify(mutation.from)}`);
    file.newText = file.newText.replace(mutation.from, mutation.to);
  }
  return change;
}

/**
 * The repository as it is at `sha`, with the replay's CLAUDE.md and the
 * change's (mutated) files: the other files read through git's object store
 * as the Action reads a commit (`commitFiles`, reads of one turn batched into
 * one git process), so a review is timed as the product runs it.
 */
function filesAt(git: gitCore.Git, sha: string, zone: string, change: Change): FileSource {
  const changed = new Map(change.files.map((file) => [file.path, file.newText]));
  const atCommit = gitCore.commitFiles(git, sha);
  return {
    async readText(relPath) {
      if (relPath === 'CLAUDE.md') return zone;
      if (changed.has(relPath)) return changed.get(relPath);
      return atCommit.readText(relPath);
    },
    listDirectory: (relDir) => atCommit.listDirectory?.(relDir) ?? Promise.resolve(undefined),
    async listFiles() {
      const listed = await atCommit.listFiles?.();
      return listed && [...listed, ...change.files.filter((file) => file.status === 'added').map((file) => file.path)];
    },
  };
}

interface Tally {
  blocking: number;
  right: number;
}

function add(tallies: Map<string, Tally>, key: string, right: boolean): void {
  const tally = tallies.get(key) ?? { blocking: 0, right: 0 };
  tally.blocking++;
  if (right) tally.right++;
  tallies.set(key, tally);
}

function percent(tally: Tally): string {
  return tally.blocking ? `${((100 * tally.right) / tally.blocking).toFixed(0)}%` : '–';
}

/** How the zone is read: with the names the repository has (`[locale]`), where this version of PM Zone asks for them. */
async function zoneOf(zone: ReturnType<typeof parseZonePolicy>, files: FileSource): Promise<ReturnType<typeof parseZonePolicy>> {
  const names = (repositoryCore as { withNamesInRepository?: (zone: ReturnType<typeof parseZonePolicy>, files: FileSource) => Promise<ReturnType<typeof parseZonePolicy>> }).withNamesInRepository;
  return names ? names(zone, files) : zone;
}

async function reviewCommit(checkouts: string, commit: ReplayCommit, recorder: Recorder | undefined): Promise<{ findings: Finding[]; ms: number }> {
  const folder = path.join(checkouts, commit.repo.replace('/', '+'));
  const gitDir = existsSync(path.join(folder, 'repo')) ? path.join(folder, 'repo') : folder;
  const git = new gitCore.Git(gitDir);
  const zone = readFileSync(path.join(__dirname, 'zones', `${commit.repo.replace('/', '+')}.md`), 'utf8');
  // Timed as `pm-zone review` spends it: reading the change from git, the policy, every check.
  const started = performance.now();
  const change = await replayedChange(git, commit);
  // `gitTextSearch` is looked up, not imported, so the same script replays versions that lack it.
  const search = (gitCore as { gitTextSearch?: (git: gitCore.Git, options: { revision: string }) => TextSearch }).gitTextSearch?.(git, { revision: commit.sha });
  const sources = recorder ? recorder.begin(commit, change, filesAt(git, commit.sha, zone, change), search) : { files: filesAt(git, commit.sha, zone, change), search };
  const findings = await reviewWith(change, sources.files, zone, sources.search, zoneOf);
  return { findings: findings.filter((found) => COUNTED.test(found.check) && found.severity !== 'info'), ms: performance.now() - started };
}

async function main(): Promise<void> {
  const checkouts = flag('--checkouts');
  if (!checkouts) throw new Error('usage: npm run replay -- --checkouts DIR (one git directory per repository, named owner+name)');
  const only = flag('--repo');
  const recordTo = flag('--record');
  const list = (JSON.parse(readFileSync(flag('--list') ?? path.join(__dirname, 'commits.json'), 'utf8')) as ReplayCommit[]).filter((commit) => (!only || commit.repo === only) && (!recordTo || commit.recorded));
  const byCheck = new Map<string, Tally>();
  const byRepository = new Map<string, Row>();
  const byFormat = new Map<string, Row>();
  const recorder = recordTo ? new Recorder() : undefined;
  let blockedCommits = 0;
  const slowest = { ms: 0, mark: '' };
  // `--dump FILE`: every blocking finding of every entry, to label them.
  const dumped: { repo: string; sha: string; probe: boolean; blocking: Pick<Finding, 'check' | 'file' | 'message'>[] }[] = [];
  const content = { blocking: 0, right: 0 };
  for (const commit of list) {
    const { findings, ms } = await reviewCommit(checkouts, commit, recorder);
    const blocking = findings.filter((found) => found.blocking);
    dumped.push({ repo: commit.repo, sha: commit.sha, probe: commit.probe === true, blocking: blocking.map(({ check, file, message }) => ({ check, file, message })) });
    const row = byRepository.get(commit.repo) ?? emptyRow();
    if (blocking.length > 0) blockedCommits++;
    for (const found of blocking) {
      const right = commit.expect.some((expected) => matches(found, expected));
      add(byCheck, found.check, right);
      if (CONTENT.test(found.check)) {
        content.blocking++;
        if (right) content.right++;
      }
    }
    score(row, commit, blocking);
    if (commit.format) {
      const formatRow = byFormat.get(commit.format) ?? emptyRow();
      score(formatRow, commit, blocking);
      byFormat.set(commit.format, formatRow);
    }
    byRepository.set(commit.repo, row);
    const mark = `${commit.repo}@${commit.sha.slice(0, 10)}${commit.probe ? '+probe' : commit.mutate ? '+mutation' : ''}`;
    if (!commit.probe && !commit.mutate && ms > slowest.ms) Object.assign(slowest, { ms, mark });
    console.log(`${mark.padEnd(44)} ${commit.kind.padEnd(12)} ${String(blocking.length).padStart(6)} blocking ${ms.toFixed(0).padStart(6)} ms`);
    if (process.argv.includes('--verbose')) {
      for (const found of [...blocking.slice(0, 8), ...findings.filter((other) => !other.blocking).slice(0, 8)]) {
        console.log(`    ${found.blocking ? 'blocker' : 'warning'} ${found.check} ${found.file}:${found.line} ${found.message.slice(0, 160)}`);
      }
    }
  }
  const dump = flag('--dump');
  if (dump) writeFileSync(dump, `${JSON.stringify(dumped, null, 1)}\n`);
  if (recordTo && recorder) writeFileSync(recordTo, recorder.gzipped());
  console.log(`\n${list.length} commits, ${blockedCommits} blocked by a content check`);
  console.log('check                          blocking   right  precision');
  for (const [check, tally] of [...byCheck].sort()) {
    console.log(`${check.padEnd(30)} ${String(tally.blocking).padStart(8)} ${String(tally.right).padStart(7)}  ${percent(tally).padStart(9)}`);
  }
  const all = [...byCheck.values()].reduce((sum, tally) => ({ blocking: sum.blocking + tally.blocking, right: sum.right + tally.right }), { blocking: 0, right: 0 });
  console.log(`${'all counted checks'.padEnd(30)} ${String(all.blocking).padStart(8)} ${String(all.right).padStart(7)}  ${percent(all).padStart(9)}`);
  console.log(`${'content checks (all but zone)'.padEnd(30)} ${String(content.blocking).padStart(8)} ${String(content.right).padStart(7)}  ${percent(content).padStart(9)}`);
  console.log(`slowest review of a real commit: ${slowest.ms.toFixed(0)} ms (${slowest.mark})`);
  console.log('\n| application | commits and probes | blocking findings right / all | benign edits blocked | true positives caught |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [repo, row] of byRepository) {
    console.log(`| ${repo} | ${row.commits} | ${row.right} / ${row.blocking} | ${row.benignBlocked} of ${row.benignProbes} | ${row.caught} of ${row.labelled} |`);
  }
  if (byFormat.size > 0) {
    console.log('\n| format | commits and probes | blocking findings right / all | benign edits blocked | true violations caught |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const [format, row] of byFormat) {
      console.log(`| ${format} | ${row.commits} | ${row.right} / ${row.blocking} | ${row.benignBlocked} of ${row.benignProbes} | ${row.caught} of ${row.labelled} |`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
