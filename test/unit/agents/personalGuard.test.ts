import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import { runHookCommand } from '../../../src/core/agents';
import { verifiedNodeOf } from '../../../src/core/agents/launcherLine';
import { readGuarded } from '../../../src/core/agents/personal/guarded';
import { CLAUDE_OWN_DENIED, SRT_HELD_BELOW } from '../../../src/core/agents/personal/sandboxSettings';
import { userHookLine } from '../../../src/core/agents/personal/userLauncher';
import { GUARD_CODE_CACHE } from '../../../src/core/agents/guardRunner';
import { cli, isolateGitConfig } from '../cli/support/cli';
import { git, sampleRepo } from '../cli/support/sampleRepo';
import { tempDir } from '../helpers/tempRepo';
import { answerOf, guardIn, inRepo, silent } from './support';

// `pm-zone agents init --me`: the identified pilot PM turns the guard on for
// their own agents, in files of their own; an engineer gets nothing. The
// user's settings keep every byte of theirs; the sandbox settings come from
// the zone and follow it; the user-level hooks answer from any subfolder
// and stay silent elsewhere.

describe('agents init --me: the guard a pilot PM turns on for themself', () => {
  isolateGitConfig();
  let root: string;
  let home: string;
  let bin: string;
  const env = () => ({ ...process.env, HOME: home, PATH: `${bin}${path.delimiter}${process.env.PATH}` });
  const me = (...args: string[]) => cli(['agents', 'init', '--me', '--cwd', root, ...args], { env: env() });
  const read = async (file: string) => parse(await fs.readFile(file, 'utf8'));
  /** A stand-in for the installed guard: says how it was run. */
  const guardScript = "process.stdout.write(JSON.stringify({ args: process.argv.slice(2), scope: process.env.PM_ZONE_HOOK_SCOPE }));\n";

  beforeEach(async () => {
    root = await sampleRepo();
    home = await tempDir('home');
    bin = await tempDir('bin');
    // The agents "installed": programs of those names on PATH.
    for (const program of ['claude', 'gemini', 'copilot']) await fs.writeFile(path.join(bin, program), '#!/bin/sh\n', { mode: 0o755 });
    await fs.mkdir(inRepo(root, 'node_modules/pm-zone/dist'), { recursive: true });
    await fs.writeFile(inRepo(root, 'node_modules/pm-zone/dist/guard.js'), guardScript);
  });

  it('writes nothing for an engineer: their agents stay unsandboxed and unasked', async () => {
    await git(root, 'config', 'user.email', 'dana@acme.test');
    const run = await me();
    assert.equal(run.code, 1);
    assert.match(run.stderr, /you are not a pilot PM in CLAUDE\.md .*nothing was written\. An engineer's agents stay as they are, unsandboxed and unasked/);
    assert.deepEqual(await fs.readdir(home), []);
    await assert.rejects(fs.stat(inRepo(root, '.claude/settings.local.json')));
  });

  it("writes settings that a second run leaves as they are, though PM Zone's records folder in the git folder did not exist before", async () => {
    const records = path.join(root, '.git', 'pm-zone');
    await fs.rm(records, { recursive: true, force: true });
    const first = await me('--agent', 'claude');
    assert.equal(first.code, 0, first.stderr);
    // Made by --me, before the sandbox settings that lock it are written: a cache written there later moves nothing.
    assert.ok((await fs.stat(records)).isDirectory());
    const written = await fs.readFile(inRepo(root, '.claude/settings.local.json'), 'utf8');
    assert.doesNotMatch(written, /pm-zone[\\/]\.pm-zone-locked/);
    await fs.writeFile(path.join(records, 'a-cache.json'), '{}');
    const second = await me('--agent', 'claude');
    assert.doesNotMatch(second.stdout, / (created|updated)$/m, second.stdout);
    assert.equal(await fs.readFile(inRepo(root, '.claude/settings.local.json'), 'utf8'), written);
  });

  it("writes each installed agent's user hooks, merged into the user's settings, and its wall from the zone", async () => {
    const mine = '{\n  // my own settings\n  "model": "opus",\n  "hooks": { "Stop": [{ "hooks": [{ "type": "command", "command": "./mine.sh" }] }] }\n}\n';
    await fs.mkdir(path.join(home, '.claude'));
    await fs.writeFile(path.join(home, '.claude', 'settings.json'), mine);
    const run = await me();
    assert.equal(run.code, 0, run.stderr);
    // The user's own content, comment included, is still there.
    const claudeUser = await fs.readFile(path.join(home, '.claude', 'settings.json'), 'utf8');
    assert.match(claudeUser, /\/\/ my own settings\n {2}"model": "opus"/);
    const user = parse(claudeUser);
    assert.equal(user.hooks.Stop[0].hooks[0].command, './mine.sh');
    assert.match(user.hooks.Stop[1].hooks[0].command, /\.pmzone\/user-guard\.cjs' claude \|\|/);
    for (const event of ['PreToolUse', 'SessionStart']) assert.equal(user.hooks[event].length, 1, event);
    assert.ok((await read(path.join(home, '.gemini', 'settings.json'))).hooks.BeforeTool);
    assert.ok((await read(path.join(home, '.copilot', 'settings.json'))).hooks.preToolUse[0].bash.includes('user-guard.cjs'));
    // Claude Code's sandbox: on, closed where it cannot run, no escape hatch; the area from the zone.
    const real = await fs.realpath(root);
    const local = await read(inRepo(root, '.claude/settings.local.json'));
    assert.deepEqual({ ...local.sandbox, filesystem: undefined }, { enabled: true, failIfUnavailable: true, allowUnsandboxedCommands: false, autoAllowBashIfSandboxed: true, filesystem: undefined });
    // Its edit tools: what would switch the guard or the sandbox off is denied by Claude Code itself, before any hook;
    // the engineering-only files and the policy files are asked, so PM Zone's hook answers first, with its reason.
    const switches = ['.git/hooks', '.git/config', '.pmzone', 'node_modules/pm-zone', '.claude/settings.json', '.claude/settings.local.json', '.gemini/settings.json', '.github/hooks/pm-zone.json'].map((locked) => `/${real}/${locked}`);
    for (const locked of [...switches, `/${path.join(home, '.claude', 'settings.json')}`, `/${path.join(home, '.pmzone')}`, `/${path.join(home, '.gitconfig')}`]) {
      // Itself, or a folder locked whole around it (`.gemini`, since every agent's settings folder is locked at any depth).
      assert.ok((local.sandbox.filesystem.denyWrite as string[]).some((denied) => locked === denied || locked.startsWith(`${denied}/`)), locked);
      assert.ok(local.permissions.deny.includes(`Edit(${locked})`) && local.permissions.deny.includes(`Edit(${locked}/**)`), locked);
      assert.ok(!local.permissions.ask.includes(`Edit(${locked})`), locked);
    }
    for (const locked of ['src/auth', 'src/payments', 'CLAUDE.md', '.github/CODEOWNERS', '.github/workflows', '.claude/skills']) {
      assert.ok(local.sandbox.filesystem.denyWrite.includes(`/${real}/${locked}`), locked);
      assert.ok(local.permissions.ask.includes(`Edit(/${real}/${locked})`) && local.permissions.ask.includes(`Edit(/${real}/${locked}/**)`), locked);
      assert.ok(!local.permissions.deny.some((rule: string) => rule.startsWith(`Edit(/${real}/${locked}`)), locked);
    }
    // The zone locks .claude whole; Claude Code 2.1.197 fails every command with the folder itself in denyWrite, so its entries are listed.
    assert.ok(!local.sandbox.filesystem.denyWrite.includes(`/${real}/.claude`));
    for (const entry of ['settings.local.json', 'settings.json', 'skills', 'hooks']) assert.ok(local.sandbox.filesystem.denyWrite.includes(`/${real}/.claude/${entry}`), entry);
    // Only Claude Code's own names (`.bashrc`, `.claude/…`), held where a PM's session may start; the PM's own files stay writable.
    const ownNames = /\/src\/features\/checkout\/(\.bash_profile|\.bashrc|\.gitconfig|\.gitmodules|\.idea|\.mcp\.json|\.profile|\.ripgreprc|\.vscode|\.zprofile|\.zshrc|\.claude\/[\w.-]+)(\/\.pm-zone-locked)?$/;
    assert.deepEqual(local.sandbox.filesystem.denyWrite.filter((entry: string) => entry.includes('src/features/checkout') && !ownNames.test(entry)), [], 'the PM\'s own files stay writable');
    // What Claude Code's sandbox keeps read-only by itself at the top, where nothing is there, is held with an empty folder
    // (a name below it denied too), so `git status` in it lists no placeholder; no Edit rule of its own (the zone does not lock .bashrc).
    for (const name of CLAUDE_OWN_DENIED.filter((name) => !existsSync(inRepo(root, name)))) {
      for (const held of [name, `${name}/${SRT_HELD_BELOW}`]) assert.ok(local.sandbox.filesystem.denyWrite.includes(`/${real}/${held}`), held);
    }
    assert.ok(![...local.permissions.ask, ...local.permissions.deny].some((rule: string) => rule.includes('.bashrc')));
    // Copilot CLI's: in the user's settings beside its hooks, where Copilot reads `sandbox` from (never from the
    // repository's .github/copilot/settings*.json, which it strips of the key); existing paths only.
    const copilot = await read(path.join(home, '.copilot', 'settings.json'));
    assert.equal(copilot.sandbox.enabled, true);
    assert.equal(copilot.sandbox.allowBypass, false);
    assert.ok(copilot.hooks.preToolUse[0].bash.includes('user-guard.cjs'), 'the hooks kept beside it');
    assert.ok(copilot.sandbox.userPolicy.filesystem.readonlyPaths.includes(`${real}/src/auth`));
    assert.ok(copilot.sandbox.userPolicy.filesystem.readonlyPaths.includes(path.join(home, '.gemini', 'settings.json')), 'a user file written in the same run');
    assert.ok(copilot.sandbox.userPolicy.filesystem.readonlyPaths.includes(path.join(home, '.copilot')), "Copilot CLI's own folder, whole: its hooks/ and mcp-config.json run programs");
    // Copilot CLI runs the hooks in its sandbox: PM Zone's records folder, which --me makes, stays writable to the session start.
    const records = path.join(await fs.realpath(path.join(root, '.git')), 'pm-zone');
    assert.ok((await fs.stat(records)).isDirectory());
    assert.ok(!copilot.sandbox.userPolicy.filesystem.readonlyPaths.some((locked: string) => locked === records || locked.startsWith(`${records}/`)), 'the records folder is not read-only to Copilot');
    assert.ok(copilot.sandbox.userPolicy.filesystem.readonlyPaths.includes(path.join(await fs.realpath(path.join(root, '.git')), 'config')), "git's config still is");
    await assert.rejects(fs.stat(inRepo(root, '.github/copilot/settings.local.json')), 'no repository file Copilot would not read');
    // Not committed: git ignores both through .git/info/exclude.
    assert.equal((await git(root, 'status', '--porcelain', '--untracked-files=all')).split('\n').filter((line) => /settings\.local\.json/.test(line)).length, 0);
    // The record the user-level launcher reads.
    const guarded = Object.values((await readGuarded(home)).repositories);
    assert.deepEqual(guarded.map((entry) => [entry.handle, entry.agents]), [['@alice', ['claude', 'copilot', 'gemini']]]);
    // A second run changes nothing.
    const again = await me();
    assert.doesNotMatch(again.stdout, / (created|updated)$/m, again.stdout);
  });

  it("writes into each agent's folder where its own variable moves it (COPILOT_HOME, CLAUDE_CONFIG_DIR, GEMINI_CLI_HOME), and agents check reads it there", async () => {
    const moved = { COPILOT_HOME: path.join(home, 'moved', 'copilot'), CLAUDE_CONFIG_DIR: path.join(home, 'moved', 'claude'), GEMINI_CLI_HOME: path.join(home, 'moved', 'gemini-home') };
    const run = await cli(['agents', 'init', '--me', '--cwd', root], { env: { ...env(), ...moved } });
    assert.equal(run.code, 0, run.stderr);
    const copilot = await read(path.join(moved.COPILOT_HOME, 'settings.json'));
    assert.ok(copilot.hooks.preToolUse[0].bash.includes('user-guard.cjs'));
    assert.equal(copilot.sandbox.enabled, true);
    assert.ok(copilot.sandbox.userPolicy.filesystem.readonlyPaths.includes(moved.COPILOT_HOME), 'the folder Copilot reads, read-only to its shell');
    assert.ok((await read(path.join(moved.CLAUDE_CONFIG_DIR, 'settings.json'))).hooks.PreToolUse);
    assert.ok((await read(path.join(moved.GEMINI_CLI_HOME, '.gemini', 'settings.json'))).hooks.BeforeTool);
    for (const unread of ['.copilot', '.claude', '.gemini']) assert.equal(existsSync(path.join(home, unread)), false, `nothing written to ~/${unread}, which the agent does not read`);
    const check = await cli(['agents', 'check', '--agent', 'copilot', '--json', '--cwd', root], { env: { ...env(), ...moved } });
    const here = (JSON.parse(check.stdout) as { agents: { agent: string; here: Record<string, unknown> }[] }).agents.find((entry) => entry.agent === 'copilot')?.here;
    assert.deepEqual([here?.userHooks, here?.sandbox], ['in-force', 'in-force'], check.stdout);
    const unmoved = await cli(['agents', 'check', '--agent', 'copilot', '--json', '--cwd', root], { env: env() });
    const there = (JSON.parse(unmoved.stdout) as { agents: { agent: string; here: Record<string, unknown> }[] }).agents.find((entry) => entry.agent === 'copilot')?.here;
    assert.notEqual(there?.userHooks, 'in-force', 'without the variable, Copilot reads ~/.copilot, where nothing was written');
  });

  it("takes out the sandbox an earlier PM Zone wrote into the repository's Copilot settings, which Copilot CLI never read, and keeps the rest", async () => {
    const file = inRepo(root, '.github/copilot/settings.local.json');
    await fs.mkdir(path.dirname(file), { recursive: true });
    const earlier = { model: 'mine', sandbox: { enabled: true, allowBypass: false, userPolicy: { filesystem: { readonlyPaths: [`${root}/src/auth`] } } } };
    await fs.writeFile(file, `${JSON.stringify(earlier, null, 2)}\n`);
    assert.equal((await me('--agent', 'copilot')).code, 0);
    assert.deepEqual(await read(file), { model: 'mine' });
    // A sandbox with anything PM Zone never wrote there is the user's, and stays.
    const theirs = { sandbox: { enabled: true, network: { allow: ['example.test'] } } };
    await fs.writeFile(file, JSON.stringify(theirs));
    assert.equal((await me('--agent', 'copilot')).code, 0);
    assert.deepEqual(await read(file), theirs);
    // An unreadable one is no reason to stop: it is not PM Zone's any more.
    await fs.writeFile(file, '{ nope');
    assert.equal((await me('--agent', 'copilot')).code, 0);
    assert.equal(await fs.readFile(file, 'utf8'), '{ nope');
  });

  it('keeps read-only the files CLAUDE.md imports, also those its tables name by a handle, which Claude Code loads as instructions', async () => {
    // The pilot PMs' table says `@alice`, `@dana`: Claude Code reads `@name` in a table cell as an import of the file `name`
    // beside CLAUDE.md (test/clients/imports.test.ts), so a file an agent wrote there would be the project's instructions.
    assert.equal((await me('--agent', 'claude')).code, 0);
    const real = await fs.realpath(root);
    const local = await read(inRepo(root, '.claude/settings.local.json'));
    for (const handle of ['alice', 'bob', 'dana', 'erin']) {
      assert.ok(local.sandbox.filesystem.denyWrite.includes(`/${real}/${handle}`), handle);
      assert.ok(local.permissions.ask.includes(`Edit(/${real}/${handle})`), handle);
    }
    const explained = await cli(['explain', '--cwd', root, 'alice'], { env: env() });
    assert.match(explained.stdout, /imported by CLAUDE\.md \(@alice\)/);
  });

  it('writes nothing over a settings file it cannot read, and says which', async () => {
    await fs.mkdir(path.join(home, '.gemini'));
    await fs.writeFile(path.join(home, '.gemini', 'settings.json'), '{ "general": { "vimMode": true }, ');
    const run = await me();
    assert.equal(run.code, 1);
    assert.match(run.stderr, /\.gemini\/settings\.json is not valid JSON \(.* on line 1\); nothing was written/);
    assert.deepEqual((await fs.readdir(home)).sort(), ['.gemini']);
    await assert.rejects(fs.stat(inRepo(root, '.claude/settings.local.json')));
  });

  it("holds Claude Code's own names where a session may start below the top: the PM's feature folders at once, any other folder from the session started there on", async () => {
    assert.equal((await me('--agent', 'claude')).code, 0);
    const file = inRepo(root, '.claude/settings.local.json');
    const real = await fs.realpath(root);
    const held = async (folder: string) => (await read(file)).sandbox.filesystem.denyWrite.filter((entry: string) => entry.startsWith(`/${real}/${folder}/`));
    for (const name of ['.bashrc', '.vscode', '.claude/settings.json', '.claude/launch.json']) {
      assert.ok((await held('src/features/checkout')).includes(`/${real}/src/features/checkout/${name}/${SRT_HELD_BELOW}`), name);
    }
    assert.ok(!(await held('docs')).includes(`/${real}/docs/.bashrc/${SRT_HELD_BELOW}`), 'not a feature folder: not held yet');
    // A session at the top first, run with another PATH than agents init --me had (as an editor's often is): the
    // settings follow the node programs on it, and nothing moved in the repository, so nothing is said.
    const atTop = answerOf(await guardIn(root).run('claude', { session_id: 't', cwd: root, hook_event_name: 'SessionStart', source: 'startup' }, { HOME: home }));
    assert.doesNotMatch(String((atTop.hookSpecificOutput as { additionalContext: string }).additionalContext), /rewrote/);
    const answer = answerOf(await guardIn(root).run('claude', { session_id: 'd', cwd: inRepo(root, 'docs'), hook_event_name: 'SessionStart', source: 'startup' }, { HOME: home }));
    const said = String((answer.hookSpecificOutput as { additionalContext: string }).additionalContext);
    assert.doesNotMatch(said, /rewrote/, said);
    assert.match(said, /In this session, `git status` in docs may list names the sandbox keeps read-only there .* From the next session started there on, they are not listed\./, 'the first session there is told what it will see');
    const again = answerOf(await guardIn(root).run('claude', { session_id: 'd2', cwd: inRepo(root, 'docs'), hook_event_name: 'SessionStart', source: 'startup' }, { HOME: home }));
    assert.doesNotMatch(String((again.hookSpecificOutput as { additionalContext: string }).additionalContext), /In this session, `git status`/, 'said once');
    const inFeature = answerOf(await guardIn(root).run('claude', { session_id: 'f', cwd: inRepo(root, 'src/features/checkout'), hook_event_name: 'SessionStart', source: 'startup' }, { HOME: home }));
    assert.doesNotMatch(String((inFeature.hookSpecificOutput as { additionalContext: string }).additionalContext), /In this session, `git status`/, 'held since agents init --me');
    assert.ok((await held('docs')).includes(`/${real}/docs/.bashrc/${SRT_HELD_BELOW}`));
    assert.ok((await held('src/features/checkout')).length > 0, 'the feature folder still held');
  });

  it('refreshes the sandbox settings at session start when the policy changed, keeping what the user added', async () => {
    assert.equal((await me('--agent', 'claude')).code, 0);
    const file = inRepo(root, '.claude/settings.local.json');
    const local = await read(file);
    local.permissions.allow = ['Bash(npm test)'];
    local.permissions.deny.push('Read(./secrets/**)');
    // As an earlier PM Zone wrote them: every locked path denied to the edit tools, which hid PM Zone's reason.
    const real = await fs.realpath(root);
    const earlier = [`Edit(/${real}/src/auth)`, `Edit(/${real}/src/auth/**)`];
    local.permissions.deny.push(...earlier);
    await fs.writeFile(file, JSON.stringify(local, null, 2));
    const record = await readGuarded(home);
    for (const entry of Object.values(record.repositories)) entry.wrote[`${real}|claude.deny`].push(...earlier);
    await fs.writeFile(path.join(home, '.pmzone', 'guarded.json'), JSON.stringify(record));
    const claudeMd = inRepo(root, 'CLAUDE.md');
    await fs.writeFile(claudeMd, (await fs.readFile(claudeMd, 'utf8')).replace('- `**/auth/**`\n', '- `**/auth/**`\n- `**/search/**`\n'));
    await git(root, 'commit', '--quiet', '-am', 'Lock search');
    const guard = guardIn(root);
    const answer = answerOf(await guard.run('claude', { session_id: 'r', cwd: root, hook_event_name: 'SessionStart', source: 'startup' }, { HOME: home }));
    assert.match(String((answer.hookSpecificOutput as { additionalContext: string }).additionalContext), /PM Zone rewrote the sandbox settings of the PM's agents/);
    const after = await read(file);
    assert.ok(after.sandbox.filesystem.denyWrite.includes(`/${real}/src/features/search`));
    assert.ok(after.permissions.ask.includes(`Edit(/${real}/src/features/search/**)`));
    for (const rule of earlier) assert.ok(!after.permissions.deny.includes(rule) && after.permissions.ask.includes(rule), rule);
    assert.deepEqual(after.permissions.allow, ['Bash(npm test)']);
    assert.ok(after.permissions.deny.includes('Read(./secrets/**)'));
    // Unchanged policy: nothing rewritten, nothing said.
    const next = answerOf(await guard.run('claude', { session_id: 'r2', cwd: root, hook_event_name: 'SessionStart', source: 'startup' }, { HOME: home }));
    assert.doesNotMatch(String((next.hookSpecificOutput as { additionalContext: string }).additionalContext), /rewrote/);
  });

  describe('node and git as PATH found them when the guard was turned on', () => {
    let tools: string;
    const pathWith = (...folders: string[]) => [...folders, bin, process.env.PATH].join(path.delimiter);
    const contextAt = async (env: NodeJS.ProcessEnv) => String((answerOf(await guardIn(root).run('claude', { session_id: 'p', cwd: root, hook_event_name: 'SessionStart', source: 'startup' }, env)).hookSpecificOutput as { additionalContext: string }).additionalContext);
    const edit = (env: NodeJS.ProcessEnv) => guardIn(root).run('claude', { session_id: 'p', cwd: root, hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: inRepo(root, 'src/features/checkout/i18n/en.json'), content: '{}\n' } }, env);

    beforeEach(async () => {
      // A git of the user's own first on PATH, as Homebrew's is on a Mac.
      tools = await tempDir('tools');
      const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
      await fs.writeFile(path.join(tools, 'git'), `#!/bin/sh\nexec ${realGit} "$@"\n`, { mode: 0o755 });
      const run = await cli(['agents', 'init', '--me', '--agent', 'claude', '--cwd', root], { env: { ...env(), PATH: pathWith(tools) } });
      assert.equal(run.code, 0, run.stderr);
    });

    it('records each, and a node planted ahead of it on PATH refuses the session at its start and every edit, naming the file', async () => {
      const [entry] = Object.values((await readGuarded(home)).repositories);
      assert.equal(entry.programs?.git?.path, path.join(tools, 'git'));
      assert.equal(entry.programs?.node?.real, await fs.realpath(execFileSync('sh', ['-c', 'command -v node'], { encoding: 'utf8', env: { PATH: pathWith(tools) } }).trim()));
      const recorded = { HOME: home, PATH: pathWith(tools) };
      assert.doesNotMatch(await contextAt(recorded), /not the one recorded/);
      assert.ok(silent(await edit(recorded)));
      const planted = await tempDir('local-bin');
      await fs.writeFile(path.join(planted, 'node'), '#!/bin/sh\necho planted\n', { mode: 0o755 });
      const plantedEnv = { HOME: home, PATH: pathWith(planted, tools) };
      const said = new RegExp(`^- node: .* was recorded; PATH now finds ${path.join(planted, 'node').replace(/[/.]/g, '\\$&')} first\\.$`, 'm');
      assert.match(await contextAt(plantedEnv), said);
      const refused = answerOf(await edit(plantedEnv));
      assert.equal((refused.hookSpecificOutput as { permissionDecision: string }).permissionDecision, 'deny');
      assert.match(String((refused.hookSpecificOutput as { permissionDecisionReason: string }).permissionDecisionReason), said);
    });

    it('a git the user owns, rewritten in place, refuses the session, and agents check says so', async () => {
      const check = async () => {
        const run = await cli(['agents', 'check', '--agent', 'claude', '--json', '--cwd', root], { env: { ...env(), PATH: pathWith(tools) } });
        return { code: run.code, here: (JSON.parse(run.stdout) as { agents: { here: { userHooks: string; detail: string[] } }[] }).agents[0].here };
      };
      assert.equal((await check()).here.userHooks, 'in-force');
      await fs.appendFile(path.join(tools, 'git'), 'echo rewritten\n');
      assert.match(await contextAt({ HOME: home, PATH: pathWith(tools) }), new RegExp(`^- git: ${path.join(tools, 'git').replace(/[/.]/g, '\\$&')} was recorded; it was written or its mode changed\\.$`, 'm'));
      const after = await check();
      assert.deepEqual([after.code, after.here.userHooks], [1, 'stale']);
      assert.match(after.here.detail.join('\n'), /git is not the one recorded at pm-zone agents init --me \(.*\): it was written or its mode changed; until it is recorded again, the guard refuses every edit and command/);
    });
  });

  describe('the user-level hook line', () => {
    let line: string;
    const runLine = (folder: string, payload = '{"tool_name":"Write"}') => runHookCommand('claude', line, folder, payload, 20, { ...env(), CLAUDE_PROJECT_DIR: folder });

    beforeEach(async () => {
      assert.equal((await me('--agent', 'claude')).code, 0);
      line = (await read(path.join(home, '.claude', 'settings.json'))).hooks.PreToolUse[0].hooks[0].command;
    });

    it('runs the recorded guard from any subfolder, and in a worktree of the repository', async () => {
      const output = await runLine(inRepo(root, 'src/features/checkout'));
      assert.equal(output.exitCode, 0, output.stderr);
      assert.deepEqual(JSON.parse(output.stdout), { args: ['--agent', 'claude'], scope: 'user' });
      // Compiled with a code cache kept in the records folder of the repository's common git folder (guardRunner.ts).
      const cache = path.join(await fs.realpath(path.join(root, '.git')), 'pm-zone', GUARD_CODE_CACHE);
      const written = await fs.stat(cache);
      const worktree = path.join(await tempDir('wt'), 'side');
      await git(root, 'worktree', 'add', '--quiet', '-b', 'side', worktree);
      assert.deepEqual(JSON.parse((await runLine(inRepo(worktree, 'src'))).stdout), { args: ['--agent', 'claude'], scope: 'user' });
      // The worktree's run took the same cache as it was: not written again.
      assert.deepEqual([(await fs.stat(cache)).ino, (await fs.stat(cache)).mtimeMs], [written.ino, written.mtimeMs]);
    });

    it('is silent outside a repository the PM guards', async () => {
      assert.deepEqual(await runLine(os.tmpdir()).then(({ stdout, exitCode }) => ({ stdout, exitCode })), { stdout: '', exitCode: 0 });
      const other = await sampleRepo();
      assert.deepEqual(await runLine(other).then(({ stdout, exitCode }) => ({ stdout, exitCode })), { stdout: '', exitCode: 0 });
    });

    it('refuses every write, every time, when PM Zone is gone or changed; and when its own launcher is', async () => {
      await fs.writeFile(inRepo(root, 'node_modules/pm-zone/dist/guard.js'), '');
      for (let time = 0; time < 2; time++) {
        const output = await runLine(root);
        assert.equal(output.exitCode, 2);
        assert.match(output.stderr, /^PM Zone: the guard you turned on for this repository cannot run, because PM Zone is not installed where it was/);
      }
      assert.equal((await runLine(root, '{"hook_event_name":"SessionStart"}')).exitCode, 0, 'a session still starts');
      await fs.rm(inRepo(root, 'node_modules'), { recursive: true });
      assert.equal((await runLine(root)).exitCode, 2);
      await fs.writeFile(path.join(home, '.pmzone', 'user-guard.cjs'), '');
      const blanked = await runLine(os.tmpdir());
      assert.equal(blanked.exitCode, 2);
      assert.match(blanked.stderr, /user-guard\.cjs is missing or was changed since its hooks were set up/);
    });
  });

  describe('the node the user-level hook lines run', () => {
    /** PM Zone's guard itself, from the sources, where the hooks run the installed one. */
    const realGuard = [
      `require(${JSON.stringify(require.resolve('tsx/cjs'))});`,
      `const { runGuard } = require(${JSON.stringify(path.resolve(__dirname, '../../../src/core/agents/index.ts'))});`,
      `const { parsePolicySources } = require(${JSON.stringify(path.resolve(__dirname, '../../../src/core/repository/index.ts'))});`,
      "const agent = process.argv[process.argv.indexOf('--agent') + 1];",
      "let input = '';",
      "process.stdin.setEncoding('utf8').on('data', (chunk) => (input += chunk)).on('end', () => runGuard(agent, input, { cwd: process.cwd(), env: process.env, stamp: { program: 'pm-zone test' }, settings: {},",
      '  parseSources: (files, settings) => parsePolicySources(files, settings) }).then((output) => { process.stdout.write(output.stdout); process.stderr.write(output.stderr); process.exitCode = output.exitCode; }));',
      '',
    ].join('\n');
    const outcome = ({ exitCode, stdout, stderr }: { exitCode: number; stdout: string; stderr: string }) => ({ exitCode, stdout, stderr });
    const userFile = () => path.join(home, '.claude', 'settings.json');
    const lineOf = async (file: string) => String((await read(file)).hooks.PreToolUse[0].hooks[0].command);
    const recordedNode = async () => Object.values((await readGuarded(home)).repositories)[0].programs?.node?.real;

    it("runs the node recorded at --me by its path: a planted node that lets the project's line through is overruled by the PM's line", async () => {
      await fs.writeFile(inRepo(root, 'node_modules/pm-zone/dist/guard.js'), realGuard);
      await git(root, 'config', 'user.email', 'dana@acme.test');
      assert.equal((await cli(['agents', 'init', '--agent', 'claude', '--cwd', root])).code, 0);
      await git(root, 'config', 'user.email', 'alice@acme.test');
      assert.equal((await me('--agent', 'claude')).code, 0);
      const userLine = await lineOf(userFile());
      const projectLine = await lineOf(inRepo(root, '.claude/settings.json'));
      assert.equal(verifiedNodeOf(userLine), await recordedNode());
      assert.equal(verifiedNodeOf(projectLine), undefined, "the project's line, which every user shares, runs node by its bare name");
      const write = JSON.stringify({ session_id: 'n', cwd: root, hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: inRepo(root, 'src/features/checkout/i18n/en.json'), content: '{}\n' } });
      const runAt = (command: string, PATH: string) => runHookCommand('claude', command, root, write, 120, { ...env(), PATH }).then(outcome);
      // As recorded, the project's verified hook answers for the PM Zone the PM set up: the PM's own line is silent.
      assert.deepEqual(await runAt(userLine, env().PATH), { exitCode: 0, stdout: '', stderr: '' });
      // A node planted ahead on PATH that never runs PM Zone: the project's line is let through...
      const planted = await tempDir('local-bin');
      await fs.writeFile(path.join(planted, 'node'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
      const plantedPath = `${planted}${path.delimiter}${env().PATH}`;
      assert.deepEqual(await runAt(projectLine, plantedPath), { exitCode: 0, stdout: '', stderr: '' });
      // ...and the PM's line, which runs the recorded node, refuses, naming the planted one: the agent takes the refusal.
      const refused = answerOf(await runAt(userLine, plantedPath)).hookSpecificOutput as { permissionDecision: string; permissionDecisionReason: string };
      assert.equal(refused.permissionDecision, 'deny');
      assert.match(refused.permissionDecisionReason, new RegExp(`^- node: .* was recorded; PATH now finds ${path.join(planted, 'node').replace(/[/.]/g, '\\$&')} first\\.$`, 'm'));
    });

    it('agents check names hook lines that do not run the recorded node, and --me writes them again, once', async () => {
      assert.equal((await me('--agent', 'claude')).code, 0);
      const recorded = await recordedNode();
      assert.ok(recorded);
      const check = async () => {
        const run = await cli(['agents', 'check', '--agent', 'claude', '--json', '--cwd', root], { env: env() });
        const here = (JSON.parse(run.stdout) as { agents: { here: { userHooks: string; detail: string[] } }[] }).agents[0].here;
        return { code: run.code, userHooks: here.userHooks, detail: here.detail.join('\n') };
      };
      assert.deepEqual((await check()).userHooks, 'in-force');
      const escaped = (text: string) => text.replace(/[/.()]/g, '\\$&');
      for (const [node, said] of [
        [undefined, 'node by its bare name \\(whatever PATH finds first\\)'],
        ['/opt/node-18/bin/node', escaped('/opt/node-18/bin/node')],
      ] as const) {
        // As an earlier PM Zone wrote them (node by its bare name), or with a node no longer the recorded one.
        const settings = await read(userFile());
        for (const entries of Object.values(settings.hooks) as { hooks: { command: string }[] }[][]) entries[0].hooks[0].command = userHookLine('claude', home, node);
        await fs.writeFile(userFile(), JSON.stringify(settings, null, 2));
        const stale = await check();
        assert.deepEqual([stale.code, stale.userHooks], [1, 'stale'], stale.detail);
        assert.match(stale.detail, new RegExp(`the user-level hooks in .*settings\\.json run ${said}, not the node pm-zone agents init --me recorded \\(${escaped(recorded)}\\): run pm-zone agents init --me again`));
        const again = await me('--agent', 'claude');
        assert.match(again.stdout, /settings\.json updated$/m, again.stdout);
        assert.equal(verifiedNodeOf(await lineOf(userFile())), recorded);
        assert.deepEqual(await check().then(({ code, userHooks }) => [code, userHooks]), [0, 'in-force']);
        assert.doesNotMatch((await me('--agent', 'claude')).stdout, / (created|updated)$/m, 'a second run changes nothing');
      }
    });
  });

  it('holds in the OS sandbox: bubblewrap with the area read-only refuses a shell write there, and lets the PM\'s own file be written', async function () {
    if (process.platform !== 'linux') this.skip();
    assert.ok(spawnSync('bwrap', ['--version']).status === 0, 'bubblewrap is installed (scripts/vscode-host/prerequisites.mjs installs it)');
    assert.equal((await me('--agent', 'claude')).code, 0);
    const local = await read(inRepo(root, '.claude/settings.local.json'));
    const binds = (local.sandbox.filesystem.denyWrite as string[]).map((entry) => entry.slice(1)).filter((entry) => spawnSync('test', ['-e', entry]).status === 0).flatMap((entry) => ['--ro-bind', entry, entry]);
    const sandboxed = (command: string) => spawnSync('bwrap', ['--bind', '/', '/', '--dev-bind', '/dev', '/dev', '--proc', '/proc', ...binds, 'sh', '-c', command], { cwd: root, encoding: 'utf8' });
    const locked = sandboxed('echo x >> src/auth/session.ts');
    assert.notEqual(locked.status, 0);
    assert.match(locked.stderr, /Read-only file system/);
    assert.match(sandboxed('git config core.hooksPath /tmp').stderr, /could not (lock|write) config file|Read-only|resource busy/);
    assert.equal(sandboxed('echo "// copy" >> src/features/checkout/README.md').status, 0);
    assert.doesNotMatch(execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }), /src\/auth/);
  });

  it('agents check says, from the folder it runs in, which hooks and which sandbox are in force', async () => {
    assert.equal((await me('--agent', 'claude')).code, 0);
    type Here = { agent: string; here: { projectHooks: string; userHooks: string; sandbox: string; detail: string[] } };
    const check = async (folder: string) => {
      const run = await cli(['agents', 'check', '--agent', 'claude', '--json', '--cwd', folder], { env: env() });
      return { code: run.code, here: (JSON.parse(run.stdout) as { agents: Here[] }).agents[0].here };
    };
    const top = await check(root);
    assert.deepEqual({ ...top.here, detail: undefined }, { agent: 'claude', projectHooks: 'absent', userHooks: 'in-force', sandbox: 'in-force', detail: undefined });
    assert.equal(top.code, 0, 'a PM guarded by their own hooks passes without the project\'s');
    const sub = await check(inRepo(root, 'src/features/checkout'));
    assert.equal(sub.here.sandbox, 'unverified-from-subfolder');
    assert.match(sub.here.detail.join('\n'), /Claude Code 2\.1\.331 loads the top's \.claude\/settings\.local\.json/);
    await fs.writeFile(path.join(home, '.pmzone', 'user-guard.cjs'), '// changed\n');
    assert.deepEqual(await check(root).then(({ code, here }) => [code, here.userHooks]), [1, 'stale']);
  });

  it('agents check says what a missing sandbox program means for each agent: Claude Code refuses to start, Copilot CLI\'s sandbox is not to be relied on', async () => {
    assert.equal((await me('--agent', 'claude', '--agent', 'copilot')).code, 0);
    // A machine with git and node but none of the sandbox's programs.
    const bare = await tempDir('bare bin');
    for (const program of ['claude', 'copilot']) await fs.writeFile(path.join(bare, program), '#!/bin/sh\n', { mode: 0o755 });
    await fs.symlink(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(), path.join(bare, 'git'));
    await fs.symlink(process.execPath, path.join(bare, 'node'));
    const run = await cli(['agents', 'check', '--agent', 'claude', '--agent', 'copilot', '--json', '--cwd', root], { env: { ...env(), PATH: bare } });
    const details = (JSON.parse(run.stdout) as { agents: { agent: string; here: { sandbox: string; detail: string[] } }[] }).agents;
    const detailOf = (agent: string) => details.find((entry) => entry.agent === agent)?.here;
    assert.equal(detailOf('claude')?.sandbox, 'programs-missing');
    assert.match(detailOf('claude')?.detail.join('\n') ?? '', /missing: bwrap, socat \(until installed, Claude Code refuses to start \(failIfUnavailable\)\)/);
    assert.match(detailOf('copilot')?.detail.join('\n') ?? '', /missing: bwrap, slirp4netns, iptables \(until installed, GitHub Copilot CLI's sandbox cannot run: do not rely on it\)/);
  });

  it("stays silent where the project's own verified hook answers the same, and answers where it does not load", async () => {
    await git(root, 'config', 'user.email', 'dana@acme.test');
    assert.equal((await cli(['agents', 'init', '--agent', 'claude', '--cwd', root])).code, 0);
    await git(root, 'config', 'user.email', 'alice@acme.test');
    assert.equal((await me('--agent', 'claude')).code, 0);
    const guard = guardIn(root);
    const edit = (cwd: string) => ({ session_id: 'd', cwd, hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: inRepo(root, 'src/auth/session.ts') } });
    const user = (folder: string) => ({ HOME: home, PM_ZONE_HOOK_SCOPE: 'user', CLAUDE_PROJECT_DIR: folder });
    assert.ok(silent(await guard.run('claude', edit(root), user(root))), 'at the top, the project hook answers');
    const sub = inRepo(root, 'src/features');
    assert.equal((answerOf(await guard.run('claude', edit(sub), user(sub))) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision, 'deny', 'from a subfolder the project hooks do not load');
    // A launcher changed since the project's hooks were written: the project hook refuses on its own, and the user hook answers too.
    await fs.appendFile(inRepo(root, '.pmzone/guard.cjs'), '// changed\n');
    assert.equal((answerOf(await guard.run('claude', edit(root), user(root))) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision, 'deny');
  });

  it('the guard stays out of an engineer\'s way: no answer for their session', async () => {
    assert.equal((await me('--agent', 'claude')).code, 0);
    await git(root, 'config', 'user.email', 'dana@acme.test');
    const guard = guardIn(root);
    assert.ok(silent(await guard.run('claude', { session_id: 'e', cwd: root, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'echo x >> src/auth/session.ts' } }, { HOME: home, PM_ZONE_HOOK_SCOPE: 'user' })));
  });
});
