// After a push to an open pull request, its description's checklist section
// follows the review of what it now holds; the PM's own text is kept.
import * as assert from 'node:assert/strict';
import { updatePullRequestChecklist, withChecklistFrom } from '../../../../src/core/pr';
import { FakeGitHub, githubFailures } from '../../../support/fakeGitHub';

const SENT = [
  'Adds a gift note at checkout. **The PM added this line on github.com.**',
  '',
  '## PM PR Review checklist',
  '',
  '- ❌ Every locale has the new strings _(blocking)_',
  '  - `src/i18n/fr.json` misses `gift.note`',
  '',
  '## Code owners who must review',
  '',
  '- @acme/web',
  '',
  '---',
  '',
  '_Opened with PM Zone_',
  '',
].join('\n');

const NOW = [
  'Adds a gift note at checkout.',
  '',
  '## PM PR Review checklist',
  '',
  '- ✅ Every locale has the new strings _(blocking)_',
  '- ☑ The copy was read aloud',
  '',
  '## Code owners who must review',
  '',
  '- @acme/web',
  '',
  '---',
  '',
  '_Opened with PM Zone_',
  '',
].join('\n');

describe('the checklist of a sent pull request', () => {
  let github: FakeGitHub;
  const options = () => ({ token: github.token, apiUrl: github.apiUrl });

  before(async () => {
    github = await FakeGitHub.start();
  });
  after(() => github.close());
  beforeEach(() => {
    github.reset();
    github.addRepo('acme', 'shop', { branches: { 'alice/copy': 2 } });
  });

  it('rewrites only the checklist section when the result changed, once', async () => {
    const number = github.addPullRequest('acme', 'shop', { head: 'alice/copy', body: SENT });
    assert.equal(await updatePullRequestChecklist('acme', 'shop', number, NOW, options()), 'updated');
    const pull = github.pull('acme', 'shop', number)!;
    assert.equal(pull.body, SENT.replace('- ❌ Every locale has the new strings _(blocking)_\n  - `src/i18n/fr.json` misses `gift.note`', '- ✅ Every locale has the new strings _(blocking)_\n- ☑ The copy was read aloud'));
    assert.match(pull.body, /The PM added this line on github\.com/);
    assert.equal(await updatePullRequestChecklist('acme', 'shop', number, NOW, options()), 'unchanged');
    assert.equal(pull.edits, 1, 'an unchanged checklist is not written again');
  });

  it('keeps the line endings of a description edited on the web, and leaves one without a checklist alone', async () => {
    const crlf = github.addPullRequest('acme', 'shop', { head: 'alice/copy', body: SENT.replace(/\n/g, '\r\n') });
    assert.equal(await updatePullRequestChecklist('acme', 'shop', crlf, NOW, options()), 'updated');
    const body = github.pull('acme', 'shop', crlf)!.body;
    assert.doesNotMatch(body.replace(/\r\n/g, ''), /\n/, 'every line ends as it did');
    assert.match(body, /- ✅ Every locale has the new strings _\(blocking\)_\r\n- ☑ The copy was read aloud\r\n\r\n## Code owners/);

    github.pull('acme', 'shop', crlf)!.state = 'closed';
    const without = github.addPullRequest('acme', 'shop', { head: 'alice/copy', body: 'Just my words.' });
    assert.equal(await updatePullRequestChecklist('acme', 'shop', without, NOW, options()), 'no-section');
    assert.equal(github.pull('acme', 'shop', without)!.body, 'Just my words.');
    assert.equal(github.pull('acme', 'shop', without)!.edits, undefined);
  });

  it('keeps a manual item the author ticked when it was sent', () => {
    const sent = SENT.replace('- ❌ Every locale', '- ☑ The copy was read aloud\n- ❌ Every locale');
    const now = NOW.replace('- ☑ The copy was read aloud', '- ☐ The copy was read aloud\n- ☐ The flag was tried in staging');
    const body = withChecklistFrom(sent, now)!;
    assert.match(body, /- ☑ The copy was read aloud\n- ☐ The flag was tried in staging\n/);
  });

  it('replaces a checklist that ends the description', () => {
    assert.equal(withChecklistFrom('Mine.\n\n## PM PR Review checklist\n\n- ❌ old', NOW), 'Mine.\n\n## PM PR Review checklist\n\n- ✅ Every locale has the new strings _(blocking)_\n- ☑ The copy was read aloud');
  });

  it('says what GitHub refused, and changes nothing', async () => {
    const number = github.addPullRequest('acme', 'shop', { head: 'alice/copy', body: SENT });
    github.failNext('PATCH /repos/:o/:r/pulls/:n', githubFailures.forbidden());
    await assert.rejects(updatePullRequestChecklist('acme', 'shop', number, NOW, options()), (error: Error) => error.name === 'GitHubError' && /update the pull request/.test(error.message));
    assert.equal(github.pull('acme', 'shop', number)!.body, SENT);
  });
});
