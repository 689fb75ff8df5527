// A PM's first command-line steps: `pm-zone start "<title>"` (the twin of the
// editor's "Start a change"), `planning new` on the base branch, the Scope of
// a copy change, `flag none`, and whoami for someone the zone does not bind.
import * as assert from 'node:assert/strict';
import { cli, isolateGitConfig, parsed } from './support/cli';
import { commitAll, git, PLANNING_FILE, readFile, sampleRepo, writeFiles } from './support/sampleRepo';
import { checkPlanningDoc } from '../../../src/core/planning';
import { parseZonePolicy } from '../../../src/core/policy';
import { cpuBound } from '../helpers/cpuBound';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../../src/cli/run';

const NO_CHECK_LINE = 'Your changes are not checked before each commit in this copy of the repository: pm-zone hook install turns that on.\n';

/** `pm-zone` on a terminal: standard input and output are a TTY, and `answers` are typed. */
async function onTerminal(argv: string[], answers: string): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const stdin = Object.assign(Readable.from([Buffer.from(answers)]), { isTTY: true });
  const code = await runCli(argv, { stdout: { write: (text: string) => (stdout += text), isTTY: true }, stderr: { write: () => true }, cwd: os.tmpdir(), env: { ...process.env, NO_COLOR: '1' }, stdin });
  return { code, stdout };
}

describe('pm-zone start, and planning new on the base branch', function () {
  this.timeout(cpuBound(60_000));
  isolateGitConfig();

  it('start: a branch named from the title, the edits kept, and PLANNING.md in the PM\'s feature folder', async () => {
    const root = await sampleRepo();
    const strings = 'src/features/checkout/i18n/en.json';
    const edited = (await readFile(root, strings)).replace('"Place order"', '"Confirm order"');
    await writeFiles(root, { [strings]: edited });
    const run = await cli(['start', 'Clearer order button!', '--cwd', root]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `On alice/clearer-order-button now, from main: your edits came with you. Commit here; pm-zone pr sends this branch for review.\nCreated ${PLANNING_FILE}.\n${NO_CHECK_LINE}`);
    assert.equal((await git(root, 'branch', '--show-current')).trim(), 'alice/clearer-order-button');
    assert.match(await readFile(root, PLANNING_FILE), /^---\ntitle: Clearer order button!\nauthor: "@alice"\nfeature: src\/features\/checkout\nflag: checkout_copy_v2\n/);
    assert.equal(await readFile(root, strings), edited);
  });

  it('start on a terminal offers the commit check to a pilot PM whose clone lacks it, and turns it on', async () => {
    const root = await sampleRepo();
    const run = await onTerminal(['start', 'Clearer order button', '--cwd', root], 'y\n');
    assert.equal(run.code, 0);
    assert.match(run.stdout, /\nA commit the review would block later .*\nCheck my changes before each commit\? \[Y\/n\] Done: your changes are checked before each commit in this copy of the repository\.\n$/);
    assert.doesNotMatch(run.stdout.slice(run.stdout.indexOf('A commit the review')), /PM Zone/, 'the offer does not repeat the name of the program just run');
    assert.ok(existsSync(path.join(root, '.git', 'hooks', 'pre-commit')), 'the hook is installed');
    const again = await onTerminal(['start', 'Another change', '--cwd', root], '');
    assert.doesNotMatch(again.stdout, /before each commit/, 'installed: not offered again');
  });

  it('start on a terminal remembers a "no" for the repository, and an engineer is never asked', async () => {
    const root = await sampleRepo();
    const declined = await onTerminal(['start', 'Clearer order button', '--cwd', root], 'n\n');
    assert.match(declined.stdout, /\[Y\/n\] Not asked again in this repository; pm-zone hook install turns it on later\.\n$/);
    assert.equal(existsSync(path.join(root, '.git', 'hooks', 'pre-commit')), false);
    const later = await cli(['start', 'Another change', '--cwd', root]);
    assert.doesNotMatch(later.stdout, /before each commit/, 'declined: not offered again, on a terminal or not');
    const engineer = await sampleRepo();
    await git(engineer, 'config', 'user.email', 'dana@acme.test');
    const run = await cli(['start', 'Refactor', '--feature', 'src/features/checkout', '--cwd', engineer]);
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stdout, /before each commit/);
  });

  it('start: with no flag in the zone, the doc says flag: none, which the planning check accepts', async () => {
    const root = await sampleRepo();
    const claude = await readFile(root, 'CLAUDE.md');
    const withoutFlags = claude.replace(/### Owned flags\n[\s\S]*?(?=\n#|$)/, '');
    assert.notEqual(withoutFlags, claude, 'the sample lists owned flags to remove');
    await commitAll(root, 'No flags yet', { 'CLAUDE.md': withoutFlags });
    const run = await cli(['start', 'Clearer order button', '--cwd', root]);
    assert.equal(run.code, 0, run.stderr);
    const doc = await readFile(root, PLANNING_FILE);
    assert.match(doc, /\nflag: none\n/);
    const problems = checkPlanningDoc(doc, { file: PLANNING_FILE, policy: parseZonePolicy(withoutFlags) });
    assert.deepEqual(problems.filter((problem) => /flag/i.test(problem.message)).map((problem) => problem.message), []);
  });

  it('start: a branch that exists is refused with the reason, and nothing is written', async () => {
    const root = await sampleRepo();
    await git(root, 'branch', 'alice/clearer-order-button');
    const run = await cli(['start', 'Clearer order button', '--cwd', root]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /A branch named alice\/clearer-order-button exists already/);
    assert.equal((await git(root, 'branch', '--show-current')).trim(), 'main');
    assert.equal((await git(root, 'status', '--porcelain')).trim(), '');
  });

  it('start: --branch names it, --json says what happened, and a doc already there is left as it is', async () => {
    const root = await sampleRepo();
    await commitAll(root, 'an earlier change', { [PLANNING_FILE]: '# Earlier\n' });
    const run = await cli(['start', 'Next', '--branch', 'alice/next', '--json', '--cwd', root]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(parsed(run), { branch: 'alice/next', from: 'main', path: PLANNING_FILE, status: 'exists', problems: [], ignored: [], unignored: [] });
    assert.equal(await readFile(root, PLANNING_FILE), '# Earlier\n');
  });

  it('planning new on the base branch writes the doc and points at pm-zone start', async () => {
    const root = await sampleRepo();
    const run = await cli(['planning', 'new', '--title', 'Warmer copy', '--cwd', root]);
    assert.equal(run.code, 0);
    assert.equal(run.stderr, 'pm-zone: you are on main, the base branch: a change goes on a branch of its own. Next time, pm-zone start "Warmer copy" creates alice/warmer-copy and writes src/features/checkout/PLANNING.md in one step; now, git switch -c alice/warmer-copy takes this doc along.\n');
    await git(root, 'switch', '--quiet', '-c', 'alice/other');
    await git(root, 'rm', '--quiet', '-r', '--cached', PLANNING_FILE).catch(() => undefined);
    const onBranch = await cli(['planning', 'new', '--title', 'Other', '--feature', 'src/features/search', '--as', '@bob', '--cwd', root]);
    assert.equal(onBranch.stderr, '', 'on a branch of its own: no word');
  });

  it("the Scope lists the folder's strings files, one per locale, before the globs", async () => {
    const root = await sampleRepo();
    assert.equal((await cli(['start', 'Copy', '--cwd', root])).code, 0);
    assert.match(await readFile(root, PLANNING_FILE), /PM-zone files this change may touch:\n\n- `src\/features\/checkout\/i18n\/en\.json` \(user-facing strings\)\n- `src\/features\/checkout\/i18n\/fr\.json` \(user-facing strings\)\n- `src\/features\/checkout\/\*\*\/\*\.md`/);
  });

  it('--flag none: no flag rollout section in the doc, and the check does not ask for one', async () => {
    const root = await sampleRepo();
    assert.equal((await cli(['start', 'Copy only', '--flag', 'none', '--cwd', root])).code, 0);
    const text = await readFile(root, PLANNING_FILE);
    assert.match(text, /\nflag: none\n/);
    assert.doesNotMatch(text, /Feature flag and rollout plan/);
    assert.match(text, /No feature flag to turn off: revert the pull request\./);
    const zone = parseZonePolicy(await readFile(root, 'CLAUDE.md'));
    const kinds = (doc: string) => checkPlanningDoc(doc, { file: PLANNING_FILE, policy: zone }).filter((problem) => problem.kind === 'missing-section').map((problem) => problem.message);
    assert.deepEqual(kinds(text), []);
    // With a flag, the section is still required.
    assert.deepEqual(kinds(text.replace('flag: none', 'flag: checkout_copy_v2')), ['No "Feature flag and rollout plan" section: every planning doc needs one.']);
  });
});

describe('whoami', () => {
  isolateGitConfig();

  it('an engineer is simply not restricted: exit 0', async () => {
    const root = await sampleRepo();
    await git(root, 'config', 'user.email', 'dana@acme.test');
    const run = await cli(['whoami', '--cwd', root]);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, "Not a pilot PM: the PM zone does not restrict you (git's user.email dana@acme.test is not a pilot PM's in CLAUDE.md:40).\n");
    assert.doesNotMatch(run.stdout, /Choose who you are/);
    assert.deepEqual(parsed<{ known: boolean; restricted: boolean }>(await cli(['whoami', '--json', '--cwd', root])).restricted, false);
  });

  it('someone who could be a pilot PM is told why they are held to the zone: exit 1', async () => {
    const root = await sampleRepo();
    await git(root, 'config', '--unset', 'user.email');
    const run = await cli(['whoami', '--cwd', root]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^Git has no user\.email and no identity was chosen, so PM Zone cannot tell whether you are a pilot PM: you are held to the PM zone as a pilot PM would be/);
  });
});
