// Small pieces of GitHub markdown. Paths and messages come from the
// repository, so they are quoted in a way no character in them can break out
// of: a code span whose fence is longer than any backtick run inside, table
// cells with their pipes escaped.

import type { RemoteRepository } from '../../git/remote';

/** `text` as inline code, whatever backticks it holds. */
export { inlineCode as code } from '../../text/markdown';

/** One line of prose from a finding or a policy: no line breaks, no HTML tags. */
export function inline(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').replace(/</g, '&lt;').trim();
}

/** A table cell: inline, with its pipes escaped (also inside code spans, as GitHub requires). */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/**
 * The address of a file on a branch: `https://HOST/OWNER/REPO/blob/BRANCH/PATH`,
 * each segment of the branch and the path encoded (a branch `alice/copy`
 * keeps its slash, a `#` or a space does not break the link).
 */
export function blobUrl(remote: RemoteRepository, branch: string, path: string): string {
  const segments = (text: string) => text.split('/').filter((segment) => segment !== '').map(encodeURIComponent).join('/');
  return `https://${remote.host}/${segments(remote.owner)}/${encodeURIComponent(remote.repo)}/blob/${segments(branch)}/${segments(path)}`;
}

/** "1 file", "2 files". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
