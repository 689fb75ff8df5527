// `pm-zone pr` end to end: the sample repository on a PM branch, a bare
// repository as origin (so the push really happens), and a local HTTP server
// speaking GitHub's REST API. The CLI runs in-process through runCli (the
// built program: test/bundle/cli/smoke.test.ts).

import * as assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { closedPort, FakeGitHub, githubFailures } from '../../support/fakeGitHub';
import { runGit, tempDir } from '../helpers/tempRepo';
import { BRANCH, cli, kept, keptFile, sample, TOKEN, type Sample } from './support/prSample';
import { readEnergy } from '../../../src/core/pr';
import { cpuBound } from '../helpers/cpuBound';


describe('pm-zone pr', function () {
  this.timeout(cpuBound(60_000));
  let github: FakeGitHub;
  let shop: Sample;
  let regulated: Sample;
  /** No planning doc: blocked. */
  let blocked: Sample;
  const api = () => ['--repo', 'acme/shop', '--api-url', github.apiUrl];

  before(async () => {
    github = await FakeGitHub.start({ token: TOKEN, login: 'alice' });
    [shop, regulated, blocked] = await Promise.all([sample({ trailer: true }), sample({ regulated: true }), sample({ planning: false })]);
  });
  after(() => github.close());
  beforeEach(() => {
    github.reset();
    github.addRepo('acme', 'shop', { branches: { [BRANCH]: 2 }, collaborators: ['dana', 'erin'] });
  });

  describe('--dry-run', () => {
    it('--json prints exactly the composed pull request, and sends nothing', async () => {
      const { code, stdout } = await cli(shop.root, ['--dry-run', '--json', ...api()]);
      assert.equal(code, 0);
      const composed = JSON.parse(stdout) as Record<string, unknown>;
      assert.deepEqual(Object.keys(composed), ['title', 'body', 'labels', 'reviewers', 'draft', 'base', 'head']);
      assert.equal(composed.title, 'Clearer card-declined message at checkout');
      assert.deepEqual(composed.labels, ['pm-authored', 'ai-assisted']);
      assert.deepEqual(composed.reviewers, ['@dana']);
      assert.equal(composed.draft, false);
      assert.equal(composed.base, 'main');
      assert.equal(composed.head, BRANCH);
      assert.match(String(composed.body), /\(https:\/\/127\.0\.0\.1:\d+\/acme\/shop\/blob\/alice\/checkout-copy\/src\/features\/checkout\/PLANNING\.md\)/);
      assert.deepEqual(github.requests, []);
      await assert.rejects(runGit(shop.bare, ['rev-parse', '--verify', `refs/heads/${BRANCH}`]), 'nothing pushed');
    });

    it('without --json shows title, labels, reviewers and draft, then the body', async () => {
      const { code, stdout } = await cli(shop.root, ['--dry-run', '--understood']);
      assert.equal(code, 0);
      assert.match(stdout, /^Title: {5}Clearer card-declined message at checkout\nInto: {6}main ← alice\/checkout-copy\nLabels: {4}pm-authored, ai-assisted\nReviewers: @dana\nDraft: {5}no\n\n\*\*Problem:\*\*/);
      assert.match(stdout, /- \[x\] I have read and understand every line of this change\./);
    });

    it('reads the planning doc\'s AI section for what it means; --ai answers when it is unclear', async () => {
      const mine = await sample();
      const planning = path.join(mine.root, 'src/features/checkout/PLANNING.md');
      const say = async (words: string) => {
        const text = await readFile(planning, 'utf8');
        await writeFile(planning, text.replace(/(## AI assistance\n\n)[\s\S]*?(?=\n## )/, `$1${words}\n`));
        await runGit(mine.root, ['commit', '--quiet', '--no-verify', '-am', 'AI section']);
      };
      const labels = async (args: string[] = []) => {
        const run = await cli(mine.root, ['--dry-run', '--json', ...args]);
        return { labels: (JSON.parse(run.stdout) as { labels: string[] }).labels, stderr: run.stderr };
      };
      await say('None. I wrote the new copy myself.');
      assert.deepEqual((await labels()).labels, ['pm-authored']);
      await say('No AI for the code, but Claude suggested the wording.');
      const unclear = await labels();
      assert.deepEqual(unclear.labels, ['pm-authored', 'ai-assisted']);
      assert.match(unclear.stderr, /does not say plainly whether AI helped: labelled ai-assisted; pass --ai no if none did/);
      assert.deepEqual((await labels(['--ai', 'no'])).labels, ['pm-authored']);
      assert.equal((await labels(['--ai', 'no'])).stderr, '');
      assert.equal((await cli(mine.root, ['--dry-run', '--ai', 'maybe'])).code, 2);
    });

    it("writes the PM's check-in into the body with --energy, where the readout reads it back; nothing when not given", async () => {
      const mine = await sample();
      const body = async (args: string[] = []) => (JSON.parse((await cli(mine.root, ['--dry-run', '--json', ...args])).stdout) as { body: string }).body;
      const answered = await body(['--energy', '4']);
      assert.match(answered, /## Pilot check-in\n\n\*\*How did shipping this feel, 1–5\?\*\* 4\n/);
      assert.equal(readEnergy(answered), 4);
      const skipped = await body();
      assert.doesNotMatch(skipped, /Pilot check-in/);
      assert.equal(readEnergy(skipped), null);
      const wrong = await cli(mine.root, ['--dry-run', '--energy', '7']);
      assert.equal(wrong.code, 2);
      assert.match(wrong.stderr, /--energy takes how shipping this felt, 1 \(draining\) to 5 \(energising\), not '7'/);
    });

    it('regulated: a draft, asking both DRIs', async () => {
      const composed = JSON.parse((await cli(regulated.root, ['--dry-run', '--json'])).stdout) as { draft: boolean; reviewers: string[] };
      assert.equal(composed.draft, true);
      assert.deepEqual(composed.reviewers, ['@dana', '@erin']);
    });

    it('with a blocker: exit 1 and the refusal on stderr, the composition still shown', async () => {
      const { code, stdout, stderr } = await cli(blocked.root, ['--dry-run', '--json']);
      assert.equal(code, 1);
      assert.equal(JSON.parse(stdout).title, 'Checkout: say "Confirm order" on the order button');
      assert.equal(stderr, 'pm-zone: the pull request cannot open: 1 blocker: No PLANNING.md.\n');
    });
  });

  describe('opening the pull request', () => {
    it('pushes the branch to origin, opens it with labels and reviewers, and prints its URL', async () => {
      const fresh = await sample({ trailer: true });
      const { code, stdout, stderr } = await cli(fresh.root, [...api(), '--tick', 'ai-assistance/i-read-every-line-the-assistant-wrote']);
      assert.equal(code, 0, stderr);
      assert.equal(stdout, `${github.webUrl}/acme/shop/pull/1\n`);
      assert.match(stderr, /^Pushed alice\/checkout-copy to origin\.\nOpened pull request #1\.\n$/);
      const head = (await runGit(fresh.root, ['rev-parse', 'HEAD'])).trim();
      assert.equal((await runGit(fresh.bare, ['rev-parse', `refs/heads/${BRANCH}`])).trim(), head, 'the push really happened');
      // GitHub is asked first whether the branch already has its pull request (then a push would do).
      assert.deepEqual(github.calls(), ['GET /repos/acme/shop/pulls', 'GET /repos/acme/shop/pulls', 'POST /repos/acme/shop/pulls', 'POST /repos/acme/shop/issues/1/labels', 'POST /repos/acme/shop/pulls/1/requested_reviewers']);
      const [, , open, labels, reviewers] = github.requests;
      const sent = open?.body as { title: string; body: string; head: string; base: string; draft: boolean };
      assert.deepEqual({ ...sent, body: undefined }, { title: 'Clearer card-declined message at checkout', body: undefined, head: BRANCH, base: 'main', draft: false });
      assert.match(sent.body, /- ☑ I read every line the assistant wrote/);
      assert.ok(!sent.body.includes(TOKEN));
      assert.deepEqual(labels?.body, { labels: ['pm-authored', 'ai-assisted'] });
      assert.deepEqual(reviewers?.body, { reviewers: ['dana'], team_reviewers: [] });
      // The draft stays as the record of what was sent, marked with its address.
      assert.match(await kept(fresh.root), new RegExp(`\nsent: ${github.webUrl.replace(/[.]/g, '\\.')}/acme/shop/pull/1\n`));
    });

    it('a branch with a tag of the same name: pushed and opened under its own name, not git\'s short heads/<name>', async () => {
      const fresh = await sample({ trailer: true });
      await runGit(fresh.root, ['tag', BRANCH]);
      const shown = await cli(fresh.root, ['--dry-run', '--understood']);
      assert.match(shown.stdout, new RegExp(`^Into: +main ← ${BRANCH}$`, 'm'));
      const { code, stderr } = await cli(fresh.root, [...api(), '--tick', 'ai-assistance/i-read-every-line-the-assistant-wrote']);
      assert.equal(code, 0, stderr);
      assert.match(stderr, new RegExp(`^Pushed ${BRANCH} to origin\\.\n`));
      assert.equal((await runGit(fresh.bare, ['rev-parse', `refs/heads/${BRANCH}`])).trim(), (await runGit(fresh.root, ['rev-parse', 'HEAD'])).trim());
      await assert.rejects(runGit(fresh.bare, ['rev-parse', '--verify', `refs/heads/heads/${BRANCH}`]), 'no branch named heads/… was pushed');
      assert.equal((await runGit(fresh.root, ['for-each-ref', '--format=%(upstream)', `refs/heads/${BRANCH}`])).trim(), `refs/remotes/origin/${BRANCH}`, 'the branch tracks origin\'s copy, as a push by its bare name set it');
      const open = github.requests.find((request) => request.method === 'POST' && request.path === '/repos/acme/shop/pulls');
      assert.equal((open?.body as { head: string }).head, BRANCH);
    });

    it('--json prints url, number, draft and warnings; GH_TOKEN works too; --no-push leaves origin alone', async () => {
      const { code, stdout } = await cli(shop.root, ['--json', '--no-push', ...api()], { GH_TOKEN: TOKEN });
      assert.equal(code, 0);
      assert.deepEqual(JSON.parse(stdout), { url: `${github.webUrl}/acme/shop/pull/1`, number: 1, draft: false, warnings: [] });
      await assert.rejects(runGit(shop.bare, ['rev-parse', '--verify', `refs/heads/${BRANCH}`]));
    });

    it('reads owner and name from a GitHub origin when --repo is not given', async () => {
      const fromOrigin = await sample();
      await runGit(fromOrigin.root, ['remote', 'set-url', 'origin', 'git@github.com:acme/shop.git']);
      const { code, stdout } = await cli(fromOrigin.root, ['--no-push', '--api-url', github.apiUrl]);
      assert.equal(code, 0);
      assert.equal(stdout, `${github.webUrl}/acme/shop/pull/1\n`);
    });

    it('a pull request already open for the branch: pushes the commits to it, composes no second one, and leaves PULL_REQUEST.md alone', async () => {
      const fresh = await sample();
      await mkdir(path.dirname(keptFile(fresh.root)), { recursive: true });
      await writeFile(keptFile(fresh.root), 'the PM\'s own notes\n');
      const sentBody = 'My own words, edited on GitHub.\n\n## PM PR Review checklist\n\n- ❌ What the review said before the fix\n\n---\n\n_Opened with PM Zone_\n';
      github.addPullRequest('acme', 'shop', { head: BRANCH, title: 'Earlier', body: sentBody, headSha: (await runGit(fresh.root, ['rev-parse', 'HEAD~1'])).trim() });
      const held = await cli(fresh.root, [...api(), '--no-push']);
      assert.equal(held.code, 0);
      assert.equal(held.stdout, `${github.webUrl}/acme/shop/pull/1\n`);
      assert.match(held.stderr, /^Pull request #1 is already open for alice\/checkout-copy\. 1 commit is not in it yet: run pm-zone pr without --no-push to push it\. No second pull request was composed/);
      await assert.rejects(runGit(fresh.bare, ['rev-parse', '--verify', `refs/heads/${BRANCH}`]), '--no-push pushed');
      assert.equal(github.pull('acme', 'shop', 1)!.body, sentBody, 'not pushed: the checklist stays what the pull request holds');

      const { code, stdout, stderr } = await cli(fresh.root, [...api(), '--json']);
      assert.equal(code, 0);
      assert.deepEqual(JSON.parse(stdout), { url: `${github.webUrl}/acme/shop/pull/1`, number: 1, existing: true, pushed: true, unpushed: 0, checklist: 'updated' });
      assert.match(stderr, /Pushed 1 commit to it: the reviewers see it there\./);
      assert.match(stderr, /Its description's checklist now shows the review of what it holds/);
      const body = github.pull('acme', 'shop', 1)!.body;
      assert.match(body, /^My own words, edited on GitHub\.\n\n## PM PR Review checklist\n\n✅ passed/, "the PM's text is kept, the checklist is the composer's");
      assert.doesNotMatch(body, /What the review said before the fix/);
      assert.match(body, /\n\n---\n\n_Opened with PM Zone_\n$/);
      assert.equal((await runGit(fresh.bare, ['rev-parse', `refs/heads/${BRANCH}`])).trim(), (await runGit(fresh.root, ['rev-parse', 'HEAD'])).trim());
      assert.ok(!github.calls().includes('POST /repos/acme/shop/pulls'));
      assert.equal(await readFile(keptFile(fresh.root), 'utf8'), 'the PM\'s own notes\n', 'PULL_REQUEST.md was overwritten');
    });

    it('without a token, PULL_REQUEST.md\'s record that this branch was sent is enough: no second pull request is composed', async () => {
      const fresh = await sample();
      const sentOnce = await cli(fresh.root, [...api(), '--no-push']);
      assert.equal(sentOnce.code, 0, sentOnce.stderr);
      const before = await kept(fresh.root);
      const { code, stdout, stderr } = await cli(fresh.root, ['--repo', 'acme/shop', '--no-push'], { GITHUB_TOKEN: '' });
      assert.equal(code, 0, stderr);
      assert.equal(stdout, `${github.webUrl}/acme/shop/pull/1\n`);
      assert.match(stderr, /^Pull request #1 is already open for alice\/checkout-copy \(\.git\/pm-zone\/PULL_REQUEST\.md says it was sent from this branch; GitHub was not asked\)/);
      assert.equal(await kept(fresh.root), before, 'the sent: line was lost');
    });

    it('labels GitHub refuses: the pull request opens with a warning', async () => {
      github.failNext('POST /repos/:o/:r/issues/:n/labels', githubFailures.forbidden());
      const { code, stdout, stderr } = await cli(shop.root, [...api(), '--no-push', '--json']);
      assert.equal(code, 0);
      assert.equal(JSON.parse(stdout).warnings.length, 1);
      assert.match(stderr, /pm-zone: warning: Labels "pm-authored", "ai-assisted" could not be added: .* Add them on GitHub\./);
    });

    it('waits out a short secondary rate limit and opens it', async () => {
      github.failNext('POST /repos/:o/:r/pulls', githubFailures.secondaryRateLimit(0));
      const { code } = await cli(shop.root, [...api(), '--no-push']);
      assert.equal(code, 0);
      assert.equal(github.calls().filter((call) => call === 'POST /repos/acme/shop/pulls').length, 2);
    });
  });

  describe('failures: a next step, and the text kept', () => {
    it('a long rate limit: when to try again', async () => {
      github.failNext('POST /repos/:o/:r/pulls', githubFailures.secondaryRateLimit(3600));
      const { code, stderr } = await cli(shop.root, [...api(), '--no-push']);
      assert.equal(code, 1);
      assert.match(stderr, /GitHub asks to slow down.*\n {2}next: Try again in 60 minutes; your text is kept\./);
      assert.match(stderr, /your pull request text is kept in \.git\/pm-zone\/PULL_REQUEST\.md: edit it if you like, then send it with pm-zone pr --send-draft/);
      assert.match(stderr, /or fill it in on GitHub: https:\/\/127\.0\.0\.1:\d+\/acme\/shop\/compare\/main\.\.\.alice\/checkout-copy\?quick_pull=1/);
      assert.match(await kept(shop.root), /## PM PR Review checklist/);
    });

    it('401: sign in again', async () => {
      const { code, stderr } = await cli(shop.root, [...api(), '--no-push'], { GITHUB_TOKEN: 'ghp_wrongwrongwrongwrongwrongwrongwrong1' });
      assert.equal(code, 1);
      assert.match(stderr, /^pm-zone: GitHub did not accept the sign-in \(401\)\.\n {2}next: Sign in to GitHub again\./);
      assert.ok(!stderr.includes('ghp_wrongwrong'));
      assert.match(await kept(shop.root), /\nhead: alice\/checkout-copy\n[^]*## PM PR Review checklist/);
    });

    it('SSO: authorise the token, with the link', async () => {
      // Twice: once asked whether the branch has a pull request already, once by the send.
      github.failNext('GET /repos/:o/:r/pulls', githubFailures.ssoRequired('https://github.com/orgs/acme/sso?authorization_request=AZ09'), 2);
      const { code, stderr } = await cli(shop.root, [...api(), '--no-push']);
      assert.equal(code, 1);
      assert.match(stderr, /single sign-on/);
      assert.match(stderr, /next: Authorise the token for the organisation's SSO: https:\/\/github\.com\/orgs\/acme\/sso\?authorization_request=AZ09/);
    });

    it('404: no such repository, or no access', async () => {
      const { code, stderr } = await cli(shop.root, ['--repo', 'acme/missing', '--api-url', github.apiUrl, '--no-push']);
      assert.equal(code, 1);
      assert.match(stderr, /GitHub says acme\/missing does not exist, or your account has no access to it\./);
      assert.doesNotMatch(stderr, /fill it in on GitHub/, 'a link to a repository one cannot see does not help');
    });

    it('drafts unsupported: offers a ready pull request, which --ready opens', async () => {
      github.reset();
      github.addRepo('acme', 'shop', { branches: { [BRANCH]: 2 }, collaborators: ['dana', 'erin'], draftsSupported: false });
      const refused = await cli(regulated.root, [...api(), '--no-push']);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /acme\/shop does not support draft pull requests\.\n {2}next: Open it as a pull request ready for review instead\. \(pm-zone pr --ready\)/);
      const ready = await cli(regulated.root, [...api(), '--no-push', '--ready', '--json']);
      assert.equal(ready.code, 0, ready.stderr);
      assert.equal(JSON.parse(ready.stdout).draft, false);
    });

    it('no commits between the branches on GitHub', async () => {
      github.reset();
      github.addRepo('acme', 'shop', { branches: { [BRANCH]: 0 } });
      const { code, stderr } = await cli(shop.root, [...api(), '--no-push']);
      assert.equal(code, 1);
      assert.match(stderr, /no commits that are not already on the base branch.*\n {2}next: Commit the change and push a commit first\./);
    });

    it('a branch with no commits of its own is stopped before anything is sent', async () => {
      const empty = await sample({ planning: false });
      await runGit(empty.root, ['switch', '--quiet', '-c', 'alice/nothing', 'main']);
      const { code, stderr } = await cli(empty.root, [...api(), '--pairing']);
      assert.equal(code, 1);
      assert.match(stderr, /alice\/nothing has no commits that main does not have: commit the change first\./);
      assert.deepEqual(github.requests, []);
    });

    it('network down: cannot reach GitHub', async () => {
      const { code, stderr } = await cli(shop.root, ['--repo', 'acme/shop', '--api-url', `http://127.0.0.1:${await closedPort()}`, '--no-push']);
      assert.equal(code, 1);
      assert.match(stderr, /PM Zone cannot reach GitHub \(http:\/\/127\.0\.0\.1:\d+\) \(ECONNREFUSED\)\.\n {2}next: Check the network or VPN/);
      assert.match(stderr, /or fill it in on GitHub: /);
    });

    it('a push that fails: says so, keeps the text, sends nothing', async () => {
      const broken = await sample();
      await runGit(broken.root, ['remote', 'set-url', 'origin', path.join(path.dirname(broken.bare), 'nowhere.git')]);
      const { code, stderr } = await cli(broken.root, api());
      assert.equal(code, 1);
      // No compare link: the branch is not on GitHub, so the page could not open it.
      assert.match(stderr, /^pm-zone: Pushing alice\/checkout-copy to origin failed: .*\n {2}The branch is not on GitHub yet, so nothing was opened: fix the push, then run pm-zone pr --send-draft\.\n {2}your pull request text is kept in \.git\/pm-zone\/PULL_REQUEST\.md: .*\n$/);
      assert.match(await kept(broken.root), /^---\n[^]*\ntitle: Clearer card-declined message at checkout\n[^]*\n---\n/);
      assert.deepEqual(github.calls(), ['GET /repos/acme/shop/pulls'], 'only asked whether the branch has a pull request already');
    });
  });

  describe('refusals and fallbacks', () => {
    it('a blocker: exit 1 with the refusal, nothing pushed or sent', async () => {
      const { code, stdout, stderr } = await cli(blocked.root, api());
      assert.equal(code, 1);
      assert.equal(stdout, '');
      assert.match(stderr, /the pull request cannot open: 1 blocker: No PLANNING\.md\./);
      assert.deepEqual(github.requests, []);
      await assert.rejects(runGit(blocked.bare, ['rev-parse', '--verify', `refs/heads/${BRANCH}`]));
    });

    it('a file outside the zone in regulated mode: refused, then --pairing opens a draft labelled needs-pairing', async () => {
      const outside = await sample({ regulated: true });
      await writeFile(path.join(outside.root, 'src/features/checkout/api.ts'), '// changed\n');
      await runGit(outside.root, ['commit', '--quiet', '--no-verify', '-am', 'API client']);
      const refused = await cli(outside.root, [...api(), '--no-push']);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /1 blocker: File outside the PM zone: src\/features\/checkout\/api\.ts\..*\(pm-zone pr --pairing\)/);
      const paired = await cli(outside.root, [...api(), '--no-push', '--pairing']);
      assert.equal(paired.code, 0, paired.stderr);
      const pull = github.pull('acme', 'shop', 1);
      assert.equal(pull?.draft, true);
      assert.deepEqual(pull?.labels, ['pm-authored', 'ai-assisted', 'needs-pairing'], 'the regulated planning doc declares AI help');
    });

    it('no token: the compare link with the pull request filled in, and how to set a token', async () => {
      const { code, stdout, stderr } = await cli(shop.root, [...api(), '--no-push'], {});
      assert.equal(code, 0);
      const url = new URL(stdout.trim());
      assert.equal(url.pathname, '/acme/shop/compare/main...alice/checkout-copy');
      assert.equal(url.searchParams.get('quick_pull'), '1');
      assert.equal(url.searchParams.get('title'), 'Clearer card-declined message at checkout');
      assert.equal(url.searchParams.get('labels'), 'pm-authored,ai-assisted');
      assert.match(url.searchParams.get('body') ?? '', /## Files by zone/);
      assert.match(stderr, /set GITHUB_TOKEN \(or GH_TOKEN\)/);
      assert.deepEqual(github.requests, []);
    });

    it('--repo on GitHub with an origin elsewhere and no token: refused before anything is pushed, naming the remote that is on GitHub or how to add one', async () => {
      const fresh = await sample();
      const refused = await cli(fresh.root, ['--repo', 'acme/shop'], { GITHUB_TOKEN: '' });
      assert.equal(refused.code, 2, refused.stderr);
      assert.equal(refused.stdout, '');
      assert.match(refused.stderr, /origin is not on github\.com, so pushing alice\/checkout-copy there would not put it on acme\/shop, and without a token \(GITHUB_TOKEN or GH_TOKEN\) the compare link would open nothing: nothing was pushed\. No remote of this repository is acme\/shop on github\.com: add one \(git remote add github https:\/\/github\.com\/acme\/shop\.git\), push the branch there \(git push github alice\/checkout-copy\), then pm-zone pr --repo acme\/shop --no-push\./);
      await assert.rejects(runGit(fresh.bare, ['rev-parse', '--verify', `refs/heads/${BRANCH}`]), 'nothing was pushed to origin');
      // A remote that is the named repository is named, with the push that puts the branch there.
      await runGit(fresh.root, ['remote', 'add', 'upstream', 'git@github.com:Acme/shop.git']);
      const named = await cli(fresh.root, ['--repo', 'acme/shop'], { GITHUB_TOKEN: '' });
      assert.equal(named.code, 2);
      assert.match(named.stderr, /nothing was pushed\. Remote upstream is acme\/shop on github\.com: push the branch there \(git push upstream alice\/checkout-copy\), then pm-zone pr --repo acme\/shop --no-push\./);
      await assert.rejects(runGit(fresh.bare, ['rev-parse', '--verify', `refs/heads/${BRANCH}`]), 'nothing was pushed to origin');
      // With --no-push nothing goes to origin: the PM pushed it where it belongs, and the link is printed.
      const unpushed = await cli(fresh.root, ['--repo', 'acme/shop', '--no-push'], { GITHUB_TOKEN: '' });
      assert.equal(unpushed.code, 0, unpushed.stderr);
      assert.equal(new URL(unpushed.stdout.trim()).origin + new URL(unpushed.stdout.trim()).pathname, 'https://github.com/acme/shop/compare/main...alice/checkout-copy');
      assert.doesNotMatch(unpushed.stderr, /opens nothing|nothing was pushed/);
    });

    it('--compare forces the link even with a token; --json says so', async () => {
      const { code, stdout } = await cli(shop.root, [...api(), '--no-push', '--compare', '--json']);
      assert.equal(code, 0);
      const printed = JSON.parse(stdout) as { url: string; compare: boolean; trimmed: boolean };
      assert.deepEqual({ ...printed, url: undefined }, { url: undefined, compare: true, trimmed: false });
      assert.match(printed.url, /^https:\/\/127\.0\.0\.1:\d+\/acme\/shop\/compare\/main\.\.\.alice\/checkout-copy\?quick_pull=1&title=/);
      assert.deepEqual(github.requests, []);
    });

    it('a body too long for a link is cut there, with a note, and kept whole', async () => {
      const long = await sample();
      for (let index = 0; index < 30; index++) await writeFile(path.join(long.root, `docs/guide-${index}-${'x'.repeat(60)}.md`), `# Guide ${index}\n`);
      await runGit(long.root, ['add', 'docs']);
      await runGit(long.root, ['commit', '--quiet', '--no-verify', '-m', 'Guides']);
      const { code, stdout, stderr } = await cli(long.root, [...api(), '--no-push'], {});
      assert.equal(code, 0, stderr);
      assert.ok(stdout.trim().length <= 8000);
      assert.match(new URL(stdout.trim()).searchParams.get('body') ?? '', /the rest of this description was too long for a link/);
      assert.match(stderr, /The description was too long for a link and was cut; your pull request text is kept in \.git\/pm-zone\/PULL_REQUEST\.md: /);
      assert.match(await kept(long.root), /guide-29-x+\.md/);
    });

    it('a detached HEAD: check out a branch first', async () => {
      const detached = await sample({ planning: false });
      await runGit(detached.root, ['checkout', '--quiet', '--detach']);
      const { code, stderr } = await cli(detached.root, ['--dry-run']);
      assert.equal(code, 2);
      assert.match(stderr, /HEAD is detached .*check out a branch first/);
    });

    it('not a repository: says so', async () => {
      const { code, stderr } = await cli(await tempDir('plain'), ['--dry-run']);
      assert.equal(code, 2);
      assert.match(stderr, /not inside a git repository/);
    });

    it('usage errors: exit 2', async () => {
      assert.equal((await cli(shop.root, ['--draft', '--ready'])).code, 2);
      const badRepo = await cli(shop.root, ['--repo', 'not a repo']);
      assert.equal(badRepo.code, 2);
      assert.match(badRepo.stderr, /--repo takes OWNER\/NAME/);
      const local = await sample();
      const noRemote = await cli(local.root, ['--no-push', '--api-url', github.apiUrl]);
      assert.equal(noRemote.code, 2);
      assert.match(noRemote.stderr, /give --repo OWNER\/NAME/);
    });
  });

  describe('--send-draft: PULL_REQUEST.md, the draft the editor edits too', () => {
    const WRONG_TOKEN = { GITHUB_TOKEN: 'ghp_wrongwrongwrongwrongwrongwrongwrong1' };

    /** A sample whose first attempt GitHub refused, so the composed text waits in PULL_REQUEST.md. */
    async function withKeptDraft(): Promise<Sample> {
      const fresh = await sample();
      assert.equal((await cli(fresh.root, [...api(), '--no-push'], WRONG_TOKEN)).code, 1);
      return fresh;
    }

    it('sends the draft as the PM edited it, marks it sent, and does not send it twice', async () => {
      const fresh = await withKeptDraft();
      const edited = (await kept(fresh.root))
        .replace('title: Clearer card-declined message at checkout', 'title: Kinder words when a card is declined')
        .replace('  - pm-authored', '  - pm-authored\n  - copy');
      await writeFile(keptFile(fresh.root), edited);
      const { code, stdout, stderr } = await cli(fresh.root, ['--send-draft', ...api(), '--no-push']);
      assert.equal(code, 0, stderr);
      assert.equal(stdout, `${github.webUrl}/acme/shop/pull/1\n`);
      const pull = github.pull('acme', 'shop', 1);
      assert.equal(pull?.title, 'Kinder words when a card is declined');
      assert.deepEqual(pull?.labels, ['pm-authored', 'copy', 'ai-assisted']);
      assert.match(await kept(fresh.root), new RegExp(`\\nsent: ${github.webUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/acme/shop/pull/1\\n`));

      const again = await cli(fresh.root, ['--send-draft', ...api(), '--no-push']);
      assert.equal(again.code, 0);
      assert.match(again.stderr, /already opened as .*\/acme\/shop\/pull\/1/);
      assert.equal(github.calls().filter((call) => call === 'POST /repos/acme/shop/pulls').length, 1);
    });

    it('--ready turns a draft pull request into one ready for review, on disk too', async () => {
      const fresh = await sample({ regulated: true });
      assert.equal((await cli(fresh.root, [...api(), '--no-push'], WRONG_TOKEN)).code, 1);
      assert.match(await kept(fresh.root), /\ndraft: true\n/);
      const { code, stderr } = await cli(fresh.root, ['--send-draft', '--ready', ...api(), '--no-push']);
      assert.equal(code, 0, stderr);
      assert.equal(github.pull('acme', 'shop', 1)?.draft, false);
      assert.match(await kept(fresh.root), /\ndraft: false\n/);
    });

    it('sends nothing while the draft does not parse, and says on which line', async () => {
      const fresh = await withKeptDraft();
      const broken = (await kept(fresh.root)).replace('labels:', 'labels: [unclosed');
      await writeFile(keptFile(fresh.root), broken);
      const requestsBefore = github.requests.length;
      const { code, stderr } = await cli(fresh.root, ['--send-draft', ...api(), '--no-push']);
      assert.equal(code, 1);
      // YAML notices the unclosed list where the fields end, a few lines below.
      const match = /^pm-zone: \.git\/pm-zone\/PULL_REQUEST\.md, line (\d+): The fields are not valid YAML: .* Nothing was sent\.\n$/.exec(stderr);
      assert.ok(match, stderr);
      const fieldsEnd = broken.split('\n').indexOf('---', 1) + 1;
      assert.ok(Number(match[1]) > 1 && Number(match[1]) <= fieldsEnd, `line ${match[1]} is not in the fields (lines 2 to ${fieldsEnd})`);
      assert.equal(github.requests.length, requestsBefore, 'GitHub was asked');
    });

    it('says how to compose one when there is no draft, and refuses the composing flags', async () => {
      const fresh = await sample();
      const none = await cli(fresh.root, ['--send-draft', ...api(), '--no-push']);
      assert.equal(none.code, 1);
      assert.match(none.stderr, /there is no pull request draft yet \(\.git\/pm-zone\/PULL_REQUEST\.md\): compose one with pm-zone pr/);
      const mixed = await cli(fresh.root, ['--send-draft', '--pairing']);
      assert.equal(mixed.code, 2);
      assert.match(mixed.stderr, /--send-draft sends PULL_REQUEST\.md as it is; --pairing is for composing it/);
    });

    it('prints the whole text when the git folder cannot keep it', async () => {
      const fresh = await sample();
      await writeFile(path.join(fresh.root, '.git', 'pm-zone'), 'a file where the folder should be\n');
      const { code, stderr } = await cli(fresh.root, [...api(), '--no-push'], WRONG_TOKEN);
      assert.equal(code, 1);
      assert.match(stderr, /your pull request text could not be kept in \.git\/pm-zone\/PULL_REQUEST\.md \(.+\); here it is:\n\n---\n/);
      assert.match(stderr, /title: Clearer card-declined message at checkout\n[^]*## PM PR Review checklist/);
    });

    it('keeps an edited unsent draft aside when a new one replaces it', async () => {
      const fresh = await withKeptDraft();
      const edited = (await kept(fresh.root)).replace('title: Clearer card-declined message at checkout', 'title: My own words');
      await writeFile(keptFile(fresh.root), edited);
      const { code, stderr } = await cli(fresh.root, [...api(), '--no-push'], WRONG_TOKEN);
      assert.equal(code, 1);
      assert.match(stderr, /your earlier draft, with your edits, is kept in \.git\/pm-zone\/PULL_REQUEST\.previous\.md/);
      assert.equal(await readFile(path.join(fresh.root, '.git', 'pm-zone', 'PULL_REQUEST.previous.md'), 'utf8'), edited);
      assert.match(await kept(fresh.root), /title: Clearer card-declined message at checkout/);
    });
  });
});
