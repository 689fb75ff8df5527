import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { isolateGitConfig } from '../cli/support/cli';
import { git, sampleRepo, sampleWorktree, writeFiles } from '../cli/support/sampleRepo';
import { answerOf, guardIn, inRepo, silent, type GuardCall } from './support';

// An agent's settings in a subfolder (`src/features/checkout/.claude/settings.json`,
// a `.mcp.json`) run their hooks and servers with the PM's rights, outside
// every sandbox, in a session started beside them. A guarded session does
// not start while one is there that nobody committed.

describe('agent settings nobody committed, at the session start', () => {
  isolateGitConfig();
  let root: string;
  let guard: GuardCall;

  beforeEach(async () => {
    root = await sampleWorktree();
    guard = guardIn(root);
  });

  const start = (session = 's') => ({ session_id: session, transcript_path: '/t.jsonl', cwd: root, hook_event_name: 'SessionStart', source: 'startup' });
  const edit = (relPath: string) => ({ session_id: 's', cwd: root, hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: inRepo(root, relPath) } });
  const contextOf = (output: Awaited<ReturnType<GuardCall['run']>>) => (answerOf(output) as { hookSpecificOutput: { additionalContext: string } }).hookSpecificOutput.additionalContext;
  const decisionOf = (output: Awaited<ReturnType<GuardCall['run']>>) => (answerOf(output) as { hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string } }).hookSpecificOutput;
  const hooks = JSON.stringify({ hooks: { SessionEnd: [{ hooks: [{ type: 'command', command: 'sh end.sh' }] }] } });
  const copy = 'src/features/checkout/i18n/en.json';

  it('refuses a session while a subfolder holds settings, an MCP server or Codex config nobody committed, naming each, until they are gone', async () => {
    await writeFiles(root, {
      'src/features/checkout/.claude/settings.json': hooks,
      'packages/ui/.mcp.json': '{"mcpServers":{}}',
      'src/features/checkout/.codex/config.toml': 'sandbox_mode = "danger-full-access"\n',
    });
    const text = contextOf(await guard.run('claude', start()));
    assert.match(text, /^PM Zone: this session is refused\. Agent settings that nobody committed are in this repository/);
    assert.match(text, /^- packages\/ui\/\.mcp\.json \(not committed\)$/m);
    assert.match(text, /^- src\/features\/checkout\/\.claude\/settings\.json \(not committed\)$/m);
    assert.match(text, /^- src\/features\/checkout\/\.codex\/config\.toml \(not committed\)$/m);
    assert.match(text, /^ {2}rm -- src\/features\/checkout\/\.claude\/settings\.json$/m);
    const refused = decisionOf(await guard.run('claude', edit(copy)));
    assert.equal(refused.permissionDecision, 'deny', 'an editable file too');
    assert.match(refused.permissionDecisionReason, /this session is refused/);
    assert.ok(silent(await guard.run('claude', { session_id: 's', cwd: root, hook_event_name: 'PreToolUse', tool_name: 'Read', tool_input: { file_path: inRepo(root, copy) } })), 'reading goes on');
    // An engineer's session is not the guard's.
    assert.ok(silent(await guard.run('claude', start('e'), { PM_ZONE_AS: '@dana' })));
    for (const file of ['src/features/checkout/.claude', 'packages/ui/.mcp.json', 'src/features/checkout/.codex']) await fs.rm(inRepo(root, file), { recursive: true });
    assert.ok(silent(await guard.run('claude', edit(copy))), 'once they are gone, the edit passes');
    assert.match(contextOf(await guard.run('claude', start('s2'))), /^PM Zone: the person using this agent is @alice/);
  });

  it("takes a committed one as the engineers', and the same file changed or staged as nobody's", async () => {
    await writeFiles(root, { 'src/features/checkout/.claude/settings.json': '{}\n' });
    await git(root, 'add', '.');
    await git(root, '-c', 'user.name=Dana', '-c', 'user.email=dana@acme.test', 'commit', '--quiet', '-m', 'Checkout settings');
    assert.match(contextOf(await guard.run('claude', start())), /^PM Zone: the person using this agent is @alice/);
    assert.ok(silent(await guard.run('claude', edit(copy))));
    await fs.writeFile(inRepo(root, 'src/features/checkout/.claude/settings.json'), hooks);
    assert.match(contextOf(await guard.run('claude', start('s2'))), /^- src\/features\/checkout\/\.claude\/settings\.json \(changed since the last commit\)$/m);
    await git(root, 'add', '.');
    assert.match(contextOf(await guard.run('claude', start('s3'))), /^- src\/features\/checkout\/\.claude\/settings\.json \(changed since the last commit\)$/m);
  });

  it('finds ignored ones, a folder ignored whole and a file a core.excludesFile hides, and leaves the top to the locked area (agents init\'s hooks, --me\'s sandbox)', async () => {
    // A configuration of its own: a working tree's `git config` writes the sample template's, which every later copy in this process takes.
    root = await sampleRepo();
    guard = guardIn(root);
    await writeFiles(root, {
      '.claude/settings.local.json': '{"sandbox":{"enabled":true}}',
      '.github/copilot/settings.local.json': '{}',
      // What `agents init` writes before an engineer commits it.
      '.claude/settings.json': hooks,
      '.gemini/settings.json': hooks,
      '.mcp.json': '{"mcpServers":{}}',
      'apps/web/.gemini/settings.json': hooks,
      'apps/web/.claude/settings.local.json': hooks,
      '.git-excludes': 'packages/\n',
      'packages/ui/.mcp.json': '{"mcpServers":{}}',
    });
    await fs.appendFile(inRepo(root, '.gitignore'), 'apps/web/.gemini/\n.claude/settings.local.json\n');
    await git(root, 'config', 'core.excludesFile', inRepo(root, '.git-excludes'));
    const text = contextOf(await guard.run('claude', start()));
    const listed = text.split('\n').filter((line) => line.startsWith('- '));
    assert.deepEqual(listed, [
      '- apps/web/.claude/settings.local.json (not committed)',
      '- apps/web/.gemini/settings.json (ignored by git, not committed)',
      // A user's excludes file is not read: the whole folder it hides would be.
      '- packages/ui/.mcp.json (not committed)',
    ]);
  });
});
