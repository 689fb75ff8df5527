import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { AGENT_HOOKS, runHookCommand, type AgentName } from '../../../src/core/agents';
import { launcherHash, verifiedHashOf, verifiedLauncherLine, verifiedNodeOf } from '../../../src/core/agents/launcherLine';
import { userHookLine } from '../../../src/core/agents/personal/userLauncher';
import { statsState } from '../../../src/core/git/fileStates';
import { tempDir } from '../helpers/tempRepo';

// The hook line must not trust the file it runs: an agent that empties,
// deletes or rewrites the launcher must find its next tool call refused
// (exit 2 blocks on every agent), not let through; and must not hold the
// agent's finish for ever (Gemini CLI retries a held finish until its turn
// limit). Run through sh, as the agents run it.

describe('the hook line that verifies the launcher before running it', () => {
  // A stand-in launcher that says what it was given, so the test sees it ran, with which arguments and event.
  const launcher = "'use strict';\nlet input = '';\nprocess.stdin.on('data', (d) => (input += d)).on('end', () => process.stdout.write(JSON.stringify([...process.argv.slice(2), input])));\n";
  const edit = JSON.stringify({ session_id: 's1', hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: 'src/auth/session.ts' } });
  const stop = (held: boolean) => JSON.stringify({ session_id: 's1', hook_event_name: 'Stop', stop_hook_active: held });
  let root: string;
  let line: string;
  const file = () => path.join(root, '.pmzone', 'guard.cjs');
  const run = (payload = edit) => runHookCommand('claude', line, root, payload, 20, process.env);

  beforeEach(async () => {
    root = path.join(await tempDir('launcher-line'), "a project's folder");
    await fs.mkdir(path.join(root, '.pmzone'), { recursive: true });
    await fs.writeFile(file(), launcher);
    line = AGENT_HOOKS.claude.command({ launcherText: launcher });
  });

  it('runs the launcher it was written for, with its arguments, from a folder whose name needs quoting', async () => {
    const output = await run();
    assert.deepEqual({ ...output, timedOut: false }, { stdout: JSON.stringify(['--agent', 'claude', edit]), stderr: '', exitCode: 0, timedOut: false });
    assert.equal(verifiedHashOf(line), launcherHash(launcher));
  });

  it('hands the launcher the event as bytes, without a stream of them, and as standard input to one that reads it', async () => {
    // Standard input is a stream of them made only when asked for: its property a getter, where it was a stream made at once.
    const handed = "'use strict';\nconst bytes = globalThis[Symbol.for('pm-zone.payload')];\nconst stdin = Object.getOwnPropertyDescriptor(process, 'stdin');\nrequire('fs').writeSync(1, JSON.stringify([Buffer.isBuffer(bytes), String(bytes), typeof stdin.get, 'value' in stdin]));\n";
    await fs.writeFile(file(), handed);
    line = AGENT_HOOKS.claude.command({ launcherText: handed });
    const event = JSON.stringify({ ...JSON.parse(edit), tool_input: { file_path: 'src/i18n/fr.json', content: 'Déjà vu — 日本' } });
    assert.deepEqual(JSON.parse((await run(event)).stdout), [true, event, 'function', false]);
    // A launcher that reads standard input (one with no guard to run, or an earlier release's guard) gets the same bytes there.
    await fs.writeFile(file(), launcher);
    line = AGENT_HOOKS.claude.command({ launcherText: launcher });
    assert.deepEqual(JSON.parse((await run(event)).stdout), ['--agent', 'claude', event]);
  });

  it('runs the very bytes it verified, not the file read again: a launcher swapped right after the line read it does not run', async () => {
    // A preload (node -r) that swaps the launcher the moment the line has read it and closed its descriptor.
    const swapper = path.join(root, 'swapper.js');
    const swapped = "'use strict';\nrequire('fs').writeSync(1, 'the swapped launcher ran');\n";
    await fs.writeFile(swapper, [
      "const fs = require('fs');",
      'const close = fs.closeSync;',
      'let swapped = false;',
      `fs.closeSync = function (descriptor) { const result = close.call(this, descriptor); if (!swapped) { swapped = true; fs.writeFileSync(${JSON.stringify(file())}, ${JSON.stringify(swapped)}); } return result; };`,
    ].join('\n'));
    line = line.replace(/ node -e /, ` node -r ${JSON.stringify(swapper)} -e `);
    const output = await run();
    assert.equal(await fs.readFile(file(), 'utf8'), swapped, 'the preload swapped the launcher');
    assert.deepEqual({ ...output, timedOut: false }, { stdout: JSON.stringify(['--agent', 'claude', edit]), stderr: '', exitCode: 0, timedOut: false });
  });

  it('refuses (exit 2) when the launcher is emptied, deleted or altered', async () => {
    for (const tamper of [() => fs.writeFile(file(), ''), () => fs.rm(file()), () => fs.appendFile(file(), 'process.exit(0);\n'), () => fs.rm(path.join(root, '.pmzone'), { recursive: true })]) {
      await fs.mkdir(path.join(root, '.pmzone'), { recursive: true });
      await fs.writeFile(file(), launcher);
      await tamper();
      const output = await run();
      assert.equal(output.exitCode, 2, output.stderr);
      assert.equal(output.stdout, '');
      assert.match(output.stderr, /^PM Zone: .*\.pmzone\/guard\.cjs is missing or was changed since its hooks were set up, so this tool call is refused\. Tell the user: an engineer restores it/);
    }
  });

  it('holds a finish once when the launcher is gone, then lets the agent end (a finish already held is never run again)', async () => {
    await fs.rm(file());
    const first = await run(stop(false));
    assert.equal(first.exitCode, 2);
    assert.match(first.stderr, /guard\.cjs is missing or was changed since its hooks were set up, so PM Zone cannot check what this session changed\. Tell the user/);
    for (const again of [stop(true), JSON.stringify({ hook_event_name: 'AfterAgent', prompt: 'p', prompt_response: 'Done.', stop_hook_active: true }), JSON.stringify({ hook_event_name: 'stop', status: 'completed', loop_count: 1 })]) {
      assert.deepEqual(await run(again).then(({ exitCode, stdout, stderr }) => ({ exitCode, stdout, stderr })), { exitCode: 0, stdout: '', stderr: '' }, again);
    }
    // A tool call is judged whatever else its event says.
    assert.equal((await run(JSON.stringify({ ...JSON.parse(edit), stop_hook_active: true }))).exitCode, 2);
  });

  it('answers Copilot CLI’s own events in JSON, which it reads (it drops what exit 2 says, and ignores it on agentStop)', async () => {
    await fs.rm(file());
    line = AGENT_HOOKS.copilot.command({ launcherText: launcher });
    const copilot = (payload: object) => runHookCommand('copilot', line, root, JSON.stringify(payload), 20, process.env);
    const refused = await copilot({ sessionId: 's1', cwd: root, toolName: 'edit', toolArgs: '{"path":"src/auth/session.ts"}' });
    assert.equal(refused.exitCode, 0, refused.stderr);
    const denial = JSON.parse(refused.stdout) as { permissionDecision: string; permissionDecisionReason: string };
    assert.equal(denial.permissionDecision, 'deny');
    assert.match(denial.permissionDecisionReason, /guard\.cjs is missing or was changed since its hooks were set up, so this tool call is refused\. Tell the user/);
    const held = await copilot({ sessionId: 's1', cwd: root, stopReason: 'end_turn', stop_hook_active: false });
    assert.deepEqual({ ...JSON.parse(held.stdout), reason: undefined }, { decision: 'block', reason: undefined });
    assert.equal((await copilot({ sessionId: 's1', cwd: root, stopReason: 'end_turn', stop_hook_active: true })).stdout, '');
  });

  it('does not hold a finish twice when the launcher itself fails', async () => {
    const throwing = "throw new Error('broken');\n";
    await fs.writeFile(file(), throwing);
    line = AGENT_HOOKS.gemini.command({ launcherText: throwing });
    const gemini = (held: boolean) => runHookCommand('gemini', line, root, JSON.stringify({ session_id: 's1', hook_event_name: 'AfterAgent', prompt: 'p', prompt_response: 'Done.', stop_hook_active: held }), 20, process.env);
    assert.equal((await gemini(false)).exitCode, 2);
    assert.equal((await gemini(true)).exitCode, 0);
  });

  describe('the chain record (guardChain.ts): the launcher taken unhashed in the state its hash was found in', () => {
    // A launcher that says what the line handed on of its own check.
    const reporting = "'use strict';\nrequire('fs').writeSync(1, JSON.stringify(globalThis[Symbol.for('pm-zone.chain')].launcher));\n";
    const recordFile = () => path.join(root, '.git', 'pm-zone', 'guard-chain.json');
    const state = () => statsState(statSync(file(), { bigint: true }));
    const seen = async () => {
      const output = await run();
      assert.equal(output.exitCode, 0, output.stderr);
      return JSON.parse(output.stdout) as { file: string; hash: string; state: string; held: boolean };
    };
    const keep = (launcherRecord: unknown) => fs.writeFile(recordFile(), JSON.stringify({ format: 1, launcher: launcherRecord }));

    beforeEach(async function () {
      if (process.platform === 'win32') this.skip();
      await fs.writeFile(file(), reporting);
      line = AGENT_HOOKS.claude.command({ launcherText: reporting });
      await fs.mkdir(path.dirname(recordFile()), { recursive: true });
    });

    it('hashes it without a record, takes it held where the record names its state and hash, and hashes it for any other', async () => {
      const hash = launcherHash(reporting);
      assert.deepEqual(await seen(), { file: file(), hash, state: state(), held: false });
      await keep({ hash, state: state() });
      assert.equal((await seen()).held, true);
      for (const other of [{ hash: 'c'.repeat(64), state: state() }, { hash, state: `${state()}0` }, { hash }, 'not an object']) {
        await keep(other);
        assert.equal((await seen()).held, false, JSON.stringify(other));
      }
      await fs.writeFile(recordFile(), '{ not JSON');
      assert.equal((await seen()).held, false);
    });

    it("loads node's crypto module only to hash a launcher the record does not vouch for", async () => {
      // `-e` code in which the module's name stands as a word has node load it before the code runs (launcherLine.ts).
      const telling = `'use strict';\nrequire('fs').writeSync(1, JSON.stringify([globalThis[Symbol.for('pm-zone.chain')].launcher.held, process.moduleLoadList.includes('NativeModule crypto')]));\n`;
      await fs.writeFile(file(), telling);
      line = AGENT_HOOKS.claude.command({ launcherText: telling });
      const loaded = async () => {
        const output = await run();
        assert.equal(output.exitCode, 0, output.stderr);
        return JSON.parse(output.stdout) as [boolean, boolean];
      };
      assert.deepEqual(await loaded(), [false, true]);
      await keep({ hash: launcherHash(telling), state: state() });
      assert.deepEqual(await loaded(), [true, false]);
    });

    it('refuses a launcher changed after its state was kept, even with its size and times put back', async () => {
      await keep({ hash: launcherHash(reporting), state: state() });
      const before = statSync(file());
      // The same length, one word changed: only the change time tells.
      await fs.writeFile(file(), reporting.replace("'use strict'", '"use strict"'));
      await fs.utimes(file(), before.atime, before.mtime);
      assert.equal(statSync(file()).size, before.size);
      const output = await run();
      assert.equal(output.exitCode, 2, output.stdout);
      assert.match(output.stderr, /guard\.cjs is missing or was changed since its hooks were set up, so this tool call is refused/);
    });

    it('reads no record through a link or a FIFO, and does not wait on one', async () => {
      const elsewhere = path.join(root, 'elsewhere.json');
      await fs.writeFile(elsewhere, JSON.stringify({ format: 1, launcher: { hash: launcherHash(reporting), state: state() } }));
      await fs.symlink(elsewhere, recordFile());
      assert.equal((await seen()).held, false);
      await fs.rm(recordFile());
      execFileSync('mkfifo', [recordFile()]);
      assert.equal((await seen()).held, false);
    });
  });

  it('keeps its hash through a checkout with CRLF line ends', async () => {
    await fs.writeFile(file(), launcher.replace(/\n/g, '\r\n'));
    assert.equal((await run()).exitCode, 0);
  });

  it('turns any failure of the launcher into a refusal, and leaves its own refusal as it said it', async () => {
    const throwing = "throw new Error('broken');\n";
    await fs.writeFile(file(), throwing);
    line = AGENT_HOOKS.claude.command({ launcherText: throwing });
    const failed = await run();
    assert.equal(failed.exitCode, 2);
    assert.match(failed.stderr, /PM Zone: the guard failed \(exit 1\), so this tool call is refused\n$/);
    const refusing = "process.stderr.write('no\\n'); process.exit(2);\n";
    await fs.writeFile(file(), refusing);
    line = AGENT_HOOKS.claude.command({ launcherText: refusing });
    assert.deepEqual(await run().then(({ exitCode, stderr }) => ({ exitCode, stderr })), { exitCode: 2, stderr: 'no\n' });
  });

  it('runs node by the path it names, and refuses like the verification when that node is gone or cannot be run (an upgrade removed it)', async () => {
    // A node of its own, as a version manager or an upgrade would leave it.
    const tools = path.join(await tempDir('launcher-node'), "a user's bin");
    await fs.mkdir(tools);
    const node = path.join(tools, 'node');
    await fs.writeFile(node, `#!/bin/sh\nexec '${process.execPath}' "$@"\n`, { mode: 0o755 });
    line = verifiedLauncherLine({ launcher: '.pmzone/guard.cjs', text: launcher, args: '--agent claude', fix: 'Tell the user: set it up again.', node, nodeFix: 'Tell the user: run pm-zone agents init --me.' });
    assert.equal(verifiedNodeOf(line), node);
    assert.equal(verifiedHashOf(line), launcherHash(launcher));
    // A PATH whose first `node` would let everything through is not read.
    const planted = await tempDir('planted');
    await fs.writeFile(path.join(planted, 'node'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const env = { ...process.env, PATH: `${planted}${path.delimiter}${process.env.PATH}` };
    const runWith = (payload: string, agent: 'claude' | 'copilot' = 'claude') => runHookCommand(agent, line, root, payload, 20, env).then(({ exitCode, stdout, stderr }) => ({ exitCode, stdout, stderr }));
    assert.deepEqual(await runWith(edit), { exitCode: 0, stdout: JSON.stringify(['--agent', 'claude', edit]), stderr: '' });
    const missing = /^PM Zone: the node program PM Zone's hooks run \(.*\/a user's bin\/node, recorded by pm-zone agents init --me\) is missing or cannot be run, so this tool call is refused\. Tell the user: run pm-zone agents init --me\.\n$/;
    for (const tamper of [() => fs.chmod(node, 0o644), () => fs.rm(node), () => fs.rm(node).then(() => fs.mkdir(node))]) {
      await fs.rm(node, { recursive: true, force: true });
      await fs.writeFile(node, `#!/bin/sh\nexec '${process.execPath}' "$@"\n`, { mode: 0o755 });
      await tamper();
      const refused = await runWith(edit);
      assert.equal(refused.exitCode, 2, refused.stderr);
      assert.equal(refused.stdout, '');
      assert.match(refused.stderr, missing);
    }
    // The finish held once, then let go; Copilot CLI's own events answered in its JSON.
    const held = await runWith(stop(false));
    assert.equal(held.exitCode, 2);
    assert.match(held.stderr, /is missing or cannot be run, so PM Zone cannot check what this session changed\. Tell the user: run pm-zone agents init --me\.\n$/);
    for (const again of [stop(true), JSON.stringify({ hook_event_name: 'stop', status: 'completed', loop_count: 1 })]) assert.deepEqual(await runWith(again), { exitCode: 0, stdout: '', stderr: '' }, again);
    const copilot = await runWith(JSON.stringify({ sessionId: 's1', cwd: root, toolName: 'edit', toolArgs: '{"path":"src/auth/session.ts"}' }), 'copilot');
    assert.equal(copilot.exitCode, 0);
    assert.equal((JSON.parse(copilot.stdout) as { permissionDecision: string }).permissionDecision, 'deny');
    assert.match((JSON.parse(copilot.stdout) as { permissionDecisionReason: string }).permissionDecisionReason, /is missing or cannot be run, so this tool call is refused/);
    assert.equal((JSON.parse((await runWith(JSON.stringify({ sessionId: 's1', stopReason: 'end_turn' }), 'copilot')).stdout) as { decision: string }).decision, 'block');
  });

  // Node reads the bundle NODE_EXTRA_CA_CERTS names before any code runs, and says so when it cannot:
  // a bundle that is not there shows whether the line's node read it.
  it('starts node without the certificate bundle NODE_EXTRA_CA_CERTS names, on every agent\'s line and the personal one', async () => {
    const telling = "'use strict';\nprocess.stdout.write(JSON.stringify([process.env.NODE_EXTRA_CA_CERTS ?? null, process.env.PM_ZONE_NODE_EXTRA_CA_CERTS ?? null]));\n";
    await fs.writeFile(file(), telling);
    const node = path.join(await tempDir('launcher-node'), 'node');
    await fs.writeFile(node, `#!/bin/sh\nexec '${process.execPath}' "$@"\n`, { mode: 0o755 });
    const lines: [AgentName, string, string][] = [
      ...(['claude', 'copilot', 'cursor', 'gemini', 'codex'] as const).map((agent): [AgentName, string, string] => [agent, agent, AGENT_HOOKS[agent].command({ launcherText: telling })]),
      ['codex', 'codex, its finish', AGENT_HOOKS.codex.lifecycle!({ launcherText: telling })],
      ['claude', 'the personal line', verifiedLauncherLine({ launcher: '.pmzone/guard.cjs', text: telling, args: '--agent claude', fix: 'Tell the user.', node, nodeFix: 'Tell the user.' })],
    ];
    const missingBundle = path.join(root, 'no-such-bundle.pem');
    // Codex's line finds the launcher from the repository's top.
    execFileSync('git', ['init', '--quiet'], { cwd: root });
    // Without the variable emptied, node warns and the launcher sees it: the check below can fail.
    const bare = await runHookCommand('claude', `node "${file()}"`, root, edit, 20, { ...process.env, NODE_EXTRA_CA_CERTS: missingBundle });
    assert.match(bare.stderr, /extra certs/);
    assert.equal(bare.stdout, JSON.stringify([missingBundle, null]));
    for (const [agent, name, command] of lines) {
      const output = await runHookCommand(agent, command, root, edit, 20, { ...process.env, NODE_EXTRA_CA_CERTS: missingBundle });
      // Kept aside, for the git the guard runs to hand back (git/gitEnvironment.ts).
      assert.deepEqual({ exitCode: output.exitCode, stdout: output.stdout, stderr: output.stderr }, { exitCode: 0, stdout: JSON.stringify(['', missingBundle]), stderr: '' }, name);
    }
    // Where the variable is not set, nothing is kept aside.
    const { NODE_EXTRA_CA_CERTS: _unset, ...withoutBundle } = process.env;
    const unset = await runHookCommand('claude', lines[0][2], root, edit, 20, withoutBundle);
    assert.deepEqual({ exitCode: unset.exitCode, stdout: unset.stdout, stderr: unset.stderr }, { exitCode: 0, stdout: JSON.stringify(['', '']), stderr: '' });
  });

  // NODE_OPTIONS runs any file before the launcher is verified, and NODE_COMPILE_CACHE (node 22.1 and later, read as node
  // starts) names compiled code node would run in place of the guard's files: the line's node sees neither.
  it('starts node without the code NODE_OPTIONS or NODE_COMPILE_CACHE would have it run, on every agent\'s line and the personal one', async () => {
    const telling = "'use strict';\nprocess.stdout.write(JSON.stringify([process.env.NODE_OPTIONS ?? null, process.env.NODE_COMPILE_CACHE ?? null]));\n";
    await fs.writeFile(file(), telling);
    const scratch = await tempDir('launcher-planted');
    const planted = path.join(scratch, 'planted.js');
    await fs.writeFile(planted, "process.stdout.write(JSON.stringify({ permissionDecision: 'allow' }));\n");
    const node = path.join(scratch, 'node');
    await fs.writeFile(node, `#!/bin/sh\nexec '${process.execPath}' "$@"\n`, { mode: 0o755 });
    const env = { ...process.env, NODE_OPTIONS: `--require ${planted}`, NODE_COMPILE_CACHE: path.join(scratch, 'compiled') };
    execFileSync('git', ['init', '--quiet'], { cwd: root });
    // Without the variables emptied, the planted file speaks first: the check below can fail.
    const bare = await runHookCommand('claude', `node "${file()}"`, root, edit, 20, env);
    assert.ok(bare.stdout.startsWith('{"permissionDecision":"allow"}'), bare.stdout);
    const lines: [AgentName, string, string][] = [
      ...(['claude', 'copilot', 'cursor', 'gemini', 'codex'] as const).map((agent): [AgentName, string, string] => [agent, agent, AGENT_HOOKS[agent].command({ launcherText: telling })]),
      ['codex', 'codex, its finish', AGENT_HOOKS.codex.lifecycle!({ launcherText: telling })],
      ['claude', 'the personal line', verifiedLauncherLine({ launcher: '.pmzone/guard.cjs', text: telling, args: '--agent claude', fix: 'Tell the user.', node, nodeFix: 'Tell the user.' })],
    ];
    for (const [agent, name, command] of lines) {
      const output = await runHookCommand(agent, command, root, edit, 20, env);
      assert.deepEqual({ exitCode: output.exitCode, stdout: output.stdout, stderr: output.stderr }, { exitCode: 0, stdout: JSON.stringify(['', '']), stderr: '' }, name);
      // The personal line's node is still found by the line as written.
      if (name === 'the personal line') assert.equal(verifiedNodeOf(command), node);
    }
  });

  // The line reads the event from file descriptor 0 at once, and from the stream only where that read fails.
  it('reads the whole event however it arrives: in parts, larger than one read, or through a non-blocking pipe (the bytes read before EAGAIN kept)', async () => {
    const large = JSON.stringify({ ...JSON.parse(edit), tool_input: { file_path: 'a.md', content: 'é'.repeat(150_000) } });
    // perl is in every Debian (perl-base): it sets O_NONBLOCK on the read end the line inherits, and says so.
    const nonBlocking = ['perl', '-MFcntl', '-e', 'fcntl(STDIN, F_SETFL, fcntl(STDIN, F_GETFL, 0) | O_NONBLOCK) or die; (fcntl(STDIN, F_GETFL, 0) & O_NONBLOCK) or die "still blocking"; exec @ARGV', 'sh', '-c', line];
    for (const [name, command] of [['blocking', ['sh', '-c', line]], ['non-blocking', nonBlocking]] as const) {
      for (const payload of [edit, large]) {
        const child = spawn(command[0], command.slice(1), { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
        const stdout: Buffer[] = [];
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
        // The first part, then a pause long enough for the line to have read it and met an empty pipe.
        const bytes = Buffer.from(payload);
        child.stdin.write(bytes.subarray(0, 100));
        await new Promise((resolve) => setTimeout(resolve, 400));
        child.stdin.end(bytes.subarray(100));
        assert.equal(await exited, 0, `${name}: ${stderr}`);
        assert.ok(Buffer.concat(stdout).toString() === JSON.stringify(['--agent', 'claude', payload]), `${name}, ${bytes.length} bytes: the launcher was handed another event`);
      }
    }
  });

  it('is one shell word of code for every agent, naming the launcher where each agent runs it', () => {
    for (const agent of ['claude', 'copilot', 'cursor', 'gemini'] as const) {
      const command = AGENT_HOOKS[agent].command({});
      assert.match(command, /^PM_ZONE_NODE_EXTRA_CA_CERTS=\$NODE_EXTRA_CA_CERTS NODE_EXTRA_CA_CERTS= NODE_OPTIONS= NODE_COMPILE_CACHE= node -e '[^']+' \S*\.pmzone\/guard\.cjs --agent \w+ \|\| \{/, agent);
      // The word node scans `-e` code for, to load its crypto module before the code runs.
      assert.doesNotMatch(/-e '([^']+)'/.exec(command)![1], /\bcrypto\b/, agent);
    }
    assert.doesNotMatch(/-e '([^']+)'/.exec(userHookLine('claude', '/home/dana', '/opt/node/bin/node'))![1], /\bcrypto\b/, 'the personal line');
    assert.equal(verifiedHashOf('node .pmzone/guard.cjs --agent claude'), undefined);
    assert.equal(verifiedNodeOf(AGENT_HOOKS.claude.command({})), undefined, 'the project\'s line runs node by its bare name');
    // Lines earlier versions wrote (no variable before node, or only the certificates') are read as they were.
    assert.equal(verifiedNodeOf(`'/opt/node/bin/node' -e 'const p=require("path")' .pmzone/guard.cjs`), '/opt/node/bin/node');
    assert.equal(verifiedNodeOf(`PM_ZONE_NODE_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS NODE_EXTRA_CA_CERTS= '/opt/node/bin/node' -e 'const p=require("path")' .pmzone/guard.cjs`), '/opt/node/bin/node');
    assert.ok(verifiedLauncherLine({ launcher: 'x', text: '', args: '', fix: '' }).includes(launcherHash('')));
  });
});
