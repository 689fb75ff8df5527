import * as assert from 'node:assert/strict';
import { Minimatch, minimatch } from 'minimatch';
import { ANALYTICS_GLOBS } from '../../../../src/core/review/checks/analytics';
import { matchesAny } from '../../../../src/core/review/checks/contentSupport';
import { COMPONENT_GLOBS } from '../../../../src/core/review/checks/flags';
import { PROMPT_GLOBS } from '../../../../src/core/review/checks/promptFiles';

// The checks ask which files are analytics, components or prompts of every path in a change: the answer must be
// minimatch's, and a path that holds none of a glob's literal text must not compile it.
describe('matchesAny: the content checks\' globs', () => {
  const globs = [...ANALYTICS_GLOBS, ...COMPONENT_GLOBS, ...PROMPT_GLOBS, '#a', '!a', '!**/a/**', 'a/{b,c}/**', '**/components/**/*.{tsx,jsx,vue,svelte}', 'src/*.md', '**/x?', '', 'A/**', '**/.a/*'];
  const paths = ['README.md', 'src/analytics/events.ts', 'src/Analytics/events.ts', 'analytics', 'a/analytics/b/c.js', 'app/components/Button.tsx', 'app/components/x/Button.vue', 'app/components/Button.ts', 'components/Button.svelte', 'app/components', 'prompts/summary.md', 'src/prompts', 'src/prompts/a/b.txt', '.prompts/x', 'a', 'b', '#a', '!a', 'a/b/c', 'a/c/x', 'src/x.md', 'src/y/x.md', 'xy', 'q/xy', 'A/b', 'a/b', 'x/.a/b', 'é/analytics/x', 'src/./analytics/x', 'a//components/B.tsx', ''];

  it('answers what minimatch answers with { dot: true }, glob by glob', () => {
    let matched = 0;
    for (const glob of globs) {
      for (const path of paths) {
        const expected = minimatch(path, glob, { dot: true });
        if (expected) matched++;
        assert.equal(matchesAny(path, [glob]), expected, `${JSON.stringify(glob)} against ${JSON.stringify(path)}`);
      }
    }
    assert.ok(matched > 20, `only ${matched} matches: the paths must hold the globs' files`);
  });

  // Minimatch's own cache keeps a glob compiled once in the process, so what is counted is minimatch asked at all.
  it('neither compiles nor asks minimatch for a path that holds none of their text', () => {
    const { make, match } = Minimatch.prototype;
    let asked = 0;
    Minimatch.prototype.make = function counted(this: Minimatch, ...args: Parameters<typeof make>) {
      asked++;
      return make.apply(this, args);
    };
    Minimatch.prototype.match = function counted(this: Minimatch, ...args: Parameters<typeof match>) {
      asked++;
      return match.apply(this, args);
    };
    try {
      for (const path of ['README.md', 'docs/setup.md', 'src/features/checkout/i18n/en.json']) {
        assert.equal(matchesAny(path, [...ANALYTICS_GLOBS, ...COMPONENT_GLOBS, ...PROMPT_GLOBS]), false, path);
      }
      assert.equal(asked, 0, 'minimatch was asked');
      assert.equal(matchesAny('src/./analytics/x', ANALYTICS_GLOBS), minimatch('src/./analytics/x', ANALYTICS_GLOBS[0], { dot: true }));
      assert.ok(asked > 0, 'a path that is not plain is asked of minimatch');
    } finally {
      Object.assign(Minimatch.prototype, { make, match });
    }
  });
});
