// The problems of the PM PR Review skill file, which `pm-zone check-config`
// reports with the other policy files' problems, read without the review's
// checks: which checks an item stands for and the always-on items PM Zone
// adds change no problem, so the reader is given the checks' names alone
// (review/checkIds.ts). The registry would load every check's code, and
// check-config runs from a small bundle of its own (dist/config.js). A
// domain apart from the review and the repository: dist/zone.js reads the
// repository's domain and must not carry the YAML parser this one needs.
import type { Problem } from './types';
import { CHECK_IDS } from './review/checkIds';
import type * as Reader from './review/checklist/readSkillFile';

/** parseSkillFile(text, file).problems of the review, without its registry. */
export function skillFileProblems(text: string, file: string): Problem[] {
  // Required here, not imported: check-config answered from its cache (src/cli/skillFileCache.ts) never evaluates the
  // YAML parser the front matter is read with, nor the markdown parser (text/markdown.ts requires it on first use).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const { readSkillFile } = require('./review/checklist/readSkillFile') as typeof Reader;
  return readSkillFile(text, file, { ids: CHECK_IDS, forText: () => [], alwaysOn: [] }).problems;
}
