import * as assert from 'node:assert/strict';
import { isolateGitConfig } from '../cli/support/cli';
import { sampleWorktree } from '../cli/support/sampleRepo';
import { ORDINARY_COMMANDS } from './ordinaryCommands';
import { answerOf, guardIn } from './support';
import { cpuBound } from '../helpers/cpuBound';

// Benign PM work is not slowed by the guard: of the shell commands an agent
// runs for a pilot PM every day, none is refused and at most 5% are asked
// about (each asked one is named, so a rise shows which form caused it).

describe('the guard on the ordinary commands of a PM\'s agent', () => {
  isolateGitConfig();

  it(`refuses none of ${ORDINARY_COMMANDS.length} and asks about at most 5%`, async function () {
    this.timeout(cpuBound(120_000));
    const root = await sampleWorktree();
    const guard = guardIn(root);
    const answers = new Map<string, string[]>();
    for (const command of ORDINARY_COMMANDS) {
      const output = await guard.run('claude', { hook_event_name: 'PreToolUse', cwd: root, session_id: 's', tool_name: 'Bash', tool_input: { command } }, { HOME: '/home/alice', TMPDIR: '/tmp' });
      const decision = output.stdout === '' ? 'silent' : (answerOf(output) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision;
      answers.set(decision, [...(answers.get(decision) ?? []), command]);
    }
    assert.deepEqual(answers.get('deny') ?? [], [], 'refused');
    const asked = answers.get('ask') ?? [];
    assert.ok(asked.length <= ORDINARY_COMMANDS.length * 0.05, `asked about ${asked.length} of ${ORDINARY_COMMANDS.length}: ${asked.join(' | ')}`);
  });
});
