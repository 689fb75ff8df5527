// The hooks `pm-zone agents init` writes, run exactly as each agent runs
// them: the command line from the written settings, through sh, from the
// project folder, with the payload on stdin and the configured timeout,
// against PM Zone installed in node_modules from dist/ (what `npm install
// --save-dev pm-zone` lays out). `npm run test:bundle` builds dist/ first.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { AGENT_HOOKS, AGENTS, GUARD_MISSING_MESSAGE, installedHooks, refuses, runHookCommand, writePayload, type AgentName } from '../../../src/core/agents';
import { copyTree, tempDir } from '../../unit/helpers/tempRepo';
import { cli, isolateGitConfig } from '../../unit/cli/support/cli';
import { git, sampleRepo } from '../../unit/cli/support/sampleRepo';
import { childEnv, installPackage, spawnCli } from '../support/program';

describe('the installed hooks, run as each agent runs them', () => {
  isolateGitConfig();
  let root: string;

  before(async () => {
    // A folder name with a space: the command lines quote the project folder.
    root = path.join(await tempDir('agents'), 'acme shop');
    await copyTree(await sampleRepo(), root);
    // The hooks as an engineer writes them; the decisions are the pilot PM's.
    await git(root, 'config', 'user.email', 'dana@acme.test');
    const init = await cli(['agents', 'init', '--cwd', root]);
    assert.equal(init.code, 0, init.stderr);
    await installPackage(root);
    await git(root, 'config', 'user.email', 'alice@acme.test');
  });

  const hookOf = async (agent: AgentName, event: string) => {
    const hook = installedHooks(agent, await fs.readFile(path.join(root, AGENT_HOOKS[agent].file), 'utf8'))[event];
    assert.ok(hook, `${agent} has PM Zone's ${event} hook`);
    return hook;
  };
  const run = async (agent: AgentName, event: string, payload: string) => {
    const hook = await hookOf(agent, event);
    return runHookCommand(agent, hook.command, root, payload, hook.timeoutSeconds, childEnv());
  };
  /**
   * Claude Code's PreToolUse line as written, with a recorder loaded first (`node -r`): the agent's pipes, the
   * launcher, the signed bundle. `lines(file)`: the recorder's source, writing what it recorded to `file`.
   */
  const withPreload = async (name: string, lines: (file: string) => string[]) => {
    const hook = await hookOf('claude', 'PreToolUse');
    const scratch = await tempDir(name);
    const record = path.join(scratch, 'record.json');
    const preload = path.join(scratch, 'recorder.js');
    await fs.writeFile(preload, lines(record).join('\n'));
    const recorded = hook.command.replace(/ node -e /, ` node -r '${preload}' -e `);
    assert.notEqual(recorded, hook.command);
    return { hook, recorded, record };
  };
  const preTool: Record<AgentName, string> = { claude: 'PreToolUse', codex: 'PreToolUse', copilot: 'preToolUse', cursor: 'preToolUse', gemini: 'BeforeTool' };

  for (const agent of AGENTS) {
    it(`${agent}: refuses a locked file, has nothing to say about the PM's own copy`, async () => {
      const locked = await run(agent, preTool[agent], writePayload(agent, root, path.join(root, 'src', 'auth', 'session.ts')));
      assert.ok(refuses(agent, locked), JSON.stringify(locked));
      assert.match(locked.stdout, /src\/auth\/session\.ts is engineering-only/);
      const own = await run(agent, preTool[agent], writePayload(agent, root, path.join(root, 'src', 'features', 'checkout', 'i18n', 'en.json')));
      assert.deepEqual({ ...own, timedOut: false }, { stdout: '', stderr: '', exitCode: 0, timedOut: false });
    });
  }

  it('once the launcher, the package and the code cache have settled, a decision hashes and verifies nothing: the chain record holds them', async function () {
    if (process.platform === 'win32') this.skip();
    // Every hash, signature check and key node's crypto module makes in the process, by name.
    const { hook, recorded, record } = await withPreload('chain', (file) => [
      "const crypto = require('crypto');",
      'const calls = [];',
      "for (const name of ['createHash', 'createHmac', 'hash', 'verify', 'createPublicKey']) {",
      '  const made = crypto[name];',
      "  if (typeof made === 'function') crypto[name] = function (...args) { calls.push(name); return made.apply(this, args); };",
      '}',
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(file)}, JSON.stringify(calls)));`,
    ]);
    const edit = writePayload('claude', root, path.join(root, 'src', 'auth', 'session.ts'));
    const decide = async () => {
      const locked = await runHookCommand('claude', recorded, root, edit, hook.timeoutSeconds, childEnv());
      assert.ok(refuses('claude', locked), JSON.stringify(locked));
      return JSON.parse(await fs.readFile(record, 'utf8')) as string[];
    };
    const recordFile = path.join(root, '.git', 'pm-zone', 'guard-chain.json');
    await fs.rm(recordFile, { force: true });
    const checked = await decide();
    for (const check of ['createHash', 'verify', 'createPublicKey']) assert.ok(checked.includes(check), `the decision that found no record checked the chain (${checked.join(', ')})`);
    // A process keeps a file's state only where it last changed two seconds before the process started (the code cache may be new).
    await new Promise((resolve) => setTimeout(resolve, 2200));
    await decide();
    const kept = JSON.parse(await fs.readFile(recordFile, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(kept).sort(), ['code', 'format', 'launcher', 'package']);
    assert.deepEqual(await decide(), []);
  });

  it("once settled, an Edit and a shell line read before are decided without loading node's crypto or zlib module", async function () {
    if (process.platform === 'win32') this.skip();
    // Which of the two modules the process had loaded by its end.
    const { hook, recorded, record } = await withPreload('modules', (file) => [
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(file)}, JSON.stringify(process.moduleLoadList.filter((name) => /^NativeModule (crypto|zlib)$/.test(name)))));`,
    ]);
    const edit = writePayload('claude', root, path.join(root, 'src', 'auth', 'session.ts'));
    const bash = JSON.stringify({ session_id: 's1', hook_event_name: 'PreToolUse', cwd: root, tool_name: 'Bash', tool_input: { command: 'git add src/features/checkout/i18n/en.json' } });
    const loaded = async (payload: string) => {
      const answer = await runHookCommand('claude', recorded, root, payload, hook.timeoutSeconds, childEnv());
      assert.equal(answer.exitCode, 0, answer.stderr);
      return JSON.parse(await fs.readFile(record, 'utf8')) as string[];
    };
    await loaded(edit);
    await loaded(bash);
    // States are kept only for files that last changed two seconds before the process started.
    await new Promise((resolve) => setTimeout(resolve, 2200));
    await loaded(edit);
    await loaded(bash);
    assert.deepEqual(await loaded(edit), []);
    assert.deepEqual(await loaded(bash), []);
    // A line read anew is kept in the shell cache with its checksum, made without zlib (textChecksum, src/core/textChecksum.ts).
    const anew = JSON.stringify({ ...JSON.parse(bash), tool_input: { command: 'git add src/features/checkout/i18n/fr.json' } });
    assert.deepEqual((await loaded(anew)).filter((name) => name.includes('zlib')), []);
    assert.match(await fs.readFile(path.join(root, '.git', 'pm-zone', 'guard-shell.json'), 'utf8'), /checkout\/i18n\/fr\.json/);
  });

  it("writes its answer to the pipe the agent reads itself, not through node's stream", async function () {
    if (process.platform === 'win32') this.skip();
    // Node's standard output and error, as made: each write through them recorded, by stream.
    const { hook, recorded, record } = await withPreload('written', (file) => [
      "const fs = require('fs');",
      'const written = [];',
      "for (const name of ['stdout', 'stderr']) {",
      '  const made = Object.getOwnPropertyDescriptor(process, name);',
      '  let stream;',
      '  Object.defineProperty(process, name, { configurable: true, enumerable: made.enumerable, get() {',
      '    if (!stream) { stream = made.get.call(this); const write = stream.write; stream.write = function (...args) { written.push(name); return write.apply(this, args); }; }',
      '    return stream;',
      '  } });',
      '}',
      `process.on('exit', () => fs.writeFileSync(${JSON.stringify(file)}, JSON.stringify({ written })));`,
    ]);
    const edit = writePayload('claude', root, path.join(root, 'src', 'auth', 'session.ts'));
    const locked = await runHookCommand('claude', recorded, root, edit, hook.timeoutSeconds, childEnv());
    assert.ok(refuses('claude', locked), JSON.stringify(locked));
    assert.match(locked.stdout, /src\/auth\/session\.ts is engineering-only/);
    const { written } = JSON.parse(await fs.readFile(record, 'utf8')) as { written: string[] };
    assert.deepEqual(written, [], 'nothing written through node\'s stream');
  });

  it('reads a shell command with the bash grammar beside the guard, and asks when that grammar is missing; a plain line needs no grammar', async () => {
    const bash = (command: string) => JSON.stringify({ hook_event_name: 'PreToolUse', cwd: root, session_id: 'shell', tool_name: 'Bash', tool_input: { command } });
    const decision = (output: { stdout: string }) => (output.stdout === '' ? 'silent' : (JSON.parse(output.stdout) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision);
    const locked = await run('claude', 'PreToolUse', bash("for f in src/auth/*.ts; do sed -i 's/a/b/' \"$f\"; done"));
    assert.equal(decision(locked), 'deny', JSON.stringify(locked));
    assert.match(locked.stdout, /src\/auth\/login\.ts, src\/auth\/session\.ts are engineering-only/);
    assert.equal(decision(await run('claude', 'PreToolUse', bash('git status && npm test 2>&1 | tail -20'))), 'silent');
    const grammar = path.join(root, 'node_modules', 'pm-zone', 'dist', 'tree-sitter-bash.wasm');
    await fs.rename(grammar, `${grammar}.aside`);
    try {
      // A redirection is the grammar's to read: without it, the guard asks.
      const unread = await run('claude', 'PreToolUse', bash('git status 2>&1 | tail -5'));
      assert.equal(decision(unread), 'ask', JSON.stringify(unread));
      assert.match(unread.stdout, /PM Zone's reader of shell commands did not load/);
      // A line of plain words is read without the grammar (shellPlainLine.ts), to the tree the grammar gives.
      assert.equal(decision(await run('claude', 'PreToolUse', bash('git status'))), 'silent');
      const plainLocked = await run('claude', 'PreToolUse', bash('rm src/auth/session.ts && git status'));
      assert.equal(decision(plainLocked), 'deny', JSON.stringify(plainLocked));
      assert.match(plainLocked.stdout, /src\/auth\/session\.ts is engineering-only/);
    } finally {
      await fs.rename(`${grammar}.aside`, grammar);
    }
  });

  it('agents check: every agent installed, reachable and answering', async () => {
    const check = await cli(['agents', 'check', '--cwd', root], { env: childEnv() });
    assert.equal(check.code, 0, check.stdout + check.stderr);
    for (const agent of AGENTS) assert.match(check.stdout, new RegExp(`^${agent}: installed; reachable \\(node_modules/pm-zone \\d+\\.\\d+\\.\\d+\\); answering: refused @alice's edit of CLAUDE\\.md in \\d+ ms`, 'm'));
  });

  it("a package whose core was changed after PM Zone's build signed it: the guard refuses once it needs the core", async () => {
    const core = path.join(root, 'node_modules', 'pm-zone', 'dist', 'core.js');
    const genuine = await fs.readFile(core);
    try {
      await fs.appendFile(core, '\n// changed\n');
      // A changed CLAUDE.md: the cached policy is stale, so the guard loads the core to parse it.
      await fs.appendFile(path.join(root, 'CLAUDE.md'), '\n');
      const refused = await run('claude', 'PreToolUse', writePayload('claude', root, path.join(root, 'src', 'features', 'checkout', 'i18n', 'en.json')));
      assert.ok(refuses('claude', refused), JSON.stringify(refused));
      assert.match(refused.stdout, /refused because PM Zone could not check it against the PM zone \([^)]*core\.js is not the file PM Zone's build signed\)/);
    } finally {
      await fs.writeFile(core, genuine);
      await git(root, 'checkout', '--', 'CLAUDE.md');
    }
  });

  it('without PM Zone installed, the hook says so once per session, then stays out of the way', async () => {
    await fs.rename(path.join(root, 'node_modules'), path.join(root, 'node_modules.aside'));
    try {
      const payload = writePayload('claude', root, path.join(root, 'src', 'auth', 'session.ts'));
      // A home folder with no editor's extensions in it; the once-per-session marker goes there too (TMPDIR).
      const home = await tempDir('no-editors');
      const first = await runHookCommand('claude', (await hookOf('claude', 'PreToolUse')).command, root, payload, 10, childEnv({ HOME: home, TMPDIR: home }));
      assert.deepEqual({ exitCode: first.exitCode, stdout: first.stdout, stderr: first.stderr }, { exitCode: 2, stdout: '', stderr: `${GUARD_MISSING_MESSAGE}\n` });
      const second = await runHookCommand('claude', (await hookOf('claude', 'PreToolUse')).command, root, payload, 10, childEnv({ HOME: home, TMPDIR: home }));
      assert.deepEqual({ exitCode: second.exitCode, stdout: second.stdout, stderr: second.stderr }, { exitCode: 0, stdout: '', stderr: '' });
      // PATH holds node and the system's programs, and no global pm-zone.
      const check = await cli(['agents', 'check', '--agent', 'claude', '--cwd', root], { env: { ...childEnv({ HOME: home }), PATH: [path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter) } });
      assert.equal(check.code, 1);
      assert.match(check.stdout, /^claude: installed; not reachable \(no node_modules\/pm-zone, no PM Zone extension, no pm-zone on PATH\); not answering: exit 2/);
    } finally {
      await fs.rename(path.join(root, 'node_modules.aside'), path.join(root, 'node_modules'));
    }
  });

  describe("a pilot PM's own hooks (agents init --me), run from a subfolder against the built guard", () => {
    let home: string;
    const userLine = async (event: string) => {
      const settings = JSON.parse(await fs.readFile(path.join(home, '.claude', 'settings.json'), 'utf8'));
      return settings.hooks[event][0].hooks[0].command as string;
    };
    const fromSubfolder = async (event: string, payload: object) => {
      const folder = path.join(root, 'src', 'features', 'checkout');
      return runHookCommand('claude', await userLine(event), folder, JSON.stringify({ session_id: 'me', cwd: folder, ...payload }), 30, childEnv({ HOME: home, CLAUDE_PROJECT_DIR: folder }));
    };

    before(async () => {
      home = await tempDir('home');
      const run = await spawnCli(['agents', 'init', '--me', '--agent', 'claude', '--cwd', root], { env: childEnv({ HOME: home }) });
      assert.equal(run.code, 0, run.stderr);
    });

    it('refuses a locked write, gives the session its context, and holds the finish on a committed locked change', async () => {
      const start = await fromSubfolder('SessionStart', { hook_event_name: 'SessionStart', source: 'startup' });
      assert.match(start.stdout, /"additionalContext":"PM Zone: the person using this agent is @alice/);
      const write = await fromSubfolder('PreToolUse', { hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: path.join(root, 'src', 'auth', 'session.ts'), content: '' } });
      assert.ok(refuses('claude', write), JSON.stringify(write));
      await fs.appendFile(path.join(root, 'src', 'auth', 'session.ts'), '// through a script\n');
      await git(root, '-c', 'user.name=Alice', 'commit', '--quiet', '-am', 'Hidden in a commit');
      try {
        const stop = await fromSubfolder('Stop', { hook_event_name: 'Stop', stop_hook_active: false });
        assert.match(stop.stdout, /"decision":"block".*src\/auth\/session\.ts \(committed in [0-9a-f]{12} \\"Hidden in a commit\\"\)/);
      } finally {
        await git(root, 'reset', '--quiet', '--hard', 'HEAD~1');
      }
    });
  });
});
