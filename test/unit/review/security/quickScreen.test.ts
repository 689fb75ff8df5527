// The secret scan reads a block once to learn which rules' quick tests could
// match in it, and tries only those (src/core/review/checks/security/
// quickScreen.ts). It may try a test more, never one less: every screened
// test that matches a text must be among the screen's candidates for it, so
// the findings are those of trying every test. Held on the benchmark's
// translation drops, every corpus the project measures recall and false
// positives on, and random text made of the tests' own characters.
import * as assert from 'node:assert/strict';
import { LOCALE_CODES, localeFile, messagesFile } from '../../../../bench/translationDrop';
import { quickScreen } from '../../../../src/core/review/checks/security/quickScreen';
import { SECRET_RULES } from '../../../../src/core/review/checks/security/secretRules';
import { resetQuickScreen, scanBlock } from '../../../../src/core/review/checks/security/secretScan';
import { GENERIC_POSITIVES, NATURAL_LANGUAGE_NEGATIVES, SECRET_CORPUS, corpusFiles, embedAll } from '../../../support/secretCorpus';
import { seededRandom } from '../../../support/seededRandom';
import { publicSamples } from '../../../support/secretCorpus/public';

const TESTS = SECRET_RULES.flatMap((rule) => (rule.quickTest ? [rule.quickTest] : []));
const SCREEN = quickScreen(TESTS);

/** The screened tests that match `text` but that the screen would not have tried. */
function missed(text: string): string[] {
  const candidates = SCREEN.candidates(text);
  return TESTS.filter((test) => SCREEN.screened.has(test) && !candidates.has(test) && test.test(text)).map(String);
}

function assertNoneMissed(texts: Iterable<string>, what: string): void {
  let count = 0;
  for (const text of texts) {
    // The whole text, and each line on its own: a match at a text's very start or end too.
    for (const piece of [text, ...text.split('\n')]) assert.deepEqual(missed(piece), [], `${what}: ${JSON.stringify(piece.slice(0, 120))}`);
    count++;
  }
  assert.ok(count > 0, what);
}


describe('the secret scan\'s quick screen', () => {
  it('screens every quick test but a single character (`|`), which is tried on its own', () => {
    assert.deepEqual(TESTS.filter((test) => !SCREEN.screened.has(test)).map(String), ['/\\|/']);
  });

  it('misses no test on the benchmark\'s translation drops', () => {
    assertNoneMissed(LOCALE_CODES.slice(0, 8).flatMap((locale) => [localeFile(locale, 1, 400), messagesFile(locale, 400)]), 'translation drop');
  });

  it('misses no test on the provider corpus, its generic positives and its natural-language negatives', () => {
    const { positives, negatives } = corpusFiles();
    assertNoneMissed([...positives, ...negatives].map((file) => file.text), 'corpus');
    assertNoneMissed(SECRET_CORPUS.flatMap((entry) => [...embedAll(entry.positives), ...embedAll(entry.negatives)]).map((file) => file.text), 'embedded corpus');
    assertNoneMissed(embedAll(GENERIC_POSITIVES).map((file) => file.text), 'generic positives');
    assertNoneMissed(embedAll(NATURAL_LANGUAGE_NEGATIVES).map((file) => file.text), 'natural-language negatives');
  });

  it('misses no test on the gitleaks, secretlint and detect-secrets cases', () => {
    assertNoneMissed(publicSamples().map((sample) => sample.text), 'public cases');
  });

  it('misses no test on random text made of the tests\' own characters, in both cases, with whitespace and characters outside ASCII', () => {
    const random = seededRandom(67);
    const pieces = [...new Set(TESTS.flatMap((test) => [...test.source.replace(/\\[ds]/g, '')]))].flatMap((char) => [char, char.toUpperCase(), char.toLowerCase()]);
    pieces.push(' ', '\t', '\n', '\u00a0', '\u3000', 'é', 'ſ', 'K', '0', '7', '_', '-', '.', ':', '/', '~', '"', "'", '`', ',');
    // Each test's beginnings too, so that near misses and matches come often.
    const words = TESTS.map((test) => test.source.replace(/[\\()?:[\]|+*]/g, '').slice(0, 12));
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      const length = 1 + Math.floor(random() * 14);
      while (text.length < length) text += random() < 0.2 ? words[Math.floor(random() * words.length)].slice(0, 1 + Math.floor(random() * 6)) : pieces[Math.floor(random() * pieces.length)];
      assert.deepEqual(missed(text), [], JSON.stringify(text));
    }
  });
});

describe('the secret scan without its quick screen (a small change, before the screen is built)', () => {
  afterEach(() => resetQuickScreen(32 * 1024));

  it('finds what it finds with the screen, on the corpus, the public cases and a translation drop', () => {
    const { positives, negatives } = corpusFiles();
    const texts = [
      ...[...positives, ...negatives].map((file) => file.text),
      ...embedAll(GENERIC_POSITIVES).map((file) => file.text),
      ...publicSamples().map((sample) => sample.text),
      localeFile(LOCALE_CODES[0], 1, 200),
    ];
    const scanAll = () => texts.map((text) => scanBlock('src/config.ts', { firstLine: 1, text }));
    resetQuickScreen(0);
    const screened = scanAll();
    resetQuickScreen(Infinity);
    const unscreened = scanAll();
    assert.ok(screened.some((hits) => hits.length > 0));
    assert.deepEqual(unscreened, screened);
  });
});
