// Keeping what the i18n check says readable on changes of any size: lists
// are cut with a count, and past a number of findings per file the rest is
// one finding that counts them, and blocks if any of them would have.
import type { Finding } from '../../../types';

/** Names listed in one message before "and N more". */
export const MAX_LISTED = 5;
/** Findings of one check kept per file; the rest are counted in one more. */
export const MAX_FINDINGS_PER_FILE = 50;

/** `a, b and c`; past `max`, `a, b, c, d, e and 12 more`. */
export function listed(items: readonly string[], max = MAX_LISTED): string {
  if (items.length <= 1) return items.join('');
  if (items.length > max) return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const RANK: Record<Finding['severity'], number> = { error: 0, warning: 1, info: 2 };

/**
 * At most MAX_FINDINGS_PER_FILE findings of each check in each file, the most
 * severe first; the rest become one finding that says how many there were
 * and blocks when one of them would have. Nothing is dropped unsaid.
 */
export function capFindings(findings: Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const item of findings) {
    const key = `${item.check}\n${item.file ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const kept: Finding[] = [];
  for (const group of groups.values()) {
    if (group.length <= MAX_FINDINGS_PER_FILE) {
      kept.push(...group);
      continue;
    }
    const ordered = [...group].sort((a, b) => RANK[a.severity] - RANK[b.severity] || (a.line ?? 0) - (b.line ?? 0));
    const shown = ordered.slice(0, MAX_FINDINGS_PER_FILE - 1);
    const rest = ordered.slice(MAX_FINDINGS_PER_FILE - 1);
    const blocking = rest.filter((item) => item.blocking).length;
    const [first] = rest;
    kept.push(...shown, {
      check: first.check,
      severity: first.severity,
      blocking: blocking > 0,
      file: first.file,
      line: first.line,
      message: `${rest.length} more strings in this file with the same kind of problem (${blocking} of them blocking), not listed one by one. The first is here: ${first.message}`,
    });
  }
  return kept;
}
