import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Git } from '../git';
import { ignoredFiles } from '../git/ignored';
import { workingTreeListing } from '../git/repository';
import { checkIgnorePath, isNormalRelativePath, literalPathspecs } from '../git/pathspec';
import { AGENT_CONFIG_FILES, GUARD_LAUNCHER } from '../agents/configPaths';
import type { Problem } from '../types';
import type { RepositoryPolicy } from './assemble';

/** Which of `paths` are index entries, each asked literally; undefined when git could not say (not a repository, git missing, a path it refuses). */
export type TrackedAmong = (paths: readonly string[]) => Promise<Set<string> | undefined>;

/** TrackedAmong as one `git ls-files --cached` of the paths asked, or from the working tree's listing a Git that lives for one command reads once. */
export function trackedAmong(git: Git): TrackedAmong {
  return async (paths) => {
    // A path git would refuse (outside the repository, `..` on the way) is asked of git, which then says nothing.
    const shared = paths.every(isNormalRelativePath) ? await workingTreeListing(git)?.catch(() => undefined) : undefined;
    if (shared) return new Set(paths.filter((file) => shared.tracked.has(file)));
    const listed = await git.exec(['ls-files', '-z', '--cached', '--', ...literalPathspecs(paths)]).catch(() => undefined);
    if (!listed) return undefined;
    const asked = new Set(paths);
    return new Set(listed.stdout.toString('utf8').split('\0').filter((file) => asked.has(file)));
  };
}

/**
 * TrackedAmong for several questions about paths of `superset`: git is asked
 * for all of them once, on the first question (check-config asks of the
 * policy files, then of the guard files). A path is an index entry or not
 * whatever else is asked with it, so each answer is the one its own question
 * would get. A question with a path outside `superset`, and every question
 * when git cannot answer for the whole set (a path it refuses), is asked on
 * its own, as before.
 */
export function trackedAmongOnce(git: Git, superset: readonly string[]): TrackedAmong {
  const own = trackedAmong(git);
  const known = new Set(superset);
  let all: Promise<Set<string> | undefined> | undefined;
  return async (paths) => {
    if (paths.length > 0 && paths.every((file) => known.has(file))) {
      const found = await (all ??= own([...known]));
      if (found) return new Set(paths.filter((file) => found.has(file)));
    }
    return own(paths);
  };
}

/** The policy files untrackedPolicyProblems asks about, where they are on disk. */
export function policyFileCandidates(policy: RepositoryPolicy): string[] {
  return [...new Set([policy.zone.file, policy.codeowners?.file, policy.settings.skillFile, policy.settings.planningTemplate])]
    .filter((path): path is string => typeof path === 'string' && path !== '');
}

/** The guard files guardFileProblems asks about for `files`, where they are on disk: the launcher goes with them. */
export function guardFileCandidates(files: readonly string[]): string[] {
  return files.length === 0 ? [] : [...new Set([GUARD_LAUNCHER, ...files])];
}

/**
 * A policy file on disk that git does not track (a real repository's
 * `.gitignore` ignores CLAUDE.md) holds rules that exist only on this
 * machine: reviewers, CI and every other PM see none of them. Said once per
 * file, on its first line, with what to do.
 */
export async function untrackedPolicyProblems(
  policy: RepositoryPolicy,
  git: Git,
  exists: (path: string) => Promise<boolean>,
  trackedOf: TrackedAmong = trackedAmong(git),
): Promise<Problem[]> {
  const candidates = policyFileCandidates(policy);
  const present = (await Promise.all(candidates.map(async (path) => ((await exists(path)) ? path : undefined)))).filter((path): path is string => path !== undefined);
  if (present.length === 0) return [];
  // Without a working git (not a repository, git missing) nothing can be said about tracking: no problem is made up.
  const tracked = await trackedOf(present);
  if (!tracked) return [];
  const problems: Problem[] = [];
  for (const path of present.filter((candidate) => !tracked.has(candidate))) {
    const ignored = (await git.exec(['check-ignore', '--quiet', '--no-index', '--', checkIgnorePath(path)], { okExitCodes: [1] }).catch(() => undefined))?.exitCode === 0;
    problems.push({
      file: path,
      line: 1,
      column: 1,
      severity: 'warning',
      kind: 'untracked-policy-file',
      message: `${path} is not tracked by git${ignored ? ' (.gitignore ignores it)' : ''}: its rules exist only on this machine, and reviewers, CI and other PMs do not see them. Ask engineering to commit it${ignored ? ` (git add -f ${path})` : ''}.`,
    });
  }
  return problems;
}

/**
 * The coding agents' guard files (the launcher, each agent's hook
 * settings) that git does not carry: ignored ones are errors, with the lines
 * that let git carry them (the guard never reaches another clone); ones not
 * committed yet are warnings. `files` names the guard files to check; the
 * launcher goes with them.
 */
export async function guardFileProblems(git: Git, root: string, files: readonly string[], trackedOf: TrackedAmong = trackedAmong(git)): Promise<Problem[]> {
  const named = guardFileCandidates(files);
  const present = (await Promise.all(named.map(async (file) => ((await fs.lstat(path.join(root, ...file.split('/'))).then(() => true, () => false)) ? file : undefined)))).filter((file): file is string => file !== undefined);
  if (present.length === 0) return [];
  const tracked = await trackedOf(present);
  if (!tracked) return [];
  const untracked = present.filter((file) => !tracked.has(file));
  const ignored = new Map((await ignoredFiles(git, untracked)).map((entry) => [entry.file, entry]));
  return untracked.map((file): Problem => {
    const entry = ignored.get(file);
    return entry
      ? { file, line: 1, column: 1, severity: 'error', kind: 'ignored-guard-file', message: `git ignores ${file} (${entry.rule}), so the coding agents' guard never reaches another clone: add to the end of ${entry.gitignore}: ${entry.lines.join(' ')} (pm-zone agents init --unignore adds them), then commit it.` }
      : { file, line: 1, column: 1, severity: 'warning', kind: 'untracked-guard-file', message: `${file} is not committed: the coding agents' guard runs on this clone only until it is.` };
  });
}

/** Every guard file present in the repository: what check-config asks git about. */
export async function presentGuardFiles(root: string): Promise<string[]> {
  const present = await Promise.all(AGENT_CONFIG_FILES.map(async (file) => ((await fs.lstat(path.join(root, ...file.split('/'))).then(() => true, () => false)) ? file : undefined)));
  return present.filter((file): file is string => file !== undefined && file !== GUARD_LAUNCHER);
}
