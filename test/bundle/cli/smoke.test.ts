// One run of each command through the built program, as a user's shell runs
// it: real streams, real exit statuses, standard input for --stdin.
import * as assert from 'node:assert/strict';
import { childEnv, spawnCli } from '../support/program';
import { PLANNING_FILE, sampleWorktree } from '../../unit/cli/support/sampleRepo';
import { sample } from '../../unit/cli/support/prSample';

describe('pm-zone, the built program', function () {
  this.timeout(60_000);
  let root: string;

  before(async () => {
    root = await sampleWorktree({ branch: 'alice/copy', commit: true });
  });

  it('--help: the usage on stdout, exit 0', async () => {
    const run = await spawnCli(['--help']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^usage: pm-zone <command> \[options\]/);
  });

  it('an unknown command: one line on stderr, exit 2', async () => {
    const run = await spawnCli(['frobnicate']);
    assert.deepEqual(run, { code: 2, stdout: '', stderr: "pm-zone: unknown command 'frobnicate' (run 'pm-zone --help')\n" });
  });

  it('explain --stdin reads standard input', async () => {
    const run = await spawnCli(['explain', '--stdin', '--json', '--cwd', root], { stdin: 'src/auth/login.ts\nsrc/features/checkout/i18n/en.json\n' });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout).map((row: { zone: string }) => row.zone), ['locked', 'editable']);
  });

  it('owners, from the current directory', async () => {
    const run = await spawnCli(['owners', 'src/auth/login.ts'], { cwd: root });
    assert.deepEqual(run, { code: 0, stdout: 'src/auth/login.ts\t@acme/security\t.github/CODEOWNERS:9 auth/\n', stderr: '' });
  });

  it('check-config', async () => {
    const run = await spawnCli(['check-config', '--json', '--cwd', root]);
    assert.deepEqual({ ...run, stdout: JSON.parse(run.stdout) }, { code: 0, stdout: { problems: [], codeowners: null }, stderr: '' });
  });

  it('review: text, exit 1 on the missing planning doc', async () => {
    const run = await spawnCli(['review', '--cwd', root]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^PM Zone blocks this change: no PLANNING\.md\.\n\nBlockers \(1\)\n {2}Whole change \(planning\.missing\)\n/);
    assert.match(run.stdout, /1 blocker, 1 note in 1 file \(\+1 -1 lines\)\.\n$/);
  });

  it('review --format sarif: a SARIF 2.1.0 log', async () => {
    const run = await spawnCli(['review', '--format', 'sarif', '--cwd', root]);
    const log = JSON.parse(run.stdout);
    assert.equal(log.version, '2.1.0');
    assert.deepEqual(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId), ['planning.missing', 'zone.owners']);
  });

  it('planning new, then planning check', async () => {
    const created = await spawnCli(['planning', 'new', '--title', 'Confirm order', '--json', '--cwd', root]);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(JSON.parse(created.stdout).path, PLANNING_FILE);
    const checked = await spawnCli(['planning', 'check', '--json', '--cwd', root]);
    assert.equal(checked.code, 0);
    assert.ok(JSON.parse(checked.stdout).problems.length > 0, 'the fresh template is not finished yet');
  });

  it('pr --dry-run composes the same pull request as in process', async () => {
    const shop = await sample({ trailer: true });
    const run = await spawnCli(['pr', '--dry-run', '--json', '--cwd', shop.root], { env: childEnv({ GITHUB_TOKEN: '', GH_TOKEN: '' }) });
    assert.equal(run.code, 0, run.stderr);
    const composed = JSON.parse(run.stdout) as { title: string; labels: string[] };
    assert.equal(composed.title, 'Clearer card-declined message at checkout');
    assert.deepEqual(composed.labels, ['pm-authored', 'ai-assisted']);
  });
});
