import * as assert from 'node:assert/strict';
import type { ChangedFile } from '../../../src/core/review/model';
import { countsTowardsSize, sizeCheck } from '../../../src/core/review/checks/size';
import { changedStringCount, changedVersionStrings, keyPathsOf } from '../../../src/core/review/checks/i18n/changedStrings';
import { i18nCheck } from '../../../src/core/review/checks/i18n';
import { added, deleted, makeContext, modified, type ContextOptions } from './security/context';

const text = (count: number, tag = 'line'): string => Array.from({ length: count }, (_, i) => `${tag} ${i}\n`).join('');
const files = (count: number, linesEach = 1): ChangedFile[] =>
  Array.from({ length: count }, (_, i) => added(`src/i18n/f${i}.json`, text(linesEach)));

async function run(changed: ChangedFile[], options?: ContextOptions['options']) {
  return sizeCheck.run(makeContext(changed, { options }));
}

describe('size.large', () => {
  it('says nothing at or under both limits', async () => {
    assert.deepEqual(await run(files(10, 30)), []);
    assert.deepEqual(await run([]), []);
  });

  it('warns, without blocking, past the file limit, with the numbers', async () => {
    assert.deepEqual(await run(files(11)), [
      {
        check: 'size.large',
        severity: 'warning',
        blocking: false,
        file: null,
        line: null,
        message:
          'This change touches 11 files (limit 10) and 11 changed lines: a PM change should do one thing — consider splitting it into smaller pull requests.',
      },
    ]);
  });

  it('counts added plus removed lines against the line limit', async () => {
    const edit = modified('docs/a.md', text(200, 'old'), text(101, 'new'));
    const [finding] = await run([edit]);
    assert.equal(finding?.message.startsWith('This change touches 1 file and 301 changed lines (limit 300)'), true);
    assert.deepEqual(await run([modified('docs/a.md', text(150, 'old'), text(150, 'new'))]), []);
  });

  it('names both limits when both are exceeded', async () => {
    const [finding] = await run(files(12, 30));
    assert.match(finding?.message ?? '', /12 files \(limit 10\) and 360 changed lines \(limit 300\)/);
  });

  it('uses the configured limits, and the defaults for unusable ones', async () => {
    assert.equal((await run(files(3), { maxFiles: 2 })).length, 1);
    assert.equal((await run(files(1, 6), { maxLines: 5 })).length, 1);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.deepEqual(await run(files(10), { maxFiles: bad, maxLines: bad }), [], `limit ${bad}`);
    }
  });

  it('does not count lock files or the planning doc', async () => {
    const change = [...files(10), added('package-lock.json', text(5_000)), added('web/yarn.lock', text(800)), added('PLANNING.md', text(120)), added('src/features/x/PLANNING.md', text(90))];
    assert.deepEqual(await run(change), []);
    assert.equal(countsTowardsSize('src/PLANNING.md.bak'), true);
    assert.equal(countsTowardsSize('docs/planning.md'), true);
  });

  it('counts a binary file or a pure rename as a file with no lines', async () => {
    const binary: ChangedFile = { path: 'img/a.png', status: 'added', oldText: undefined, newText: undefined, binary: true };
    const renamed: ChangedFile = { path: 'docs/b.md', oldPath: 'docs/a.md', status: 'renamed', oldText: 'x\n', newText: 'x\n' };
    const nul = added('img/b.bin', `\u0000${'x\n'.repeat(500)}`);
    const ctx = makeContext([...files(8), binary, renamed, nul]);
    const [finding] = await sizeCheck.run(ctx);
    assert.match(finding?.message ?? '', /11 files \(limit 10\) and 8 changed lines/);
    assert.ok(!ctx.diffed.includes('img/a.png') && !ctx.diffed.includes('img/b.bin'));
  });

  it('counts the lines of a deleted file, and none for a CRLF-only change', async () => {
    assert.equal((await run([deleted('docs/old.md', text(301))])).length, 1);
    assert.deepEqual(await run([modified('docs/a.md', text(400), text(400).replace(/\n/g, '\r\n'))]), []);
  });

  it('declares its id', () => assert.deepEqual(sizeCheck.ids, ['size.large']));
});

/** One gettext entry, as Lingui or Django extract it: reference comments, then the strings. */
interface Entry {
  id: string;
  str: string;
  refs?: string[];
  context?: string;
  plural?: [string, string];
}

/** A `.po` catalog with a header dated `date`. */
function catalog(entries: Entry[], date = '2026-01-05 10:00+0000'): string {
  const header = ['msgid ""', 'msgstr ""', '"POT-Creation-Date: ' + date + '\\n"', '"Language: de\\n"', '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', ''];
  const body = entries.flatMap((entry) => [
    ...(entry.refs ?? []).map((ref) => `#: ${ref}`),
    ...(entry.context ? [`msgctxt "${entry.context}"`] : []),
    `msgid "${entry.id}"`,
    ...(entry.plural ? [`msgid_plural "${entry.id}s"`, `msgstr[0] "${entry.plural[0]}"`, `msgstr[1] "${entry.plural[1]}"`] : [`msgstr "${entry.str}"`]),
    '',
  ]);
  return [...header, ...body].join('\n');
}

const entries = (count: number, line = 10): Entry[] =>
  Array.from({ length: count }, (_, i) => ({ id: `Message ${i}`, str: `Nachricht ${i}`, refs: [`src/pages/page${i}.tsx:${line + i}`, `src/components/Card.tsx:${line * 2 + i}`] }));

describe('size.large in strings files', () => {
  const PO = 'src/locales/de/messages.po';

  it('counts nothing for a .po extraction that only rewrites reference comments and the header, however many lines', async () => {
    const edit = modified(PO, catalog(entries(400), '2026-01-05 10:00+0000'), catalog(entries(400, 30), '2026-03-09 16:42+0000'));
    assert.ok(diffSize(edit) > 1_000, 'the diff is large');
    assert.equal(strings(edit), 0);
    assert.deepEqual(await run([edit]), []);
    assert.deepEqual(await run([edit], { maxLines: 1 }), []);
  });

  it('counts the 3 strings a .po change edits among entries it moves and re-references', async () => {
    const before = entries(300);
    const after = entries(300, 55).reverse();
    for (const i of [3, 150, 299]) after[i] = { ...after[i], str: `${after[i].str} (neu)` };
    const edit = modified(PO, catalog(before), catalog(after));
    assert.ok(diffSize(edit) > 300);
    assert.equal(strings(edit), 3);
    assert.deepEqual(await run([edit]), []);
    assert.deepEqual(await run([edit], { maxLines: 3 }), []);
    const [finding] = await run([edit], { maxLines: 2 });
    assert.match(finding?.message ?? '', /^This change touches 1 file and 3 changed strings in 1 strings file \(limit 2\): /);
  });

  it('counts each context and plural form of a .po entry as the strings layer keys them', () => {
    const base: Entry[] = [
      { id: 'Save', str: 'Speichern', context: 'button' },
      { id: 'Save', str: 'Sichern', context: 'menu' },
      { id: 'file', str: '', plural: ['Datei', 'Dateien'] },
      { id: 'Gone', str: 'Weg' },
    ];
    const changed: Entry[] = [
      { id: 'Save', str: 'Speichern', context: 'button' },
      { id: 'Save', str: 'Sichern!', context: 'menu' },
      { id: 'file', str: '', plural: ['Datei', 'Dateien!'] },
      { id: 'New', str: 'Neu' },
    ];
    // The menu's Save, the plural's second form, Gone removed and New added.
    assert.equal(strings(modified(PO, catalog(base), catalog(changed))), 4);
  });

  it('counts the 3 strings a JSON change edits among keys it moves, beside the lines of other files', async () => {
    const keys = Array.from({ length: 200 }, (_, i) => `key${i}`);
    const json = (order: string[], edited: Set<string>) => `{\n${order.map((key) => `  "${key}": "Text ${key}${edited.has(key) ? ' (new)' : ''}"`).join(',\n')}\n}\n`;
    const edit = modified('src/locales/en.json', json(keys, new Set()), json([...keys].reverse(), new Set(['key1', 'key50', 'key199'])));
    assert.ok(diffSize(edit) > 200);
    assert.equal(strings(edit), 3);
    const copy = modified('docs/a.md', text(5, 'old'), text(5, 'new'));
    const [finding] = await run([edit, copy], { maxLines: 12 });
    assert.match(finding?.message ?? '', /^This change touches 2 files, 10 changed lines and 3 changed strings in 1 strings file \(13 together, limit 12\): /);
    assert.deepEqual(await run([edit, copy], { maxLines: 13 }), []);
  });

  it('says what it counted when the file limit is passed', async () => {
    const locales = Array.from({ length: 11 }, (_, i) => modified(`src/locales/l${i}.json`, '{"a": "A", "b": "B"}\n', '{\n  "b": "B",\n  "a": "A!"\n}\n'));
    const [finding] = await run(locales);
    assert.match(finding?.message ?? '', /^This change touches 11 files \(limit 10\) and 11 changed strings in 11 strings files: /);
  });

  it("counts an XLIFF unit whose <source> changed, and an .xcstrings source string once, not once more for each translation carrying it", () => {
    const unit = (source: string, target: string, indent = '') => `<?xml version="1.0"?>\n<xliff version="1.2"><file original="a"><body>\n${indent}<trans-unit id="hint"><source>${source}</source>\n${indent}<target>${target}</target></trans-unit>\n</body></file></xliff>\n`;
    const xlf = 'src/locale/messages.fr.xlf';
    assert.equal(strings(modified(xlf, unit('Save', 'Enregistrer'), unit('Save now', 'Enregistrer'))), 1);
    assert.equal(strings(modified(xlf, unit('Save', 'Enregistrer'), unit('Save', 'Enregistrer', '    '))), 0);
    const localized = (value: string) => ({ stringUnit: { state: 'translated', value } });
    const xcstrings = (english: string) => `${JSON.stringify({ sourceLanguage: 'en', strings: { greeting: { localizations: { en: localized(english), de: localized('Hallo'), fr: localized('Bonjour') } } }, version: '1.0' }, null, 2)}\n`;
    const path = 'App/Localizable.xcstrings';
    assert.equal(strings(modified(path, xcstrings('Hello'), xcstrings('Hi'))), 1);
    assert.equal(strings(modified(path, xcstrings('Hello'), JSON.stringify(JSON.parse(xcstrings('Hello'))))), 0);
  });

  it('counts an added or deleted strings file by its strings', async () => {
    const json = `{\n${Array.from({ length: 5 }, (_, i) => `  "k${i}": {\n    "text": "T${i}"\n  }`).join(',\n')}\n}\n`;
    assert.equal(strings(added('src/locales/fr.json', json)), 5);
    assert.equal(strings(deleted('src/locales/fr.json', json)), 5);
  });

  it('still counts the lines of a strings file it cannot read', async () => {
    const broken = modified('src/locales/en.json', `{\n${text(200, '"a": 1,')}`, `{\n${text(200, '"b": 2,')}`);
    assert.equal(strings(broken), undefined);
    const [finding] = await run([broken]);
    assert.match(finding?.message ?? '', /^This change touches 1 file and 400 changed lines \(limit 300\): /);
    // A catalog that parsed before and not after, and one not text a reader loads.
    const before = catalog(entries(200));
    const unparsable = modified(PO, before, `${before}\nmsgid "unterminated\n`);
    assert.equal(strings(unparsable), undefined);
    assert.equal(strings(modified(PO, before, `${catalog(entries(200, 40))}\u0000`)), undefined);
    // A file of strings no reader knows (.NET's .resx) and a JSON file outside a strings folder: lines.
    assert.equal(strings(modified('src/Resources/Strings.de.resx', '<root/>\n', '<root></root>\n')), undefined);
    assert.equal(strings(modified('src/config/settings.json', '{"a": 1}\n', '{"a": 2}\n')), undefined);
  });

  it('reads each version of a strings file once in a review, sharing the reading with the translation checks', async () => {
    const edit = modified(PO, catalog(entries(20)), catalog(entries(20, 30)));
    const ctx = makeContext([edit]);
    await sizeCheck.run(ctx);
    const read = changedVersionStrings(ctx, edit, 'after', 'po');
    assert.ok(read?.ok);
    assert.equal(changedVersionStrings(ctx, edit, 'after', 'po'), read);
    assert.deepEqual(await i18nCheck.run(ctx), []);
    assert.equal(changedVersionStrings(ctx, edit, 'after', 'po'), read);
    // Another review reads the file anew: nothing is kept past the review.
    assert.notEqual(changedVersionStrings(makeContext([edit]), edit, 'after', 'po'), read);
  });

  it('shares the key paths of the JSON locales a review reads among all their versions, for that review alone', async () => {
    const locale = (words: string[]) => `{\n${words.map((word, i) => `  "screen.${i}": {"string": "${word} ${i}"}`).join(',\n')}\n}\n`;
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
    const change = [modified('src/locales/en.json', locale(words), locale([...words, 'new'])), modified('src/locales/de.json', locale(words.slice(0, 30)), locale(words))];
    const ctx = makeContext(change);
    await i18nCheck.run(ctx);
    // Four versions of two locales read, 41 screens among them: each screen's key and its string's path, once.
    assert.deepEqual(new Set(keyPathsOf(ctx).held()), new Set(Array.from({ length: 41 }, (_, i) => [`screen.${i}`, `screen.${i}.string`]).flat()));
    assert.equal(keyPathsOf(makeContext(change)).size, 0);
  });
});

/** The strings a change to `file` counts for, or undefined where it counts its lines. */
function strings(file: ChangedFile): number | undefined {
  return changedStringCount(makeContext([file]), file);
}

function diffSize(file: ChangedFile): number {
  const diff = makeContext([file]).diff(file);
  return diff.added.length + diff.removed.length;
}
