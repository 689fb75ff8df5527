// Copy and i18n checks on strings files: the file parses, no key the code
// uses disappears, and every string the change touched keeps the
// placeholders its source string has. Only what the change introduced
// blocks; each problem is said once per string, naming every locale.
import type { Finding } from '../../../types';
import { defineCheck, type ChangedFile, type CheckContext } from '../../model';
import { finding } from '../contentSupport';
import { compareSourceVersions, compareWithSource, holdsToken, isNamedArgument, type Difference, type GrammarChoice, type Token } from './compare';
import { changedCodePassing, editedFillingCode, filledByPosition, type FillingEdit } from './fillingCode';
import { countMayBeLeftOut, isUntranslated, keyInCode, sourceFor } from './keys';
import { keysReader, localeSetOf, sourceOfSet, type KnownScan, type LocaleFile, type LocaleSet } from './localeSet';
import { changedVersionStrings } from './changedStrings';
import { detectGrammar } from './placeholders';
import { removedKeyFindings } from './removedKeys';
import { capFindings, listed } from './report';
import { formatOf, isStringsFile, unreadFormatOf } from './stringsFile';
import { changedMembers, firstMember, membersOf, readSetVersions, stringAt, touchedKeys, touchedStrings, unloadableStringsFile, type LocaleVersions, type SetVersions } from './versions';

const MISMATCH = 'i18n.placeholder-mismatch';
/**
 * Strings one review compares with their source (about four translation
 * drops of 250,000 lines). Past it the review says what it left out and
 * blocks: a change no one has read cannot be cleared.
 */
export const MAX_COMPARED_STRINGS = 1_000_000;

/** How many locale sets are read at once, then compared, before the next ones are read. */
const SETS_AT_ONCE = 64;

/** How many changed strings files' locale sets are looked for at once. */
const FILES_AT_ONCE = 128;

/** How many more strings this review may compare, and how many it had to leave out. */
interface Budget {
  left: number;
  skipped: number;
}

/** The i18n check comparing at most `maxComparedStrings` strings (tests set a small limit). */
export function i18nCheckWith(limits: { maxComparedStrings: number }) {
  return defineCheck({
    about: {
      'i18n.invalid-json': {
        title: 'Strings file does not parse',
        description: 'A strings file does not parse as JSON or YAML, so the app cannot load it.',
        help: 'Fix the file at the line and column shown (a missing comma or quote, a trailing comma, a repeated key).',
        item: { section: 'Copy and i18n', text: 'Strings files are valid JSON' },
        defaultSeverity: 'error',
        words: /\bJSON\b/i,
      },
      'i18n.removed-key': {
        title: 'Strings key removed while in use',
        description: 'A key present before is gone while the code still names it; screens that use it show the raw key.',
        help: 'Keep the key, or change the code that uses it in the same change.',
        item: { section: 'Copy and i18n', text: 'No key the product still uses was removed' },
        defaultSeverity: 'error',
        words: /\bremoved keys?\b|\bkeys? (?:were |was |are |is )?removed\b/i,
      },
      'i18n.placeholder-mismatch': {
        title: 'Placeholders differ from the source',
        description: 'A changed string has placeholders its source-locale string does not, or a source string asks for a value the code does not pass.',
        help: 'Keep exactly the placeholders the source string has, with the same names, in every locale.',
        item: { section: 'Copy and i18n', text: 'Placeholders match before and after, and across locales' },
        defaultSeverity: 'error',
        words: /\bplaceholders?\b|\btranslations?\b|\blocales?\b/i,
        // "No placeholders left in PLANNING.md" speaks of the planning doc, not of translations.
        unless: /\bplanning\b/i,
      },
    },
    appliesTo: (change) => change.files.some((file) => isStringsFile(file.path) || unreadFormatOf(file.path) !== undefined),
    async run(ctx) {
      const sets = new Map<string, { set: LocaleSet; changed: ChangedFile[] }>();
      const stringsFiles = ctx.change.files.filter((changed) => isStringsFile(changed.path) && !changed.binary);
      // Found FILES_AT_ONCE at a time: their folders are listed, and their siblings read, in few turns, and a change of thousands
      // of strings files does not hold what finding each one's set takes for all of them at once.
      const keys = keysReader(ctx.files, changedVersionReader(ctx, stringsFiles));
      const found: LocaleSet[] = [];
      for (let start = 0; start < stringsFiles.length; start += FILES_AT_ONCE) {
        found.push(...(await Promise.all(stringsFiles.slice(start, start + FILES_AT_ONCE).map((file) => localeSetOf(file.path, ctx.files, keys)))));
      }
      for (const [index, file] of stringsFiles.entries()) {
        const set = found[index];
        const entry = sets.get(set.id) ?? { set, changed: [] };
        entry.changed.push(file);
        sets.set(set.id, entry);
      }
      const findings: Finding[] = ctx.change.files
        .filter((changed) => isStringsFile(changed.path) && changed.binary && !changed.submodule && changed.status !== 'deleted')
        .map((file) => (formatOf(file.path) === 'strings' ? utf16Strings(file) : unloadableStringsFile(file)));
      const budget: Budget = { left: limits.maxComparedStrings, skipped: 0 };
      // SETS_AT_ONCE sets' files read at once (one git process a turn where the file source reads through git), then compared in order:
      // a change of thousands of sets does not hold every set's strings at the same time.
      const entries = [...sets.values()];
      for (let start = 0; start < entries.length; start += SETS_AT_ONCE) {
        const chunk = entries.slice(start, start + SETS_AT_ONCE);
        const versions = await Promise.all(chunk.map(({ set, changed }) => readSetVersions(ctx, set, changed)));
        for (const [index, { set }] of chunk.entries()) findings.push(...(await reviewSet(ctx, set, versions[index], budget)));
      }
      if (budget.skipped > 0) findings.push(partlyReviewed(limits.maxComparedStrings, budget.skipped));
      findings.push(...unreadFormats(ctx.change.files));
      return capFindings(findings);
    },
  });
}

export const i18nCheck = i18nCheckWith({ maxComparedStrings: MAX_COMPARED_STRINGS });

/**
 * A changed strings file's version as the review reads it anyway, offered to
 * the keys reader where the file source gives the same text: its keys are
 * the ones a reading of that text finds (the path changes them only for an
 * `.arb` file, whose `@` entries the change's reading leaves out).
 */
export function changedVersionReader(ctx: CheckContext, stringsFiles: ChangedFile[]): KnownScan {
  const byPath = new Map<string, ChangedFile>();
  for (const file of stringsFiles) if (!byPath.has(file.path)) byPath.set(file.path, file);
  return (path, text) => {
    const file = byPath.get(path);
    const format = formatOf(path);
    if (!file || file.binary || file.newText !== text || !format || (format === 'json' && /\.arb$/i.test(path))) return undefined;
    return changedVersionStrings(ctx, file, 'after', format);
  };
}

/** Strings files of formats the review cannot read: said once per format, never passed in silence. */
function unreadFormats(files: ChangedFile[]): Finding[] {
  const byFormat = new Map<string, string[]>();
  for (const file of files) {
    const format = file.status === 'deleted' ? undefined : unreadFormatOf(file.path);
    if (format) byFormat.set(format, [...(byFormat.get(format) ?? []), file.path]);
  }
  return [...byFormat].map(([format, paths]) =>
    finding(
      MISMATCH,
      'info',
      paths[0],
      null,
      `Not read: ${paths.length === 1 ? 'this' : `${paths.length}`} ${format} file${paths.length === 1 ? '' : 's'} (${listed(paths.map((path) => `\`${path}\``))}); the review does not read this format yet, so ${paths.length === 1 ? 'its' : 'their'} placeholders and keys were not compared with the source. Have someone who knows it check the translations.`,
    ),
  );
}

/**
 * An iOS `.strings` file git reads as binary: Xcode long wrote them in
 * UTF-16, which iOS loads, so it is no broken file; but the review reads
 * UTF-8 only, and says it left this one unread.
 */
function utf16Strings(file: ChangedFile): Finding {
  return finding(
    MISMATCH,
    'info',
    file.path,
    null,
    `Not read: \`${file.path}\` is saved as UTF-16 (git reads it as binary), which iOS loads but the review does not, so its placeholders and keys were not compared with the source. Save it as UTF-8 to have it reviewed, or have someone who knows it check the translations.`,
  );
}

function partlyReviewed(limit: number, skipped: number): Finding {
  const count = (n: number) => n.toLocaleString('en');
  return finding(
    MISMATCH,
    'error',
    null,
    null,
    `Partly reviewed: this change touches ${count(limit + skipped)} strings, and one review compares at most ${count(limit)}; the other ${count(skipped)} were not compared with their source. Split the change, or have engineering review the translations.`,
  );
}

/** One string's problems across locales, reported as one finding. */
interface StringProblem {
  key: string;
  /** Where it is shown: the key's line in the first file of the change that holds it. */
  file: LocaleVersions;
  differences: { locale: string; difference: Difference }[];
}

async function reviewSet(ctx: CheckContext, set: LocaleSet, versions: SetVersions, budget: Budget): Promise<Finding[]> {
  // Chosen among the files that exist: a guessed `en.json` must not hide a real `en-US.json`.
  const sourceLocale = await sourceAmong(set, versions, ctx.options.sourceLocale ?? ctx.policy.sourceLocale);
  const source = await firstMember(versions, (file) => file.path === sourceLocale?.path);
  const changed = changedMembers(versions);
  const reference = source ?? changed[0];
  // Before and after: a source whose one placeholder the change removed still speaks its grammar, and so do its translations.
  const hints = { declared: versions.declared, laravel: /(?:^|\/)lang\//.test(set.id) || (await firstMember(versions, (file) => /(?:^|\/)lang\//.test(file.path))) !== undefined };
  const detected = detectGrammar(stringsOf(reference), versions.format, hints) ?? detectGrammar((await membersOf(versions)).flatMap(stringsOf), versions.format, hints);
  const findings: Finding[] = [...versions.invalid];
  // Only the change's files have keys it removed.
  findings.push(...(await removedKeyFindings(ctx, changed, source, detected?.grammar, set)));
  if (!detected) return findings;
  const touchedFiles = changed.filter((file) => file.after).sort((a, b) => (a.path < b.path ? -1 : 1));
  // A `.po` catalog and Laravel's JSON carry each string's source in the file itself: compared with it when no source file is there.
  const ownSources = touchedFiles.some(carriesSources);
  if (!source && !ownSources) {
    // No source to compare with: each file is only compared with its own earlier version.
    for (const file of touchedFiles) findings.push(...(await sourceChanges(ctx, file, detected, [], budget, set)));
    return findings;
  }
  const sourceName = source?.locale ?? ownSourceName(versions);
  const translations = (await membersOf(versions)).filter((file) => file !== source);
  if (source?.changed) findings.push(...(await sourceChanges(ctx, source, detected, translations, budget, set)));
  const problems = new Map<string, StringProblem>();
  const notes = new Map<string, StringProblem>();
  for (const file of touchedFiles.filter((candidate) => candidate !== source)) {
    for (const key of withinBudget(touchedKeys(file), budget)) {
      const verdict = translationVerdict(source, file, key, detected, translations);
      if (!verdict) continue;
      const target = verdict.introduced ? problems : notes;
      const problem = target.get(key) ?? { key, file, differences: [] };
      problem.differences.push({ locale: file.locale, difference: verdict.difference });
      target.set(key, problem);
    }
  }
  for (const problem of problems.values()) findings.push(problemFinding(problem, sourceName));
  // The change touched these strings and left their problem as it was: worth a look while there, never a blocker.
  for (const problem of notes.values()) findings.push(noteFinding(problem, sourceName, 'already differed before this change', 'warning'));
  return findings;
}

/**
 * What `sourceOfSet` picks among the set's files with a locale, confirming
 * only the files it picks: one that is not among them (an unchanged file
 * that does not parse) is left out and the choice made again. Picked among
 * more files, a choice that is among the set's files is the one made among
 * those alone: each rule takes the first file of a kind, or the shortest.
 */
async function sourceAmong(set: LocaleSet, versions: SetVersions, explicit: string | undefined): Promise<LocaleFile | undefined> {
  let candidates = versions.entries.filter((entry) => entry.file.locale !== '');
  for (;;) {
    const picked = sourceOfSet({ ...set, files: candidates.map((entry) => entry.file) }, explicit);
    const entry = candidates.find((candidate) => candidate.file === picked);
    if (!entry || (await entry.member())) return picked;
    candidates = candidates.filter((candidate) => candidate !== entry);
  }
}

/** What a file that carries its own sources calls them: a `.po` entry's msgid, XLIFF's `<source>`, a string catalog's source language. */
function ownSourceName(versions: SetVersions): string {
  if (versions.format === 'po') return 'its msgid';
  if (versions.format === 'xliff') return 'its <source>';
  if (versions.format === 'xcstrings') return versions.sourceLanguage ?? 'its source language';
  return 'its English key';
}

/** Whether a file gives its strings' sources itself (a `.po` catalog's msgids, Laravel's English keys). */
function carriesSources(file: LocaleVersions): boolean {
  // A string catalog's source-language strings carry none: they are the sources.
  for (const leaf of file.after?.values() ?? []) if (leaf.source !== undefined) return true;
  return false;
}

/** A translation's difference from its source, and whether this change introduced it. */
function translationVerdict(source: LocaleVersions | undefined, file: LocaleVersions, key: string, choice: GrammarChoice, translations: LocaleVersions[]): { difference: Difference; introduced: boolean } | undefined {
  const after = stringAt(file.after, key) as string;
  const sourceAfter = sourceFor(source?.after, file.after, key, choice.grammar, file.locale);
  if (sourceAfter === undefined || isUntranslated(after, sourceAfter)) return undefined;
  // A catalog of several languages says each string's own: its plural rules are that language's, not the file's.
  const pluralForm = countMayBeLeftOut(key, file.after?.get(key)?.form, file.after?.get(key)?.locale ?? file.locale, choice.grammar);
  const compared = compareWithSource(sourceAfter, after, choice, { pluralForm });
  if (!compared) return undefined;
  const difference = keptByTheOthers(compared, key, sourceAfter, choice, translations.filter((other) => other !== file));
  const before = stringAt(file.before, key);
  const sourceBefore = sourceFor(source?.before, file.before, key, choice.grammar, file.locale);
  const earlier = before !== undefined && sourceBefore !== undefined && !isUntranslated(before, sourceBefore)
    ? compareWithSource(sourceBefore, before, choice, { pluralForm })
    : undefined;
  // Compared before keptByTheOthers words it anew: a difference the string already had stays the old one, and so does
  // what is left of it once the change fixed part of it (`:evento` fixed, `:importo` left as it was).
  return { difference, introduced: earlier === undefined || !withinEarlier(compared, earlier) };
}

/** Whether every placeholder a difference names was already missing or new in the earlier one. */
function withinEarlier(now: Difference, earlier: Difference): boolean {
  if (now.summary === earlier.summary) return true;
  if (now.missing === undefined && now.extra === undefined) return false;
  const had = (tokens: Token[] | undefined, before: Token[] | undefined) => (tokens ?? []).every((token) => (before ?? []).some((old) => old.text === token.text));
  return had(now.missing, earlier.missing) && had(now.extra, earlier.extra);
}

/**
 * A named placeholder a translation drops, where the source and every other
 * translation of the string keep it (`{inviterName}`, `{{name}}`), is lost
 * for that locale's readers, not a translator's choice: it blocks. A plural's
 * count a form may leave out ("One item") never was a named argument here.
 * With no other translation to compare with, it stays a warning.
 */
function keptByTheOthers(difference: Difference, key: string, sourceAfter: string, choice: GrammarChoice, others: LocaleVersions[]): Difference {
  if (difference.severity === 'error') return difference;
  const dropped = (difference.missing ?? []).filter(isNamedArgument);
  if (dropped.length === 0) return difference;
  const translated = others.flatMap((other) => {
    const text = stringAt(other.after, key);
    return text === undefined || isUntranslated(text, sourceAfter) ? [] : [text];
  });
  const kept = dropped.filter((token) => translated.length > 0 && translated.every((text) => holdsToken(text, token, choice)));
  if (kept.length === 0) return difference;
  return { ...difference, severity: 'error', summary: `${difference.summary} (${kept.map((token) => token.text).join(', ')}: the source and every other translation keep ${kept.length > 1 ? 'them' : 'it'})` };
}

/**
 * Strings of the source (or, with no source, of any file) whose placeholders
 * the change altered: the code fills the old ones, unless the change edits
 * that code too (fillingCode.ts). Translations the change left with the old
 * placeholders are then said; translations that already differed from the
 * string, untouched by the change, get one note.
 */
async function sourceChanges(ctx: CheckContext, file: LocaleVersions, choice: GrammarChoice, translations: LocaleVersions[], budget: Budget, set: LocaleSet): Promise<Finding[]> {
  const findings: Finding[] = [];
  // Each touched key with its leaves, as `file.after.get(key)` and `file.before.get(key)` would find them.
  const touched = touchedStrings(file);
  const strings = withinBudget(touched.keys, budget).map((key, at) => {
    const leaf = touched.after[at];
    const after = leaf.value as string;
    const old = touched.before[at]?.value;
    const before = typeof old === 'string' ? old : undefined;
    return { key, leaf, after, before, changed: compareSourceVersions(before ?? '', after, choice) };
  });
  // New placeholders filled by position (`%@`, `%1$s`) have no name to find in a call: where this change edits the code that fills them is looked for instead, for every such string at once.
  const byPosition = strings.filter(({ before, changed }) => before !== undefined && changed?.severity === 'error' && filledByPosition(changed.extra ?? []));
  const filling = await editedFillingCode(ctx, [...new Set(byPosition.map(({ key }) => keyInCode(key, choice.grammar)))], set);
  // A translation that does not translate this string in the change is compared with the source before and after it.
  const others = translations.map((translation) => ({ translation, touched: new Set(touchedKeys(translation)) }));
  for (const { key, leaf, after, before, changed } of strings) {
    const removedOnly = changed !== undefined && before !== undefined && (changed.extra ?? []).length === 0 && (changed.missing ?? []).length > 0;
    const stillTranslated = removedOnly ? carriersOf(changed.missing ?? [], key, before, after, choice, translations) : [];
    // Whether the change edits the code that fills the string's new placeholders: then the translations it left with the old ones are what breaks.
    let filled = false;
    if (removedOnly && stillTranslated.length > 0) {
      findings.push(removedFromSource(file, key, changed.missing ?? [], stillTranslated, translations, before, after));
    } else if (removedOnly && translatedIn(translations, key, before, after).length > 0) {
      // Removed from the source and from every translation that had it: a copy change, said nowhere.
    } else if (changed && changed.summary.startsWith('does not parse')) {
      findings.push(finding(MISMATCH, changed.severity, file.path, leaf?.line ?? null, `\`${key}\` ${changed.summary}: the library cannot show it.`, { column: leaf?.column }));
    } else if (changed && before !== undefined) {
      const passedBy = changed.severity === 'error' ? changedCodePassing(ctx, key, changed.extra ?? []) : undefined;
      const edited = passedBy === undefined && byPosition.some((candidate) => candidate.key === key) ? filling.get(keyInCode(key, choice.grammar)) : undefined;
      const pronoun = (changed.extra ?? []).length > 1 ? 'them' : 'it';
      const text = passedBy
        ? `Placeholders of \`${key}\` changed: ${changed.summary}; this change's ${passedBy} passes ${pronoun}.`
        : edited
          ? `Placeholders of \`${key}\` changed: ${changed.summary}. This change also edits ${editedWhere(edited)}: check that it passes the new ones.`
          : `Placeholders of \`${key}\` changed: ${changed.summary}. The code fills the old ones.`;
      // Filled by position, the new placeholders cannot be matched with the edited code's arguments: worth a look, not a blocker.
      findings.push(finding(MISMATCH, passedBy ? 'info' : edited ? 'warning' : changed.severity, file.path, leaf?.line ?? null, text, { column: leaf?.column }));
      filled = passedBy !== undefined || edited !== undefined;
    }
    const stale: StringProblem = { key, file, differences: [] };
    const outdated: StringProblem = { key, file, differences: [] };
    for (const { translation, touched } of others) {
      if (touched.has(key)) continue;
      const translated = stringAt(translation.after, key);
      if (translated === undefined || before === undefined || isUntranslated(translated, after) || isUntranslated(translated, before)) continue;
      const pluralForm = countMayBeLeftOut(key, translation.after?.get(key)?.form, translation.locale, choice.grammar);
      const difference = compareWithSource(before, translated, choice, { pluralForm });
      if (difference && !translation.changed) stale.differences.push({ locale: translation.locale, difference });
      if (difference || !filled) continue;
      const now = compareWithSource(after, translated, choice, { pluralForm });
      if (now) outdated.differences.push({ locale: translation.locale, difference: now });
    }
    if (stale.differences.length > 0) findings.push(noteFinding(stale, file.locale, 'already differs'));
    if (outdated.differences.length > 0) findings.push(outdatedFinding(outdated, file.locale));
  }
  return findings;
}

/** `the code that fills it (App/OSD.swift:42)`, or, for a key no code names, the code that builds it at run time from its prefix. */
function editedWhere(edited: FillingEdit): string {
  const at = `${edited.path}:${edited.line}`;
  return edited.builtFrom === undefined ? `the code that fills it (${at})` : `the code that builds it at run time (${at}, from ${edited.builtFrom}; no code names the key in full)`;
}

/**
 * Translations the change left with the source's old placeholders, where the
 * code now fills the new ones. One that still holds a placeholder the source
 * no longer has, or has retyped (`%.2f` where English now has `%@`), is
 * filled wrong, as when a translator retypes a placeholder: it blocks. One
 * that only lacks what the source gained shows less until it is translated
 * again, which translators' tools flag: a warning.
 */
function outdatedFinding(problem: StringProblem, sourceLocale: string): Finding {
  const broken = problem.differences.some(({ difference }) => difference.severity === 'error' && (difference.extra ?? []).length > 0);
  const leaf = problem.file.after?.get(problem.key);
  const these = problem.differences.length > 1 ? 'these translations as they were' : 'this translation as it was';
  const text = broken
    ? `\`${problem.key}\` differs from the source (${sourceLocale}) in ${describeLocales(problem)}. This change altered the source's placeholders and left ${these}, while the code now fills the new ones: update ${problem.differences.length > 1 ? 'them' : 'it'} in the same change.`
    : `\`${problem.key}\` differs from the source (${sourceLocale}) in ${describeLocales(problem)}. This change altered the source's placeholders and left ${these}: ${problem.differences.length > 1 ? 'they show' : 'it shows'} less until translated again.`;
  return finding(MISMATCH, broken ? 'error' : 'warning', problem.file.path, leaf?.line ?? null, text, { column: leaf?.column });
}

/** A placeholder removed from the source string, and the translations that still show it. */
interface Carrier {
  token: Token;
  locales: string[];
}

/** The translations that translate the key: not missing, empty, or the source text before or after. */
function translatedIn(translations: LocaleVersions[], key: string, before: string, after: string): LocaleVersions[] {
  return translations.filter((translation) => {
    const text = stringAt(translation.after, key);
    return text !== undefined && !isUntranslated(text, after) && !isUntranslated(text, before);
  });
}

/** For each removed placeholder, the translated locales whose string still holds it. */
function carriersOf(removed: Token[], key: string, before: string, after: string, choice: GrammarChoice, translations: LocaleVersions[]): Carrier[] {
  return removed
    .map((token) => ({
      token,
      locales: translatedIn(translations, key, before, after)
        .filter((translation) => holdsToken(stringAt(translation.after, key) as string, token, choice))
        .map((translation) => translation.locale || translation.path),
    }))
    .filter((carrier) => carrier.locales.length > 0);
}

/**
 * A placeholder the change removed from the source string while translations
 * still show it: English no longer says the name, German still does (or, once
 * the code stops passing it, shows `{name}` raw). Blocks when it is a named
 * argument every translation of the string holds; a warning otherwise.
 */
function removedFromSource(file: LocaleVersions, key: string, removed: Token[], carriers: Carrier[], translations: LocaleVersions[], before: string, after: string): Finding {
  const translated = translatedIn(translations, key, before, after);
  const everywhere = carriers.some((carrier) => isNamedArgument(carrier.token) && carrier.locales.length === translated.length);
  const leaf = file.after?.get(key);
  const which = carriers.map((carrier) => `${carrier.token.text} in ${listed(carrier.locales)}`).join('; ');
  const gone = removed.map((token) => token.text).join(', ');
  const pronoun = removed.length > 1 ? 'them' : 'it';
  return finding(
    MISMATCH,
    everywhere ? 'error' : 'warning',
    file.path,
    leaf?.line ?? null,
    `\`${key}\`: ${gone} removed from the source (${file.locale || file.path}), but the translations still show ${pronoun}: ${which}. Remove ${pronoun} from the translations in the same change, or keep ${pronoun} in the source.`,
    { column: leaf?.column },
  );
}

/** The keys the budget still allows; the others are counted as skipped. */
function withinBudget(keys: string[], budget: Budget): string[] {
  const allowed = keys.slice(0, Math.max(0, budget.left));
  budget.left -= allowed.length;
  budget.skipped += keys.length - allowed.length;
  return allowed;
}

function problemFinding(problem: StringProblem, sourceLocale: string): Finding {
  const severity = problem.differences.some(({ difference }) => difference.severity === 'error') ? 'error' : 'warning';
  const leaf = problem.file.after?.get(problem.key);
  return finding(MISMATCH, severity, problem.file.path, leaf?.line ?? null, `\`${problem.key}\` differs from the source (${sourceLocale}) in ${describeLocales(problem)}.`, { column: leaf?.column });
}

function noteFinding(problem: StringProblem, sourceLocale: string, what: string, severity: 'info' | 'warning' = 'info'): Finding {
  const leaf = problem.file.after?.get(problem.key);
  return finding(MISMATCH, severity, problem.file.path, leaf?.line ?? null, `\`${problem.key}\` ${what} from the source (${sourceLocale}) in ${describeLocales(problem)}; not introduced by this change.`, { column: leaf?.column });
}

/** `fr and de: new {x}`, or per locale when they differ in different ways: `fr: new {x}; de: missing {y}`. */
function describeLocales(problem: StringProblem): string {
  const bySummary = new Map<string, string[]>();
  // A file of several languages (a string catalog) names its string's own; a file of no known locale, itself.
  const own = problem.file.after?.get(problem.key)?.locale;
  for (const { locale, difference } of problem.differences) bySummary.set(difference.summary, [...(bySummary.get(difference.summary) ?? []), locale || own || problem.file.path]);
  return [...bySummary].map(([summary, locales]) => `${listed(locales)}: ${summary}`).join('; ');
}

/** Every string of the file, before and after the change, with the sources it gives itself. */
function stringsOf(file: LocaleVersions | undefined): string[] {
  const values: string[] = [];
  for (const leaves of [file?.after, file?.before]) {
    for (const leaf of leaves?.values() ?? []) {
      if (typeof leaf.value === 'string') values.push(leaf.value);
      // The source a file gives itself (a msgid, an English key) speaks the grammar too, also where nothing is translated yet.
      if (leaf.source !== undefined) values.push(leaf.source);
    }
  }
  return values;
}
