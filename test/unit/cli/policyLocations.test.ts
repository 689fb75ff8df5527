// `--policy-file`, `--skill-file`, `--codeowners-flavor`: the editor's
// pmZone.* settings on the command line, so both answer the same.
import * as assert from 'node:assert/strict';
import { stagedReviewArgs } from '../../../src/core/review';
import { cleanPmRepo } from '../review/e2e/pmBranch';
import { assertOneLineError, cli, isolateGitConfig, parsed } from './support/cli';
import { policyFolder } from './support/folders';

interface Row {
  path: string;
  zone: string;
  owners: string[];
}

const ZONE = '# Acme\n\n## PM zone\n\n### PMs may edit\n- `docs/*.md`\n- `**/i18n/*.json`\n\n### Engineering only\n- `**/auth/**`\n';
const GITLAB = '[Docs]\ndocs/ @acme/docs\n\n^[Security][2] @acme/security\n/src/auth/\n';

async function explain(args: string[]): Promise<Row[]> {
  const run = await cli(['explain', '--json', ...args]);
  assert.equal(run.code, 0, run.stderr);
  return parsed<Row[]>(run);
}

describe('pm-zone policy locations', () => {
  isolateGitConfig();

  it('reads the PM zone from --policy-file, before or after the command', async () => {
    const root = await policyFolder({ 'docs/PM-ZONE.md': ZONE, 'CLAUDE.md': '# Acme\n\nNo zone here.\n' });
    const byDefault = await explain(['--cwd', root, 'src/i18n/en.json']);
    assert.equal(byDefault[0].zone, 'outside', 'CLAUDE.md has no zone');
    const after = await explain(['--cwd', root, '--policy-file', 'docs/PM-ZONE.md', 'src/i18n/en.json', 'src/auth/a.ts']);
    assert.deepEqual(after.map((row) => row.zone), ['editable', 'locked']);
    const before = await cli(['--policy-file=docs/PM-ZONE.md', '--cwd', root, 'explain', '--json', 'docs/PM-ZONE.md']);
    assert.equal(before.code, 0, before.stderr);
    assert.equal(parsed<Row[]>(before)[0].zone, 'locked', 'the policy file itself is locked wherever it lives');
  });

  it('locks the skill file named by --skill-file, though docs/*.md is in the zone', async () => {
    const root = await policyFolder({ 'CLAUDE.md': ZONE, 'docs/review.md': '# Review\n' });
    assert.equal((await explain(['--cwd', root, 'docs/review.md']))[0].zone, 'editable');
    assert.equal((await explain(['--cwd', root, '--skill-file', 'docs/review.md', 'docs/review.md']))[0].zone, 'locked');
  });

  it('reads GitLab sections only with --codeowners-flavor gitlab', async () => {
    const root = await policyFolder({ 'CLAUDE.md': ZONE, '.gitlab/CODEOWNERS': GITLAB });
    assert.deepEqual((await explain(['--cwd', root, 'src/auth/a.ts']))[0].owners, []);
    const gitlab = await explain(['--cwd', root, '--codeowners-flavor', 'gitlab', 'src/auth/a.ts', 'docs/a.md']);
    assert.deepEqual(gitlab.map((row) => row.owners), [['@acme/security'], ['@acme/docs']]);
  });

  it('refuses a flavor it does not know and a file outside the repository, in one line, exit 2', async () => {
    const root = await policyFolder({ 'CLAUDE.md': ZONE });
    assertOneLineError(await cli(['explain', '--cwd', root, '--codeowners-flavor', 'bitbucket', 'a']), 2, /--codeowners-flavor takes github or gitlab, not 'bitbucket'/);
    assertOneLineError(await cli(['explain', '--cwd', root, '--policy-file', '../CLAUDE.md', 'a']), 2, /--policy-file takes a file inside the repository/);
    assertOneLineError(await cli(['explain', '--cwd', root, '--skill-file', '/etc/passwd', 'a']), 2, /--skill-file takes a file inside the repository/);
  });

  describe('the command line the pre-commit hook runs', () => {
    it('is the plain staged review when every setting is the default', () => {
      assert.deepEqual(
        stagedReviewArgs({ policyFile: 'CLAUDE.md', skillFile: '.claude/skills/pm-pr-review/SKILL.md', codeownersFlavor: 'github', maxFiles: 10, maxLines: 300 }),
        ['review', '--staged', '--time-limit', '120'],
      );
    });

    it('carries every setting that differs, in flags the command line accepts', async () => {
      const command = stagedReviewArgs({ policyFile: 'docs/PM-ZONE.md', skillFile: 'docs/review.md', codeownersFlavor: 'gitlab', handle: '@alice', maxFiles: 20, maxLines: 500, sourceLocale: 'en_US' });
      assert.deepEqual(command, [
        '--policy-file', 'docs/PM-ZONE.md', '--skill-file', 'docs/review.md', '--codeowners-flavor', 'gitlab',
        'review', '--staged', '--as', '@alice', '--max-files', '20', '--max-lines', '500', '--source-locale', 'en_US', '--time-limit', '120',
      ]);
      const root = await cleanPmRepo();
      const run = await cli([...command, '--cwd', root]);
      assert.equal(run.code, 0, run.stderr);
      // docs/PM-ZONE.md does not exist there: no zone binds anyone, and the review says so in one line.
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^PM Zone: not a pilot PM: the PM zone does not restrict you \(docs\/PM-ZONE\.md defines no PM zone, so @alice is not a pilot PM there\)\. Not reviewed/);
    });
  });
});
