// What a user of gh, git or npm expects of any command line: --version,
// --help for every command and group with each option described, a usage
// line that names exactly the options the command reads, JSON on failure
// when JSON was asked for, and colour only where it can be seen.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { COMMANDS } from '../../../src/cli/commands';
import { commandGroups } from '../../../src/cli/help';
import { GLOBAL_OPTIONS } from '../../../src/cli/options';
import { runCli } from '../../../src/cli/run';
import { version } from '../../../package.json';
import { cli, isolateGitConfig } from './support/cli';
import { git, sampleWorktree } from './support/sampleRepo';

const ESC = '\u001b[';

/** runCli with standard output as a terminal, or not. */
async function onTerminal(argv: string[], env: NodeJS.ProcessEnv, isTTY: boolean): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: { write: (text: string) => (stdout += text), isTTY }, stderr: { write: (text: string) => (stderr += text) }, cwd: process.cwd(), env, stdin: Readable.from([]) });
  return { code, stdout, stderr };
}

describe('pm-zone, the basics of a command line', () => {
  isolateGitConfig();

  it('--version and -v print the version, and nothing else', async () => {
    for (const flag of ['--version', '-v']) assert.deepEqual(await cli([flag]), { code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('every command and subcommand answers --help on stdout with exit 0, each of its options described', async () => {
    for (const command of COMMANDS) {
      const run = await cli([...command.name.split(' '), '--help']);
      assert.equal(run.code, 0, command.name);
      assert.equal(run.stderr, '');
      assert.ok(run.stdout.startsWith(`usage: pm-zone ${command.usage}\n\n${command.summary}\n`), command.name);
      for (const [name, option] of Object.entries({ ...command.options, ...GLOBAL_OPTIONS })) {
        assert.ok(run.stdout.includes(`--${name}`) && run.stdout.includes(option.description), `${command.name} --help describes --${name}`);
      }
    }
  });

  it('a group answers --help with its subcommands, and help GROUP says the same', async () => {
    for (const [group, subcommands] of commandGroups(COMMANDS)) {
      const run = await cli([group, '--help']);
      assert.equal(run.code, 0, group);
      for (const command of subcommands) assert.ok(run.stdout.includes(`  ${command.usage}\n      ${command.summary}\n`), `${group} --help lists ${command.name}`);
      assert.deepEqual(await cli(['help', group]), run);
      assert.deepEqual(await cli([group, '-h']), run);
    }
  });

  it("each command's usage line names exactly the options it reads", () => {
    for (const command of COMMANDS) {
      const named = new Set([...command.usage.matchAll(/--([a-z][\w-]*)/g)].map((match) => match[1]));
      assert.deepEqual([...named].sort(), Object.keys(command.options).sort(), `pm-zone ${command.usage}`);
    }
  });

  it('each value-taking option says what it takes, and the usage line says it the same way', () => {
    for (const command of COMMANDS) {
      for (const [name, option] of Object.entries(command.options)) {
        if (option.type !== 'string') continue;
        assert.ok(option.value, `${command.name} --${name} names its value`);
        assert.ok(command.usage.includes(`--${name} ${option.value}`), `${command.name}: '--${name} ${option.value}' in '${command.usage}'`);
      }
    }
  });

  describe('--json on failure', () => {
    let root: string;
    before(async () => {
      root = await sampleWorktree();
    });

    it('a usage error is a JSON object on stdout, with the same exit status and the line on stderr', async () => {
      const run = await cli(['review', '--format', 'xml', '--json', '--cwd', root]);
      assert.equal(run.code, 2);
      assert.deepEqual(JSON.parse(run.stdout), { error: { message: "--format takes text, json, sarif or github, not 'xml'", exitCode: 2 } });
      assert.equal(run.stderr, "pm-zone: --format takes text, json, sarif or github, not 'xml'\n");
      assert.deepEqual(JSON.parse((await cli(['--json'])).stdout).error.exitCode, 2);
      assert.match(JSON.parse((await cli(['explain', '--frob', '--json'])).stdout).error.message, /Unknown option '--frob'/);
    });

    it('controls without a token, and a command outside a repository: JSON, exit status unchanged', async () => {
      const controls = await cli(['controls', '--json', '--cwd', root], { env: { PATH: process.env.PATH } });
      assert.equal(controls.code, 2);
      assert.match(JSON.parse(controls.stdout).error.message, /set GITHUB_TOKEN \(or GH_TOKEN\)/);
      const outside = await cli(['review', '--json', '--cwd', path.dirname(root)]);
      assert.equal(JSON.parse(outside.stdout).error.exitCode, outside.code);
      assert.notEqual(outside.code, 0);
    });

    it('without --json, a failure prints nothing on stdout', async () => {
      const run = await cli(['review', '--format', 'xml', '--cwd', root]);
      assert.deepEqual({ code: run.code, stdout: run.stdout }, { code: 2, stdout: '' });
    });
  });

  describe('colour', () => {
    let root: string;
    before(async () => {
      // A change with a blocker (a locked file), a warning (too many lines for "one thing") and a hostile file name.
      root = await sampleWorktree({ branch: 'alice/copy', commit: true });
      await fs.writeFile(path.join(root, 'src', 'auth', 'session.ts'), 'export const changed = 1;\n');
      await fs.writeFile(path.join(root, 'src', 'features', 'checkout', `note\u001b]0;owned\u0007.md`), 'x\n'.repeat(40));
      await git(root, 'add', '-A');
    });
    const review = () => ['review', '--staged', '--max-lines', '5', '--cwd', root];
    // The test's own environment (git shut off from the machine's settings), less what decides colour.
    const { NO_COLOR: _noColor, FORCE_COLOR: _forceColor, TERM: _term, ...plainEnv } = process.env;

    it('on a terminal, blockers are red and warnings yellow; what the repository holds stays escaped', async () => {
      const run = await onTerminal(review(), plainEnv, true);
      assert.equal(run.code, 1, run.stderr);
      assert.ok(run.stdout.includes(`${ESC}31mBlockers (`), run.stdout);
      assert.ok(run.stdout.includes(`${ESC}33mWarnings (`), run.stdout);
      assert.ok(!run.stdout.includes('\u001b]0;'), 'the file name cannot retitle the terminal');
      assert.ok(run.stdout.includes('\\033]0;owned\\a'), run.stdout);
    });

    it('off in a pipe, with NO_COLOR, with --no-color and on a dumb terminal; --color and FORCE_COLOR turn it on in a pipe', async () => {
      const off: [NodeJS.ProcessEnv, string[], boolean][] = [
        [plainEnv, [], false],
        [{ ...plainEnv, NO_COLOR: '1' }, [], true],
        [{ ...plainEnv, NO_COLOR: '1', FORCE_COLOR: '1' }, [], true],
        [plainEnv, ['--no-color'], true],
        [{ ...plainEnv, FORCE_COLOR: '1' }, ['--no-color'], false],
        [{ ...plainEnv, TERM: 'dumb' }, [], true],
      ];
      for (const [env, flags, tty] of off) {
        const run = await onTerminal([...flags, ...review()], env, tty);
        assert.equal(run.code, 1);
        assert.ok(!run.stdout.includes(ESC), `no colour with ${JSON.stringify({ env: { ...env, PATH: undefined, HOME: undefined }, flags, tty })}`);
      }
      for (const [env, flags] of [[plainEnv, ['--color']], [{ ...plainEnv, FORCE_COLOR: '1' }, []], [{ ...plainEnv, NO_COLOR: '' }, ['--color']]] as const) {
        assert.ok((await onTerminal([...flags, ...review()], env, false)).stdout.includes(`${ESC}31mBlockers`), JSON.stringify({ env: { ...env, PATH: undefined, HOME: undefined }, flags }));
      }
      // NO_COLOR set but empty does not count (no-color.org).
      assert.ok((await onTerminal(review(), { ...plainEnv, NO_COLOR: '' }, true)).stdout.includes(`${ESC}31mBlockers`));
    });

    it('JSON, SARIF and GitHub workflow commands are never coloured', async () => {
      for (const format of ['json', 'sarif', 'github']) assert.ok(!(await onTerminal([...review(), '--format', format], plainEnv, true)).stdout.includes(ESC), format);
    });

    it('check-config colours its errors and warnings the same way', async () => {
      // A policy file git does not track: a warning.
      const untracked = await sampleWorktree();
      await git(untracked, 'rm', '--cached', '--quiet', '--', 'CLAUDE.md');
      const run = await onTerminal(['check-config', '--cwd', untracked], plainEnv, true);
      assert.ok(run.stdout.startsWith(`CLAUDE.md:1:1  ${ESC}33mwarning${ESC}0m  untracked-policy-file`), run.stdout);
      assert.ok(!(await onTerminal(['check-config', '--cwd', untracked, '--no-color'], plainEnv, true)).stdout.includes(ESC));
    });
  });
});
