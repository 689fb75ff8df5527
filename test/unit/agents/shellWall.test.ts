import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import { plainlyReadOnly } from '../../../src/core/agents';
import { agentIsInteractive } from '../../../src/core/agents/personal/agentProcess';
import { mayPrintGitPatch } from '../../../src/core/agents/personal/readOnlyCommand';
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
    for (const read of ['ls src', 'git status', 'git log --oneline -5', 'cat README.md | head -3', 'grep -rn checkout src/features', 'git add -A && git commit -m "Copy"']) assert.ok(silent(await guard.run('gemini', shell(read), env())), read);
    const configured = answerOf(await guard.run('gemini', shell('git -c core.hooksPath=x commit -m y'), env())) as { hookSpecificOutput?: { tool_input: { command: string } } };
    assert.match(String(configured.hookSpecificOutput?.tool_input.command), /sandbox-runtime/, 'git given a setting that runs a program runs sandboxed');
    // The early "no" still comes first.
    assert.equal(answerOf(await guard.run('gemini', shell('echo x >> src/auth/session.ts'), env())).decision, 'deny');
  });

  it('holds in srt itself: a command under the settings written cannot write a locked file or switch the guard off, and writes the PM\'s own', async function () {
    if (process.platform !== 'linux') this.skip();
    const answer = answerOf(await guardIn(root).run('gemini', shell('npm test'), env())) as { hookSpecificOutput: { tool_input: { command: string } } };
    const settings = /--settings '([^']+)'/.exec(answer.hookSpecificOutput.tool_input.command)?.[1] as string;
    // The real srt (a devDependency), run on what the early reading would have refused, to see the wall itself.
    const command = 'echo x >> src/auth/session.ts; echo "a=$?"; echo y >> src/features/checkout/README.md; echo "b=$?"; echo z > "$HOME/.pmzone/guarded.json"; echo "c=$?"; git config core.hooksPath /tmp; echo "d=$?"';
    // The machine's own bwrap, socat and rg (scripts/vscode-host/prerequisites.mjs installs them), not the stand-ins.
    const ran = spawnSync(process.execPath, [require.resolve('@anthropic-ai/sandbox-runtime/dist/cli.js'), '--settings', settings, '-c', command], { cwd: root, env: { ...process.env, HOME: home }, encoding: 'utf8' });
    assert.match(ran.stdout, /a=1\nb=0\nc=1\nd=[1-9]/, ran.stdout + ran.stderr);
    assert.match(ran.stderr, /src\/auth\/session\.ts: Read-only file system/);
    assert.doesNotMatch(await fs.readFile(inRepo(root, 'src/auth/session.ts'), 'utf8'), /^x$/m);
    assert.match(await fs.readFile(inRepo(root, 'src/features/checkout/README.md'), 'utf8'), /^y$/m);
    assert.doesNotMatch(await git(root, 'config', '--get-all', 'core.hooksPath').catch(() => ''), /tmp/);
  });

  it('lets a command under the rewrite copy a file into the temporary folder, which srt would otherwise point at a folder only Claude Code makes', async function () {
    if (process.platform !== 'linux') this.skip();
    // The real srt (a devDependency) where the repository installs it, and the machine's own bwrap, socat and rg.
    await fs.rm(srt());
    await fs.symlink(require.resolve('@anthropic-ai/sandbox-runtime/dist/cli.js'), srt());
    const copy = `pm-zone-copy-${process.pid}.md`;
    const answer = answerOf(await guardIn(root).run('gemini', shell(`cp README.md "$TMPDIR/${copy}"; echo "cp=$?"`), env())) as { hookSpecificOutput: { tool_input: { command: string } } };
    const ran = spawnSync('sh', ['-c', answer.hookSpecificOutput.tool_input.command], { cwd: root, env: { ...process.env, HOME: home }, encoding: 'utf8' });
    try {
      assert.match(ran.stdout, /cp=0/, ran.stdout + ran.stderr);
      assert.equal(await fs.readFile(path.join(os.tmpdir(), copy), 'utf8'), await fs.readFile(inRepo(root, 'README.md'), 'utf8'));
    } finally {
      await fs.rm(path.join(os.tmpdir(), copy), { force: true });
    }
  });

  it("keeps rg and git working beside the locked paths that do not exist yet, and still refuses making them", async function () {
    if (process.platform !== 'linux') this.skip();
    const answer = answerOf(await guardIn(root).run('gemini', shell('npm test'), env())) as { hookSpecificOutput: { tool_input: { command: string } } };
    const settings = /--settings '([^']+)'/.exec(answer.hookSpecificOutput.tool_input.command)?.[1] as string;
    // The real srt, on writes the early reading would have refused, to see the wall itself.
    const command = 'rg -l checkout . </dev/null >/dev/null; echo "rg=$?"; git status --short; echo x > .gitattributes; echo "w=$?"; echo x > Pipfile; echo "p=$?"';
    const ran = spawnSync(process.execPath, [require.resolve('@anthropic-ai/sandbox-runtime/dist/cli.js'), '--settings', settings, '-c', command], { cwd: root, env: { ...process.env, HOME: home }, encoding: 'utf8' });
    assert.match(ran.stdout, /^rg=0$/m, ran.stdout + ran.stderr);
    // Nothing is new in the sample: a `??` would be a placeholder, srt's own (.bashrc, .idea…) or one for the locked area.
    assert.doesNotMatch(ran.stdout + ran.stderr, /unable to access|Pipfile: Permission denied|\?\? /);
    assert.match(ran.stdout, /^w=1$/m);
    assert.match(ran.stdout, /^p=1$/m);
    await assert.rejects(fs.stat(inRepo(root, '.gitattributes')));
  });

  it('holds srt\'s own names in the folder a command starts in below the top, so git status there lists none of them', async function () {
    if (process.platform !== 'linux') this.skip();
    const folder = inRepo(root, 'src/features/checkout');
    const fromFolder = { ...shell('npm test'), cwd: folder };
    const answer = answerOf(await guardIn(root).run('gemini', fromFolder, env())) as { hookSpecificOutput: { tool_input: { command: string } } };
    const settings = /--settings '([^']+)'/.exec(answer.hookSpecificOutput.tool_input.command)?.[1] as string;
    assert.match(settings, /\/srt-settings\.[0-9a-f]{16}\.json$/, 'a copy of the repository\'s settings for that folder');
    const denyWrite = (parse(await fs.readFile(settings, 'utf8')) as { filesystem: { denyWrite: string[] } }).filesystem.denyWrite;
    const real = await fs.realpath(folder);
    assert.ok(denyWrite.includes(`${real}/.bashrc/.pm-zone-locked`), 'held by an empty folder');
    const repositoryWide = (parse(await fs.readFile(settings.replace(/\.[0-9a-f]{16}\.json$/, '.json'), 'utf8')) as { filesystem: { denyWrite: string[] } }).filesystem.denyWrite;
    for (const entry of repositoryWide) assert.ok(denyWrite.includes(entry), `${entry} kept`);
    const ran = spawnSync(process.execPath, [require.resolve('@anthropic-ai/sandbox-runtime/dist/cli.js'), '--settings', settings, '-c', 'git status --short --untracked-files=all; echo x > .bashrc; echo "w=$?"'], { cwd: folder, env: { ...process.env, HOME: home }, encoding: 'utf8' });
    assert.doesNotMatch(ran.stdout + ran.stderr, /\?\? /, ran.stdout + ran.stderr);
    assert.match(ran.stdout, /^w=1$/m, 'still read-only');
    // The same command again writes nothing new: the copy is only rewritten when it would differ.
    const before = (await fs.stat(settings)).mtimeMs;
    await guardIn(root).run('gemini', fromFolder, env());
    assert.equal((await fs.stat(settings)).mtimeMs, before);
  });

  it("prints git's patches under the rewrite with Gemini's own git settings, which name an empty diff program, and still refuses a locked write", async function () {
    if (process.platform !== 'linux') this.skip();
    // The real srt where the repository installs it, and the machine's own bwrap, socat and rg.
    await fs.rm(srt());
    await fs.symlink(require.resolve('@anthropic-ai/sandbox-runtime/dist/cli.js'), srt());
    // What Gemini CLI 0.61 puts in every shell command's environment.
    const overrides = [['credential.helper', ''], ['core.fsmonitor', ''], ['core.hooksPath', ''], ['core.sshCommand', ''], ['core.pager', 'cat'], ['core.editor', ''], ['sequence.editor', ''], ['diff.external', '']];
    const gemini: Record<string, string> = { GIT_CONFIG_COUNT: String(overrides.length), GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_PAGER: 'cat' };
    overrides.forEach(([key, value], index) => Object.assign(gemini, { [`GIT_CONFIG_KEY_${index}`]: key, [`GIT_CONFIG_VALUE_${index}`]: value }));
    const bare = spawnSync('git', ['diff', 'HEAD~1'], { cwd: root, env: { ...process.env, ...gemini }, encoding: 'utf8' });
    assert.match(bare.stderr, /external diff died/, 'git itself runs the empty program');
    await fs.appendFile(inRepo(root, 'src/features/checkout/i18n/en.json'), '\n');
    const run = async (command: string) => {
      const answer = answerOf(await guardIn(root).run('gemini', shell(command), env())) as { hookSpecificOutput: { tool_input: { command: string } } };
      // Gemini CLI refuses a line with `$(` or a backtick as "command substitution": none but the agent's own.
      assert.doesNotMatch(answer.hookSpecificOutput.tool_input.command.replace(command, ''), /\$\(|`/);
      return spawnSync('sh', ['-c', answer.hookSpecificOutput.tool_input.command], { cwd: root, env: { ...process.env, HOME: home, ...gemini }, encoding: 'utf8' });
    };
    const diff = await run('git diff');
    assert.equal(diff.status, 0, diff.stderr);
    assert.match(diff.stdout, /^diff --git a\/src\/features\/checkout\/i18n\/en\.json b\/src\/features\/checkout\/i18n\/en\.json$/m);
    const copy = `pm-zone-diff-${process.pid}.patch`;
    const ran = await run(`git show HEAD~1 >/dev/null; echo "show=$?"; git log -p -1 >/dev/null; echo "log=$?"; git status --short; rg -l checkout . >/dev/null; echo "rg=$?"; git diff > "$TMPDIR/${copy}"; echo "cp=$?"; git config --get core.hooksPath; echo "hooks=$?"`);
    try {
      assert.match(ran.stdout, /^show=0\nlog=0\n M src\/features\/checkout\/i18n\/en\.json\nrg=0\ncp=0\n\nhooks=0\n$/, ran.stdout + ran.stderr);
      assert.doesNotMatch(ran.stderr, /external diff died/);
      assert.match(await fs.readFile(path.join(os.tmpdir(), copy), 'utf8'), /^\+$/m);
    } finally {
      await fs.rm(path.join(os.tmpdir(), copy), { force: true });
    }
    // The wall itself, on a write the early answer would have refused.
    const settings = /--settings '([^']+)'/.exec((answerOf(await guardIn(root).run('gemini', shell('git diff'), env())) as { hookSpecificOutput: { tool_input: { command: string } } }).hookSpecificOutput.tool_input.command)?.[1] as string;
    const locked = spawnSync(process.execPath, [require.resolve('@anthropic-ai/sandbox-runtime/dist/cli.js'), '--settings', settings, '-c', 'echo x >> src/auth/session.ts; echo "a=$?"; echo x > .bashrc; echo "b=$?"'], { cwd: root, env: { ...process.env, HOME: home, ...gemini }, encoding: 'utf8' });
    assert.match(locked.stdout, /^a=1\nb=1$/m, locked.stdout + locked.stderr);
    assert.doesNotMatch(await fs.readFile(inRepo(root, 'src/auth/session.ts'), 'utf8'), /^x$/m);
    await assert.rejects(fs.stat(inRepo(root, '.bashrc')));
  });

  it('walls a read that may print a git patch, and only those', () => {
    for (const command of ['git diff', 'git diff HEAD~1 -- src', 'git show HEAD', 'git log -p -3', 'git log --patch', 'git status && git diff', 'git log -1 -U5']) assert.ok(mayPrintGitPatch(command), command);
    for (const command of ['git status', 'git diff --stat', 'git diff --name-only', 'git show -s HEAD', 'git show HEAD --stat', 'git log --oneline -10', 'ls; git branch -a']) assert.ok(!mayPrintGitPatch(command), command);
  });

  it('asks where Gemini can ask, and refuses headless, when srt cannot run; naming what to install', async () => {
    await fs.rm(srt());
    // No srt in node_modules, none on PATH (the project's own node_modules/.bin left out).
    const pathWithout = { ...env(), PATH: [bin, path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter) };
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
    for (const command of ['echo x > a', 'cat a >> b', 'ls $(pwd)', 'echo `id`', 'find . -delete', 'find . -exec rm {} +', 'git commit -m x', 'git -c alias.x=!sh x', 'git log --output=a', 'npm test', 'python3 -c "print(1)"', 'sed -n 1p a', 'A=1 ls', './script.sh', 'cat <<EOF', 'sleep 1 &', "echo $'\\x41'", 'git branch new', 'tree -o src/auth/x.ts', 'rg --pre sh x x.sh', 'rg --pre=sh x', 'git grep --open-files-in-pager=sh -l . x.sh', 'git grep -Osh -l .', 'file -C -m x']) assert.ok(!plainlyReadOnly(command), command);
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

describe("a pilot PM's ordinary commands", () => {
  isolateGitConfig();
  // What a PM's agent runs while changing copy, a prompt or a flag: none may be refused, at most 5% asked about.
  const BENIGN = [
    'ls', 'ls -la src/features/checkout', 'git status', 'git diff', 'git diff --stat', 'git log --oneline -10', 'git branch --show-current',
    'cat src/features/checkout/i18n/en.json', 'head -20 README.md', 'grep -rn "Place order" src', 'rg -n checkout src/features', 'find src/features -name "*.json"',
    'npm test', 'npm run lint', 'npm run build', 'npx prettier --check src/features/checkout', 'node --version', 'git add src/features/checkout/i18n/en.json',
    'git commit -m "Reword the checkout button"', 'git add -A && git commit -m "Copy"', 'git checkout -b pm/checkout-copy', 'git switch -c pm/copy', 'git push -u origin HEAD',
    'git pull --rebase', 'git fetch origin', 'mkdir -p src/features/checkout/prompts', 'touch src/features/checkout/PLANNING.md', 'cp src/features/checkout/i18n/en.json /tmp/en.json',
    'jq . src/features/checkout/i18n/en.json', 'wc -l src/features/checkout/i18n/*.json', 'echo "done"', 'pwd', 'git stash', 'git restore src/features/checkout/i18n/en.json',
    'sed -i "s/Place order/Confirm order/" src/features/checkout/i18n/en.json', 'npx pm-zone review --staged', 'npx pm-zone explain src/features/checkout/i18n/en.json',
    'git show HEAD --stat', 'diff src/features/checkout/i18n/en.json /tmp/en.json', 'mv src/features/checkout/NOTES.md src/features/checkout/PLANNING-notes.md',
  ];

  it('are neither refused nor, but for a few, asked about (Claude Code and Gemini CLI, guarded with --me)', async () => {
    const root = await sampleRepo();
    const home = await tempDir('home');
    const bin = await tempDir('bin');
    for (const program of ['claude', 'gemini']) await fs.writeFile(path.join(bin, program), '#!/bin/sh\n', { mode: 0o755 });
    await fs.mkdir(inRepo(root, 'node_modules/pm-zone/dist'), { recursive: true });
    await fs.writeFile(inRepo(root, 'node_modules/pm-zone/dist/guard.js'), '// stand-in\n');
    const env = { ...process.env, HOME: home, PATH: `${bin}${path.delimiter}${process.env.PATH}` };
    assert.equal((await cli(['agents', 'init', '--me', '--cwd', root], { env })).code, 0);
    const guard = guardIn(root, {}, 'pm-zone test', { agentInteractive: async () => true });
    for (const agent of ['claude', 'gemini'] as const) {
      const decisions = await Promise.all(BENIGN.map(async (command) => {
        const payload = agent === 'claude'
          ? { session_id: 's', cwd: root, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } }
          : { session_id: 's', cwd: root, hook_event_name: 'BeforeTool', tool_name: 'run_shell_command', tool_input: { command } };
        const output = await guard.run(agent, payload, env);
        if (output.stdout === '') return [command, 'silent'] as const;
        const answer = answerOf(output) as { decision?: string; hookSpecificOutput?: { permissionDecision?: string } };
        return [command, answer.decision ?? answer.hookSpecificOutput?.permissionDecision ?? 'other'] as const;
      }));
      const denied = decisions.filter(([, decision]) => decision === 'deny');
      const asked = decisions.filter(([, decision]) => decision === 'ask');
      assert.deepEqual(denied, [], agent);
      assert.ok(asked.length <= BENIGN.length * 0.05, `${agent}: ${asked.length} of ${BENIGN.length} asked: ${asked.map(([command]) => command).join('; ')}`);
    }
  });
});
