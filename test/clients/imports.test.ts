// What CLAUDE.md imports with `@path` is a policy file (the zone locks it,
// and a pilot PM's sandbox keeps it read-only), because Claude Code loads it
// as the project's instructions. The zone reads `@alice` in the pilot PMs'
// table as an import of a file named `alice`: so does the real Claude Code,
// which is why that file is locked although nobody wrote it yet.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { chosenAgents } from './support/choice';
import { guardedSample, inRepo } from './support/sample';
import { describeRun, newUser, runSession } from './support/session';

for (const agent of chosenAgents(['claude'])) {
  describe(`${agent}: the files CLAUDE.md imports`, function () {
    this.timeout(240_000);

    it('loads a file named by a handle in a table of CLAUDE.md as the project’s instructions, and PM Zone refuses writing it', async () => {
      const marker = 'Instructions from a file named after the pilot PM';
      const loaded = await guardedSample();
      await fs.writeFile(inRepo(loaded, 'alice'), `${marker}.\n`);
      const user = await newUser(agent, [loaded]);
      const run = await runSession(agent, { user, cwd: loaded, script: () => [{ say: 'Hello.' }] });
      assert.ok(!run.timedOut && run.exitCode === 0, describeRun(run));
      assert.match(JSON.stringify(run.model.mainBodies()[0] ?? ''), new RegExp(`Contents of [^"]*/alice [^"]*${marker}`), 'Claude Code imported the file the table names');

      const root = await guardedSample();
      const writer = await newUser(agent, [root]);
      const write = await runSession(agent, { user: writer, cwd: root, script: (tools) => [{ calls: [tools.write(inRepo(root, 'alice'), `${marker}.\n`)] }] });
      await assert.rejects(fs.stat(inRepo(root, 'alice')), describeRun(write));
      assert.match(write.results[0]?.output ?? '', /alice is engineering-only[\s\S]*imported by CLAUDE\.md \(@alice\)/, describeRun(write));
    });
  });
}
