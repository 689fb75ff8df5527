import * as assert from 'node:assert/strict';
import { composePullRequest, FOOTER, MAX_BODY_LENGTH } from '../../../../src/core/pr';
import type { Finding } from '../../../../src/core/types';
import { CLAUDE_TRAILER, commit, composed, copyChange, edited, EN, EN_AFTER, EN_BEFORE, outcomeWith, PLANNING, planningFixture, REMOTE, review, section } from './support';

describe('composePullRequest: GitHub’s body limit and hostile input', () => {
  it('shrinks long lists to stay under the limit, saying how many were left out', async () => {
    const files = Array.from({ length: 3000 }, (_, index) => edited(`src/features/checkout/i18n/locale-${'x'.repeat(40)}-${index}.json`, '{}\n', '{ "a": 1 }\n'));
    const { outcome, change, policy } = await review(copyChange({ files: [] }));
    const findings: Finding[] = files.map((file, index) => ({
      check: 'i18n.invalid-json', severity: 'error', blocking: false, file: file.path, line: index + 1, message: `Problem ${index}: ${'y'.repeat(80)}`,
    }));
    const pr = composePullRequest({
      review: outcomeWith(findings, outcome),
      policy,
      change: { ...change, files, commits: [commit('Many', files.map((file) => file.path), [CLAUDE_TRAILER])] },
      remote: REMOTE,
      head: 'alice/many',
      base: 'main',
      ticked: new Set(),
    });
    assert.ok(pr.body.length <= MAX_BODY_LENGTH, `${pr.body.length} characters`);
    assert.ok(pr.body.length > MAX_BODY_LENGTH / 4, 'it shrinks the lists, not the whole body');
    assert.match(section(pr.body, 'Files by zone'), /…and \d+ more files\./);
    assert.match(section(pr.body, 'PM PR Review checklist'), /…and \d+ more findings \(run `pm-zone review` to see them all\)/);
    assert.match(section(pr.body, 'AI assistance'), /AI-generated files \(3000 files\):[\s\S]*…and \d+ more files/);
    assert.match(section(pr.body, 'Files by zone'), /3000 files: 3000 ✏️ PM zone\./);
    assert.ok(pr.body.trimEnd().endsWith(FOOTER));
  });

  it('cuts at a line, with a note, what no shrinking can fit', async () => {
    const huge = planningFixture('filled-standard.md').replace('The French translation was drafted with Claude', `${'Claude wrote this line.\n'.repeat(4000)}The French translation was drafted with Claude`);
    const pr = await composed(copyChange({ files: [edited(PLANNING, undefined, huge), edited(EN, EN_BEFORE, EN_AFTER)] }));
    assert.ok(pr.body.length <= MAX_BODY_LENGTH, `${pr.body.length} characters`);
    assert.match(pr.body, /_…the rest of this description was too long for GitHub: run `pm-zone review` for every finding\._\n\n---\n\n_Opened with PM Zone_\n$/);
    assert.match(pr.body, /## Sign-offs/, 'what comes before the long part is kept');
  });

  it('quotes paths with backticks and messages with HTML so they cannot break the markdown', async () => {
    const { outcome, change, policy } = await review(copyChange());
    const odd = 'src/features/checkout/i18n/`odd`.json';
    const findings: Finding[] = [{ check: 'i18n.invalid-json', severity: 'error', blocking: false, file: odd, line: 1, message: 'Bad <script>alert(1)</script>\nsecond line' }];
    const pr = composePullRequest({
      review: outcomeWith(findings, outcome),
      policy,
      change: { ...change, files: [edited(odd, '{}', '{')] },
      remote: REMOTE,
      head: 'b',
      base: 'main',
      ticked: new Set(),
    });
    assert.match(pr.body, /``src\/features\/checkout\/i18n\/`odd`\.json:1`` Bad \\<script\\>alert\(1\)\\<\/script\\> second line/);
    assert.match(section(pr.body, 'Files by zone'), /\| ``src\/features\/checkout\/i18n\/`odd`\.json`` \| modified \|/);
  });

  it('composes an empty change, a binary file and a deleted file', async () => {
    const empty = await composed(copyChange({ files: [], commits: [] }));
    assert.match(section(empty.body, 'Files by zone'), /No files changed\./);
    assert.equal(empty.title, 'alice/checkout-copy');
    const mixed = await composed(copyChange({ files: [edited('docs/logo.md', undefined, undefined, { status: 'added', binary: true }), edited('docs/old.md', 'gone\n', undefined)] }));
    assert.match(section(mixed.body, 'Files by zone'), /\| `docs\/logo\.md` \| added \|/);
    assert.match(section(mixed.body, 'Files by zone'), /\| `docs\/old\.md` \| deleted \|/);
  });

  it('reads an empty or binary-looking planning doc without failing', async () => {
    for (const text of ['', '\u0000\u0001\u0002PNG', '---\n: [broken\n---\n']) {
      const pr = await composed(copyChange({ files: [edited(PLANNING, undefined, text)], commits: [commit('Subject wins', [PLANNING])] }));
      assert.equal(pr.title, 'Subject wins');
      assert.match(pr.body, /^_`src\/features\/checkout\/PLANNING\.md` does not say yet what problem this solves/);
    }
  });
});
