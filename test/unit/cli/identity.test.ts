import * as assert from 'node:assert/strict';
import { tempRepo } from '../helpers/tempRepo';
import { cli } from './support/cli';

const CLAUDE_MD = [
  '## PM zone',
  '### PMs may edit',
  '- `**/flags.yaml` (owned flags only)',
  '- `**/components/*.tsx` (inside own feature folder)',
  '### Pilot PMs',
  '| PM | feature folders | engineering DRI |',
  '| --- | --- | --- |',
  '| @alice (alice@acme.test) | `src/features/checkout/**` | @dana |',
  '### Owned flags',
  '| flag | owner |',
  '| --- | --- |',
  '| `checkout_copy_v2` | @alice |',
  '',
].join('\n');

describe('pm-zone: who the PM is, from git alone', () => {
  const repoAs = (email: string) =>
    tempRepo({
      config: { 'user.email': email },
      commits: [
        {
          message: 'policy',
          files: {
            'CLAUDE.md': CLAUDE_MD,
            'src/features/checkout/flags.yaml': 'flags:\n  checkout_copy_v2:\n    enabled: false\n',
            'src/features/checkout/PLANNING.md': '# x\n',
            'src/other/components/X.tsx': 'export {};\n',
          },
        },
      ],
      staged: { 'src/features/checkout/flags.yaml': 'flags:\n  checkout_copy_v2:\n    enabled: true\n' },
    });

  it("recognises Alice by git's user.email written beside her handle: her own flag does not block", async () => {
    const repo = await repoAs('ALICE@acme.test');
    const whoami = await cli(['whoami', '--json', '--cwd', repo.root]);
    assert.equal(whoami.code, 0);
    assert.equal(JSON.parse(whoami.stdout).handle, '@alice');
    const review = await cli(['review', '--staged', '--json', '--cwd', repo.root]);
    const findings = JSON.parse(review.stdout).findings as { check: string }[];
    assert.equal(findings.some((finding) => finding.check === 'flags.unowned'), false, review.stdout);
  });

  it('keeps another PM out of her folder; a commit by an e-mail no pilot has is not reviewed', async () => {
    const repo = await repoAs('bob@acme.test');
    const explain = await cli(['explain', '--json', '--cwd', repo.root, 'src/other/components/X.tsx']);
    assert.equal(JSON.parse(explain.stdout)[0].zone, 'outside');
    const staged = await cli(['review', '--staged', '--json', '--cwd', repo.root]);
    assert.equal(staged.code, 0, staged.stderr);
    assert.equal(JSON.parse(staged.stdout).reviewed, false);
    assert.match(JSON.parse(staged.stdout).message, /^Not a pilot PM: the PM zone does not restrict you \(git's user\.email bob@acme\.test is not a pilot PM's in CLAUDE\.md:5\)\.$/);
  });
});
