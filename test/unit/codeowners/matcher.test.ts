// Resolving the owners of a path over a whole file: the last match wins.

import * as assert from 'node:assert/strict';
import { compileCodeowners, parseCodeowners, type OwnersMatch } from '../../../src/core/codeowners';
import { fixture, ownersOf } from './helpers';

describe('compileCodeowners (GitHub)', () => {
  describe("the example file of GitHub's docs", () => {
    const text = fixture('github-docs-example.CODEOWNERS');
    const expected = JSON.parse(fixture('github-docs-example.expected.json')) as Record<string, Omit<OwnersMatch, 'file'>>;
    const matcher = compileCodeowners(parseCodeowners(text));

    it('parses without problems', () => {
      const parsed = parseCodeowners(text);
      assert.deepEqual(parsed.problems, []);
      assert.equal(parsed.rules.length, 14);
    });

    for (const [path, want] of Object.entries(expected)) {
      it(`gives ${path} to ${want.owners.join(' ') || 'nobody'} (line ${want.line})`, () => {
        assert.deepEqual(matcher.ownersOf(path), { ...want, file: '.github/CODEOWNERS' });
      });
    }

    it('leaves /apps/github without owners when the file stops before its last block', () => {
      const truncated = text.split('\n').slice(0, 61).join('\n');
      assert.deepEqual(ownersOf(truncated, 'apps/github/api.go'), { owners: [], line: 61, file: '.github/CODEOWNERS', pattern: '/apps/github' });
    });
  });

  describe('resolution', () => {
    it('lets a later `*` beat an earlier, more specific rule', () => {
      assert.equal(ownersOf('/src/app/main.ts @specific\n* @everyone\n', 'src/app/main.ts').line, 2);
    });

    it('reports the winning line even when its owners are empty', () => {
      assert.deepEqual(ownersOf('* @a\n/vendor/\n', 'vendor/lib.js'), { owners: [], line: 2, file: '.github/CODEOWNERS', pattern: '/vendor/' });
    });

    it('gives [] and null when no rule matches', () => {
      assert.deepEqual(ownersOf('/docs/ @a\n', 'src/x.ts'), { owners: [], line: null, file: null, pattern: null });
      assert.deepEqual(ownersOf('', 'src/x.ts'), { owners: [], line: null, file: null, pattern: null });
    });

    it('never matches an invalid line', () => {
      assert.equal(ownersOf('* @a\n*.md bad-owner\n', 'x.md').line, 1);
      assert.equal(ownersOf('* @a\n*.md @b\n!*.md @c\n', 'x.md').line, 2);
    });

    it('reports the file path it was parsed with', () => {
      const matcher = compileCodeowners(parseCodeowners('* @a', { file: 'docs/CODEOWNERS' }));
      assert.equal(matcher.ownersOf('x').file, 'docs/CODEOWNERS');
      assert.equal(matcher.file, 'docs/CODEOWNERS');
    });

    it('returns a fresh owners array each time', () => {
      const matcher = compileCodeowners(parseCodeowners('* @a'));
      matcher.ownersOf('x').owners.push('@mutated');
      assert.deepEqual(matcher.ownersOf('x').owners, ['@a']);
    });

    it('ignores rules whose pattern was edited into an invalid one after parsing', () => {
      const parsed = parseCodeowners('* @a\n/docs/ @b\n');
      parsed.rules[1].pattern = '/docs/[x]';
      assert.equal(compileCodeowners(parsed).ownersOf('docs/y').line, 1);
      parsed.rules[1].pattern = '/src/';
      assert.equal(compileCodeowners(parsed).ownersOf('src/y').line, 2);
    });
  });

  describe('scale', () => {
    it('resolves 20,000 paths over 20,000 literal rules (the index, not a scan, answers)', () => {
      const files = Array.from({ length: 20_000 }, (_, index) => `src/module${index % 200}/file${index}.c`);
      const text = ['* @all', ...files.map((file, index) => `/${file} @owner${index}`)].join('\n');
      const matcher = compileCodeowners(parseCodeowners(text));
      const answers = files.map((file) => matcher.ownersOf(file));
      assert.deepEqual(answers[0], { owners: ['@owner0'], line: 2, file: '.github/CODEOWNERS', pattern: '/src/module0/file0.c' });
      assert.deepEqual(answers[19_999].owners, ['@owner19999']);
      assert.equal(matcher.ownersOf('src/module0/other.c').line, 1);
    });
  });

  describe('every kind of indexed rule competes on line number', () => {
    // One rule of each index kind, all matching `a/b/c.js`: the latest must win whatever its kind.
    const kinds = ['/a/b/c.js @prefix', '/a/ @dir', 'a/* @child', 'c.js @name', 'b/ @namedir', '*.js @ext', '*.c.js @dotext', 'a/**/c.js @glob', '* @all'];
    for (let last = 0; last < kinds.length; last++) {
      const order = [...kinds.slice(0, last), ...kinds.slice(last + 1), kinds[last]];
      const owner = kinds[last].split(' ')[1];
      const expectMatch = owner !== '@child' && owner !== '@dotext';
      it(`${kinds[last]} wins when written last${expectMatch ? '' : ' (it does not match, so the one before it wins)'}`, () => {
        const result = ownersOf(order.join('\n'), 'a/b/c.js');
        const winner = expectMatch ? owner : order[order.length - 2].split(' ')[1];
        assert.deepEqual(result.owners, [winner]);
      });
    }
  });
});
