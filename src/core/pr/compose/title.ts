import type { PlanningSummary } from '../../planning';
import type { CommitInfo } from '../../review';

/** GitHub refuses longer pull request titles. */
export const MAX_TITLE_LENGTH = 256;

/**
 * The planning doc's title (front matter, else its `#` heading), else the
 * subject of the branch's last commit, else the branch name. A title still
 * holding a template placeholder does not count.
 */
export function composeTitle(summary: PlanningSummary | undefined, commits: readonly CommitInfo[], head: string): string {
  const candidates = [summary?.title, commits.at(-1)?.subject, head];
  const title = candidates.map((candidate) => oneLine(candidate ?? '')).find((candidate) => candidate !== '' && !/\{\{/.test(candidate));
  return shorten(title ?? head, MAX_TITLE_LENGTH);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function shorten(text: string, max: number): string {
  const characters = Array.from(text);
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}
