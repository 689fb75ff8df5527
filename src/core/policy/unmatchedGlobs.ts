// For check-config: the engineering-only and PM-editable globs that match no
// file of the repository. A lock that matches nothing protects nothing, and a
// PM-editable glob that matches nothing opens nothing: usually a typo, a moved
// folder, or a folder name the glob reads as a pattern.
import type { Problem } from '../types';
import { compileZonePolicy, normalizeRepoPath, type CompiledRule } from './compileZonePolicy';
import type { ZonePolicy } from './model';

/** One warning per glob of the zone's own section that no path matches, on its line. */
export function unmatchedGlobs(policy: ZonePolicy, paths: readonly string[]): Problem[] {
  const sorted = paths.flatMap((path) => normalizeRepoPath(path) ?? []).sort();
  const compiled = compileZonePolicy(policy);
  const rules: { kind: string; compiled: CompiledRule }[] = [
    ...compiled.deny.filter(({ rule }) => rule.file === undefined).map((rule) => ({ kind: 'engineering-only', compiled: rule })),
    ...compiled.allow.map((rule) => ({ kind: 'PM-editable', compiled: rule })),
  ];
  return rules
    .filter(({ compiled: { rule, matcher } }) => !candidates(sorted, rule.matchAs ?? rule.glob).some((path) => matcher.match(path)))
    .map(({ kind, compiled: { rule } }) => ({
      file: policy.file,
      line: rule.line,
      column: 1,
      severity: 'warning',
      kind: 'matches-nothing',
      message: `\`${rule.glob}\` (${kind}) matches no file in the repository, so it ${kind === 'PM-editable' ? 'opens' : 'locks'} nothing: check its spelling, and that the folder it names has not moved`,
    }));
}

/** The paths under the glob's fixed folders (`apps/web/` for `apps/web/**`), found by binary search in the sorted list. */
function candidates(sorted: readonly string[], glob: string): readonly string[] {
  const fixed: string[] = [];
  for (const segment of glob.replace(/^(\.\/|\/)+/, '').split('/').slice(0, -1)) {
    if (/[*?[\]{}()!+@\\]/.test(segment)) break;
    fixed.push(segment);
  }
  if (fixed.length === 0) return sorted;
  const prefix = `${fixed.join('/')}/`;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < prefix) low = middle + 1;
    else high = middle;
  }
  let end = low;
  while (end < sorted.length && sorted[end].startsWith(prefix)) end++;
  return sorted.slice(low, end);
}
