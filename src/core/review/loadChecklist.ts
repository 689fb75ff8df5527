import type { FileSource } from '../types';
import { builtInChecklist, parseSkillFile, type Checklist } from './checklist';

/** The repository's PM PR Review skill file, or the built-in checklist when it has none. */
export async function loadChecklist(files: FileSource, skillFile: string): Promise<Checklist> {
  const text = await files.readText(skillFile);
  return text === undefined ? builtInChecklist() : parseSkillFile(text, skillFile);
}
