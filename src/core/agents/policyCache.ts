import { closeSync, constants, fstatSync, openSync, promises as fs, readFileSync, readSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parsedText } from '../codeowners/parse';
import { sha256Hex } from '../digest';
import { fromStored, lineAt, storedText, toStored, type TextParts } from '../codeowners/stored-parse';
import { CODEOWNERS_LOCATIONS, INSTRUCTION_FILES } from '../defaults';
import { listedAtCommit, type HeadCommit } from '../git/headTrees';
import { realRepositoryPath } from '../git/linkResolution';
import { literalPathspecs } from '../git/pathspec';
import { Git } from '../git/runGit';
import { fileTextNow, realPathNow, regularFileBytes, regularFileJson, statNow, writeFileWhole } from '../git/regularFile';
import { decodeText } from '../git/textContent';
import { workingTreeFilesRead } from '../git/workingTree';
import { zoneCandidates } from '../repository/zoneLocation';
import { heldEntry, holdEntry, processStartedMs, type HeldFileParts } from './heldEntry';
import type { PolicySources } from '../repository/repositoryPolicy';
import type { PolicySettings } from '../repository/settings';
import type { FileSource } from '../types';
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
// the policy files' folders: no git process is added for them. While the
// git folder's files name that same commit, read as git reads them
// (git/headTrees.ts `headCommitAsGitReads`), the guard does not start git to
// ask which commit HEAD is at (`committedPolicyHeld`).
// The parsed policy is stored with its digest, and one whose digest does not
// match is parsed again: a cache edited by hand cannot switch the guard off.
// CODEOWNERS' text (1.8 MB for a file of 16,000 rules) is not in the entry
// when the working tree's file holds it: the entry names the SHA-256 of that
// file's bytes (under the digest), and the text is decoded from the bytes
// the key reads anyway, once their hash is found equal. An entry whose bytes
// are not on disk any more (the last commit's, after CODEOWNERS was edited
// and not committed) is a miss, and the entry then written holds the text.
// A working tree's entry found good by content is then held by the state of
// each of those files (heldEntry.ts): while none changed, it is read without
// reading, hashing or digesting any of them. Where CODEOWNERS' bytes are its
// characters (ASCII, no byte order mark: `byteForCharacter`, under the
// digest), a command or a decision then reads only the lines its lookups
// try, at their offsets in the text (`heldTextParts`), and so does the last
// commit's entry when it names the same bytes.

const CACHE_FORMAT = 7;
export const POLICY_CACHE_FILE = path.join('pm-zone', 'guard-policy.json');
export const COMMITTED_POLICY_CACHE_FILE = path.join('pm-zone', 'guard-policy-commit.json');
/** The command line's (`whoami`, `explain`, `review`): a file of its own, as its stamp differs from the guard's. */
export const CLI_POLICY_CACHE_FILE = path.join('pm-zone', 'cli-policy.json');
/** The editor's (the VS Code extension's first badges): a file of its own, stamped by the extension's build. */
export const EDITOR_POLICY_CACHE_FILE = path.join('pm-zone', 'editor-policy.json');
/** The command line's copy of a commit's policy (`review`: the merge base's, or HEAD's): the guard's would be overwritten in turn. */
export const CLI_COMMITTED_POLICY_CACHE_FILE = path.join('pm-zone', 'cli-policy-commit.json');

/**
 * Where the policy is read from: the files on disk now, or one commit's, read
 * through git's object store. A commit may come with what it holds at the
 * paths it was read with (git/headTrees.ts), so that no other git process
 * need list them; `plain`: git named it as HEAD's commit when the git
 * folder's files named the same with no object replaced, so it is a commit
 * object itself (the entry then serves `committedPolicyHeld`).
 */
export type PolicySource = { kind: 'working-tree' } | { kind: 'commit'; commit: string; listed?: HeadCommit['listed']; plain?: boolean; git?: Git };

export interface CacheStamp {
  /** PM Zone's version, and anything else that changes how policy is parsed (a rebuilt bundle). */
  program: string;
  /** The working tree's cache file in the git folder, for a program other than the guard (default POLICY_CACHE_FILE). */
  file?: string;
  /** A commit's cache file in the git folder, for a program other than the guard (default COMMITTED_POLICY_CACHE_FILE). */
  commitFile?: string;
}

/**
 * A program's stamp: its name and version, and its build, `identity.json`'s
 * size and time in `folder` (the hashes of every bundle a build writes),
 * else `fallback`'s (outside a build): a rebuilt program of the same version
 * may parse differently, and never reads another build's entry.
 */
export function buildStamp(program: string, folder: string, fallback: string): string {
  const build = statSync(path.join(folder, 'identity.json'), { throwIfNoEntry: false }) ?? statSync(fallback, { throwIfNoEntry: false });
  return `${program} ${build?.size ?? 0}-${build?.mtimeMs ?? 0}`;
}

/**
 * What a read of the policy needs. `codeowners: false` (`whoami`): CODEOWNERS
 * is not parsed on a miss, the entry then kept is marked as such and serves
 * only reads like it, and a full entry serves it without its CODEOWNERS, so
 * that the answer is the one an uncached read gives.
 */
export interface CacheReading {
  codeowners?: boolean;
  /**
   * Whether a repository-relative path has unsaved edits in an editor, whose
   * parse reads the edited text: while any policy file the key or the entry
   * names is unsaved, the policy is parsed as the editor holds it, and that
   * parse is kept nowhere (the working tree's policy only).
   */
  unsaved?: (relPath: string) => boolean;
  /** The clock's milliseconds when the files were first read (a test's, to stand for a wait): by default, the process's start. */
  startedMs?: number;
  /**
   * Whether a held CODEOWNERS whose bytes are its characters is read a line
   * at a time, as lookups ask (`heldTextParts`): for a process that answers
   * and ends (a command, a decision). A line read after the file changed is
   * refused, so the editor, which keeps a policy until it reads it again,
   * reads the file whole.
   */
  readsInParts?: boolean;
  /**
   * Whether a parse of the working tree may be kept, given the content the
   * key and the entry hold of each path they cover (undefined for any other
   * path; null where there is no file), and those paths: false for one that read a file they
   * do not cover, or read another content than they hold (a file that
   * changed while it was parsed), which a later read could not tell.
   */
  keepable?: (sources: PolicySources, heldContent: (relPath: string) => Promise<Buffer | null> | undefined, covered: ReadonlySet<string>) => Promise<boolean>;
}

/**
 * The working tree's files as one decision reads them: the policy of the
 * working tree and the last commit's, read together, share it, so that each
 * file is read and hashed once.
 */
export type PolicyReads = Map<string, Promise<FileRead>>;

export function policyReads(): PolicyReads {
  return new Map();
}

interface FileRead {
  /** What the key holds of the file: its path, real path and content's hash. */
  part: unknown[];
  content: Buffer | null;
}

export async function cachedPolicySources(
  location: RepositoryLocation,
  settings: PolicySettings,
  stamp: CacheStamp,
  parse: () => Promise<PolicySources>,
  source: PolicySource = { kind: 'working-tree' },
  reading: CacheReading = {},
  read: PolicyReads = policyReads(),
): Promise<PolicySources> {
  const fromCommit = source.kind === 'commit';
  const partial = reading.codeowners === false;
  const file = path.join(location.gitDir, fromCommit ? (stamp.commitFile ?? COMMITTED_POLICY_CACHE_FILE) : (stamp.file ?? POLICY_CACHE_FILE));
  // The working tree's entry, while it and every file it was found good for are as they were then (heldEntry.ts): nothing read, hashed or parsed but the entry.
  const heldBase = fromCommit ? undefined : JSON.stringify([CACHE_FORMAT, stamp.program, location.root, chosenSettings(settings)]);
  const held = heldBase === undefined ? undefined : heldEntry(file, location.root, heldBase);
  if (held && !(reading.unsaved !== undefined && held.files.some((relPath) => reading.unsaved!(relPath)))) {
    const entry = decodeEntry(held.text);
    // CODEOWNERS' bytes, when the entry names them, as the held file holds them: the ones the entry was found good for.
    const heldBytes: BytesNamed = async (relPath, sha256, byteForCharacter) => (byteForCharacter && reading.readsInParts ? heldTextParts(location.root, relPath, sha256, held.parts(relPath)) : held.bytes(relPath));
    const sources = entry && (partial || !entry.header.partial) ? await entry.sources(heldBytes, partial, 'held') : undefined;
    if (sources) {
      // Held by the bytes of files written again unchanged: held again for their new states, where they have settled.
      if (held.byBytes) await holdEntry(file, location.root, heldBase!, held.files, reading.startedMs ?? processStartedMs()).catch(() => undefined);
      return sources;
    }
  }
  // The same commit as the entry was last found good for: its files are the ones the entry was checked against.
  const at = fromCommit ? atCommit(location, settings, stamp, source.commit) : undefined;
  const plain = source.kind === 'commit' && source.plain === true;
  if (at !== undefined) {
    // Its header first: where this process parsed the policy of the text it names (the working tree's, not changed since the commit), the entry's text is not read.
    const header = readHeader(file);
    const inProcess = header && header.at === at && (partial || !header.partial) && (!plain || header.plain === true) ? parsedForDigest(header.digest, partial) : undefined;
    const sources = inProcess && (await inProcess);
    if (sources) return sources;
  }
  const cached = decodeEntry(await fileTextNow(file));
  // An entry read without CODEOWNERS serves only a read without it; its digest says which it is. CODEOWNERS' bytes, when the entry names them, as the working tree holds them now.
  const kept = cached && (partial || !cached.header.partial) ? await cached.sources(bytesNamedIn(location.root, read), partial) : undefined;
  if (at !== undefined && kept && cached?.header.at === at) {
    if (plain && cached.header.plain !== true) await storeCacheFile(file, cached.withHeader({ plain })).catch(() => undefined);
    return kept;
  }
  // The commit's blob ids at the files the parse starts from and those the entry's parse went on to read: as read with HEAD, else with one git process.
  const starting = fromCommit ? startingFiles(settings) : [];
  const listed = fromCommit ? await listedAt(location.root, source, [...new Set([...starting, ...(kept ? entryPaths(kept) : [])])]) : undefined;
  // Each file is read and hashed once a call (or a decision), though the key and the check of the entry's files both name it.
  const { key, files: keyFiles } = fromCommit
    ? { key: hash([CACHE_FORMAT, stamp.program, location.root, chosenSettings(settings), listedFor(listed!, starting, source.commit)]), files: starting }
    : await workingTreeKey(location.root, settings, stamp, read);
  // An unsaved policy file: the parse reads it as the editor holds it, and no entry, kept or new, is its answer.
  const unsaved = fromCommit ? undefined : reading.unsaved;
  const anyUnsaved = (paths: readonly string[]) => unsaved !== undefined && paths.some((relPath) => unsaved(relPath));
  if (anyUnsaved(keyFiles)) return parse();
  // Each file the parse went on to read is checked again: on disk, or in the commit by its blob id.
  const found = async (sources: PolicySources, ids = listed) => hash(fromCommit ? listedFor(ids!, entryPaths(sources), source.commit) : await fileParts(location.root, entryPaths(sources), read));
  if (kept && cached?.header.key === key && cached.header.found === (await found(kept))) {
    if (anyUnsaved(entryPaths(kept))) return parse();
    // Found good for this commit too: the next decision at it asks git nothing.
    if (at !== undefined && cached.header.at !== at) await storeCacheFile(file, cached.withHeader({ at, plain: plain || undefined })).catch(() => undefined);
    // Found good for these files by their content: while none of them changes, the next read need not read them.
    if (heldBase !== undefined) await holdEntry(file, location.root, heldBase, [...keyFiles, ...entryPaths(kept)], reading.startedMs ?? processStartedMs()).catch(() => undefined);
    return kept;
  }
  const sources = await parse();
  // A policy file the editor changed while it was parsed counts too.
  if (anyUnsaved([...keyFiles, ...entryPaths(sources)])) return sources;
  if (!fromCommit && reading.keepable) {
    // As the key and the entry read them: the key's files before the parse, the others (imports, a link's target) once, after it.
    const covered = new Set([...keyFiles, ...entryPaths(sources)]);
    const heldContent = (relPath: string) => (covered.has(relPath) ? readOnce(location.root, relPath, read).then((file) => file.content) : undefined);
    if (!(await reading.keepable(sources, heldContent, covered))) return sources;
  }
  const foundNow = fromCommit ? await found(sources, await listedAt(location.root, source, entryPaths(sources))) : await found(sources);
  const bytes = sources.codeowners ? await bytesHolding(location.root, sources.codeowners.file, codeownersText(sources.codeowners), read) : undefined;
  await storeCacheFile(file, encodeEntry({ key, found: foundNow, ...(partial ? { partial } : {}), ...(at !== undefined ? { at } : {}), ...(plain ? { plain } : {}) }, sources, bytes)).catch(() => undefined);
  return sources;
}

function codeownersText(parsed: NonNullable<PolicySources['codeowners']>): string | undefined {
  return parsedText(parsed) ?? storedText(parsed)?.text;
}

/**
 * The hash of the working tree's bytes at `relPath` when they decode to
 * `text` (the parse's): the entry then names them in place of the text.
 * `byteForCharacter`: each byte is the character at its offset (ASCII, no
 * byte order mark), so a held file's line is read at its text's offset.
 */
async function bytesHolding(root: string, relPath: string, text: string | undefined, read: PolicyReads): Promise<{ sha256: string; byteForCharacter: boolean } | undefined> {
  if (text === undefined) return undefined;
  const { part, content } = await readOnce(root, relPath, read);
  if (content === null || typeof part[2] !== 'string' || decodeText(content) !== text) return undefined;
  return { sha256: part[2], byteForCharacter: content.length === text.length && !NOT_ASCII.test(text) };
}

const NOT_ASCII = /[\u0080-\uffff]/;

/**
 * A cache file's fields but the parsed policy, which is written last: the
 * header is read without parsing the policy (megabytes where CODEOWNERS has
 * thousands of rules), and the digest is of the policy's text as written,
 * so checking it does not write the parsed policy out again. JSON writes a
 * `"` inside a string as `\"`, so `,"sources":` can only be that key.
 */
interface CacheHeader {
  key?: string;
  found?: string;
  /** Of the policy's text as written (and whether it was read without CODEOWNERS). */
  digest?: string;
  partial?: boolean;
  /** For the last commit's policy: the commit (with the program and settings) the entry was last found good for. */
  at?: string;
  /** That commit is a commit object itself: git named it as HEAD's when the git folder's files named it too, with no object replaced. */
  plain?: boolean;
  /** The paths of the entry's policy files, for a reader that needs no more of it. */
  files?: unknown;
}

const SOURCES_KEY = ',"sources":';

/** `bytes`: the SHA-256 of the working tree's CODEOWNERS, which decodes to the text of the parse, kept in place of the text. */
function encodeEntry(header: Omit<CacheHeader, 'digest' | 'files'>, sources: PolicySources, bytes?: { sha256: string; byteForCharacter: boolean }): string {
  // CODEOWNERS as its text (or the hash of the file that holds it), not its rules: a lookup reads the text from the bottom, and the rules are parsed only if asked for.
  const sourcesText = JSON.stringify(sources.codeowners ? { ...sources, codeowners: storedWithBytes(toStored(sources.codeowners), bytes) } : sources);
  const head = JSON.stringify({ ...header, digest: digestOf(sourcesText, header.partial === true), files: entryPaths(sources) });
  return `${head.slice(0, -1)}${SOURCES_KEY}${sourcesText}}`;
}

function storedWithBytes(stored: ReturnType<typeof toStored>, bytes: { sha256: string; byteForCharacter: boolean } | undefined): unknown {
  if (bytes === undefined || !('text' in stored)) return stored;
  const { text: _text, ...rest } = stored;
  return { ...rest, bytes: bytes.sha256, ...(bytes.byteForCharacter ? { byteForCharacter: true } : {}) };
}

interface DecodedEntry {
  header: CacheHeader;
  /**
   * The parsed policy, when its digest holds, it parses as one and the
   * CODEOWNERS bytes it names are at hand (`bytesNamed`); parsed once.
   * Without CODEOWNERS (`whoami`), its CODEOWNERS is left out unread.
   * `held`: the entry's text is as it was when its digest was found to hold
   * (heldEntry.ts), which is not computed again.
   */
  sources(bytesNamed: BytesNamed, withoutCodeowners: boolean, held?: 'held'): Promise<PolicySources | undefined>;
  /** The same entry with some header fields changed, its policy's text as it was. */
  withHeader(change: Partial<CacheHeader>): string;
}

/** A cache file as read: anything, until each part is checked. */
function decodeEntry(text: string | undefined): DecodedEntry | undefined {
  const split = text?.indexOf(SOURCES_KEY) ?? -1;
  if (text === undefined || split < 0 || !text.endsWith('}')) return undefined;
  let header: CacheHeader;
  try {
    header = JSON.parse(`${text.slice(0, split)}}`) as CacheHeader;
  } catch {
    return undefined;
  }
  if (!header || typeof header !== 'object') return undefined;
  const sourcesText = text.slice(split + SOURCES_KEY.length, -1);
  const parsed = new Map<boolean, Promise<PolicySources | null>>();
  return {
    header,
    async sources(bytesNamed, withoutCodeowners, held) {
      let read = parsed.get(withoutCodeowners);
      if (!read) {
        read = (async () => {
          // A policy this process parsed from a text of the digest the header names is this entry's policy: its text is neither hashed nor parsed again.
          const inProcess = parsedForDigest(header.digest, withoutCodeowners);
          if (inProcess) return inProcess;
          const digest = held === 'held' && typeof header.digest === 'string' ? header.digest : digestOf(sourcesText, header.partial === true);
          if (header.digest !== digest) return null;
          const kept = withoutCodeowners ? `${digest} without CODEOWNERS` : digest;
          let sources = parsedByDigest.get(kept);
          if (!sources) {
            // Set before it is parsed: the other entry of the same decision, read at the same time, waits for this parse.
            sources = parseSources(sourcesText, bytesNamed, withoutCodeowners);
            if (parsedByDigest.size >= PARSED_KEPT) parsedByDigest.delete(parsedByDigest.keys().next().value as string);
            parsedByDigest.set(kept, sources);
            // One that does not parse (or whose CODEOWNERS bytes are not at hand now) is not kept.
            void sources.then((parsedNow) => {
              if (parsedNow === null && parsedByDigest.get(kept) === sources) parsedByDigest.delete(kept);
            });
          }
          return sources;
        })();
        parsed.set(withoutCodeowners, read);
      }
      return (await read) ?? undefined;
    },
    withHeader: (change) => `${JSON.stringify({ ...header, ...change }).slice(0, -1)}${SOURCES_KEY}${sourcesText}}`,
  };
}

/**
 * The policies parsed in this process, by digest: the working tree's entry
 * and the last commit's usually hold the same text, and where CODEOWNERS has
 * thousands of rules, parsing it twice is most of a decision. Nothing
 * changes a parsed policy once read (a test freezes them and runs the
 * guard's decisions and the command line's reads: `freezeParsedPolicies`).
 */
const parsedByDigest = new Map<string, Promise<PolicySources | null>>();

/**
 * The parse this process holds (or is making) of a policy text whose digest is `digest`, as
 * `withoutCodeowners` reads it; undefined where there is none. An entry's header names the digest
 * of the text written with it, so the parse is the entry's policy whatever its text now reads: a
 * header that could lie could as well carry a text to match it (the git folder's files are trusted
 * as a whole, docs/agents.md), and a text that does not hash to it is a miss only where it is
 * parsed from that text.
 */
function parsedForDigest(digest: unknown, withoutCodeowners: boolean): Promise<PolicySources | null> | undefined {
  return typeof digest === 'string' ? parsedByDigest.get(withoutCodeowners ? `${digest} without CODEOWNERS` : digest) : undefined;
}
/** A process that reads many policies (a test run, say) keeps no more than these. */
const PARSED_KEPT = 4;

let freezeParsed = false;

/** For a test: every policy read from a cache file from now on is frozen, so a change to one throws. */
export function freezeParsedPolicies(on: boolean): void {
  freezeParsed = on;
  parsedByDigest.clear();
}

/** The working tree's bytes at a path when they are the ones the entry names by their SHA-256; null otherwise. */
type BytesNamed = (relPath: string, sha256: string, byteForCharacter: boolean) => Promise<Buffer | TextParts | null>;

/**
 * BytesNamed from the reads the key made: the hash is the one the read took
 * of these very bytes. Or, for bytes that are their text's characters, a
 * file a held entry vouched for with the same hash (`heldTextParts`), while
 * it is still held: the last commit's entry names the working tree's
 * CODEOWNERS too, and reads its lines without reading and hashing it whole.
 */
function bytesNamedIn(root: string, read: PolicyReads): BytesNamed {
  return async (relPath, hash, byteForCharacter) => {
    const vouched = byteForCharacter ? heldTexts.get(path.join(root, relPath)) : undefined;
    if (vouched?.sha256 === hash && vouched.file.held()) return vouched.text;
    if (vouched) heldTexts.delete(path.join(root, relPath));
    const { part, content } = await readOnce(root, relPath, read);
    return content !== null && part[2] === hash ? content : null;
  };
}

/** The files read in parts this process, by their path: a held entry found them to hold the bytes of this hash. */
const heldTexts = new Map<string, { sha256: string; file: HeldFileParts; text: TextParts }>();

/** A held file's text, read a line at a time, when each of its bytes is a character (the entry says so, under its digest); null where it is not held. */
function heldTextParts(root: string, relPath: string, sha256: string, file: HeldFileParts | null): TextParts | null {
  if (!file) return null;
  const text = textInParts(relPath, file);
  heldTexts.set(path.join(root, relPath), { sha256, file, text });
  return text;
}

function textInParts(relPath: string, file: HeldFileParts): TextParts {
  const changed = () => new Error(`${relPath} changed while PM Zone was reading it: run the command again`);
  let whole: string | undefined;
  return {
    lineFrom(start) {
      if (whole !== undefined) return lineAt(whole, start);
      // A line of CODEOWNERS is seldom past 256 bytes; a longer one is read again, four times as far.
      for (let length = 256; ; length *= 4) {
        const bytes = file.read(start, length);
        if (!bytes || bytes.some((byte) => byte > 0x7f)) throw changed();
        const end = bytes.indexOf(0x0a);
        if (end >= 0 || start + bytes.length >= file.size) return bytes.toString('latin1', 0, end < 0 ? bytes.length : end);
      }
    },
    whole() {
      if (whole === undefined) {
        const bytes = file.read(0, file.size);
        const text = bytes === null ? undefined : decodeText(bytes);
        if (text === undefined || text.length !== file.size) throw changed();
        whole = text;
      }
      return whole;
    },
  };
}

async function parseSources(sourcesText: string, bytesNamed: BytesNamed, withoutCodeowners: boolean): Promise<PolicySources | null> {
  try {
    const parsed = JSON.parse(sourcesText) as PolicySources;
    if (!Array.isArray(parsed?.policyFiles)) return null;
    const sources = withoutCodeowners ? withoutCodeownersOf(parsed) : parsed;
    if (sources.codeowners !== undefined) {
      const stored = sources.codeowners as unknown as { file?: unknown; bytes?: unknown; text?: unknown; byteForCharacter?: unknown };
      let parts: TextParts | undefined;
      if (stored.bytes !== undefined) {
        // Named by the hash of the file's bytes (the digest covers the hash): the text is theirs only when the file holds those bytes now.
        if (typeof stored.bytes !== 'string' || typeof stored.file !== 'string' || stored.text !== undefined) return null;
        const content = await bytesNamed(stored.file, stored.bytes, stored.byteForCharacter === true);
        if (content === null) return null;
        if ('lineFrom' in content) {
          parts = content;
        } else {
          const text = decodeText(content);
          if (text === undefined) return null;
          stored.text = text;
        }
        delete stored.bytes;
        delete stored.byteForCharacter;
      }
      const codeowners = fromStored(sources.codeowners, parts);
      if (!codeowners) return null;
      sources.codeowners = codeowners;
    }
    if (freezeParsed) deepFreeze(sources);
    return sources;
  } catch {
    return null;
  }
}

function digestOf(sourcesText: string, partial: boolean): string {
  // The two entries a decision reads usually hold the same text: compared, it is not hashed twice.
  if (lastDigest && lastDigest.partial === partial && lastDigest.text === sourcesText) return lastDigest.digest;
  const digest = sha256Hex(partial ? 'without CODEOWNERS\n' : 'whole\n', sourcesText);
  lastDigest = { text: sourcesText, partial, digest };
  return digest;
}

let lastDigest: { text: string; partial: boolean; digest: string } | undefined;

function withoutCodeownersOf({ codeowners: _codeowners, codeownersProblem: _problem, ...sources }: PolicySources): PolicySources {
  return sources;
}

/** The files the parse starts from (the zone's file, or every file it may be in; every CODEOWNERS location of the flavour), each by real path and content, with the settings. */
export async function policyKey(root: string, settings: PolicySettings, stamp: CacheStamp, read?: PolicyReads): Promise<string> {
  return (await workingTreeKey(root, settings, stamp, read)).key;
}

/** policyKey, with the files it holds. */
async function workingTreeKey(root: string, settings: PolicySettings, stamp: CacheStamp, read: PolicyReads = policyReads()): Promise<{ key: string; files: string[] }> {
  // Where the zone may live, from the same reads as the key's: each instruction file is read once.
  const held = (relPath: string) => readOnce(root, relPath, read).then(({ part, content }) => ({ real: part[1] as string | null, content }));
  const zoneFiles = settings.policyFile ? [settings.policyFile, ...INSTRUCTION_FILES] : await zoneCandidates(workingTreeFilesRead(root, held));
  const files = [...zoneFiles, ...CODEOWNERS_LOCATIONS[settings.codeownersFlavor]];
  return { key: hash([CACHE_FORMAT, stamp.program, root, chosenSettings(settings), await fileParts(root, files, read)]), files };
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
  const entry = readHeader(file);
  if (hint !== undefined && entry?.at === atCommit(location, settings, stamp, hint)) return [];
  const kept = (Array.isArray(entry?.files) ? (entry.files as unknown[]) : []).filter((relPath) => typeof relPath === 'string');
  return [...new Set([...startingFiles(settings), ...kept.slice(0, MAX_LISTED_PATHS)])];
}

/**
 * The last commit's policy as its entry keeps it, when `commit` is the one
 * the entry was last found good for and git named it `plain` (a commit
 * object itself, named as the files named it): for a caller that read
 * `commit` from the git folder as git reads it (`headCommitAsGitReads`),
 * without starting git. A commit's files never change, so the entry holds
 * for it as it held when git named it. Undefined otherwise (a ref holding a
 * tag's id, say, never equals a commit git named): the caller asks git.
 */
export async function committedPolicyHeld(location: RepositoryLocation, settings: PolicySettings, stamp: CacheStamp, commit: string, read: PolicyReads = policyReads()): Promise<PolicySources | undefined> {
  const file = path.join(location.gitDir, stamp.commitFile ?? COMMITTED_POLICY_CACHE_FILE);
  const holds = (header: CacheHeader | undefined): header is CacheHeader => header !== undefined && !header.partial && header.plain === true && header.at === atCommit(location, settings, stamp, commit);
  // Its header first: where the working tree's entry was parsed from the same text (a policy not changed since the commit), the
  // entry's text (megabytes where CODEOWNERS has thousands of rules) is not read.
  const header = readHeader(file);
  if (!holds(header)) return undefined;
  const inProcess = parsedForDigest(header.digest, false);
  if (inProcess) return (await inProcess) ?? undefined;
  const cached = decodeEntry(await fileTextNow(file));
  if (!cached || !holds(cached.header)) return undefined;
  // CODEOWNERS' text, where the entry names its bytes, from the working tree: bytes no longer there are a miss (git is asked).
  return cached.sources(bytesNamedIn(location.root, read), false);
}

/** A cache file's header, read at once (before git is started); undefined when it cannot be read. */
function readHeader(file: string): CacheHeader | undefined {
  let descriptor: number | undefined;
  try {
    // The header is at the start; the policy after it can be megabytes. Opened without waiting for a writer, and read only
    // where it is a regular file: a FIFO in its place would hold the decision until its time limit.
    descriptor = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    if (!fstatSync(descriptor).isFile()) return undefined;
    const start = Buffer.alloc(HEADER_READ_BYTES);
    const text = start.toString('utf8', 0, readSync(descriptor, start, 0, HEADER_READ_BYTES, 0));
    const split = text.indexOf(SOURCES_KEY);
    return decodeEntry(split < 0 ? readFileSync(descriptor, 'utf8') : `${text.slice(0, split + SOURCES_KEY.length)}{}}`)?.header;
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

const HEADER_READ_BYTES = 16 * 1024;

/**
 * The commit an entry was last found good for, with what else it was found good under: compared whole, never
 * hashed, so a review or `whoami` that finds its entry good loads no crypto module (about 4 ms of its start).
 */
function atCommit(location: RepositoryLocation, settings: PolicySettings, stamp: CacheStamp, commit: string): string {
  return JSON.stringify([CACHE_FORMAT, stamp.program, location.root, chosenSettings(settings), commit]);
}

/** More paths than any policy reads: a longer list in a cache file is not asked of git. */
const MAX_LISTED_PATHS = 200;

/**
 * What the commit holds at each path: from what was read with HEAD when that
 * covers them, else from the trees the source's Git reads through the
 * cat-file it keeps (a command's own), else one `git ls-tree`.
 */
async function listedAt(root: string, source: Extract<PolicySource, { kind: 'commit' }>, files: readonly string[]): Promise<Map<string, string> | undefined> {
  const fromTrees = !source.listed && source.git?.keepsProcesses ? await listedAtCommit(source.git, source.commit, files) : undefined;
  return source.listed?.(files) ?? fromTrees ?? blobIds(root, source.commit, files);
}

/**
 * What `commit` holds at each path, read with one `git ls-tree` (its mode,
 * type and blob id); undefined when git cannot list them. `-t` shows a
 * folder's own entry even when another path makes git go into it, so what
 * each path reads does not depend on the other paths listed with it.
 */
async function blobIds(root: string, commit: string, files: readonly string[]): Promise<Map<string, string> | undefined> {
  if (files.length === 0) return new Map();
  return new Git(root).exec(['ls-tree', '-z', '-t', '--full-tree', commit, '--', ...literalPathspecs(files)]).then(
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
  return sha256Hex(JSON.stringify(value));
}

function entryPaths(sources: PolicySources): string[] {
  return sources.policyFiles.map((entry) => (typeof entry === 'string' ? entry : entry.path));
}

async function fileParts(root: string, files: readonly string[], read: PolicyReads = policyReads()): Promise<unknown[]> {
  return Promise.all(files.map(async (relPath) => (await readOnce(root, relPath, read)).part));
}

function readOnce(root: string, relPath: string, read: PolicyReads): Promise<FileRead> {
  let file = read.get(relPath);
  if (!file) {
    file = readFilePart(root, relPath);
    read.set(relPath, file);
  }
  return file;
}

async function readFilePart(root: string, relPath: string): Promise<FileRead> {
  const absolute = path.join(root, ...relPath.split('/'));
  // A decision reads some twenty-five of these, most of them missing: a path with nothing to look at (where opening it and finding its real path would each fail, with an error made for each) is known by one look.
  if (statNow(absolute) === undefined) return { part: [relPath, null, null], content: null };
  // Read at once, not through the thread pool, and only where it is a regular file: anything else (a folder, a FIFO, which
  // a read would wait on for good) has no content, as the parse reads it (workingTree.ts).
  const bytes = regularFileBytes(absolute);
  const content = bytes instanceof Buffer ? bytes : null;
  const real = realPathNow(absolute) ?? null;
  return { part: [relPath, real, content === null ? null : sha256Hex(content), ...(await throughLinks(root, relPath, real))], content };
}

/**
 * Where the parse finds a file reached through a link (linkResolution.ts):
 * two links can lead to one real path, one of them by an absolute target,
 * which the parse reads as a link out of the repository. Read only where the
 * real path is not the path as named: a path with no link on the way is itself.
 */
async function throughLinks(root: string, relPath: string, real: string | null): Promise<unknown[]> {
  if (real === null) return [];
  const realRoot = realPathNow(root);
  if (realRoot !== undefined && real === path.join(realRoot, ...relPath.split('/'))) return [];
  return [await realRepositoryPath(relPath, (linked) => fs.readlink(path.join(root, ...linked.split('/'))).catch(() => undefined))];
}

/**
 * A cache file of the git folder as JSON, read at once where it is a regular
 * file; undefined where it is missing, anything else (a FIFO is never waited
 * on) or not JSON: the caller then works it out again, as for a miss.
 */
export function readCacheFile(file: string): unknown {
  return regularFileJson(file);
}

/**
 * Written whole and renamed into place (writeFileWhole): a concurrent hook
 * reads the old cache or the new one, never half of one. At once, not
 * through node's promises: a cache is a few kilobytes (a megabyte at most),
 * and the thread pool's turns for each step (the folder, the open, the
 * write, the close, the rename) were about 0.035x of the guard's first
 * decision after each commit. The temporary file is made anew, so a FIFO
 * planted at its name cannot hold the thread (and, with it, the decision's
 * own time limit), nor a link send the write out of the git folder.
 */
export async function storeCacheFile(file: string, text: string): Promise<void> {
  writeFileWhole(file, text);
}

function deepFreeze(value: unknown): void {
  if (!value || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
}

/**
 * `files`, noting every path a parse reads through it and what it read:
 * `within` says whether each was held by the cache's key or entry with the
 * very content the parse read (a file that changed while it was parsed is
 * not), each folder a link's resolution asked was on the way to one of them,
 * and nothing was listed. The one check of a working tree's parse, for
 * the command line, the editor and the guard alike (CacheReading.keepable).
 */
export function readsRecorded(files: FileSource): { files: FileSource; within(heldContent: (relPath: string) => Promise<Buffer | null> | undefined, covered: ReadonlySet<string>): Promise<boolean> } {
  // Every read, a path read twice twice: each must read as the cache holds it.
  const texts: [string, Promise<string | undefined>][] = [];
  const sizes: [string, Promise<number | undefined>][] = [];
  const folders = new Set<string>();
  let listed = false;
  const noted = <T>(reads: [string, Promise<T>][], relPath: string, result: Promise<T>): Promise<T> => {
    reads.push([relPath, result.catch(() => Promise.reject(new Error(`${relPath} could not be read`)))]);
    return result;
  };
  const recorded: FileSource = {
    readText: (relPath) => noted(texts, relPath, files.readText(relPath)),
    ...(files.size ? { size: (relPath: string) => noted(sizes, relPath, files.size!(relPath)) } : {}),
    ...(files.linkTarget ? { linkTarget: (relPath: string) => (folders.add(relPath), files.linkTarget!(relPath)) } : {}),
    ...(files.listDirectory ? { listDirectory: (relDir: string) => ((listed = true), files.listDirectory!(relDir)) } : {}),
    ...(files.listFiles ? { listFiles: () => ((listed = true), files.listFiles!()) } : {}),
  };
  const matches = async <T>(reads: [string, Promise<T>][], heldContent: (relPath: string) => Promise<Buffer | null> | undefined, asRead: (content: Buffer | null) => T) => {
    for (const [relPath, read] of reads) {
      const held = heldContent(relPath);
      if (!held) return false;
      const [content, value] = await Promise.all([held, read]);
      if (asRead(content) !== value) return false;
    }
    return true;
  };
  return {
    files: recorded,
    async within(heldContent, covered) {
      if (listed) return false;
      try {
        if (!(await matches(texts, heldContent, (content) => (content === null ? undefined : decodeText(content))))) return false;
        if (!(await matches(sizes, heldContent, (content) => (content === null ? undefined : content.length)))) return false;
      } catch {
        return false;
      }
      // A link's resolution asks each folder on the way to a path it resolves, one the cache holds: where it leads is in the key or the entry.
      const onTheWay = new Set([...covered].flatMap((relPath) => relPath.split('/').map((_, index, parts) => parts.slice(0, index + 1).join('/'))));
      return [...folders].every((relPath) => onTheWay.has(relPath));
    },
  };
}
