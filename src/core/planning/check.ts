import type { Pilot, ZonePolicy } from '../policy/model';
import type { Problem } from '../types';
import { checkFlags } from './checkFlags';
import { checkFrontMatter } from './checkFrontMatter';
import { checkPlaceholders } from './checkPlaceholders';
import { checkProtectedData } from './checkProtectedData';
import { checkSections } from './checkSections';
import { checkSignoffs } from './checkSignoffs';
import { templateGuidance } from './content';
import { fieldItems, fieldText, frontMatterField } from './frontMatterFields';
import { isNoFlag } from './noFlag';
import { sameHandle, withAt } from './handles';
import { readPlanningDoc, type PlanningDoc } from './planningDoc';

export interface PlanningCheckOptions {
  /** Repository-relative path of the doc, for the problems. */
  file: string;
  policy: ZonePolicy;
  /** The PM writing the doc, when known; otherwise the doc's `author:` is used. */
  author?: Pilot;
  /** The template the doc was made from, to recognise its unreplaced text; the built-in one by default. */
  templateText?: string;
}

/**
 * Everything the editor shows as the PM writes a PLANNING.md, and what
 * `pm-zone planning check` prints, sorted by position. Takes any text
 * (empty, binary, CRLF, with a BOM) and never throws.
 */
export function checkPlanningDoc(text: string, options: PlanningCheckOptions): Problem[] {
  const { file, policy } = options;
  const doc = readPlanningDoc(text);
  const guidance = templateGuidance(options.templateText);
  const authorHandle = options.author?.handle ?? frontMatterAuthor(doc);
  const pilot = options.author ?? policy.pilots.find((candidate) => sameHandle(candidate.handle, authorHandle));
  const problems = [
    ...checkFrontMatter(doc, file, authorHandle),
    ...checkFlags(doc, file, policy, authorHandle),
    ...checkSections(doc, file, policy.mode, guidance, { noFlag: declaresNoFlag(doc) }),
    ...checkSignoffs(doc, file, policy.mode, { engineeringDri: pilot?.engineeringDri, productDri: pilot?.productDri ?? policy.productDri }, guidance),
    ...(policy.mode === 'regulated' ? checkProtectedData(doc, file, guidance) : []),
    ...checkPlaceholders(doc, file),
  ];
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** `flag: none` in the front matter: a change that needs no flag, and so no rollout plan of one. */
function declaresNoFlag(doc: PlanningDoc): boolean {
  if (!doc.frontMatter?.yaml || doc.frontMatter.yaml.errors.length > 0) return false;
  const field = frontMatterField(doc.frontMatter, 'flag');
  const items = field ? fieldItems(doc.frontMatter, field) : [];
  return items.length > 0 && items.every((item) => isNoFlag(item.text));
}

function frontMatterAuthor(doc: PlanningDoc): string | undefined {
  if (!doc.frontMatter?.yaml || doc.frontMatter.yaml.errors.length > 0) return undefined;
  const author = fieldText(frontMatterField(doc.frontMatter, 'author'));
  return author ? withAt(author) : undefined;
}
