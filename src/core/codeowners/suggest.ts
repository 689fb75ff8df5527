// The CODEOWNERS lines that give an owner to what has none: for each
// engineering-only glob CODEOWNERS leaves unowned, a pattern (the glob as
// CODEOWNERS writes it) and owners taken from the nearest existing rule, else
// the owners a person names. A local computation: `check-config` prints the
// lines offline, `init` writes them, `controls --fix` prints them beside the
// ruleset.
import { minimatch } from 'minimatch';
import { isAmbiguousSegment } from '../policy/globReadings';
import type { CodeownersRule } from './model';

export interface CodeownersLine {
  /** What it protects: a glob of CLAUDE.md, or the gate's workflow. */
  protects: string;
  pattern: string;
  /** Owners from the nearest existing rule, else the fallback; empty when an engineer must name them. */
  owners: string[];
  /** `.github/CODEOWNERS line 12`: where the owners came from; null when none was near. */
  from: string | null;
  /** The line as it goes into the file; commented out while it has no owner. */
  text: string;
}

/**
 * A CLAUDE.md glob as CODEOWNERS patterns: braces expanded (CODEOWNERS has
 * none); a pattern with a `/` inside is anchored at the root in both, so it
 * is written as is. A route folder's name (`[locale]`) is written with its
 * brackets escaped, which GitHub reads as the name itself. Other character
 * classes have no CODEOWNERS form and are left for a person, commented out.
 */
export function patternsOf(glob: string): string[] {
  return minimatch.braceExpand(glob.replace(/^\.\//, '')).map((pattern) => {
    const named = pattern.split('/').map((segment) => (isAmbiguousSegment(segment) && !/[*?]/.test(segment) ? segment.replace(/[[\]]/g, (bracket) => `\\${bracket}`) : segment)).join('/');
    return /(?<!\\)[[\]]/.test(named) ? `# ${pattern}` : named;
  });
}

/** The line for one pattern: the nearest rule's owners, else `fallback`, else commented out for an engineer to name. */
export function codeownersLine(protects: string, pattern: string, rules: readonly CodeownersRule[], file: string, fallback: readonly string[] = []): CodeownersLine {
  const near = nearestRule(pattern, rules);
  const owners = near?.owners ?? [...fallback];
  const from = near ? `${file} line ${near.line}` : null;
  const commented = pattern.startsWith('#') || owners.length === 0;
  const body = `${pattern.replace(/^# /, '')} ${owners.length > 0 ? owners.join(' ') : '@owner-to-name'}`;
  return { protects, pattern: pattern.replace(/^# /, ''), owners, from, text: commented ? `# ${body}` : body };
}

/** The rule sharing the most leading literal folders with the pattern (at least one), the later one on a tie, as GitHub's last-match-wins reads. */
export function nearestRule(pattern: string, rules: readonly CodeownersRule[]): CodeownersRule | undefined {
  const folders = (text: string) => text.replace(/^\/+/, '').split('/').slice(0, -1).filter((segment) => !/[*?[\]]/.test(segment));
  const wanted = folders(pattern);
  let best: { rule: CodeownersRule; shared: number } | undefined;
  for (const rule of rules) {
    const theirs = folders(rule.pattern.endsWith('/') ? `${rule.pattern}x` : rule.pattern);
    let shared = 0;
    while (shared < wanted.length && shared < theirs.length && wanted[shared] === theirs[shared]) shared++;
    if (shared > 0 && (!best || shared >= best.shared)) best = { rule, shared };
  }
  return best?.rule;
}

/** The owners who own the most rules: the likeliest engineering owners for a path no nearer rule covers. */
export function usualOwners(rules: readonly CodeownersRule[]): string[] {
  const counts = new Map<string, number>();
  for (const rule of rules) if (rule.owners.length > 0) counts.set(rule.owners.join(' '), (counts.get(rule.owners.join(' ')) ?? 0) + 1);
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return best ? best[0].split(' ') : [];
}

/**
 * CODEOWNERS with `lines` added above its first rule, and above the comments
 * that belong to that rule (the ones right over it), below the file's
 * opening comments: GitHub's last matching rule wins, so a line placed first
 * gives an owner only where no rule of the file does, and changes no
 * existing owner. A file that does not exist yet gets the note alone above.
 */
export function withLinesAtTop(text: string | undefined, lines: readonly string[], note: string): string {
  const block = [`# ${note}`, ...lines];
  if (text === undefined || text.trim() === '') return `${block.join('\n')}\n`;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const existing = text.split(/\r?\n/);
  const firstRule = existing.findIndex((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  const before = firstRule < 0 ? existing.length : firstRule;
  // After the last blank line above the first rule: the comments right over a rule stay with it.
  let at = before;
  while (at > 0 && existing[at - 1].trim() !== '') at--;
  const head = existing.slice(0, at);
  const separator = head.length > 0 && head[head.length - 1].trim() !== '' ? [''] : [];
  return [...head, ...separator, ...block, '', ...existing.slice(at)].join(eol);
}
