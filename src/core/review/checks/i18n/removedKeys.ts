// Keys the change removes. A key the code still names breaks a screen (it
// shows the raw key), so it blocks, naming where it is used; a key nothing
// names is a note; a translation that drops a key falls back to the source.
import type { Finding } from '../../../types';
import type { CheckContext, LineDiff, TextHit } from '../../model';
import { finding, newLineForOldLine } from '../contentSupport';
import { keyInCode } from './keys';
import type { Grammar } from './placeholders';
import { listed } from './report';
import type { LocaleVersions } from './versions';

const CHECK_ID = 'i18n.removed-key';
/** Keys searched for in one review; past this, removals are reported as not searched. */
export const MAX_SEARCHED_KEYS = 2000;
const MAX_HITS = 5000;

interface Removal {
  file: LocaleVersions;
  key: string;
  line: number | null;
}

export async function removedKeyFindings(
  ctx: CheckContext,
  files: LocaleVersions[],
  source: LocaleVersions | undefined,
  grammar: Grammar | undefined,
  setGlob: string,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const searched: Removal[] = [];
  for (const file of files.filter((candidate) => candidate.changed && candidate.before)) {
    const removals = removalsOf(ctx, file);
    if (removals.length === 0) continue;
    if (source && file !== source) {
      const fallback = removals.filter((removal) => source.after?.has(removal.key));
      if (fallback.length > 0) findings.push(note(file, fallback, `${countOf(fallback)} removed from ${file.locale || file.path}: the source text (${source.locale}) shows instead`));
      continue;
    }
    searched.push(...removals);
  }
  if (searched.length === 0) return findings;
  const uses = await usesOf(ctx, searched, grammar, setGlob);
  for (const [path, removals] of byFile(searched)) {
    const file = removals[0].file;
    const unused: Removal[] = [];
    for (const removal of removals) {
      const hits = uses?.get(keyInCode(removal.key, grammar));
      if (hits && hits.length > 0) findings.push(usedFinding(path, removal, hits));
      else unused.push(removal);
    }
    if (unused.length === 0) continue;
    findings.push(
      uses
        ? note(file, unused, `${countOf(unused)} removed; no file names ${unused.length === 1 ? 'it' : 'them'} literally (a key the code builds at run time cannot be found this way)`)
        : finding(CHECK_ID, 'warning', path, unused[0].line, `${countOf(unused)} removed, and the code could not be searched for uses: ${listed(unused.map((removal) => `\`${removal.key}\``))}. Check that no screen still uses ${unused.length === 1 ? 'it' : 'them'}.`),
    );
  }
  return findings;
}

function removalsOf(ctx: CheckContext, file: LocaleVersions): Removal[] {
  const removals: Removal[] = [];
  let diff: LineDiff | undefined;
  for (const [key, leaf] of file.before ?? []) {
    if (file.after?.has(key)) continue;
    if (file.after && file.changed) diff ??= ctx.diff(file.changed);
    removals.push({ file, key, line: diff ? (newLineForOldLine(diff, leaf.line) ?? 1) : null });
  }
  return removals;
}

/** Where each key (as the code names it) is used, or undefined when the repository cannot be searched. */
async function usesOf(ctx: CheckContext, removals: Removal[], grammar: Grammar | undefined, setGlob: string): Promise<Map<string, TextHit[]> | undefined> {
  const keys = [...new Set(removals.map((removal) => keyInCode(removal.key, grammar)))];
  if (!ctx.search || keys.length > MAX_SEARCHED_KEYS) return undefined;
  const hits = await ctx.search.find(keys, { exclude: [setGlob], limit: MAX_HITS });
  const uses = new Map<string, TextHit[]>();
  for (const hit of hits) {
    for (const key of keys) {
      if (!namesKey(hit.text, key)) continue;
      const list = uses.get(key) ?? [];
      list.push(hit);
      uses.set(key, list);
    }
  }
  return uses;
}

/**
 * Whether a line names the key as a string: `t('a.b')`, `"a.b"`, `` `a.b` ``,
 * or with an i18next namespace (`'common:a.b'`). `a.b.c` or `xa.b` do not.
 */
export function namesKey(text: string, key: string): boolean {
  for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
    const before = text[at - 1];
    const after = text[at + key.length];
    if ((before === "'" || before === '"' || before === '`' || before === ':') && (after === "'" || after === '"' || after === '`')) return true;
  }
  return false;
}

function usedFinding(path: string, removal: Removal, hits: TextHit[]): Finding {
  const [first] = hits;
  const more = hits.length > 1 ? ` and ${hits.length - 1} more place${hits.length > 2 ? 's' : ''}` : '';
  return finding(
    CHECK_ID,
    'error',
    path,
    removal.line,
    `Key \`${removal.key}\` was removed, but ${first.file}:${first.line}${more} still use${hits.length > 1 ? '' : 's'} it: that screen would show the raw key. Keep the key, or change the code in the same change.`,
  );
}

function note(file: LocaleVersions, removals: Removal[], what: string): Finding {
  return finding(CHECK_ID, 'info', file.path, removals[0].line, `${what}: ${listed(removals.map((removal) => `\`${removal.key}\``))}.`);
}

function countOf(removals: Removal[]): string {
  return removals.length === 1 ? '1 key' : `${removals.length} keys`;
}

function byFile(removals: Removal[]): Map<string, Removal[]> {
  const groups = new Map<string, Removal[]>();
  for (const removal of removals) groups.set(removal.file.path, [...(groups.get(removal.file.path) ?? []), removal]);
  return groups;
}
