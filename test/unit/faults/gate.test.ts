// Faults of the gate's own voice: the job summary and the sticky comment are
// what reviewers trust, so nothing from the repository or the pull request
// may speak in them, nobody else's comment is the gate's, and a verdict too
// long for GitHub is cut to fit rather than left unwritten.
import * as assert from 'node:assert/strict';
import type { Nodes } from 'mdast';
import { COMMENT_LIMIT, runGate, STEP_SUMMARY_LIMIT, STICKY_MARKER, stickyComment, summaryMarkdown, type GatePullRequest } from '../../../src/core/ci';
import { upsertStickyComment } from '../../../src/core/pr';
import type { ReviewResult } from '../../../src/core/review';
import { parseMarkdown } from '../../../src/core/text/markdown';
import type { Finding } from '../../../src/core/types';
import { FakeGitHub } from '../../support/fakeGitHub';
import { tempRepo } from '../helpers/tempRepo';
import { pilotZone } from './pilotZone';
import { cpuBound } from '../helpers/cpuBound';

const ZONE = pilotZone();

const pullRequest = (body = ''): GatePullRequest => ({
  number: 1, author: 'alice', labels: ['pm-authored'], body, draft: false, baseRef: 'main', headSha: 'y', repository: 'acme/shop', headRepository: 'acme/shop',
});

/** The comment's own voice: its marker, its heading, the folded checklist, and the DRI CLAUDE.md names for the sign-off. */
const OWN_COMMENT_VOICES = [
  `html: ${STICKY_MARKER}`,
  'heading: ## ❌ PM PR Review',
  'html: <details><summary>Checklist results</summary>',
  'html: </details>',
  'text: Engineering DRI @dana',
];

/** What GitHub would render that speaks with its own voice: headings, links, images, HTML, mentions and bare addresses in the text. */
function voices(markdown: string): string[] {
  const found: string[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'heading') found.push(`heading: ${markdown.slice(node.position?.start.offset, node.position?.end.offset)}`);
    if (node.type === 'link' || node.type === 'image' || node.type === 'html') found.push(`${node.type}: ${'url' in node ? node.url : node.value}`);
    if (node.type === 'text' && /(?:^|[^\w`])@[A-Za-z0-9]|https?:\/\/|www\./.test(node.value)) found.push(`text: ${node.value}`);
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(parseMarkdown(markdown));
  return found;
}

describe('faults: text from the repository or the pull request never speaks in the gate\'s voice', function () {
  this.timeout(cpuBound(60_000));

  it('a file name with line breaks forges no heading, link or mention in the summary or the comment', async () => {
    // (git keeps no `//` in a path: the bare address is the www. kind.)
    const forged = 'src/auth/x\n\n## ✅ PM PR Review passed\n\n[Approved](www.phish.example) @acme/everyone\n.ts';
    const repo = await tempRepo({
      commits: [
        { message: 'zone', files: { 'CLAUDE.md': ZONE } },
        { branch: 'alice/forge', message: 'forge', files: { [forged]: 'x\n' } },
      ],
    });
    const outcome = await runGate(repo.git, repo.root, pullRequest());
    assert.equal(outcome.result, 'failed');
    assert.deepEqual(voices(outcome.summary), ['heading: ## ❌ PM PR Review']);
    assert.deepEqual(voices(outcome.comment ?? ''), OWN_COMMENT_VOICES);
    for (const markdown of [outcome.summary, outcome.comment ?? '']) {
      assert.match(markdown, /src\/auth\/x\\n\\n## ✅ PM PR Review passed/, 'the name is shown, its line breaks as escapes');
    }
  });

  it('links from the description are quoted inertly in the comment: no image beacon, mention or phishing link', async () => {
    const repo = await tempRepo({
      commits: [
        { message: 'zone', files: { 'CLAUDE.md': ZONE } },
        { branch: 'alice/copy', message: 'copy', files: { 'README.md': 'hi\n' } },
      ],
    });
    const body = 'Plan: [the doc](<![beacon](https://track.example/p.png) @acme/everyone https://phish.example/acme/shop/PLANNING.md>)';
    const outcome = await runGate(repo.git, repo.root, pullRequest(body));
    const planning = outcome.review?.findings.find((finding) => finding.check === 'ci.planning-link');
    assert.equal(planning?.blocking, true, 'the link names a planning doc the head lacks');
    assert.deepEqual(voices(outcome.comment ?? ''), OWN_COMMENT_VOICES);
    assert.deepEqual(voices(outcome.summary), ['heading: ## ❌ PM PR Review']);
  });
});

describe('faults: only the gate\'s own comment is the gate\'s', function () {
  this.timeout(cpuBound(30_000));
  let fake: FakeGitHub;

  before(async () => {
    fake = await FakeGitHub.start({ login: 'github-actions[bot]' });
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.reset();
    fake.addRepo('acme', 'shop');
  });

  const target = { owner: 'acme', repo: 'shop', number: 1, marker: STICKY_MARKER, unavailable: 'no current result here' };
  const post = (body: string) => upsertStickyComment(target, body, { token: fake.token, apiUrl: fake.apiUrl });

  it('a PM\'s comment holding the marker is left alone: the gate writes and then edits its own', async () => {
    fake.addComment('acme', 'shop', 1, `${STICKY_MARKER}\n## ✅ Approved by the gate`, 'alice');
    assert.equal((await post(`${STICKY_MARKER}\n## ❌ PM PR Review`)).outcome, 'created');
    assert.equal((await post(`${STICKY_MARKER}\n## ❌ PM PR Review, again`)).outcome, 'updated');
    const comments = fake.comments('acme', 'shop', 1);
    assert.deepEqual(comments.map((comment) => [comment.author, comment.body.split('\n')[1]]), [
      ['alice', '## ✅ Approved by the gate'],
      ['github-actions[bot]', '## ❌ PM PR Review, again'],
    ]);
  });

  it('when its edit is refused, the earlier verdict does not stay standing', async () => {
    await post(`${STICKY_MARKER}\n## ✅ No blockers`);
    fake.failNext('PATCH /repos/:o/:r/issues/comments/:id', { status: 422, body: { message: 'Validation Failed' } });
    await assert.rejects(post(`${STICKY_MARKER}\n## ❌ 3 blockers`));
    assert.equal(fake.comments('acme', 'shop', 1)[0].body, `${STICKY_MARKER}\nno current result here`);
  });
});

describe('faults: where GraphQL does not answer, the gate still edits its one comment', function () {
  this.timeout(cpuBound(30_000));
  const target = { owner: 'acme', repo: 'shop', number: 1, marker: STICKY_MARKER };

  /** A server whose GraphQL endpoint a proxy blocks, as an Enterprise Server may. */
  async function withoutGraphql(login: string, run: (fake: FakeGitHub) => Promise<void>): Promise<void> {
    const fake = await FakeGitHub.start({ login });
    try {
      fake.addRepo('acme', 'shop');
      fake.failNext('POST /graphql', { status: 404, body: { message: 'Not Found' } }, 10);
      await run(fake);
    } finally {
      await fake.close();
    }
  }

  for (const [who, login] of [['a workflow\'s GITHUB_TOKEN', 'github-actions[bot]'], ['a person\'s token', 'dana']] as const) {
    it(`${who}: found by its marker and the account the token acts as (GET /user, or GitHub Actions' bot where GitHub refuses it)`, () => withoutGraphql(login, async (fake) => {
      fake.addComment('acme', 'shop', 1, `${STICKY_MARKER}\n## ✅ pasted by a PM`, 'alice');
      const post = (body: string) => upsertStickyComment(target, body, { token: fake.token, apiUrl: fake.apiUrl });
      assert.equal((await post(`${STICKY_MARKER}\n## ❌ first run`)).outcome, 'created');
      assert.equal((await post(`${STICKY_MARKER}\n## ✅ second run`)).outcome, 'updated');
      assert.deepEqual(fake.comments('acme', 'shop', 1).map((comment) => [comment.author, comment.body.split('\n')[1]]), [['alice', '## ✅ pasted by a PM'], [login, '## ✅ second run']]);
      assert.ok(fake.calls().includes('GET /user'));
    }));
  }

  it('a GitHub App\'s installation token: its own bot, named by the caller, never GitHub Actions\' comment', () => withoutGraphql('pm-gate[bot]', async (fake) => {
    fake.addComment('acme', 'shop', 1, `${STICKY_MARKER}\n## from GitHub Actions`, 'github-actions[bot]');
    const post = (body: string) => upsertStickyComment({ ...target, appBot: 'pm-gate[bot]' }, body, { token: fake.token, apiUrl: fake.apiUrl });
    assert.equal((await post(`${STICKY_MARKER}\n## first`)).outcome, 'created');
    assert.equal((await post(`${STICKY_MARKER}\n## second`)).outcome, 'updated');
    assert.deepEqual(fake.comments('acme', 'shop', 1).map((comment) => comment.author), ['github-actions[bot]', 'pm-gate[bot]']);
  }));

  it('GraphQL first, where it answers: no GET /user', async () => {
    const fake = await FakeGitHub.start({ login: 'github-actions[bot]' });
    try {
      fake.addRepo('acme', 'shop');
      await upsertStickyComment(target, 'one', { token: fake.token, apiUrl: fake.apiUrl });
      assert.equal((await upsertStickyComment(target, 'two', { token: fake.token, apiUrl: fake.apiUrl })).outcome, 'updated');
      assert.ok(!fake.calls().includes('GET /user'));
    } finally {
      await fake.close();
    }
  });
});

describe('faults: a verdict too long for GitHub is cut to fit, with counts and where the rest is', () => {
  const RUN = 'https://github.com/acme/shop/actions/runs/42';

  function resultOf(count: number): ReviewResult {
    const findings: Finding[] = Array.from({ length: count }, (_, index) => ({
      check: 'zone.locked', severity: 'error', blocking: true, file: `src/auth/very/long/folder/name/for/file-${index}.ts`, line: null,
      message: `src/auth/very/long/folder/name/for/file-${index}.ts is locked to PMs: Engineering only — \`**/auth/**\` (CLAUDE.md:5); owners @acme/security (.github/CODEOWNERS:9). Undo this change or ask an engineer to make it. ${'Why: '.repeat(30)}`,
    }));
    return { findings, files: findings.map((finding) => ({ path: finding.file as string, zone: 'locked', status: 'added' })), summary: { files: count, blockers: count, errors: 0, warnings: 0, infos: 0, addedLines: count, removedLines: 0 } } as ReviewResult;
  }

  it('300 findings: the comment fits GitHub\'s 65,536 characters and says how many more are in the run', () => {
    const comment = stickyComment({ result: resultOf(300), verdict: 'failed', checklist: ['- ❌ No file is engineering-only'], manual: ['- [ ] Approval'], fullList: RUN });
    assert.ok(comment.length <= COMMENT_LIMIT, `${comment.length} characters`);
    assert.match(comment, /^## ❌ PM PR Review$/m);
    assert.match(comment, /_…and \d+ more findings \(\d+ blocking\) not shown: they do not fit here\. Every one is in \[the workflow run's log\]\(https:\/\/github\.com\/acme\/shop\/actions\/runs\/42\)/);
    assert.match(comment, /Checklist results/);
  });

  it('12,000 findings: the job summary fits GitHub\'s 1 MiB and counts the rest', () => {
    const summary = summaryMarkdown(resultOf(12_000), 'failed', { limit: STEP_SUMMARY_LIMIT, measure: (text) => Buffer.byteLength(text), fullList: RUN });
    assert.ok(Buffer.byteLength(summary) <= STEP_SUMMARY_LIMIT, `${Buffer.byteLength(summary)} bytes`);
    const shown = (summary.match(/^- \*\*blocker\*\*/gm) ?? []).length;
    assert.ok(shown > 100);
    assert.match(summary, new RegExp(`_…and ${12_000 - shown} more findings \\(${12_000 - shown} blocking\\) not shown`));
  });
});
