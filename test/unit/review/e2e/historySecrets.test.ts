// A secret one commit of a PM's branch adds and a later one deletes is gone
// from the change, yet the push carries every commit and history keeps it:
// `pm-zone review --base main` (and the gate) reads each commit's added lines
// and each commit message.
import * as assert from 'node:assert/strict';
import { gitCommitHistory, readChange } from '../../../../src/core/git';
import { secretCheck } from '../../../../src/core/review/checks/security';
import { diffLines } from '../../../../src/core/review/lineDiff';
import type { CheckContext } from '../../../../src/core/review/model';
import type { Finding } from '../../../../src/core/types';
import { isolatedGit } from '../../helpers/tempRepo';
import { cli, isolateGitConfig } from '../../cli/support/cli';
import { commitAll, editFile, git } from '../../cli/support/sampleRepo';
import { fakeSecrets } from './fakeSecrets';
import { cleanPmBranch, cleanPmRepo, places, reviewJson, type ReviewJson } from './pmBranch';
import { cpuBound } from '../../helpers/cpuBound';

const PROMPT = 'src/features/checkout/prompts/t.md';
const STRINGS = 'src/features/checkout/i18n/en.json';

function secretFindings(review: ReviewJson): Finding[] {
  return review.findings.filter((finding) => finding.check === 'security.secret');
}

async function shortId(root: string, revision: string): Promise<string> {
  return (await git(root, 'rev-parse', revision)).trim().slice(0, 7);
}

function assertNotPrinted(output: string, secret: string, format: string): void {
  assert.ok(output.length > 0, `the ${format} output is empty`);
  assert.ok(!output.includes(secret.slice(0, -4)), `the ${format} output prints the secret`);
}

describe('pm-zone review: secrets in the branch\'s history (end to end)', function () {
  this.timeout(cpuBound(30_000));
  isolateGitConfig();

  it('blocks a token one commit added and a later one deleted, naming the commit and the file, and never prints it', async () => {
    const root = await cleanPmBranch();
    const token = fakeSecrets.githubToken(31);
    await commitAll(root, 'Checkout: a prompt for the order summary', { [PROMPT]: `Summarise the order.\nUse ${token} for the API.\n` });
    await commitAll(root, 'Checkout: no key in the prompt', { [PROMPT]: 'Summarise the order.\n' });
    const commit = await shortId(root, 'HEAD~1');

    const { run, review } = await reviewJson(root, '--base', 'main');
    assert.equal(run.code, 1);
    const [finding, ...others] = secretFindings(review);
    assert.deepEqual(others, []);
    assert.deepEqual([finding?.file, finding?.line, finding?.blocking], [PROMPT, null, true]);
    assert.equal(
      finding?.message,
      `Possible GitHub token \`ghp_…(40)\` added in commit ${commit} "Checkout: a prompt for the order summary" (line 2) — a later commit removed it, but it stays in the branch's history, where anyone who can read the repository finds it once it is pushed. Rotate it (removing it did not make it safe), then have the history rewritten before this merges: ask an engineer to squash the branch into one commit, or to recreate it from main with only its final files`,
    );
    assertNotPrinted(run.stdout, token, 'json');
    for (const format of ['text', 'sarif', 'github']) {
      const printed = await cli(['review', '--cwd', root, '--base', 'main', '--format', format]);
      assert.equal(printed.code, 1);
      assertNotPrinted(printed.stdout + printed.stderr, token, format);
    }
  });

  it('blocks a key in a commit message, with the subject quoted redacted', async () => {
    const root = await cleanPmBranch();
    const key = fakeSecrets.stripeLiveKey(32);
    await editFile(root, STRINGS, '"Back to cart"', '"Back to your cart"');
    await commitAll(root, `Checkout: tried ${key} on staging\n\nIt worked.`);

    const { run, review } = await reviewJson(root, '--base', 'main');
    assert.equal(run.code, 1);
    const [finding, ...others] = secretFindings(review);
    assert.deepEqual(others, []);
    assert.deepEqual([finding?.file, finding?.line, finding?.blocking], [null, null, true]);
    assert.match(finding?.message ?? '', new RegExp(`^Possible Stripe live key \`sk_live_…\\(32\\)\` in the message of commit ${await shortId(root, 'HEAD')} "Checkout: tried sk_live_…\\(32\\) on staging" — commit messages go into the repository's history with the branch\\. Rotate it, then have the message rewritten before this merges: ask an engineer to reword that commit`));
    assertNotPrinted(run.stdout, key, 'json');
  });

  // The newest commit's files are then read again from git (the reader kept none of their lines): that read must not fail the check.
  it('a key in the newest commit\'s message and in a file it added is reported once, on its line in the change', async () => {
    const root = await cleanPmBranch();
    const key = fakeSecrets.githubToken(37);
    await commitAll(root, `Checkout: a prompt with ${key}`, { [PROMPT]: `Intro\nKey ${key}\n` });

    const { review } = await reviewJson(root, '--base', 'main');
    assert.deepEqual(secretFindings(review).map((finding) => `${finding.file}:${finding.line ?? '-'}`), [`${PROMPT}:2`]);
  });

  it('blames the branch for its own commits only: main\'s old key, merged in, is not the PM\'s', async () => {
    const root = await cleanPmRepo();
    const branch = (await git(root, 'branch', '--show-current')).trim();
    await git(root, 'switch', '--quiet', 'main');
    await commitAll(root, 'Ops: the deploy key', { 'infra/deploy.env': `TOKEN=${fakeSecrets.githubToken(33)}\n` });
    await commitAll(root, 'Ops: the deploy key lives in the vault now', { 'infra/deploy.env': 'TOKEN=\n' });
    await git(root, 'switch', '--quiet', branch);
    await commitAll(root, 'Checkout: a prompt', { [PROMPT]: `Key ${fakeSecrets.githubToken(34)}\n` });
    const mine = await shortId(root, 'HEAD');
    await git(root, 'merge', '--quiet', '--no-edit', 'main');
    await commitAll(root, 'Checkout: the prompt without its key', { [PROMPT]: 'Key from the vault\n' });

    const { review } = await reviewJson(root, '--base', 'main');
    assert.deepEqual(secretFindings(review).map((finding) => [finding.file, /added in commit (\w+)/.exec(finding.message)?.[1]]), [[PROMPT, mine]]);
  });

  it('reports a secret still in the change once, on its line; one a later commit removed, from history', async () => {
    const root = await cleanPmBranch();
    const kept = fakeSecrets.githubToken(35);
    const gone = fakeSecrets.slackBotToken(36);
    await commitAll(root, 'Checkout: a prompt', { [PROMPT]: `Intro\nKey ${kept}\n` });
    await commitAll(root, 'Checkout: notify on Slack', { [PROMPT]: `Intro\nKey ${kept}\nSlack ${gone}\n` });
    await commitAll(root, 'Checkout: no Slack', { [PROMPT]: `Intro, longer\nKey ${kept}\n` });

    const { review } = await reviewJson(root, '--base', 'main');
    const secrets = secretFindings(review);
    assert.deepEqual(secrets.map((finding) => `${finding.file}:${finding.line ?? '-'}`), [`${PROMPT}:-`, `${PROMPT}:2`]);
    assert.match(secrets[0]!.message, /^Possible Slack token `xoxb-…\(\d+\)` added in commit \w+ "Checkout: notify on Slack" \(line 3\)/);
    assert.match(secrets[1]!.message, /^Possible GitHub token `ghp_…\(40\)` added — /);
  });

  it('passes a branch of many ordinary commits (placeholders, a revert, a rename, a binary file); one key added and removed on it then blocks', async () => {
    const root = await cleanPmBranch();
    await commitAll(root, 'Checkout: setup notes', { 'src/features/checkout/docs/setup.md': '# Setup\n\nAPI key: <your-api-key>\nToken: ${CHECKOUT_TOKEN}\n' });
    await commitAll(root, 'Checkout: an image', { 'src/features/checkout/assets/badge.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]) });
    await editFile(root, STRINGS, '"Back to cart"', '"Back to your cart"');
    await commitAll(root, 'Checkout: copy');
    await git(root, 'revert', '--no-edit', 'HEAD');
    await git(root, 'mv', 'src/features/checkout/docs/setup.md', 'src/features/checkout/docs/SETUP.md');
    await commitAll(root, 'Checkout: rename the notes', { 'src/features/checkout/docs/SETUP.md': '# Setup\n\nAPI key: from the vault\n' });
    const ordinary = await reviewJson(root, '--base', 'main');
    assert.deepEqual(places(ordinary.review).filter((place) => place.startsWith('security.')), []);
    assert.equal(ordinary.run.code, 0, ordinary.run.stdout);

    await commitAll(root, 'Checkout: key', { [PROMPT]: `k ${fakeSecrets.githubToken(37)}\n` });
    await commitAll(root, 'Checkout: no key', { [PROMPT]: 'k\n' });
    assert.deepEqual(places((await reviewJson(root, '--base', 'main')).review).filter((place) => place.startsWith('security.')), [`security.secret ${PROMPT}:-`]);
  });

  it('reads a binary file a commit added and a later one deleted', async () => {
    const root = await cleanPmBranch();
    await commitAll(root, 'Checkout: export', { 'src/features/checkout/assets/export.bin': Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`\ntoken=${fakeSecrets.githubToken(38)}\n`)]) });
    await git(root, 'rm', '--quiet', 'src/features/checkout/assets/export.bin');
    await commitAll(root, 'Checkout: no export');
    const { review } = await reviewJson(root, '--base', 'main');
    assert.deepEqual(places(review).filter((place) => place.startsWith('security.')), ['security.secret src/features/checkout/assets/export.bin:-']);
  });

  it('leaves history to the branch review: the pre-commit review (--staged) judges the staged edits alone', async () => {
    const root = await cleanPmBranch();
    await commitAll(root, 'Checkout: key', { [PROMPT]: `k ${fakeSecrets.githubToken(39)}\n` });
    await commitAll(root, 'Checkout: no key', { [PROMPT]: 'k\n' });
    await editFile(root, STRINGS, '"Back to cart"', '"Back to your cart"');
    await git(root, 'add', STRINGS);
    assert.equal((await reviewJson(root, '--staged')).run.code, 0);
    assert.equal((await reviewJson(root)).run.code, 1);
  });

  describe('when the history cannot be read in full', () => {
    async function scan(root: string, change: Awaited<ReturnType<typeof readChange>>, limits?: { commits: number; bytes: number }): Promise<Finding[]> {
      const history = gitCommitHistory(isolatedGit(root), change, limits);
      const ctx = { change, ...(history ? { history } : {}), diff: (file) => diffLines(file.oldText, file.newText) } as CheckContext;
      return secretCheck.run(ctx);
    }

    it('blocks past its limits, and says what it left unread', async () => {
      const root = await cleanPmBranch();
      await commitAll(root, 'Checkout: one more', { [PROMPT]: 'k\n' });
      const change = await readChange(isolatedGit(root), { mode: 'branch', base: 'main' });
      const findings = await scan(root, change, { commits: 2, bytes: 64 * 1024 * 1024 });
      assert.deepEqual(findings.map((finding) => [finding.file, finding.blocking]), [[null, true]]);
      assert.match(findings[0]!.message, /^The branch's history could not be fully checked for secrets: it has more than 2 commits of its own, and only the newest 2 were read\. A secret in a commit left unread would be pushed with the branch all the same/);
    });

    it('blocks when git cannot read it, and still reports the change\'s own secrets', async () => {
      const root = await cleanPmBranch();
      await commitAll(root, 'Checkout: key', { [PROMPT]: `k ${fakeSecrets.githubToken(40)}\n` });
      const change = await readChange(isolatedGit(root), { mode: 'branch', base: 'main' });
      const findings = await scan(root, { ...change, mergeBase: '0'.repeat(40) });
      assert.deepEqual(findings.map((finding) => `${finding.file}:${finding.line}`), [`${PROMPT}:1`, 'null:null']);
      assert.match(findings[1]!.message, /^The branch's history could not be fully checked for secrets: git could not read it/);
    });
  });
});
