// One pattern against one path: every matching rule of GitHub's semantics.

import * as assert from 'node:assert/strict';
import { compilePattern } from '../../../src/core/codeowners/pattern';
import { owns } from './helpers';

type Row = [pattern: string, path: string, expected: boolean];

function table(title: string, rows: Row[]): void {
  describe(title, () => {
    for (const [pattern, path, expected] of rows) {
      it(`${pattern} ${expected ? 'owns' : 'does not own'} ${path}`, () => {
        assert.equal(owns(pattern, path), expected);
      });
    }
  });
}

describe('patterns', () => {
  table('anchoring: a leading `/` or a `/` before the end anchors to the root', [
    ['docs/*', 'docs/a.md', true],
    ['docs/*', 'x/docs/a.md', false],
    ['src/utils', 'src/utils/a.ts', true],
    ['src/utils', 'lib/src/utils/a.ts', false],
    ['*/foo', 'a/foo', true],
    ['*/foo', 'a/b/foo', false],
    ['/README.md', 'README.md', true],
    ['/README.md', 'docs/README.md', false],
    ['README.md', 'README.md', true],
    ['README.md', 'docs/deep/README.md', true],
    ['*.js', 'a/b/c.js', true],
    ['apps/', 'apps/x', true],
    ['apps/', 'deep/in/apps/x', true],
    ['logs/', 'build/logs/a.log', true],
  ]);

  table('trailing slash: directories only, as if followed by `/**`', [
    ['apps/', 'apps', false],
    ['apps/', 'apps/a.rb', true],
    ['apps/', 'apps/deep/a.rb', true],
    ['/build/logs/', 'build/logs', false],
    ['/build/logs/', 'build/logs/x.log', true],
    ['/build/logs/', 'build/logsx/y', false],
  ]);

  table('segments: `*`, `?`, escapes, other characters literal, case-sensitive', [
    ['*.js', 'a.js', true],
    ['*.js', 'a.jsx', false],
    ['/a*c', 'ac', true],
    ['/a*c', 'abbbc', true],
    ['/a*c', 'a/c', false],
    ['/a?c', 'abc', true],
    ['/a?c', 'ac', false],
    ['/a?c', 'abbc', false],
    ['/a?c', 'a/c', false],
    ['/a?c', 'a😀c', true],
    ['/a??c', 'a😀c', false],
    ['/é?', 'éé', true],
    ['/a\\*c', 'a*c', true],
    ['/a\\*c', 'abc', false],
    ['/a\\?c', 'a?c', true],
    ['/a\\?c', 'abc', false],
    ['/My\\ Documents/', 'My Documents/cv.pdf', true],
    ['/My\\ Documents/', 'My/cv.pdf', false],
    ['/\\[id\\]/page.tsx', '[id]/page.tsx', true],
    ['/\\[id\\]/page.tsx', 'i/page.tsx', false],
    ['/a.b', 'axb', false],
    ['/a+', 'aa', false],
    ['/a+', 'a+', true],
    ['/{a,b}.js', 'a.js', false],
    ['/{a,b}.js', '{a,b}.js', true],
    ['/(x)', '(x)', true],
    ['/$x^', '$x^', true],
    ['/README.md', 'readme.md', false],
    ['*.JS', 'a.js', false],
    ['/docs/', 'Docs/a.md', false],
    ['/données/', 'données/a.md', true],
    ['/données/', 'donnees/a.md', false],
    ['docs/#drafts/', 'docs/#drafts/a.md', true],
  ]);

  table('a lone `*` segment matches one whole non-empty segment', [
    ['/*/a.md', 'x/a.md', true],
    ['/*/a.md', 'a.md', false],
    ['/*/a.md', 'x/y/a.md', false],
  ]);

  table('`**` as a whole segment', [
    ['**/logs', 'logs', true],
    ['**/logs', 'a/b/logs', true],
    ['**/logs', 'a/b/logs/c.log', true],
    ['/a/**/b', 'a/b', true],
    ['/a/**/b', 'a/x/b', true],
    ['/a/**/b', 'a/x/y/z/b', true],
    ['/a/**/b', 'a/x/y/z/c', false],
    ['/a/**/b', 'x/a/b', false],
    ['/a/**', 'a/x', true],
    ['/a/**', 'a/x/y', true],
    ['/a/**', 'a', false],
    ['**', 'anything', true],
    ['**', 'a/b/c', true],
    ['/**', 'a', true],
    ['/**', 'a/b', true],
    ['**/*', 'a', true],
    ['**/*', 'a/b/c', true],
    ['/a/**/*.md', 'a/b.md', true],
    ['/a/**/*.md', 'a/x/y/b.md', true],
    ['/a/**/*.md', 'a/x/y/b.txt', false],
  ]);

  table('a `**` inside a segment behaves like `*`', [
    ['/a**b', 'axxb', true],
    ['/a**b', 'a/b', false],
    ['/a**b', 'a/x/b', false],
    ['/x/**.md', 'x/a.md', true],
    ['/x/**.md', 'x/y/a.md', false],
    ['/***', 'a', true],
  ]);

  table('only a last segment written as exactly `*` stops descent', [
    ['/***', 'a/b', true],
    ['/x/a**', 'x/ab/c', true],
    ['/x/\\*', 'x/*/c', true],
  ]);

  table('descent: a matched directory owns its whole tree', [
    ['/build/logs', 'build/logs', true],
    ['/build/logs', 'build/logs/a/b/c.log', true],
    ['foo', 'foo', true],
    ['foo', 'x/foo/y/z', true],
    ['foo', 'x/foobar/y', false],
    ['**/logs', 'deeply/nested/logs/a/b.log', true],
  ]);

  table('no descent when the last segment is a lone `*`', [
    ['docs/*', 'docs/getting-started.md', true],
    ['docs/*', 'docs/build-app/troubleshooting.md', false],
    ['docs/*', 'docs', false],
    ['/*', 'README.md', true],
    ['/*', 'src/index.ts', false],
    ['*/*', 'a/b', true],
    ['*/*', 'a/b/c', false],
    ['*/*', 'a', false],
    ['**/docs/*', 'docs/a.md', true],
    ['**/docs/*', 'x/y/docs/a.md', true],
    ['**/docs/*', 'x/docs/a/b.md', false],
  ]);

  table('a trailing slash is applied first: `docs/*/` covers each subdirectory', [
    ['docs/*/', 'docs/a/b.md', true],
    ['docs/*/', 'docs/a/b/c.md', true],
    ['docs/*/', 'docs/b.md', false],
  ]);

  table('a wildcard last segment other than a lone `*` descends (open question 1)', [
    ['f*', 'foo/bar.c', true],
    ['.*', '.github/workflows/ci.yml', true],
    ['test*', 'src/tests/a/b.py', true],
    ['/src/test*', 'src/testing/x.py', true],
  ]);

  table('consequences: `*` and `**` own everything, dotfiles are not special', [
    ['*', 'README.md', true],
    ['*', 'a/b/c/d.txt', true],
    ['*', '.gitignore', true],
    ['/?gitignore', '.gitignore', true],
    ['*.md', '.md', true],
    ['.github/', '.github/CODEOWNERS', true],
  ]);

  table('paths with spaces, unicode and a leading `-`', [
    ['/My\\ Files/', 'My Files/a b.txt', true],
    ['*.txt', 'dir with space/a b.txt', true],
    ['-rf', '-rf', true],
    ['-rf', 'x/-rf/y', true],
    ['/-*', '-flag.md', true],
    ['/日本語/', '日本語/ファイル.md', true],
    ['*.md', '日本語/ファイル.md', true],
    ['/😀/*', '😀/a', true],
  ]);

  describe('paths are normalised', () => {
    it('ignores leading, trailing and doubled slashes in the path', () => {
      assert.equal(owns('/docs/a.md', '/docs//a.md/'), true);
    });
  });

  describe('compiled shape', () => {
    it('records anchoring, trailing slash and descent', () => {
      const apps = compilePattern('apps/');
      assert.ok(apps.ok);
      assert.deepEqual(apps.pattern.segments, [{ kind: 'globstar' }, { kind: 'literal', text: 'apps' }]);
      assert.equal(apps.pattern.inside, true);
      const docs = compilePattern('docs/*');
      assert.ok(docs.ok);
      assert.equal(docs.pattern.descends, false);
      assert.equal(docs.pattern.inside, false);
    });

    it('collapses repeated stars and repeated `**` segments', () => {
      const check = compilePattern(`/${'*'.repeat(40)}x/**/**/**/y`);
      assert.ok(check.ok);
      assert.equal(check.pattern.segments.length, 3);
      assert.deepEqual(check.pattern.segments[1], { kind: 'globstar' });
    });
  });
});
