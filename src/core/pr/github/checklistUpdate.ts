// The pull request's checklist kept true after it is sent: once the PM pushes
// more commits to it, the description's "PM PR Review checklist" section is
// rewritten with the review of what the pull request now holds. Only that
// section: the rest of the description (the PM's own words, an edit made on
// github.com) stays as GitHub has it.

import { CHECKLIST_HEADING, STATUS_MARKS } from '../compose/checklistSection';
import { connect } from './connection';
import { toGitHubError, unreadableReply } from './errors';
import type { GitHubOptions } from './types';

/** `updated`: the section changed and was written; `unchanged`: it already said this; `no-section`: the description has no checklist (its author took it out), left alone. */
export type ChecklistUpdate = 'updated' | 'unchanged' | 'no-section';

/** The lines of `body`'s checklist section, from its heading to the next `##` heading or the footer's rule; undefined when there is none. */
export function checklistSectionOf(body: string): { start: number; end: number } | undefined {
  const lines = body.split('\n').map((line) => line.replace(/\r$/, ''));
  const start = lines.findIndex((line) => line.trimEnd() === `## ${CHECKLIST_HEADING}`);
  if (start < 0) return undefined;
  const after = lines.slice(start + 1).findIndex((line) => /^##\s/.test(line) || /^---\s*$/.test(line));
  return { start, end: after < 0 ? lines.length : start + 1 + after };
}

/**
 * `current` with its checklist section replaced by `composed`'s (the body
 * the composer writes now), a manual item `current` has ticked still ticked;
 * undefined when either has none. Line endings stay `current`'s: GitHub
 * answers a description edited on the web with CRLF.
 */
export function withChecklistFrom(current: string, composed: string): string | undefined {
  const here = checklistSectionOf(current);
  const there = checklistSectionOf(composed);
  if (!here || !there) return undefined;
  const crlf = current.includes('\r\n');
  const lines = current.split('\n').map((line) => line.replace(/\r$/, ''));
  const fresh = composed.split('\n').map((line) => line.replace(/\r$/, '')).slice(there.start, there.end);
  // The blank line before the next section is the section's own.
  while (fresh.length > 1 && fresh.at(-1) === '') fresh.pop();
  const kept = lines.slice(here.start, here.end);
  // A box the author ticked stays ticked: the command line is not given the editor's ticks again.
  const ticked = new Set(kept.flatMap((line) => (line.startsWith(`- ${STATUS_MARKS['manual-ticked']} `) ? [line.slice(4)] : [])));
  const open = `- ${STATUS_MARKS['manual-open']} `;
  for (const [index, line] of fresh.entries()) if (line.startsWith(open) && ticked.has(line.slice(open.length))) fresh[index] = `- ${STATUS_MARKS['manual-ticked']} ${line.slice(open.length)}`;
  const trailing = kept.length - kept.map((line) => line === '').lastIndexOf(false) - 1;
  const replaced = [...lines.slice(0, here.start), ...fresh, ...Array<string>(Math.max(0, trailing)).fill(''), ...lines.slice(here.end)];
  return replaced.join(crlf ? '\r\n' : '\n');
}

/**
 * Rewrites the checklist section of pull request `number` with the one of
 * `composedBody`, when it says something else. GitHub's refusal throws a
 * `GitHubError`: the pull request itself is unchanged then.
 */
export async function updatePullRequestChecklist(owner: string, repo: string, number: number, composedBody: string, options: GitHubOptions): Promise<ChecklistUpdate> {
  const github = connect(options);
  const reading = github.context('read the pull request', `${owner}/${repo}`);
  let pull: { body?: unknown };
  try {
    pull = (await github.octokit.rest.pulls.get({ owner, repo, pull_number: number })).data as { body?: unknown };
  } catch (error) {
    throw toGitHubError(error, reading);
  }
  if (typeof pull !== 'object' || pull === null || (pull.body !== null && typeof pull.body !== 'string')) throw unreadableReply(reading, 200);
  const current = typeof pull.body === 'string' ? pull.body : '';
  const body = withChecklistFrom(current, composedBody);
  if (body === undefined) return 'no-section';
  if (body === current) return 'unchanged';
  try {
    await github.octokit.rest.pulls.update({ owner, repo, pull_number: number, body });
  } catch (error) {
    throw toGitHubError(error, github.context('update the pull request', `${owner}/${repo}`));
  }
  return 'updated';
}
