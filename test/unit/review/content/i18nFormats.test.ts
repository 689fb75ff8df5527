// The strings layer's formats: gettext catalogs (Lingui's ICU, Django's
// printf), Laravel's JSON and PHP arrays, i18next plural forms, and the
// formats the review does not read yet, which it names instead of passing
// them in silence. The cases are real commits' (Hi.Events, Documenso).
import * as assert from 'node:assert/strict';
import { i18nCheck } from '../../../../src/core/review/checks/i18n';
import { scanStrings } from '../../../../src/core/review/checks/i18n/stringsFile';
import { piiCheck } from '../../../../src/core/review/checks/security/pii';
import type { Finding } from '../../../../src/core/types';
import { changed, context, run } from './context';

const brief = (findings: Finding[]) => findings.map((found) => [found.check, found.severity, found.message]);
const blocking = (findings: Finding[]) => findings.filter((found) => found.blocking).map((found) => [found.check, found.file, found.line, found.message]);

async function review(repo: Record<string, string>, edits: Record<string, string>): Promise<Finding[]> {
  return run(i18nCheck, context(Object.entries(edits).map(([path, text]) => changed(path, repo[path], text)), { repo, listing: true }));
}

const LINGUI_HEADER = `msgid ""
msgstr ""
"POT-Creation-Date: 2024-01-01 00:00+0000\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"X-Generator: @lingui/cli\\n"
"Language: es\\n"
"Plural-Forms: \\n"
`;

const linguiEntry = (id: string, translation: string, reference = 'src/components/Timer.tsx:12') => `
#: ${reference}
msgid "${id}"
msgstr "${translation}"
`;

describe('strings layer: gettext catalogs', () => {
  it('reads entries with their context, plural forms and lines; fuzzy translations count as untranslated', () => {
    const text = `msgid ""
msgstr ""
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#, python-format
msgctxt "button"
msgid "Save %(name)s"
msgstr "Guardar %(name)s"

msgid "%(count)s file"
msgid_plural "%(count)s files"
msgstr[0] "%(count)s archivo"
msgstr[1] "%(count)s archivos"

#, fuzzy
msgid "Hello"
msgstr "Hola"

#~ msgid "Gone"
#~ msgstr "Ido"
`;
    const scan = scanStrings(text, 'po', 'locale/es/LC_MESSAGES/django.po');
    assert.ok(scan.ok);
    assert.deepEqual(
      [...scan.leaves.values()].map(({ path, value, line, source, form, lines }) => ({ path, value, line, source, form, lines })),
      [
        { path: '%(count)s file', value: '%(count)s archivo', line: 12, source: '%(count)s file', form: 'one', lines: [10, 13] },
        { path: '%(count)s file[1]', value: '%(count)s archivos', line: 13, source: '%(count)s files', form: 'other', lines: [10, 13] },
        { path: 'Hello', value: '', line: 17, source: 'Hello', form: undefined, lines: [16, 17] },
        { path: 'Save %(name)s (context: button)', value: 'Guardar %(name)s', line: 8, source: 'Save %(name)s', form: undefined, lines: [6, 8] },
      ],
    );
  });

  it('true violation (Hi.Events): a Lingui catalog translating {minutes} as {minutos} blocks, with no source catalog to compare with', async () => {
    const path = 'frontend/src/locales/es.po';
    const before = `${LINGUI_HEADER}${linguiEntry('Expires in {minutes} minutes', '')}`;
    const after = `${LINGUI_HEADER}${linguiEntry('Expires in {minutes} minutes', 'Expira en {minutos} minutos')}`;
    const findings = await review({ [path]: before }, { [path]: after });
    assert.deepEqual(blocking(findings), [
      ['i18n.placeholder-mismatch', path, 12, '`Expires in {minutes} minutes` differs from the source (its msgid) in es: new {minutos}; missing {minutes}.'],
    ]);
  });

  it('true violation (Documenso): a Polish translation „{documentName}}” does not parse as ICU and blocks; the same string well formed passes', async () => {
    const header = LINGUI_HEADER.replace('Language: es', 'Language: pl');
    const repo = {
      'packages/lib/translations/en/web.po': `${LINGUI_HEADER.replace('Language: es', 'Language: en')}${linguiEntry('The document {documentName} was deleted', 'The document {documentName} was deleted')}`,
      'packages/lib/translations/pl/web.po': `${header}${linguiEntry('The document {documentName} was deleted', '')}`,
    };
    const broken = await review(repo, { 'packages/lib/translations/pl/web.po': `${header}${linguiEntry('The document {documentName} was deleted', 'Dokument „{documentName}}” został usunięty')}` });
    assert.deepEqual(blocking(broken).map(([, , , message]) => message), ['`The document {documentName} was deleted` differs from the source (en) in pl: does not parse (unmatched closing brace }).']);
    const fine = await review(repo, { 'packages/lib/translations/pl/web.po': `${header}${linguiEntry('The document {documentName} was deleted', 'Dokument „{documentName}” został usunięty')}` });
    assert.deepEqual(blocking(fine), []);
  });

  it("Django's catalogs: a renamed %(name)s blocks; a singular form that names its count in words, and %% and {0}, pass", async () => {
    const path = 'app/locale/de/LC_MESSAGES/django.po';
    const catalog = (greeting: string, one: string) => `msgid ""
msgstr ""
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#, python-format
msgid "Hello %(name)s, 100%% done"
msgstr "${greeting}"

#, python-format
msgid "%(num)d file"
msgid_plural "%(num)d files"
msgstr[0] "${one}"
msgstr[1] "%(num)d Dateien"

#, python-brace-format
msgid "Page {0} of {1}"
msgstr "Seite {0} von {1}"
`;
    const before = catalog('Hallo %(name)s, 100%% fertig', '%(num)d Datei');
    assert.deepEqual(blocking(await review({ [path]: before }, { [path]: catalog('Hallo %(name)s, 100%% fertig', 'Eine Datei') })), []);
    const renamed = await review({ [path]: before }, { [path]: catalog('Hallo %(nom)s, 100%% fertig', '%(num)d Datei') });
    assert.deepEqual(blocking(renamed).map(([, , line, message]) => [line, message]), [[7, '`Hello %(name)s, 100%% done` differs from the source (its msgid) in de: new %(nom)s; missing %(name)s.']]);
  });

  it("personal data: the header's Last-Translator and Language-Team credit their own addresses, as an AUTHORS file does (Hi.Events' Italian catalog)", async () => {
    const path = 'frontend/src/locales/it.po';
    const before = `${LINGUI_HEADER}${linguiEntry('Save', 'Salva')}`;
    const after = before.replace('"Language: es\\n"', '"Language: it\\n"\n"Last-Translator: Fabio Rossi <fabio.rossi@mailbox.org>\\n"\n"Language-Team: Italian <it@translators.org>\\n"');
    assert.notEqual(after, before);
    assert.deepEqual(await piiCheck.run(context([changed(path, before, after)], { repo: { [path]: before } })), []);
  });

  it('a NUL byte the catalog already held before the change warns; one the change writes blocks (Documenso\'s French catalog)', async () => {
    const path = 'packages/lib/translations/fr/web.po';
    const nul = `${LINGUI_HEADER}${linguiEntry('<0>Events:</0> All', '<0>Événements\u0000a0:</0> Tous')}`;
    const clean = `${LINGUI_HEADER}${linguiEntry('<0>Events:</0> All', '<0>Événements :</0> Tous')}`;
    const touched = `${nul}${linguiEntry('Save', 'Enregistrer')}`;
    assert.deepEqual((await review({ [path]: nul }, { [path]: touched })).map((found) => [found.check, found.severity]), [['i18n.invalid-json', 'warning']]);
    assert.deepEqual((await review({ [path]: clean }, { [path]: touched })).map((found) => [found.check, found.severity]), [['i18n.invalid-json', 'error']]);
  });

  it('a catalog that does not parse is reported as gettext, at its line', async () => {
    const path = 'locale/fr/LC_MESSAGES/messages.po';
    const findings = await review({ [path]: 'msgid "a"\nmsgstr "b"\n' }, { [path]: 'msgid "a"\nmsgstr "b"\nmsgsrt "c"\n' });
    assert.deepEqual(findings.map((found) => [found.check, found.line, found.message.split(':')[0]]), [['i18n.invalid-json', 3, 'Not valid gettext (.po)']]);
  });

  it('an entry with no msgstr (a msgid cut short), which gettext-parser takes and msgfmt refuses, does not parse, at its line; a catalog with no header does', async () => {
    const path = 'locale/fr/LC_MESSAGES/messages.po';
    const before = 'msgid "a"\nmsgstr "b"\n';
    const headerless = scanStrings(before, 'po');
    assert.deepEqual(headerless.ok && [...headerless.leaves.values()].map((leaf) => [leaf.path, leaf.value]), [['a', 'b']]);
    for (const after of [`${before}\nmsgid "cut short\n`, `${before}\nmsgid "no msgstr"\n\nmsgid "c"\nmsgstr "d"\n`]) {
      const findings = await review({ [path]: before }, { [path]: after });
      assert.deepEqual(findings.map((found) => [found.check, found.severity, found.line, found.message.split(':')[0]]), [['i18n.invalid-json', 'error', 4, 'Not valid gettext (.po)']]);
      assert.match(findings[0].message, /has no msgstr/);
    }
  });

  it("personal data: a Spanish translation repeating its msgid's example address is the source's example, not new data; a new address in a translation still blocks", async () => {
    const path = 'frontend/src/locales/es.po';
    const before = `${LINGUI_HEADER}${linguiEntry('Enter your email, e.g. jane@acme.io', '')}`;
    const repeat = `${LINGUI_HEADER}${linguiEntry('Enter your email, e.g. jane@acme.io', 'Introduce tu correo, p. ej. juana@acme.io')}`;
    const scan = async (after: string) => piiCheck.run(context([changed(path, before, after)], { repo: { [path]: before } }));
    assert.deepEqual(await scan(repeat), []);
    const added = `${repeat}${linguiEntry('Contact us', 'Escribe a maria.garcia@acme.io')}`;
    assert.deepEqual((await scan(added)).map((found) => [found.check, found.line]), [['security.pii', 16]]);
  });
});

describe('strings layer: Laravel', () => {
  it('true violation (Hi.Events): the JSON translation of "🎟️ Your Ticket for :event" renaming :event to :evento blocks; :Event and :EVENT are the same placeholder', async () => {
    const path = 'backend/lang/es.json';
    const json = (value: string) => `${JSON.stringify({ '🎟️ Your Ticket for :event': value, 'Hello :name': 'Hola :name' }, null, 4)}\n`;
    const before = json('🎟️ Tu entrada para :event');
    const findings = await review({ [path]: before, 'backend/lang/de.json': `${JSON.stringify({ '🎟️ Your Ticket for :event': '🎟️ Dein Ticket für :event' })}\n` }, { [path]: json('Su entrada para :evento') });
    assert.deepEqual(blocking(findings), [['i18n.placeholder-mismatch', path, 2, '`🎟️ Your Ticket for :event` differs from the source (its English key) in es: new :evento; missing :event.']]);
    assert.deepEqual(blocking(await review({ [path]: before }, { [path]: json('🎟️ :EVENT: tu entrada') })), []);
  });

  it("true violation (Hi.Events' Portuguese and Italian): a placeholder a machine translation broke apart (`: o código`, `Il campo: deve`) blocks; Swedish `ID:erna` is no placeholder", async () => {
    const path = 'backend/lang/pt.json';
    const json = (entries: Record<string, string>) => `${JSON.stringify(entries, null, 4)}\n`;
    const before = json({ 'Promo code :code already exists': '', 'The ordered IDs must match': '' });
    const findings = await review({ [path]: before }, { [path]: json({ 'Promo code :code already exists': 'Código promocional: o código já existe', 'The ordered IDs must match': 'De ordnade ID:erna måste matcha' }) });
    assert.deepEqual(blocking(findings).map(([, , , message]) => message), ['`Promo code :code already exists` differs from the source (its English key) in pt: missing :code.']);
  });

  it('a commit that fixes part of a broken translation (`:evento` back to `:event`, `:importo` left) does not block for what it left as it was', async () => {
    const path = 'backend/lang/it.json';
    const json = (value: string) => `${JSON.stringify({ 'New order for :amount for :event 🎉': value }, null, 4)}\n`;
    const findings = await review({ [path]: json('Nuovo ordine per :importo per :evento 🎉') }, { [path]: json('Nuovo ordine per :importo per :event 🎉') });
    assert.deepEqual(findings.map((found) => [found.severity, found.message]), [['warning', '`New order for :amount for :event 🎉` already differed before this change from the source (its English key) in it: new :importo; missing :amount; not introduced by this change.']]);
  });

  it("PHP arrays under lang/<locale>/: a translation renaming :name blocks against lang/en's file; nested groups and concatenations are read", async () => {
    const english = "<?php\n\nreturn [\n    'welcome' => 'Welcome, :name!',\n    'orders' => [\n        'count' => 'You have :count orders' . ' today',\n    ],\n];\n";
    const spanish = (welcome: string) => `<?php\n\nreturn [\n    'welcome' => '${welcome}',\n    'orders' => [\n        'count' => 'Tienes :count pedidos hoy',\n    ],\n];\n`;
    const repo = { 'lang/en/messages.php': english, 'lang/es/messages.php': spanish('¡Bienvenido, :name!') };
    const scan = scanStrings(english, 'php', 'lang/en/messages.php');
    assert.ok(scan.ok);
    assert.deepEqual([...scan.leaves.values()].map(({ path, value, line }) => [path, value, line]), [['welcome', 'Welcome, :name!', 4], ['orders.count', 'You have :count orders today', 6]]);
    const findings = await review(repo, { 'lang/es/messages.php': spanish('¡Bienvenido, :nombre!') });
    assert.deepEqual(blocking(findings).map(([, file, line, message]) => [file, line, message]), [['lang/es/messages.php', 4, '`welcome` differs from the source (en) in es: new :nombre; missing :name.']]);
    assert.deepEqual(blocking(await review(repo, { 'lang/es/messages.php': spanish('¡Hola, :Name!') })), []);
  });
});

describe('strings layer: i18next plural forms', () => {
  const repo = {
    'public/locales/en/common.json': `${JSON.stringify({ items_one: 'One item', items_other: '{{count}} items' }, null, 2)}\n`,
    'public/locales/de/common.json': `${JSON.stringify({ items_one: 'Ein Artikel', items_other: '{{count}} Artikel' }, null, 2)}\n`,
    'public/locales/ru/common.json': `${JSON.stringify({ items_one: '{{count}} элемент', items_few: '{{count}} элемента', items_many: '{{count}} элементов', items_other: '{{count}} элемента' }, null, 2)}\n`,
  };

  it('an _other form that drops {{count}} blocks, as the same drop in a plain string does', async () => {
    const findings = await review(repo, { 'public/locales/de/common.json': `${JSON.stringify({ items_one: 'Ein Artikel', items_other: 'Artikel' }, null, 2)}\n` });
    assert.deepEqual(blocking(findings).map(([, , , message]) => message), ['`items_other` differs from the source (en) in de: missing {{count}}.']);
  });

  it("a _one form may name its number in words where it stands for 1 alone, not in Russian, whose one is also 21, 31…", async () => {
    assert.deepEqual(blocking(await review(repo, { 'public/locales/de/common.json': `${JSON.stringify({ items_one: 'Ein einziger Artikel', items_other: '{{count}} Artikel' }, null, 2)}\n` })), []);
    const russian = await review(repo, { 'public/locales/ru/common.json': `${JSON.stringify({ items_one: 'Один элемент', items_few: '{{count}} элемента', items_many: '{{count}} элементов', items_other: '{{count}} элемента' }, null, 2)}\n` });
    assert.deepEqual(blocking(russian).map(([, , , message]) => message), ['`items_one` differs from the source (en) in ru: missing {{count}}.']);
  });
});

describe('strings layer: formats the review does not read yet', () => {
  it('names each format once per change, as a note, never passing them in silence; the formats it reads are not named', async () => {
    const findings = await review({}, {
      'src/App/Resources/Strings.de.resx': '<root><data name="Hi"><value>Hallo {0}</value></data></root>\n',
      'src/App/Resources/Strings.fr.resx': '<root><data name="Hi"><value>Salut {0}</value></data></root>\n',
      'app/src/main/res/values-de/strings.xml': '<resources><string name="hi">Hallo %1$s</string></resources>\n',
      'ios/App/de.lproj/Localizable.strings': '"hi" = "Hallo %@";\n',
    });
    assert.deepEqual(brief(findings), [
      ['i18n.placeholder-mismatch', 'info', 'Not read: 2 .NET .resx files (`src/App/Resources/Strings.de.resx` and `src/App/Resources/Strings.fr.resx`); the review does not read this format yet, so their placeholders and keys were not compared with the source. Have someone who knows it check the translations.'],
    ]);
  });
});
