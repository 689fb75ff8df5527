// PM Zone's agent guard in the real agent programs: Claude Code, Gemini CLI
// and Copilot CLI installed from npm, each run headless on the sample
// repository against a scripted model, every tool allowed by the agent
// itself (so what refuses is PM Zone). The team's hooks are committed by an
// engineer; the pilot PM has turned the guard on for themself (`agents init
// --me`: user-level hooks, each agent's sandbox) unless a test says
// otherwise. Each test says what the model does and asserts on the files
// and on what the program sent back to the model.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { git } from '../unit/cli/support/sampleRepo';
import { chosenAgents } from './support/choice';
import { EDITABLE_FILE, ENGINEER_EMAIL, FEATURE_FOLDER, guardedSample, inRepo, LOCKED_FILE, turnGuardOn } from './support/sample';
import { describeRun, newUser, runSession, type AgentUser, type SessionRun } from './support/session';

const REFUSED = /src\/auth\/session\.ts is engineering-only, which the PM you work for may not edit/;
const SUMMARY = /the person using this agent is @alice, a pilot PM in this repository/;
/** The backstop's words when it holds the finish: the locked file named, among engineering-only files. */
const HELD = /engineering-only[\s\S]{0,400}src\/auth\/session\.ts/;
/** The hook line's words when the launcher it verifies is gone or changed. */
const LAUNCHER_GONE = /guard\.cjs is missing or was changed since its hooks were set up, so this tool call is refused/;

/** Every request the program sent the model, as text: where a hook's words show up when they reach it. */
function modelSaw(run: SessionRun): string {
  return run.model.mainBodies().map((body) => JSON.stringify(body)).join('\n');
}

async function lockedFileText(root: string): Promise<string> {
  return fs.readFile(inRepo(root, LOCKED_FILE.path), 'utf8');
}

/** A program the model runs whose writes no pre-edit check can read: a script in the user's temporary folder. */
async function hiddenScript(user: AgentUser, name: string, lines: string[]): Promise<string> {
  const file = path.join(user.tmp, name);
  await fs.writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

for (const agent of chosenAgents(['claude', 'gemini', 'copilot'])) {
  describe(`${agent}: PM Zone's guard in the real program`, function () {
    this.timeout(240_000);

    const session = async (root: string, user: AgentUser, script: Parameters<typeof runSession>[1]['script'], cwd = root) => {
      const run = await runSession(agent, { user, cwd, script });
      assert.ok(!run.timedOut && run.exitCode !== null, describeRun(run));
      return run;
    };
    /** The sample, the team's hooks committed, and a pilot PM who turned the guard on (or not, with `guardOn: false`). */
    const pilotPmClone = async ({ guardOn = true } = {}) => {
      const root = await guardedSample();
      const user = await newUser(agent, [root]);
      if (guardOn) await turnGuardOn(agent, root, user);
      return { root, user };
    };

    it('tells the model the PM’s zone when the session starts', async () => {
      const { root, user } = await pilotPmClone();
      const run = await session(root, user, () => [{ say: 'Hello.' }]);
      const first = JSON.stringify(run.model.mainBodies()[0] ?? '');
      assert.match(first, SUMMARY, describeRun(run));
      assert.match(first, /Engineering-only files \(PM Zone refuses edits to them\)/);
    });

    for (const guardOn of [true, false]) {
      it(`refuses an edit of a locked file, and the model reads PM Zone’s reason${guardOn ? '' : ' (the team’s hooks alone)'}`, async () => {
        const { root, user } = await pilotPmClone({ guardOn });
        const before = await lockedFileText(root);
        const run = await session(root, user, (tools) => [{ calls: [tools.edit(inRepo(root, LOCKED_FILE.path), LOCKED_FILE.line, 'const SESSION_TTL_MS = 24 * 60 * 60 * 1000;')] }]);
        assert.equal(await lockedFileText(root), before, describeRun(run));
        assert.equal(run.results.length, 1, describeRun(run));
        assert.match(run.results[0]!.output, REFUSED);
        assert.match(run.results[0]!.output, /ask the engineering DRI, @dana/);
      });
    }

    it('refuses a shell command that writes a locked file (or the sandbox fails it)', async () => {
      const { root, user } = await pilotPmClone();
      const before = await lockedFileText(root);
      const run = await session(root, user, (tools) => [{ calls: [tools.shell(`echo '// longer sessions' >> ${LOCKED_FILE.path}`)] }]);
      assert.equal(await lockedFileText(root), before, describeRun(run));
      assert.match(run.results[0]?.output ?? '', new RegExp(`${REFUSED.source}|Read-only file system`), describeRun(run));
    });

    it('leaves rg and git working in its shell beside locked paths that do not exist yet, with no placeholder untracked', async () => {
      const { root, user } = await pilotPmClone();
      // Writes the guard cannot read, left to the sandbox: where it holds a name that is not there.
      const script = await hiddenScript(user, 'placeholders.sh', ['(echo x > .bashrc) 2>/dev/null; echo "bashrc=$?"', '(echo "{}" > .claude/launch.json) 2>/dev/null; echo "launch=$?"']);
      const run = await session(root, user, (tools) => [{ calls: [tools.shell(`rg -l checkout . </dev/null >/dev/null; echo "rg=$?"; git status --short --untracked-files=all 2>&1 | head -40; echo "status=done"; sh ${script}`)] }]);
      const output = run.results[0]?.output ?? '';
      assert.match(output, /rg=0/, describeRun(run));
      assert.match(output, /status=done/, describeRun(run));
      assert.doesNotMatch(output, /unable to access/, describeRun(run));
      // The sample is clean: whatever a sandbox holds read-only where nothing is (a placeholder) must not show as a new file.
      assert.doesNotMatch(output, /^\?\? /m, describeRun(run));
      // Held, not opened: where srt holds them (Claude Code's sandbox and Gemini's wall), a write there is still refused and
      // nothing is left behind. Copilot's and Codex's sandboxes hold no such names: the write lands in the clone, as it would without PM Zone.
      if (agent === 'claude') assert.match(output, /bashrc=[1-9][\s\S]*launch=[1-9]/, describeRun(run));
      if (agent === 'claude' || agent === 'gemini') {
        for (const name of ['.bashrc', '.claude/launch.json']) await assert.rejects(fs.lstat(inRepo(root, name)), `${name} left behind: ${describeRun(run)}`);
      }
    });

    it('leaves git status clean in its shell in a session started in a feature folder: no placeholder untracked there', async () => {
      const { root, user } = await pilotPmClone();
      const run = await session(root, user, (tools) => [{ calls: [tools.shell('git status --short --untracked-files=all 2>&1 | head -40; echo "status=done"')] }, { calls: [tools.shell('git status --short --untracked-files=all 2>&1 | head -40; echo "again=done"')] }], inRepo(root, FEATURE_FOLDER));
      const output = run.results.map((result) => result.output ?? '').join('\n');
      assert.match(output, /status=done[\s\S]*again=done/, describeRun(run));
      assert.doesNotMatch(output, /^\?\? /m, describeRun(run));
      assert.equal(await git(root, 'status', '--porcelain', '--untracked-files=all'), '', 'nothing left behind');
    });

    if (agent === 'claude') {
      it('in a folder that is not a feature folder, tells the first session what git status lists there, and lists nothing from the second on', async () => {
        const { root, user } = await pilotPmClone();
        const status: Parameters<typeof runSession>[1]['script'] = (tools) => [{ calls: [tools.shell('git status --short --untracked-files=all 2>&1 | head -40; echo "status=done"')] }];
        const first = await session(root, user, status, inRepo(root, 'docs'));
        assert.match(modelSaw(first), /In this session, `git status` in docs may list names the sandbox keeps read-only there/, describeRun(first));
        const second = await session(root, user, status, inRepo(root, 'docs'));
        assert.match(second.results[0]?.output ?? '', /status=done/, describeRun(second));
        assert.doesNotMatch(second.results[0]?.output ?? '', /^\?\? /m, describeRun(second));
        assert.doesNotMatch(modelSaw(second), /In this session, `git status`/, describeRun(second));
      });
    }

    it('prints git diff in its shell, alone and beside a command that runs sandboxed', async () => {
      const { root, user } = await pilotPmClone();
      await fs.appendFile(inRepo(root, EDITABLE_FILE.path), '\n');
      const run = await session(root, user, (tools) => [{ calls: [tools.shell('git diff')] }, { calls: [tools.shell('cd src && git diff; echo "d=$?"')] }]);
      const [alone, walled] = run.results.map((result) => result.output);
      assert.match(alone ?? '', new RegExp(`diff --git a/${EDITABLE_FILE.path}`), describeRun(run));
      assert.match(walled ?? '', /^d=0$/m, describeRun(run));
      assert.doesNotMatch(`${alone}${walled}`, /external diff died/, describeRun(run));
    });

    it('makes the PM’s edit of an editable file, with nothing to say about it', async () => {
      const { root, user } = await pilotPmClone();
      const run = await session(root, user, (tools) => [{ calls: [tools.edit(inRepo(root, EDITABLE_FILE.path), EDITABLE_FILE.line, '"placeOrder": "Confirm order"')] }]);
      assert.match(await fs.readFile(inRepo(root, EDITABLE_FILE.path), 'utf8'), /"placeOrder": "Confirm order"/, describeRun(run));
      assert.doesNotMatch(run.results[0]?.output ?? '', /PM Zone/);
    });

    it('guards an agent started in a feature folder', async () => {
      const { root, user } = await pilotPmClone();
      const before = await lockedFileText(root);
      const run = await session(root, user, (tools) => [{ calls: [tools.shell(`echo '// longer sessions' >> ../../auth/session.ts`)] }], inRepo(root, FEATURE_FOLDER));
      assert.equal(await lockedFileText(root), before, describeRun(run));
      assert.match(run.results[0]?.output ?? '', new RegExp(`${REFUSED.source}|Read-only file system`), describeRun(run));
    });

    for (const guardOn of [true, false]) {
      it(`stops a locked write by a script the guard could not read: failed by the sandbox, or the finish held until it is reverted${guardOn ? '' : ' (the team’s hooks alone)'}`, async () => {
        const { root, user } = await pilotPmClone({ guardOn });
        const before = await lockedFileText(root);
        const script = await hiddenScript(user, 'tidy.sh', [`echo '// longer sessions' >> '${inRepo(root, LOCKED_FILE.path)}'`]);
        const run = await session(root, user, (tools) => [
          { calls: [tools.shell(`sh ${script}`)] },
          { say: 'Finished.' },
          // Only a held finish brings the model back for this turn.
          { calls: [tools.shell(`git checkout HEAD -- ${LOCKED_FILE.path}`)] },
          { say: 'Reverted the locked file.' },
        ]);
        const failedBySandbox = /Read-only file system/.test(run.results[0]?.output ?? '');
        assert.ok(failedBySandbox || HELD.test(modelSaw(run)), `neither the sandbox nor the backstop stopped it: ${describeRun(run)}`);
        if (!guardOn) assert.ok(!failedBySandbox, 'no sandbox without the PM’s guard');
        assert.equal(await lockedFileText(root), before, describeRun(run));
      });
    }

    if (agent === 'copilot') {
      // Copilot CLI reads its sandbox from the user's settings only (a repository's settings files are stripped of
      // `sandbox`): a script no hook can read still meets the wall, with a debug log of what Copilot ran it in.
      it('fails a locked write by a script the guard could not read in its own sandbox (Read-only file system)', async () => {
        const { root, user } = await pilotPmClone();
        const before = await lockedFileText(root);
        const script = await hiddenScript(user, 'tidy.sh', [`echo '// longer sessions' >> '${inRepo(root, LOCKED_FILE.path)}'`]);
        const logs = path.join(user.tmp, 'copilot-logs');
        const run = await runSession(agent, {
          user,
          cwd: root,
          args: ['--log-level', 'debug', '--log-dir', logs],
          script: (tools) => [{ calls: [tools.shell(`sh ${script}`)] }, { say: 'Finished.' }],
        });
        assert.ok(!run.timedOut && run.exitCode !== null, describeRun(run));
        const log = await Promise.all((await fs.readdir(logs).catch(() => [] as string[])).map((name) => fs.readFile(path.join(logs, name), 'utf8').catch(() => '')));
        const sandboxLines = log.join('\n').split('\n').filter((line) => /^\d{4}-\S+ \[\w+\].*sandbox/i.test(line)).map((line) => line.slice(0, 400)).slice(0, 40);
        const said = `${describeRun(run)}\nCopilot's log on its sandbox:\n${sandboxLines.join('\n')}`;
        assert.match(run.results[0]?.output ?? '', /Read-only file system/, said);
        assert.equal(await lockedFileText(root), before, said);
      });

      it("fails a script's write into Copilot CLI's own folder, whose hooks/ would run a program outside the sandbox in the next session", async () => {
        const { root, user } = await pilotPmClone();
        const planted = path.join(user.home, '.copilot', 'hooks', 'late.json');
        const script = await hiddenScript(user, 'plant.sh', [`mkdir -p '${path.dirname(planted)}'; printf '{}' > '${planted}'`]);
        const run = await session(root, user, (tools) => [{ calls: [tools.shell(`sh ${script}`)] }, { say: 'Finished.' }]);
        assert.match(run.results[0]?.output ?? '', /Read-only file system/, describeRun(run));
        await assert.rejects(fs.lstat(planted), describeRun(run));
      });
    }

    it('holds the finish when a script committed a locked file through git’s plumbing (no working-tree write for a sandbox to fail)', async () => {
      const { root, user } = await pilotPmClone();
      const head = await git(root, 'rev-parse', 'HEAD');
      const script = await hiddenScript(user, 'plumb.sh', [
        `cd '${root}'`,
        `blob=$(printf '// longer sessions\\n' | git hash-object -w --stdin)`,
        `git update-index --cacheinfo "100644,$blob,${LOCKED_FILE.path}"`,
        `git commit --quiet --no-verify -m 'Tidy'`,
      ]);
      const run = await session(root, user, (tools) => [{ calls: [tools.shell(`sh ${script}`)] }, { say: 'Finished.' }]);
      assert.notEqual(await git(root, 'rev-parse', 'HEAD'), head, `the script committed: ${describeRun(run)}`);
      assert.match(modelSaw(run), HELD, `the model was told about the committed locked change: ${describeRun(run)}`);
    });

    it('holds the finish when a script wrote a locked file and committed it (the team’s hooks alone)', async () => {
      const { root, user } = await pilotPmClone({ guardOn: false });
      const head = await git(root, 'rev-parse', 'HEAD');
      const script = await hiddenScript(user, 'ship.sh', [
        `cd '${root}'`,
        `echo '// longer sessions' >> ${LOCKED_FILE.path}`,
        `git commit --quiet --no-verify -am 'Tidy'`,
      ]);
      const run = await session(root, user, (tools) => [{ calls: [tools.shell(`sh ${script}`)] }, { say: 'Finished.' }]);
      assert.notEqual(await git(root, 'rev-parse', 'HEAD'), head, `the script committed: ${describeRun(run)}`);
      assert.match(modelSaw(run), HELD, `the model was told about the committed locked change: ${describeRun(run)}`);
    });

    for (const [what, command, gone] of [
      ['deleted', `rm -f .pmzone/guard.cjs`, (text: string | undefined) => text === undefined],
      ['emptied', `: > .pmzone/guard.cjs`, (text: string | undefined) => text === ''],
    ] as const) {
      // Without the PM's sandbox a script can reach the team's launcher; the hook line must still refuse.
      it(`still refuses the next locked edit once a script ${what} the guard's launcher (the team’s hooks alone)`, async () => {
        const { root, user } = await pilotPmClone({ guardOn: false });
        const before = await lockedFileText(root);
        const script = await hiddenScript(user, 'clean.sh', [`cd '${root}'`, command]);
        const run = await session(root, user, (tools) => [
          { calls: [tools.shell(`sh ${script}`)] },
          { calls: [tools.edit(inRepo(root, LOCKED_FILE.path), LOCKED_FILE.line, 'const SESSION_TTL_MS = 24 * 60 * 60 * 1000;')] },
        ]);
        const launcher = await fs.readFile(inRepo(root, '.pmzone/guard.cjs'), 'utf8').catch(() => undefined);
        assert.ok(gone(launcher), `the script ${what} the launcher: ${describeRun(run)}`);
        assert.equal(await lockedFileText(root), before, describeRun(run));
        assert.equal(run.results.length, 2, describeRun(run));
        assert.match(run.results[1]!.output, LAUNCHER_GONE, describeRun(run));
        // The finish is held once, with the reason, and then the session ends.
        assert.match(modelSaw(run), /guard\.cjs is missing or was changed since its hooks were set up, so PM Zone cannot check what this session changed/, describeRun(run));
      });
    }

    if (agent === 'claude') {
      // What holds when no hook answers at all (every hook switched off by a route PM Zone does not know of):
      // Claude Code's own rules, which `agents init --me` wrote.
      it('with every hook switched off, keeps its edit tools off the locked area (asked: refused headless) and off the guard’s own files (denied), and its shell in the sandbox', async () => {
        const { root, user } = await pilotPmClone();
        const before = await lockedFileText(root);
        const settings = inRepo(root, '.claude/settings.local.json');
        const wall = await fs.readFile(settings, 'utf8');
        const run = await runSession(agent, {
          user,
          cwd: root,
          args: ['--settings', JSON.stringify({ disableAllHooks: true })],
          script: (tools) => [
            { calls: [tools.edit(inRepo(root, LOCKED_FILE.path), LOCKED_FILE.line, 'const SESSION_TTL_MS = 24 * 60 * 60 * 1000;')] },
            { calls: [tools.write(settings, '{ "sandbox": { "enabled": false } }\n')] },
            { calls: [tools.shell(`echo '// longer sessions' >> ${LOCKED_FILE.path}`)] },
          ],
        });
        assert.ok(!run.timedOut && run.exitCode !== null, describeRun(run));
        for (const result of run.results) assert.doesNotMatch(result.output, /PM Zone/, `no hook ran: ${describeRun(run)}`);
        assert.equal(await lockedFileText(root), before, describeRun(run));
        assert.equal(await fs.readFile(settings, 'utf8'), wall, describeRun(run));
        assert.match(run.results[0]?.output ?? '', /requested permissions to write to .*src\/auth\/session\.ts, but you haven't granted it yet/, describeRun(run));
        assert.match(run.results[1]?.output ?? '', /denied by your permission settings/, describeRun(run));
        assert.match(run.results[2]?.output ?? '', /read-only file system/i, describeRun(run));
      });
    }

    it('leaves an engineer’s session alone: locked files edited, nothing asked, no sandbox', async () => {
      const root = await guardedSample(ENGINEER_EMAIL);
      const user = await newUser(agent, [root]);
      const run = await session(root, user, (tools) => [
        { calls: [tools.edit(inRepo(root, LOCKED_FILE.path), LOCKED_FILE.line, 'const SESSION_TTL_MS = 24 * 60 * 60 * 1000;')] },
        { calls: [tools.shell(`echo '// reviewed' >> ${LOCKED_FILE.path} && echo '# local' >> .git/config`)] },
      ]);
      const text = await lockedFileText(root);
      assert.match(text, /24 \* 60 \* 60 \* 1000/, describeRun(run));
      assert.match(text, /\/\/ reviewed\n$/, describeRun(run));
      assert.match(await fs.readFile(path.join(root, '.git', 'config'), 'utf8'), /# local\n$/, 'the shell is not sandboxed');
      for (const result of run.results) assert.doesNotMatch(result.output, /PM Zone/, describeRun(run));
    });
  });
}
