import * as path from 'node:path';
import { findRepository, storeCacheFile, textChecksum } from '../core/agents';
import { checksumHolds } from '../core/git/checkedState';
import { regularFileJsonRead } from '../core/git/regularFile';
import { BUILTIN_CHECKLIST_MARKDOWN, parseSkillFile, type Checklist } from '../core/review';
import type { FileSource } from '../core/types';
import { cacheStamp } from './repositoryContext';

/**
 * The parsed skill file, kept in the git folder beside the parsed policy:
 * parsing it loads the markdown parser, a sixth of a small review's CPU, for
 * a file that changes a few times a year. A repository without one is
 * reviewed with the built-in checklist, kept the same way. The key is the skill file's path,
 * its whole text and the build (cacheStamp), kept as they are and compared
 * whole, so any changed byte parses it again; the checklist is kept with its
 * checksum, and one that does not match (a cache damaged or cut short) is
 * parsed again; once it has held, the file's state is kept beside it and
 * a review that finds it in that state takes it unchecked (checksumHolds).
 * Nothing is hashed: a review that finds its checklist kept loads neither
 * node's crypto module nor its zlib one.
 */
const CHECKLIST_CACHE_FILE = path.join('pm-zone', 'cli-checklist.json');
const CACHE_FORMAT = 2;

/**
 * What loadChecklist answers for `skillFile` in `files`, parsed only when the cache in the git folder does not hold it;
 * `startedMs`, when this process began (a record written since has not settled, and its state is not kept).
 */
export async function cachedChecklist(root: string, files: FileSource, skillFile: string, startedMs?: number): Promise<Checklist> {
  const own = await files.readText(skillFile);
  // What builtInChecklist() parses.
  const [text, source] = own === undefined ? [BUILTIN_CHECKLIST_MARKDOWN, 'built-in'] : [own, skillFile];
  const location = await findRepository(root);
  // Where git and the folders disagree (GIT_DIR set, say), nothing is kept.
  if (location?.root !== root) return parseSkillFile(text, source);
  const file = path.join(location.gitDir, CHECKLIST_CACHE_FILE);
  const key = JSON.stringify([CACHE_FORMAT, cacheStamp(), source, text]);
  const read = regularFileJsonRead(file);
  const cached = read?.value as { key?: string; checksum?: string; checklist?: Checklist } | null | undefined;
  if (read && cached?.key === key && cached.checklist && checksumHolds(file, read.stats, () => cached.checksum === textChecksum(JSON.stringify(cached.checklist)), startedMs)) return cached.checklist;
  const checklist = parseSkillFile(text, source);
  await storeCacheFile(file, JSON.stringify({ key, checksum: textChecksum(JSON.stringify(checklist)), checklist })).catch(() => undefined);
  return checklist;
}
