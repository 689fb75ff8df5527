// A cap on the patterns all the zone's globs expand to together, not only
// per glob: 4,900 globs of 256 brace patterns each made 1.25 million
// matchers, and one `explain` of two paths took 12.7 s and 840 MB. Past
// the budget a PM-editable glob is dropped (narrower), and an
// engineering-only glob is matched with its braces read as wildcards, a
// pattern that matches at least everything the glob does (it still locks).
import type { GlobRule } from './model';
import { braceExpansions } from './globText';
import type { ReadContext } from './readContext';

/** Patterns, in all, the zone's globs may add through their braces (a glob without braces adds none). */
export const MAX_TOTAL_PATTERNS = 10_000;

export function withinPatternBudget(policy: { mayEdit: GlobRule[]; engineeringOnly: GlobRule[] }, ctx: ReadContext): void {
  let total = 0;
  let reported = false;
  const over = (rule: GlobRule, consequence: string) => {
    if (reported) return;
    reported = true;
    ctx.report({ line: rule.line, column: 1 }, 'error', 'too-many-patterns', `The globs of this PM zone add more than ${MAX_TOTAL_PATTERNS.toLocaleString('en-US')} patterns through their braces in all; from this line on, ${consequence}.`);
  };
  // In the order they are written: the line where the budget runs out is the one reported.
  const rules = [...policy.engineeringOnly.map((rule) => ({ rule, deny: true })), ...policy.mayEdit.map((rule) => ({ rule, deny: false }))].sort((a, b) => a.rule.line - b.rule.line);
  const dropped = new Set<GlobRule>();
  for (const { rule, deny } of rules) {
    const added = braceExpansions(rule.glob) - 1;
    total += added;
    if (added === 0 || total <= MAX_TOTAL_PATTERNS) continue;
    if (deny) {
      rule.matchAs = bracesAsWildcards(rule.glob);
      over(rule, 'engineering-only globs are matched with their braces read as wildcards (they lock at least what they name) and PM-editable globs are dropped');
    } else {
      dropped.add(rule);
      over(rule, 'PM-editable globs are dropped and engineering-only globs are matched with their braces read as wildcards (they lock at least what they name)');
    }
  }
  if (dropped.size > 0) policy.mayEdit = policy.mayEdit.filter((rule) => !dropped.has(rule));
}

/**
 * One pattern that matches everything the glob's braces expand to: each
 * outermost `{…}` read as `*` (runs of stars in a name made one); a group
 * with a `/` in it could cross folders, so the glob becomes everything under
 * the folder before its first brace.
 */
export function bracesAsWildcards(glob: string): string {
  let result = '';
  let depth = 0;
  let crossesFolders = false;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '\\') {
      if (depth === 0) result += glob.slice(i, i + 2);
      i++;
    } else if (char === '{') {
      if (depth === 0) result += '*';
      depth++;
    } else if (char === '}' && depth > 0) {
      depth--;
    } else if (depth > 0) {
      if (char === '/') crossesFolders = true;
    } else {
      result += char;
    }
  }
  // An unclosed brace is a literal to minimatch: the glob is matched as written.
  if (depth > 0) return glob;
  if (crossesFolders) {
    const before = glob.slice(0, glob.indexOf('{'));
    const folder = before.slice(0, before.lastIndexOf('/') + 1);
    return `${folder}**`;
  }
  // `a**b` inside a name is `a*b`; a whole `**` segment keeps its meaning.
  return result.split('/').map((segment) => (segment === '**' ? segment : segment.replace(/\*{2,}/g, '*'))).join('/');
}
