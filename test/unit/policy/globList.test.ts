import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Minimatch, type MinimatchOptions } from 'minimatch';
import { SESSION_SETTINGS_AT_TOP } from '../../../src/core/agents/agentSettingsFound';
import { BUILT_IN_LOCKS, SESSION_SETTINGS_GLOBS } from '../../../src/core/agents/configPaths';
import { GLOB_OPTIONS } from '../../../src/core/policy/compileZonePolicy';
import { GlobList, LazyGlob } from '../../../src/core/policy/globList';
import { AGENT_INSTRUCTIONS_OPTIONS } from '../../../src/core/policy/zone';
import { parseZonePolicy } from '../../../src/core/policy';
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

describe('GlobList: the first glob that matches, as minimatch answers it', () => {
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
