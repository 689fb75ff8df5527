// The scan from the last rule up (rule-scan.ts), which answers a command's
// first few lookups without compiling every rule, gives exactly the index's
// answers: on real CODEOWNERS files with every path of their repositories,
// and on each lookup strategy of compileCodeowners.

import * as assert from 'node:assert/strict';
import { compileCodeowners, parseCodeowners, type LookupStrategy } from '../../../src/core/codeowners';
import { literalNeedle } from '../../../src/core/codeowners/rule-scan';
import { realCases, withFolders } from './helpers';

describe('CODEOWNERS lookups: the scan from the bottom and the index', () => {
  it('reads the longest run of plain characters a pattern has, and none where it escapes', () => {
    assert.equal(literalNeedle('/arch/arm/src/stm32/'), 'stm32');
    assert.equal(literalNeedle('**/i18n/*.json'), '.json');
    assert.equal(literalNeedle('docs/*'), 'docs');
    assert.equal(literalNeedle('*'), '');
    assert.equal(literalNeedle('a?c/README.md'), 'README.md');
    assert.equal(literalNeedle('x\\ y/*.md'), '');
  });

  const cases = realCases();
  it('has the real files to hold the two to', () => {
    assert.ok(cases.length >= 6, cases.map((one) => one.name).join(', '));
  });

  for (const one of cases) {
    it(`gives the index's owners for every path of ${one.name} and every folder above one`, () => {
      const parsed = parseCodeowners(one.codeowners);
      const scan = compileCodeowners(parsed, 'scan');
      const index = compileCodeowners(parsed, 'index');
      let owned = 0;
      for (const asked of withFolders(one.paths)) {
        const expected = index.ownersOf(asked);
        assert.deepEqual(scan.ownersOf(asked), expected, asked);
        if (expected.line !== null) owned++;
      }
      // Not a file whose rules own nothing: the comparison above compared answers.
      assert.ok(owned > 0, `${one.name}: no path has an owner`);
    });
  }

  it('answers alike on every strategy, however many paths are asked (the adaptive one switching to the index on the way)', () => {
    const esphome = cases.find((one) => one.name === 'esphome');
    assert.ok(esphome);
    const parsed = parseCodeowners(esphome.codeowners);
    const strategies: LookupStrategy[] = ['adaptive', 'scan', 'index'];
    const matchers = strategies.map((strategy) => compileCodeowners(parsed, strategy));
    for (const asked of esphome.paths.slice(0, 400)) {
      const [first, ...rest] = matchers.map((matcher) => matcher.ownersOf(asked));
      for (const other of rest) assert.deepEqual(other, first, asked);
    }
  });

  it('never compiles a rule whose plain characters the path lacks, and still finds a rule written with escapes', () => {
    const text = ['*.md @docs', '/src/very\\ odd/ @odd', ...Array.from({ length: 200 }, (_, i) => `/lib/module${i}/ @m${i}`)].join('\n');
    const matcher = compileCodeowners(parseCodeowners(text), 'scan');
    assert.deepEqual(matcher.ownersOf('src/very odd/a.ts').owners, ['@odd']);
    assert.deepEqual(matcher.ownersOf('lib/module7/a.md').owners, ['@m7']);
    assert.deepEqual(matcher.ownersOf('notes/a.md').owners, ['@docs']);
    assert.equal(matcher.ownersOf('src/other.ts').line, null);
  });
});
