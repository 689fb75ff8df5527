// Where code asks for a key, read from files in the shapes of real projects'
// (see test/fixtures/review/content/i18n/README.md): a use is a call the
// i18n library resolves, not any string with the same text.
import * as assert from 'node:assert/strict';
import { keyUses } from '../../../../src/core/review/checks/i18n';
import { i18nCheck } from '../../../../src/core/review/checks/i18n';
import type { TextSearch } from '../../../../src/core/review/model';
import { changed, context, fixture, run } from './context';

const uses = (name: string, keys: string[]) => {
  const text = fixture('i18n', `uses/${name}`);
  const lines = text.split('\n').map((line, index) => ({ line: index + 1, text: line }));
  return keyUses(`src/${name}`, text, new Set(keys), lines).map(({ key, line, kind }) => `${kind} ${key} :${line}`);
};

describe('i18n: what counts as a use of a key', () => {
  it('a typed wrapper indexed by key, bound from useI18n(), is a use; the same key in a comment is not', () => {
    assert.deepEqual(uses('history-tips-modal.tsx', ['com.affine.history-vision.tips-modal.title', 'com.affine.history-vision.tips-modal.heading']), [
      'call com.affine.history-vision.tips-modal.title :9',
    ]);
  });

  it('English text as keys: a Storybook category, a type union and a test’s data are not uses', () => {
    assert.deepEqual(uses('preview.tsx', ['Group']), ['value Group :6']);
    assert.deepEqual(uses('settings.ts', ['NativeTitleBar']), []);
    assert.deepEqual(uses('all-page.spec.ts', ['New Workspace', 'Divider']), ['value New Workspace :2', 'value Divider :3']);
  });

  it('react-intl descriptors, i18next calls, <Trans i18nKey>, a translator from getTranslate() and a key under a name that says so', () => {
    assert.deepEqual(uses('messages.ts', ['label.powered-by']), ['call label.powered-by :5']);
    assert.deepEqual(uses('actionClipboard.tsx', ['labels.paste', 'labels.pasteError', 'labels.copy']), ['value labels.paste :5', 'call labels.pasteError :8']);
    assert.deepEqual(uses('summary-page.tsx', ['environments.surveys.summary.title', 'environments.surveys.summary.share_hint']), [
      'call environments.surveys.summary.title :5',
      'call environments.surveys.summary.share_hint :6',
    ]);
  });

  it("the project's own wrapper, where the file shows it: a renamed t, and a function passing its parameter on", () => {
    assert.deepEqual(uses('wrapper.ts', ['issue.states.open', 'issue.states.closed']), ['call issue.states.open :6', 'call issue.states.closed :6']);
  });

  it('a Vue template is read line by line: t() and $t() in it are uses', () => {
    assert.deepEqual(uses('CollectionsProperties.vue', ['collection.properties', 'action.save']), ['call collection.properties :2', 'call action.save :3']);
  });
});

describe('i18n: removing English-text keys nothing translates', () => {
  // A cleanup of unused keys, as AFFiNE's en.json keeps them ("Divider": "Divider").
  const before = '{\n  "Divider": "Divider",\n  "Group": "Group",\n  "NativeTitleBar": "Native title bar",\n  "com.affine.history-vision.tips-modal.title": "Version history",\n  "com.affine.page.count": "{{count}} docs"\n}\n';
  const repo = Object.fromEntries(['history-tips-modal.tsx', 'preview.tsx', 'settings.ts', 'all-page.spec.ts'].map((name) => [`src/${name}`, fixture('i18n', `uses/${name}`)]));
  const search: TextSearch = {
    async find(needles) {
      return Object.entries(repo).flatMap(([file, text]) =>
        text.split('\n').flatMap((line, index) => (needles.some((needle) => line.includes(needle)) ? [{ file, line: index + 1, text: line }] : [])),
      );
    },
  };
  const review = async (after: string) => {
    const ctx = context([changed('i18n/src/resources/en.json', before, after)], { repo, listing: true });
    ctx.search = search;
    return run(i18nCheck, ctx);
  };

  it('does not block when the words appear only in comments, types, Storybook and tests', async () => {
    const findings = await review('{\n  "com.affine.history-vision.tips-modal.title": "Version history",\n  "com.affine.page.count": "{{count}} docs"\n}\n');
    assert.deepEqual(findings.map(({ severity, message }) => [severity, message]), [
      ['info', '3 keys removed; no translation call names them (a key the code builds at run time cannot be found this way): `Divider`, `Group` and `NativeTitleBar`.'],
    ]);
  });

  it('still blocks a key a translation call names', async () => {
    const findings = await review('{\n  "Divider": "Divider",\n  "Group": "Group",\n  "NativeTitleBar": "Native title bar",\n  "com.affine.page.count": "{{count}} docs"\n}\n');
    assert.deepEqual(findings.map(({ blocking: blocks, message }) => [blocks, message]), [
      [true, 'Key `com.affine.history-vision.tips-modal.title` was removed, but src/history-tips-modal.tsx:9 still uses it: that screen would show the raw key. Keep the key, or change the code in the same change.'],
    ]);
  });
});

describe('i18n: i18next plural forms are not removed keys', () => {
  const search = (line: string): TextSearch => ({ find: async () => [{ file: 'src/Stats.tsx', line: 3, text: line }] });
  const review = async (before: string, after: string, file = 'en.json') => {
    const ctx = context([changed(`src/locales/${file}`, before, after)], { listing: true, repo: { 'src/Stats.tsx': `const x = 1;\nconst y = 2;\nt('items_count', { count });\n` } });
    ctx.search = search("t('items_count', { count });");
    return (await run(i18nCheck, ctx)).filter((item) => item.check === 'i18n.removed-key');
  };

  it('splitting a key into _one and _other (how "1 items" is fixed) removes nothing the code asks for', async () => {
    const findings = await review('{\n  "items_count": "{{count}} items"\n}\n', '{\n  "items_count_one": "{{count}} item",\n  "items_count_other": "{{count}} items"\n}\n');
    assert.deepEqual(findings, []);
  });

  it('ordinal forms resolve the key too; a form English does not use (_few) can go', async () => {
    const ordinals = '{\n  "items_count_ordinal_one": "{{count}}st",\n  "items_count_ordinal_two": "{{count}}nd",\n  "items_count_ordinal_few": "{{count}}rd",\n  "items_count_ordinal_other": "{{count}}th"\n}\n';
    assert.deepEqual(await review('{\n  "items_count": "{{count}}"\n}\n', ordinals), []);
    const withFew = '{\n  "items_count_one": "{{count}} item",\n  "items_count_few": "{{count}} items",\n  "items_count_other": "{{count}} items"\n}\n';
    assert.deepEqual(await review(withFew, withFew.replace('  "items_count_few": "{{count}} items",\n', '')), []);
  });

  it('still blocks when a form the locale needs goes: a count of 1 would show the raw key', async () => {
    const both = '{\n  "items_count_one": "{{count}} item",\n  "items_count_other": "{{count}} items"\n}\n';
    const findings = await review(both, '{\n  "items_count_other": "{{count}} items"\n}\n');
    assert.deepEqual(findings.map((item) => item.blocking), [true]);
    const onlyOther = await review('{\n  "items_count": "{{count}} items"\n}\n', '{\n  "items_count_other": "{{count}} items"\n}\n');
    assert.deepEqual(onlyOther.map((item) => item.blocking), [true], 'English needs _one as well');
  });
});
