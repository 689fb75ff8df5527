// What a tool call writes, file by file, with the zone of each: through
// links, into folders, out of patches, and the writes that are locked for a
// PM's agent whatever the zone says (who git says the user is, the git folder).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Minimatch } from 'minimatch';
import { isWithin } from '../git/folders';
import { statNow } from '../git/regularFile';
import { perTurn } from '../git/perTurn';
import { Git } from '../git/runGit';
import type { ZoneAnswer } from '../policy/zoneModel';
import type { RepositoryPolicy } from '../repository/assemble';
import { zoneThroughLinks } from '../repository/linkedPath';
import { builtInLock, type JudgedWrite } from './decision';
import { installLock } from './guardSwitches';
import { inGitFolder, repositoryWrite, type RepositoryLocation } from './repositoryLocation';
import type { ShellTarget, WriteEffect } from './shellWrites';
import { patchPaths } from './toolWrites';

const IDENTITY_SETTING = "Who git says the user is, which PM Zone reads to know the PM: an agent working for a PM may not change it";
const RUNNING_SETTING = "A git setting that runs a program or skips the hooks (an alias, core.hooksPath, core.fsmonitor, a filter or diff driver): an agent working for a PM may not change it";
const GIT_FOLDER = "The repository's git folder (its history, its config with who the user is, PM Zone's caches): an agent working for a PM may not write there";

/** A folder given as a copy's or move's destination may hold this many tracked files before PM Zone stops listing them. */
const MAX_FILES_UNDER_FOLDER = 5000;
const MAX_PATCH_BYTES = 5 * 1024 * 1024;

/** Each file a target writes, with its zone: through links, into folders, out of patches. */
export class WriteJudge {
  private git: Git | undefined;
  private tracked: Promise<{ all: string[]; byFolder: Map<string, string[]> }> | undefined;
  private staged: Promise<Set<string>> | undefined;

  constructor(private readonly location: RepositoryLocation, private readonly policy: Pick<RepositoryPolicy, 'zoneOf' | 'zoneOfFolder'>) {}

  /** `base`: the folder the tool's relative paths start from. */
  async judge(target: ShellTarget, base: string): Promise<JudgedWrite[]> {
    if (target.setting) {
      const identity = /^git config (user|pmzone|include|includeif)(\.|$)/i.test(target.setting) || target.setting === 'git config --edit';
      return [{ answer: builtInLock(target.setting, identity ? 'git-identity' : 'git-runs', identity ? IDENTITY_SETTING : RUNNING_SETTING), effect: 'write' }];
    }
    if (target.changesOf) return this.judgeChangesOf(target.changesOf, target.effect);
    const absolute = path.resolve(base, target.path);
    if (target.patch) return this.judgePatch(absolute);
    if (await inGitFolder(this.location, absolute)) return [{ answer: this.gitFolderLock(absolute), effect: 'write' }];
    if (target.unnamed !== undefined) return this.judgeUnnamed(target, base);
    const write = await repositoryWrite(this.location, absolute);
    if (!write) return [];
    const install = installLock(write.relPath);
    if (install) return [{ answer: install, effect: 'write' }];
    if (target.glob) return this.withEffects(await this.judgeGlob(write.relPath, target.effect));
    if (target.anyCase) return this.withEffects(await this.judgeAnyCase(write.relPath, target.effect));
    // Looked at at once: every write a decision judges asks.
    const isFolder = /[\\/]$/.test(target.path) || (statNow(absolute)?.isDirectory() ?? false);
    if (target.sources) {
      // `X/.` copies X's files, not X: its dot is gone once resolved.
      const sources = target.sources.map((source) => ({ from: path.resolve(base, source), contents: /(^|[\\/])\.$/.test(source) }));
      const landed = await landings(absolute, isFolder, sources);
      return Promise.all(landed.map(async (file) => ({ answer: await this.zoneAt(file), effect: target.effect })));
    }
    if (isFolder) return this.withEffects(await this.judgeFolder(write.relPath.replace(/\/+$/, ''), target.effect));
    const answer = zoneThroughLinks(this.policy, write.relPath, write.tracked);
    // Whether the last commit has the file is asked of the file the write reaches, through links.
    return [{ answer, effect: await this.effectOf(target.effect, answer, write.tracked.kind === 'linked' ? write.tracked.path : write.relPath) }];
  }

  /** Each file's effect as it lands: a restore from an index that holds the last commit's version is an undo. */
  private withEffects(judged: JudgedWrite[]): Promise<JudgedWrite[]> {
    return Promise.all(judged.map(async (write) => (write.effect === 'restore-index' ? { ...write, effect: await this.effectOf(write.effect, write.answer) } : write)));
  }

  async zoneOf(relPath: string): Promise<ZoneAnswer> {
    return this.zoneAt(path.join(this.location.root, ...relPath.split('/')));
  }

  private async zoneAt(absolute: string): Promise<ZoneAnswer> {
    if (await inGitFolder(this.location, absolute)) return this.gitFolderLock(absolute);
    const write = await repositoryWrite(this.location, absolute);
    // Outside the repository: the zone's own "not in the repository" answer.
    return write ? zoneThroughLinks(this.policy, write.relPath, write.tracked) : this.policy.zoneOf(absolute);
  }

  private gitFolderLock(absolute: string): ZoneAnswer {
    const shown = isWithin(this.location.root, absolute) ? path.relative(this.location.root, absolute).split(path.sep).join('/') : absolute;
    return builtInLock(shown, 'git-folder', GIT_FOLDER);
  }

  /**
   * Removing a file the last commit does not have undoes its creation, and
   * taking a file back from an index that holds the last commit's version
   * undoes an edit: neither is refused.
   */
  private async effectOf(effect: WriteEffect, answer: ZoneAnswer, reached = answer.path): Promise<WriteEffect> {
    if (effect === 'restore-index') return (await this.stagedPaths()).has(reached) ? 'write' : 'restore-head';
    if (effect !== 'delete' || answer.zone === 'editable') return effect;
    if ((await this.inHead(reached)) !== false) return effect;
    // `SRC/AUTH/session.ts` removes src/auth/session.ts on a disk that ignores letter case.
    const lower = reached.toLowerCase();
    return (await this.trackedFiles()).all.some((file) => file.toLowerCase() === lower) ? effect : 'restore-head';
  }

  /** The paths whose staged version differs from the last commit's (every path before the first commit). */
  private stagedPaths(): Promise<Set<string>> {
    this.staged ??= this.gitRunner().run(['diff', '--cached', '--name-only', '--no-renames', '-z', 'HEAD'])
      .then((listing) => new Set(listing.split('\0').filter(Boolean)))
      .catch(async () => new Set((await this.trackedFiles()).all));
    return this.staged;
  }

  /** Whether the last commit has each path, asked of one git process for every path judged together. */
  private readonly inHead = perTurn(async (paths) => {
    // A name with a line break cannot go on a line of its own: it counts as committed, so its removal is judged.
    const asked = paths.filter((relPath) => !/[\r\n]/.test(relPath));
    const output = await this.gitRunner().run(['cat-file', '--batch-check'], { input: asked.map((relPath) => `HEAD:${relPath}\n`).join('') });
    const lines = output.split('\n');
    return new Map(asked.map((relPath, index) => [relPath, !(lines[index] ?? '').endsWith(' missing')]));
  });

  /**
   * The files commits change (`git cherry-pick A B`, `git revert A..B`) or a
   * stash holds, as git lists them; one git cannot read is unnamed.
   */
  private async judgeChangesOf(specs: readonly string[], effect: WriteEffect): Promise<JudgedWrite[]> {
    const judged = await Promise.all(specs.map(async (spec): Promise<JudgedWrite[]> => {
      const stash = spec.startsWith('stash:') ? spec.slice('stash:'.length) : undefined;
      // A revision that reads as an option is not one: git is never handed it.
      if ((stash ?? spec).startsWith('-')) return [{ answer: this.policy.zoneOf('./'), effect, unnamed: spec }];
      const diff = spec.startsWith('diff:') ? spec.slice('diff:'.length).split(' ').filter(Boolean) : undefined;
      if (diff?.some((revision) => revision.startsWith('-'))) return [{ answer: this.policy.zoneOf('./'), effect, unnamed: spec }];
      const args = stash !== undefined
        ? ['stash', 'show', '--include-untracked', '--name-only', '--no-renames', '-z', stash]
        : diff !== undefined
          ? ['diff', '--name-only', '--no-renames', '-z', ...diff, '--']
          : ['log', '--format=', '--name-only', '--no-renames', '-z', ...(spec.includes('..') ? [] : ['--no-walk']), spec, '--'];
      const listed = await this.gitRunner().run(args).catch(() => undefined);
      // With no stash at all, `git stash pop` fails and writes nothing.
      if (listed === undefined && stash !== undefined && !(await this.hasStash())) return [];
      if (listed === undefined) return [{ answer: this.policy.zoneOf('./'), effect, unnamed: stash === undefined ? `the files of \`${spec}\`` : `the files of \`${stash}\`` }];
      const files = [...new Set(listed.split(/[\0\n]/).filter(Boolean))];
      return files.map((file) => ({ answer: this.policy.zoneOf(file), effect }));
    }));
    return judged.flat();
  }

  private async hasStash(): Promise<boolean> {
    return this.gitRunner().run(['rev-parse', '--verify', '--quiet', 'refs/stash']).then(() => true, () => false);
  }

  /**
   * A file only the running command knows: refused when everything in the
   * folder its known part names is locked, else the PM's to decide.
   */
  private async judgeUnnamed(target: ShellTarget, base: string): Promise<JudgedWrite[]> {
    const write = await repositoryWrite(this.location, knownPlace(target, base));
    if (!write) return [];
    const folder = write.relPath.replace(/\/+$/, '');
    const answer = this.policy.zoneOf(folder === '' ? './' : `${folder}/`);
    return this.policy.zoneOfFolder(folder) === 'locked' ? [{ answer, effect: target.effect }] : [{ answer, effect: target.effect, unnamed: target.unnamed }];
  }

  /**
   * A pattern the shell (or find) expands: every tracked file it matches, and
   * every file in a folder it matches; matching none, the folder before its
   * first wildcard, where it would create the file it names.
   */
  private async judgeGlob(relPattern: string, effect: WriteEffect): Promise<JudgedWrite[]> {
    const { all, byFolder } = await this.trackedFiles();
    const matcher = new Minimatch(relPattern, { dot: true });
    const files = new Set<string>();
    for (const [candidate, under] of byFolder) if (candidate !== '' && matcher.match(candidate)) for (const file of under) files.add(file);
    // Removing files the repository does not track (`rm *.tmp`) undoes their creation.
    if (files.size === 0) return effect === 'delete' ? [] : [{ answer: this.policy.zoneOf(`${literalFolder(relPattern)}/`), effect }];
    // A folder holds at most MAX_FILES_UNDER_FOLDER in byFolder: a match beyond is still read from the full list.
    if (files.size >= MAX_FILES_UNDER_FOLDER) for (const file of all) if (matcher.match(file)) files.add(file);
    return [...files].map((file) => ({ answer: this.policy.zoneOf(file), effect }));
  }

  /** A folder removed, moved or written into: every tracked file in it, and the folder itself. */
  private async judgeFolder(relFolder: string, effect: WriteEffect): Promise<JudgedWrite[]> {
    const folderAnswer = { answer: this.policy.zoneOf(relFolder === '' ? './' : `${relFolder}/`), effect };
    const files = (await this.trackedFiles()).byFolder.get(relFolder) ?? [];
    // Removing a folder git tracks nothing in (`rm -rf node_modules`, a build output) changes nothing the repository holds.
    if (effect === 'delete' && files.length === 0) return [];
    return [folderAnswer, ...files.map((file) => ({ answer: this.policy.zoneOf(file), effect }))];
  }

  /** `:(icase)claude.md`: the path as given, and every tracked file, or file in a folder, whose path differs from it only in case. */
  private async judgeAnyCase(relPath: string, effect: WriteEffect): Promise<JudgedWrite[]> {
    const lower = relPath.toLowerCase().replace(/\/+$/, '');
    const matching = (await this.trackedFiles()).all.filter((file) => file.toLowerCase() === lower || file.toLowerCase().startsWith(`${lower}/`));
    return [relPath, ...matching].map((file) => ({ answer: this.policy.zoneOf(file), effect }));
  }

  /** Every tracked file, and those under each folder (up to MAX_FILES_UNDER_FOLDER), from one `git ls-files` however many folders a command names. */
  private trackedFiles(): Promise<{ all: string[]; byFolder: Map<string, string[]> }> {
    this.tracked ??= this.gitRunner().run(['ls-files', '-z']).then((listing) => {
      const all = listing.split('\0').filter(Boolean);
      const byFolder = new Map<string, string[]>();
      for (const file of all) {
        // A file itself too: `git ls-files -- f` lists f.
        for (let folder = file; ; folder = folder.slice(0, Math.max(0, folder.lastIndexOf('/')))) {
          const files = byFolder.get(folder) ?? [];
          if (files.length < MAX_FILES_UNDER_FOLDER) files.push(file);
          byFolder.set(folder, files);
          if (folder === '') break;
        }
      }
      return { all, byFolder };
    });
    return this.tracked;
  }

  /** `git apply` and `patch -i`: the files the patch names, relative to the repository. */
  private async judgePatch(absolute: string): Promise<JudgedWrite[]> {
    const stats = await fs.stat(absolute).catch(() => undefined);
    if (!stats?.isFile() || stats.size > MAX_PATCH_BYTES) return [];
    const text = await fs.readFile(absolute, 'utf8');
    return Promise.all(patchPaths(text).map(async (relPath) => ({ answer: await this.zoneOf(relPath), effect: 'write' as const })));
  }

  private gitRunner(): Git {
    this.git ??= new Git(this.location.root);
    return this.git;
  }
}

/**
 * Where a copy's, move's or link's files land: in a folder destination under
 * their names, else at the destination; a folder copied lands as its files,
 * and `X/.` as X's files directly in the destination.
 */
async function landings(destination: string, isFolder: boolean, sources: readonly { from: string; contents: boolean }[]): Promise<string[]> {
  const landed = await Promise.all(sources.map(async ({ from, contents }) => {
    const named = isFolder && !contents ? path.join(destination, path.basename(from)) : destination;
    const files = await filesUnder(from);
    return files === undefined ? [named] : files.map((file) => path.join(named, file));
  }));
  return landed.flat().slice(0, MAX_FILES_UNDER_FOLDER);
}

/** The files under a folder, relative to it; undefined when it is not a folder. */
async function filesUnder(folder: string): Promise<string[] | undefined> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true }).catch(() => undefined);
  return entries?.filter((entry) => !entry.isDirectory()).map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)));
}

/** Where an unnamed target is known to be: the folder before the first `$`, backquote or wildcard. */
export function knownPlace(target: ShellTarget, base: string): string {
  const known = target.path.split(/[$`*?[\0]/)[0];
  return path.resolve(base, known.slice(0, known.lastIndexOf('/') + 1));
}

/** `src/auth/*.ts` → `src/auth`: the folder before the first wildcard. */
function literalFolder(pattern: string): string {
  const segments = pattern.split('/');
  const first = segments.findIndex((segment) => /[*?[]/.test(segment));
  return segments.slice(0, first < 0 ? segments.length - 1 : first).join('/');
}
