// Property tests: the parser never throws, the pattern matcher agrees with an
// independent naive reading of the rules, and the index gives exactly the
// answer of trying every rule from the bottom.

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileCodeowners, parseCodeowners } from '../../../src/core/codeowners';
import { compilePattern, matchPattern, splitPath } from '../../../src/core/codeowners/pattern';
import { referenceOwns } from './reference-matcher';

const NAMES = ['a', 'b', 'ab', 'docs', 'src', '.x', 'a.js', 'b.js', 'x.test.js', 'README.md', 'a*', 'x y', 'é', '😀', '-r', 'logs', 'A'];
const PATTERN_SEGMENTS = [
  'a', 'b', 'ab', 'docs', 'src', 'logs', 'a.js', 'README.md', 'A', 'é', '😀', '-r',
  '*', '**', '?', 'a*', '*b', '*.js', '*.test.js', '.*', 'a?', '?b', '*a*', '**a', 'a**b', '***',
  'a\\*', 'x\\ y', '\\?', 'é?', '?.js',
];

// Any code point, lone surrogates and NUL included, biased towards the ASCII that CODEOWNERS syntax uses.
// (fast-check's own `binary` unit costs a second to build on first use.)
const anyCharacter = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 0x7f }).map((code) => String.fromCharCode(code)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)) },
);

const pathArbitrary = fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('/'));
const patternArbitrary = fc
  .record({
    leading: fc.boolean(),
    segments: fc.array(fc.constantFrom(...PATTERN_SEGMENTS), { minLength: 1, maxLength: 4 }),
    trailing: fc.boolean(),
  })
  .map(({ leading, segments, trailing }) => `${leading ? '/' : ''}${segments.join('/')}${trailing ? '/' : ''}`);

describe('properties', () => {
  it('parseCodeowners never throws, on arbitrary text in either flavour', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyCharacter, maxLength: 400 }), fc.boolean(), (text, gitlab) => {
        const parsed = parseCodeowners(text, { flavor: gitlab ? 'gitlab' : 'github' });
        compileCodeowners(parsed).ownersOf('a/b.md');
      }),
      { numRuns: 400 },
    );
  });

  it('parseCodeowners never throws on line-shaped noise', () => {
    const token = fc.constantFrom('*', '**', '/', '\\', '\\ ', '[', ']', '^[', '!', '#', '@a', '@', 'a@b.c', ' ', '\t', '\r', '\n', '\r\n', 'x', '\uFEFF', '[S][2]');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), fc.boolean(), (tokens, gitlab) => {
        const parsed = parseCodeowners(tokens.join(''), { flavor: gitlab ? 'gitlab' : 'github' });
        for (const problem of parsed.problems) {
          assert.ok(problem.line >= 1 && problem.column >= 1, JSON.stringify(problem));
        }
        compileCodeowners(parsed).ownersOf('x/y');
      }),
      { numRuns: 400 },
    );
  });

  it('the pattern matcher agrees with the naive reference reading', () => {
    fc.assert(
      fc.property(patternArbitrary, pathArbitrary, (pattern, path) => {
        const check = compilePattern(pattern);
        assert.ok(check.ok, `${pattern} should compile`);
        assert.equal(matchPattern(check.pattern, splitPath(path)), referenceOwns(pattern, path), `${pattern} vs ${path}`);
      }),
      { numRuns: 3000 },
    );
  });

  for (const strategy of ['index', 'scan', 'adaptive'] as const) {
  it(`the matcher (${strategy}) gives exactly the answer of trying every rule from the bottom`, () => {
    const ownerArbitrary = fc.constantFrom('@a', '@b', '@org/t', 'x@y.io');
    const ruleArbitrary = fc.record({ pattern: patternArbitrary, owners: fc.array(ownerArbitrary, { maxLength: 2 }) });
    fc.assert(
      fc.property(fc.array(ruleArbitrary, { minLength: 1, maxLength: 25 }), fc.array(pathArbitrary, { minLength: 1, maxLength: 20 }), (rules, paths) => {
        const text = rules.map((rule) => [rule.pattern, ...rule.owners].join(' ')).join('\n');
        const parsed = parseCodeowners(text);
        assert.deepEqual(parsed.problems, []);
        const matcher = compileCodeowners(parsed, strategy);
        for (const path of paths) {
          const got = matcher.ownersOf(path);
          // Naive: every rule, from the last line up, each with the independent reference reading.
          const winner = [...parsed.rules].reverse().find((rule) => referenceOwns(rule.pattern, path));
          assert.equal(got.line, winner ? winner.line : null, `${path} in\n${text}`);
          assert.deepEqual(got.owners, winner ? winner.owners : []);
        }
      }),
      { numRuns: 600 },
    );
  });

  it(`the matcher (${strategy}) agrees with the bottom-up scan on rule sets dominated by literal paths`, () => {
    // Literal files and directories of the same small tree, with a few globs, as large files look.
    const escapedNames = NAMES.filter((name) => !name.includes('*')).map((name) => name.replace(/ /g, '\\ '));
    const literal = fc.array(fc.constantFrom(...escapedNames), { minLength: 1, maxLength: 4 }).chain((parts) =>
      fc.constantFrom(`/${parts.join('/')}`, `${parts.join('/')}`, `/${parts.join('/')}/`, `${parts[parts.length - 1]}`, `/${parts.join('/')}/*`),
    );
    const pattern = fc.oneof({ weight: 4, arbitrary: literal }, { weight: 1, arbitrary: patternArbitrary });
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 60 }), fc.array(pathArbitrary, { minLength: 1, maxLength: 30 }), (patterns, paths) => {
        const parsed = parseCodeowners(patterns.map((p, index) => `${p} @o${index}`).join('\n'));
        assert.deepEqual(parsed.problems, []);
        const matcher = compileCodeowners(parsed, strategy);
        const compiled = parsed.rules.map((rule) => {
          const check = compilePattern(rule.pattern);
          assert.ok(check.ok);
          return { rule, pattern: check.pattern };
        });
        for (const path of paths) {
          const segments = splitPath(path);
          const winner = [...compiled].reverse().find((entry) => matchPattern(entry.pattern, segments));
          assert.equal(matcher.ownersOf(path).line, winner ? winner.rule.line : null, path);
        }
      }),
      { numRuns: 400 },
    );
  });
  }
});
