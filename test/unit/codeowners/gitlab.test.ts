// GitLab mode: sections, optional sections, approvals and default owners.

import * as assert from 'node:assert/strict';
import { compileCodeowners, parseCodeowners } from '../../../src/core/codeowners';
import { fixture, ownersOf } from './helpers';

describe('GitLab flavour', () => {
  const text = fixture('gitlab-sections.CODEOWNERS');
  const parsed = parseCodeowners(text, { flavor: 'gitlab' });
  const matcher = compileCodeowners(parsed);

  it('reads section headings with optional marker, approvals and default owners', () => {
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.sections, [
      { name: 'Documentation', line: 4, optional: false, approvals: 2, defaultOwners: ['@docs-team'] },
      { name: 'Database', line: 9, optional: true, approvals: 0, defaultOwners: ['@database-team'] },
      { name: 'DOCUMENTATION', line: 13, optional: false, approvals: 1, defaultOwners: [] },
    ]);
  });

  it('keeps the owners as written on each rule and records its section', () => {
    assert.deepEqual(parsed.rules.find((rule) => rule.line === 5), { pattern: 'docs/', owners: [], line: 5, section: 'Documentation' });
    assert.equal(parsed.rules.find((rule) => rule.line === 2)?.section, undefined);
  });

  it('gives an owner-less rule its section default owners, next to the unnamed section', () => {
    const result = matcher.ownersOf('README.md');
    assert.deepEqual(result.owners, ['@general-approvers', '@docs-team']);
    assert.deepEqual(result.sections, [
      { name: 'codeowners', owners: ['@general-approvers'], line: 2, pattern: '*', optional: false, approvals: 1 },
      { name: 'Documentation', owners: ['@docs-team'], line: 6, pattern: 'README.md', optional: false, approvals: 2 },
    ]);
    assert.equal(result.line, 6);
    assert.equal(result.pattern, 'README.md');
    assert.equal(result.file, 'CODEOWNERS');
  });

  it('lets a rule with its own owners override the section defaults', () => {
    const result = matcher.ownersOf('config/db/database-setup.md');
    assert.deepEqual(result.sections?.map((section) => [section.name, section.owners, section.optional]), [
      ['codeowners', ['@general-approvers'], false],
      ['Database', ['@docs-team'], true],
    ]);
    assert.deepEqual(result.owners, ['@general-approvers', '@docs-team']);
  });

  it('combines sections with the same name, case-insensitively, the last match winning', () => {
    const result = matcher.ownersOf('guides/docs/x.md');
    const documentation = result.sections?.find((section) => section.name === 'Documentation');
    assert.deepEqual(documentation, { name: 'Documentation', owners: ['@guides-team'], line: 14, pattern: 'guides/', optional: false, approvals: 2 });
    assert.equal(result.sections?.length, 2);
  });

  it('de-duplicates owners across sections, in section order', () => {
    const result = ownersOf('* @a @b\n[S] @b @c\n*.md\n', 'x.md', 'gitlab');
    assert.deepEqual(result.owners, ['@a', '@b', '@c']);
  });

  it('gives no match, with an empty section list, when nothing matches', () => {
    const result = ownersOf('[S] @a\n/docs/\n', 'src/x', 'gitlab');
    assert.deepEqual(result, { owners: [], line: null, file: null, pattern: null, sections: [] });
  });

  it('accepts GitLab owner forms: nested groups, roles, dotted names', () => {
    const owners = parseCodeowners('* @group/sub/team @@maintainer @first.last', { flavor: 'gitlab' });
    assert.deepEqual(owners.problems, []);
    assert.deepEqual(owners.rules[0].owners, ['@group/sub/team', '@@maintainer', '@first.last']);
  });

  it('reads a leading `\\#` as a literal `#` (GitLab supports it)', () => {
    assert.equal(ownersOf('\\#notes @a', '#notes', 'gitlab').line, 1);
  });

  it('reports malformed headings and keeps the rules below in the previous section', () => {
    const text = '[Good] @a\n[Unclosed @b\n^[] @c\n[Count][x] @d\n*.md\n';
    const result = parseCodeowners(text, { flavor: 'gitlab' });
    assert.deepEqual(result.problems.map((problem) => [problem.line, problem.column, problem.kind]), [
      [2, 1, 'invalid-section'],
      [3, 1, 'invalid-section'],
      [4, 8, 'invalid-section'],
    ]);
    assert.deepEqual(result.rules, [{ pattern: '*.md', owners: [], line: 5, section: 'Good' }]);
    assert.deepEqual(ownersOf(text, 'x.md', 'gitlab').owners, ['@a']);
  });

  it('reports an invalid default owner but keeps the section', () => {
    const result = parseCodeowners('[Docs] @ok not-an-owner\ndocs/\n', { flavor: 'gitlab' });
    assert.deepEqual(result.problems.map((problem) => [problem.line, problem.column, problem.kind]), [[1, 12, 'invalid-owner']]);
    assert.deepEqual(result.sections[0].defaultOwners, ['@ok']);
    assert.equal(result.rules[0].section, 'Docs');
  });

  it('is never guessed: the same file read as GitHub has no sections', () => {
    const github = parseCodeowners(text);
    assert.deepEqual(github.sections, []);
    assert.equal(github.problems.filter((problem) => problem.kind === 'invalid-pattern').length, 3);
    const result = compileCodeowners(github).ownersOf('README.md');
    assert.deepEqual(result.owners, []);
    assert.equal(result.sections, undefined);
    assert.equal(result.line, 6);
  });
});
