import type * as vscode from 'vscode';
import type { Git } from '../../core/git';
import { setting } from '../config';

/** The branch pull requests go into: `pmZone.review.base`, else the remote's default branch, else `main`. */
export async function baseBranchOf(root: vscode.Uri, git: Git): Promise<string | undefined> {
  const { defaultBaseBranch } = await import('../../core/git/index.js');
  return setting('review.base', root).trim() || (await defaultBaseBranch(git)) || undefined;
}
