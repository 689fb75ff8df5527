import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import { plainlyReadOnly } from '../../../src/core/agents';
import { agentIsInteractive } from '../../../src/core/agents/personal/agentProcess';
import { cli, isolateGitConfig } from '../cli/support/cli';
import { git, sampleRepo } from '../cli/support/sampleRepo';
import { tempDir } from '../helpers/tempRepo';
import { answerOf, guardIn, inRepo, silent } from './support';

// Gemini CLI has no sandbox a PM can use, so for a pilot PM who turned the
// guard on, each shell command that is not plainly read-only is rewritten
// to run under srt (Gemini's documented tool_input rewrite); without srt it
// is asked about where Gemini can ask, refused where it would hang.

describe("a pilot PM's Gemini CLI shell commands, walled by srt", () => {
  isolateGitConfig();
  let root: string;
  let home: string;
  let bin: string;
  const env = () => ({ ...process.env, HOME: home, PATH: `${bin}${path.delimiter}${process.env.PATH}` });
  const shell = (command: string) => ({ session_id: 's', cwd: root, hook_event_name: 'BeforeTool', tool_name: 'run_shell_command', tool_input: { command, description: 'd' } });
  const srt = () => inRepo(root, 'node_modules/@anthropic-ai/sandbox-runtime/dist/cli.js');

  beforeEach(async () => {
    root = await sampleRepo();
    home = await tempDir('home');
    bin = await tempDir('bin');
    for (const program of ['gemini', 'bwrap', 'socat', 'rg']) await fs.writeFile(path.join(bin, program), '#!/bin/sh\n', { mode: 0o755 });
    await fs.mkdir(inRepo(root, 'node_modules/pm-zone/dist'), { recursive: true });
    await fs.writeFile(inRepo(root, 'node_modules/pm-zone/dist/guard.js'), '// stand-in\n');
    await fs.mkdir(path.dirname(srt()), { recursive: true });
    await fs.writeFile(srt(), '// srt stand-in\n');
    const run = await cli(['agents', 'init', '--me', '--agent', 'gemini', '--cwd', root], { env: env() });
    assert.equal(run.code, 0, run.stderr);
  });

  it('rewrites a command that may write to run under srt with the repository\'s settings, and lets plain reads run as they are', async () => {
    const guard = guardIn(root);
    const answer = answerOf(await guard.run('gemini', shell('npm test'), env())) as { decision: string; hookSpecificOutput: { hookEventName: string; tool_input: { command: string; description: string } } };
    assert.equal(answer.decision, 'allow');
    assert.equal(answer.hookSpecificOutput.hookEventName, 'BeforeTool');
    assert.equal(answer.hookSpecificOutput.tool_input.description, 'd');
    const command = answer.hookSpecificOutput.tool_input.command;
    assert.match(command, /node_modules\/@anthropic-ai\/sandbox-runtime\/dist\/cli\.js' --settings '\S+\/\.pmzone\/repositories\/[0-9a-f]{16}\/srt-settings\.json' -c 'npm test'$/);
    const settingsFile = /--settings '([^']+)'/.exec(command)?.[1] as string;
    const settings = parse(await fs.readFile(settingsFile, 'utf8'));
    assert.ok(settings.filesystem.denyWrite.includes(`${await fs.realpath(root)}/src/auth`));
    assert.ok(settings.filesystem.allowWrite.includes(await fs.realpath(root)));
    for (const read of ['ls src', 'git status', 'git log --oneline -5', 'cat README.md | head -3', 'grep -rn checkout src/features']) assert.ok(silent(await guard.run('gemini', shell(read), env())), read);
    // The early "no" still comes first.
    assert.equal(answerOf(await guard.run('gemini', shell('echo x >> src/auth/session.ts'), env())).decision, 'deny');
  });

  it('asks where Gemini can ask, and refuses headless, when srt cannot run; naming what to install', async () => {
    await fs.rm(srt());
    const pathWithout = env();
    const interactive = guardIn(root, {}, 'pm-zone test', { agentInteractive: async () => true });
    const asked = answerOf(await interactive.run('gemini', shell('npm test'), pathWithout));
    assert.equal(asked.decision, 'ask');
    assert.match(String(asked.reason), /the sandbox that keeps Gemini CLI's commands off engineering-only files cannot run here \(missing: srt\)\. The PM decides whether it runs unsandboxed\. To sandbox it: npm install --global @anthropic-ai\/sandbox-runtime\.$/);
    const headless = answerOf(await guardIn(root).run('gemini', shell('npm test'), pathWithout));
    assert.equal(headless.decision, 'deny');
    assert.match(String(headless.reason), /running without a user to ask \(headless\)/);
  });

  it('leaves an engineer\'s Gemini alone, and every other agent\'s shell to its own sandbox', async () => {
    await git(root, 'config', 'user.email', 'dana@acme.test');
    assert.ok(silent(await guardIn(root).run('gemini', shell('npm test'), env())));
    await git(root, 'config', 'user.email', 'alice@acme.test');
    assert.ok(silent(await guardIn(root).run('claude', { session_id: 's', cwd: root, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'npm test' } }, env())));
  });
});

describe('plainly read-only shell commands', () => {
  it('are the reads a PM runs, and nothing that redirects, substitutes or runs a program', () => {
    for (const command of ['ls -la', 'git status', 'git diff HEAD~1 -- src', 'git log --oneline | head -5', 'cat a.md && wc -l b.md', 'find . -name "*.md"', 'rg -n "checkout" src', 'git branch -a', 'pwd; echo "done"']) assert.ok(plainlyReadOnly(command), command);
    for (const command of ['echo x > a', 'cat a >> b', 'ls $(pwd)', 'echo `id`', 'find . -delete', 'find . -exec rm {} +', 'git commit -m x', 'git -c alias.x=!sh x', 'git log --output=a', 'npm test', 'python3 -c "print(1)"', 'sed -n 1p a', 'A=1 ls', './script.sh', 'cat <<EOF', 'sleep 1 &', "echo $'\\x41'", 'git branch new']) assert.ok(!plainlyReadOnly(command), command);
  });
});

describe('whether the agent running a hook can ask its user', () => {
  // A stand-in agent named like Gemini CLI's program, which runs a hook the way the agent does and reports the answer.
  const agentRunningHook = async (args: string[], withTerminal: boolean): Promise<string> => {
    const folder = await tempDir('fake-agent');
    const program = path.join(folder, 'gemini');
    const hook = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(path.resolve(__dirname, '../../../src/core/agents/personal/agentProcess.ts'))}).agentIsInteractive('gemini').then((answer) => process.stdout.write(String(answer)));`;
    await fs.writeFile(program, `#!${process.execPath}\nconst { execFileSync } = require('child_process');\nprocess.stdout.write(execFileSync('/bin/sh', ['-c', ${JSON.stringify(`${process.execPath} -e ${JSON.stringify(hook).replace(/\$/g, '\\$')}`)}], { stdio: ['pipe', 'pipe', 'inherit'] }));\n`, { mode: 0o755 });
    const command = withTerminal ? ['script', ['-qec', [program, ...args].join(' '), '/dev/null']] as const : [program, args] as const;
    return new Promise((resolve, reject) => {
      const child = spawn(command[0], [...command[1]], { stdio: ['pipe', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.on('error', reject);
      child.on('close', () => resolve(out.trim()));
      child.stdin.end();
    });
  };

  it('is "no" when the agent reads a pipe or was given -p, "yes" when it runs in a terminal', async function () {
    if (process.platform !== 'linux') this.skip();
    assert.equal(await agentRunningHook([], false), 'false');
    assert.equal(await agentRunningHook([], true), 'true');
    assert.equal(await agentRunningHook(['-p', 'hello'], true), 'false');
    assert.equal(await agentIsInteractive('gemini'), false, 'this test process has no Gemini CLI above it');
  });
});
