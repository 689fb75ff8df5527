// `pm-zone completion bash|zsh|fish`, loaded into the real shells: what each
// offers after a few typed words, read from the command table. bash and zsh
// are asked through their completion functions with the words set as the
// shell sets them (zsh's compadd and _files stand in, printing what they are
// given); fish through its own `complete -C`. zsh and fish are Debian
// packages that `npm test`'s first step installs.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { COMMANDS } from '../../../src/cli/commands';
import { cli } from './support/cli';
import { tempDir } from '../helpers/tempRepo';
import { requirePrerequisites } from '../../../scripts/vscode-host/prerequisites.mjs';
import { cpuBound } from '../helpers/cpuBound';

function shell(program: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { cwd, env: { PATH: process.env.PATH, HOME: cwd } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${program}: ${(error as Error).message} ${stderr}`));
      else resolve(stdout);
    });
  });
}

describe('shell completion, from the command table', function () {
  this.timeout(cpuBound(30_000));
  let folder: string;
  const scripts: Record<string, string> = {};

  before(async () => {
    // Missing, they fail here with the apt-get line that installs them (npm test's first step runs it).
    requirePrerequisites(['zsh', 'fish']);
    folder = await tempDir('completion');
    await fs.mkdir(path.join(folder, 'src'));
    await fs.writeFile(path.join(folder, 'CLAUDE.md'), '');
    for (const name of ['bash', 'zsh', 'fish']) {
      const run = await cli(['completion', name]);
      assert.equal(run.code, 0, run.stderr);
      scripts[name] = path.join(folder, `pm-zone.${name}`);
      await fs.writeFile(scripts[name], run.stdout);
    }
  });

  /** What bash offers for the command line `line`, the cursor at its end. */
  async function bash(line: string): Promise<string[]> {
    const words = line.split(' ');
    const script = `source ${scripts.bash}; COMP_WORDS=(${words.map((word) => `'${word}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _pm_zone; printf '%s\\n' "\${COMPREPLY[@]}"`;
    return (await shell('bash', ['-c', script], folder)).split('\n').filter(Boolean).sort();
  }

  async function zsh(line: string): Promise<string[]> {
    const words = line.split(' ');
    const script = [
      'compdef() { :; }',
      "compadd() { [[ $1 == -- ]] && shift; printf '%s\\n' \"$@\"; }",
      "_files() { printf '(%s)\\n' \"${1:-files}\"; }",
      `source ${scripts.zsh}`,
      `words=(${words.map((word) => `'${word}'`).join(' ')}); CURRENT=${words.length}`,
      '_pm_zone',
    ].join('\n');
    return (await shell('zsh', ['-f', '-c', script], folder)).split('\n').filter(Boolean).sort();
  }

  async function fish(line: string): Promise<string[]> {
    const out = await shell('fish', ['--no-config', '-c', `source ${scripts.fish}; complete -C '${line}'`], folder);
    return out.split('\n').filter(Boolean).map((entry) => entry.split('\t')[0]).sort();
  }

  const commandWords = [...new Set(COMMANDS.map((command) => command.name.split(' ')[0]))].sort();

  for (const [name, complete] of [['bash', bash], ['zsh', zsh], ['fish', fish]] as const) {
    describe(name, () => {
      it('offers every command, then a group\'s subcommands', async () => {
        assert.deepEqual((await complete('pm-zone ')).filter((word) => !word.startsWith('-')), commandWords);
        assert.deepEqual(await complete('pm-zone hook '), ['install', 'uninstall']);
        assert.deepEqual(await complete('pm-zone agents '), ['check', 'init']);
      });

      it("offers a command's own options with the global ones, and an option's values", async () => {
        const review = await complete('pm-zone review --');
        for (const flag of ['--staged', '--max-files', '--max-lines', '--format', '--json', '--no-color', '--cwd']) assert.ok(review.includes(flag), `${flag} in ${review.join(' ')}`);
        assert.ok(!review.includes('--title'), 'planning new\'s --title is not review\'s');
        assert.deepEqual(await complete('pm-zone review --format '), ['github', 'json', 'sarif', 'text']);
        assert.deepEqual(await complete('pm-zone audit --format '), ['html', 'json', 'markdown', 'text']);
        assert.deepEqual(await complete('pm-zone agents init --agent '), ['claude', 'codex', 'copilot', 'cursor', 'gemini']);
        assert.deepEqual(await complete('pm-zone --codeowners-flavor gitlab planning new --tier '), ['internal-tool', 'production', 'prototype']);
      });

      it("finds the command past global options and their values, and offers files where a command takes paths", async () => {
        const options = await complete('pm-zone --cwd src planning check --');
        assert.ok(options.includes('--as'), options.join(' '));
        const paths = await complete('pm-zone explain C');
        assert.ok(paths.includes('CLAUDE.md') || paths.includes('(files)'), paths.join(' '));
      });
    });
  }

  it('a shell it does not know is a usage error', async () => {
    const run = await cli(['completion', 'powershell']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /completion takes one shell: bash, zsh, fish, not 'powershell'/);
  });
});
