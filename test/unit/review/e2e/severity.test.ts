// Severity means one thing: a finding blocks exactly when it is an error, and
// the JSON, the text, SARIF and the exit status say so alike.
import * as assert from 'node:assert/strict';
import { cli, isolateGitConfig } from '../../cli/support/cli';
import { commitAll, editFile, git } from '../../cli/support/sampleRepo';
import { fakeSecrets } from './fakeSecrets';
import { textEntries } from './textEntries';
import { cleanPmBranch, cleanPmRepo, PM_BRANCH, reviewJson, reviewSarif, type ReviewJson } from './pmBranch';
import { cpuBound } from '../../helpers/cpuBound';

const BUTTON = 'src/features/checkout/components/CheckoutButton.tsx';
const SKILL = '.claude/skills/pm-pr-review/SKILL.md';
const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** Every surface of one review: JSON, text rows, SARIF results and the exit status. */
async function surfaces(root: string): Promise<{ review: ReviewJson; code: number; textLabels: string[]; sarif: [string, boolean][] }> {
  const { run, review } = await reviewJson(root);
  const text = await cli(['review', '--cwd', root]);
  assert.equal(text.code, run.code, 'text and JSON runs exit alike');
  const textLabels = textEntries(text.stdout).map((entry) => entry.kind);
  const sarif = (await reviewSarif(root)).runs[0].results.map((result): [string, boolean] => [result.level, result.properties.blocking]);
  return { review, code: run.code, textLabels, sarif };
}

function assertAgree({ review, code, textLabels, sarif }: Awaited<ReturnType<typeof surfaces>>): void {
  for (const finding of review.findings) {
    assert.equal(finding.blocking, finding.severity === 'error', `${finding.check} at ${finding.file}:${finding.line} is a ${finding.severity} with blocking ${finding.blocking}`);
  }
  assert.equal(review.summary.blockers, review.summary.errors);
  assert.equal(code, review.summary.blockers > 0 ? 1 : 0);
  const labels = review.findings.map((finding) => (finding.blocking ? 'blocker' : finding.severity === 'info' ? 'note' : finding.severity));
  assert.deepEqual([...textLabels].sort(), [...labels].sort());
  assert.deepEqual(sarif, review.findings.map((finding) => [SARIF_LEVEL[finding.severity], finding.blocking]));
}

describe('pm-zone review: a warning never blocks', function () {
  this.timeout(cpuBound(30_000));
  isolateGitConfig();

  it('a Stripe test-mode key is a warning in every output, and the review passes', async () => {
    const root = await cleanPmBranch();
    await editFile(root, BUTTON, '/** The primary action', `const demoKey = '${fakeSecrets.stripeTestKey(21)}';\n/** The primary action`);
    await commitAll(root, 'Demo key');
    const seen = await surfaces(root);
    const stripe = seen.review.findings.find((finding) => finding.check === 'security.secret');
    assert.ok(stripe, `no secret finding in ${JSON.stringify(seen.review.findings)}`);
    assert.deepEqual([stripe.severity, stripe.blocking], ['warning', false]);
    assertAgree(seen);
  });

  it('a warning of an item the team made blocking is an error in every output, and blocks', async () => {
    const root = await cleanPmRepo();
    // The team's checklist is the base's: an engineer makes the item blocking on main, and the PM's branch takes it in.
    await git(root, 'checkout', '--quiet', 'main');
    await editFile(root, SKILL, '## Scope', '## Blocking\n\n- [ ] Small enough <!-- check: size.large -->\n\n## Scope');
    await commitAll(root, 'Size blocks');
    await git(root, 'checkout', '--quiet', PM_BRANCH);
    await git(root, 'merge', '--quiet', '--no-edit', 'main');
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`src/features/checkout/docs/note-${i}.md`, `# Note ${i}\n`]));
    await commitAll(root, 'Twelve notes', many);
    const seen = await surfaces(root);
    const size = seen.review.findings.find((finding) => finding.check === 'size.large');
    assert.ok(size, `no size finding in ${JSON.stringify(seen.review.findings)}`);
    assert.deepEqual([size.severity, size.blocking], ['error', true]);
    assert.equal(seen.code, 1);
    assertAgree(seen);
  });
});
