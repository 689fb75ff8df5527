import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CHECK_IDS, ALWAYS_ON_CHECK_IDS } from '../../../../src/core/review/registry';
import {
  BUILTIN_CHECKLIST_MARKDOWN,
  builtInChecklist,
  parseSkillFile,
} from '../../../../src/core/review/checklist';

const skill = (name: string): string => readFileSync(join(__dirname, '../../../fixtures/review/checklist', name), 'utf8');
const summary = (text: string) =>
  parseSkillFile(text).items.map(({ id, line, checks, manual, blocking }) => ({ id, line, checks, manual, blocking }));

describe('parseSkillFile on a realistic skill file', () => {
  const checklist = parseSkillFile(skill('realistic.SKILL.md'));

  it('reads the front matter, folded description included', () => {
    assert.equal(checklist.file, '.claude/skills/pm-pr-review/SKILL.md');
    assert.equal(checklist.name, 'pm-pr-review');
    assert.equal(checklist.description, 'Checklist a PM runs on their pull request before asking engineering for a review.');
  });

  it('reads every task item with its section, line, checks and blocking', () => {
    assert.deepEqual(summary(skill('realistic.SKILL.md')), [
      { id: 'scope/the-pr-is-small-and-scoped-to-one-thing', line: 14, checks: ['size.large'], manual: false, blocking: false },
      { id: 'scope/no-engineering-only-file-codeowners-is-touched', line: 15, checks: ['zone.locked'], manual: false, blocking: false },
      { id: 'scope/nothing-outside-my-feature-folder-changed', line: 16, checks: ['zone.outside'], manual: false, blocking: false },
      { id: 'planning/planning-md-is-linked-and-has-no-placeholders', line: 21, checks: ['planning.missing', 'planning.incomplete'], manual: false, blocking: false },
      { id: 'planning/the-engineering-dri-agreed-with-the-plan', line: 22, checks: [], manual: true, blocking: false },
      { id: 'flags-and-copy/the-change-is-behind-a-feature-flag-and-i-only', line: 26, checks: ['flags.ungated', 'flags.unowned'], manual: false, blocking: false },
      { id: 'flags-and-copy/translations-keep-their-placeholders-in-every', line: 27, checks: ['i18n.placeholder-mismatch'], manual: false, blocking: false },
      { id: 'flags-and-copy/button-labels-fit-on-mobile', line: 28, checks: [], manual: true, blocking: false },
      { id: 'flags-and-copy/checked-at-the-smallest-supported-width', line: 29, checks: [], manual: true, blocking: false },
      { id: 'flags-and-copy/prompt-template-variables-still-match', line: 30, checks: ['prompts.variables'], manual: false, blocking: false },
      { id: 'security-privacy/no-secrets-or-api-keys', line: 34, checks: ['security.secret'], manual: false, blocking: true },
      { id: 'security-privacy/no-personal-data-pii-phi-in-events-or-fixtures', line: 35, checks: ['security.pii', 'analytics.pii'], manual: false, blocking: true },
      { id: 'security-privacy/no-innerhtml-or-eval', line: 36, checks: ['security.dangerous-code'], manual: false, blocking: true },
      { id: 'ai-disclosure/the-pr-says-what-was-ai-generated', line: 40, checks: ['ai.undisclosed'], manual: false, blocking: false },
    ]);
  });

  it('keeps item text readable: no checkbox, no marker', () => {
    assert.equal(checklist.items[9].text, 'Prompt template variables still match');
    assert.equal(checklist.items[9].section, 'Flags and copy');
    assert.deepEqual(checklist.sections.map((section) => [section.title, section.line, section.blocking]), [
      ['Scope', 12, false],
      ['Planning', 19, false],
      ['Flags and copy', 24, false],
      ['Security & Privacy', 32, true],
      ['AI disclosure', 38, false],
    ]);
  });

  it('says what it could not use: a plain bullet among tasks, an unknown check id', () => {
    assert.deepEqual(checklist.problems.map(({ line, column, severity, kind }) => ({ line, column, severity, kind })), [
      { line: 17, column: 1, severity: 'info', kind: 'not-a-checkbox' },
      { line: 30, column: 45, severity: 'warning', kind: 'unknown-check' },
    ]);
    assert.match(checklist.problems[1].message, /`prompt\.vars`.*Known `prompt` checks|Known check families/);
  });

  it('gives the same items, lines and problems with CRLF and a byte-order mark', () => {
    const crlfBom = `\uFEFF${skill('realistic.SKILL.md').replace(/\n/g, '\r\n')}`;
    assert.deepEqual(parseSkillFile(crlfBom), checklist);
  });

  it('gives stable ids: the same text gives the same ids, duplicates are numbered', () => {
    assert.deepEqual(parseSkillFile(skill('realistic.SKILL.md')).items.map((item) => item.id), checklist.items.map((item) => item.id));
    const twice = parseSkillFile('---\nname: a\ndescription: b\n---\n## Copy\n- [ ] Check it\n- [ ] Check it\n');
    assert.deepEqual(twice.items.map((item) => item.id).slice(0, 2), ['copy/check-it', 'copy/check-it-2']);
  });
});

describe('parseSkillFile on malformed input', () => {
  it('reports broken front matter with its line and still reads the checklist', () => {
    const checklist = parseSkillFile(skill('malformed.SKILL.md'), 'docs/SKILL.md');
    assert.equal(checklist.name, undefined);
    assert.deepEqual(checklist.problems.map(({ file, line, kind }) => ({ file, line, kind })), [
      { file: 'docs/SKILL.md', line: 3, kind: 'front-matter-yaml' },
      { file: 'docs/SKILL.md', line: 9, kind: 'unknown-check' },
    ]);
    assert.match(checklist.problems[1].message, /`zone\.lockd`.*zone\.locked, zone\.outside, zone\.owners/);
    assert.deepEqual(checklist.items.slice(0, 2).map(({ id, checks, manual }) => ({ id, checks, manual })), [
      { id: 'scope/keep-it-small', checks: ['size.large'], manual: false },
      { id: 'scope/use-the-right-files', checks: [], manual: true },
    ]);
  });

  it('reports front matter that is never closed, or missing, or not a map', () => {
    assert.equal(parseSkillFile('---\nname: x\n## Scope\n- [ ] Small\n').problems[0].kind, 'front-matter-unclosed');
    assert.equal(parseSkillFile('## Scope\n- [ ] Small\n').problems[0].kind, 'missing-front-matter');
    assert.equal(parseSkillFile('---\n- a\n- b\n---\n## Scope\n- [ ] Small\n').problems[0].kind, 'front-matter-not-a-map');
    assert.deepEqual(parseSkillFile('---\nname: x\n---\n- [ ] Small\n').problems.map((problem) => problem.kind), ['missing-description']);
  });

  it('copes with empty, binary and huge input', () => {
    const empty = parseSkillFile('');
    assert.deepEqual(empty.problems.map((problem) => problem.kind), ['missing-front-matter', 'no-items']);
    assert.deepEqual(empty.items.map((item) => item.checks[0]), [...ALWAYS_ON_CHECK_IDS]);
    assert.doesNotThrow(() => parseSkillFile('\u0000\u0001\u0002\u0003---\n'));
    const huge = `---\nname: a\ndescription: b\n---\n## Copy\n${Array.from({ length: 500 }, (_, i) => `- [ ] Item ${i} keeps placeholders\n`).join('')}`;
    // Its time: bench/limits.bench.ts.
    const checklist = parseSkillFile(huge);
    assert.equal(checklist.items.filter((item) => item.section === 'Copy').length, 500);
    assert.equal(checklist.items[499].line, 505);
  });

  it('puts items written before any section heading in a General section', () => {
    const checklist = parseSkillFile('---\nname: a\ndescription: b\n---\n- [ ] Keep it small\n');
    assert.equal(checklist.items[0].id, 'general/keep-it-small');
    assert.equal(checklist.items[0].section, 'General');
  });
});

describe('security and privacy cannot be switched off', () => {
  it('adds blocking items for every always-on check a skill file omits', () => {
    const checklist = parseSkillFile('---\nname: a\ndescription: b\n---\n## Copy\n- [ ] Typos fixed\n');
    const added = checklist.sections.find((section) => section.title === 'Security and privacy (always on)');
    assert.ok(added);
    assert.equal(added.blocking, true);
    assert.deepEqual(added.items.map((item) => [item.checks, item.blocking, item.line]), ALWAYS_ON_CHECK_IDS.map((id) => [[id], true, null]));
  });

  it('makes an item block when it maps a security check, whatever its section', () => {
    const checklist = parseSkillFile(skill('security-elsewhere.SKILL.md'));
    assert.deepEqual(checklist.items.map(({ section, checks, blocking }) => ({ section, checks, blocking })), [
      { section: 'Checks', checks: ['size.large'], blocking: false },
      { section: 'Checks', checks: ['security.secret'], blocking: true },
      { section: 'Checks', checks: ['security.pii'], blocking: true },
      { section: 'Security and privacy (always on)', checks: ['security.dangerous-code'], blocking: true },
      { section: 'Security and privacy (always on)', checks: ['analytics.pii'], blocking: true },
    ]);
  });

  it('ignores an attempt to mark a security item manual', () => {
    const checklist = parseSkillFile('---\nname: a\ndescription: b\n---\n## Notes\n- [ ] No secrets <!-- check: none -->\n');
    assert.equal(checklist.items[0].manual, true);
    const secret = checklist.items.find((item) => item.checks.includes('security.secret'));
    assert.ok(secret?.blocking);
  });
});

describe('the built-in checklist', () => {
  const checklist = builtInChecklist();

  it('parses without problems and covers every check', () => {
    assert.deepEqual(checklist.problems, []);
    assert.equal(checklist.file, 'built-in');
    assert.equal(checklist.name, 'pm-pr-review');
    const covered = new Set(checklist.items.flatMap((item) => item.checks));
    assert.deepEqual(ALL_CHECK_IDS.filter((id) => !covered.has(id)), []);
  });

  it('has the eight sections, only Security and privacy blocking, with no synthetic items', () => {
    assert.deepEqual(checklist.sections.map((section) => [section.title, section.blocking]), [
      ['Scope', false],
      ['Planning', false],
      ['Feature flags', false],
      ['Analytics', false],
      ['Copy and i18n', false],
      ['Prompts', false],
      ['Security and privacy', true],
      ['AI assistance', false],
    ]);
    assert.ok(checklist.items.every((item) => item.line !== null));
  });

  it('names every automated item explicitly and keeps manual ones manual', () => {
    const lines = BUILTIN_CHECKLIST_MARKDOWN.split('\n');
    for (const item of checklist.items) {
      assert.match(lines[item.line! - 1], item.manual ? /<!-- manual -->/ : /<!-- check: /, item.text);
    }
    assert.equal(checklist.items.filter((item) => item.manual).length, 4);
  });
});
