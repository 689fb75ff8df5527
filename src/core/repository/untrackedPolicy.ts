import type { Git } from '../git';
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
