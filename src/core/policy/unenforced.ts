import { minimatch } from 'minimatch';
import type { OwnersLookup } from '../codeowners/model';
import type { Problem } from '../types';
import { compileZonePolicy, normalizeRepoPath, type CompiledRule } from './compileZonePolicy';
import type { ZonePolicy } from './model';

/**
 * A path the glob matches, made from the glob itself, for a repository that
 * has no file under it yet: `**\/auth/**` gives `auth/x`. Undefined when the
 * glob is too intricate to invent one (the check then stays silent).
 */
export function probePathFor({ rule, matcher }: CompiledRule): string | undefined {
  const [firstAlternative] = minimatch.braceExpand(rule.glob.replace(/^(\.\/|\/)+/, ''));
  const segments = (firstAlternative ?? '').split('/').filter((segment) => segment !== '');
  const probe = segments
    .flatMap((segment, index) => {
      if (segment === '**') return index === segments.length - 1 ? ['x'] : [];
      return [segment.replace(/\[!?\^?(\]?[^\]]*)\]/g, (_, inside: string) => inside.charAt(0) || 'x').replace(/[*?]/g, 'x')];
    })
    .join('/');
  return probe !== '' && matcher.match(probe) ? probe : undefined;
}

function unowned(path: string, owners: OwnersLookup | undefined): boolean {
  return !owners || owners.ownersOf(path).owners.length === 0;
}

/**
 * For check-config: every engineering-only glob that CODEOWNERS does not back
 * with an owner, judged on the repository's own paths under it, or on a
 * probe path when it has none. `owners` is undefined when there is no CODEOWNERS.
 */
export function unenforcedGlobs(policy: ZonePolicy, owners: OwnersLookup | undefined, paths: string[]): Problem[] {
  const repoPaths = paths.flatMap((path) => normalizeRepoPath(path) ?? []);
  const problems: Problem[] = [];
  for (const deny of compileZonePolicy(policy).deny) {
    const under = repoPaths.filter((path) => deny.matcher.match(path));
    const probe = under.length === 0 ? probePathFor(deny) : undefined;
    const exposed = under.length > 0 ? under.some((path) => unowned(path, owners)) : probe !== undefined && unowned(probe, owners);
    if (!exposed) continue;
    problems.push({
      file: policy.file,
      line: deny.rule.line,
      column: 1,
      severity: 'warning',
      kind: 'unenforced',
      message: `\`${deny.rule.glob}\` is engineering-only but no CODEOWNERS rule gives it an owner: the boundary is convention, not enforcement`,
    });
  }
  return problems;
}
