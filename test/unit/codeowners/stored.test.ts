// A parse as the policy cache keeps it (stored-parse.ts: the text and each
// line's needle in place of the rules) gives exactly the answers of the
// parse itself: its lookups read the text from the bottom, its rules are
// parsed when asked for, and both are held to the full parse's index on
// every path of real CODEOWNERS files and on lines made to be hard to read.

import * as assert from 'node:assert/strict';
import { compileCodeowners, parseCodeowners, type CodeownersFlavor, type LookupStrategy, type ParsedCodeowners } from '../../../src/core/codeowners';
import { fromStored, needleIndexOf, needlesOf, storedText, toStored, type StoredCodeowners } from '../../../src/core/codeowners/stored-parse';
import { fixture, realCases, withFolders } from './helpers';
import { cpuBound } from '../helpers/cpuBound';

/** Written to JSON and read back, as a cache file holds it. */
function roundTrip(parsed: ParsedCodeowners): ParsedCodeowners {
  const stored = fromStored(JSON.parse(JSON.stringify(toStored(parsed))));
  assert.ok(stored);
  return stored;
}

/** The stored parse's answers against the full parse's index on each path: first before its rules are parsed, then after. */
function assertSameAnswers(text: string, paths: readonly string[], flavor: CodeownersFlavor = 'github', asText = true): number {
  const parsed = parseCodeowners(text, { flavor });
  const index = compileCodeowners(parsed, 'index');
  const stored = roundTrip(parsed);
  assert.equal(storedText(stored) !== undefined, asText, 'read back as text');
  const strategies: LookupStrategy[] = ['scan', 'adaptive', 'index'];
  let owned = 0;
  for (const strategy of strategies) {
    const matcher = compileCodeowners(stored, strategy);
    for (const asked of paths) {
      const expected = index.ownersOf(asked);
      assert.deepEqual(matcher.ownersOf(asked), expected, `${strategy}: ${asked}`);
      if (expected.line !== null) owned++;
    }
  }
  // Its rules, sections and problems are the parse's.
  assert.deepEqual(stored.rules, parsed.rules);
  assert.deepEqual(stored.sections, parsed.sections);
  assert.deepEqual(stored.problems, parsed.problems);
  assert.equal(stored.file, parsed.file);
  assert.equal(stored.flavor, parsed.flavor);
  return owned;
}

/** Paths that hold, or nearly hold, each rule's pattern: the pattern with its wildcards filled in, and every folder above. */
function pathsFor(text: string): string[] {
  const paths = new Set<string>(['', 'README.md', 'a', 'a/b', 'docs/x.md', 'My Documents/a', 'My\\ Documents/a', '#x', 'apps/#x/y', '[Section]', 'a/[Section]/b', '!negated', 'x/!negated']);
  for (const raw of text.split('\n')) {
    const pattern = raw.trim().split(/[ \t]+/)[0] ?? '';
    if (!pattern || pattern.startsWith('#')) continue;
    const plain = pattern.replace(/\\(.)/g, '$1');
    for (const filled of [plain.replace(/\*\*/g, 'x/y').replace(/[*?]/g, 'z'), plain.replace(/\*\*\/?/g, '').replace(/[*?]/g, ''), pattern]) {
      const trimmed = filled.replace(/^\/+/, '');
      paths.add(trimmed);
      paths.add(`${trimmed}/inner.c`);
      paths.add(`deep/${trimmed}`);
    }
  }
  return withFolders([...paths]);
}

const HARD_LINES = [
  '\ufeff# a comment after a byte order mark',
  '* @everyone',
  '',
  '   ',
  '\t# an indented comment',
  '[Section] @section-owner',
  '^[Optional][2] @opt',
  '[Unclosed @x',
  '/docs/ @docs # trailing comment',
  '/docs/internal/',
  '!negated @neg',
  '/src/*.ts @ts-owners',
  'My\\ Documents/ @spaces',
  '\\#hash/ @hash',
  '/apps/\\#x/ @escaped-hash',
  'a\\*b @escaped-star',
  '**/i18n/*.json @i18n',
  'docs/** @docs2',
  '/**/deep/** @deep',
  '*.md\t@tabbed\t@two',
  '/crlf/ @crlf\r',
  'bad[ @bad',
  '/x/ not-an-owner',
  '/y/ @ok bad owner',
  '/*** @too-many-stars',
  'lib/ @lib-a @lib-b',
  'lib/special.c',
  '/docs/x.md @last-docs',
  '\\',
  'trailing\\',
  'README.md @readme',
];

describe('CODEOWNERS kept as text (the policy cache\'s form)', function () {
  // Every path of real trees looked up two ways: bound by the CPU it gets.
  this.timeout(cpuBound(120_000));
  const cases = realCases();
  it('has the real files to hold it to', () => {
    assert.ok(cases.length >= 6, cases.map((one) => one.name).join(', '));
  });

  for (const one of cases) {
    it(`gives the full parse's owners for every path of ${one.name} and every folder above one`, () => {
      const owned = assertSameAnswers(one.codeowners, withFolders(one.paths));
      assert.ok(owned > 0, `${one.name}: no path has an owner`);
    });
  }

  it('gives the full parse\'s owners on section headings, negations, owner-less rules, escapes, CRLF, a byte order mark and malformed lines', () => {
    const text = HARD_LINES.join('\n');
    assert.ok(assertSameAnswers(text, pathsFor(text)) > 0);
    assert.ok(assertSameAnswers(HARD_LINES.join('\r\n'), pathsFor(text)) > 0);
    // Reversed, so that each rule is the last to match somewhere.
    const reversed = [...HARD_LINES.slice(1)].reverse().join('\n');
    assert.ok(assertSameAnswers(reversed, pathsFor(reversed)) > 0);
  });

  it('gives GitLab\'s sections as the full parse does (its rules parsed when the matcher is made)', () => {
    const text = fixture('gitlab-sections.CODEOWNERS');
    assertSameAnswers(text, pathsFor(text), 'gitlab');
    assertSameAnswers(HARD_LINES.join('\n'), pathsFor(HARD_LINES.join('\n')), 'gitlab');
  });

  it('gives no owners for a file refused whole or empty, and none for an owner-less rule', () => {
    // A file refused whole is kept as its (empty) parse; one kept as text all the same has no rules either.
    assert.equal(assertSameAnswers('\0\0binary @x\n* @y', ['a', 'binary'], 'github', false), 0);
    const binary = fromStored({ file: '.github/CODEOWNERS', flavor: 'github', sections: [], problems: [], text: '\0\0binary @x\n* @y', needles: 'binary\n' });
    assert.ok(binary);
    assert.equal(compileCodeowners(binary, 'scan').ownersOf('binary').line, null);
    assert.equal(compileCodeowners(binary, 'scan').ownersOf('a').line, null);
    assert.deepEqual(binary.rules, []);
    assert.equal(assertSameAnswers('', ['a']), 0);
    // An owner-less rule matches, and leaves the path unowned.
    assert.equal(assertSameAnswers('*', ['a']), 3);
    assert.deepEqual(compileCodeowners(roundTrip(parseCodeowners('*')), 'scan').ownersOf('a').owners, []);
  });

  it('works needles out again when the ones kept are not one a line', () => {
    const text = '* @all\n/docs/ @docs\n';
    const { byNeedle: _byNeedle, ...stored } = JSON.parse(JSON.stringify(toStored(parseCodeowners(text)))) as StoredCodeowners;
    for (const needles of ['', 'nothing\nat\nall\nhere\nx', 'zzz']) {
      const read = fromStored({ ...stored, needles });
      assert.ok(read);
      assert.deepEqual(compileCodeowners(read, 'scan').ownersOf('docs/a.md').owners, ['@docs']);
    }
  });

  it('finds by needle the owners going through every needle finds, on every path of the real files, paths too long to look up by needle, and hard lines', () => {
    const long = (path: string) => [`${path}/${'x'.repeat(70)}`, `${'y'.repeat(80)}${path}`, `${path}${'z'.repeat(64)}/a`];
    const texts = [...cases.map((one) => ({ text: one.codeowners, paths: withFolders(one.paths).filter((_, at) => at % 3 === 0) })), { text: HARD_LINES.join('\n'), paths: pathsFor(HARD_LINES.join('\n')) }, { text: HARD_LINES.join('\r\n'), paths: pathsFor(HARD_LINES.join('\n')) }];
    let byNeedle = 0;
    for (const { text, paths } of texts) {
      // Each text by needle, whatever its length: toStored keeps a short file's needles instead (below).
      const { byNeedle: _index, needles: _needles, ...plain } = JSON.parse(JSON.stringify(toStored(parseCodeowners(text)))) as StoredCodeowners;
      const records = needleIndexOf(text);
      if (records === undefined) continue;
      byNeedle++;
      const indexed = compileCodeowners(fromStored({ ...plain, byNeedle: records })!, 'scan');
      const everyNeedle = compileCodeowners(fromStored({ ...plain, needles: needlesOf(text) })!, 'scan');
      const asked = [...paths, ...paths.slice(0, 300).flatMap(long)];
      for (const path of asked) assert.deepEqual(indexed.ownersOf(path), everyNeedle.ownersOf(path), path);
    }
    assert.equal(byNeedle, texts.length, 'every text is kept with its lines by needle');
  });

  it('keeps a file of up to 1,024 lines by its needles, one a line, and a longer one by needle, each answering as the parse', () => {
    const rule = (at: number) => `/src/module-${at}/ @team-${at % 7}`;
    const lines = (count: number) => Array.from({ length: count }, (_, at) => (at === 0 ? '* @all' : rule(at))).join('\n');
    const paths = ['README.md', 'src/module-5/a.ts', 'src/module-1000/b/c.ts', 'src/module-1024/x', 'src/module-1500/y', 'deep/src/module-7/z'];
    for (const [count, form] of [[1024, 'needles'], [1025, 'byNeedle']] as const) {
      const text = lines(count);
      const stored = JSON.parse(JSON.stringify(toStored(parseCodeowners(text)))) as StoredCodeowners;
      assert.deepEqual([stored.needles !== undefined, stored.byNeedle !== undefined], [form === 'needles', form === 'byNeedle'], `${count} lines`);
      assertSameAnswers(text, paths);
    }
    // A short file's lookups that go through every needle build no index for the two paths `explain` is most often given.
    const parsed = fromStored(JSON.parse(JSON.stringify(toStored(parseCodeowners(lines(19))))))!;
    let rulesParsed = false;
    const watched = Object.defineProperty({ ...parsed }, 'rules', { get: () => ((rulesParsed = true), parsed.rules) });
    Object.defineProperty(watched, Symbol.for('pm-zone.codeowners.stored-text'), { value: storedText(parsed) });
    const matcher = compileCodeowners(watched);
    assert.deepEqual(matcher.ownersOf('src/module-5/i18n/en.json').owners, ['@team-5']);
    assert.deepEqual(matcher.ownersOf('src/module-12/session.ts').owners, ['@team-5']);
    assert.equal(rulesParsed, false, 'no rule parsed whole');
  });

  it('keeps the needles where a needle could not be a record (a blank, a `/`), and for a file refused whole', () => {
    assert.equal(needleIndexOf('* @all\n/docs/ @docs\n'), '3\n 1.0\ndocs 2.7');
    assert.equal(needleIndexOf('a @x\nb @y', 'a b\nb'), undefined);
    assert.equal(needleIndexOf('a @x\nb @y', 'a/b\nb'), undefined);
    assert.equal(needleIndexOf('\0\0binary @x\n* @y'), undefined);
    // A byte order mark is not part of the first line: its start is after it.
    assert.equal(needleIndexOf('\ufeff/docs/ @docs\n/src/ @src'), '2\ndocs 1.1\nsrc 2.14');
    // Neither or both of the two forms is refused.
    const text = '* @all\n';
    const both = { ...(toStored(parseCodeowners(text)) as StoredCodeowners), needles: needlesOf(text), byNeedle: needleIndexOf(text) };
    assert.equal(fromStored(both), undefined);
    const { byNeedle: _index, ...neither } = both;
    assert.equal(fromStored({ ...neither, needles: undefined }), undefined);
  });

  it("answers a path asked again, by another matcher of the same parse, as the first lookup did, and another parse's by its own text", () => {
    const first = roundTrip(parseCodeowners('* @all\n/docs/ @docs\n'));
    const second = roundTrip(parseCodeowners('* @all\n/docs/ @writers\n/src/ @dev\n'));
    const paths = ['docs/a.md', 'src/x.ts', 'docs/a.md', 'README.md', 'src/x.ts'];
    const expected = (text: string) => paths.map((asked) => compileCodeowners(parseCodeowners(text), 'index').ownersOf(asked));
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(paths.map((asked) => compileCodeowners(first, 'scan').ownersOf(asked)), expected('* @all\n/docs/ @docs\n'));
      assert.deepEqual(paths.map((asked) => compileCodeowners(second, 'scan').ownersOf(asked)), expected('* @all\n/docs/ @writers\n/src/ @dev\n'));
    }
    // An answer handed out and changed by its caller does not change the next one.
    const matcher = compileCodeowners(first, 'scan');
    matcher.ownersOf('docs/a.md').owners.push('@intruder');
    assert.deepEqual(matcher.ownersOf('docs/a.md').owners, ['@docs']);
  });

  it('reads a whole parse written by an earlier cache as it is, and refuses anything else', () => {
    const parsed = parseCodeowners('* @all\n');
    const whole = JSON.parse(JSON.stringify(parsed)) as ParsedCodeowners;
    assert.equal(fromStored(whole), whole);
    assert.equal(fromStored({ ...whole, rules: undefined }), undefined);
    assert.equal(fromStored({ ...toStored(parsed), needles: 3 }), undefined);
    assert.equal(fromStored({ ...toStored(parsed), byNeedle: 3 }), undefined);
    assert.equal(fromStored({ ...toStored(parsed), text: 3 }), undefined);
    assert.equal(fromStored(null), undefined);
    assert.equal(fromStored('text'), undefined);
  });

  it('is written again as text, without parsing its rules', () => {
    const parsed = parseCodeowners('* @all\n/docs/ @docs\n');
    const stored = roundTrip(parsed);
    assert.deepEqual(JSON.parse(JSON.stringify(toStored(stored))), JSON.parse(JSON.stringify(toStored(parsed))));
  });
});
