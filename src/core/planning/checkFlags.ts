import { isNoFlag } from './noFlag';
import type { ZonePolicy } from '../policy/model';
import type { Problem } from '../types';
import { fieldItems, frontMatterField } from './frontMatterFields';
import { sameHandle, withAt } from './handles';
import type { PlanningDoc } from './planningDoc';

/**
 * A PM changes only the flags CLAUDE.md says they own. A flag CLAUDE.md does
 * not list at all is taken for a new flag this change introduces: that is
 * information, not an error, and the fix is to list it with its owner. With
 * no author known (no `author:` and none given), ownership is not judged.
 */
export function checkFlags(doc: PlanningDoc, file: string, policy: ZonePolicy, authorHandle: string | undefined): Problem[] {
  const frontMatter = doc.frontMatter;
  if (!policy.defined || !frontMatter?.yaml || frontMatter.yaml.errors.length > 0) return [];
  const field = frontMatterField(frontMatter, 'flag');
  if (!field) return [];
  const problems: Problem[] = [];
  for (const item of fieldItems(frontMatter, field)) {
    if (isNoFlag(item.text)) continue;
    const owners = policy.ownedFlags.filter((owned) => owned.flag === item.text);
    const endColumn = item.end.line === item.start.line ? item.end.column : undefined;
    const at = { file, line: item.start.line, column: item.start.column, endColumn };
    if (owners.length === 0) {
      const owner = authorHandle ? ` with its owner (${withAt(authorHandle)})` : ' with its owner';
      problems.push({
        ...at,
        severity: 'info',
        kind: 'new-flag',
        message: `New flag \`${item.text}\`: it is not in ${policy.file}'s owned flags; ask your engineering DRI to add it there${owner} (PMs do not edit ${policy.file}), so reviews can check who may change it.`,
      });
      continue;
    }
    if (!authorHandle || owners.some((owned) => sameHandle(owned.owner, authorHandle))) continue;
    const ownedBy = owners.map((owned) => `${owned.owner} (${policy.file} line ${owned.line})`).join(', ');
    problems.push({
      ...at,
      severity: 'error',
      kind: 'unowned-flag',
      message: `Flag \`${item.text}\` is owned by ${ownedBy}, not by ${withAt(authorHandle)}: a PM changes only the flags they own.`,
    });
  }
  return problems;
}
