import type { Zone } from '../types';
import type { ZoneAnswer } from '../policy';

// Names no glob in a policy plausibly spells out, so only wildcards match them.
const PROBE = '\u2063pm-zone-probe\u2063';

/**
 * A folder is locked as a whole when any file at any depth inside it would be
 * locked by an engineering-only glob. Two probe files, one direct child and one
 * nested, stand in for "any file": a glob that locks both through wildcards
 * (`**\/auth/**`, `.github/workflows/**`) covers everything inside. Other
 * zones are never claimed for a folder: its files can differ.
 */
export function folderZone(path: string, policyFile: string, zoneOf: (path: string) => ZoneAnswer): Zone | undefined {
  const folder = path.replace(/\/+$/, '');
  if (folder === '') return undefined;
  const direct = zoneOf(`${folder}/${PROBE}`);
  const nested = zoneOf(`${folder}/${PROBE}/${PROBE}`);
  const lockedByGlob = (answer: ZoneAnswer) => answer.zone === 'locked' && answer.reasons.some((reason) => reason.source === policyFile);
  return lockedByGlob(direct) && lockedByGlob(nested) ? 'locked' : undefined;
}
