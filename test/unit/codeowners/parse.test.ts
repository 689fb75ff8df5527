// Reading CODEOWNERS text: lines, tokens, owners, and GitHub-style problems.

import * as assert from 'node:assert/strict';
import { parseCodeowners, CODEOWNERS_MAX_BYTES } from '../../../src/core/codeowners';
import type { Problem } from '../../../src/core/types';
import { ownersOf } from './helpers';

/** The problems of a text, reduced to what the tests compare. */
function problemsOf(text: string): Pick<Problem, 'line' | 'column' | 'kind'>[] {
  return parseCodeowners(text).problems.map(({ line, column, kind }) => ({ line, column, kind }));
}

describe('parseCodeowners', () => {
  describe('lines', () => {
    it('reads CRLF exactly like LF', () => {
      const lf = '# owners\n*.js @js\n\n/docs/ @docs\n';
      const crlf = lf.replace(/\n/g, '\r\n');
      assert.deepEqual(parseCodeowners(crlf), parseCodeowners(lf));
      assert.deepEqual(parseCodeowners(crlf).rules[1], { pattern: '/docs/', owners: ['@docs'], line: 4 });
    });

    it('does not need a final newline', () => {
      assert.deepEqual(parseCodeowners('* @a').rules, [{ pattern: '*', owners: ['@a'], line: 1 }]);
    });

    it('counts comment and blank lines in physical line numbers', () => {
      const parsed = parseCodeowners('# c\n\n   \n\t\n#x\n*.md @docs\n');
      assert.deepEqual(parsed.rules.map((rule) => rule.line), [6]);
    });

    it('ignores leading and trailing spaces and tabs', () => {
      const parsed = parseCodeowners(' \t *.md \t @a\t@b  \t\n');
      assert.deepEqual(parsed.rules, [{ pattern: '*.md', owners: ['@a', '@b'], line: 1 }]);
    });

    it('treats `#` as a comment with or without a space after it, even after leading blanks', () => {
      assert.deepEqual(parseCodeowners('#*.md @a\n# *.md @a\n   # *.md @a\n').rules, []);
    });

    it('strips a BOM on line 1 and counts columns after it', () => {
      const parsed = parseCodeowners('\uFEFF*.md @a\n');
      assert.deepEqual(parsed.rules, [{ pattern: '*.md', owners: ['@a'], line: 1 }]);
      assert.deepEqual(problemsOf('\uFEFFuser @a\n*.md nobody\n'), [{ line: 2, column: 6, kind: 'invalid-owner' }]);
    });

    it('keeps a BOM that is not at the start of the file as a character of the pattern', () => {
      assert.equal(parseCodeowners('* @a\n\uFEFFx @b\n').rules[1].pattern, '\uFEFFx');
    });

    it('reads an empty or blank file as no rules and no problems', () => {
      for (const text of ['', '\n', '\r\n', '   \n\t\n', '# only a comment']) {
        const parsed = parseCodeowners(text);
        assert.deepEqual([parsed.rules, parsed.problems], [[], []], JSON.stringify(text));
      }
    });

    it('names the file and flavour it was given, with defaults', () => {
      const parsed = parseCodeowners('* @a', { file: 'docs/CODEOWNERS' });
      assert.equal(parsed.file, 'docs/CODEOWNERS');
      assert.equal(parsed.flavor, 'github');
      assert.equal(parseCodeowners('').file, '.github/CODEOWNERS');
    });
  });

  describe('rule syntax', () => {
    it('separates tokens by runs of spaces or tabs', () => {
      assert.deepEqual(parseCodeowners('*.md\t\t@a   \t @b').rules[0].owners, ['@a', '@b']);
    });

    it('keeps escapes in the pattern as written, so an escaped space stays in the pattern', () => {
      assert.deepEqual(parseCodeowners('My\\ Documents/ @a').rules[0], { pattern: 'My\\ Documents/', owners: ['@a'], line: 1 });
      assert.equal(ownersOf('My\\ Documents/ @a', 'My Documents/cv.pdf').line, 1);
    });

    it('ends the owners at a token starting with `#` (inline comment)', () => {
      assert.deepEqual(parseCodeowners('*.js    @js-owner #This is an inline comment.').rules[0].owners, ['@js-owner']);
      assert.deepEqual(parseCodeowners('*.js @a #c @b').rules[0].owners, ['@a']);
    });

    it('keeps a `#` inside the pattern token as a literal character', () => {
      assert.equal(parseCodeowners('docs/#drafts/ @a').rules[0].pattern, 'docs/#drafts/');
    });

    it('accepts a pattern with no owners, which matches and leaves the file without owners', () => {
      const text = '* @all\n/apps/github\n';
      assert.deepEqual(parseCodeowners(text).problems, []);
      assert.deepEqual(ownersOf(text, 'apps/github/x.go'), { owners: [], line: 2, file: '.github/CODEOWNERS', pattern: '/apps/github' });
    });

    it('keeps owners in the written order and case, verbatim', () => {
      assert.deepEqual(parseCodeowners('* @Zed @org/Team-A Mixed.Case@Example.COM @alice').rules[0].owners, [
        '@Zed', '@org/Team-A', 'Mixed.Case@Example.COM', '@alice',
      ]);
    });

    it('does not merge two lines with the same pattern: the later one counts', () => {
      const text = '/docs/ @a\n/docs/ @b\n';
      assert.equal(parseCodeowners(text).rules.length, 2);
      assert.deepEqual(ownersOf(text, 'docs/x.md').owners, ['@b']);
    });
  });

  describe('owners', () => {
    const valid = ['@octocat', '@octo-cat-2', '@user_shortcode', '@octo-org/octocats', '@org/team_name', 'docs@example.com', '101105604+simbit18@users.noreply.github.com', 'a.b@sub.example.co.uk'];
    for (const owner of valid) {
      it(`accepts ${owner}`, () => assert.deepEqual(problemsOf(`* ${owner}`), []));
    }
    const invalid = ['user', 'octocat', '@coh.org', 'a@b.com,', '@', '@a/b/c', '@org/', 'docs@', '@@role', '@a!'];
    for (const owner of invalid) {
      it(`reports ${owner} as an invalid owner at its column and skips the line`, () => {
        const text = `* @ok\n/x  @fine ${owner}\n`;
        assert.deepEqual(problemsOf(text), [{ line: 2, column: 11, kind: 'invalid-owner' }]);
        assert.equal(ownersOf(text, 'x/y').line, 1);
      });
    }

    it('names the bad owner in the message and marks its extent', () => {
      const [problem] = parseCodeowners('* user').problems;
      assert.match(problem.message, /`user`/);
      assert.deepEqual([problem.column, problem.endColumn, problem.severity, problem.file], [3, 7, 'error', '.github/CODEOWNERS']);
    });

    it('reports every invalid owner of a line', () => {
      assert.deepEqual(problemsOf('* one @ok two'), [
        { line: 1, column: 3, kind: 'invalid-owner' },
        { line: 1, column: 11, kind: 'invalid-owner' },
      ]);
    });

    it('refuses an absurdly long owner without trying it', () => {
      assert.deepEqual(problemsOf(`* @${'a'.repeat(100_000)}`), [{ line: 1, column: 3, kind: 'invalid-owner' }]);
    });
  });

  describe('invalid patterns (the line is skipped, the rest applies)', () => {
    // A trailing `\` escapes whatever follows, so that case has no owners after it.
    const cases: [line: string, reason: string][] = [
      ['!negated @a', 'negation'],
      ['ceval*.[ch] @a', 'escaped with a `\\`'],
      ['docs] @a', 'escaped'],
      ['\\#notes @a', 'leading `#`'],
      ['\\!bang @a', 'leading `!`'],
      ['trailing\\', 'lone'],
    ];
    for (const [line, reason] of cases) {
      const pattern = line.split(' ')[0];
      it(`reports ${pattern}`, () => {
        const text = `* @all\n  ${line}\n`;
        const parsed = parseCodeowners(text);
        assert.equal(parsed.rules.length, 1);
        assert.equal(parsed.problems.length, 1);
        const [problem] = parsed.problems;
        assert.deepEqual([problem.line, problem.column, problem.kind, problem.severity], [2, 3, 'invalid-pattern', 'error']);
        assert.ok(problem.message.includes(pattern.slice(0, 5)), problem.message);
        assert.ok(problem.message.includes(reason), problem.message);
      });
    }

    it('never lets a leading `\\#` line own a name starting with `#`', () => {
      assert.equal(ownersOf('\\#notes @a', '#notes').line, null);
    });

    it('accepts escaped brackets as literal characters', () => {
      assert.deepEqual(problemsOf('/app/\\[id\\]/ @a'), []);
    });

    it("reports `/` with GitHub's suggestion and an edit to `*`", () => {
      const [problem] = parseCodeowners('* @a\n/ @b\n').problems;
      assert.equal(problem.message, 'The pattern `/` will never match anything, did you mean `*` instead?');
      assert.deepEqual([problem.line, problem.column, problem.kind], [2, 1, 'invalid-pattern']);
      assert.deepEqual(problem.fix, { title: 'Replace `/` with `*`', start: { line: 2, column: 1 }, end: { line: 2, column: 2 }, text: '*' });
      assert.equal(ownersOf('* @a\n/ @b\n', 'x').line, 1);
    });

    it('reports a GitLab section heading as an invalid pattern on GitHub, with a hint', () => {
      const parsed = parseCodeowners('[Docs] @team\ndocs/\n');
      assert.equal(parsed.problems[0].kind, 'invalid-pattern');
      assert.match(parsed.problems[0].message, /GitLab section/);
      assert.deepEqual(parsed.sections, []);
      assert.deepEqual(parsed.rules, [{ pattern: 'docs/', owners: [], line: 2 }]);
    });

    it('reports pattern and owner problems of the same line together', () => {
      assert.deepEqual(problemsOf('!x bad'), [
        { line: 1, column: 1, kind: 'invalid-pattern' },
        { line: 1, column: 4, kind: 'invalid-owner' },
      ]);
    });
  });

  describe('hostile input', () => {
    it('refuses a pattern over the length cap', () => {
      assert.deepEqual(problemsOf(`/${'a'.repeat(4096)} @a`), [{ line: 1, column: 1, kind: 'invalid-pattern' }]);
    });

    it('accepts a 4,000-character pattern and matches with it at once', () => {
      const pattern = `/${'ab*'.repeat(1333)}`;
      assert.deepEqual(problemsOf(`${pattern} @a`), []);
      assert.equal(ownersOf(`${pattern} @a`, 'ab'.repeat(1332)).line, null);
      assert.equal(ownersOf(`${pattern} @a`, 'ab'.repeat(1333)).line, 1);
      assert.equal(ownersOf(`${pattern} @a`, 'abx'.repeat(1400)).line, 1);
    });

    it('refuses more than 32 `**` segments', () => {
      const pattern = Array.from({ length: 33 }, () => '**/a').join('/');
      assert.deepEqual(problemsOf(`${pattern} @a`), [{ line: 1, column: 1, kind: 'invalid-pattern' }]);
    });

    it('matches 20 `**` segments against a deep path without blowing up', () => {
      const pattern = Array.from({ length: 20 }, () => '**/a*').join('/');
      const path = Array.from({ length: 200 }, () => 'aaaa').join('/') + '/b';
      assert.equal(ownersOf(`${pattern} @a`, path).line, 1);
      assert.equal(ownersOf(`${pattern}/c @a`, path).line, null);
    });

    it('matches 40 stars then `x` against a long path segment at once', () => {
      const text = `${'*'.repeat(40)}x @a`;
      assert.equal(ownersOf(text, 'a'.repeat(100_000)).line, null);
      assert.equal(ownersOf(text, `${'a'.repeat(100_000)}x`).line, 1);
      const spread = `/${'*a'.repeat(40)}x @a`;
      assert.equal(ownersOf(spread, 'a'.repeat(10_000)).line, null);
    });

    it('reports a binary file and reads no rules', () => {
      const parsed = parseCodeowners('* @a\n\u0000\u0001\u0002');
      assert.deepEqual(parsed.rules, []);
      assert.deepEqual(parsed.problems.map((problem) => problem.kind), ['binary-file']);
    });

    it('reports a 5 MB file as too large and reads no rules', () => {
      const text = '/some/long/path/to/a/file.txt @owner\n'.repeat(Math.ceil((5 * 1024 * 1024) / 37));
      const parsed = parseCodeowners(text);
      assert.deepEqual(parsed.rules, []);
      assert.deepEqual(parsed.problems.map((problem) => [problem.kind, problem.line]), [['file-too-large', 1]]);
      assert.match(parsed.problems[0].message, /5\.0 MB/);
    });

    it('draws the size line at 3 × 1024 × 1024 bytes of UTF-8', () => {
      const justUnder = `* @a\n#${'x'.repeat(CODEOWNERS_MAX_BYTES - 7)}`;
      assert.equal(Buffer.byteLength(justUnder), CODEOWNERS_MAX_BYTES - 1);
      assert.equal(parseCodeowners(justUnder).rules.length, 1);
      // Two-byte characters: under the limit in UTF-16 units, over it in bytes.
      const wide = `* @a\n#${'é'.repeat(CODEOWNERS_MAX_BYTES / 2)}`;
      assert.equal(parseCodeowners(wide).problems[0]?.kind, 'file-too-large');
    });

    it('survives garbage: control characters, lone surrogates, huge lines', () => {
      const garbage = ['\uD800 @a', '\r\r\r', '\\', '*\\', '\t#', '@a', '  ', '[', '^[', '\u000b', `${'\\'.repeat(5001)} @a`, `x ${'@'.repeat(10_000)}`].join('\n');
      const parsed = parseCodeowners(garbage);
      assert.ok(parsed.problems.length > 0);
    });

    it('treats a non-string input as empty instead of throwing', () => {
      assert.deepEqual(parseCodeowners(undefined as unknown as string).rules, []);
    });
  });
});
