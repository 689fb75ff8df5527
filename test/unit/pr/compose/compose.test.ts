import * as assert from 'node:assert/strict';
import { STATUS_MARKS } from '../../../../src/core/pr/compose/checklistSection';
import { composePullRequest, FOOTER, MAX_TITLE_LENGTH, NO_AI, UNDERSTOOD_STATEMENT } from '../../../../src/core/pr';
import { fakeSecrets } from '../../review/e2e/fakeSecrets';
import {
  CLAUDE_TRAILER, commit, composed, copyChange, edited, EN, EN_AFTER, EN_BEFORE, fixture, PLANNING, planningFixture, policyOf, REMOTE, review, section,
} from './support';

describe('composePullRequest: the body', () => {
  it('has every section, in the order a reviewer reads them, and the footer last', async () => {
    const { body } = await composed();
    const order = ['**Problem:**', '## Planning doc', '## Files by zone', '## PM PR Review checklist', '## Code owners who must review', '## Sign-offs', '## AI assistance', FOOTER];
    const positions = order.map((marker) => body.indexOf(marker));
    assert.ok(positions.every((position) => position >= 0), `missing one of ${order.join(', ')}`);
    assert.deepEqual([...positions].sort((a, b) => a - b), positions);
    assert.ok(body.trimEnd().endsWith(FOOTER));
  });

  it('opens with one paragraph from the planning doc’s Problem and Intent', async () => {
    const { body } = await composed();
    const first = body.split('\n\n')[0];
    assert.match(first, /^\*\*Problem:\*\* Shoppers whose card is declined see "Error 402" and 38% of them leave the checkout/);
    assert.match(first, /\*\*Intent:\*\* A declined card shows "Your card was declined\./);
    assert.doesNotMatch(first, /\n/, 'one paragraph, line breaks of the doc flattened');
  });

  it('links the planning doc on the head branch, each segment encoded, with its flag and tier', async () => {
    const planning = section((await composed(copyChange(), { head: 'alice/copy #2' })).body, 'Planning doc');
    assert.match(planning, /\[`src\/features\/checkout\/PLANNING\.md`\]\(https:\/\/github\.com\/acme\/shop\/blob\/alice\/copy%20%232\/src\/features\/checkout\/PLANNING\.md\)/);
    assert.match(planning, /- Feature flag: `checkout_copy_v2`/);
    assert.match(planning, /- Tier: Production/);
  });

  it('names the planning doc by its path when there is no remote, and on an Enterprise host keeps the port', async () => {
    const local = section((await composed(copyChange(), { remote: undefined })).body, 'Planning doc');
    assert.match(local, /^## Planning doc\n\n`src\/features\/checkout\/PLANNING\.md`\n/);
    assert.doesNotMatch(local, /https:/);
    const enterprise = section((await composed(copyChange(), { remote: { host: 'ghe.acme.test:8443', owner: 'shop-team', repo: 'shop' } })).body, 'Planning doc');
    assert.match(enterprise, /\(https:\/\/ghe\.acme\.test:8443\/shop-team\/shop\/blob\/alice\/checkout-copy\/src\/features\/checkout\/PLANNING\.md\)/);
  });

  it('without a planning doc says so instead of a summary', async () => {
    const scenario = copyChange({ files: [edited(EN, EN_BEFORE, EN_AFTER)], commits: [commit('Copy', [EN])] });
    const { body } = await composed(scenario);
    assert.match(body, /^_This change has no planning doc/);
    assert.match(section(body, 'Planning doc'), /No planning doc found for this change\./);
  });

  it('lists the files by zone, locked and outside files first, with their owners and renames', async () => {
    const scenario = copyChange({
      files: [
        edited(EN, EN_BEFORE, EN_AFTER),
        edited('src/auth/session.ts', 'a\n', 'b\n'),
        edited('src/features/checkout/api.ts', 'a\n', 'b\n'),
        edited('docs/new|name.md', 'x\n', 'x\n', { status: 'renamed', oldPath: 'docs/old.md' }),
      ],
    });
    const files = section((await composed(scenario)).body, 'Files by zone');
    const rows = files.split('\n').filter((line) => line.startsWith('| `') || line.startsWith('| `docs'));
    assert.deepEqual(rows.map((row) => row.split(' | ')[2]), ['🔒 engineering only', '⚠️ outside the PM zone', '✏️ PM zone', '✏️ PM zone']);
    assert.match(files, /\| `src\/auth\/session\.ts` \| modified \| 🔒 engineering only \| @acme\/security \|/);
    assert.match(files, /\| `docs\/old\.md` → `docs\/new\\\|name\.md` \| renamed \|/, 'the pipe in the path is escaped for the table');
    assert.match(files, /4 files: 1 🔒 engineering only, 1 ⚠️ outside the PM zone, 2 ✏️ PM zone\./);
  });

  it('records each checklist item’s result: passed, failed with its findings, not applicable, manual ticked or open', async () => {
    const ticked = new Set(['ai-assistance/i-read-every-line-the-assistant-wrote']);
    const scenario = copyChange({ files: [edited(EN, EN_BEFORE, '{ "checkout": ')], commits: [commit('Broken copy', [EN])], ticked });
    const checklist = section((await composed(scenario)).body, 'PM PR Review checklist');
    assert.match(checklist, /- ✅ No file in the engineering zone is touched\n/);
    assert.match(checklist, /- ❌ Every locale file is valid JSON\n {2}- (?:\*\*blocker\*\* )?`src\/features\/checkout\/i18n\/en\.json:1` .*\(`i18n\.invalid-json`\)/);
    assert.match(checklist, /- ➖ Rollout percentages are numbers from 0 to 100\n/);
    assert.match(checklist, /- ☑ I read every line the assistant wrote\n/);
    assert.match(checklist, /- ☐ I tested the change in the staging environment/);
    assert.match(checklist, /- ❌ A PLANNING\.md for this change is on the branch\n {2}- \*\*blocker\*\* No PLANNING\.md/);
  });

  it('says what the flag item found on a copy change whose planning doc names the flag, never "not applicable"', async () => {
    const { outcome } = await review(copyChange());
    const item = outcome.checklist.find((entry) => entry.item.checks.includes('flags.ungated'));
    assert.deepEqual([item?.status, item?.found], ['passed', 'the flag checkout_copy_v2, named in PLANNING.md']);
    assert.ok(outcome.applicable.includes('flags.ungated'));
    const checklist = section((await composed()).body, 'PM PR Review checklist');
    assert.match(checklist, /- ✅ The change is gated behind a feature flag — the flag checkout_copy_v2, named in PLANNING\.md\n/);
    // The planning doc above the strings file names it too, when the change itself holds none.
    const onDisk = await review(copyChange({ files: [edited(EN, EN_BEFORE, EN_AFTER)], disk: { [PLANNING]: planningFixture('filled-standard.md') } }));
    assert.equal(onDisk.outcome.checklist.find((entry) => entry.item.checks.includes('flags.ungated'))?.status, 'passed');
    // A planning doc that names no flag leaves a copy change's flag item not applicable.
    const none = await review(copyChange({ files: [edited(PLANNING, undefined, planningFixture('filled-standard.md').replace('flag: checkout_copy_v2', 'flag: none')), edited(EN, EN_BEFORE, EN_AFTER)] }));
    const unflagged = none.outcome.checklist.find((entry) => entry.item.checks.includes('flags.ungated'));
    assert.deepEqual([unflagged?.status, unflagged?.found], ['not-applicable', undefined]);
  });

  it('gives every checklist item the status the sidebar shows: a manual item of a section with nothing to look at is not applicable', async () => {
    const skill = `${fixture('SKILL.md').replace('- [ ] The dashboard for new events is linked from PLANNING.md', '- [ ] I linked the dashboard of each new event <!-- manual -->')}`;
    const { outcome, change, policy } = await review({ ...copyChange(), skill });
    const dashboard = outcome.checklist.find((entry) => entry.item.text === 'I linked the dashboard of each new event');
    assert.equal(dashboard?.status, 'not-applicable', 'the sidebar says the analytics items do not apply to a copy change');
    const { body } = composePullRequest({ review: outcome, policy, change, remote: REMOTE, head: 'b', base: 'main', ticked: new Set() });
    const listed = section(body, 'PM PR Review checklist');
    for (const entry of outcome.checklist) {
      assert.ok(listed.includes(`- ${STATUS_MARKS[entry.status]} ${entry.item.text}`), `${entry.item.text} is ${entry.status} in the sidebar, not in the body:\n${listed}`);
    }
  });

  it('takes manual ticks from its own input, so ticks given after the review count', async () => {
    const { outcome, change, policy } = await review(copyChange());
    const ticked = new Set(['ai-assistance/i-tested-the-change-in-the-staging-environment']);
    const { body } = composePullRequest({ review: outcome, policy, change, remote: REMOTE, head: 'b', base: 'main', ticked });
    assert.match(body, /- ☑ I tested the change in the staging environment/);
    assert.match(body, /- ☐ I read every line the assistant wrote/);
  });

  it('shows a secret the checks found only redacted', async () => {
    const secret = fakeSecrets.githubToken(41);
    const scenario = copyChange({ files: [edited('src/features/checkout/prompts/summary.md', 'Hello\n', `Hello\ntoken: ${secret}\n`)] });
    const { body, blockers } = await composed(scenario);
    assert.ok(blockers.some((finding) => finding.check === 'security.secret'));
    assert.match(section(body, 'PM PR Review checklist'), /- ❌ No secrets, tokens or keys in the change _\(blocking\)_\n {2}- \*\*blocker\*\*/);
    assert.ok(!body.includes(secret), 'the secret itself is never in the body');
    assert.ok(!body.includes(secret.slice(4, 20)));
  });

  it('lists findings of checks no checklist item covers, so nothing the review found is dropped', async () => {
    const { outcome, change, policy } = await review(copyChange());
    const extra = { check: 'custom.thing', severity: 'warning' as const, blocking: false, file: EN, line: 3, message: 'Something <b>odd</b>' };
    const withExtra = { ...outcome, result: { ...outcome.result, findings: [...outcome.result.findings, extra] } };
    const { body } = composePullRequest({ review: withExtra, policy, change, remote: REMOTE, head: 'b', base: 'main', ticked: new Set() });
    assert.match(section(body, 'PM PR Review checklist'), /\*\*Other findings\*\*\n\n- `src\/features\/checkout\/i18n\/en\.json:3` Something \\<b\\>odd\\<\/b\\> \(`custom\.thing`\)/);
  });

  it('names the union of the code owners of every changed path, each once', async () => {
    const scenario = copyChange({
      files: [edited(EN, EN_BEFORE, EN_AFTER), edited('src/payments/charge.ts', 'a\n', 'b\n'), edited('src/auth/login.ts', 'a\n', 'b\n')],
    });
    const owners = section((await composed(scenario)).body, 'Code owners who must review');
    assert.match(owners, /^- @dana: `src\/features\/checkout\/i18n\/en\.json`$/m);
    assert.match(owners, /^- @acme\/payments: `src\/payments\/charge\.ts`$/m);
    assert.match(owners, /^- @acme\/security: `src\/payments\/charge\.ts`, `src\/auth\/login\.ts`$/m);
    assert.equal(owners.match(/@acme\/security/g)?.length, 1);
  });

  it('says when no CODEOWNERS file exists', async () => {
    const owners = section((await composed(copyChange({ policy: policyOf({ codeowners: null }) }))).body, 'Code owners who must review');
    assert.match(owners, /This repository has no CODEOWNERS file\./);
  });

  it('has the engineering DRI’s sign-off box, and the product DRI’s too in regulated mode', async () => {
    assert.equal(section((await composed()).body, 'Sign-offs').trim(), '## Sign-offs\n\n- [ ] Engineering DRI @dana');
    const regulated = copyChange({ policy: policyOf({ regulated: true }) });
    assert.equal(section((await composed(regulated)).body, 'Sign-offs').trim(), '## Sign-offs\n\n- [ ] Engineering DRI @dana\n- [ ] Product DRI @erin');
    const nobody = copyChange({ policy: policyOf({ email: null }) });
    assert.match(section((await composed(nobody)).body, 'Sign-offs'), /- \[ \] Engineering DRI @dana\n/, 'the planning doc names the DRI CLAUDE.md cannot (the author is unknown)');
    const unnamed = copyChange({ policy: policyOf({ email: null }), files: [edited(PLANNING, undefined, planningFixture('filled-standard.md').replace('Engineering DRI: @dana', 'Engineering DRI: TBD')), edited(EN, EN_BEFORE, EN_AFTER)] });
    assert.match(section((await composed(unnamed)).body, 'Sign-offs'), /- \[ \] Engineering DRI \(not named in CLAUDE\.md or PLANNING\.md\)/);
  });

  it('takes the product DRI from the planning doc when CLAUDE.md names none, in the sign-offs and the reviewers', async () => {
    const claude = fixture('CLAUDE.md').replace('Mode: standard\n', 'Mode: regulated\n');
    const planning = planningFixture('filled-standard.md').replace('- [x] Engineering DRI: @dana', '- [x] Engineering DRI: @dana\n- [ ] Product DRI: @pat');
    const scenario = copyChange({ policy: policyOf({ claudeMd: claude }), files: [edited(PLANNING, undefined, planning), edited(EN, EN_BEFORE, EN_AFTER)] });
    const pr = await composed(scenario);
    assert.equal(section(pr.body, 'Sign-offs').trim(), '## Sign-offs\n\n- [ ] Engineering DRI @dana\n- [ ] Product DRI @pat');
    assert.deepEqual(pr.reviewers, ['@dana', '@pat']);
  });
});

describe('composePullRequest: AI assistance', () => {
  const noAiPlanning = planningFixture('filled-standard.md').replace(/## AI assistance\n\n[\s\S]*?\n\n## Sign-offs/, '## AI assistance\n\nNone.\n\n## Sign-offs');
  const withoutDisclosure = () => copyChange({ files: [edited(PLANNING, undefined, noAiPlanning), edited(EN, EN_BEFORE, EN_AFTER)] });

  it('says none was detected or declared, unticked, without the label', async () => {
    const pr = await composed(withoutDisclosure());
    const ai = section(pr.body, 'AI assistance');
    assert.match(ai, new RegExp(NO_AI.replace(/\./g, '\\.')));
    assert.match(ai, /- \[ \] I have read and understand every line of this change\./);
    assert.deepEqual(pr.labels, ['pm-authored']);
    assert.deepEqual(pr.aiFiles, []);
  });

  it('lists the files of commits with AI co-author trailers, with the tool and commit, and labels it', async () => {
    const scenario = { ...withoutDisclosure(), commits: [commit('Planning', [PLANNING]), commit('Copy', [EN], [CLAUDE_TRAILER], 'c0ffee0000000000000000000000000000000000')] };
    const pr = await composed(scenario);
    const ai = section(pr.body, 'AI assistance');
    assert.match(ai, /AI-generated files \(1 file\):\n\n- `src\/features\/checkout\/i18n\/en\.json`\n/);
    assert.match(ai, /Detected from commit trailers: Claude in c0ffee0\./);
    assert.doesNotMatch(ai, new RegExp(NO_AI));
    assert.deepEqual(pr.labels, ['pm-authored', 'ai-assisted']);
    assert.deepEqual(pr.aiFiles, [EN]);
  });

  it('shows the PM’s correction next to what was detected, and keeps the label while trailers exist', async () => {
    const scenario = { ...withoutDisclosure(), commits: [commit('Copy', [EN, PLANNING], [{ key: 'Co-authored-by', value: 'GitHub Copilot <copilot@github.com>' }])] };
    const pr = await composed(scenario, { aiFiles: [PLANNING, 'src/features/checkout/i18n/fr.json'] });
    const ai = section(pr.body, 'AI assistance');
    assert.deepEqual(pr.aiFiles, [PLANNING, 'src/features/checkout/i18n/fr.json']);
    assert.match(ai, /Added by the author \(no commit trailer names them\): `src\/features\/checkout\/i18n\/fr\.json`\./);
    assert.match(ai, /Detected but not AI-generated, says the author: `src\/features\/checkout\/i18n\/en\.json`\./);
    assert.match(ai, /Copilot in 1a2b3c4/);
    const none = await composed(scenario, { aiFiles: [] });
    assert.match(section(none.body, 'AI assistance'), /No file is listed as AI-generated\./);
    assert.ok(none.labels.includes('ai-assisted'), 'a detected trailer is AI involvement whatever the list says');
  });

  it('quotes a planning doc that declares AI help, and labels it even without trailers', async () => {
    const pr = await composed();
    const ai = section(pr.body, 'AI assistance');
    assert.match(ai, /The planning doc says:\n\n> The French translation was drafted with Claude and checked by a native\n> speaker\./);
    assert.deepEqual(pr.labels, ['pm-authored', 'ai-assisted']);
  });

  describe('reads the planning doc for what it means, so the label, the body and the doc agree', () => {
    const saying = (words: string) =>
      copyChange({ files: [edited(PLANNING, undefined, planningFixture('filled-standard.md').replace(/(## AI assistance\n\n)[\s\S]*?(?=\n## )/, `$1${words}\n`)), edited(EN, EN_BEFORE, EN_AFTER)] });

    it('"None. I wrote the new copy myself." is no AI: no label, and the body says none was declared', async () => {
      const pr = await composed(saying('None. I wrote the new copy myself.'));
      assert.deepEqual(pr.labels, ['pm-authored']);
      assert.equal(pr.aiStatement, 'not-used');
      const ai = section(pr.body, 'AI assistance');
      assert.match(ai, new RegExp(NO_AI.replace(/\./g, '\\.')));
      assert.doesNotMatch(ai, /Asked|labelled AI-assisted/);
    });

    it('an unclear section is labelled until the PM answers, and the body says which', async () => {
      const unclear = saying('No AI for the code, but Claude suggested the wording.');
      const unanswered = await composed(unclear);
      assert.equal(unanswered.aiStatement, 'unclear');
      assert.deepEqual(unanswered.labels, ['pm-authored', 'ai-assisted']);
      assert.match(section(unanswered.body, 'AI assistance'), /does not say plainly whether AI helped: labelled AI-assisted until the author says otherwise/);
      const no = await composed(unclear, { aiUsed: false });
      assert.deepEqual(no.labels, ['pm-authored']);
      assert.match(section(no.body, 'AI assistance'), /Asked, the author confirms that no AI helped/);
      const yes = await composed(unclear, { aiUsed: true });
      assert.deepEqual(yes.labels, ['pm-authored', 'ai-assisted']);
      assert.match(section(yes.body, 'AI assistance'), /Asked, the author confirms that AI helped/);
    });

    it('an answer never overrides a plain statement or a trailer', async () => {
      assert.deepEqual((await composed(saying('Claude drafted the copy.'), { aiUsed: false })).labels, ['pm-authored', 'ai-assisted']);
      const trailer = { ...saying('None.'), commits: [commit('Copy', [EN], [CLAUDE_TRAILER])] };
      assert.deepEqual((await composed(trailer, { aiUsed: false })).labels, ['pm-authored', 'ai-assisted']);
    });
  });

  it('ticks the understanding statement only when the PM states it', async () => {
    assert.match((await composed(copyChange(), { understood: true })).body, new RegExp(`- \\[x\\] ${UNDERSTOOD_STATEMENT.replace(/\./g, '\\.')}`));
    assert.match((await composed(copyChange(), { understood: false })).body, /- \[ \] I have read and understand every line/);
  });
});

describe('composePullRequest: title, labels, reviewers, draft', () => {
  it('takes the title from the planning doc’s front matter, else its heading', async () => {
    assert.equal((await composed()).title, 'Clearer card-declined message at checkout');
    const noFrontMatter = planningFixture('filled-standard.md').replace(/^---[\s\S]*?---\n/, '').replace('# Clearer', '# Heading only:');
    const scenario = copyChange({ files: [edited(PLANNING, undefined, noFrontMatter), edited(EN, EN_BEFORE, EN_AFTER)] });
    assert.equal((await composed(scenario)).title, 'Heading only: card-declined message at checkout');
  });

  it('falls back to the last commit’s subject, then the branch; a placeholder title does not count', async () => {
    const noPlanning = copyChange({ files: [edited(EN, EN_BEFORE, EN_AFTER)], commits: [commit('First', [EN]), commit('Say  "Confirm order"\n', [EN])] });
    assert.equal((await composed(noPlanning)).title, 'Say "Confirm order"');
    assert.equal((await composed({ ...noPlanning, commits: [] })).title, 'alice/checkout-copy');
    const placeholder = copyChange({ files: [edited(PLANNING, undefined, '---\ntitle: "{{title}}"\n---\n\n# {{title}}\n')], commits: [commit('From the commit', [PLANNING])] });
    assert.equal((await composed(placeholder)).title, 'From the commit');
  });

  it('keeps a title within GitHub’s 256 characters', async () => {
    const long = copyChange({ files: [edited(EN, EN_BEFORE, EN_AFTER)], commits: [commit('é'.repeat(400), [EN])] });
    const { title } = await composed(long);
    assert.equal(Array.from(title).length, MAX_TITLE_LENGTH);
    assert.ok(title.endsWith('…'));
  });

  it('reads a planning doc with a byte-order mark and CRLF line breaks', async () => {
    const crlf = `\uFEFF${planningFixture('filled-standard.md').replace(/\n/g, '\r\n')}`;
    const pr = await composed(copyChange({ files: [edited(PLANNING, undefined, crlf), edited(EN, EN_BEFORE, EN_AFTER)] }));
    assert.equal(pr.title, 'Clearer card-declined message at checkout');
    assert.match(pr.body, /^\*\*Problem:\*\* Shoppers whose card/);
    assert.ok(!pr.body.includes('\r'));
  });

  it('uses configured label names, falling back to the defaults for blank ones', async () => {
    const pr = await composed(copyChange(), { labels: { pmAuthored: 'pm:change', aiAssisted: '  ' } });
    assert.deepEqual(pr.labels, ['pm:change', 'ai-assisted']);
  });

  it('asks the engineering DRI to review, and the product DRI too in regulated mode', async () => {
    assert.deepEqual((await composed()).reviewers, ['@dana']);
    assert.deepEqual((await composed(copyChange({ policy: policyOf({ regulated: true }) }))).reviewers, ['@dana', '@erin']);
    // Who the author is unknown, so CLAUDE.md names no DRI: the planning doc's Sign-offs do.
    assert.deepEqual((await composed(copyChange({ policy: policyOf({ email: null }) }))).reviewers, ['@dana']);
  });

  it('never asks the author, and asks a person who is both DRIs once', async () => {
    const regulatedWith = (engineeringDri: string, productDri: string) =>
      policyOf({
        claudeMd: fixture('CLAUDE.md')
          .replace('| @alice | `src/features/checkout/**` | @dana |', `| @alice | \`src/features/checkout/**\` | ${engineeringDri} |`)
          .replace('Mode: standard\n', `Mode: regulated\nProduct DRI: ${productDri}\n`),
      });
    assert.deepEqual((await composed(copyChange({ policy: regulatedWith('@alice', '@erin') }))).reviewers, ['@erin']);
    assert.deepEqual((await composed(copyChange({ policy: regulatedWith('@Erin', '@erin') }))).reviewers, ['@Erin']);
    assert.deepEqual((await composed(copyChange({ policy: regulatedWith('dana', '@ALICE') }))).reviewers, ['@dana']);
  });

  it('is ready by default, a draft in regulated mode, and the PM’s explicit choice wins', async () => {
    assert.equal((await composed()).draft, false);
    assert.equal((await composed(copyChange(), { draft: true })).draft, true);
    const regulated = copyChange({ policy: policyOf({ regulated: true }) });
    assert.equal((await composed(regulated)).draft, true);
    assert.equal((await composed(regulated, { draft: false })).draft, false, 'a repository without drafts: the PM chose a ready pull request');
  });

  it('says why it is a draft and who moves it on, in the body and to the editor', async () => {
    assert.equal((await composed()).draftReason, undefined);
    const pr = await composed(copyChange({ policy: policyOf({ regulated: true }) }));
    const reason = 'It is a draft because regulated mode asks @dana and @erin to sign off first: once both have ticked their Sign-offs box, you or @dana mark it ready for review.';
    assert.equal(pr.draftReason, reason);
    assert.ok(pr.body.split('\n\n').slice(0, 3).includes(`> [!NOTE]\n> ${reason}`), 'the note comes first, before the planning doc');
  });

  it('carries base and head, and never reads a token from the environment', async () => {
    const token = 'ghp_' + 'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2';
    const saved = process.env.GITHUB_TOKEN;
    process.env.GITHUB_TOKEN = token;
    try {
      const pr = await composed(copyChange(), { base: 'release', head: 'alice/x' });
      assert.equal(pr.base, 'release');
      assert.equal(pr.head, 'alice/x');
      assert.ok(!JSON.stringify(pr).includes(token));
    } finally {
      if (saved === undefined) delete process.env.GITHUB_TOKEN;
      else process.env.GITHUB_TOKEN = saved;
    }
  });
});
