// The commands dist/cli.js runs from dist/zone.js (zoneCommands.ts) answer as
// the full command line does: the same command objects, read by the same
// runner, print the same words and exit with the same status.
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import { Readable } from 'node:stream';
import { COMMANDS } from '../../../src/cli/commands';
import { runsZoneCommand, ZONE_COMMANDS } from '../../../src/cli/leadingGlobals';
import { runZoneCommand, ZONE_COMMAND_TABLE } from '../../../src/cli/zoneCommands';
import { cli, isolateGitConfig, type CliRun } from './support/cli';
import { sampleWorktree } from './support/sampleRepo';

async function zoneCli(argv: string[], cwd: string, stdin?: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runZoneCommand(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
    env: process.env,
    ...(stdin === undefined ? {} : { stdin: Readable.from([Buffer.from(stdin, 'utf8')]) }),
  });
  return { code, stdout, stderr };
}

describe('pm-zone whoami and explain, as dist/zone.js runs them', function () {
  this.timeout(60_000);
  isolateGitConfig();
  let root: string;

  before(async () => {
    root = await sampleWorktree();
  });

  it('are the command objects of the full table, by the names main.ts routes', () => {
    assert.deepEqual(ZONE_COMMAND_TABLE.map((command) => command.name), [...ZONE_COMMANDS]);
    for (const command of ZONE_COMMAND_TABLE) assert.ok(COMMANDS.includes(command), command.name);
  });

  it('are routed by their first word, after the options every command takes', () => {
    assert.equal(runsZoneCommand(['whoami']), true);
    assert.equal(runsZoneCommand(['--cwd', 'x', '--json', 'explain', 'a']), true);
    assert.equal(runsZoneCommand(['whoami', '--help']), true);
    for (const argv of [[], ['help', 'whoami'], ['--help'], ['owners', 'a'], ['check-config'], ['--cwd', 'whoami', 'review']]) assert.equal(runsZoneCommand(argv), false, argv.join(' '));
  });

  for (const argv of [
    ['whoami'],
    ['whoami', '--json'],
    ['whoami', '--as', '@nobody'],
    ['--json', 'whoami', '--as', '@alice'],
    ['whoami', 'extra'],
    ['whoami', '--help'],
    ['explain', 'src/auth/login.ts', 'src/features/checkout/i18n/en.json', '../outside.txt'],
    ['explain', '--json', '--as', '@alice', 'src/features/checkout/i18n/en.json'],
    ['explain'],
    ['explain', '--policy-file', '/etc/passwd', 'a'],
    ['--policy-file', 'MISSING.md', 'explain', 'src/auth/login.ts'],
  ]) {
    it(`answers \`${argv.join(' ')}\` as runCli does`, async () => {
      assert.deepEqual(await zoneCli(argv, root), await cli(argv, { cwd: root }));
    });
  }

  it('reads paths from standard input as runCli does', async () => {
    const argv = ['explain', '--stdin'];
    assert.deepEqual(await zoneCli(argv, root, 'src/auth/login.ts\n'), await cli(argv, { cwd: root, stdin: 'src/auth/login.ts\n' }));
  });

  it('outside a repository, as runCli does', async () => {
    assert.deepEqual(await zoneCli(['whoami'], os.tmpdir()), await cli(['whoami'], { cwd: os.tmpdir() }));
  });
});
