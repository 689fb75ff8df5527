// Pushing the branch before the pull request is opened. It runs as the PM's
// own `git push` would: their pre-push hooks run (the team's controls apply
// to PMs too) and their transport settings (SSH command, askpass) are kept.
// Nothing git prints is shown as is: a remote URL may carry credentials.

import { GitError, headSha, remoteUrl, resolveCommit, type Git } from '../../git';

export interface PushResult {
  /** False when the remote already had the branch at this commit. */
  pushed: boolean;
  remote: string;
  branch: string;
}

/** The user's variables that say how git reaches a remote; every other GIT_* variable stays out. */
const TRANSPORT_VARIABLES = ['GIT_SSH_COMMAND', 'GIT_SSH', 'GIT_SSH_VARIANT', 'GIT_ASKPASS', 'GIT_PROXY_COMMAND', 'GIT_SSL_CAINFO', 'GIT_SSL_CAPATH'];

/** The environment overrides a Git made for pushing should carry (see `new Git(cwd, { env })`). */
export function pushEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(TRANSPORT_VARIABLES.filter((name) => env[name]).map((name) => [name, env[name] as string]));
}

/**
 * What a push names for `branch`: the branch by its full name, to the branch
 * of the same name. A bare name is git's to read as any ref, and where a tag
 * has the branch's name git refuses it ("src refspec … matches more than
 * one"); the upstream is still set for the branch.
 */
export function branchRefspec(branch: string): string {
  return `refs/heads/${branch}:refs/heads/${branch}`;
}

/** `git push --set-upstream REMOTE refs/heads/BRANCH:refs/heads/BRANCH`, unless the remote-tracking branch already points at HEAD. */
export async function pushBranch(git: Git, branch: string, remote = 'origin'): Promise<PushResult> {
  if (!/^[^-\s][^\s]*$/.test(branch) || remote.startsWith('-')) throw new GitError('failed', `'${branch}' cannot be pushed: it is not a branch name.`);
  if ((await remoteUrl(git, remote)) === null) {
    throw new GitError('failed', `There is no git remote named ${remote} to push ${branch} to: add the GitHub repository as ${remote} first.`);
  }
  const [head, tracked] = await Promise.all([headSha(git), resolveCommit(git, `refs/remotes/${remote}/${branch}`)]);
  if (head !== null && head === tracked) return { pushed: false, remote, branch };
  try {
    await git.exec(['push', '--set-upstream', remote, branchRefspec(branch)], { keepHooksPath: true });
  } catch (error) {
    if (!(error instanceof GitError) || error.kind === 'not-installed') throw error;
    // Rebuilt rather than passed on: git's message and stderr may name a URL with credentials.
    throw new GitError('failed', `Pushing ${branch} to ${remote} failed: ${pushFailure(error.details.stderr ?? error.message)}`);
  }
  return { pushed: true, remote, branch };
}

/** What went wrong, in words a PM can act on; git's own line, credentials removed, when nothing better fits. */
export function pushFailure(stderr: string): string {
  if (/\[rejected\]|non-fast-forward|fetch first/i.test(stderr)) {
    return 'the branch on the remote has commits this one does not have: bring them in first (git pull --rebase), then try again.';
  }
  // Git found nothing, or more than one ref, to push by that name: nothing ran, no hook either.
  const refspec = /^error: (src refspec .*(?:matches more than one|does not match any))\.?$/im.exec(stderr);
  if (refspec) return `git could not tell what to push (${withoutCredentials(refspec[1]!.trim())}).`;
  if (/failed to push some refs/i.test(stderr)) {
    // No ref was rejected: something before the transfer stopped it, usually a pre-push hook, whose own words are the rest.
    const said = stderr.split(/\r?\n/).map((text) => text.trim()).filter((text) => text !== '' && !/^(?:error|hint|fatal):|^To /i.test(text));
    const reason = said.slice(0, 3).join(' ');
    return `the push was stopped before reaching the remote (a pre-push hook?)${reason ? `: ${withoutCredentials(reason)}` : ''}.`;
  }
  if (/authentication failed|could not read (?:username|password)|permission denied|returned error: 40[13]/i.test(stderr)) {
    return 'git could not sign in to the remote: check your git credentials (or SSH key), then try again.';
  }
  if (/could not resolve host|unable to access|connection (?:refused|timed out)|network is unreachable/i.test(stderr)) {
    return 'the remote cannot be reached: check the network or VPN, then try again.';
  }
  const line = stderr.split(/\r?\n/).map((text) => text.trim()).find((text) => /^(?:fatal|error|remote):/i.test(text)) ?? stderr.trim().split(/\r?\n/)[0] ?? '';
  return `${withoutCredentials(line.replace(/^(?:fatal|error):\s*/i, '')) || 'git gave no reason'}.`;
}

/** `https://user:secret@host/…` → `https://***@host/…`. */
export function withoutCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
}
