// The strings layer's platform formats: Android's strings.xml, Apple's
// `.strings`, `.stringsdict` and `.xcstrings`, Java's `.properties`, XLIFF
// and Fluent, each with its placeholder grammar, in the layouts their
// platforms give them. Samples follow the real files' shapes.
import * as assert from 'node:assert/strict';
import { i18nCheck } from '../../../../src/core/review/checks/i18n';
import { scanStrings } from '../../../../src/core/review/checks/i18n/stringsFile';
import { piiCheck } from '../../../../src/core/review/checks/security/pii';
import type { Finding } from '../../../../src/core/types';
import type { TextSearch } from '../../../../src/core/review/model';
import { changed, context, run } from './context';

const blocking = (findings: Finding[]) => findings.filter((found) => found.blocking).map((found) => [found.file, found.line, found.message]);
const notes = (findings: Finding[]) => findings.filter((found) => found.message.startsWith('Not read')).map((found) => found.message);

async function review(repo: Record<string, string>, edits: Record<string, string | undefined>): Promise<Finding[]> {
  return run(i18nCheck, context(Object.entries(edits).map(([path, text]) => changed(path, repo[path], text)), { repo, listing: true }));
}

const android = (body: string) => `<?xml version="1.0" encoding="utf-8"?>
<resources xmlns:tools="http://schemas.android.com/tools" xmlns:xliff="urn:oasis:names:tc:xliff:document:1.2">
${body}
</resources>
`;

describe('strings layer: Android strings.xml', () => {
  const english = android(`    <string name="app_name" translatable="false">Notes</string>
    <string name="welcome">Welcome back, <xliff:g id="name" example="Ada">%1$s</xliff:g>!</string>
    <string name="storage">%1$d of %2$d GB used</string>
    <plurals name="notes_count">
        <item quantity="one">One note</item>
        <item quantity="other">%d notes</item>
    </plurals>
    <string-array name="sort_orders">
        <item>Newest first</item>
        <item>Oldest first</item>
    </string-array>`);
  const german = (welcome: string, other = '%d Notizen') => android(`    <string name="welcome">${welcome}</string>
    <string name="storage">%1$d von %2$d GB belegt</string>
    <plurals name="notes_count">
        <item quantity="one">Eine Notiz</item>
        <item quantity="other">${other}</item>
    </plurals>
    <string-array name="sort_orders">
        <item>Neueste zuerst</item>
        <item>Älteste zuerst</item>
    </string-array>`);
  const repo = {
    'app/src/main/res/values/strings.xml': english,
    'app/src/main/res/values-de/strings.xml': german('Willkommen zurück, %1$s!'),
    'app/src/main/res/values-night/colors.xml': '<resources/>\n',
  };

  it('reads strings, plural forms and arrays with their lines; a string that is not translatable is left out', () => {
    const scan = scanStrings(english, 'android', 'app/src/main/res/values/strings.xml');
    assert.ok(scan.ok);
    assert.deepEqual([...scan.leaves.values()].map(({ path, value, line, form }) => [path, value, line, form]), [
      ['welcome', 'Welcome back, %1$s!', 4, undefined],
      ['storage', '%1$d of %2$d GB used', 5, undefined],
      ['notes_count.one', 'One note', 7, 'one'],
      ['notes_count.other', '%d notes', 8, 'other'],
      ['sort_orders[0]', 'Newest first', 11, undefined],
      ['sort_orders[1]', 'Oldest first', 12, undefined],
    ]);
  });

  it('a translation that drops %1$s or the count of its other form blocks against values/; one that keeps them passes, and the format is no longer named unread', async () => {
    const path = 'app/src/main/res/values-de/strings.xml';
    const dropped = await review(repo, { [path]: german('Willkommen zurück!', 'Notizen') });
    assert.deepEqual(blocking(dropped), [
      [path, 3, '`welcome` differs from the source (default) in de: missing %1$s.'],
      [path, 7, '`notes_count.other` differs from the source (default) in de: missing %1$d.'],
    ]);
    const kept = await review(repo, { [path]: german('Schön, dass du da bist, %1$s!') });
    assert.deepEqual(blocking(kept), []);
    assert.deepEqual(notes(kept), []);
  });

  it('an item of a string-array is named as in a list, sort_orders[1]', async () => {
    const path = 'app/src/main/res/values-de/strings.xml';
    const edited = german('Willkommen zurück, %1$s!').replace('<item>Älteste zuerst</item>', '<item>Älteste %1$s zuerst</item>');
    assert.deepEqual(blocking(await review(repo, { [path]: edited })), [[path, 11, '`sort_orders[1]` differs from the source (default) in de: new %1$s.']]);
  });

  it('a strings.xml that is not well-formed XML blocks at its line', async () => {
    const path = 'app/src/main/res/values-de/strings.xml';
    const findings = await review(repo, { [path]: german('Willkommen <b>%1$s!') });
    assert.deepEqual(findings.filter((found) => found.blocking).map((found) => [found.check, found.line, found.message.split(':')[0]]), [['i18n.invalid-json', 3, 'Not valid Android strings.xml']]);
  });
});

describe('strings layer: Apple .strings, .stringsdict and .xcstrings', () => {
  const strings = (greeting: string) => `/* Greeting on the home screen */
"home.greeting" = "${greeting}";
// Bare keys are allowed too
settings_title = "Settings";
"files.count" = "%lld files in \\"%@\\"";
`;
  const repo = {
    'App/en.lproj/Localizable.strings': strings('Hello, %@! You have %d new messages.'),
    'App/fr.lproj/Localizable.strings': strings('Bonjour, %@ ! Vous avez %d nouveaux messages.'),
    'App/Base.lproj/Main.storyboard': '<document/>\n',
  };

  it('reads quoted and bare keys, comments and escapes', () => {
    const scan = scanStrings(repo['App/en.lproj/Localizable.strings'], 'strings', 'App/en.lproj/Localizable.strings');
    assert.ok(scan.ok);
    assert.deepEqual([...scan.leaves.values()].map(({ path, value, line }) => [path, value, line]), [
      ['home.greeting', 'Hello, %@! You have %d new messages.', 2],
      ['settings_title', 'Settings', 4],
      ['files.count', '%lld files in "%@"', 5],
    ]);
  });

  it('a French .strings that drops %d blocks against en.lproj; one that reorders with %2$d and %1$@ passes', async () => {
    const path = 'App/fr.lproj/Localizable.strings';
    assert.deepEqual(blocking(await review(repo, { [path]: strings('Bonjour, %@ ! Vous avez de nouveaux messages.') })), [[path, 2, '`home.greeting` differs from the source (en) in fr: missing %2$d.']]);
    const reordered = await review(repo, { [path]: strings('%2$d nouveaux messages pour vous, %1$@.') });
    assert.deepEqual(blocking(reordered), []);
    assert.deepEqual(notes(reordered), []);
  });

  it("a percent sign written before a word in Interface Builder's strings (\"% of screen\") is text, not `% o`", async () => {
    const en = 'App/en.lproj/PrefUIViewController.strings';
    const ar = 'App/ar.lproj/PrefUIViewController.strings';
    const ib = (title: string) => `/* Class = "NSMenuItem"; title = "% of screen"; ObjectID = "2YJ-bg-OdR"; */\n"2YJ-bg-OdR.title" = "${title}";\n`;
    assert.deepEqual(blocking(await review({ [en]: ib('% of screen'), [ar]: ib('% of screen') }, { [ar]: ib('% من الشاشة') })), []);
    assert.deepEqual(blocking(await review({ [en]: ib('%d%% of screen'), [ar]: ib('%d%% of screen') }, { [ar]: ib('% من الشاشة') })), [[ar, 2, '`2YJ-bg-OdR.title` differs from the source (en) in ar: missing %1$d.']]);
  });

  const stringsdict = (other: string) => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
    <key>files_selected</key>
    <dict>
        <key>NSStringLocalizedFormatKey</key>
        <string>%#@files@</string>
        <key>files</key>
        <dict>
            <key>NSStringFormatSpecTypeKey</key>
            <string>NSStringPluralRuleType</string>
            <key>NSStringFormatValueTypeKey</key>
            <string>d</string>
            <key>one</key>
            <string>One file selected</string>
            <key>other</key>
            <string>${other}</string>
        </dict>
    </dict>
</dict>
</plist>
`;

  it("a .stringsdict's plural form that drops its count blocks; its forms are keys of their own", async () => {
    const en = 'App/en.lproj/Localizable.stringsdict';
    const de = 'App/de.lproj/Localizable.stringsdict';
    const scan = scanStrings(stringsdict('%d files selected'), 'stringsdict', en);
    assert.ok(scan.ok);
    assert.deepEqual([...scan.leaves.values()].map(({ path, value, line }) => [path, value, line]), [['files_selected', '%#@files@', 8], ['files_selected.files.one', 'One file selected', 16], ['files_selected.files.other', '%d files selected', 18]]);
    const dictRepo = { [en]: stringsdict('%d files selected'), [de]: stringsdict('%d Dateien ausgewählt') };
    assert.deepEqual(blocking(await review(dictRepo, { [de]: stringsdict('Dateien ausgewählt') })), [[de, 18, '`files_selected.files.other` differs from the source (en) in de: missing %1$d.']]);
    assert.deepEqual(blocking(await review(dictRepo, { [de]: stringsdict('%d ausgewählte Dateien') })), []);
  });

  const catalog = (german: string) => `${JSON.stringify(
    {
      sourceLanguage: 'en',
      strings: {
        'Welcome, %@!': { localizations: { de: { stringUnit: { state: 'translated', value: german } } } },
        items: {
          localizations: {
            en: { variations: { plural: { one: { stringUnit: { state: 'translated', value: 'One item' } }, other: { stringUnit: { state: 'translated', value: '%lld items' } } } } },
            de: { variations: { plural: { one: { stringUnit: { state: 'translated', value: 'Ein Artikel' } }, other: { stringUnit: { state: 'translated', value: '%lld Artikel' } } } } },
          },
        },
      },
      version: '1.0',
    },
    null,
    2,
  )}\n`;

  it('an .xcstrings translation is compared with its source language in the same file (the key, where English gives none)', async () => {
    const path = 'App/Localizable.xcstrings';
    const scan = scanStrings(catalog('Willkommen, %@!'), 'xcstrings', path);
    assert.ok(scan.ok);
    assert.deepEqual([...scan.leaves.values()].map(({ path: key, value, source, form }) => [key, value, source, form]), [
      ['Welcome, %@! (de)', 'Willkommen, %@!', 'Welcome, %@!', undefined],
      ['items.plural.one', 'One item', undefined, 'one'],
      ['items.plural.other', '%lld items', undefined, 'other'],
      ['items (de).plural.one', 'Ein Artikel', 'One item', 'one'],
      ['items (de).plural.other', '%lld Artikel', '%lld items', 'other'],
    ]);
    const findings = await review({ [path]: catalog('Willkommen, %@!') }, { [path]: catalog('Willkommen!') });
    assert.deepEqual(blocking(findings), [[path, 9, '`Welcome, %@! (de)` differs from the source (en) in de: missing %1$@.']]);
    assert.deepEqual(blocking(await review({ [path]: catalog('Willkommen!') }, { [path]: catalog('Hallo %@, willkommen!') })), []);
  });

  it("an .xcstrings plural form follows its own language's CLDR rules: Russian's one (1, 21, 31…) translates the source's other and keeps the count", () => {
    const path = 'App/Localizable.xcstrings';
    const unit = (value: string) => ({ stringUnit: { state: 'translated', value } });
    const russian = (one: string) =>
      JSON.stringify({
        sourceLanguage: 'en',
        strings: {
          items: {
            localizations: {
              en: { variations: { plural: { one: unit('One item'), other: unit('%lld items') } } },
              ru: { variations: { plural: { one: unit(one), few: unit('%lld элемента'), many: unit('%lld элементов'), other: unit('%lld элемента') } } },
            },
          },
        },
        version: '1.0',
      }, null, 2);
    const scan = scanStrings(russian('%lld элемент'), 'xcstrings', path);
    assert.ok(scan.ok);
    assert.equal(scan.leaves.get('items (ru).plural.one')?.source, '%lld items');
    return (async () => {
      assert.deepEqual(blocking(await review({ [path]: russian('%lld элемент') }, { [path]: russian('%lld элементик') })), []);
      assert.deepEqual(blocking(await review({ [path]: russian('%lld элемент') }, { [path]: russian('Один элемент') })), [[path, 30, '`items (ru).plural.one` differs from the source (en) in ru: missing %1$d.']]);
    })();
  });
});

describe('strings layer: Java .properties', () => {
  const bundle = () => `# Spring MessageSource bundle
welcome.title=Welcome to {0}, {1}!
cart.summary = You have {0,number,integer} items \\
    in your cart
error.quote=It''s gone: '{0}' stays as written
`;
  const repo = {
    'src/main/resources/messages.properties': bundle(),
    'src/main/resources/messages_de.properties': bundle().replace('Welcome to {0}, {1}!', 'Willkommen bei {0}, {1}!'),
    'src/main/resources/messages_pt_BR.properties': bundle().replace('Welcome to {0}, {1}!', 'Bem-vindo ao {0}, {1}!'),
  };

  it('reads continuation lines and MessageFormat arguments; a quoted {0} is no placeholder', () => {
    const scan = scanStrings(repo['src/main/resources/messages.properties'], 'properties', 'src/main/resources/messages.properties');
    assert.ok(scan.ok);
    assert.deepEqual([...scan.leaves.values()].map(({ path, value, line }) => [path, value, line]), [
      ['welcome.title', 'Welcome to {0}, {1}!', 2],
      ['cart.summary', 'You have {0,number,integer} items in your cart', 3],
      ['error.quote', "It''s gone: '{0}' stays as written", 5],
    ]);
  });

  it('a translation that drops {1} blocks against the base bundle (Brazilian Portuguese beside German); one that keeps it passes', async () => {
    const path = 'src/main/resources/messages_pt_BR.properties';
    const edit = (title: string) => repo[path].replace('Bem-vindo ao {0}, {1}!', title);
    assert.deepEqual(blocking(await review(repo, { [path]: edit('Bem-vindo ao {0}!') })), [[path, 2, '`welcome.title` differs from the source (default) in pt_BR: missing {1} ({1}: the source and every other translation keep it).']]);
    const kept = await review(repo, { [path]: edit('{1}, bem-vindo ao {0}!') });
    assert.deepEqual(blocking(kept), []);
    assert.deepEqual(notes(kept), []);
  });

  it('a count dropped from a translation blocks as the number it is', async () => {
    const path = 'src/main/resources/messages_de.properties';
    const findings = await review(repo, { [path]: repo[path].replace('You have {0,number,integer} items', 'Sie haben Artikel') });
    assert.deepEqual(blocking(findings), [[path, 3, '`cart.summary` differs from the source (default) in de: missing {0}.']]);
  });
});

describe('strings layer: XLIFF', () => {
  const angular = (target: string, state = 'translated') => `<?xml version="1.0" encoding="UTF-8" ?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="de" datatype="plaintext" original="ng2.template">
    <body>
      <trans-unit id="greeting" datatype="html">
        <source>Hello <x id="INTERPOLATION" equiv-text="{{ name }}"/>, you have <x id="INTERPOLATION_1" equiv-text="{{ count }}"/> tasks</source>
        <target state="${state}">${target}</target>
      </trans-unit>
      <trans-unit id="tasks" datatype="html">
        <source>{VAR_PLURAL, plural, =0 {no tasks} other {<x id="INTERPOLATION"/> tasks}}</source>
        <target state="translated">{VAR_PLURAL, plural, =0 {keine Aufgaben} other {<x id="INTERPOLATION"/> Aufgaben}}</target>
      </trans-unit>
    </body>
  </file>
</xliff>
`;

  it("an Angular translation with an interpolation its source lacks blocks against the unit's own source, one that drops one warns; an ICU plural whose branches are translated passes", async () => {
    const path = 'src/locale/messages.de.xlf';
    const before = angular('Hallo <x id="INTERPOLATION" equiv-text="{{ name }}"/>, du hast <x id="INTERPOLATION_1" equiv-text="{{ count }}"/> Aufgaben');
    const unknown = await review({ [path]: before }, { [path]: angular('Hallo <x id="INTERPOLATION_2"/>, du hast <x id="INTERPOLATION_1"/> Aufgaben') });
    assert.deepEqual(blocking(unknown), [[path, 7, '`greeting` differs from the source (its <source>) in de: new <x id="INTERPOLATION_2"/>; missing <x id="INTERPOLATION"/>.']]);
    const dropped = await review({ [path]: before }, { [path]: angular('Hallo <x id="INTERPOLATION" equiv-text="{{ name }}"/>, du hast Aufgaben') });
    assert.deepEqual(dropped.map((found) => [found.severity, found.message]), [['warning', '`greeting` differs from the source (its <source>) in de: missing <x id="INTERPOLATION_1"/>.']]);
    const kept = await review({ [path]: before }, { [path]: angular('<x id="INTERPOLATION_1"/> Aufgaben für <x id="INTERPOLATION"/>') });
    assert.deepEqual(blocking(kept), []);
    assert.deepEqual(notes(kept), []);
  });

  it('XLIFF 2.0: a segment renaming a Symfony %name% blocks; a target still in its initial state is not a translation yet', async () => {
    const path = 'translations/messages+intl-icu.fr.xliff';
    const xliff = (target: string, state = 'translated') => `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">
  <file id="messages.fr">
    <unit id="welcome">
      <segment state="${state}">
        <source>Welcome back, %name%!</source>
        <target>${target}</target>
      </segment>
    </unit>
  </file>
</xliff>
`;
    const before = xliff('Bon retour, %name% !');
    assert.deepEqual(blocking(await review({ [path]: before }, { [path]: xliff('Bon retour, %nom% !') })), [[path, 7, '`welcome` differs from the source (its <source>) in fr: new %nom%; missing %name%.']]);
    assert.deepEqual(blocking(await review({ [path]: before }, { [path]: xliff('Bon retour !', 'initial') })), []);
  });
});

describe('strings layer: Fluent', () => {
  const ftl = (emails = '*[other] You have { $count } new emails') => `# Main messages
welcome = Welcome, { $user }!
    .title = Open { -brand-name }
-brand-name = Firefox
emails =
    { $count ->
        [one] You have one new email
       ${emails}
    }
`;
  const repo = {
    'locales/en-US/main.ftl': ftl(),
    'locales/de/main.ftl': ftl().replace('Welcome, { $user }!', 'Willkommen, { $user }!'),
    'locales/fr/main.ftl': ftl().replace('Welcome, { $user }!', 'Bienvenue, { $user } !'),
  };

  it('reads messages, attributes and terms by id, patterns as written', () => {
    const scan = scanStrings(repo['locales/en-US/main.ftl'], 'fluent', 'locales/en-US/main.ftl');
    assert.ok(scan.ok);
    assert.deepEqual([...scan.leaves.values()].map(({ path, line }) => [path, line]), [['welcome', 2], ['welcome.title', 3], ['-brand-name', 4], ['emails', 5]]);
  });

  it('a translation that drops { $user }, which French keeps, blocks against en-US; one that moves it, or writes the count inside a select, passes', async () => {
    const path = 'locales/de/main.ftl';
    const edit = (welcome: string, emails?: string) => ftl(emails).replace('Welcome, { $user }!', welcome);
    assert.deepEqual(blocking(await review(repo, { [path]: edit('Willkommen!') })), [[path, 2, '`welcome` differs from the source (en-US) in de: missing { $user } ({ $user }: the source and every other translation keep it).']]);
    const kept = await review(repo, { [path]: edit('{ $user }, willkommen!', '*[other] Sie haben { $count } neue E-Mails') });
    assert.deepEqual(blocking(kept), []);
    assert.deepEqual(notes(kept), []);
  });

  it('a term or message the source now references is resolved by Fluent, not the code; a new variable the same change passes by its quoted name is no blocker', async () => {
    const path = 'locales/en-US/main.ftl';
    const lead = (text: string) => ftl().replace('Welcome, { $user }!', text);
    assert.deepEqual(blocking(await review(repo, { [path]: lead('Welcome to { -brand-name }, { $user }!') })), []);
    const email = 'src/emails/Alert.tsx';
    const code = `l10n.getFragment("welcome", {\n  vars: {\n    "company-name": breach.title,\n    user: name,\n  },\n})\n`;
    const findings = await run(i18nCheck, context([changed(path, repo[path], lead('{ -brand-name } found { $user } in a { $company-name } breach')), changed(email, 'l10n.getFragment("welcome", { vars: { user: name } })\n', code)], { repo, listing: true }));
    assert.deepEqual(blocking(findings), []);
    assert.deepEqual(blocking(await review(repo, { [path]: lead('{ -brand-name } found { $user } in a { $company-name } breach') })), [[path, 2, 'Placeholders of `welcome` changed: new { $company-name }, { -brand-name }. The code fills the old ones.']]);
  });

  it('a pattern Fluent cannot read blocks at its line', async () => {
    const path = 'locales/de/main.ftl';
    const findings = await review(repo, { [path]: ftl().replace('Welcome, { $user }!', 'Willkommen, { $user !') });
    assert.deepEqual(findings.filter((found) => found.blocking).map((found) => [found.check, found.line, found.message.split(':')[0]]), [['i18n.invalid-json', 2, 'Not valid Fluent (.ftl)']]);
  });
});

describe('strings layer: personal data in the platform formats', () => {
  const pii = async (repo: Record<string, string>, path: string, after: string) => (await piiCheck.run(context([changed(path, repo[path], after)], { repo }))).map((found) => [found.check, found.line]);

  it("an Android translation repeating values/'s example address is its example; a new address in it blocks", async () => {
    const repo = {
      'app/src/main/res/values/strings.xml': android('    <string name="email_hint">e.g. jane@acme.io</string>\n    <string name="help">Need help?</string>'),
      'app/src/main/res/values-es/strings.xml': android('    <string name="email_hint">p. ej.</string>\n    <string name="help">¿Ayuda?</string>'),
    };
    const path = 'app/src/main/res/values-es/strings.xml';
    assert.deepEqual(await pii(repo, path, android('    <string name="email_hint">p. ej. juana@acme.io</string>\n    <string name="help">¿Ayuda?</string>')), []);
    assert.deepEqual(await pii(repo, path, android('    <string name="email_hint">p. ej.</string>\n    <string name="help">Escribe a maria.garcia@acme.io</string>')), [['security.pii', 4]]);
  });

  it("an XLIFF target repeating its source's example address is its example; one its source does not have blocks", async () => {
    const unit = (source: string, target: string) => `<?xml version="1.0"?>\n<xliff version="1.2"><file original="a"><body>\n<trans-unit id="hint"><source>${source}</source>\n<target>${target}</target></trans-unit>\n</body></file></xliff>\n`;
    const path = 'src/locale/messages.fr.xlf';
    const repo = { [path]: unit('e.g. jane@acme.io', 'p. ex.') };
    assert.deepEqual(await pii(repo, path, unit('e.g. jane@acme.io', 'p. ex. jeanne@acme.io')), []);
    assert.deepEqual(await pii(repo, path, unit('Write to us', 'Écrivez à marie.dupont@acme.io')), [['security.pii', 4]]);
  });
});

describe('strings layer: an iOS .strings file in UTF-16', () => {
  it('is said unread, not called a file the app cannot load: iOS loads UTF-16', async () => {
    const path = 'App/de.lproj/Localizable.strings';
    const findings = await run(i18nCheck, context([{ path, status: 'modified', binary: true, oldText: undefined, newText: undefined }], { listing: true }));
    assert.deepEqual(findings.map((found) => [found.check, found.severity, found.blocking, found.message.split(':')[0]]), [['i18n.placeholder-mismatch', 'info', false, 'Not read']]);
  });
});

describe('strings layer: keys the platforms name their own way', () => {
  /** Finds lines holding any needle in `code`, as git grep would. */
  const searchIn = (code: Record<string, string>): TextSearch => ({
    async find(needles) {
      return Object.entries(code).flatMap(([file, text]) => text.split('\n').flatMap((line, index) => (needles.some((needle) => line.includes(needle)) ? [{ file, line: index + 1, text: line }] : [])));
    },
  });
  const removal = async (repo: Record<string, string>, path: string, after: string, code: Record<string, string>) => {
    const ctx = context([changed(path, repo[path], after)], { repo: { ...repo, ...code }, listing: true });
    ctx.search = searchIn(code);
    return (await run(i18nCheck, ctx)).map((found) => [found.severity, found.message]);
  };

  it("Android: a string removed from values/ that R.string or a layout's @string names blocks; one nothing names is a note", async () => {
    const path = 'app/src/main/res/values/strings.xml';
    const repo = { [path]: android('    <string name="welcome">Welcome</string>\n    <string name="old_banner">Sale!</string>\n    <string name="sign_in">Sign in</string>') };
    const code = {
      'app/src/main/java/com/acme/HomeActivity.kt': 'class HomeActivity {\n  fun show() = title.setText(R.string.welcome)\n}\n',
      'app/src/main/res/layout/login.xml': '<Button\n    android:text="@string/sign_in" />\n',
    };
    assert.deepEqual(await removal(repo, path, android('    <string name="sign_in">Sign in</string>'), code), [
      ['error', 'Key `welcome` was removed, but app/src/main/java/com/acme/HomeActivity.kt:2 still uses it: that screen would show the raw key. Keep the key, or change the code in the same change.'],
      ['info', '1 key removed; no translation call names it (a key the code builds at run time cannot be found this way): `old_banner`.'],
    ]);
    assert.deepEqual((await removal(repo, path, android('    <string name="welcome">Welcome</string>\n    <string name="old_banner">Sale!</string>'), code))[0], ['error', 'Key `sign_in` was removed, but app/src/main/res/layout/login.xml:2 still uses it: that screen would show the raw key. Keep the key, or change the code in the same change.']);
  });

  it("Laravel: a key removed from lang/en/messages.php that __('messages.key') or Blade's @lang names blocks; one only another group names is a note", async () => {
    const path = 'lang/en/messages.php';
    const repo = { [path]: "<?php\n\nreturn [\n    'welcome' => 'Welcome, :name!',\n    'goodbye' => 'Goodbye',\n    'sale' => 'Sale!',\n];\n" };
    const code = {
      'resources/views/home.blade.php': "<h1>{{ __('messages.welcome', ['name' => $user->name]) }}</h1>\n<p>@lang('messages.goodbye')</p>\n",
      'app/Http/Controllers/ShopController.php': "<?php\nreturn __('shop.sale');\n",
    };
    assert.deepEqual((await removal(repo, path, "<?php\n\nreturn [\n];\n", code)).map(([severity, message]) => [severity, message.slice(0, 40)]), [
      ['error', 'Key `welcome` was removed, but resources'],
      ['error', 'Key `goodbye` was removed, but resources'],
      ['info', '1 key removed; no translation call names'],
    ]);
  });

  it("iOS, Spring and Fluent: NSLocalizedString, getMessage and data-l10n-id name their keys", async () => {
    const ios = { 'App/en.lproj/Localizable.strings': '"home.title" = "Home";\n"home.unused" = "Old";\n' };
    const swift = { 'App/HomeView.swift': 'let title = NSLocalizedString("home.title", comment: "")\n' };
    assert.deepEqual((await removal(ios, 'App/en.lproj/Localizable.strings', '"home.unused" = "Old";\n', swift)).map(([severity]) => severity), ['error']);
    const spring = { 'src/main/resources/messages.properties': 'cart.empty=Your cart is empty\n' };
    const java = { 'src/main/java/acme/Cart.java': 'String text = messages.getMessage("cart.empty", null, locale);\n' };
    assert.deepEqual((await removal(spring, 'src/main/resources/messages.properties', '', java)).map(([severity]) => severity), ['error']);
    const fluent = { 'locales/en-US/main.ftl': 'sign-in = Sign in\n' };
    const html = { 'src/index.html': '<button data-l10n-id="sign-in"></button>\n' };
    assert.deepEqual((await removal(fluent, 'locales/en-US/main.ftl', '', html)).map(([severity]) => severity), ['error']);
  });
});

describe("strings layer: the source language from the project's own configuration", () => {
  it("Laravel: config/app.php's fallback_locale makes German the source of lang/*/messages.php", async () => {
    const php = (welcome: string) => `<?php\n\nreturn [\n    'welcome' => '${welcome}',\n];\n`;
    const repo = {
      artisan: '#!/usr/bin/env php\n',
      'config/app.php': "<?php\n\nreturn [\n    'locale' => env('APP_LOCALE', 'de'),\n    'fallback_locale' => env('APP_FALLBACK_LOCALE', 'de'),\n];\n",
      'lang/de/messages.php': php('Willkommen, :name!'),
      'lang/en/messages.php': php('Welcome, :user!'),
      'lang/fr/messages.php': php('Bienvenue, :name !'),
    };
    const findings = await review(repo, { 'lang/fr/messages.php': php('Bienvenue, :nom !') });
    assert.deepEqual(blocking(findings), [['lang/fr/messages.php', 4, '`welcome` differs from the source (de) in fr: new :nom; missing :name.']]);
  });

  it("Rails: config.i18n.default_locale makes German the source of config/locales", async () => {
    const yml = (locale: string, text: string) => `${locale}:\n  greeting: "${text}"\n`;
    const repo = {
      Gemfile: "source 'https://rubygems.org'\n",
      'config/application.rb': 'module Shop\n  class Application < Rails::Application\n    config.i18n.default_locale = :de\n  end\nend\n',
      'config/locales/de.yml': yml('de', 'Hallo %{name}'),
      'config/locales/en.yml': yml('en', 'Hello %{user}'),
      'config/locales/fr.yml': yml('fr', 'Bonjour %{name}'),
    };
    const findings = await review(repo, { 'config/locales/fr.yml': yml('fr', 'Bonjour %{nom}') });
    assert.deepEqual(blocking(findings), [['config/locales/fr.yml', 2, '`greeting` differs from the source (de) in fr: new %{nom}; missing %{name}.']]);
  });

  const arb = (text: string) => `${JSON.stringify({ greeting: text, '@greeting': { placeholders: { name: {} } } }, null, 2)}\n`;
  /** A Flutter app whose l10n.yaml names `template` and whose English string is `english`. */
  const flutter = (template: string, english: string) => ({
    'l10n.yaml': `arb-dir: lib/l10n\ntemplate-arb-file: ${template}\noutput-localization-file: app_localizations.dart\n`,
    'lib/l10n/app_pt_BR.arb': arb('Olá, {name}!'),
    'lib/l10n/app_en.arb': arb(english),
    'lib/l10n/app_de.arb': arb('Hallo, {name}!'),
  });

  it("Flutter: l10n.yaml's template-arb-file makes its locale the source", async () => {
    const findings = await review(flutter('app_pt_BR.arb', 'Hello, {user}!'), { 'lib/l10n/app_de.arb': arb('Hallo, {nom}!') });
    assert.deepEqual(blocking(findings), [['lib/l10n/app_de.arb', 2, '`greeting` differs from the source (pt_BR) in de: new {nom}; missing {name}.']]);
  });

  it('Flutter: app_pt_BR.arb is the locale pt_BR of the set app_*.arb, not BR of a set app_pt_*', async () => {
    const findings = await review(flutter('app_en.arb', 'Hello, {name}!'), { 'lib/l10n/app_pt_BR.arb': arb('Olá, {nome}!') });
    assert.deepEqual(blocking(findings), [['lib/l10n/app_pt_BR.arb', 2, '`greeting` differs from the source (en) in pt_BR: new {nome}; missing {name}.']]);
  });

  it("Xcode: the project's developmentRegion makes German the source of the .lproj folders", async () => {
    const strings = (text: string) => `"greeting" = "${text}";\n`;
    const greetings = { de: 'Hallo %@, du hast %d Nachrichten', en: 'Hello', fr: 'Bonjour %@, vous avez %d messages' };
    const project = '// !$*UTF8*$!\n{\n\tobjects = {\n\t\t8D1107260486CEB800E47090 = {\n\t\t\tdevelopmentRegion = de;\n\t\t\tknownRegions = (de, en, fr);\n\t\t};\n\t};\n}\n';
    const repo = Object.fromEntries([['App.xcodeproj/project.pbxproj', project], ...Object.entries(greetings).map(([locale, text]) => [`App/${locale}.lproj/Localizable.strings`, strings(text)])]);
    const findings = await review(repo, { 'App/fr.lproj/Localizable.strings': strings('Bonjour %@') });
    assert.deepEqual(blocking(findings), [['App/fr.lproj/Localizable.strings', 1, '`greeting` differs from the source (de) in fr: missing %2$d.']]);
  });
});
