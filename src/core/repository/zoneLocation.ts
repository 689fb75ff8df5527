// Where a repository's PM zone lives: the one answer every surface asks (the
// command line, the pre-commit hook, the Action, the coding agents' guard,
// the zone tool and the editor), for the working tree and for a commit's
// tree alike. The zone is in the instruction file the repository keeps
// (CLAUDE.md, AGENTS.md, .github/copilot-instructions.md, GEMINI.md, or a
// file one of them imports with `@path`); `--policy-file` or
// `pmZone.policyFile` names another and wins. Two files holding a zone is
// not guessed between: the answer says so, and the policy read from it lets
// nobody edit anything until one is left.

import { realRepositoryPath } from '../git/linkResolution';
import { DEFAULT_POLICY_FILE, INSTRUCTION_FILES, MAX_POLICY_FILE_BYTES } from '../defaults';
import { importedPaths } from '../policy/imports';
import { locateZoneSection } from '../policy/sectionLocator';
import type { FileSource } from '../types';
import type { PolicySettings } from './settings';

export interface ZoneLocation {
  /**
   * The file the zone is read from, as named (a link is followed when it is
   * read): the file given, the one file holding a zone, or, when none does,
   * the instruction file the repository keeps (where `init` writes it).
   */
  file: string;
  /**
   * - `given`: named by `--policy-file` or `pmZone.policyFile`;
   * - `found`: the one instruction file holding a `## PM zone` section;
   * - `none`: no instruction file holds one;
   * - `ambiguous`: more than one does (`holders` names them; `file` is the first).
   */
  how: 'given' | 'found' | 'none' | 'ambiguous';
  /** Every instruction file that holds a zone (or may: one too large or not text to read), each once however many links lead to it. */
  holders: string[];
}

/** The files looked in, in order: the instruction files, then what each imports (CLAUDE.md's `@AGENTS.md`). */
export async function zoneCandidates(files: FileSource): Promise<string[]> {
  // Read together, so that a commit's files come out of one git process.
  const texts = await Promise.all(INSTRUCTION_FILES.map((file) => readCandidate(files, file)));
  const imported = INSTRUCTION_FILES.flatMap((file, index) => {
    const text = texts[index];
    return typeof text === 'string' ? importedPaths(text, file).filter((path) => path.endsWith('.md')) : [];
  });
  return [...new Set([...INSTRUCTION_FILES, ...imported])];
}

/** Where the zone of the repository `files` reads lives; see ZoneLocation. */
export async function zoneLocation(source: FileSource, settings: Pick<PolicySettings, 'policyFile'>): Promise<ZoneLocation> {
  const files = readOnce(source);
  const candidates = await zoneCandidates(files);
  const reals = await Promise.all(candidates.map((file) => realPathOf(files, file)));
  // Each file once however many links lead to it, under the first name that reaches it.
  const named = new Map<string, string>();
  candidates.forEach((file, index) => {
    const real = reals[index];
    if (real !== undefined && !named.has(real)) named.set(real, file);
  });
  const texts = await Promise.all([...named.keys()].map((real) => readCandidate(files, real)));
  const holders: string[] = [];
  let kept: string | undefined;
  [...named.values()].forEach((file, index) => {
    const text = texts[index];
    if (text === undefined) return;
    kept ??= INSTRUCTION_FILES.includes(file) ? file : undefined;
    if (text === unreadable || locateZoneSection(text, file) !== undefined) holders.push(file);
  });
  if (settings.policyFile) return { file: settings.policyFile, how: 'given', holders };
  if (holders.length === 1) return { file: holders[0], how: 'found', holders };
  if (holders.length > 1) return { file: holders[0], how: 'ambiguous', holders };
  return { file: kept ?? DEFAULT_POLICY_FILE, how: 'none', holders };
}

/** The sentence for a repository whose zone is in two files: both named, and what to do. */
export function ambiguousZoneMessage(holders: readonly string[]): string {
  const named = holders.length === 2 ? `both ${holders[0]} and ${holders[1]}` : `${holders.slice(0, -1).join(', ')} and ${holders[holders.length - 1]}`;
  return `A ## PM zone section is in ${named}, and PM Zone does not guess which one holds the rules: nothing is PM-editable, and every lock of each holds, until one is left. Keep the section in one file (the other can import it with @file), or name the file with --policy-file (the editor: "pmZone.policyFile").`;
}

/**
 * A repository without a zone, in words that say where PM Zone looked: "no
 * ## PM zone section in CLAUDE.md, AGENTS.md, .github/copilot-instructions.md
 * or GEMINI.md", or in the one file named.
 */
export function noZoneWords(policy: { settings: Pick<PolicySettings, 'policyFile'>; zone: { file: string } }, start: 'no' | 'No' = 'no'): string {
  const where = policy.settings.policyFile ? policy.zone.file : `${INSTRUCTION_FILES.slice(0, -1).join(', ')} or ${INSTRUCTION_FILES[INSTRUCTION_FILES.length - 1]}`;
  return `${start} ## PM zone section in ${where}`;
}

const unreadable = Symbol('unreadable');

/** `files` with each answer kept: the candidates are read for their imports, then again for their zones. */
function readOnce(files: FileSource): FileSource {
  const texts = new Map<string, Promise<string | undefined>>();
  const sizes = new Map<string, Promise<number | undefined>>();
  const once = <T>(kept: Map<string, Promise<T>>, path: string, read: () => Promise<T>): Promise<T> => {
    if (!kept.has(path)) kept.set(path, read());
    return kept.get(path) as Promise<T>;
  };
  return {
    ...files,
    readText: (path) => once(texts, path, () => files.readText(path)),
    ...(files.size ? { size: (path: string) => once(sizes, path, () => (files.size as NonNullable<FileSource['size']>)(path)) } : {}),
    ...(files.linkTarget ? { linkTarget: files.linkTarget.bind(files) } : {}),
  };
}

/** A candidate's text; `unreadable` when it is there but too large or not text (it may hold a zone nobody can read). */
async function readCandidate(files: FileSource, path: string): Promise<string | typeof unreadable | undefined> {
  const size = await files.size?.(path);
  if (size !== undefined && size > MAX_POLICY_FILE_BYTES) return unreadable;
  const text = await files.readText(path);
  if (text !== undefined) return text;
  return size === undefined ? undefined : unreadable;
}

async function realPathOf(files: FileSource, path: string): Promise<string | undefined> {
  const linkTarget = files.linkTarget?.bind(files);
  if (!linkTarget) return path;
  const real = await realRepositoryPath(path, linkTarget);
  return real.kind === 'inside' ? real.path : undefined;
}
