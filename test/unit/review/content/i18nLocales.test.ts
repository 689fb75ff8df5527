import * as assert from 'node:assert/strict';
import { i18nCheck, i18nCheckWith } from '../../../../src/core/review/checks/i18n';
import type { Finding } from '../../../../src/core/types';
import type { TextSearch } from '../../../../src/core/review/model';
import { changed, context, fixture, policy, run } from './context';

// A change to one or more locale files of a real-shaped strings folder: the
// other locales stay as the fixture has them.
interface Edit {
  file: string;
  from: string;
  to: string;
}

function folderOf(grammar: string): Record<string, string> {
  const names: Record<string, string[]> = {
    icu: ['en-US.json', 'fr-FR.json', 'zh-TW.json'],
    i18next: ['en.json', 'fr.json'],
    'i18next-affine': ['en.json', 'de.json', 'zh-Hant.json'],
    'vue-i18n': ['en.json', 'de.json'],
    rails: ['en.yml', 'de.yml', 'pl.yml'],
  };
  const folder = grammar === 'rails' ? 'config/locales' : `src/${grammar}/locales`;
  return Object.fromEntries(names[grammar].map((name) => [`${folder}/${name}`, fixture('i18n', `${grammar}/${name}`)]));
}

async function review(grammar: string, edits: Edit[], options: { search?: TextSearch; sourceLocale?: string; listing?: boolean } = {}): Promise<Finding[]> {
  const repo = folderOf(grammar);
  const files = new Map<string, string>();
  for (const edit of edits) {
    const path = Object.keys(repo).find((candidate) => candidate.endsWith(`/${edit.file}`));
    assert.ok(path, edit.file);
    const before = files.get(path) ?? repo[path];
    assert.ok(before.includes(edit.from), `${edit.file} holds no ${edit.from}`);
    files.set(path, before.replace(edit.from, edit.to));
  }
  const ctx = context([...files].map(([path, after]) => changed(path, repo[path], after)), {
    repo,
    listing: options.listing ?? true,
    ...(options.sourceLocale ? { policy: policy({ sourceLocale: options.sourceLocale }) } : {}),
  });
  if (options.search) ctx.search = options.search;
  return run(i18nCheck, ctx);
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('i18n: translations compared with the source locale', () => {
  it('a one-word copy edit of a source string with a placeholder never blocks, whatever the other locales hold', async () => {
    // zh-TW leaves `powered-by` untranslated (""): before, that alone gave a blocker per locale.
    const findings = await review('icu', [{ file: 'en-US.json', from: '"Powered by {name}"', to: '"Built by {name}"' }]);
    assert.deepEqual(findings, []);
  });

  it('reads "", a missing key and the source text itself as not translated yet, never as a mismatch', async () => {
    // fr has "" for this key; the source gains a placeholder's neighbour word only.
    const reworded = await review('i18next', [{ file: 'en.json', from: 'Remove {{count}} item(s) from library', to: 'Remove {{count}} item(s) from your library' }]);
    assert.deepEqual(reworded, []);
    const emptied = await review('i18next', [{ file: 'fr.json', from: '"{{count}} éléments",\n    "removeItemsFromsLibrary"', to: '"",\n    "removeItemsFromsLibrary"' }]);
    assert.deepEqual(emptied, []);
    const copied = await review('icu', [{ file: 'fr-FR.json', from: '"Propulsé par {name}"', to: '"Powered by {name}"' }]);
    assert.deepEqual(copied, []);
    const missing = await review('icu', [{ file: 'en-US.json', from: '"Powered by {name}"', to: '"Powered by {name}",\n    "made-by": "Made by {name} and {team}"' }]);
    assert.deepEqual(missing, [], 'a new source key no locale has yet');
  });

  it('blocks a translation that introduces a placeholder the code never fills, once, on the key line of the file it touched', async () => {
    const edits = [{ file: 'fr-FR.json', from: '"Propulsé par {name}"', to: '"Propulsé par {nom}"' }];
    const findings = await review('icu', edits);
    const text = fixture('i18n', 'icu/fr-FR.json');
    assert.deepEqual(findings.map(({ check, file, line, blocking: blocks }) => ({ check, file, line, blocks })), [
      { check: 'i18n.placeholder-mismatch', file: 'src/icu/locales/fr-FR.json', line: lineOf(text, 'powered-by'), blocks: true },
    ]);
    assert.equal(findings[0].message, '`label.powered-by` differs from the source (en-US) in fr-FR: new {nom}; missing {name}.');
  });

  it('names every locale concerned in one finding when a commit breaks the same string in several', async () => {
    const findings = await review('icu', [
      { file: 'fr-FR.json', from: 'Page {current} sur {total}', to: 'Page {current} sur {totl}' },
      { file: 'zh-TW.json', from: '第 {current} 頁', to: '第 {current} 頁，共 {totl} 頁' },
    ]);
    assert.equal(findings.length, 1, JSON.stringify(findings));
    assert.equal(findings[0].file, 'src/icu/locales/fr-FR.json');
    assert.equal(findings[0].message, '`label.page-of` differs from the source (en-US) in fr-FR and zh-TW: new {totl}; missing {total}.');
    assert.equal(findings[0].blocking, true);
  });

  it('leaves a mismatch already present in an untouched locale to one note', async () => {
    // zh-TW already lacks {total} in `page-of`; the source is reworded without touching placeholders.
    const findings = await review('icu', [{ file: 'en-US.json', from: 'Page {current} of {total}', to: 'Page {current} out of {total}' }]);
    assert.deepEqual(findings.map(({ severity, blocking: blocks, message }) => ({ severity, blocks, message })), [
      { severity: 'info', blocks: false, message: '`label.page-of` already differs from the source (en-US) in zh-TW: missing {total}; not introduced by this change.' },
    ]);
  });

  it('takes a translation that moves toward the source as a fix, and an unchanged wrong one as not introduced', async () => {
    const fixed = await review('icu', [{ file: 'zh-TW.json', from: '第 {current} 頁', to: '第 {current} 頁，共 {total} 頁' }]);
    assert.deepEqual(fixed, []);
    const reworded = await review('icu', [{ file: 'zh-TW.json', from: '第 {current} 頁', to: '第{current}頁' }]);
    assert.deepEqual(reworded.map((item) => [item.severity, item.blocking]), [['warning', false]]);
    assert.match(reworded[0].message, /already differed before this change .*: missing \{total\}; not introduced by this change/);
  });

  it('blocks a translation that drops a placeholder the code fills: every reader of that locale loses the value', async () => {
    const findings = await review('icu', [{ file: 'fr-FR.json', from: '"{x} derniers jours"', to: '"Derniers jours"' }]);
    assert.deepEqual(findings.map(({ severity, blocking: blocks }) => [severity, blocks]), [['error', true]]);
    assert.match(findings[0].message, /fr-FR: missing \{x\}/);
    const plural = await review('i18next', [{ file: 'fr.json', from: '"{{count}} éléments"', to: '"Des éléments"' }]);
    assert.deepEqual(plural.map(({ blocking: blocks }) => blocks), [true], 'an i18next {{count}} dropped from a string that is not a plural form');
  });

  // Shapes of Plane's ICU locale files (packages/i18n/src/locales/*/*.json).
  const icuSet = (en: string, other: string, locale: string) => {
    const enPath = 'packages/i18n/src/locales/en/project.json';
    const path = `packages/i18n/src/locales/${locale}/project.json`;
    const ctx = context([changed(path, '{\n  "other": "x"\n}\n', `{\n  "other": "x",\n  "message": ${JSON.stringify(other)}\n}\n`)], {
      listing: true,
      repo: { [enPath]: `{\n  "other": "x",\n  "message": ${JSON.stringify(en)},\n  "plural": "{count, plural, one {# item} other {# items}}"\n}\n` },
    });
    return run(i18nCheck, ctx);
  };

  it('blocks a placeholder an apostrophe quoted away in ICU (French l’{action}), saying why', async () => {
    const findings = await icuSet('Failed to {action} property. Please try again!', "Échec de l'{action} de la propriété. Veuillez réessayer !", 'fr');
    assert.deepEqual(findings.map(({ blocking: blocks }) => blocks), [true]);
    assert.match(findings[0].message, /missing \{action\} \(\{action\} follows an apostrophe, which ICU reads as the start of quoted text: write '' for the apostrophe\)/);
  });

  it('warns only when a word-like placeholder is left out: a language without plural endings drops {plural}', async () => {
    const japanese = await icuSet('Successfully imported {count} member{plural} to the project.', '{count}人のメンバーをプロジェクトにインポートしました。', 'ja');
    assert.deepEqual(japanese.map(({ severity }) => severity), ['warning']);
    const czech = await icuSet('{templateName}, the {templateType} template, was changed.', '{templateName} byla úspěšně aktualizována.', 'cs');
    assert.deepEqual(czech.map(({ severity }) => severity), ['warning']);
    const count = await icuSet('Successfully imported {count} member{plural} to the project.', 'メンバーをインポートしました。', 'ja');
    assert.deepEqual(count.map(({ severity }) => severity), ['error'], 'the number is gone');
  });

  it('blocks a plural translation whose "other" form no longer shows the number (formbricks’ and Plane’s plural messages)', async () => {
    const german = await icuSet('{count, plural, one {{count} contact} other {{count} contacts}}', '{count, plural, one {Ein Kontakt} other {Kontakte}}', 'de');
    assert.deepEqual(german.map(({ blocking: blocks, message }) => [blocks, message]), [[true, '`message` differs from the source (en) in de: missing {count} on screen.']]);
    const russian = await icuSet('{count, plural, one{# member} other{# members}}', '{count, plural, one{участник} few{участника} other{участников}}', 'ru');
    assert.deepEqual(russian.map(({ blocking: blocks }) => blocks), [true]);
    const words = await icuSet('{count, plural, one{# member} other{# members}}', '{count, plural, one{один участник} few{# участника} other{# участников}}', 'ru');
    assert.deepEqual(words, [], '"one member" in words is a translator\'s choice');
    const japanese = await icuSet('Trial ends in {days, plural, one {# day} other {# days}}', 'トライアル終了まであと{days}日', 'ja');
    assert.deepEqual(japanese, [], 'a language without plurals writes the number on its own (Plane’s Japanese)');
  });

  it('blocks a source string that now asks for a value the code does not pass', async () => {
    const findings = await review('icu', [{ file: 'en-US.json', from: '"Powered by {name}"', to: '"Powered by {name} for {team}"' }]);
    assert.deepEqual(findings.map(({ severity, message }) => [severity, message]), [['error', 'Placeholders of `label.powered-by` changed: new {team}. The code fills the old ones.']]);
    const renamed = await review('icu', [{ file: 'en-US.json', from: '"Powered by {name}"', to: '"Powered by {maker}"' }]);
    assert.deepEqual(renamed.map(({ message }) => message), ['Placeholders of `label.powered-by` changed: new {maker}; missing {name}. The code fills the old ones.'], 'names arguments only, not what is on screen');
  });

  it('finds the source locale from CLAUDE.md or a setting, with - and _ alike', async () => {
    // With French as the source, a French edit is a source edit: new placeholders block, no cross-locale note.
    const findings = await review('icu', [{ file: 'fr-FR.json', from: 'Propulsé par {name}', to: 'Propulsé par {name} et {team}' }], { sourceLocale: 'fr_FR' });
    assert.deepEqual(findings.map((item) => item.message), ['Placeholders of `label.powered-by` changed: new {team}. The code fills the old ones.']);
  });

  it('finds the source among the files that exist when it guesses locale names', async () => {
    // Without a listing, `en.json` is guessed first; the folder only has `en-US.json`.
    const findings = await review('icu', [{ file: 'fr-FR.json', from: '"Propulsé par {name}"', to: '"Propulsé par {nom}"' }], { listing: false });
    assert.match(findings[0].message, /from the source \(en-US\)/);
  });

  it('finds the locales of a folder without listing it, from common locale names', async () => {
    const findings = await review('icu', [{ file: 'fr-FR.json', from: '"Propulsé par {name}"', to: '"Propulsé par {nom}"' }], { listing: false });
    assert.deepEqual(findings.map((item) => item.blocking), [true]);
  });
});

describe('i18n: a locale set known by its shape, whatever its names', () => {
  // Folders named as some projects name them (zhtw, pt_BR), beside a source folder, holding the same keys.
  const en = fixture('i18n', 'i18next-affine/en.json');
  const zh = fixture('i18n', 'i18next-affine/zh-Hant.json');
  const uses: TextSearch = { find: async () => [{ file: 'src/Login.tsx', line: 3, text: "t('com.affine.auth.sign.auth.code.message.password')" }] };
  const review = async (locale: string, listing = true) => {
    const path = `src/lib/i18n/locales/${locale}/translation.json`;
    const after = zh.replace('  "com.affine.auth.sign.auth.code.message.password": "或<1>使用密碼登入</1>。",\n', '');
    const ctx = context([changed(path, zh, after)], {
      listing,
      repo: { 'src/lib/i18n/locales/en/translation.json': en, 'src/lib/i18n/locales/de/translation.json': fixture('i18n', 'i18next-affine/de.json'), 'src/lib/i18n/locales/common/translation.json': '{ "theme": "dark" }\n' },
    });
    ctx.search = uses;
    return run(i18nCheck, ctx);
  };

  for (const locale of ['zhtw', 'zh_Hant', 'zh-Hant-TW', 'sr-Latn']) {
    it(`a key dropped from ${locale}/ falls back to the source, and says so, instead of blocking as the source's removal`, async () => {
      const findings = await review(locale);
      assert.deepEqual(findings.map(({ severity, message }) => [severity, message]), [
        ['info', `1 key removed from ${locale}: the source text (en) shows instead: \`com.affine.auth.sign.auth.code.message.password\`.`],
      ]);
    });
  }

  it('a sibling whose keys are not the set’s is not a locale of it', async () => {
    const ctx = context([changed('src/lib/i18n/locales/common/translation.json', '{ "theme": "dark" }\n', '{ "theme": "light" }\n')], {
      listing: true,
      repo: { 'src/lib/i18n/locales/en/translation.json': en },
    });
    assert.deepEqual(await run(i18nCheck, ctx), []);
  });
});

describe('i18n: <Trans> tags in i18next strings', () => {
  it('blocks a translation whose tags no longer nest: <1>…<1>, opened twice and never closed', async () => {
    const findings = await review('i18next-affine', [{ file: 'de.json', from: 'Oder <1>melde dich mit Passwort an</1>.', to: 'Oder <1>melde dich mit Passwort an<1>.' }]);
    assert.deepEqual(findings.map(({ severity, blocking: blocks, message }) => [severity, blocks, message]), [
      ['error', true, '`com.affine.auth.sign.auth.code.message.password` differs from the source (en) in de: tags do not nest: <1> is opened twice and never closed.'],
    ]);
    const swapped = await review('i18next-affine', [{ file: 'de.json', from: '<1>Nutzungsbedingungen</1> und der <3>Datenschutzerklärung</3>', to: '<1>Nutzungsbedingungen</3> und der <3>Datenschutzerklärung</1>' }]);
    assert.match(swapped[0].message, /tags do not nest: <\/3> closes <1>/);
  });

  it('passes tags moved within a translation, and a source edit that keeps them nested', async () => {
    assert.deepEqual(await review('i18next-affine', [{ file: 'zh-Hant.json', from: '或<1>使用密碼登入</1>。', to: '<1>使用密碼登入</1>也可以。' }]), []);
    assert.deepEqual(await review('i18next-affine', [{ file: 'en.json', from: 'Or <1>sign in with password</1> instead.', to: 'Or <1>use your password</1> instead.' }]), []);
  });

  it('blocks a source edit that breaks its own tags', async () => {
    const findings = await review('i18next-affine', [{ file: 'en.json', from: 'We recommend the <1>Chrome</1> browser', to: 'We recommend the <1>Chrome<1> browser' }]);
    assert.deepEqual(findings.map(({ blocking: blocks, message }) => [blocks, message]), [[true, '`recommendBrowser` does not parse (tags do not nest: <1> is opened twice and never closed): the library cannot show it.']]);
  });
});

describe('i18n: removed keys', () => {
  const search = (hits: { file: string; line: number; text: string }[]): TextSearch & { asked: string[][] } => {
    const asked: string[][] = [];
    return {
      asked,
      async find(needles) {
        asked.push([...needles]);
        return hits.filter((hit) => needles.some((needle) => hit.text.includes(needle)));
      },
    };
  };
  const removePoweredBy = { file: 'en-US.json', from: '    "powered-by": "Powered by {name}",\n', to: '' };

  it('blocks a removed source key the code still names, saying where', async () => {
    const code = search([{ file: 'src/components/messages.ts', line: 12, text: "  poweredBy: { id: 'label.powered-by', defaultMessage: 'Powered by {name}' }," }]);
    const findings = await review('icu', [removePoweredBy], { search: code });
    assert.deepEqual(code.asked, [['label.powered-by']]);
    assert.deepEqual(findings.map(({ check, line, blocking: blocks }) => ({ check, line, blocks })), [{ check: 'i18n.removed-key', line: 5, blocks: true }]);
    assert.match(findings[0].message, /`label\.powered-by` was removed, but src\/components\/messages\.ts:12 still uses it/);
  });

  it('notes a removed key nothing names, and a key dropped from a translation that falls back to the source', async () => {
    const unused = await review('icu', [removePoweredBy], { search: search([{ file: 'src/a.ts', line: 1, text: "t('label.powered-by-footer')" }]) });
    assert.deepEqual(unused.map(({ severity, blocking: blocks }) => [severity, blocks]), [['info', false]]);
    const dropped = await review('icu', [{ file: 'fr-FR.json', from: '    "powered-by": "Propulsé par {name}",\n', to: '' }], { search: search([]) });
    assert.deepEqual(dropped.map(({ severity, message }) => [severity, message]), [['info', '1 key removed from fr-FR: the source text (en-US) shows instead: `label.powered-by`.']]);
  });

  it('searches i18next plural keys by the key the code asks for', async () => {
    const code = search([{ file: 'src/Stats.tsx', line: 3, text: 't("stats.elements", { count })' }]);
    const findings = await review('i18next', [{ file: 'en.json', from: '    "elements_one": "{{count}} element",\n', to: '' }], { search: code });
    assert.deepEqual(code.asked, [['stats.elements']]);
    assert.deepEqual(findings.map((item) => item.blocking), [true]);
  });

  it('warns when the code cannot be searched', async () => {
    const findings = await review('icu', [removePoweredBy]);
    assert.deepEqual(findings.map(({ severity, blocking: blocks }) => [severity, blocks]), [['warning', false]]);
    assert.match(findings[0].message, /could not be searched/);
  });
});

describe('i18n: changes of any size', () => {
  const locales = ['en', 'de', 'fr', 'it'];
  const file = (locale: string, broken: boolean) =>
    `{\n${Array.from({ length: 200 }, (_, k) => `  "key${k}": "${locale} ${k} {${broken && locale !== 'en' ? 'nmae' : 'name'}}"`).join(',\n')}\n}\n`;
  const translationDrop = () => locales.filter((locale) => locale !== 'en').map((locale) => changed(`src/i18n/${locale}.json`, file(locale, false), file(locale, true)));

  it('says once per string which locales broke it, and caps the findings of a file with a count that still blocks', async () => {
    const findings = await run(i18nCheck, context(translationDrop(), { repo: { 'src/i18n/en.json': file('en', false) }, listing: true }));
    assert.equal(findings.length, 50, 'one file holds 200 broken strings: 49 listed, one counting the rest');
    assert.ok(findings.every((item) => item.file === 'src/i18n/de.json' && item.blocking));
    assert.equal(findings[0].message, '`key0` differs from the source (en) in de, fr and it: new {nmae}; missing {name}.');
    assert.match(findings[49].message, /^151 more strings in this file with the same kind of problem \(151 of them blocking\), not listed one by one\./);
  });

  it('past its limit, says how much it did not compare, and blocks', async () => {
    const limited = i18nCheckWith({ maxComparedStrings: 300 });
    const findings = await run(limited, context(translationDrop(), { repo: { 'src/i18n/en.json': file('en', false) }, listing: true }));
    const partly = findings.find((item) => item.file === null);
    assert.ok(partly);
    assert.equal(partly.blocking, true);
    assert.equal(partly.message, 'Partly reviewed: this change touches 600 strings, and one review compares at most 300; the other 300 were not compared with their source. Split the change, or have engineering review the translations.');
  });
});
