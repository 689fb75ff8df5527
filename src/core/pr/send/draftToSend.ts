// PULL_REQUEST.md read to be sent, and marked once it was, the same way from
// the editor and the command line: as the PM left it (unsaved edits
// included, where the front end has them), with `draft:` set first when
// asked (`--draft`, `--ready`, "Mark ready and send"), and written back so
// that what is sent is also what is on disk.

import { parseDraft, withField, type PullRequestDraft } from '../draft';
import { DRAFT_FILE_NAME } from '../draftLocation';
import type { DraftFolder } from '../draftStore';

export type DraftToSend =
  | { ok: true; draft: PullRequestDraft }
  /** Nothing composed yet. */
  | { ok: false; reason: 'missing' }
  /** The text does not read as a draft: the line and why. Nothing is sent. */
  | { ok: false; reason: 'unreadable'; line: number; message: string };

export interface DraftToSendOptions {
  /** Sets `draft:` to this before sending. */
  draft?: boolean;
  /** The front end holds edits not on disk yet (an unsaved editor): write the text back even if unchanged here. */
  save?: boolean;
}

export async function readDraftToSend(folder: DraftFolder, options: DraftToSendOptions = {}): Promise<DraftToSend> {
  const stored = await folder.read(DRAFT_FILE_NAME);
  if (stored === undefined) return { ok: false, reason: 'missing' };
  const text = options.draft === undefined ? stored : (withField(stored, 'draft', options.draft) ?? stored);
  const reading = parseDraft(text);
  // The PM's own unsaved edits are kept whatever they say; `draft:` is written only onto a draft that will be sent.
  if (options.save || (reading.ok && text !== stored)) await folder.write(DRAFT_FILE_NAME, reading.ok ? text : stored);
  return reading.ok ? { ok: true, draft: reading.draft } : { ok: false, reason: 'unreadable', line: reading.line, message: reading.message };
}

/** Records on PULL_REQUEST.md where GitHub opened it (`sent:`), so it is not sent twice. */
export async function markDraftSent(folder: DraftFolder, url: string): Promise<void> {
  const marked = withField((await folder.read(DRAFT_FILE_NAME)) ?? '', 'sent', url);
  if (marked) await folder.write(DRAFT_FILE_NAME, marked);
}
