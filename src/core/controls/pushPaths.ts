// CLAUDE.md's engineering-only globs in the path syntax of GitHub's push
// rulesets ("Restrict file paths", `file_path_restriction`), and whether a
// ruleset's restricted paths cover the files a glob locks. GitHub documents
// that syntax as Ruby's File.fnmatch with File::FNM_PATHNAME: `*` and `?`
// stop at `/`, `**/` spans folders (zero or more), `**` anywhere else is
// `*`, backslashes are not quotes, and no braces. Without File::FNM_DOTMATCH
// (GitHub does not say it sets it), a wildcard does not match a leading dot,
// so coverage is judged that way: narrower, never wider.

import { minimatch } from 'minimatch';
import { compileZonePolicy, matcherGlob } from '../policy/compileZonePolicy';
import type { GlobRule, ZonePolicy } from '../policy/model';
import { probePathFor } from '../policy/unenforced';

/**
 * A CLAUDE.md glob (minimatch: root-relative, dotfiles ordinary, braces) as
 * push ruleset paths: braces expanded (fnmatch has none), a final `**` (every
 * file below, to minimatch; one level, to fnmatch) written `**\/*`.
 */
export function pushPathsOf(glob: string): string[] {
  return [...new Set(minimatch.braceExpand(matcherGlob(glob)).map((pattern) => (pattern === '**' ? '**/*' : pattern.replace(/\/\*\*$/, '/**/*'))))];
}

/** Whether GitHub's path `pattern` matches `path`, read as File.fnmatch with FNM_PATHNAME (no FNM_DOTMATCH). */
export function pushPathMatches(pattern: string, path: string): boolean {
  // minimatch's globstar is fnmatch's `**/`; a final `**` segment is only `*` to fnmatch.
  const asMinimatch = pattern.replace(/^\/+/, '').replace(/(^|\/)\*\*$/, '$1*');
  return minimatch(path, asMinimatch, { dot: false, nocase: false, nocomment: true, nonegate: true, nobrace: true, noext: true, platform: 'linux' });
}

/** Each engineering-only glob with the paths that stand for it: the base's files under it, else one made from the glob. */
export function lockedSamples(zone: ZonePolicy, paths: readonly string[]): Array<{ rule: GlobRule; samples: string[] }> {
  return compileZonePolicy(zone).deny.map((deny) => {
    const under = paths.filter((path) => deny.matcher.match(path));
    const probe = under.length === 0 ? probePathFor(deny) : undefined;
    return { rule: deny.rule, samples: under.length > 0 ? under : probe ? [probe] : [] };
  });
}
