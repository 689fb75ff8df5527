import { createHash } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CODEOWNERS_LOCATIONS, INSTRUCTION_FILES } from '../defaults';
import type { HeadCommit } from '../git/headTrees';
import { Git } from '../git/runGit';
import { workingTreeFiles } from '../git/workingTree';
import { zoneCandidates } from '../repository/zoneLocation';
import type { PolicySources } from '../repository/repositoryPolicy';
import type { PolicySettings } from '../repository/settings';
import type { RepositoryLocation } from './repositoryLocation';

// The parsed policy, kept in the git folder between hook runs: a hook runs
// on every tool call, and parsing CLAUDE.md loads the markdown parser. The
// key is the content of the files the parse starts from, as they are on
// disk now (committed or not), where each resolves to, the settings that
// choose them and the version of PM Zone; beside it, the content and real
// path of every policy file the parse went on to find (a link's target, a
// file imported with @path, and what that one imports). A changed byte or a
// re-pointed link in any of them is a miss, so a cached answer can never
// outlive the rules it came from. The last commit's policy is kept in a file
// of its own, keyed the same way by the ids of the blobs the commit holds at
// those paths (a blob id is its content's hash): a commit that changed no
// policy file keeps the cache warm, one that changed any of them misses.
// Each of those entries also names the commit it was last found good for: a
// commit's files never change (its id is the hash of its tree), so while
// HEAD stays there the entry holds without asking git for the blob ids again.
// After a commit, the guard has them from the git process that asked which
// commit HEAD is at (git/headTrees.ts), which then also read the trees of
// the policy files' folders: no git process is added for them.
// The parsed policy is stored with its digest, and one whose digest does not
// match is parsed again: a cache edited by hand cannot switch the guard off.

const CACHE_FORMAT = 4;
export const POLICY_CACHE_FILE = path.join('pm-zone', 'guard-policy.json');
export const COMMITTED_POLICY_CACHE_FILE = path.join('pm-zone', 'guard-policy-commit.json');
/** The command line's (`whoami`, `explain`, `review`): a file of its own, as its stamp differs from the guard's. */
export const CLI_POLICY_CACHE_FILE = path.join('pm-zone', 'cli-policy.json');
/** The command line's copy of a commit's policy (`review`: the merge base's, or HEAD's): the guard's would be overwritten in turn. */
export const CLI_COMMITTED_POLICY_CACHE_FILE = path.join('pm-zone', 'cli-policy-commit.json');

/**
 * Where the policy is read from: the files on disk now, or one commit's, read
 * through git's object store. A commit may come with what it holds at the
 * paths it was read with (git/headTrees.ts), so that no other git process
 * need list them.
 */
export type PolicySource = { kind: 'working-tree' } | { kind: 'commit'; commit: string; listed?: HeadCommit['listed'] };

export interface CacheStamp {
  /** PM Zone's version, and anything else that changes how policy is parsed (a rebuilt bundle). */
  program: string;
  /** The working tree's cache file in the git folder, for a program other than the guard (default POLICY_CACHE_FILE). */
  file?: string;
  /** A commit's cache file in the git folder, for a program other than the guard (default COMMITTED_POLICY_CACHE_FILE). */
  commitFile?: string;
}

/**
 * What a read of the policy needs. `codeowners: false` (`whoami`): CODEOWNERS
 * is not parsed on a miss, the entry then kept is marked as such and serves
 * only reads like it, and a full entry serves it without its CODEOWNERS, so
 * that the answer is the one an uncached read gives.
 */
export interface CacheReading {
  codeowners?: boolean;
}

export async function cachedPolicySources(
  location: RepositoryLocation,
  settings: PolicySettings,
  stamp: CacheStamp,
  parse: () => Promise<PolicySources>,
  source: PolicySource = { kind: 'working-tree' },
  reading: CacheReading = {},
): Promise<PolicySources> {
  const fromCommit = source.kind === 'commit';
  const partial = reading.codeowners === false;
  const file = path.join(location.gitDir, fromCommit ? (stamp.commitFile ?? COMMITTED_POLICY_CACHE_FILE) : (stamp.file ?? POLICY_CACHE_FILE));
  const cached = await fs.readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as CacheEntry, () => undefined)
    .catch(() => undefined);
  // An entry read without CODEOWNERS serves only a read without it; its digest says which it is.
  const usable = (entry: CacheEntry | undefined): entry is CacheEntry & { sources: PolicySources } =>
    entry?.sources?.policyFiles !== undefined && (partial || !entry.partial) && entry.digest === digestOf(entry.sources, entry.partial === true);
  // The same commit as the entry was last found good for: its files are the ones the entry was checked against.
  const at = fromCommit ? atCommit(location, settings, stamp, source.commit) : undefined;
  if (at !== undefined && cached?.at === at && usable(cached)) return partial ? withoutCodeowners(cached.sources) : cached.sources;
  // The commit's blob ids at the files the parse starts from and those the entry's parse went on to read: as read with HEAD, else with one git process.
  const starting = fromCommit ? startingFiles(settings) : [];
  const listed = fromCommit ? await listedAt(location.root, source, [...new Set([...starting, ...(usable(cached) ? entryPaths(cached.sources) : [])])]) : undefined;
  const key = fromCommit
    ? hash([CACHE_FORMAT, stamp.program, location.root, chosenSettings(settings), listedFor(listed!, starting, source.commit)])
    : await policyKey(location.root, settings, stamp);
  // Each file the parse went on to read is checked again: on disk, or in the commit by its blob id.
  const found = async (sources: PolicySources, ids = listed) => hash(fromCommit ? listedFor(ids!, entryPaths(sources), source.commit) : await fileParts(location.root, entryPaths(sources)));
  if (cached?.key === key && usable(cached) && cached.found === (await found(cached.sources))) {
    // Found good for this commit too: the next decision at it asks git nothing.
    if (at !== undefined && cached.at !== at) await storeCacheFile(file, JSON.stringify({ ...cached, at })).catch(() => undefined);
    return partial ? withoutCodeowners(cached.sources) : cached.sources;
  }
  const sources = await parse();
  const foundNow = fromCommit ? await found(sources, await listedAt(location.root, source, entryPaths(sources))) : await found(sources);
  await storeCacheFile(file, JSON.stringify({ key, found: foundNow, digest: digestOf(sources, partial), sources, ...(partial ? { partial } : {}), ...(at !== undefined ? { at } : {}) })).catch(() => undefined);
  return sources;
}

/** A cache file as read: anything, until each part is checked. */
interface CacheEntry {
  key?: string;
  found?: string;
  digest?: string;
  sources?: PolicySources;
  partial?: boolean;
  /** For the last commit's policy: the commit (with the program and settings) the entry was last found good for. */
  at?: string;
}

function digestOf(sources: PolicySources, partial: boolean): string {
  return partial ? hash([sources, 'without CODEOWNERS']) : hash(sources);
}

function withoutCodeowners({ codeowners: _codeowners, codeownersProblem: _problem, ...sources }: PolicySources): PolicySources {
  return sources;
}

/** The files the parse starts from (the zone's file, or every file it may be in; every CODEOWNERS location of the flavour), each by real path and content, with the settings. */
export async function policyKey(root: string, settings: PolicySettings, stamp: CacheStamp): Promise<string> {
  const zoneFiles = settings.policyFile ? [settings.policyFile, ...INSTRUCTION_FILES] : await zoneCandidates(workingTreeFiles(root));
  const files = [...zoneFiles, ...CODEOWNERS_LOCATIONS[settings.codeownersFlavor]];
  return hash([CACHE_FORMAT, stamp.program, root, chosenSettings(settings), await fileParts(root, files)]);
}

/** A commit's files the parse starts from, by name: a file one of them imports is checked by the parse's own list (`found`). */
function startingFiles(settings: PolicySettings): string[] {
  return [...new Set([...(settings.policyFile ? [settings.policyFile] : []), ...INSTRUCTION_FILES, ...CODEOWNERS_LOCATIONS[settings.codeownersFlavor]])];
}

/**
 * What a decision may need listed of the last commit's policy, read before
 * HEAD is asked so that the same git process reads it: the files the parse
 * starts from and those the kept entry's parse went on to read, unless the
 * entry was last found good for `hint` (the commit HEAD seems to be at),
 * when nothing need be listed. Only which trees git reads depends on this,
 * so anything is taken: the entry itself is checked where it is used.
 */
export function committedPolicyPaths(location: RepositoryLocation, settings: PolicySettings, stamp: CacheStamp, hint: string | undefined): string[] {
  const file = path.join(location.gitDir, stamp.commitFile ?? COMMITTED_POLICY_CACHE_FILE);
  const entry = readEntry(file);
  if (hint !== undefined && entry?.at === atCommit(location, settings, stamp, hint)) return [];
  const files: unknown[] = Array.isArray(entry?.sources?.policyFiles) ? entry.sources.policyFiles : [];
  const kept = files.map((file) => (typeof file === 'string' ? file : (file as { path?: unknown } | null)?.path)).filter((relPath) => typeof relPath === 'string');
  return [...new Set([...startingFiles(settings), ...kept.slice(0, MAX_LISTED_PATHS)])];
}

/** A cache file read at once (a few KB, before git is started); undefined when it cannot be read as JSON. */
function readEntry(file: string): CacheEntry | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CacheEntry;
  } catch {
    return undefined;
  }
}

function atCommit(location: RepositoryLocation, settings: PolicySettings, stamp: CacheStamp, commit: string): string {
  return hash([CACHE_FORMAT, stamp.program, location.root, chosenSettings(settings), commit]);
}

/** More paths than any policy reads: a longer list in a cache file is not asked of git. */
const MAX_LISTED_PATHS = 200;

/** What the commit holds at each path: from what was read with HEAD when that covers them, else one `git ls-tree`. */
async function listedAt(root: string, source: Extract<PolicySource, { kind: 'commit' }>, files: readonly string[]): Promise<Map<string, string> | undefined> {
  return source.listed?.(files) ?? blobIds(root, source.commit, files);
}

/**
 * What `commit` holds at each path, read with one `git ls-tree` (its mode,
 * type and blob id); undefined when git cannot list them. `-t` shows a
 * folder's own entry even when another path makes git go into it, so what
 * each path reads does not depend on the other paths listed with it.
 */
async function blobIds(root: string, commit: string, files: readonly string[]): Promise<Map<string, string> | undefined> {
  if (files.length === 0) return new Map();
  return new Git(root).exec(['ls-tree', '-z', '-t', '--full-tree', commit, '--', ...files]).then(
    (result) => new Map(result.stdout.toString('utf8').split('\0').filter(Boolean).map((line) => {
      const tab = line.indexOf('\t');
      return [line.slice(tab + 1), line.slice(0, tab)] as const;
    })),
    () => undefined,
  );
}

/** The blob id at each of `files` (null where the commit holds none); when git could not list them, the commit's own id, so the cache holds for that commit alone. */
function listedFor(listed: Map<string, string> | undefined, files: readonly string[], commit: string): unknown[] {
  return listed ? files.map((file) => [file, listed.get(file) ?? null]) : [commit];
}

function chosenSettings(settings: PolicySettings): unknown[] {
  return [settings.policyFile, settings.skillFile, settings.planningTemplate ?? null, settings.codeownersFlavor];
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

function entryPaths(sources: PolicySources): string[] {
  return sources.policyFiles.map((entry) => (typeof entry === 'string' ? entry : entry.path));
}

async function fileParts(root: string, files: readonly string[]): Promise<unknown[]> {
  return Promise.all(files.map(async (relPath) => {
    const absolute = path.join(root, ...relPath.split('/'));
    const [real, content] = await Promise.all([fs.realpath(absolute).catch(() => null), fs.readFile(absolute).catch(() => null)]);
    return [relPath, real, content === null ? null : createHash('sha256').update(content).digest('hex')];
  }));
}

/** Written whole and renamed into place: a concurrent hook reads the old cache or the new one, never half of one. */
export async function storeCacheFile(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, text, 'utf8');
  await fs.rename(temporary, file).catch(async (error: unknown) => {
    await fs.rm(temporary, { force: true });
    throw error;
  });
}
