// When the pull request cannot be opened (push refused, GitHub down, no
// permission), the composed text is written inside the repository's git
// folder, where no commit picks it up, so the PM never loses it. The details
// sit in an HTML comment: the whole file can be pasted into GitHub as is.

import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { ComposedPullRequest } from './types';

/** Relative to the git folder (`.git`). */
export const KEPT_PULL_REQUEST_FILE = 'pm-zone/last-pr.md';

export type KeptFields = Pick<ComposedPullRequest, 'title' | 'body' | 'labels' | 'reviewers' | 'draft' | 'base' | 'head'>;

export function keptPullRequestText(composed: KeptFields, reason: string): string {
  const comment = [
    `PM Zone kept this pull request because it could not be opened: ${reason}`,
    `title: ${composed.title}`,
    `base: ${composed.base}`,
    `head: ${composed.head}`,
    `labels: ${composed.labels.join(', ') || '(none)'}`,
    `reviewers: ${composed.reviewers.join(', ') || '(none)'}`,
    `draft: ${composed.draft ? 'yes' : 'no'}`,
  ].map((line) => line.replace(/\r?\n/g, ' ').replace(/--+>/g, '—>'));
  return `<!--\n${comment.join('\n')}\n-->\n${composed.body}`;
}

/** Writes the file and returns its absolute path. */
export async function keepComposedPullRequest(gitDir: string, composed: KeptFields, reason: string): Promise<string> {
  const file = path.join(gitDir, ...KEPT_PULL_REQUEST_FILE.split('/'));
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, keptPullRequestText(composed, reason), 'utf8');
  return file;
}
