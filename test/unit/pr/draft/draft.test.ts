import * as assert from 'node:assert/strict';
import { parseDraft, renderDraft, withField, type PullRequestDraft } from '../../../../src/core/pr';

describe('The PULL_REQUEST.md format', () => {
  const sample: PullRequestDraft = {
    title: 'Checkout: "Confirm order" # not a comment',
    base: 'main',
    head: 'alice/copy',
    labels: ['pm-authored', 'ai-assisted'],
    reviewers: ['@dana', '@acme/web'],
    draft: true,
    body: '**Problem:** x\n\n---\n\n_Opened with PM Zone_\n',
  };

  it('reads back what it writes, the body whole even with its own line of dashes', () => {
    const text = renderDraft(sample);
    assert.ok(text.startsWith('---\n# The pull request PM Zone will open.'));
    assert.deepEqual(parseDraft(text), { ok: true, draft: sample });
  });

  it('reads CRLF line endings and a byte-order mark', () => {
    const text = `\uFEFF${renderDraft(sample).replace(/\n/g, '\r\n')}`;
    const reading = parseDraft(text);
    assert.ok(reading.ok);
    assert.deepEqual(reading.draft, sample);
  });

  it('takes labels and reviewers as a comma list, no labels as none, and yes/no for draft', () => {
    const reading = parseDraft('---\ntitle: T\nbase: main\nhead: b\nlabels: pm-authored, copy\nreviewers:\ndraft: no\n---\nBody');
    assert.deepEqual(reading, { ok: true, draft: { title: 'T', base: 'main', head: 'b', labels: ['pm-authored', 'copy'], reviewers: [], draft: false, body: 'Body' } });
  });

  it('names the line of each problem', () => {
    const cases: [string, number, RegExp][] = [
      ['no front matter', 1, /must start with its fields/],
      ['---\ntitle: T\nbase: main\n', 1, /must start with its fields/],
      ['---\ntitle: T\nbase: main\nhead: b\nlabels: [x\n---\n', 5, /not valid YAML/],
      ['---\ntitle:\nbase: main\nhead: b\n---\n', 2, /title is missing/],
      ['---\ntitle: T\nbase: main\nhead: two words\n---\n', 4, /head must name/],
      ['---\ntitle: T\nbase: main\nhead: b\nreviewers: {a: 1}\n---\n', 5, /reviewers must be a list/],
      ['---\ntitle: T\nbase: main\nhead: b\ndraft: maybe\n---\n', 5, /draft must be true/],
      ['---\ntitle: T\ntitle: U\nbase: main\nhead: b\n---\n', 3, /not valid YAML/],
      [`---\ntitle: ${'x'.repeat(257)}\nbase: main\nhead: b\n---\n`, 2, /longer than GitHub allows/],
      ['---\n- a list\n---\n', 2, /"name: value" lines/],
    ];
    for (const [text, line, message] of cases) {
      const reading = parseDraft(text);
      assert.equal(reading.ok, false, text);
      if (!reading.ok) {
        assert.equal(reading.line, line, `${JSON.stringify(text)}: ${reading.message}`);
        assert.match(reading.message, message);
      }
    }
  });

  it('sets one field and keeps the comments, the other fields and the body', () => {
    const text = renderDraft(sample);
    const sent = withField(text, 'sent', 'https://github.com/acme/shop/pull/7');
    assert.ok(sent?.includes('# The pull request PM Zone will open.'));
    const reading = parseDraft(sent ?? '');
    assert.deepEqual(reading, { ok: true, draft: { ...sample, sent: 'https://github.com/acme/shop/pull/7' } });
    assert.equal(withField('no front matter', 'draft', false), undefined);
  });
});
