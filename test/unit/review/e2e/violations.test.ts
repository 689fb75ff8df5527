// `pm-zone review` on real PM branches of the sample repository: a clean
// branch passes, and each violation is reported with its check id, on the
// right file and line, blocking exactly when it should.
import * as assert from 'node:assert/strict';
import { rm, symlink } from 'node:fs/promises';
import * as path from 'node:path';
import { cli, isolateGitConfig } from '../../cli/support/cli';
import { commitAll, editFile, lineOf, PLANNING_FILE, readFile, sampleWorktree, writeFiles, writeFinishedPlanning } from '../../cli/support/sampleRepo';
import { fakeSecrets } from './fakeSecrets';
import { cleanPmBranch, PM_BRANCH, places, reviewJson, sarifColumns, type ReviewJson } from './pmBranch';
import { cpuBound } from '../../helpers/cpuBound';

const STRINGS = 'src/features/checkout/i18n/en.json';
const FLAGS = 'src/features/checkout/flags.yaml';
const EVENTS = 'src/features/checkout/analytics/events.ts';
const PROMPT = 'src/features/checkout/prompts/summary.md';
const BUTTON = 'src/features/checkout/components/CheckoutButton.tsx';

function only(review: ReviewJson, check: string) {
  return review.findings.filter((f) => f.check === check);
}

/** The exit status the review promised: 1 exactly when a finding blocks. */
function assertExit(code: number, review: ReviewJson): void {
  const blocks = review.findings.some((f) => f.blocking);
  assert.equal(code, blocks ? 1 : 0);
  assert.equal(review.summary.blockers, review.findings.filter((f) => f.blocking).length);
}

describe('pm-zone review on PM branches (end to end)', function () {
  this.timeout(cpuBound(30_000));
  isolateGitConfig();

  it('passes a clean PM branch: the copy change and a finished PLANNING.md', async () => {
    const root = await cleanPmBranch();
    const { run, review } = await reviewJson(root);
    assert.equal(run.code, 0);
    assert.deepEqual(places(review), []);
    assert.deepEqual(review.findings.map((f) => [f.check, f.file, f.blocking]), [
      ['zone.owners', null, false],
    ]);
    assert.deepEqual(review.files, [
      { path: PLANNING_FILE, zone: 'editable', status: 'added' },
      { path: STRINGS, zone: 'editable', status: 'modified' },
    ]);
    assert.equal(review.summary.blockers, 0);
    assert.equal(review.summary.removedLines, 1);
  });

  describe('zone', () => {
    it('zone.locked: an engineering-only file blocks, as a whole-file finding', async () => {
      const root = await cleanPmBranch();
      await commitAll(root, 'Session: longer timeout', { 'src/auth/session.ts': `${await readFile(root, 'src/auth/session.ts')}// keep sessions longer\n` });
      const { run, review } = await reviewJson(root);
      assert.deepEqual(places(review), ['zone.locked src/auth/session.ts:-']);
      const [locked] = only(review, 'zone.locked');
      assert.equal(locked.blocking, true);
      assert.match(locked.message, /CLAUDE\.md:\d+/);
      assert.equal(run.code, 1);
    });

    it('zone.locked: a committed engineering-only file blocks after it is deleted from disk, since the push still carries it', async () => {
      const root = await cleanPmBranch();
      await commitAll(root, 'Session notes', { 'src/auth/new.ts': 'export const keepSessions = true;\n' });
      await rm(path.join(root, 'src/auth/new.ts'));
      const { run, review } = await reviewJson(root);
      assert.deepEqual(places(review), ['zone.locked src/auth/new.ts:-']);
      assert.equal(run.code, 1);
    });

    it('zone.locked: a link through a linked folder blocks as the file it reaches, as explain answers it', async () => {
      const root = await cleanPmBranch();
      await symlink('../../../auth', path.join(root, 'src/features/checkout/prompts/d'));
      await symlink('d/session.ts', path.join(root, 'src/features/checkout/prompts/x.md'));
      await commitAll(root, 'Prompt notes');
      const { run, review } = await reviewJson(root);
      assert.deepEqual(places(review), ['zone.locked src/features/checkout/prompts/d:-', 'zone.locked src/features/checkout/prompts/x.md:-']);
      assert.equal(run.code, 1);
      const explained = await cli(['explain', '--cwd', root, '--json', 'src/features/checkout/prompts/x.md']);
      assert.deepEqual((JSON.parse(explained.stdout) as { zone: string }[]).map((answer) => answer.zone), ['locked']);
    });

    it('zone.locked: committed editor settings block, saying so when they point PM Zone at another policy file', async () => {
      const root = await cleanPmBranch();
      await commitAll(root, 'Editor settings', { '.vscode/settings.json': '{\n  "editor.tabSize": 2,\n  "pmZone.policyFile": "src/features/checkout/ZONE.md"\n}\n' });
      const { run, review } = await reviewJson(root);
      assert.deepEqual(places(review), ['zone.locked .vscode/settings.json:-']);
      assert.match(only(review, 'zone.locked')[0].message, /PM Zone's settings \(`pmZone\.\*`\)/);
      assert.equal(run.code, 1);

      const tabsOnly = await cleanPmBranch();
      await commitAll(tabsOnly, 'Editor settings', { '.vscode/settings.json': '{ "editor.tabSize": 2 }\n' });
      // Any editor setting can run a program (a terminal's environment, a tool's path): engineering's, whatever it says.
      const tabs = (await reviewJson(tabsOnly)).review;
      assert.deepEqual(places(tabs), ['zone.locked .vscode/settings.json:-']);
      assert.match(only(tabs, 'zone.locked')[0].message, /settings, hooks, MCP servers or environment/);
    });

    it('zone.outside: a file in no PM glob warns in standard mode', async () => {
      const root = await cleanPmBranch();
      await editFile(root, 'src/features/checkout/api.ts', "method: 'POST'", "method: 'PUT'");
      await commitAll(root, 'Orders: PUT');
      const { run, review } = await reviewJson(root);
      assert.deepEqual(places(review), ['zone.outside src/features/checkout/api.ts:-']);
      assert.equal(only(review, 'zone.outside')[0].severity, 'warning');
      assert.equal(run.code, 0);
    });

    it('zone.outside: blocks in regulated mode', async () => {
      const root = await sampleWorktree({ branch: PM_BRANCH, commit: true, regulated: true });
      await editFile(root, 'src/features/checkout/api.ts', "method: 'POST'", "method: 'PUT'");
      await commitAll(root, 'Orders: PUT');
      const { run, review } = await reviewJson(root);
      const [outside] = only(review, 'zone.outside');
      assert.deepEqual([outside.file, outside.line, outside.severity, outside.blocking], ['src/features/checkout/api.ts', null, 'error', true]);
      assert.equal(run.code, 1);
    });

    it('zone.owners: one note per set of code owners for the whole change, with the CODEOWNERS line and the files, without blocking', async () => {
      const root = await cleanPmBranch();
      await editFile(root, 'src/features/search/i18n/en.json', '"Clear all"', '"Clear filters"');
      await commitAll(root, 'Search: clearer filter reset');
      const { review } = await reviewJson(root);
      const owners = only(review, 'zone.owners').map((f) => [f.file, f.line, f.blocking, f.message]);
      assert.deepEqual(owners, [
        [null, null, false, `Code owners who must review: @dana (.github/CODEOWNERS:5), for 2 files: ${PLANNING_FILE}, ${STRINGS}.`],
        [null, null, false, 'Code owners who must review: @erin (.github/CODEOWNERS:6), for src/features/search/i18n/en.json.'],
      ]);
    });
  });

  describe('planning', () => {
    it('planning.missing: a branch without a planning doc blocks, change-wide', async () => {
      const root = await sampleWorktree({ branch: PM_BRANCH, commit: true });
      const { run, review } = await reviewJson(root);
      assert.deepEqual(places(review), ['planning.missing -:-']);
      assert.equal(only(review, 'planning.missing')[0].blocking, true);
      assert.equal(run.code, 1);
    });

    it('planning.incomplete: the untouched template reports every unfinished section on its line', async () => {
      const root = await sampleWorktree({ branch: PM_BRANCH, commit: true });
      assert.equal((await cli(['planning', 'new', '--cwd', root, '--title', 'Confirm order'])).code, 0);
      await commitAll(root, 'Planning');
      const text = await readFile(root, PLANNING_FILE);
      const { run, review } = await reviewJson(root);
      const expected = [
        lineOf(text, '## Problem'),
        lineOf(text, '## Intent'),
        lineOf(text, '## Feature flag and rollout plan'),
        lineOf(text, '- Metric: TBD'),
        lineOf(text, '- Baseline: TBD'),
        lineOf(text, '- Expected direction: TBD'),
        lineOf(text, '## AI assistance'),
      ];
      assert.deepEqual(places(review), expected.map((line) => `planning.incomplete ${PLANNING_FILE}:${line}`));
      assert.ok(only(review, 'planning.incomplete').every((f) => f.severity === 'warning' && !f.blocking));
      assert.equal(run.code, 0);
    });
  });

  describe('flags', () => {
    it("flags.unowned: changing another PM's or engineering's flag, on the flag's line", async () => {
      const root = await cleanPmBranch();
      const before = await readFile(root, FLAGS);
      await editFile(root, FLAGS, 'enabled: false\n    rollout: 0', 'enabled: true\n    rollout: 5');
      await commitAll(root, 'Express pay for 5%');
      const { run, review } = await reviewJson(root);
      assert.deepEqual(places(review), [`flags.unowned ${FLAGS}:${lineOf(before, 'name: checkout_express_pay')}`]);
      assert.match(only(review, 'flags.unowned')[0].message, /checkout_express_pay/);
      assertExit(run.code, review);
      assert.equal(run.code, 1);
    });

    it('flags.invalid: a rollout over 100, on the rollout line', async () => {
      const root = await cleanPmBranch();
      await editFile(root, FLAGS, 'rollout: 10', 'rollout: 150');
      await commitAll(root, 'Full rollout');
      const { run, review } = await reviewJson(root);
      const text = await readFile(root, FLAGS);
      assert.deepEqual(places(review), [`flags.invalid ${FLAGS}:${lineOf(text, 'rollout: 150')}`]);
      assert.deepEqual(await sarifColumns(root, 'flags.invalid'), [5]);
      assertExit(run.code, review);
      assert.equal(run.code, 1);
    });

    it('flags.ungated: a new component no flag gates, on its first added line', async () => {
      const root = await sampleWorktree({ branch: PM_BRANCH, commit: true });
      // A planning doc that names no flag: nothing gates the component.
      await writeFinishedPlanning(root, { flag: 'none' });
      const banner = "import { t } from '../../../lib/i18n';\n\nexport function PromoBanner() {\n  return <p>{t('checkout.title')}</p>;\n}\n";
      await commitAll(root, 'Promo banner', { 'src/features/checkout/components/PromoBanner.tsx': banner });
      const { run, review } = await reviewJson(root);
      const ungated = only(review, 'flags.ungated');
      assert.deepEqual(ungated.map((f) => [f.file, f.line, f.severity]), [['src/features/checkout/components/PromoBanner.tsx', 1, 'warning']]);
      assertExit(run.code, review);
    });

    it('flags.ungated: says nothing when the component reads a flag', async () => {
      const root = await sampleWorktree({ branch: PM_BRANCH, commit: true });
      await writeFinishedPlanning(root, { flag: 'none' });
      const banner = "import { useFlag } from '../../../lib/flags';\n\nexport function PromoBanner() {\n  return useFlag('checkout_copy_v2') ? <p>New</p> : null;\n}\n";
      await commitAll(root, 'Promo banner', { 'src/features/checkout/components/PromoBanner.tsx': banner });
      const { review } = await reviewJson(root);
      assert.deepEqual(only(review, 'flags.ungated'), []);
    });
  });

  describe('analytics', () => {
    it('analytics.removal: an existing event line changed, on its line', async () => {
      const root = await cleanPmBranch();
      await editFile(root, EVENTS, "| { name: 'checkout_viewed'; itemCount: number }", "| { name: 'checkout_opened'; itemCount: number }");
      await commitAll(root, 'Rename an event');
      const { run, review } = await reviewJson(root);
      const text = await readFile(root, EVENTS);
      assert.deepEqual(places(review), [`analytics.removal ${EVENTS}:${lineOf(text, 'checkout_opened')}`]);
      assert.match(only(review, 'analytics.removal')[0].message, /changed/);
      assertExit(run.code, review);
      assert.equal(run.code, 1);
    });

    it('analytics.pii: a new event capturing an e-mail address, on its line, always blocking', async () => {
      const root = await cleanPmBranch();
      const added = "  | { name: 'checkout_receipt_requested'; email: string }\n";
      await editFile(root, EVENTS, "  | { name: 'checkout_completed';", `${added}  | { name: 'checkout_completed';`);
      await commitAll(root, 'Receipt event');
      const { run, review } = await reviewJson(root);
      const text = await readFile(root, EVENTS);
      assert.deepEqual(places(review), [`analytics.pii ${EVENTS}:${lineOf(text, 'checkout_receipt_requested')}`]);
      const [pii] = only(review, 'analytics.pii');
      assert.equal(pii.blocking, true);
      assert.deepEqual(await sarifColumns(root, 'analytics.pii'), [added.indexOf('email') + 1]);
      assert.equal(run.code, 1);
    });
  });

  describe('copy and i18n', () => {
    it('i18n.invalid-json: a missing comma, on the line where JSON breaks', async () => {
      const root = await cleanPmBranch();
      await editFile(root, STRINGS, '"title": "Checkout",', '"title": "Checkout"');
      await commitAll(root, 'Oops');
      const { run, review } = await reviewJson(root);
      const text = await readFile(root, STRINGS);
      assert.deepEqual(places(review), [`i18n.invalid-json ${STRINGS}:${lineOf(text, '"greeting"')}`]);
      assert.equal(run.code, 1);
    });

    it('i18n.removed-key: a key nothing uses, noted on the line that took its place', async () => {
      const root = await cleanPmBranch();
      const before = await readFile(root, STRINGS);
      await editFile(root, STRINGS, '      "heading": "Order summary",\n', '');
      await commitAll(root, 'No summary heading');
      const { run, review } = await reviewJson(root);
      const after = await readFile(root, STRINGS);
      assert.equal(lineOf(before, '"heading"'), lineOf(after, '"{count} items'), 'the next key moved up into its place');
      assert.deepEqual(places(review), [`i18n.removed-key ${STRINGS}:${lineOf(before, '"heading"')}`]);
      assert.match(only(review, 'i18n.removed-key')[0].message, /checkout\.summary\.heading/);
      assert.equal(only(review, 'i18n.removed-key')[0].severity, 'info');
      assertExit(run.code, review);
    });

    it('i18n.placeholder-mismatch: a renamed placeholder, against the old text and the other locale', async () => {
      const root = await cleanPmBranch();
      await editFile(root, STRINGS, '"Pay {total}"', '"Pay {amount} now"');
      await commitAll(root, 'Pay now');
      const { run, review } = await reviewJson(root);
      const line = lineOf(await readFile(root, STRINGS), '"payAmount"');
      // Once, on the source string: the code passes `total`, never `amount`. French still follows the old string, as it should.
      assert.deepEqual(places(review), [`i18n.placeholder-mismatch ${STRINGS}:${line}`]);
      assert.equal(only(review, 'i18n.placeholder-mismatch')[0].message, 'Placeholders of `checkout.button.payAmount` changed: new {amount}; missing {total}. The code fills the old ones.');
      assert.equal(run.code, 1);
    });

    it('i18n.removed-key: a key the code still uses blocks, naming the file and line that uses it', async () => {
      const root = await cleanPmBranch();
      await editFile(root, STRINGS, '      "payAmount": "Pay {total}",\n', '');
      await commitAll(root, 'No pay amount');
      const { run, review } = await reviewJson(root);
      const [removed] = only(review, 'i18n.removed-key');
      const component = 'src/features/checkout/components/CheckoutButton.tsx';
      const usedOn = lineOf(await readFile(root, component), "t('checkout.button.payAmount'");
      assert.equal(removed.blocking, true);
      assert.match(removed.message, new RegExp(`\`checkout\\.button\\.payAmount\` was removed, but ${component.replace(/[./]/g, '\\$&')}:${usedOn} still uses it`));
      assert.equal(run.code, 1);
    });

    it('prompts.variables: a variable removed and one added, each on its line', async () => {
      const root = await cleanPmBranch();
      const before = await readFile(root, PROMPT);
      await editFile(root, PROMPT, 'Delivery estimate: {{delivery_date}}\n', '');
      await editFile(root, PROMPT, 'Rules:\n', 'Loyalty tier: {{loyalty_tier}}\n\nRules:\n');
      await commitAll(root, 'Prompt: loyalty instead of delivery');
      const { run, review } = await reviewJson(root);
      const after = await readFile(root, PROMPT);
      assert.deepEqual(places(review), [
        `prompts.variables ${PROMPT}:${lineOf(before, '{{delivery_date}}')}`,
        `prompts.variables ${PROMPT}:${lineOf(after, '{{loyalty_tier}}')}`,
      ]);
      const messages = only(review, 'prompts.variables').map((f) => f.message);
      assert.ok(messages.some((m) => /removed: `delivery_date`/.test(m)));
      assert.ok(messages.some((m) => /added: `loyalty_tier`/.test(m)));
      assertExit(run.code, review);
    });
  });

  describe('security and privacy (blocking)', () => {
    it('security.secret: a token in a component, on its line and column', async () => {
      const root = await cleanPmBranch();
      const token = fakeSecrets.githubToken();
      const line = `const analyticsToken = '${token}';\n`;
      await editFile(root, BUTTON, 'export interface CheckoutButtonProps', `${line}\nexport interface CheckoutButtonProps`);
      await commitAll(root, 'Analytics token');
      const { run, review } = await reviewJson(root);
      const text = await readFile(root, BUTTON);
      assert.deepEqual(places(review), [`security.secret ${BUTTON}:${lineOf(text, 'analyticsToken')}`]);
      const [secret] = only(review, 'security.secret');
      assert.deepEqual(await sarifColumns(root, 'security.secret'), [line.indexOf(token) + 1]);
      assert.equal(secret.blocking, true);
      assert.equal(run.code, 1);
    });

    it('security.pii: an e-mail address in copy, on its line', async () => {
      const root = await cleanPmBranch();
      const address = ['jane.doe', 'gmail.com'].join('@');
      await editFile(root, STRINGS, '"title": "Checkout",', `"title": "Checkout",\n    "help": "Questions? Write to ${address}",`);
      await commitAll(root, 'Help line');
      const { run, review } = await reviewJson(root);
      const text = await readFile(root, STRINGS);
      assert.deepEqual(places(review), [`security.pii ${STRINGS}:${lineOf(text, '"help"')}`]);
      assert.equal(only(review, 'security.pii')[0].blocking, true);
      assert.ok(!run.stdout.includes(address), 'the address itself is not printed');
      assert.equal(run.code, 1);
    });

    it('security.dangerous-code: dangerouslySetInnerHTML with a computed value, on its line', async () => {
      const root = await cleanPmBranch();
      await editFile(root, BUTTON, '      {label}\n', '      <span dangerouslySetInnerHTML={{ __html: label }} />\n');
      await commitAll(root, 'Rich label');
      const { run, review } = await reviewJson(root);
      const text = await readFile(root, BUTTON);
      assert.deepEqual(places(review), [`security.dangerous-code ${BUTTON}:${lineOf(text, 'dangerouslySetInnerHTML')}`]);
      assert.equal(only(review, 'security.dangerous-code')[0].blocking, true);
      assert.equal(run.code, 1);
    });
  });

  describe('size and AI disclosure', () => {
    it('size.large: more changed lines than the limit, change-wide, without blocking', async () => {
      const root = await cleanPmBranch();
      const faq = Array.from({ length: 301 }, (_, i) => `- Question ${i + 1}: how long does delivery take?`).join('\n');
      await commitAll(root, 'FAQ', { 'src/features/checkout/docs/faq.md': `${faq}\n` });
      const { run, review } = await reviewJson(root);
      assert.deepEqual(places(review), ['size.large -:-']);
      // The branch's copy edit in en.json is one changed string, counted as one line.
      assert.match(only(review, 'size.large')[0].message, /2 files, 301 changed lines and 1 changed string in 1 strings file \(302 together, limit 300\)/);
      assertExit(run.code, review);
      assert.equal(run.code, 0);
    });

    it('size.large: the limits come from --max-files and --max-lines (the planning doc does not count)', async () => {
      const root = await cleanPmBranch();
      assert.deepEqual(places((await reviewJson(root, '--max-files', '1')).review), []);
      // The branch changes one string of en.json (two diff lines): one line's worth.
      assert.deepEqual(places((await reviewJson(root, '--max-lines', '1')).review), []);
      await commitAll(root, 'Docs', { 'src/features/checkout/docs/faq.md': 'Delivery takes two days.\n' });
      const byLines = (await reviewJson(root, '--max-lines', '1')).review;
      assert.deepEqual(places(byLines), ['size.large -:-']);
      assert.match(only(byLines, 'size.large')[0].message, /2 files, 1 changed line and 1 changed string in 1 strings file \(2 together, limit 1\)/);
      const byFiles = (await reviewJson(root, '--max-files', '1')).review;
      assert.match(only(byFiles, 'size.large')[0].message, /2 files \(limit 1\)/);
    });

    it('ai.undisclosed: an AI co-authored commit with "None" in the AI section, on that heading', async () => {
      const root = await sampleWorktree({ branch: PM_BRANCH, commit: true });
      const text = await writeFinishedPlanning(root, { ai: 'None.' });
      await commitAll(root, 'Planning');
      await writeFiles(root, {});
      await editFile(root, STRINGS, '"Back to cart"', '"Back to your cart"');
      await commitAll(root, 'Checkout: warmer back link\n\nCo-authored-by: Claude <noreply@anthropic.com>');
      const { run, review } = await reviewJson(root);
      assert.deepEqual(places(review), [`ai.undisclosed ${PLANNING_FILE}:${lineOf(text, '## AI assistance')}`]);
      const [ai] = only(review, 'ai.undisclosed');
      assert.equal(ai.severity, 'info');
      assert.match(ai.message, /Claude/);
      assert.equal(run.code, 0);
    });
  });
});
