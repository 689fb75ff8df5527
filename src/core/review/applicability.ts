import type { Change } from './model';
import { COMPONENT_GLOBS, isFlagList } from './checks/flags';
import { isAnalyticsFile, TRACKING_CODE } from './checks/analytics';
import { isStringsFile } from './checks/i18n';
import { isPromptFile } from './checks/prompts';
import { matchesAny } from './checks/contentSupport';
import type { ZonePolicy } from '../policy';

/**
 * The checks that had something to look at in this change: a checklist item
 * whose checks all had nothing to look at is "not applicable", not "passed".
 */
export function applicableChecks(change: Change, policy: ZonePolicy): Set<string> {
  const paths = change.files.filter((file) => file.status !== 'deleted').map((file) => file.path);
  const all = change.files.map((file) => file.path);
  const ids = new Set<string>();
  // Nothing changed yet: nothing has passed either.
  if (all.length > 0) ['planning.missing', 'size.large', 'zone.locked', 'zone.outside', 'zone.owners', 'security.secret', 'security.pii', 'security.dangerous-code'].forEach((id) => ids.add(id));
  if (paths.some((path) => path === 'PLANNING.md' || path.endsWith('/PLANNING.md'))) ids.add('planning.incomplete');
  if (all.some((path) => isFlagList(path, policy))) ['flags.unowned', 'flags.invalid'].forEach((id) => ids.add(id));
  if (all.some((path) => matchesAny(path, COMPONENT_GLOBS))) ids.add('flags.ungated');
  const additionsOnly = policy.mayEdit.filter((rule) => rule.qualifiers.includes('additions-only')).map((rule) => rule.glob);
  if (all.some((path) => matchesAny(path, additionsOnly))) ids.add('analytics.removal');
  // Tracking calls can be written in any code file.
  if (all.some((path) => isAnalyticsFile(path) || TRACKING_CODE.test(path))) ids.add('analytics.pii');
  if (all.some(isStringsFile)) ['i18n.invalid-json', 'i18n.removed-key', 'i18n.placeholder-mismatch'].forEach((id) => ids.add(id));
  if (all.some((path) => isPromptFile(path, policy))) ids.add('prompts.variables');
  if (change.commits.length > 0) ids.add('ai.undisclosed');
  return ids;
}
