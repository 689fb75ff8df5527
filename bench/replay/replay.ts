// Replays the whole review over real commits of public repositories and
// prints, per check, how many blocking findings it gave and how many of them
// were right (precision), and how many labelled breakages it caught (recall).
//
//   npm run replay -- --checkouts DIR [--list bench/replay/commits.json] [--verbose]
//
// DIR holds one git directory per repository, named `owner+name` (a clone,
// or a bare copy: only objects are read, never a work tree). Each commit is
// reviewed as its own change (parent → commit), with the PM zone of
// `zones/<owner+name>.md` as CLAUDE.md, the repository's files at that
// commit for every other read, and `git grep` at that commit for uses of
// removed keys. A `mutate` entry applies a breakage to the commit's version
// of one file first: a labelled breakage written into real files.
//
// Needs network only to get the checkouts; not part of `npm test`.

import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as gitCore from '../../src/core/git';
import { parseZonePolicy } from '../../src/core/policy';
import { buildRepositoryPolicy } from '../../src/core/repository';
import { DEFAULT_SETTINGS } from '../../src/core/repository/settings';
import { loadChecklist, reviewChange, type Change } from '../../src/core/review';
import type { Finding, FileSource } from '../../src/core/types';

interface Expected {
  check: string;
  file: string;
  /** A word of the message that names the string or event (`label.page-of`). */
  mentions?: string;
}

interface ReplayCommit {
  repo: string;
  sha: string;
  /** What the commit is, for people reading the list. */
  kind: string;
  mutate?: { file: string; from: string; to: string };
  /** The blocking findings a careful reviewer would want; anything else that blocks is wrong. */
  expect: Expected[];
}

/** Content checks: the zone, planning, size and AI checks are about the repository's rules, not the change's content. */
const COUNTED = /^(?:i18n|analytics|prompts|flags|security)\./;

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** The commit's change, with the replay's mutation (a secret planted, a string broken) applied to one file. */
async function replayedChange(git: gitCore.Git, sha: string, mutate: ReplayCommit['mutate']): Promise<Change> {
  const change = await gitCore.commitChange(git, sha);
  if (mutate) {
    const file = change.files.find((candidate) => candidate.path === mutate.file);
    if (!file?.newText?.includes(mutate.from)) throw new Error(`${sha}: ${mutate.file} has no ${JSON.stringify(mutate.from)}`);
    file.newText = file.newText.replace(mutate.from, mutate.to);
  }
  return change;
}

/** The repository as it is at `sha`, with the replay's CLAUDE.md and the change's (mutated) files. */
function filesAt(git: gitCore.Git, sha: string, zone: string, change: Change): FileSource {
  const changed = new Map(change.files.map((file) => [file.path, file.newText]));
  return {
    async readText(relPath) {
      if (relPath === 'CLAUDE.md') return zone;
      if (changed.has(relPath)) return changed.get(relPath);
      return (await gitCore.readBlobs(git, [`${sha}:${relPath}`])).get(`${sha}:${relPath}`)?.text;
    },
    async listDirectory(relDir) {
      const listing = await git.exec(['ls-tree', '-z', '--name-only', `${sha}:${relDir}`], { okExitCodes: [128] });
      if (listing.exitCode !== 0) return undefined;
      return listing.stdout.toString('utf8').split('\0').filter((name) => name !== '');
    },
  };
}

function matches(found: Finding, expected: Expected): boolean {
  return found.check === expected.check && found.file === expected.file && (expected.mentions === undefined || found.message.includes(expected.mentions));
}

interface Tally {
  blocking: number;
  right: number;
}

async function main(): Promise<void> {
  const checkouts = flag('--checkouts');
  if (!checkouts) throw new Error('usage: npm run replay -- --checkouts DIR (one git directory per repository, named owner+name)');
  const list: ReplayCommit[] = JSON.parse(readFileSync(flag('--list') ?? path.join(__dirname, 'commits.json'), 'utf8'));
  const tallies = new Map<string, Tally>();
  let labelled = 0;
  let caught = 0;
  let blockedCommits = 0;
  for (const commit of list) {
    const folder = path.join(checkouts, commit.repo.replace('/', '+'));
    const gitDir = existsSync(path.join(folder, 'repo')) ? path.join(folder, 'repo') : folder;
    const git = new gitCore.Git(gitDir);
    const zone = readFileSync(path.join(__dirname, 'zones', `${commit.repo.replace('/', '+')}.md`), 'utf8');
    const change = await replayedChange(git, commit.sha, commit.mutate);
    const files = filesAt(git, commit.sha, zone, change);
    const policy = buildRepositoryPolicy(DEFAULT_SETTINGS, parseZonePolicy(zone, 'CLAUDE.md'), undefined);
    const checklist = await loadChecklist(files, DEFAULT_SETTINGS.skillFile);
    // `gitTextSearch` is looked up, not imported, so the same script replays versions that lack it.
    const search = (gitCore as { gitTextSearch?: (git: gitCore.Git, options: { revision: string }) => unknown }).gitTextSearch?.(git, { revision: commit.sha });
    const input = { change, policy, checklist, files, options: { maxFiles: 10, maxLines: 300 }, ...(search ? { search } : {}) } as Parameters<typeof reviewChange>[0];
    const { result } = await reviewChange(input);
    const blocking = result.findings.filter((found) => found.blocking && COUNTED.test(found.check));
    if (blocking.length > 0) blockedCommits++;
    for (const found of blocking) {
      const tally = tallies.get(found.check) ?? { blocking: 0, right: 0 };
      tally.blocking++;
      if (commit.expect.some((expected) => matches(found, expected))) tally.right++;
      tallies.set(found.check, tally);
    }
    labelled += commit.expect.length;
    caught += commit.expect.filter((expected) => blocking.some((found) => matches(found, expected))).length;
    const mark = `${commit.repo}@${commit.sha.slice(0, 10)}${commit.mutate ? '+mutation' : ''}`;
    console.log(`${mark.padEnd(44)} ${commit.kind.padEnd(12)} ${String(blocking.length).padStart(6)} blocking`);
    if (process.argv.includes('--verbose')) for (const found of blocking.slice(0, 8)) console.log(`    ${found.check} ${found.file}:${found.line} ${found.message.slice(0, 160)}`);
  }
  console.log(`\n${list.length} commits, ${blockedCommits} blocked by a content check`);
  console.log('check                          blocking   right  precision');
  for (const [check, tally] of [...tallies].sort()) {
    console.log(`${check.padEnd(30)} ${String(tally.blocking).padStart(8)} ${String(tally.right).padStart(7)}  ${((100 * tally.right) / tally.blocking).toFixed(0).padStart(8)}%`);
  }
  const all = [...tallies.values()].reduce((sum, tally) => ({ blocking: sum.blocking + tally.blocking, right: sum.right + tally.right }), { blocking: 0, right: 0 });
  console.log(`${'all content checks'.padEnd(30)} ${String(all.blocking).padStart(8)} ${String(all.right).padStart(7)}  ${all.blocking ? ((100 * all.right) / all.blocking).toFixed(0).padStart(8) : '       –'}%`);
  console.log(`recall: ${caught} of ${labelled} labelled breakages blocked`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
