import * as assert from 'node:assert/strict';
import { categoriesOf, stillResolves } from '../../../../src/core/review/checks/i18n/keys';
import type { Leaves } from '../../../../src/core/review/checks/i18n/versions';

/** The categories as Intl gives them on every call, as they were read before they were kept. */
function fromIntl(locale: string, ordinal: boolean): string[] {
  for (const name of [locale.replace(/_/g, '-'), 'en']) {
    try {
      return new Intl.PluralRules(name, { type: ordinal ? 'ordinal' : 'cardinal' }).resolvedOptions().pluralCategories;
    } catch {
      // Not a locale Intl knows.
    }
  }
  return ['one', 'other'];
}

const LOCALES = ['en', 'pl', 'ar', 'cy', 'ru', 'ja', 'pt_BR', 'pt-BR', 'zh-Hant', 'es_CO', 'zhtw', '', 'x-invalid_', 'fr', 'sv'];

describe('i18n plural categories, kept for the process', () => {
  it('gives what Intl gives for each locale and type, the first time and again', () => {
    for (let round = 0; round < 2; round++) {
      for (const locale of LOCALES) {
        for (const ordinal of [false, true]) assert.deepEqual([...categoriesOf(locale, ordinal)], fromIntl(locale, ordinal), `${locale} ${ordinal ? 'ordinal' : 'cardinal'}`);
      }
    }
  });

  it('keeps a cardinal and an ordinal list apart, and no caller can change a kept list', () => {
    assert.notDeepEqual([...categoriesOf('en', false)], [...categoriesOf('en', true)]);
    assert.ok(Object.isFrozen(categoriesOf('pl', false)));
  });

  it('answers stillResolves as before across locales and keys', () => {
    const after: Leaves = new Map(['items_one', 'items_other', 'rank_ordinal_one', 'rank_ordinal_two', 'rank_ordinal_few', 'rank_ordinal_other', 'plain'].map((key) => [key, { path: key, value: 'x', line: 1, column: 1 }]));
    const expected = (key: string, locale: string): boolean => {
      const plural = /_(?:ordinal_)?(zero|one|two|few|many|other)$/.exec(key);
      if (plural) {
        const base = key.slice(0, plural.index);
        return after.has(base) || !fromIntl(locale, plural[0].includes('ordinal')).includes(plural[1]);
      }
      return [false, true].some((ordinal) => fromIntl(locale, ordinal).every((form) => after.has(`${key}_${ordinal ? 'ordinal_' : ''}${form}`)));
    };
    for (let round = 0; round < 2; round++) {
      for (const locale of LOCALES) {
        for (const key of ['items', 'items_few', 'items_many', 'items_one', 'rank', 'rank_ordinal_few', 'rank_ordinal_many', 'plain', 'gone', 'gone_other']) {
          assert.equal(stillResolves(after, key, locale, 'i18next'), expected(key, locale), `${locale} ${key}`);
        }
      }
    }
  });
});
