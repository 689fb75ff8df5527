// Help and usage errors: help goes to stdout with status 0; every mistake in
// the arguments is one line on stderr with status 2, never a stack trace.
import * as assert from 'node:assert/strict';
import { COMMANDS } from '../../../src/cli/commands';
import { assertOneLineError, cli, isolateGitConfig } from './support/cli';
import { sampleWorktree } from './support/sampleRepo';

describe('pm-zone usage', () => {
  isolateGitConfig();
  // Read only: every test may share one copy of the sample.
  let root: string;
  before(async () => {
    root = await sampleWorktree();
  });

  it('--help lists every command with its summary, on stdout, with status 0', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const run = await cli([flag]);
      assert.equal(run.code, 0);
      assert.equal(run.stderr, '');
      for (const command of COMMANDS) {
        assert.ok(run.stdout.includes(`  ${command.usage}\n      ${command.summary}\n`), `${flag} shows ${command.name}`);
      }
      assert.match(run.stdout, /--cwd DIR/);
    }
  });

  it('<command> --help and help <command> show that command only', async () => {
    const direct = await cli(['review', '--help']);
    const viaHelp = await cli(['help', 'review']);
    assert.equal(direct.code, 0);
    assert.deepEqual(viaHelp, direct);
    assert.match(direct.stdout, /^usage: pm-zone review \[--staged \| --base REF\]/);
    assert.doesNotMatch(direct.stdout, /explain/);
    const twoWords = await cli(['hook', 'install', '-h']);
    assert.match(twoWords.stdout, /^usage: pm-zone hook install \[--prepare\]\n/);
  });

  const usageErrors: [string, string[], RegExp][] = [
    ['no command', [], /give a command: init, explain, owners, check-config, review, hook, start, planning/],
    ['an unknown command', ['frobnicate', 'x'], /unknown command 'frobnicate'/],
    ['help on an unknown command', ['help', 'frobnicate'], /unknown command 'frobnicate'/],
    ['a command group without its subcommand', ['hook'], /'hook' takes a subcommand: install or uninstall/],
    ['a command group with an unknown subcommand', ['planning', 'delete'], /'planning' takes a subcommand: new or check, not 'delete'/],
    ['an unknown flag', ['explain', '--frob', 'a.md'], /Unknown option '--frob'.*usage: pm-zone explain/],
    ['an unknown short flag', ['owners', '-x', 'a.md'], /Unknown option '-x'/],
    ['a missing value', ['explain', 'a.md', '--cwd'], /Option '--cwd <value>' argument missing/],
    ['a missing value of a command option', ['review', '--format'], /'--format <value>' argument missing/],
    ['a value given to a boolean flag', ['explain', '--json=yes', 'a.md'], /--json/],
    ['a format that does not exist', ['review', '--format', 'xml'], /--format takes text, json, sarif or github, not 'xml'/],
    ['a limit that is not a number', ['review', '--max-lines', 'many'], /--max-lines takes a whole number of at least 1, not 'many'/],
    ['a limit of zero', ['review', '--max-files', '0'], /--max-files takes a whole number/],
    ['explain without paths', ['explain'], /give at least one repository-relative path/],
    ['owners without paths', ['owners'], /give at least one repository-relative path/],
    ['--stdin with no standard input', ['owners', '--stdin'], /--stdin given but no standard input/],
    ['planning new without a title', ['planning', 'new'], /--title is required/],
    ['planning new with an unknown tier', ['planning', 'new', '--title', 'T', '--tier', 'beta'], /--tier takes prototype, internal-tool, production, not 'beta'/],
    ['planning check with two files', ['planning', 'check', 'a/PLANNING.md', 'b/PLANNING.md'], /one planning doc at a time/],
  ];
  for (const [what, argv, message] of usageErrors) {
    it(`exits 2 with one line for ${what}`, async () => {
      assertOneLineError(await cli(['--cwd', root, ...argv]), 2, message);
    });
  }

  it('takes the global options before the command too', async () => {
    const after = await cli(['explain', 'src/auth/login.ts', '--json', '--cwd', root]);
    const before = await cli(['--json', '--cwd', root, 'explain', 'src/auth/login.ts']);
    const joined = await cli([`--cwd=${root}`, '--json', 'explain', 'src/auth/login.ts']);
    assert.equal(after.code, 0);
    assert.deepEqual(before, after);
    assert.deepEqual(joined, after);
    assertOneLineError(await cli(['--cwd']), 2, /give a command/);
  });

  it('exits 2 with one line when --cwd is not a folder', async () => {
    assertOneLineError(await cli(['explain', 'a.md', '--cwd', '/no/such/folder/anywhere']), 2, /not a folder: \/no\/such\/folder\/anywhere/);
    assertOneLineError(await cli(['review', '--cwd', __filename]), 2, /not a folder/);
  });

  it('resolves a relative --cwd against the current directory', async () => {
    const parent = root.slice(0, root.lastIndexOf('/'));
    const run = await cli(['owners', 'src/auth/login.ts', '--json', '--cwd', 'repo'], { cwd: parent });
    assert.equal(run.code, 0);
    assert.deepEqual(JSON.parse(run.stdout)[0].owners, ['@acme/security']);
  });
});
