import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { isolateGitConfig } from '../cli/support/cli';
import { git, sampleWorktree } from '../cli/support/sampleRepo';
import { answerOf, guardIn, inRepo, silent, type GuardCall } from './support';

// The session around the edits: the zone as context when it starts, and the
// backstop before the agent stops, for each agent's documented events.

describe('the guard at session start and before the agent stops', () => {
  isolateGitConfig();
  let root: string;
  let guard: GuardCall;

  beforeEach(async () => {
    root = await sampleWorktree();
    guard = guardIn(root);
  });

  const sessionStart = {
    claude: (session: string) => ({ session_id: session, transcript_path: '/t.jsonl', cwd: root, hook_event_name: 'SessionStart', source: 'startup', model: 'claude-sonnet-5' }),
    copilot: (session: string) => ({ sessionId: session, timestamp: 1704614400000, cwd: root, source: 'new', initialPrompt: 'fix the checkout copy' }),
    cursor: (session: string) => ({ conversation_id: session, generation_id: 'g', hook_event_name: 'sessionStart', workspace_roots: [root], session_id: session, is_background_agent: false, composer_mode: 'agent' }),
    gemini: (session: string) => ({ session_id: session, transcript_path: '/t.json', cwd: root, hook_event_name: 'SessionStart', timestamp: '2026-01-01T00:00:00Z', source: 'startup' }),
  };
  const stop = {
    claude: (session: string, active = false) => ({ session_id: session, transcript_path: '/t.jsonl', cwd: root, permission_mode: 'default', hook_event_name: 'Stop', stop_hook_active: active, last_assistant_message: 'Done.' }),
    copilot: (session: string, active = false) => ({ sessionId: session, timestamp: 1704614400000, cwd: root, transcriptPath: '/t', stopReason: 'end_turn', stop_hook_active: active }),
    cursor: (session: string, active = false) => ({ conversation_id: session, generation_id: 'g', hook_event_name: 'stop', workspace_roots: [root], status: 'completed', loop_count: active ? 1 : 0 }),
    gemini: (session: string, active = false) => ({ session_id: session, transcript_path: '/t.json', cwd: root, hook_event_name: 'AfterAgent', timestamp: '2026-01-01T00:00:00Z', prompt: 'p', prompt_response: 'r', stop_hook_active: active }),
  };

  it("adds the PM's zone as the agent's context, in each agent's field", async () => {
    type Answer = { hookSpecificOutput?: { hookEventName: string; additionalContext: string }; additionalContext?: string; additional_context?: string };
    const nested = (a: Answer) => a.hookSpecificOutput?.hookEventName === 'SessionStart' && a.hookSpecificOutput.additionalContext;
    const contextOf = { claude: nested, copilot: (a: Answer) => a.additionalContext, cursor: (a: Answer) => a.additional_context, gemini: nested };
    for (const agent of ['claude', 'copilot', 'cursor', 'gemini'] as const) {
      const answer = answerOf(await guard.run(agent, sessionStart[agent](`start-${agent}`)));
      assert.equal(Object.keys(answer).length, 1, agent);
      const text = contextOf[agent](answer as Answer) as string;
      assert.match(text, /^PM Zone: the person using this agent is @alice, a pilot PM/, agent);
      assert.match(text, /Files the PM may edit: `\*\*\/\*\.md` \(documentation and planning\), `\*\*\/i18n\/\*\.json` \(user-facing strings\)/);
      assert.match(text, /Engineering-only files \(PM Zone refuses edits to them\): `\*\*\/auth\/\*\*`, `\*\*\/payments\/\*\*`/);
      assert.match(text, /The PM's feature folders: src\/features\/checkout\/\*\*\.\nThe PM's engineering DRI: @dana\./);
    }
  });

  it('tells the agent the narrower zone when the working tree widens CLAUDE.md: the committed may-edit list, and the locks of both', async () => {
    const claude = inRepo(root, 'CLAUDE.md');
    const committed = await fs.readFile(claude, 'utf8');
    await fs.writeFile(claude, committed.replace('- `**/auth/**`\n', '').replace('- `**/prompts/*.md`\n', '- `**/prompts/*.md`\n- `src/**`\n'));
    const answer = answerOf(await guard.run('claude', sessionStart.claude('widened'))) as { hookSpecificOutput: { additionalContext: string } };
    const text = answer.hookSpecificOutput.additionalContext;
    assert.match(text, /The PM zone in the working tree's CLAUDE\.md differs from the last commit's\. Until the change is committed and reviewed, PM Zone holds to the narrower of the two/);
    assert.doesNotMatch(text, /`src\/\*\*`/, 'the widened may-edit glob is offered to the agent');
    assert.match(text, /Engineering-only files \(PM Zone refuses edits to them\): [^\n]*`\*\*\/auth\/\*\*`/);
    // And the edit itself is judged the same way.
    assert.equal((answerOf(await guard.run('claude', { hook_event_name: 'PreToolUse', cwd: root, session_id: 'widened', tool_name: 'Edit', tool_input: { file_path: inRepo(root, 'src/auth/session.ts') } })) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision, 'deny');
  });

  it('tells the agent to revert a locked file the session changed, with the command, once', async () => {
    answerOf(await guard.run('claude', sessionStart.claude('s1')));
    await fs.appendFile(inRepo(root, 'src/auth/session.ts'), '// changed by a script\n');
    await fs.writeFile(inRepo(root, 'src/payments/new-fee.ts'), 'export const fee = 1;\n');
    const answer = answerOf(await guard.run('claude', stop.claude('s1')));
    assert.deepEqual(Object.keys(answer), ['decision', 'reason']);
    assert.equal(answer.decision, 'block');
    assert.equal(answer.reason, [
      'PM Zone: this session changed engineering-only files:',
      '- src/auth/session.ts: Engineering only — `**/auth/**` (CLAUDE.md:31); owners @acme/security (.github/CODEOWNERS:9)',
      '- src/payments/new-fee.ts: Engineering only — `**/payments/**` (CLAUDE.md:32); owners @acme/payments @acme/security (.github/CODEOWNERS:10)',
      'Before you finish, revert them:',
      '  git checkout HEAD -- src/auth/session.ts',
      '  rm -- src/payments/new-fee.ts',
      'Then tell the PM that this part needs engineering: ask the engineering DRI, @dana, with what is needed written into the PLANNING.md hand-off.',
    ].join('\n'));
    // Once the agent was held, it is not held again: Claude Code says so with stop_hook_active.
    assert.ok(silent(await guard.run('claude', stop.claude('s1', true))));
  });

  it('reads the history alike when another worktree is on a branch with no commit yet', async () => {
    // git lists that worktree's HEAD as all zeros, which is no commit: taken for one, the history read failed.
    const other = `${root}-orphan`;
    await git(root, 'worktree', 'add', '--quiet', '--detach', other);
    try {
      await git(other, 'checkout', '--quiet', '--orphan', 'fresh');
      answerOf(await guard.run('claude', sessionStart.claude('s3')));
      await fs.appendFile(inRepo(root, 'src/auth/session.ts'), '// changed by a script\n');
      const reason = String(answerOf(await guard.run('claude', stop.claude('s3'))).reason);
      assert.match(reason, /^- src\/auth\/session\.ts: Engineering only/m);
      assert.doesNotMatch(reason, /unreadable|^- \.git /m);
    } finally {
      // The worktree belongs to the sample every test of this process shares: it goes with the test.
      await git(root, 'worktree', 'remove', '--force', other);
    }
  });

  it('lets through the reverts it asks for: they go back to the last commit', async () => {
    const bash = (command: string) => ({ hook_event_name: 'PreToolUse', cwd: root, session_id: 's', tool_name: 'Bash', tool_input: { command } });
    await fs.writeFile(inRepo(root, 'src/payments/new-fee.ts'), 'export const fee = 1;\n');
    assert.ok(silent(await guard.run('claude', bash('git checkout HEAD -- src/auth/session.ts'))));
    assert.ok(silent(await guard.run('claude', bash('rm -- src/payments/new-fee.ts'))));
    // Removing a committed locked file is an edit like any other.
    const removal = answerOf(await guard.run('claude', bash('rm src/payments/stripe.ts'))) as { hookSpecificOutput: { permissionDecision: string } };
    assert.equal(removal.hookSpecificOutput.permissionDecision, 'deny');
  });

  it('leaves alone locked files that were already changed when the session began', async () => {
    await fs.appendFile(inRepo(root, 'src/auth/login.ts'), '// an engineer\'s work in progress\n');
    answerOf(await guard.run('claude', sessionStart.claude('s2')));
    assert.ok(silent(await guard.run('claude', stop.claude('s2'))), 'the work in progress is not the session\'s');
    await fs.appendFile(inRepo(root, 'src/auth/login.ts'), '// and then the agent\n');
    assert.match(String(answerOf(await guard.run('claude', stop.claude('s2'))).reason), /src\/auth\/login\.ts/);
  });

  it("answers the backstop in each agent's shape", async () => {
    await fs.appendFile(inRepo(root, 'src/auth/session.ts'), '// x\n');
    const copilot = answerOf(await guard.run('copilot', stop.copilot('c')));
    assert.deepEqual(Object.keys(copilot), ['decision', 'reason']);
    assert.equal(copilot.decision, 'block');
    const cursor = answerOf(await guard.run('cursor', stop.cursor('c')));
    assert.deepEqual(Object.keys(cursor), ['followup_message']);
    assert.ok(silent(await guard.run('cursor', stop.cursor('c', true))));
    const gemini = answerOf(await guard.run('gemini', stop.gemini('c')));
    assert.deepEqual(Object.keys(gemini), ['decision', 'reason']);
    assert.equal(gemini.decision, 'deny');
    // Without a record of the session's start, it cannot tell whose change it is, and says so.
    assert.match(String(copilot.reason), /^PM Zone: these engineering-only files differ from the last commit:/);
    assert.match(String(copilot.reason), /revert the changes this session made to them \(leave alone any change it did not make\)/);
  });

  it('says nothing when only PM-editable files changed, or for someone who is not a pilot PM', async () => {
    await fs.writeFile(inRepo(root, 'src/features/checkout/i18n/en.json'), '{"placeOrder":"Confirm order"}\n');
    assert.ok(silent(await guard.run('claude', stop.claude('s3'))));
    await fs.appendFile(inRepo(root, 'src/auth/session.ts'), '// x\n');
    assert.ok(silent(await guard.run('claude', stop.claude('s3'), { PM_ZONE_AS: '@dana' })));
    assert.ok(silent(await guard.run('claude', sessionStart.claude('s4'), { PM_ZONE_AS: '@dana' })));
  });

  it('says nothing in a repository without a PM zone', async () => {
    await fs.writeFile(inRepo(root, 'CLAUDE.md'), '# Acme\n\nNo zone here.\n');
    await git(root, 'commit', '--quiet', '-am', 'no zone');
    assert.ok(silent(await guard.run('claude', sessionStart.claude('s5'))));
    assert.ok(silent(await guard.run('claude', { hook_event_name: 'PreToolUse', cwd: root, tool_name: 'Edit', tool_input: { file_path: inRepo(root, 'src/auth/session.ts') } })));
  });
});
