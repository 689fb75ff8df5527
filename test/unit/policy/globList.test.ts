import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Minimatch, type MinimatchOptions } from 'minimatch';
import { SESSION_SETTINGS_AT_TOP } from '../../../src/core/agents/agentSettingsFound';
import { BUILT_IN_LOCKS, SESSION_SETTINGS_GLOBS } from '../../../src/core/agents/configPaths';
import { GLOB_OPTIONS } from '../../../src/core/policy/compileZonePolicy';
import { GlobList, isPlainPath, LazyGlob, plainGlob, plainMatch } from '../../../src/core/policy/globList';
import { AGENT_INSTRUCTIONS_OPTIONS } from '../../../src/core/policy/zone';
import { parseZonePolicy } from '../../../src/core/policy';
import { cpuBound } from '../helpers/cpuBound';
import { fixture } from './helpers';

// GlobList passes over a glob whose literal text a path does not hold: its
// answer must be, for every path, the very one minimatch gives when every
// glob is compiled and tried in turn, whatever the letter case, the dots, the
// nesting, `..`, slashes or Unicode look-alikes of the path.

const BUILT_IN = BUILT_IN_LOCKS.map(({ glob }) => glob);
const SAMPLE_POLICY = [...readFileSync(path.join(__dirname, '../../../scripts/sample-repo/policy-files.mjs'), 'utf8').matchAll(/`([^`\s]*[*/][^`\s]*)`/g)].map((match) => match[1]);
const SPEC_POLICY = (() => {
  const policy = parseZonePolicy(fixture('spec-example.md'));
  return [...policy.mayEdit, ...policy.engineeringOnly].map((rule) => rule.glob);
})();
// Globs the literal search must never pass over wrongly: other pattern characters, dot segments, escapes.
const AWKWARD = ['a/../CLAUDE.md', './AGENTS.md', 'src//auth/**', '**/{a,b}/x', '**/[Cc]laude.md', '**/?gents.md', '**/+(a|b).md', '!**/x', '#x', '\\*.md', '**/ſetup.py', '**/Kargo.toml', '/abs/**'];
// A glob with `[locale]`-like segments is asked in readings whose names are escaped (globReadings.ts).
const READINGS = ['apps/web/src/app/\\[locale\\]/(auth)/**', 'src/\\[id\\]/*.ts'];
const GLOBS = [...new Set([...BUILT_IN, ...SESSION_SETTINGS_GLOBS, ...SESSION_SETTINGS_AT_TOP, ...SAMPLE_POLICY, ...SPEC_POLICY, ...AWKWARD, ...READINGS])];

/** Paths near each glob: its stars filled in several ways, in several cases, prefixed and suffixed. */
function pathsNear(glob: string): string[] {
  const fills = [
    (text: string) => text.replace(/\*\*\/?/g, '').replace(/\*/g, ''),
    (text: string) => text.replace(/\*\*/g, 'a/b').replace(/\*/g, 'x'),
    (text: string) => text.replace(/\*\*/g, '.hidden').replace(/\*/g, '.x'),
    (text: string) => text.replace(/\*\*/g, '..').replace(/\*/g, 'Y.Z'),
    (text: string) => text.replace(/\*\*/g, 'a/./b').replace(/\*/g, '-'),
  ];
  const cases = [
    (text: string) => text,
    (text: string) => text.toUpperCase(),
    (text: string) => text.toLowerCase(),
    (text: string) => text.replace(/[a-z]/gi, (letter) => (letter === letter.toLowerCase() ? letter.toUpperCase() : letter.toLowerCase())),
    (text: string) => text.replace(/k/gi, '\u212a').replace(/s/g, '\u017f'),
    (text: string) => text.replace(/[a-z]/i, (letter) => String.fromCodePoint(letter.toUpperCase().codePointAt(0)! + 0xfee0)),
    (text: string) => text.replace(/i/gi, '\u0130'),
    (text: string) => text.normalize('NFD').replace(/e/, 'e\u0301'),
  ];
  const prefixes = ['', './', '../', 'a/', 'deep/er/', '/', '.dot/', 'x/../', '\\'];
  const suffixes = ['', '/', '/x', '/.x', 'x', '.bak', '//', '/..', '\\x'];
  const paths = new Set<string>();
  for (const fill of fills) {
    const filled = fill(glob);
    for (const letterCase of cases) {
      const cased = letterCase(filled);
      for (const prefix of prefixes) for (const suffix of suffixes) paths.add(`${prefix}${cased}${suffix}`);
    }
  }
  return [...paths];
}

const ALL_PATHS = [...new Set([...GLOBS.flatMap(pathsNear), '', '.', '..', '/', 'src/auth/session.ts', 'CLAUDE.md', 'claude.MD', 'node_modules/x/package.json', '.ENV', '.env.local', 'a\u0000b'])];

describe('GlobList: the first glob that matches, as minimatch answers it', function () {
  // Every built-in glob against every path of real trees: bound by the CPU it gets.
  this.timeout(cpuBound(120_000));
  for (const [name, options] of [['letter case ignored (the built-in locks)', AGENT_INSTRUCTIONS_OPTIONS], ['letter case kept (the zone\'s globs)', GLOB_OPTIONS]] as const) {
    it(`answers what each glob compiled alone answers, ${name}`, () => {
      let checked = 0;
      for (const glob of GLOBS) {
        const reference = new Minimatch(glob, options as MinimatchOptions);
        const list = new GlobList([glob], options as MinimatchOptions);
        const lazy = new LazyGlob(glob, options as MinimatchOptions);
        for (const candidate of [...pathsNear(glob), ...ALL_PATHS.filter((_, index) => index % 97 === 0)]) {
          const expected = reference.match(candidate);
          assert.equal(list.firstMatch(candidate), expected ? 0 : -1, `${glob} against ${JSON.stringify(candidate)}`);
          assert.equal(lazy.match(candidate), expected, `${glob} against ${JSON.stringify(candidate)}`);
          checked++;
        }
      }
      assert.ok(checked > 100_000, `only ${checked} paths checked`);
    });
  }

  it('answers what the built-in locked globs, compiled and tried in turn, answer for every path', () => {
    const reference = BUILT_IN.map((glob) => new Minimatch(glob, AGENT_INSTRUCTIONS_OPTIONS));
    const list = new GlobList(BUILT_IN, AGENT_INSTRUCTIONS_OPTIONS);
    let matched = 0;
    for (const candidate of ALL_PATHS) {
      const expected = reference.findIndex((matcher) => matcher.match(candidate));
      assert.equal(list.firstMatch(candidate), expected, JSON.stringify(candidate));
      if (expected >= 0) matched++;
    }
    assert.ok(matched > 1000 && matched < ALL_PATHS.length, `${matched} of ${ALL_PATHS.length} paths matched`);
  });

  it('finds the built-in locks in any letter case, and none in a path without them', () => {
    const list = new GlobList(BUILT_IN, AGENT_INSTRUCTIONS_OPTIONS);
    assert.equal(BUILT_IN[list.firstMatch('docs/claude.MD')], '**/CLAUDE.md');
    assert.equal(BUILT_IN[list.firstMatch('apps/web/PACKAGE.JSON')], '**/package.json');
    assert.equal(BUILT_IN[list.firstMatch('.Claude/settings.json')], '**/.claude/**');
    assert.equal(list.firstMatch('src/auth/session.ts'), -1);
  });
});

describe('LazyGlob: a glob minimatch refuses', () => {
  it('throws when it is made, as new Minimatch does, whatever path it is later asked about', () => {
    const long = `**/${'a'.repeat(70_000)}`;
    assert.throws(() => new Minimatch(long, GLOB_OPTIONS));
    assert.throws(() => new LazyGlob(long, GLOB_OPTIONS));
  });
});

// A glob of literal segments, `*` and `**` is matched without minimatch for a plain path: the answer must be minimatch's for every such glob and path.
describe('LazyGlob: plain globs matched without compiling them', function () {
  // About 11 million glob and path pairs: bound by the CPU it gets.
  this.timeout(cpuBound(120_000));
  /** Every join of 1 to `most` of the segments. */
  const joins = (segments: readonly string[], most: number): string[] => {
    const all: string[] = [];
    let previous = [''];
    for (let count = 1; count <= most; count++) {
      previous = previous.flatMap((head) => segments.map((segment) => (head === '' ? segment : `${head}/${segment}`)));
      all.push(...previous);
    }
    return all;
  };
  // The zone's options, the agent instructions', and the review checks' (`{ dot: true }`: no comment or negation option, nor a platform, given).
  const OPTIONS = [['letter case kept', GLOB_OPTIONS], ['letter case ignored', AGENT_INSTRUCTIONS_OPTIONS], ['the review checks\' options', { dot: true } as MinimatchOptions]] as const;

  for (const [name, options] of OPTIONS) {
    it(`answers what minimatch answers for every glob and path of a small alphabet, ${name}`, () => {
      const domains = [
        { globs: joins(['a', 'A', 'b', '.a', 'a.b', '*', '**', '*a', 'a*', '*.b', 'a*b', '*a*', 'A*', '*b*a'], 3), paths: [...joins(['a', 'A', 'b', '.a', 'a.B', 'ab', 'ba', 'aab', 'a\\b', 'a b', 'b*a'], 3), ...joins(['a', 'b', '.a'], 4)] },
        { globs: joins(['a', '*', '**', 'a*', '.a'], 4), paths: joins(['a', 'b', '.a', 'ab'], 5) },
      ];
      let checked = 0;
      for (const { globs, paths } of domains) {
        for (const glob of globs) {
          const reference = new Minimatch(glob, options as MinimatchOptions);
          const plain = plainGlob(glob, options as MinimatchOptions);
          assert.ok(plain, `${glob} is read as plain`);
          for (const candidate of paths) {
            assert.ok(isPlainPath(candidate), candidate);
            assert.equal(plainMatch(plain, plain.nocase ? candidate.toLowerCase() : candidate), reference.match(candidate), `${glob} against ${candidate}`);
            checked++;
          }
        }
      }
      assert.ok(checked > 300_000, `only ${checked} checked`);
    });
  }

  it('leaves to minimatch every glob, path and option it does not read', () => {
    for (const glob of ['a/**b', '**a/b', 'a/?', 'a/[ab]', 'a/{b,c}', 'a//b', './a', 'a/../b', 'a/.', '\\*', '#a', '!a', '+(a)', '@(a)', 'a/\u00e9', 'a\tb']) assert.equal(plainGlob(glob, GLOB_OPTIONS), null, glob);
    for (const options of [{ ...GLOB_OPTIONS, dot: false }, { ...GLOB_OPTIONS, matchBase: true }, { ...GLOB_OPTIONS, platform: 'win32' as const }, { ...GLOB_OPTIONS, partial: true }, { ...GLOB_OPTIONS, nobrace: true }, { ...GLOB_OPTIONS, windowsPathsNoEscape: true }]) {
      assert.equal(plainGlob('**/auth/**', options), null, JSON.stringify(options));
    }
    for (const path of ['', '/a', 'a/', 'a//b', './a', 'a/./b', 'a/../b', '..', 'a/\u00e9', 'a\tb', 'a\u0000b']) assert.equal(isPlainPath(path), false, JSON.stringify(path));
    assert.ok(plainGlob('**/auth/**', GLOB_OPTIONS));
    assert.ok(isPlainPath('src/auth/session.ts'));
  });

  it('answers a plain glob without compiling it, and still what minimatch answers', () => {
    const compiled = Minimatch.prototype.make;
    let made = 0;
    Minimatch.prototype.make = function make(this: Minimatch, ...args: Parameters<typeof compiled>) {
      made++;
      return compiled.apply(this, args);
    };
    try {
      for (const [, options] of OPTIONS) {
        const lock = new LazyGlob('**/auth/**', options as MinimatchOptions);
        assert.equal(lock.match('src/auth/session.ts'), true);
        assert.equal(lock.match('src/Auth/session.ts'), options.nocase === true);
        assert.equal(lock.match('src/auth'), false);
        assert.equal(lock.match('auth/x'), true);
      }
      assert.equal(made, 0, 'no glob compiled');
      assert.equal(new LazyGlob('**/auth/**', GLOB_OPTIONS).match('src/./auth/x'), new Minimatch('**/auth/**', GLOB_OPTIONS).match('src/./auth/x'));
      assert.ok(made > 0, 'a path that is not plain is asked of minimatch');
    } finally {
      Minimatch.prototype.make = compiled;
    }
  });
});

