// The CODEOWNERS lines that make every engineering-only glob of the zone
// enforced, computed from the working files alone: what check-config prints
// for each unenforced glob, and what init writes.
import { codeownersLine, patternsOf, usualOwners, type CodeownersLine } from '../codeowners/suggest';
import { unenforcedGlobs } from '../policy/unenforced';
import type { GlobRule } from '../policy/model';
import type { RepositoryPolicy } from './assemble';

export interface EnforceLines {
  /** The CODEOWNERS the lines go into: the one GitHub reads, else `.github/CODEOWNERS`. */
  file: string;
  lines: CodeownersLine[];
  /** The unenforced globs the lines are for. */
  globs: GlobRule[];
}

/**
 * One line per unenforced glob (and brace alternative): owners from the
 * nearest rule, else `owners`, else the owners of the most rules in the file
 * (the likeliest engineering team), else commented out for an engineer to
 * name.
 */
export function enforceLines(policy: RepositoryPolicy, paths: readonly string[], owners: readonly string[] = []): EnforceLines {
  const file = policy.codeowners?.file ?? '.github/CODEOWNERS';
  const rules = (policy.codeowners?.rules ?? []).filter((rule) => rule.owners.length > 0);
  const unenforced = new Set(unenforcedGlobs(policy.zone, policy.owners, [...paths]).map((problem) => problem.line));
  const globs = policy.zone.engineeringOnly.filter((rule) => unenforced.has(rule.line));
  const fallback = owners.length > 0 ? owners : usualOwners(rules);
  const lines = globs.flatMap((glob) => patternsOf(glob.glob).map((pattern) => codeownersLine(glob.glob, pattern, rules, file, fallback)));
  return { file, lines, globs };
}
