// Replacing PULL_REQUEST.md with a newly composed draft without losing what
// a person wrote. PM Zone remembers the exact text it last wrote; a draft
// that differs from it (edited by hand, in the editor or anywhere) and was
// not sent is copied aside under a name no earlier copy has, so however
// often the PM recomposes while GitHub is unreachable, each edited draft
// survives. A draft nobody touched is simply replaced: composing it again
// gives it back.

import { parseDraft } from './draft';
import { DRAFT_FILE_NAME, PREVIOUS_DRAFT_FILE_NAME, WRITTEN_MARKER_FILE_NAME } from './draftLocation';

/** The draft folder (`.git/pm-zone/`), as each front end reads and writes it. */
export interface DraftFolder {
  read(name: string): Promise<string | undefined>;
  write(name: string, text: string): Promise<void>;
}

export interface ReplacedDraft {
  /** The file name the earlier, hand-edited draft was kept under. */
  keptAs?: string;
}

export async function replaceDraft(folder: DraftFolder, next: string): Promise<ReplacedDraft> {
  const [previous, written] = await Promise.all([folder.read(DRAFT_FILE_NAME), folder.read(WRITTEN_MARKER_FILE_NAME)]);
  let keptAs: string | undefined;
  if (previous !== undefined && previous !== next && previous !== written && !wasSent(previous)) {
    keptAs = await freeName(folder);
    await folder.write(keptAs, previous);
  }
  await folder.write(DRAFT_FILE_NAME, next);
  await folder.write(WRITTEN_MARKER_FILE_NAME, next);
  return keptAs ? { keptAs } : {};
}

function wasSent(text: string): boolean {
  const reading = parseDraft(text);
  return reading.ok && reading.draft.sent !== undefined;
}

/** `PULL_REQUEST.previous.md`, else `PULL_REQUEST.previous-2.md`, `-3`…: never an existing copy. */
async function freeName(folder: DraftFolder): Promise<string> {
  for (let n = 1; ; n++) {
    const name = n === 1 ? PREVIOUS_DRAFT_FILE_NAME : PREVIOUS_DRAFT_FILE_NAME.replace(/\.md$/, `-${n}.md`);
    if ((await folder.read(name)) === undefined) return name;
  }
}
