// Where PULL_REQUEST.md lives: in the git folder of the working tree
// (`.git/pm-zone/`), so no commit ever picks it up and two worktrees on two
// branches keep two drafts. The editor and the command line read and write
// the same file: a draft composed in one can be sent from the other.

import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { writeRepositoryFile } from '../git/repositoryWrite';
import type { Git } from '../git/runGit';
import { renderDraft, type PullRequestDraft } from './draft';
import { DRAFT_FILE_NAME, DRAFT_FOLDER } from './draftLocation';
import { replaceDraft, type DraftFolder, type ReplacedDraft } from './draftStore';

export async function draftFilePath(git: Git): Promise<string> {
  const gitFolder = (await git.run(['rev-parse', '--absolute-git-dir'])).trim();
  return path.join(gitFolder, DRAFT_FOLDER, DRAFT_FILE_NAME);
}

/** The draft folder on disk (the command line's way; the editor reads PULL_REQUEST.md through its documents). */
export function nodeDraftFolder(draftFile: string): DraftFolder {
  const folder = path.dirname(draftFile);
  const gitFolder = path.dirname(folder);
  return {
    read: (name) => fs.readFile(path.join(folder, name), 'utf8').catch(() => undefined),
    async write(name, text) {
      await writeRepositoryFile(gitFolder, path.relative(gitFolder, path.join(folder, name)), text, { mode: 'replace' });
    },
  };
}

/** Writes a newly composed draft, keeping an earlier hand-edited one aside (see replaceDraft). */
export function writeDraftFile(file: string, draft: PullRequestDraft): Promise<ReplacedDraft> {
  return replaceDraft(nodeDraftFolder(file), renderDraft(draft));
}
