// What `pm-zone controls` prints besides JSON (the text report, the
// walkthrough document), and its one-line failures: no token, a refused
// token, the network down, a rate limit, no remote, a remote elsewhere, a
// repository or branch GitHub does not have.
import * as assert from 'node:assert/strict';
import { closedPort, githubFailures } from '../../support/fakeGitHub';
import { assertOneLineError, cli } from '../cli/support/cli';
import { isolatedGitEnv, runGit } from '../helpers/tempRepo';
import { controls, GATE_RULE, pushLock, REVIEW_RULE, sampleOnGitHub, sampleRepo } from './support';
import { cpuBound } from '../helpers/cpuBound';

describe('pm-zone controls: reports and failures', function () {
  this.timeout(cpuBound(60_000));
  const at = sampleOnGitHub();

  it('prints one line per control with its status, evidence and fix', async () => {
    at.fake.rules.addRuleset('acme', 'shop', { name: 'Protect main', rules: [REVIEW_RULE] });
    at.fake.rules.addRuleset('acme', 'shop', pushLock());
    const run = await controls(at.fake, at.root);
    assert.equal(run.code, 1);
    const lines = run.stdout.split('\n');
    assert.equal(lines[0], 'acme/shop, base main: 8 of 9 controls enforced, 1 missing, 0 unknown');
    assert.match(run.stdout, /^enforced {2}approval-required {8}ruleset "Protect main"/m);
    assert.match(run.stdout, /^missing {3}gate-required {12}no active ruleset or branch protection of main requires the "PM PR Review" check from GitHub Actions\n {34}fix: require the "PM PR Review" check/m);
    assert.match(run.stdout, /these are GitHub's controls, the lock\.\n$/);
    const markdown = (await controls(at.fake, at.root, '--markdown')).stdout;
    assert.match(markdown, /^\| `gate-required` The PM PR Review is a required check \| ❌ missing \| no active ruleset/m);
  });

  it('writes the compliance walkthrough: the controls, the CODEOWNERS rules, the skill file, the PM zone and the audit trail', async () => {
    at.fake.rules.addRuleset('acme', 'shop', { name: 'Protect main', rules: [REVIEW_RULE, GATE_RULE()] });
    at.fake.rules.addRuleset('acme', 'shop', pushLock());
    const run = await controls(at.fake, at.root, '--walkthrough');
    assert.equal(run.code, 0, run.stderr);
    const headings = run.stdout.split('\n').filter((line) => line.startsWith('#'));
    assert.deepEqual(headings.filter((line) => /^##? /.test(line)), [
      '# Pre-pilot compliance walkthrough: acme/shop',
      '## 1. The control framework',
      '## 2. The CODEOWNERS rules that enforce it',
      '## 3. The PM PR Review skill file and what it catches',
      '## 4. The CLAUDE.md file and the PM zone it encodes',
      '## 5. The audit trail from PLANNING.md commit to flag flip',
    ]);
    assert.match(run.stdout, /^\| `\*\*\/payments\/\*\*` \| line \d+ \| @acme\/payments @acme\/security \| line \d+: payments\/ \|$/m);
    assert.match(run.stdout, /^\| No secrets, tokens or keys in the change \| `security.secret` Secret in the change \|$/m);
    assert.match(run.stdout, /^\| My engineering DRI approved the planning PR \| manual: the PM ticks it, and the pull request records it \|$/m);
    assert.match(run.stdout, /^### Security and privacy \(blocking\) \(blocks the pull request\)$/m);
    assert.match(run.stdout, /^\| @alice \| `src\/features\/checkout\/\*\*` \| @dana \|$/m);
    assert.match(run.stdout, /^pm-zone audit --since 2026-03-01 --format markdown/m);
    assert.match(run.stdout, /^One lock holds before the merge: a push ruleset that restricts the engineering-only paths \(`paths-locked-on-server`\)\..* Here it is on: ruleset "Lock engineering paths" \(#\d+\) refuses any push/m);
    const html = (await controls(at.fake, at.root, '--walkthrough', '--format', 'html')).stdout;
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<h2>3\. The PM PR Review skill file and what it catches<\/h2>/);
  });

  it('fails in one line, exit 2, when it cannot ask GitHub, and never passes', async () => {
    const env = { ...isolatedGitEnv, GITHUB_TOKEN: at.fake.token };
    const run = (args: string[], extra: NodeJS.ProcessEnv = {}, cwd = at.root) => cli(['controls', ...args], { cwd, env: { ...env, ...extra } });
    assertOneLineError(await run(['--repo', 'acme/shop', '--api-url', at.fake.apiUrl], { GITHUB_TOKEN: '' }), 2, /set GITHUB_TOKEN \(or GH_TOKEN\)/);
    assertOneLineError(await run(['--repo', 'acme/shop', '--api-url', at.fake.apiUrl], { GITHUB_TOKEN: 'ghp_wrong' }), 2, /did not accept the sign-in \(401\)/);
    assertOneLineError(await run(['--repo', 'acme/shop', '--api-url', `http://127.0.0.1:${await closedPort()}`]), 2, /cannot reach GitHub .*ECONNREFUSED/);
    at.fake.failNext('GET /repos/:o/:r', githubFailures.primaryRateLimit(Math.floor(Date.now() / 1000) + 3600));
    assertOneLineError(await run(['--repo', 'acme/shop', '--api-url', at.fake.apiUrl]), 2, /rate limit/);
    assertOneLineError(await run(['--repo', 'acme/nothing', '--api-url', at.fake.apiUrl]), 2, /acme\/nothing does not exist, or your account has no access to it/);
    assertOneLineError(await run(['--repo', 'acme/shop', '--api-url', at.fake.apiUrl, '--base', 'nope']), 2, /acme\/shop has no branch nope on GitHub/);
    assertOneLineError(await run(['--repo', 'acme/shop', '--api-url', at.fake.apiUrl, '--format', 'pdf']), 2, /--format takes text, json, markdown or html/);

    const elsewhere = await sampleRepo();
    await runGit(elsewhere, ['remote', 'set-url', 'origin', 'https://git.example.com/acme/shop.git']);
    assertOneLineError(await run([], {}, elsewhere), 2, /sends your GitHub token only to api\.github\.com/);
    await runGit(elsewhere, ['remote', 'remove', 'origin']);
    assertOneLineError(await run([], {}, elsewhere), 2, /does not name a GitHub repository: give --repo OWNER\/NAME/);
    // No token and no GitHub remote: one line names both (--fix alone works without GitHub: fix.test.ts).
    assertOneLineError(await run([], { GITHUB_TOKEN: '' }, elsewhere), 2, /^pm-zone: controls reads the base branch's rules from GitHub: set GITHUB_TOKEN \(or GH_TOKEN\) to a token that can read the repository, and give --repo OWNER\/NAME \(the git remote origin names no GitHub repository\)\.\n$/);
    assertOneLineError(await run(['--repo', 'acme/shop'], { GITHUB_TOKEN: '' }, elsewhere), 2, /^pm-zone: controls reads the base branch's rules of acme\/shop from GitHub: set GITHUB_TOKEN \(or GH_TOKEN\) to a token that can read the repository\.\n$/);
  });

  it('says the clone lacks the base branch instead of judging the files, and still judges GitHub\'s rules', async () => {
    at.fake.rules.addRuleset('acme', 'shop', { name: 'Protect main', rules: [REVIEW_RULE, GATE_RULE()] });
    const run = await controls(at.fake, at.root, '--json', '--base', 'release/1');
    const shown = JSON.parse(run.stdout) as { controls: Array<{ id: string; status: string; evidence: string }> };
    const local = shown.controls.filter((control) => control.id === 'engineering-paths-owned' || control.id === 'workflow-protected');
    assert.deepEqual(local.map((control) => control.status), ['unknown', 'unknown']);
    assert.equal(local[0]!.evidence, 'this clone has neither origin/release/1 nor release/1: run git fetch origin release/1, then check again');
  });
});
