// The skill file's problems as check-config reports them, kept in the git
// folder beside the parsed policy (cli-policy.json): reading the file takes
// the YAML and markdown parsers, a third of the command's own cost, and the
// file seldom changes. The entry is keyed by the file's whole text, its
// path and the program's build, so a hit gives exactly what reading it gives.
// The key is that text itself, not a hash of it: the file is small, and a
// hash would load node's crypto module, which costs more than reading it.
import * as path from 'node:path';
import { findRepository, readCacheFile, storeCacheFile } from '../core/agents';
import { skillFileProblems } from '../core/skillFile';
import type { Problem } from '../core/types';
import { cacheStamp, type RepositoryContext } from './repositoryContext';

/** Where the entry lives in the git folder. */
export const SKILL_FILE_CACHE_FILE = path.join('pm-zone', 'cli-skill-file.json');

/** The skill file's problems; none when the repository has none (the built-in checklist has none). */
export async function cachedSkillFileProblems(context: RepositoryContext): Promise<Problem[]> {
  const file = context.policy.settings.skillFile;
  const text = await context.files.readText(file);
  if (text === undefined) return [];
  const location = context.git ? await findRepository(context.root) : undefined;
  // Where git and the folders disagree (GIT_DIR set, say), nothing is kept.
  if (location?.root !== context.root) return skillFileProblems(text, file);
  const key = JSON.stringify([cacheStamp(), file, text]);
  const cacheFile = path.join(location.gitDir, SKILL_FILE_CACHE_FILE);
  const cached = readCacheFile(cacheFile) as { key?: unknown; problems?: unknown } | null | undefined;
  if (cached?.key === key && Array.isArray(cached.problems)) return cached.problems as Problem[];
  const problems = skillFileProblems(text, file);
  await storeCacheFile(cacheFile, JSON.stringify({ key, problems })).catch(() => undefined);
  return problems;
}
