import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { AGENT_HOOKS, runHookCommand } from '../../../src/core/agents';
import { launcherHash, verifiedHashOf, verifiedLauncherLine } from '../../../src/core/agents/launcherLine';
import { tempDir } from '../helpers/tempRepo';

// The hook line must not trust the file it runs: an agent that empties,
// deletes or rewrites the launcher must find its next tool call refused
// (exit 2 blocks on every agent), not let through. Run through sh, as the
// agents run it.

describe('the hook line that verifies the launcher before running it', () => {
  // A stand-in launcher that says what it was given, so the test sees it ran, with which arguments.
  const launcher = "'use strict';\nprocess.stdout.write(JSON.stringify(process.argv.slice(2)));\n";
  let root: string;
  let line: string;
  const file = () => path.join(root, '.pmzone', 'guard.cjs');
  const run = () => runHookCommand('claude', line, root, '{}', 20, process.env);

  beforeEach(async () => {
    root = path.join(await tempDir('launcher-line'), "a project's folder");
    await fs.mkdir(path.join(root, '.pmzone'), { recursive: true });
    await fs.writeFile(file(), launcher);
    line = AGENT_HOOKS.claude.command({ launcherText: launcher });
  });

  it('runs the launcher it was written for, with its arguments, from a folder whose name needs quoting', async () => {
    const output = await run();
    assert.deepEqual({ ...output, timedOut: false }, { stdout: '["--agent","claude"]', stderr: '', exitCode: 0, timedOut: false });
    assert.equal(verifiedHashOf(line), launcherHash(launcher));
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

  it('is one shell word of code for every agent, naming the launcher where each agent runs it', () => {
    for (const agent of ['claude', 'copilot', 'cursor', 'gemini'] as const) {
      const command = AGENT_HOOKS[agent].command({});
      assert.match(command, /^node -e '[^']+' \S*\.pmzone\/guard\.cjs --agent \w+ \|\| \{/, agent);
    }
    assert.equal(verifiedHashOf('node .pmzone/guard.cjs --agent claude'), undefined);
    assert.ok(verifiedLauncherLine({ launcher: 'x', text: '', args: '', fix: '' }).includes(launcherHash('')));
  });
});
