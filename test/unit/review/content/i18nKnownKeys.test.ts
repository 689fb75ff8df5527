import * as assert from 'node:assert/strict';
import type { ChangedFile, CheckContext } from '../../../../src/core/review/model';
import { changedVersionReader } from '../../../../src/core/review/checks/i18n/check';
import { keysReader } from '../../../../src/core/review/checks/i18n/localeSet';
import { scanJson } from '../../../../src/core/review/checks/i18n/json';
import type { FileSource } from '../../../../src/core/types';

function file(path: string, newText: string | undefined, extra: Partial<ChangedFile> = {}): ChangedFile {
  return { path, status: 'modified', oldText: '{}', newText, ...extra };
}

describe('the keys reader given the change\'s own readings', () => {
  it('finds the same keys as reading the file source, and takes the change\'s reading only where its text is the same', async () => {
    const json = '\uFEFF{"a": {"b": "x", "c": ["y", "z"]}, "Sentence with spaces": "s", "d": 1}\n';
    const disk: Record<string, string> = {
      'i18n/en.json': json,
      'i18n/de.json': '{"a": "on disk"}',
      'l10n/app_en.arb': '{"title": "T", "@title": {"description": "d"}}',
      'lang/fr.json': '{"Your :count items": "Vos :count articles", "Log in": "Connexion"}',
      'config/locales/en.yml': 'en:\n  a: x\n  b:\n    c: y\n',
      'i18n/broken.json': '{"a": ',
      'i18n/nul.json': '{"a": "\u0000"}',
    };
    const files = [
      file('i18n/en.json', json),
      // Edited in the editor since: the file source's text is another.
      file('i18n/de.json', '{"b": "in the editor"}'),
      file('l10n/app_en.arb', disk['l10n/app_en.arb']),
      file('lang/fr.json', disk['lang/fr.json']),
      file('config/locales/en.yml', disk['config/locales/en.yml']),
      file('i18n/broken.json', disk['i18n/broken.json']),
      file('i18n/nul.json', disk['i18n/nul.json']),
    ];
    const source: FileSource = { readText: async (path) => disk[path] };
    const taken: string[] = [];
    const own = changedVersionReader({} as CheckContext, files);
    const known = (path: string, text: string) => {
      const scan = own(path, text);
      if (scan) taken.push(path);
      return scan;
    };
    const plain = keysReader(source);
    const shared = keysReader(source, known);
    for (const path of [...Object.keys(disk), 'i18n/missing.json']) assert.deepEqual(await shared(path), await plain(path), path);
    // A text with a NUL is no strings file: not read at all.
    assert.deepEqual(taken.sort(), ['config/locales/en.yml', 'i18n/broken.json', 'i18n/en.json', 'lang/fr.json']);
  });
});

describe('an untouched JSON locale with a NUL byte', () => {
  it('is left out by the JSON reader itself: a NUL anywhere, in a string or out of one, fails the check that it parses', () => {
    const documents = ['{"a": "x", "b": {"c": ["y", 1, true, null]}, "d": "\\u0041 é 東"}\n', '\uFEFF{}', '[]', '"s"', '{"k": -1.5e3}'];
    for (const document of documents) {
      assert.ok(scanJson(document.replace(/^\uFEFF/, ''), { checkOnly: true }).ok, document);
      for (let at = 0; at <= document.length; at++) {
        const text = `${document.slice(0, at)}\u0000${document.slice(at)}`.replace(/^\uFEFF/, '');
        assert.equal(scanJson(text, { checkOnly: true }).ok, false, JSON.stringify(text));
      }
    }
  });
});
