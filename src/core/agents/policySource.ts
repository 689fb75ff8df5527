import { commitFiles } from '../git/commitFiles';
import { Git } from '../git/runGit';
import { workingTreeFiles } from '../git/workingTree';
import type { FileSource } from '../types';
import type { PolicySource } from './policyCache';

/** The files a policy source reads: the working tree as it is, or one commit through git's object store. */
export function policySourceFiles(root: string, source: PolicySource): FileSource {
  return source.kind === 'commit' ? commitFiles(new Git(root), source.commit) : workingTreeFiles(root);
}
