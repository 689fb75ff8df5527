import { commitFiles } from '../git/commitFiles';
import type { Git } from '../git/runGit';
import type { FileSource } from '../types';
import { loadRepositoryPolicy, type RepositoryPolicy } from './repositoryPolicy';

/** A policy with the files it was read from. */
export interface PolicyAt {
  policy: RepositoryPolicy;
  files: FileSource;
}

/**
 * The rules a review holds a change to: the commit it is compared with (the
 * merge base, or HEAD for staged changes), read from git's objects as the CI
 * gate reads them. The working tree's copy (`current`) is the one a change
 * could widen unseen: left unstaged beside the commit, or checked out through
 * a `.gitattributes` encoding that garbles it. It holds only where the commit
 * defines no PM zone yet (a repository adopting PM Zone before committing it).
 */
export async function committedPolicy(git: Git | undefined, commit: string | null | undefined, current: PolicyAt): Promise<PolicyAt> {
  if (!git || !commit) return current;
  const files = commitFiles(git, commit);
  const policy = await loadRepositoryPolicy(files, current.policy.settings);
  return policy.zone.defined ? { policy, files } : current;
}
