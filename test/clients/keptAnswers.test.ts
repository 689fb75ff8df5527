// Kept answers (src/core/agents/keptAnswers.ts) in the real agent programs:
// the hook line the team committed, run by the program itself for two edits
// of the same locked file in one session. The first is decided by the guard,
// which keeps its answer; the second, the same path in the same session with
// other text, is given from what it kept, dist/guard.js not compiled: the
// program's hooks see the same environment, folder and arguments call after
// call. Whether the guard ran is written by a preload on the committed line
// (`node -r`), which the launcher's checks do not see.
// Claude Code writes in the user's home folder during its session, where a
// missing ~/.gitconfig would be: who the user is is kept there too, read from
// git's listing, which shows no value came from that file (emailCache.ts).
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { AGENT_HOOKS, installedHooks, runHookCommand, writePayload, type AgentName } from '../../src/core/agents';
import { git } from '../unit/cli/support/sampleRepo';
import { tempDir } from '../unit/helpers/tempRepo';
import { childEnv } from '../bundle/support/program';
import { chosenAgents } from './support/choice';
import { guardedSample, inRepo, LOCKED_FILE } from './support/sample';
import { describeRun, newUser, runSession } from './support/session';

const REFUSED = /src\/auth\/session\.ts is engineering-only, which the PM you work for may not edit/;
const PRE_TOOL: Partial<Record<AgentName, string>> = { claude: 'PreToolUse', gemini: 'BeforeTool', copilot: 'preToolUse' };

for (const agent of chosenAgents(['claude', 'gemini', 'copilot'])) {
  describe(`${agent}: an answer the guard kept, given by the real program's hook`, function () {
    this.timeout(240_000);

    it('decides the first edit of a locked file and gives the second, in the same session, from what it kept', async () => {
      const root = await guardedSample();
      const user = await newUser(agent, [root]);
      const settings = path.join(root, AGENT_HOOKS[agent].file);
      const event = PRE_TOOL[agent]!;
      const hook = installedHooks(agent, await fs.readFile(settings, 'utf8'))[event];
      assert.ok(hook, `${agent}'s ${event} hook`);
      // Each run of the committed line appends whether it compiled the guard (node's vm module is loaded for it alone).
      const log = path.join(await tempDir(`${agent}-kept`), 'ran.log');
      const preload = path.join(path.dirname(log), 'ran.js');
      await fs.writeFile(preload, `process.on('exit', () => require('fs').appendFileSync(${JSON.stringify(log)}, process.moduleLoadList.includes('NativeModule vm') + '\\n'));\n`);
      const text = await fs.readFile(settings, 'utf8');
      const recorded = hook.command.replace(/ node -e /, ` node -r '${preload}' -e `);
      assert.notEqual(recorded, hook.command);
      await fs.writeFile(settings, text.split(JSON.stringify(hook.command).slice(1, -1)).join(JSON.stringify(recorded).slice(1, -1)));
      // Committed by the engineer, as the team's hooks are: settings nobody committed would hold every call.
      await git(root, '-c', 'user.name=Dana', '-c', 'user.email=dana@acme.test', 'commit', '--quiet', '--no-verify', '-am', 'Coding agents: the guard line with a recorder');
      // The guard's caches made and settled first, as in any session after its first minutes: a decision that writes them keeps nothing.
      const warm = await runHookCommand(agent, recorded, root, writePayload(agent, root, inRepo(root, LOCKED_FILE.path)), hook.timeoutSeconds, childEnv());
      assert.notEqual(warm.exitCode, 1, JSON.stringify(warm));
      await new Promise((resolve) => setTimeout(resolve, 2200));
      await fs.rm(log, { force: true });
      const run = await runSession(agent, {
        user,
        cwd: root,
        // A model's turn between the calls: the session's start record, and each decision's own writes, settle (two seconds).
        script: (tools) => [
          { calls: [tools.shell('sleep 2.5')] },
          { calls: [tools.edit(inRepo(root, LOCKED_FILE.path), LOCKED_FILE.line, 'const SESSION_TTL_MS = 24 * 60 * 60 * 1000;')] },
          { calls: [tools.shell('sleep 2.5')] },
          { calls: [tools.edit(inRepo(root, LOCKED_FILE.path), LOCKED_FILE.line, 'const SESSION_TTL_MS = 12 * 60 * 60 * 1000;')] },
        ],
      });
      assert.ok(!run.timedOut && run.exitCode !== null, describeRun(run));
      const results = run.results;
      assert.equal(results.filter((result) => REFUSED.test(result.output)).length, 2, `both edits refused with the reason: ${describeRun(run)}`);
      assert.match(await fs.readFile(inRepo(root, LOCKED_FILE.path), 'utf8'), new RegExp(LOCKED_FILE.line.replace(/[*.]/g, '\\$&')));
      // The line runs for the session's start, each tool call and the finish: the second edit is the fifth run of it.
      const ran = (await fs.readFile(log, 'utf8')).trim().split('\n');
      assert.deepEqual(ran.filter((compiled) => compiled === 'false').length, 1, `the guard compiled for every run but one (${ran.join(', ')}): ${describeRun(run)}`);
    });
  });
}
