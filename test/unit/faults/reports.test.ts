// Faults of the reports and of what reaches a terminal: GitHub's answers and
// a repository's names are text a hostile server, proxy or author shapes.
import * as assert from 'node:assert/strict';
import { auditHtml, auditMarkdown, auditText, readoutCharts, readoutHtml, readoutMarkdown, type AuditReport, type Readout } from '../../../src/core/audit';
import { listPullRequests } from '../../../src/core/audit/pullRequests';
import { descendants, parseMarkdown } from '../../../src/core/text/markdown';
import { FakeGitHub } from '../../support/fakeGitHub';
import { tempRepo } from '../helpers/tempRepo';
import { cli } from '../cli/support/cli';
import { cpuBound } from '../helpers/cpuBound';

const HOSTILE = ['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>'];
// eslint-disable-next-line no-control-regex -- control characters are what must not be printed
const ESCAPES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function readoutWith(url: string): Readout {
  const metrics = { ideaToFirstCommitDays: 1, reviewCycles: 1, cycleTimeDays: 2, energy: 4 };
  return {
    repository: 'acme/shop', start: '2026-03-01', end: '2026-03-29', weeks: 4,
    pilots: [{ handle: '@alice', pullRequests: [7], metrics, baseline: { ...metrics, pullRequests: [] } }],
    pullRequests: [{
      number: 7, title: 'Clearer copy', url, author: '@alice', role: 'pilot', pilot: '@alice', openedAt: '2026-03-03T09:00:00Z', mergedAt: '2026-03-05T09:00:00Z',
      planningPath: null, ideaAt: null, firstCodeAt: null, primaryMetric: null, complianceFindings: 0, ...metrics,
    }],
    criteria: [], criteriaMet: 0, decision: 'iterate', regulated: null,
  };
}

function auditWith(url: string): AuditReport {
  const commit = { sha: 'a'.repeat(40), date: '2026-03-05T09:00:00Z', author: 'Bob\u001b]0;pwned\u0007\u001b[2K', url };
  return {
    repository: 'acme/shop', completeness: 1, regulated: false,
    pullRequests: [{
      number: 7, complete: true, missing: [],
      intent: { planningPath: 'src/PLANNING.md', commit, pullRequest: null },
      implementation: {
        number: 7, title: 'Copy \u202egnp.exe', url, author: '@alice', labels: [], openedAt: '2026-03-03T09:00:00Z', mergedAt: '2026-03-05T09:00:00Z',
        mergeCommit: commit, commits: [], approvals: [{ reviewer: '@dana', at: '2026-03-04T09:00:00Z', url, codeOwner: true }], changesRequested: 0,
        engineeringDri: '@dana', driApproved: true, review: { source: 'ci-check', result: 'passed', url, blockers: null },
      },
      deployment: { flags: ['f'], copyOnly: false, flips: [{ flag: 'f', date: '2026-03-06T09:00:00Z', author: 'Bob', source: 'repository', sha: 'b'.repeat(40), url, from: null, to: { enabled: true, rollout: 100 } }] },
    }],
  };
}

describe('faults: a report links only the repository\'s own pages, and no odd value takes it down', function () {
  this.timeout(cpuBound(60_000));

  for (const url of HOSTILE) {
    it(`a link of ${url.slice(0, 24)}…: the HTML and Markdown reports show its words unlinked`, async () => {
      const readout = readoutWith(url);
      const page = readoutHtml(readout, await readoutCharts(readout));
      assert.deepEqual(page.links, []);
      assert.doesNotMatch(page.html, /javascript:|<script|href="data:/);
      const audit = auditHtml(auditWith(url));
      assert.deepEqual(audit.links, []);
      assert.doesNotMatch(audit.html, /javascript:|<script|href="data:/);
      for (const markdown of [auditMarkdown(auditWith(url)), readoutMarkdown(readout)]) {
        assert.doesNotMatch(markdown, /\]\(|!\[/, 'no Markdown link or image');
      }
    });
  }

  it('an address that tries to end its Markdown link early stays one link, with no image', () => {
    const url = 'https://github.com/acme/shop/pull/1) ![beacon](https://track.example/p.png';
    for (const markdown of [auditMarkdown(auditWith(url)), readoutMarkdown(readoutWith(url))]) {
      const tree = parseMarkdown(markdown);
      assert.deepEqual(descendants(tree, 'image'), []);
      assert.ok(descendants(tree, 'link').every((link) => link.url === 'https://github.com/acme/shop/pull/1)%20![beacon](https://track.example/p.png'));
    }
  });

  it('GitHub\'s html_url off the repository\'s host is dropped as it is read', async () => {
    const fake = await FakeGitHub.start();
    try {
      fake.addRepo('acme', 'shop');
      const pull = (number: number, html_url: string) => ({ number, title: 't', html_url, user: { login: 'alice' }, labels: [], created_at: '2026-03-03T09:00:00Z', merged_at: null, updated_at: null, body: '', head: null });
      fake.failNext('GET /repos/:o/:r/pulls', { status: 200, body: [pull(1, 'javascript:alert(1)'), pull(2, 'https://phish.example/acme/shop/pull/2'), pull(3, `${fake.apiUrl}/acme/shop/pull/3`)] });
      const pulls = await listPullRequests({ owner: 'acme', repo: 'shop' }, { token: fake.token, apiUrl: fake.apiUrl });
      assert.deepEqual(pulls.map((listed) => [listed.number, listed.url]), [[1, ''], [2, ''], [3, `${fake.apiUrl}/acme/shop/pull/3`]]);
    } finally {
      await fake.close();
    }
  });
});

describe('faults: nothing a repository or GitHub holds acts on the terminal', function () {
  this.timeout(cpuBound(60_000));

  it('pm-zone review: a locked file named with escape sequences and a right-to-left override prints as git prints it', async () => {
    const name = 'src/auth/x\u001b[1A\u001b[2K\u001b[32mNo blockers.\u001b[0m\u202egnp.ts';
    const repo = await tempRepo({
      // A pilot with no e-mail listed: whoever commits could be them, so the staged review runs.
      commits: [{ message: 'zone', files: { 'CLAUDE.md': '## PM zone\n### PMs may edit\n- `**/*.md`\n### Engineering only\n- `**/auth/**`\n### Pilot PMs\n- @alice `docs/**`\n' } }],
      staged: { [name]: 'x\n' },
    });
    for (const format of ['text', 'github']) {
      const run = await cli(['review', '--staged', '--format', format, '--cwd', repo.root]);
      assert.equal(run.code, 1);
      assert.doesNotMatch(run.stdout, ESCAPES, format);
      assert.match(run.stdout, /src\/auth\/x\\033\[1A\\033\[2K\\033\[32mNo blockers\.\\033\[0m\\342\\200\\256gnp\.ts/, format);
    }
    const text = await cli(['review', '--staged', '--cwd', repo.root]);
    assert.match(text.stdout, /^ {2}"src\/auth\/x\\033\[1A/m, 'the name is quoted, as git quotes it');
  });

  it('pm-zone audit in a terminal: an author name that retitles the terminal is shown escaped', () => {
    const text = auditText(auditWith('https://github.com/acme/shop/pull/7'));
    assert.match(text, /Bob\\033\]0;pwned\\a\\033\[2K/);
    assert.match(text, /Copy \\342\\200\\256gnp\.exe/);
    assert.doesNotMatch(text, ESCAPES);
  });
});
