import * as assert from 'node:assert/strict';
import { AGENT_HOOKS, AgentConfigError, AGENTS, agentsInitWrites, guardEntries, guardEvents, installedHooks, mergeGuardConfig } from '../../../src/core/agents';
import { launcherHash, verifiedHashOf, verifiedLauncherLinePowerShell } from '../../../src/core/agents/launcherLine';
import { launcherScript } from '../../../src/core/agents/launcher';

// The line each agent runs: the launcher verified by its hash, then run (launcherLine.test.ts runs it).
const claudeLine = AGENT_HOOKS.claude.command({});
const copilotLine = AGENT_HOOKS.copilot.command({});
const copilotPowerShell = verifiedLauncherLinePowerShell({ launcher: '.pmzone/guard.cjs', text: launcherScript(), args: '--agent copilot', fix: 'Tell the user: an engineer restores it (git checkout -- .pmzone/guard.cjs) or runs pm-zone agents init again.' });
const cursorLine = AGENT_HOOKS.cursor.command({});
const geminiLine = AGENT_HOOKS.gemini.command({});

// What `agents init` writes into each agent's settings: PM Zone's entries in
// the documented schema, merged into what is there.

const existingClaude = `{
    "permissions": { "allow": ["Bash(npm test)"] },
    "hooks": {
        "PreToolUse": [
            { "matcher": "Bash", "hooks": [{ "type": "command", "command": "./scripts/block-rm.sh" }] }
        ],
        "PostToolUse": [
            { "matcher": "Write|Edit", "hooks": [{ "type": "command", "command": "npx prettier --write" }] }
        ]
    },
    "model": "opus"
}
`;

describe("the agents' hook settings PM Zone writes", () => {
  it("merges into an existing .claude/settings.json, keeping every other hook and setting, in the file's own indentation", () => {
    const merged = mergeGuardConfig('claude', existingClaude);
    const settings = JSON.parse(merged);
    assert.deepEqual(settings.permissions, { allow: ['Bash(npm test)'] });
    assert.equal(settings.model, 'opus');
    assert.deepEqual(settings.hooks.PostToolUse, [{ matcher: 'Write|Edit', hooks: [{ type: 'command', command: 'npx prettier --write' }] }]);
    assert.deepEqual(settings.hooks.PreToolUse, [
      { matcher: 'Bash', hooks: [{ type: 'command', command: './scripts/block-rm.sh' }] },
      { matcher: 'Edit|MultiEdit|Write|NotebookEdit|Bash', hooks: [{ type: 'command', command: claudeLine, timeout: 10 }] },
    ]);
    assert.deepEqual(settings.hooks.SessionStart, [{ hooks: [{ type: 'command', command: claudeLine, timeout: 10 }] }]);
    assert.deepEqual(settings.hooks.Stop, [{ hooks: [{ type: 'command', command: claudeLine, timeout: 30 }] }]);
    assert.match(merged, /^\{\n {4}"permissions"/);
  });

  it('leaves a file byte for byte when PM Zone\'s entries are already there and current', () => {
    const once = mergeGuardConfig('claude', existingClaude);
    assert.equal(mergeGuardConfig('claude', once), once);
    for (const agent of ['copilot', 'cursor', 'gemini'] as const) {
      const written = mergeGuardConfig(agent, undefined);
      const spaced = written.replace(/\n/g, '\r\n');
      assert.equal(mergeGuardConfig(agent, spaced), spaced, agent);
    }
    const writes = agentsInitWrites({ '.claude/settings.json': once }, ['claude']);
    assert.deepEqual(writes.map((w) => [w.file, w.action]), [['.pmzone/guard.cjs', 'create'], ['.claude/settings.json', 'unchanged']]);
  });

  it('gives every line, of every agent, the hash of the launcher it writes beside it; lines of another launcher are rewritten', () => {
    const agents = ['claude', 'codex', 'copilot', 'cursor', 'gemini'] as const;
    const stale = Object.fromEntries(agents.map((agent) => [AGENT_HOOKS[agent].file, mergeGuardConfig(agent, undefined, { launcherText: 'another launcher\n' })]));
    for (const launcherText of [undefined, 'a launcher a test wrote\n']) {
      const writes = agentsInitWrites({ ...stale, '.pmzone/guard.cjs': launcherText ?? launcherScript() }, agents, launcherText === undefined ? {} : { launcherText });
      const launcher = writes.find((write) => write.file === '.pmzone/guard.cjs')!;
      assert.equal(launcher.text, launcherText ?? launcherScript());
      for (const write of writes.filter((each) => each !== launcher)) {
        assert.equal(write.action, 'update', write.file);
        const agent = agents.find((name) => AGENT_HOOKS[name].file === write.file)!;
        const hashes = Object.values(installedHooks(agent, write.text)).map((hook) => hook && verifiedHashOf(hook.command));
        assert.deepEqual(new Set(hashes), new Set([launcherHash(launcher.text)]), write.file);
      }
    }
  });

  it('replaces an older entry of its own in place, and one it wrote twice once', () => {
    const old = JSON.stringify({ hooks: { PreToolUse: [
      { matcher: 'Edit', hooks: [{ type: 'command', command: 'node .pmzone/guard.cjs --agent claude' }] },
      { matcher: 'Bash', hooks: [{ type: 'command', command: './mine.sh' }] },
      { matcher: 'Write', hooks: [{ type: 'command', command: 'node .pmzone/guard.cjs --agent claude' }] },
    ] } });
    const hooks = JSON.parse(mergeGuardConfig('claude', old)).hooks.PreToolUse;
    assert.deepEqual(hooks.map((group: { matcher: string }) => group.matcher), ['Edit|MultiEdit|Write|NotebookEdit|Bash', 'Bash']);
  });

  it('names the events it writes for each agent without building their lines', () => {
    for (const agent of AGENTS) assert.deepEqual(guardEvents(agent), Object.keys(guardEntries(agent)), agent);
  });

  it("writes each agent's documented schema", () => {
    assert.deepEqual(JSON.parse(mergeGuardConfig('copilot', undefined)), {
      version: 1,
      hooks: {
        sessionStart: [{ type: 'command', bash: copilotLine, powershell: copilotPowerShell, cwd: '.', timeoutSec: 10 }],
        preToolUse: [{ type: 'command', bash: copilotLine, powershell: copilotPowerShell, cwd: '.', timeoutSec: 10, matcher: 'create|edit|apply_patch|str_replace_editor|bash' }],
        agentStop: [{ type: 'command', bash: copilotLine, powershell: copilotPowerShell, cwd: '.', timeoutSec: 30 }],
      },
    });
    assert.deepEqual(JSON.parse(mergeGuardConfig('cursor', '{"version":1,"hooks":{"afterFileEdit":[{"command":".cursor/hooks/format.sh"}]}}')), {
      version: 1,
      hooks: {
        afterFileEdit: [{ command: '.cursor/hooks/format.sh' }],
        sessionStart: [{ command: cursorLine, timeout: 10 }],
        preToolUse: [{ command: cursorLine, matcher: 'Write|Delete|Shell', timeout: 10 }],
        stop: [{ command: cursorLine, timeout: 30, loop_limit: 1 }],
      },
    });
    const gemini = JSON.parse(mergeGuardConfig('gemini', '{"general":{"vimMode":true}}'));
    assert.deepEqual(gemini.general, { vimMode: true });
    assert.deepEqual(gemini.hooks.BeforeTool, [{ matcher: 'write_file|replace|run_shell_command', hooks: [{ name: 'pm-zone-guard', type: 'command', command: geminiLine, timeout: 10000 }] }]);
    assert.deepEqual(Object.keys(gemini.hooks), ['BeforeTool', 'SessionStart', 'AfterAgent']);
  });

  it('names the policy file and flavour in the command when they are not the defaults, quoted for the shell', () => {
    const entries = guardEntries('cursor', { policyFile: "docs/AGENTS's.md", codeownersFlavor: 'gitlab' });
    assert.ok((entries.preToolUse.command as string).includes(" .pmzone/guard.cjs --agent cursor --policy-file 'docs/AGENTS'\\''s.md' --codeowners-flavor gitlab || "), String(entries.preToolUse.command));
  });

  it('writes nothing over a file it cannot read, and says which', () => {
    assert.throws(() => mergeGuardConfig('claude', '{ "hooks": { // a comment\n } }'), (error: Error) => error instanceof AgentConfigError && /^\.claude\/settings\.json is not valid JSON .*nothing was written/.test(error.message));
    assert.throws(() => mergeGuardConfig('gemini', '[]'), /\.gemini\/settings\.json does not hold a JSON object/);
    assert.throws(() => mergeGuardConfig('claude', '{"hooks": {"Stop": {}}}'), /"hooks\.Stop" is not a list/);
    assert.throws(() => agentsInitWrites({ '.cursor/hooks.json': 'not json' }, ['claude', 'cursor']), AgentConfigError);
  });

  it('reads back the installed command lines and their timeouts', () => {
    const installed = installedHooks('gemini', mergeGuardConfig('gemini', undefined));
    assert.deepEqual(installed.BeforeTool, { command: geminiLine, timeoutSeconds: 10 });
    assert.deepEqual(installedHooks('claude', existingClaude), { PreToolUse: undefined, SessionStart: undefined, Stop: undefined });
  });
});
