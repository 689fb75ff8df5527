// Keys the change removes. A key a translation call still names breaks a
// screen (it shows the raw key), so it blocks, naming where it is used; a
// key written as a path and found only as a plain string in code warns (it
// may be handed to a translation later); a key nothing names is a note; a
// translation that drops a key falls back to the source.
import type { Finding } from '../../../types';
import { pushTo } from '../../../groups';
import type { CheckContext, LineDiff, TextHit } from '../../model';
import { SCRIPT_FILE } from '../../../text/code';
import { finding, newLineForOldLine } from '../contentSupport';
import { isTestOrFixture } from '../testFiles';
import { keyInCode, stillResolves } from './keys';
import type { Grammar } from './placeholders';
import { listed } from './report';
import type { LocaleSet } from './localeSet';
import { useScope } from './namespaceScope';
import { CODE_FILE, keyUsesAndNamespaces, type UseKind } from './uses';
import { pairedLeaves } from './pairedLeaves';
import type { StringsLeaf } from './stringsFile';
import type { LocaleVersions } from './versions';

const CHECK_ID = 'i18n.removed-key';
/** Keys searched for in one review; past this, removals are reported as not searched. */
export const MAX_SEARCHED_KEYS = 2000;
const MAX_HITS = 5000;
/** A key written as a path (`labels.paste`, `common:save`): its text in code is a key handed on, not a sentence. */
const KEY_SHAPED = /^[\w$-]+(?:[.:][\w$-]+)+$/;

interface Removal {
  file: LocaleVersions;
  key: string;
  line: number | null;
}

/** A place that names a key: a translation call, or its text as a plain string. */
interface Place extends TextHit {
  kind: UseKind;
}

export async function removedKeyFindings(
  ctx: CheckContext,
  files: LocaleVersions[],
  source: LocaleVersions | undefined,
  grammar: Grammar | undefined,
  set: LocaleSet,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const searched: Removal[] = [];
  for (const file of files.filter((candidate) => candidate.changed && candidate.before)) {
    const removals = removalsOf(ctx, file, grammar);
    if (removals.length === 0) continue;
    if (source && file !== source) {
      const fallback = removals.filter((removal) => source.after?.has(removal.key));
      if (fallback.length > 0) findings.push(note(file, fallback, `${countOf(fallback)} removed from ${file.locale || file.path}: the source text (${source.locale}) shows instead`));
      continue;
    }
    searched.push(...removals);
  }
  if (searched.length === 0) return findings;
  const uses = await usesOf(ctx, searched, grammar, set);
  for (const [path, removals] of byFile(searched)) {
    const file = removals[0].file;
    const unused: Removal[] = [];
    for (const removal of removals) {
      const places = uses?.get(codeKeyOf(removal, grammar)) ?? [];
      const calls = places.filter((place) => place.kind === 'call');
      const values = places.filter((place) => place.kind === 'value' && !isTestOrFixture(place.file));
      if (calls.length > 0) findings.push(usedFinding(path, removal, calls));
      else if (values.length > 0 && KEY_SHAPED.test(removal.key)) findings.push(valueFinding(path, removal, values));
      else unused.push(removal);
    }
    if (unused.length === 0) continue;
    findings.push(
      uses
        ? note(file, unused, `${countOf(unused)} removed; no translation call names ${unused.length === 1 ? 'it' : 'them'} (a key the code builds at run time cannot be found this way)`)
        : finding(CHECK_ID, 'warning', path, unused[0].line, `${countOf(unused)} removed, and the code could not be searched for uses: ${listed(unused.map((removal) => `\`${removal.key}\``))}. Check that no screen still uses ${unused.length === 1 ? 'it' : 'them'}.`),
    );
  }
  return findings;
}

/**
 * The keys the file no longer has. A key the code can still ask for is not
 * removed: splitting `items` into `items_one` and `items_other` is how
 * "1 items" gets fixed, and `t('items', { count })` finds them.
 */
function removalsOf(ctx: CheckContext, file: LocaleVersions, grammar: Grammar | undefined): Removal[] {
  const removals: Removal[] = [];
  let diff: LineDiff | undefined;
  const after = file.after;
  const removed = (leaf: StringsLeaf, key: string) => {
    if (stillResolves(after, key, file.locale, grammar)) return;
    if (after && file.changed) diff ??= ctx.diff(file.changed);
    removals.push({ file, key, line: diff ? (newLineForOldLine(diff, leaf.line) ?? 1) : null });
  };
  if (file.before && after) {
    // The keys of the earlier version the file lacks now, in their order, paired once for the checks that ask.
    const { removedKeys, removedLeaves } = pairedLeaves(file.before, after);
    for (let at = 0; at < removedKeys.length; at++) removed(removedLeaves[at], removedKeys[at]);
    return removals;
  }
  // forEach, where a for…of makes an entry and an iterator result for each of the file's thousands of keys.
  file.before?.forEach((leaf, key) => removed(leaf, key));
  return removals;
}

/**
 * Where each key (as the code names it) is used by code that loads the set's
 * strings (namespaceScope.ts), or undefined when the repository cannot be searched.
 */
async function usesOf(ctx: CheckContext, removals: Removal[], grammar: Grammar | undefined, set: LocaleSet): Promise<Map<string, Place[]> | undefined> {
  const keys = new Set(removals.map((removal) => codeKeyOf(removal, grammar)));
  if (!ctx.search || keys.size > MAX_SEARCHED_KEYS) return undefined;
  const hits = await ctx.search.find([...keys], { exclude: [set.id], limit: MAX_HITS });
  const inScope = await useScope(set, ctx.files);
  const byPath = new Map<string, TextHit[]>();
  for (const hit of hits) pushTo(byPath, hit.file, hit);
  const places = new Map<string, Place[]>();
  const codeFiles = [...byPath].filter(([path]) => CODE_FILE.test(path));
  // A script is read whole, so that comments, strings and the translators it binds are told apart; all asked at once, read in few turns.
  const texts = await Promise.all(codeFiles.map(([path]) => (SCRIPT_FILE.test(path) ? ctx.files.readText(path) : undefined)));
  const found = codeFiles.map(([path, lines], index) => ({ path, lines, ...keyUsesAndNamespaces(path, texts[index], keys, lines) }));
  const scoped = await Promise.all(found.map(({ path, uses, namespaces }) => Promise.all(uses.map((use) => inScope({ file: path, ...(use.namespace !== undefined ? { namespace: use.namespace } : {}) }, namespaces)))));
  for (const [index, { path, lines, uses }] of found.entries()) {
    for (const [at, use] of uses.entries()) {
      if (!scoped[index][at]) continue;
      const hit = lines.find((candidate) => candidate.line === use.line);
      pushTo(places, use.key, { file: path, line: use.line, text: hit?.text ?? '', kind: use.kind });
    }
  }
  return places;
}

/**
 * The key as the code names it. Laravel names a key of a PHP array file by
 * its group, the file's path under the locale (`lang/en/messages.php`'s
 * `welcome` is `__('messages.welcome')`, `lang/en/admin/users.php`'s
 * `title` is `__('admin/users.title')`).
 */
function codeKeyOf(removal: Removal, grammar: Grammar | undefined): string {
  const group = /(?:^|\/)lang\/[^/]+\/(.+)\.php$/i.exec(removal.file.path)?.[1];
  const key = keyInCode(removal.key, grammar);
  return group === undefined ? key : `${group}.${key}`;
}

function usedFinding(path: string, removal: Removal, places: Place[]): Finding {
  return finding(
    CHECK_ID,
    'error',
    path,
    removal.line,
    `Key \`${removal.key}\` was removed, but ${placesText(places)} still use${places.length > 1 ? '' : 's'} it: that screen would show the raw key. Keep the key, or change the code in the same change.`,
  );
}

function valueFinding(path: string, removal: Removal, places: Place[]): Finding {
  return finding(
    CHECK_ID,
    'warning',
    path,
    removal.line,
    `Key \`${removal.key}\` was removed; ${placesText(places)} hold${places.length > 1 ? '' : 's'} it as a plain string, not in a translation call. If the code hands that string to a translation, the screen shows the raw key: check before merging.`,
  );
}

/** `src/a.ts:3`, `src/a.ts:3 and 2 more places`. */
function placesText(places: Place[]): string {
  const [first] = places;
  const more = places.length > 1 ? ` and ${places.length - 1} more place${places.length > 2 ? 's' : ''}` : '';
  return `${first.file}:${first.line}${more}`;
}

function note(file: LocaleVersions, removals: Removal[], what: string): Finding {
  return finding(CHECK_ID, 'info', file.path, removals[0].line, `${what}: ${listed(removals.map((removal) => `\`${removal.key}\``))}.`);
}

function countOf(removals: Removal[]): string {
  return removals.length === 1 ? '1 key' : `${removals.length} keys`;
}

function byFile(removals: Removal[]): Map<string, Removal[]> {
  const groups = new Map<string, Removal[]>();
  for (const removal of removals) pushTo(groups, removal.file.path, removal);
  return groups;
}
