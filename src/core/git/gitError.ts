export type GitErrorKind =
  | 'not-installed'
  | 'not-a-repository'
  | 'no-commits'
  | 'detached-head'
  | 'unknown-revision'
  | 'failed';

/** A git failure with a one-line message a PM can act on; `kind` lets callers decide. */
export class GitError extends Error {
  override readonly name = 'GitError';

  constructor(
    readonly kind: GitErrorKind,
    message: string,
    readonly details: { args?: readonly string[]; stderr?: string; exitCode?: number | null } = {},
  ) {
    super(message);
  }
}

export function isGitError(error: unknown, kind?: GitErrorKind): error is GitError {
  // By name too: the editor loads the core in a bundle of its own, so a GitError may come from another copy of this class.
  const gitError = error instanceof GitError || (error instanceof Error && error.name === 'GitError' && typeof (error as { kind?: unknown }).kind === 'string');
  return gitError && (kind === undefined || (error as GitError).kind === kind);
}

/**
 * Turns a failed git run into a GitError. Git runs with LC_ALL=C, so its
 * messages are the English ones matched here.
 */
export function classifyGitFailure(args: readonly string[], stderr: string, exitCode: number | null): GitError {
  const details = { args, stderr, exitCode };
  const fatal = firstFatalLine(stderr);
  if (/not a git repository/i.test(stderr)) {
    return new GitError('not-a-repository', 'This folder is not inside a git repository.', details);
  }
  if (/must be run in a work tree/i.test(stderr)) {
    return new GitError('not-a-repository', 'This repository has no working tree (it is a bare repository).', details);
  }
  if (/detected dubious ownership/i.test(stderr)) {
    return new GitError(
      'failed',
      'git refuses to read this repository because another user owns it (see git config safe.directory).',
      details,
    );
  }
  if (/does not have any commits yet/i.test(stderr)) {
    return new GitError('no-commits', 'This repository has no commits yet: make a first commit, then try again.', details);
  }
  const revision = /ambiguous argument '([^'\n]*)': unknown revision/i.exec(stderr)
    ?? /(?:bad revision|invalid object name|not a valid object name|bad object) '?([^'\s]*)'?/i.exec(stderr);
  if (revision) {
    return new GitError('unknown-revision', `git does not know the revision '${revision[1]}'.`, details);
  }
  return new GitError('failed', `git ${args[0] ?? ''} failed: ${fatal || `exit status ${exitCode}`}`, details);
}

function firstFatalLine(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const fatal = lines.find((line) => /^(fatal|error):/i.test(line)) ?? lines[0] ?? '';
  return fatal.replace(/^(fatal|error):\s*/i, '');
}
