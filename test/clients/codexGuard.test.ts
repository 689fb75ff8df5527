// PM Zone's guard in the real Codex CLI: `codex exec` with no flag of the
// guard's (the tier's -c lines only point it at the scripted model), after
// an engineer ran `pm-zone agents init` and committed it and the pilot PM
// ran `pm-zone agents init --me` (the project trusted, PM Zone's hooks
// trusted by the hashes Codex gives, the permission profile in force).
// Each test says what the model does and asserts on the files and on what
// Codex sent back to the model.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { LAST_SESSION_ID } from '../support/models/openaiResponses';
import type { ToolCall, Turn } from '../support/models/script';
import { git } from '../unit/cli/support/sampleRepo';
import { childEnv, spawnCli } from '../bundle/support/program';
import { chosenAgents } from './support/choice';
import { EDITABLE_FILE, ENGINEER_EMAIL, FEATURE_FOLDER, guardedSample, inRepo, LOCKED_FILE, turnGuardOn } from './support/sample';
import { baseEnvironment, describeRun, newUser, runSession, type AgentUser, type SessionRun } from './support/session';

const REFUSED = /Command blocked by PreToolUse hook: PM Zone: src\/auth\/session\.ts is engineering-only, which the PM you work for may not edit/;
const READ_ONLY = /Read-only file system/;
/** A locked file the profile cannot know of: in a folder that does not exist when the guard is turned on (`**∕auth/**`). */
const NEW_LOCKED = `${FEATURE_FOLDER}/auth/token.ts`;

function patch(...lines: string[]): ToolCall {
  return { name: 'apply_patch', input: { patch: `*** Begin Patch\n${lines.join('\n')}\n*** End Patch\n` } };
}

function shell(command: string): ToolCall {
  return { name: 'exec_command', input: { cmd: command } };
}

/** Every request Codex sent the model, as text: where a hook's words show up when they reach it. */
function modelSaw(run: SessionRun): string {
  return run.model.mainBodies().map((body) => JSON.stringify(body)).join('\n');
}

for (const agent of chosenAgents(['codex'])) {
  describe(`${agent}: PM Zone's guard in the real program, with no flags`, function () {
    this.timeout(300_000);

    const lockedText = (root: string) => fs.readFile(inRepo(root, LOCKED_FILE.path), 'utf8');
    /** One `codex exec` session in `cwd`: each turn a list of calls, or what the model says. */
    const session = async (user: AgentUser, cwd: string, turns: (ToolCall[] | string)[]) => {
      const run = await runSession(agent, { user, cwd, script: () => turns.map((turn): Turn => (typeof turn === 'string' ? { say: turn } : { calls: turn })) });
      assert.ok(!run.timedOut && run.exitCode === 0, describeRun(run));
      return run;
    };
    /** The sample with the team's hooks, and the pilot PM who turned the guard on. */
    const pm = async () => {
      const root = await guardedSample();
      const user = await newUser(agent, []);
      await turnGuardOn(agent, root, user);
      return { root, user };
    };

    it('refuses a patch of a locked file with PM Zone’s reason, and applies the PM’s patch of an editable one', async () => {
      const { root, user } = await pm();
      const before = await lockedText(root);
      const run = await session(user, root, [
        [patch(`*** Update File: ${LOCKED_FILE.path}`, '@@', `-${LOCKED_FILE.line}`, '+const SESSION_TTL_MS = 24 * 60 * 60 * 1000;')],
        [patch(`*** Update File: ${EDITABLE_FILE.path}`, '@@', `-      ${EDITABLE_FILE.line},`, '+      "placeOrder": "Confirm order",')],
      ]);
      assert.equal(await lockedText(root), before, describeRun(run));
      assert.match(run.results[0]?.output ?? '', REFUSED, describeRun(run));
      assert.match(run.results[0]?.output ?? '', /ask the engineering DRI, @dana/);
      assert.match(await fs.readFile(inRepo(root, EDITABLE_FILE.path), 'utf8'), /"placeOrder": "Confirm order"/, describeRun(run));
      assert.doesNotMatch(run.results[1]?.output ?? '', /PM Zone/);
    });

    it('stops a shell write to a locked file, by the hook or by the profile, and the interactive shell by the profile', async () => {
      const { root, user } = await pm();
      const before = await lockedText(root);
      // A script in the temporary folder, which the hook does not read: only the profile stands in its way.
      const script = path.join(user.tmp, 'append.sh');
      await fs.writeFile(script, `echo x >> '${inRepo(root, LOCKED_FILE.path)}'\n`);
      const run = await session(user, root, [
        [shell(`echo '// longer sessions' >> ${LOCKED_FILE.path}`)],
        [shell(`sh ${script}`)],
        // Typing into a terminal runs no hook at all.
        [{ name: 'exec_command', input: { cmd: 'bash', tty: true, yield_time_ms: 500 } }],
        [{ name: 'write_stdin', input: { session_id: LAST_SESSION_ID, chars: `echo pty >> ${LOCKED_FILE.path}; echo written=$?\n`, yield_time_ms: 1500 } }],
      ]);
      assert.equal(await lockedText(root), before, describeRun(run));
      assert.match(run.results[0]?.output ?? '', new RegExp(`${REFUSED.source}|${READ_ONLY.source}`), describeRun(run));
      assert.match(run.results[1]?.output ?? '', READ_ONLY, describeRun(run));
      assert.equal(run.results[3]?.name, 'write_stdin', describeRun(run));
      assert.match(run.results[3]?.output ?? '', READ_ONLY, describeRun(run));
      assert.match(run.results[3]?.output ?? '', /written=1/, describeRun(run));
    });

    it('guards a session started in the PM’s feature folder: patch and shell, paths relative to it', async () => {
      const { root, user } = await pm();
      const before = await lockedText(root);
      const run = await session(user, inRepo(root, FEATURE_FOLDER), [
        [patch('*** Update File: ../../auth/session.ts', '@@', `-${LOCKED_FILE.line}`, '+const SESSION_TTL_MS = 0;')],
        [shell(`echo '// longer sessions' >> ../../auth/session.ts`)],
        [patch('*** Update File: i18n/en.json', '@@', `-      ${EDITABLE_FILE.line},`, '+      "placeOrder": "Confirm order",')],
      ]);
      assert.equal(await lockedText(root), before, describeRun(run));
      assert.match(run.results[0]?.output ?? '', REFUSED, describeRun(run));
      assert.match(run.results[1]?.output ?? '', new RegExp(`${REFUSED.source}|${READ_ONLY.source}`), describeRun(run));
      assert.match(await fs.readFile(inRepo(root, EDITABLE_FILE.path), 'utf8'), /"placeOrder": "Confirm order"/, describeRun(run));
    });

    it('holds the finish on a hidden write the profile could not know of, until the model reverts it', async () => {
      const { root, user } = await pm();
      const script = path.join(user.tmp, 'tidy.sh');
      await fs.writeFile(script, `mkdir -p '${inRepo(root, path.dirname(NEW_LOCKED))}' && echo 'export const TOKEN = 1;' > '${inRepo(root, NEW_LOCKED)}'\n`);
      const revert = `rm -- ${NEW_LOCKED}`;
      // Only a held finish brings the model back for the third turn, where it runs the revert the backstop gave.
      const run = await session(user, root, [[shell(`sh ${script}`)], 'Finished.', [shell(revert)], 'Reverted it.']);
      const said = modelSaw(run);
      assert.match(said, /<hook_prompt hook_run_id=[^>]*>PM Zone: this session changed engineering-only files:/, describeRun(run));
      assert.ok(said.includes(`  ${revert}`), `the backstop gave the revert: ${said.slice(-2000)}`);
      assert.match(run.results[0]?.output ?? '', /exited with code 0/, 'the script wrote the file: the profile could not know of it');
      assert.ok(!(await fs.stat(inRepo(root, NEW_LOCKED)).then(() => true, () => false)), describeRun(run));
    });

    it('refreshes the profile when the zone changes, and the backstop’s revert works inside it (no index lock, no < > &)', async () => {
      const { root, user } = await pm();
      // An engineer locks docs/ after the PM turned the guard on: the profile the next session starts with does not know it yet.
      const claude = inRepo(root, 'CLAUDE.md');
      await fs.writeFile(claude, (await fs.readFile(claude, 'utf8')).replace('- `**/auth/**`', '- `docs/**`\n- `**/auth/**`'));
      await git(root, '-c', `user.email=${ENGINEER_EMAIL}`, '-c', 'user.name=Dana', 'commit', '--quiet', '--no-verify', '-am', 'Lock the docs');
      const guide = inRepo(root, 'docs/style-guide.md');
      const before = await fs.readFile(guide, 'utf8');
      const script = path.join(user.tmp, 'style.sh');
      await fs.writeFile(script, `echo '- Emoji welcome.' >> '${guide}'\n`);
      const revert = 'GIT_INDEX_FILE="${TMPDIR:-/tmp}/pm-zone-restore.index" git restore --source=HEAD --worktree -- docs/style-guide.md';
      const run = await session(user, root, [[shell(`sh ${script}`)], 'Finished.', [shell(revert)], 'Reverted it.']);
      assert.match(run.results[0]?.output ?? '', /exited with code 0/, 'the profile this session started with did not know docs/ yet');
      assert.ok(modelSaw(run).includes(JSON.stringify(`  ${revert}`).slice(1, -1)), `the backstop gave a revert with no < > &: ${modelSaw(run).slice(-2000)}`);
      assert.equal(await fs.readFile(guide, 'utf8'), before, `the revert worked inside the profile: ${describeRun(run)}`);
      // The session start rewrote the profile: the next session has docs/ read-only. The guard edits config.toml only with
      // the TOML parser of dist/guard-libraries.js, which it loads on first use once it hashes to the signed identity:
      // this is that bundle loaded in a real Codex session, through the launcher, from the installed package.
      assert.ok((await fs.readFile(path.join(user.home, '.codex', 'config.toml'), 'utf8')).includes(`"${inRepo(root, 'docs')}" = "read"`));
      const second = await session(user, root, [[shell(`sh ${script}`)]]);
      assert.equal(await fs.readFile(guide, 'utf8'), before, describeRun(second));
      assert.match(second.results[0]?.output ?? '', READ_ONLY, describeRun(second));
    });

    for (const [how, remove] of [
      ['by the agent', false],
      ['behind its back', true],
    ] as const) {
      it(`keeps refusing locked writes once the hook's script is deleted ${how}`, async () => {
        const { root, user } = await pm();
        const before = await lockedText(root);
        if (remove) await fs.rm(inRepo(root, '.pmzone/guard.cjs'));
        const run = await session(user, root, [
          [shell('rm -f .pmzone/guard.cjs; echo removed=$?')],
          [patch(`*** Update File: ${LOCKED_FILE.path}`, '@@', `-${LOCKED_FILE.line}`, '+const SESSION_TTL_MS = 0;')],
          [shell(`echo '// longer sessions' >> ${LOCKED_FILE.path}`)],
        ]);
        assert.equal(await lockedText(root), before, describeRun(run));
        if (!remove) assert.ok(await fs.stat(inRepo(root, '.pmzone/guard.cjs')).then(() => true, () => false), `the launcher is still there: ${describeRun(run)}`);
        assert.match(run.results[1]?.output ?? '', remove ? /Command blocked by PreToolUse hook: PM Zone: .*guard\.cjs is missing or was changed/ : REFUSED, describeRun(run));
        assert.match(run.results[2]?.output ?? '', new RegExp(`Command blocked by PreToolUse hook|${READ_ONLY.source}`), describeRun(run));
      });
    }

    it('refuses shell commands that are not plainly read-only once a nested config switches the profile off, and agents check says so, with the fix', async () => {
      const { root, user } = await pm();
      const feature = inRepo(root, FEATURE_FOLDER);
      const checkHere = async (folder: string) => {
        const result = await spawnCli(['agents', 'check', '--agent', 'codex', '--json', '--cwd', folder], { env: childEnv({ ...baseEnvironment(agent, user), CODEX_HOME: path.join(user.home, '.codex') }) });
        return { code: result.code, here: (JSON.parse(result.stdout) as { agents: { here: { projectHooks: string; userHooks: string; sandbox: string; detail: string[] } }[] }).agents[0]!.here };
      };
      const atTop = await checkHere(root);
      assert.deepEqual([atTop.code, atTop.here.projectHooks, atTop.here.userHooks, atTop.here.sandbox], [0, 'in-force', 'in-force', 'in-force'], JSON.stringify(atTop));
      assert.deepEqual((await checkHere(feature)).here.sandbox, 'in-force');
      // Written by hand (an agent's write there is refused): Codex loads it for a session started in the feature folder.
      await fs.mkdir(path.join(feature, '.codex'));
      await fs.writeFile(path.join(feature, '.codex', 'config.toml'), 'sandbox_mode = "workspace-write"\n');
      const off = await checkHere(feature);
      assert.equal(off.code, 1, JSON.stringify(off));
      assert.equal(off.here.sandbox, 'switched-off');
      assert.ok(off.here.detail.some((line) => line.includes(`remove sandbox_mode from ${path.join(feature, '.codex', 'config.toml')}`)), JSON.stringify(off));
      const before = await lockedText(root);
      const script = path.join(user.tmp, 'append.sh');
      await fs.writeFile(script, `echo x >> '${inRepo(root, LOCKED_FILE.path)}'\n`);
      // A settings file nobody committed, below the top: the session start refuses the whole session, naming it.
      const run = await session(user, feature, [[shell(`sh ${script}`)], [shell('ls i18n')]]);
      assert.equal(await lockedText(root), before, describeRun(run));
      for (const result of run.results) assert.match(result?.output ?? '', /Command blocked by PreToolUse hook: PM Zone: this session is refused\. Agent settings that nobody committed[^]*\.codex\/config\.toml \(not committed\)/, describeRun(run));
      // Committed by an engineer, it is theirs: the session runs, and the profile it switches off refuses what is not plainly read-only.
      await git(root, 'add', '--', path.join(FEATURE_FOLDER, '.codex', 'config.toml'));
      await git(root, '-c', `user.email=${ENGINEER_EMAIL}`, '-c', 'user.name=Dana', 'commit', '--quiet', '--no-verify', '-m', 'Checkout: Codex settings');
      const committed = await session(user, feature, [[shell(`sh ${script}`)], [shell('ls i18n')]]);
      assert.equal(await lockedText(root), before, describeRun(committed));
      assert.match(committed.results[0]?.output ?? '', /Command blocked by PreToolUse hook: PM Zone: Codex's sandbox, which keeps the engineering-only files read-only, is switched off for this session \(.*sets sandbox_mode/, describeRun(committed));
      assert.match(committed.results[1]?.output ?? '', /en\.json/, 'a plainly read-only command still runs');
      // The same from the top, the profile switched off on the command line instead.
      const flagged = await runSession(agent, { user, cwd: root, args: ['-s', 'workspace-write'], script: () => [{ calls: [shell(`sh ${script}`)] }] });
      assert.equal(await lockedText(root), before, describeRun(flagged));
      assert.match(flagged.results[0]?.output ?? '', /is switched off for this session \(codex was started with -s: start it without\)/, describeRun(flagged));
    });

    it('agents check says when Codex no longer trusts PM Zone’s hooks (their definition changed), and in force again once they are PM Zone’s line', async () => {
      const { root, user } = await pm();
      const env = childEnv({ ...baseEnvironment(agent, user), CODEX_HOME: path.join(user.home, '.codex'), GIT_CONFIG_GLOBAL: path.join(user.home, '.gitconfig') });
      const check = async () => {
        const result = await spawnCli(['agents', 'check', '--agent', 'codex', '--json', '--cwd', root], { env });
        return { code: result.code, here: (JSON.parse(result.stdout) as { agents: { here: { projectHooks: string; userHooks: string; detail: string[] } }[] }).agents[0]!.here };
      };
      // An engineer's new timeout changes the hooks' definition: Codex stops running them until they are trusted again.
      const config = inRepo(root, '.codex/config.toml');
      await fs.writeFile(config, (await fs.readFile(config, 'utf8')).replace('timeout = 30', 'timeout = 31'));
      const stale = await check();
      assert.deepEqual([stale.code, stale.here.projectHooks, stale.here.userHooks], [1, 'untrusted', 'stale'], JSON.stringify(stale));
      assert.ok(stale.here.detail.some((line) => /^Codex skips PM Zone's stop hook without a word: it is modified .*: run pm-zone agents init --me$/.test(line)), JSON.stringify(stale.here.detail));
      // What --me trusts is only the line PM Zone writes: this one is not, so an engineer runs agents init again.
      await fs.writeFile(config, (await fs.readFile(config, 'utf8')).replace('timeout = 31', 'timeout = 30'));
      assert.equal((await check()).here.projectHooks, 'in-force');
    });

    it('leaves an engineer’s session alone: locked files edited, nothing asked, Codex’s own sandbox', async () => {
      const root = await guardedSample(ENGINEER_EMAIL);
      const user = await newUser(agent, [root]);
      const run = await session(user, root, [
        [patch(`*** Update File: ${LOCKED_FILE.path}`, '@@', `-${LOCKED_FILE.line}`, '+const SESSION_TTL_MS = 24 * 60 * 60 * 1000;')],
        [shell(`echo '// reviewed' >> ${LOCKED_FILE.path}`)],
      ]);
      const text = await lockedText(root);
      assert.match(text, /24 \* 60 \* 60 \* 1000/, describeRun(run));
      assert.match(text, /\/\/ reviewed\n$/, describeRun(run));
      assert.doesNotMatch(modelSaw(run), /PM Zone/, describeRun(run));
      assert.doesNotMatch(await fs.readFile(path.join(user.home, '.codex', 'config.toml'), 'utf8'), /default_permissions|\[permissions|\[hooks/);
    });
  });
}
