import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Git } from '../git';
import { ignoredFiles } from '../git/ignored';
import { AGENT_CONFIG_FILES, GUARD_LAUNCHER } from '../agents/configPaths';
import type { Problem } from '../types';
import type { RepositoryPolicy } from './assemble';

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
): Promise<Problem[]> {
  const candidates = [...new Set([policy.zone.file, policy.codeowners?.file, policy.settings.skillFile, policy.settings.planningTemplate])]
    .filter((path): path is string => typeof path === 'string' && path !== '');
  const present = (await Promise.all(candidates.map(async (path) => ((await exists(path)) ? path : undefined)))).filter((path): path is string => path !== undefined);
  if (present.length === 0) return [];
  // Without a working git (not a repository, git missing) nothing can be said about tracking: no problem is made up.
  const listed = await git.exec(['ls-files', '-z', '--cached', '--', ...present.map((path) => `:(literal)${path}`)]).catch(() => undefined);
  if (!listed) return [];
  const tracked = new Set(listed.stdout.toString('utf8').split('\0').filter(Boolean));
  const problems: Problem[] = [];
  for (const path of present.filter((candidate) => !tracked.has(candidate))) {
    const ignored = (await git.exec(['check-ignore', '--quiet', '--no-index', '--', path], { okExitCodes: [1] }).catch(() => undefined))?.exitCode === 0;
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
export async function guardFileProblems(git: Git, root: string, files: readonly string[]): Promise<Problem[]> {
  const named = files.length === 0 ? [] : [...new Set([GUARD_LAUNCHER, ...files])];
  const present = (await Promise.all(named.map(async (file) => ((await fs.lstat(path.join(root, ...file.split('/'))).then(() => true, () => false)) ? file : undefined)))).filter((file): file is string => file !== undefined);
  if (present.length === 0) return [];
  const listed = await git.exec(['ls-files', '-z', '--cached', '--', ...present.map((file) => `:(literal)${file}`)]).catch(() => undefined);
  if (!listed) return [];
  const tracked = new Set(listed.stdout.toString('utf8').split('\0').filter(Boolean));
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
