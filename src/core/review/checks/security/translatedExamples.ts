// A translation writes the example its source gives in its own language:
// `name@company.com` becomes `jmeno@spolecnost.cz`, `team@example.com`
// becomes `csapat@pelda.hu`. Such a value is the source's example, judged
// where the source string is written, not a person's address found anew.
import type { ChangedFile, CheckContext } from '../../model';
import { readableText } from '../contentSupport';
import { formatOf, isStringsFile, localeSetOf, scanStrings, sourceOf } from '../i18n';

/**
 * The 1-based lines of a translation file whose string translates a source
 * string that holds a datum of the same kind (`has` says whether a string
 * does). Empty for a source file, a file outside a locale set, or one that
 * does not parse: those are judged line by line as written.
 */
export async function linesTranslatingData(ctx: CheckContext, file: ChangedFile, has: (text: string) => boolean): Promise<Set<number>> {
  const lines = new Set<number>();
  const format = formatOf(file.path);
  const text = readableText(file.newText, file);
  if (!format || text === undefined || !isStringsFile(file.path)) return lines;
  const set = await localeSetOf(file.path, ctx.files);
  const present: typeof set.files = [];
  for (const member of set.files) if (member.path === file.path || (await ctx.files.readText(member.path)) !== undefined) present.push(member);
  const source = sourceOf({ id: set.id, files: present }, ctx.options.sourceLocale ?? ctx.policy.sourceLocale);
  if (!source || source.path === file.path) return lines;
  const sourceText = readableText(await ctx.files.readText(source.path));
  const translation = scanStrings(text, format);
  const original = sourceText === undefined ? undefined : scanStrings(sourceText, format);
  if (!translation.ok || !original?.ok) return lines;
  for (const [key, leaf] of translation.leaves) {
    const value = original.leaves.get(key)?.value;
    if (typeof value === 'string' && has(value)) lines.add(leaf.line);
  }
  return lines;
}
