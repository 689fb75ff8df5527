// A translation writes the example its source gives in its own language:
// `name@company.com` becomes `jmeno@spolecnost.cz`, `team@example.com`
// becomes `csapat@pelda.hu`. Such a value is the source's example, judged
// where the source string is written, not a person's address found anew.
// Only the source's examples are excused, datum for datum: an address for an
// address, a phone number for a phone number, no more of each than the
// source holds. Anything else a translation adds is judged as written.
import type { ChangedFile, CheckContext } from '../../model';
import { readableText } from '../contentSupport';
import { formatOf, isStringsFile, localeSetOf, scanStrings, sourceOfSet } from '../i18n';
import { changedVersionStrings } from '../i18n/changedStrings';
import type { StringsLeaf } from '../i18n/stringsFile';
import { domainOf, findEmailShapes, type PiiMatch } from './piiDetectors';
import { findPhoneShapes } from './phones';
import { isPublicMailDomain } from './publicMail';

/**
 * The source-locale strings that the strings on each 1-based line of a
 * translation file translate. Empty for a source file, a file outside a
 * locale set, or one that does not parse: those are judged line by line as
 * written.
 */
export async function sourceStringsByLine(ctx: CheckContext, file: ChangedFile): Promise<Map<number, string[]>> {
  const byLine = new Map<number, string[]>();
  const format = formatOf(file.path);
  const text = readableText(file.newText, file);
  if (!format || text === undefined || !isStringsFile(file.path)) return byLine;
  // A `.po` entry, an XLIFF unit and a string catalog give their source themselves, beside the translation.
  const own = changedVersionStrings(ctx, file, 'after', format);
  if (own?.ok && [...own.leaves.values()].some((leaf) => leaf.source !== undefined)) return ownSourcesByLine(text, own.leaves, format === 'po');
  const set = await localeSetOf(file.path, ctx.files);
  const present: typeof set.files = [];
  for (const member of set.files) if (member.path === file.path || (await ctx.files.readText(member.path)) !== undefined) present.push(member);
  const source = sourceOfSet({ ...set, files: present }, ctx.options.sourceLocale ?? ctx.policy.sourceLocale);
  if (!source || source.path === file.path) return byLine;
  const sourceText = readableText(await ctx.files.readText(source.path));
  const original = sourceText === undefined ? undefined : scanStrings(sourceText, format, source.path);
  if (!own?.ok || !original?.ok) return byLine;
  for (const [key, leaf] of own.leaves) {
    const value = original.leaves.get(key)?.value;
    if (typeof value !== 'string') continue;
    const strings = byLine.get(leaf.line);
    if (strings) strings.push(value);
    else byLine.set(leaf.line, [value]);
  }
  return byLine;
}

/**
 * The source string of the entry each line of a file that carries its
 * sources belongs to (a `.po` entry's msgid and msgid_plural, an XLIFF
 * unit's `<source>`, a catalog's source language): its translations
 * translate them, and the source repeats the code's string, whose data is
 * judged where the code writes it.
 */
function ownSourcesByLine(text: string, leaves: Map<string, StringsLeaf>, po: boolean): Map<number, string[]> {
  const byLine = new Map<number, string[]>();
  // The header credits the catalog's translator and team, as an AUTHORS file does: their own addresses, not data.
  if (po) {
    text.split(/\r?\n/).forEach((line, index) => {
      if (/^"(?:Last-Translator|Language-Team|Report-Msgid-Bugs-To):/.test(line.trim())) byLine.set(index + 1, [line]);
    });
  }
  for (const leaf of leaves.values()) {
    if (leaf.source === undefined) continue;
    const [from, to] = leaf.lines ?? [leaf.line, leaf.line];
    for (let line = from; line <= to; line++) {
      const sources = byLine.get(line) ?? [];
      if (!sources.includes(leaf.source)) byLine.set(line, [...sources, leaf.source]);
    }
  }
  return byLine;
}

/**
 * The personal data of a translated line that its source strings do not
 * account for. A card number or a national id always counts: a translation
 * has no reason to write another one than its source's.
 */
export function dataBeyondSource(found: readonly PiiMatch[], sources: readonly string[]): PiiMatch[] {
  if (sources.length === 0) return [...found];
  const domains = sources.flatMap((source) => findEmailShapes(source).map(({ value }) => domainOf(value)));
  let phones = sources.reduce((count, source) => count + findPhoneShapes(source).length, 0);
  return found.filter((match) => {
    if (match.kind === 'phone number' && phones > 0) {
      phones--;
      return false;
    }
    const example = match.kind === 'e-mail address' ? sourceAddressFor(domainOf(match.value), domains) : -1;
    if (example >= 0) domains.splice(example, 1);
    return example < 0;
  });
}

/**
 * Which of the source's address domains a translated address at `domain`
 * stands for, or -1. An example domain is translated with the rest
 * (example.com → pelda.hu), but a public mail provider is not: an address at
 * gmail.com translates only one at gmail.com.
 */
function sourceAddressFor(domain: string, domains: readonly string[]): number {
  if (isPublicMailDomain(domain)) return domains.indexOf(domain);
  const example = domains.findIndex((candidate) => !isPublicMailDomain(candidate));
  // `you@gmail.com` may still come out as `vous@exemple.fr`.
  return example >= 0 ? example : domains.length - 1;
}
