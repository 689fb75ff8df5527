import { PLANNING_FILE_NAME } from '../defaults';
import type { ZoneAnswer } from '../policy/zoneModel';

// Kept free of parsers: the editor validates the folder as it is typed,
// before the core is loaded.

/**
 * Why a new planning doc may not go in `folder`, or undefined when it may: a
 * planning doc goes only where its author may edit it (a pilot's own feature
 * folder, or wherever CLAUDE.md lets PMs edit it), never where the first
 * thing the review says is "outside the PM zone".
 */
export function planningFolderRefusal(folder: string, zoneOf: (path: string) => ZoneAnswer, policyFile: string): string | undefined {
  const doc = folder ? `${folder}/${PLANNING_FILE_NAME}` : PLANNING_FILE_NAME;
  const { zone } = zoneOf(doc);
  if (zone === 'locked') return `${doc} would be in the engineering zone: PMs may not edit there. Choose one of your feature folders.`;
  if (zone === 'outside') return `${doc} would be outside the PM zone: a planning doc goes in one of your feature folders (the pilot PMs table of ${policyFile}).`;
  return undefined;
}
