// The real Codex CLI (`codex exec`) driven headless against the scripted
// Responses-API model, on the sample repository: the harness that the
// guard's Codex assertions build on. PM Zone writes nothing for Codex yet,
// so here Codex runs unguarded, with one PreToolUse hook of the test's own
// in the user's config.toml that records each payload and refuses shell
// writes under src/auth: proof that a patch lands, that a hook sees
// Codex's payloads, and that its refusal reaches the model.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { chosenAgents } from './support/choice';
import { EDITABLE_FILE, guardedSample, inRepo, LOCKED_FILE } from './support/sample';
import { describeRun, newUser, runSession } from './support/session';

/** A hook that appends its payload to `log` and refuses a Bash command that names src/auth, in Codex's deny shape. */
const RECORDING_HOOK = `const fs = require('fs');
const payload = JSON.parse(fs.readFileSync(0, 'utf8'));
fs.appendFileSync(process.argv[2], JSON.stringify(payload) + '\\n');
if (payload.tool_name === 'Bash' && String(payload.tool_input && payload.tool_input.command).includes('src/auth')) {
  process.stdout.write(JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: 'the test hook refuses src/auth' } }));
}
`;

for (const agent of chosenAgents(['codex'])) {
  describe(`${agent}: the harness (codex exec against a scripted Responses API)`, function () {
    this.timeout(240_000);

    it('applies a patch to an editable file, hands each call to a PreToolUse hook, and passes the hook’s refusal to the model', async () => {
      const root = await guardedSample();
      const user = await newUser(agent, [root]);
      const hook = path.join(user.home, 'record-hook.cjs');
      const log = path.join(user.home, 'payloads.jsonl');
      await fs.writeFile(hook, RECORDING_HOOK);
      await fs.appendFile(
        path.join(user.home, '.codex', 'config.toml'),
        ['', '[[hooks.PreToolUse]]', 'matcher = ".*"', '', '[[hooks.PreToolUse.hooks]]', 'type = "command"', `command = ${JSON.stringify(`node '${hook}' '${log}'`)}`, 'timeout = 10', ''].join('\n'),
      );
      const lockedBefore = await fs.readFile(inRepo(root, LOCKED_FILE.path), 'utf8');
      // A hook of the user's config is trusted by its hash (`codex app-server`'s hooks/list); the harness skips that step.
      const run = await runSession(agent, {
        user,
        cwd: root,
        args: ['--dangerously-bypass-hook-trust'],
        script: (tools) => [
          { calls: [tools.edit(EDITABLE_FILE.path, `      ${EDITABLE_FILE.line},`, `      "placeOrder": "Confirm order",`)] },
          { calls: [tools.shell(`echo '// longer sessions' >> ${LOCKED_FILE.path}`)] },
        ],
      });
      assert.ok(!run.timedOut && run.exitCode === 0, describeRun(run));

      assert.match(await fs.readFile(inRepo(root, EDITABLE_FILE.path), 'utf8'), /"placeOrder": "Confirm order"/, describeRun(run));
      assert.match(run.results[0]?.output ?? '', /Success\. Updated the following files:\nM src\/features\/checkout\/i18n\/en\.json/, describeRun(run));
      assert.equal(await fs.readFile(inRepo(root, LOCKED_FILE.path), 'utf8'), lockedBefore, describeRun(run));
      assert.match(run.results[1]?.output ?? '', /Command blocked by PreToolUse hook: the test hook refuses src\/auth/, describeRun(run));

      const payloads = (await fs.readFile(log, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.deepEqual(payloads.map((payload) => [payload.hook_event_name, payload.tool_name, payload.cwd]), [
        ['PreToolUse', 'apply_patch', root],
        ['PreToolUse', 'Bash', root],
      ]);
      assert.match(String((payloads[0]!.tool_input as { command: string }).command), /^\*\*\* Begin Patch\n\*\*\* Update File: src\/features\/checkout\/i18n\/en\.json\n/);
      assert.equal((payloads[1]!.tool_input as { command: string }).command, `echo '// longer sessions' >> ${LOCKED_FILE.path}`);
    });
  });
}
