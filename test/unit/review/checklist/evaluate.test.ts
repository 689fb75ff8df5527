import * as assert from 'node:assert/strict';
import type { Finding } from '../../../../src/core/types';
import {
  applyChecklistBlocking,
  blockingCheckIds,
  builtInChecklist,
  checksToRun,
  evaluateChecklist,
  parseSkillFile,
} from '../../../../src/core/review/checklist';

const finding = (check: string, severity: Finding['severity'] = 'error', blocking = false): Finding => ({
  check,
  severity,
  blocking,
  file: 'src/a.ts',
  line: 1,
  message: 'm',
});

describe('evaluateChecklist', () => {
  const checklist = builtInChecklist();
  const statusOf = (result: ReturnType<typeof evaluateChecklist>, id: string) => result.find((entry) => entry.item.id === id)?.status;

  it('fails an item with findings, passes an applicable one without, and marks the rest not applicable', () => {
    const flagFinding = finding('flags.ungated', 'warning');
    const result = evaluateChecklist(checklist, [flagFinding], ['flags.ungated', 'flags.unowned', 'zone.locked'], new Set());
    assert.equal(statusOf(result, 'feature-flags/the-change-is-behind-a-feature-flag'), 'failed');
    assert.deepEqual(result.find((entry) => entry.item.id === 'feature-flags/the-change-is-behind-a-feature-flag')?.findings, [flagFinding]);
    assert.equal(statusOf(result, 'feature-flags/i-changed-only-flags-i-own'), 'passed');
    assert.equal(statusOf(result, 'scope/no-file-is-engineering-only-locked-by-codeowners'), 'passed');
    assert.equal(statusOf(result, 'prompts/template-variables-still-match-what-the-code'), 'not-applicable');
  });

  it('passes an item when any one of its checks was applicable', () => {
    const result = evaluateChecklist(checklist, [], ['analytics.pii'], new Set());
    assert.equal(statusOf(result, 'security-and-privacy/no-personal-or-protected-data-in-code-fixtures'), 'passed');
  });

  it('reports manual items as ticked or open, and ignores ticks on automated items', () => {
    const ticked = new Set(['copy-and-i18n/the-copy-follows-the-style-guide', 'copy-and-i18n/strings-files-are-valid-json']);
    const result = evaluateChecklist(checklist, [finding('i18n.invalid-json')], ['i18n.invalid-json', 'prompts.variables'], ticked);
    assert.equal(statusOf(result, 'copy-and-i18n/the-copy-follows-the-style-guide'), 'manual-ticked');
    assert.equal(statusOf(result, 'prompts/i-tried-the-changed-prompt-on-real-examples'), 'manual-open');
    assert.equal(statusOf(result, 'copy-and-i18n/strings-files-are-valid-json'), 'failed');
  });

  it('does not ask for a manual item whose section does not apply to the change: no prompt changed, no prompt to try', () => {
    const result = evaluateChecklist(checklist, [], ['i18n.invalid-json'], new Set(['prompts/i-tried-the-changed-prompt-on-real-examples']));
    assert.equal(statusOf(result, 'prompts/template-variables-still-match-what-the-code'), 'not-applicable');
    assert.equal(statusOf(result, 'prompts/i-tried-the-changed-prompt-on-real-examples'), 'not-applicable');
    assert.equal(statusOf(result, 'copy-and-i18n/the-copy-follows-the-style-guide'), 'manual-open');
  });

  it('never fails an item for a note to the reviewers, such as who owns the files', () => {
    const result = evaluateChecklist(checklist, [finding('zone.owners', 'info')], ['zone.owners', 'zone.locked', 'zone.outside'], new Set());
    const owners = result.find((entry) => entry.item.checks.includes('zone.owners'));
    assert.ok(owners);
    assert.equal(owners.status, 'passed');
    const ai = checklist.items.find((item) => item.checks.includes('ai.undisclosed'));
    assert.ok(ai);
    assert.equal(statusOf(evaluateChecklist(checklist, [finding('ai.undisclosed', 'info')], ['ai.undisclosed'], new Set()), ai.id), 'failed', 'other notes still count');
  });

  it('returns one entry per item, in order, and claims nothing when nothing ran', () => {
    const result = evaluateChecklist(checklist, [], [], new Set());
    assert.deepEqual(result.map((entry) => entry.item), checklist.items);
    const sectionless = new Set(checklist.sections.filter((section) => section.items.every((item) => item.manual)).flatMap((section) => section.items));
    assert.ok(result.every((entry) => entry.status === (sectionless.has(entry.item) ? 'manual-open' : 'not-applicable')), JSON.stringify(result.map((e) => [e.item.id, e.status])));
    assert.ok(!result.some((entry) => entry.status === 'passed'));
  });
});

describe('blocking decided by the checklist', () => {
  it('always blocks security and privacy findings, even when the skill file puts them nowhere', () => {
    const lean = parseSkillFile('---\nname: a\ndescription: b\n---\n## Copy\n- [ ] Typos fixed <!-- check: i18n.invalid-json -->\n');
    const findings = applyChecklistBlocking([finding('security.secret'), finding('analytics.pii'), finding('i18n.invalid-json', 'warning')], lean);
    assert.deepEqual(findings.map((entry) => entry.blocking), [true, true, false]);
    const evaluated = evaluateChecklist(lean, findings, ['security.secret'], new Set());
    const secret = evaluated.find((entry) => entry.item.checks.includes('security.secret'));
    assert.equal(secret?.status, 'failed');
    assert.equal(secret?.item.blocking, true);
  });

  it('blocks findings of any item in a blocking section, never notes, and never lowers', () => {
    const strict = parseSkillFile('---\nname: a\ndescription: b\n---\n## Copy (blocking)\n- [ ] Placeholders kept <!-- check: i18n.placeholder-mismatch -->\n');
    const findings = applyChecklistBlocking(
      [finding('i18n.placeholder-mismatch', 'warning'), finding('i18n.placeholder-mismatch', 'info'), finding('size.large', 'error', true)],
      strict,
    );
    assert.deepEqual(findings.map((entry) => [entry.severity, entry.blocking]), [['error', true], ['info', false], ['error', true]]);
  });

  it('keeps severity and blocking in step: every error blocks, and no warning does', () => {
    const findings = applyChecklistBlocking(
      [finding('size.large', 'error'), finding('size.large', 'warning', true), finding('flags.ungated', 'warning'), finding('zone.owners', 'info', true)],
      builtInChecklist(),
    );
    assert.deepEqual(findings.map((entry) => [entry.severity, entry.blocking]), [['error', true], ['error', true], ['warning', false], ['error', true]]);
  });

  it('leaves the warnings of the security checks as warnings, though their section blocks', () => {
    const [testKey] = applyChecklistBlocking([finding('security.secret', 'warning')], builtInChecklist());
    assert.deepEqual([testKey.severity, testKey.blocking], ['warning', false]);
  });

  it('lists the blocking checks and the checks to run', () => {
    const lean = parseSkillFile('---\nname: a\ndescription: b\n---\n## Copy\n- [ ] Valid <!-- check: i18n.invalid-json -->\n');
    assert.deepEqual([...blockingCheckIds(lean)].sort(), ['analytics.pii', 'security.dangerous-code', 'security.pii', 'security.secret']);
    assert.deepEqual([...checksToRun(lean)].sort(), ['analytics.pii', 'i18n.invalid-json', 'security.dangerous-code', 'security.pii', 'security.secret']);
  });
});
