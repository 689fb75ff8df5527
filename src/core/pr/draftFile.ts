// Where PULL_REQUEST.md lives: in the git folder of the working tree
// (`.git/pm-zone/`), so no commit ever picks it up and two worktrees on two
// branches keep two drafts. The editor and the command line read and write
// the same file: a draft composed in one can be sent from the other.

import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Git } from '../git/runGit';
import { parseDraft, renderDraft, type PullRequestDraft } from './draft';
import { DRAFT_FILE_NAME, DRAFT_FOLDER, PREVIOUS_DRAFT_FILE_NAME } from './draftLocation';

export async function draftFilePath(git: Git): Promise<string> {
  const gitFolder = (await git.run(['rev-parse', '--absolute-git-dir'])).trim();
  return path.join(gitFolder, DRAFT_FOLDER, DRAFT_FILE_NAME);
}

/** An unsent draft other than the next one may hold the PM's edits: it is copied aside before it is replaced. */
export function keepsPreviousDraft(previous: string | undefined, next: string): boolean {
  if (previous === undefined || previous === next) return false;
  const reading = parseDraft(previous);
  return !(reading.ok && reading.draft.sent);
}

/** Writes the draft (the command line's way; the editor writes through its documents). */
export async function writeDraftFile(file: string, draft: PullRequestDraft): Promise<{ keptPrevious: boolean }> {
  const text = renderDraft(draft);
  const previous = await fs.readFile(file, 'utf8').catch(() => undefined);
  const keptPrevious = keepsPreviousDraft(previous, text);
  await fs.mkdir(path.dirname(file), { recursive: true });
  if (keptPrevious) await fs.writeFile(path.join(path.dirname(file), PREVIOUS_DRAFT_FILE_NAME), previous as string, 'utf8');
  await fs.writeFile(file, text, 'utf8');
  return { keptPrevious };
}
