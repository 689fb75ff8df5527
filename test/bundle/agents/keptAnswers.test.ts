// Kept answers (src/core/agents/keptAnswers.ts), against the built guard and
// the launcher `agents init` writes: a tool call's answer is given again
// without running the guard only where everything its decision observed holds.
// Each change below is one a decision must see (the policy, who the user is,
// a link put in place of the edited file or of a folder above it, a commit,
// the environment): after it, the launcher must run the guard again, and the
// answer must be the one a guard with nothing kept gives. Two changes it need
// not see (another edit's text, the edited file's own bytes) are answered
// from what was kept.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { AGENT_HOOKS, installedHooks, refuses, runHookCommand } from '../../../src/core/agents';
import { KEPT_ANSWERS_FILE } from '../../../src/core/agents/keptAnswers';
import { copyTree, tempDir } from '../../unit/helpers/tempRepo';
import { cli, isolateGitConfig } from '../../unit/cli/support/cli';
import { git, sampleRepo } from '../../unit/cli/support/sampleRepo';
import { childEnv, installPackage } from '../support/program';

/** A process keeps what it read only where each file last changed two seconds before it started (keptAnswers.ts). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 2200));

describe('kept answers: the launcher gives a decision again only where all it observed holds', function () {
  if (process.platform === 'win32') return;
  isolateGitConfig();
  let root: string;
  let line: string;
  let timeoutSeconds: number;
  let record: string;

  before(async () => {
    root = path.join(await tempDir('kept-answers'), 'shop');
    await copyTree(await sampleRepo(), root);
    await git(root, 'config', 'user.email', 'dana@acme.test');
    const init = await cli(['agents', 'init', '--agent', 'claude', '--cwd', root]);
    assert.equal(init.code, 0, init.stderr);
    await git(root, 'add', '-A');
    await git(root, '-c', 'user.name=Dana', 'commit', '--quiet', '--no-verify', '-m', 'Coding agents: PM Zone guard');
    await installPackage(root);
    await git(root, 'config', 'user.email', 'alice@acme.test');
    const hook = installedHooks('claude', await fs.readFile(path.join(root, AGENT_HOOKS.claude.file), 'utf8')).PreToolUse;
    assert.ok(hook);
    // Whether the process compiled the guard: node's vm module is loaded for it, and by nothing else the launcher does.
    const scratch = await tempDir('kept-answers-preload');
    record = path.join(scratch, 'ran.json');
    const preload = path.join(scratch, 'ran.js');
    await fs.writeFile(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(process.moduleLoadList.includes('NativeModule vm'))));\n`);
    line = hook.command.replace(/ node -e /, ` node -r '${preload}' -e `);
    assert.notEqual(line, hook.command);
    timeoutSeconds = hook.timeoutSeconds;
  });

  const edit = (relPath: string, text = 'a') => JSON.stringify({ session_id: 'kept-session', transcript_path: '', cwd: root, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: path.join(root, relPath), old_string: text, new_string: `${text}!` }, tool_use_id: `toolu_${text}` });
  /** The answer, and whether the guard itself ran for it. */
  const decide = async (payload: string, env: NodeJS.ProcessEnv = {}) => {
    const answer = await runHookCommand('claude', line, root, payload, timeoutSeconds, childEnv(env));
    return { answer: { stdout: answer.stdout, stderr: answer.stderr, exitCode: answer.exitCode }, guardRan: JSON.parse(await fs.readFile(record, 'utf8')) as boolean };
  };
  const keptFile = () => path.join(root, '.git', 'pm-zone', KEPT_ANSWERS_FILE);
  /** Decided until the answer is kept (a decision that wrote the guard's caches keeps nothing, and they must settle), then given from what was kept. */
  const kept = async (payload: string) => {
    for (let tries = 0; tries < 4; tries++) {
      await settle();
      await decide(payload);
      const again = await decide(payload);
      if (!again.guardRan) return again.answer;
    }
    assert.fail('the answer was never given from what was kept');
  };
  /** What the guard answers with nothing kept. */
  const fresh = async (payload: string, env: NodeJS.ProcessEnv = {}) => {
    await fs.rm(keptFile(), { force: true });
    const decided = await decide(payload, env);
    assert.equal(decided.guardRan, true);
    return decided.answer;
  };
  /** After `change`, the guard runs again and answers as it does with nothing kept. */
  const decidedAnew = async (payload: string, env: NodeJS.ProcessEnv = {}) => {
    const after = await decide(payload, env);
    assert.equal(after.guardRan, true, 'the change is seen: the guard decides again');
    assert.deepEqual(after.answer, await fresh(payload, env));
    return after.answer;
  };

  it('another edit of the same file, and that file written since, are answered from what was kept', async () => {
    const locked = await kept(edit('src/auth/session.ts'));
    assert.ok(refuses('claude', locked));
    const other = await decide(edit('src/auth/session.ts', 'other text'));
    assert.deepEqual(other, { answer: locked, guardRan: false });
    await fs.appendFile(path.join(root, 'src', 'auth', 'session.ts'), '\n// changed by the edit before\n');
    assert.deepEqual(await decide(edit('src/auth/session.ts', 'third')), { answer: locked, guardRan: false });
    // Another file is another decision.
    assert.equal((await decide(edit('src/auth/login.ts'))).guardRan, true);
    await git(root, 'checkout', '--', 'src/auth/session.ts');
  });

  it('a damaged kept answer is no answer: the guard decides, as with nothing kept', async () => {
    const locked = edit('src/auth/session.ts', 'damaged');
    await kept(locked);
    const record = JSON.parse(await fs.readFile(keptFile(), 'utf8')) as { answers: Record<string, unknown>[]; observations: unknown[] };
    for (const answer of record.answers) answer.seen = 5;
    record.observations = [7];
    await fs.writeFile(keptFile(), JSON.stringify(record));
    const after = await decide(locked);
    assert.equal(after.guardRan, true);
    assert.deepEqual(after.answer, await fresh(locked));
  });

  it('CLAUDE.md changed to lock the PM\'s strings: the kept "go ahead" is not given', async () => {
    const strings = edit('src/features/checkout/i18n/en.json');
    assert.deepEqual(await kept(strings), { stdout: '', stderr: '', exitCode: 0 });
    const policy = path.join(root, 'CLAUDE.md');
    const before = await fs.readFile(policy, 'utf8');
    await fs.writeFile(policy, before.replace('### Engineering only\n', '### Engineering only\n- `**/i18n/**`\n'));
    try {
      const answer = await decidedAnew(strings);
      assert.match(answer.stdout, /en\.json is engineering-only/);
    } finally {
      await fs.writeFile(policy, before);
    }
  });

  it('git config naming an engineer: the kept refusal is not given', async () => {
    const locked = edit('src/auth/session.ts');
    assert.ok(refuses('claude', await kept(locked)));
    await git(root, 'config', 'user.email', 'dana@acme.test');
    try {
      assert.deepEqual(await decidedAnew(locked), { stdout: '', stderr: '', exitCode: 0 });
    } finally {
      await git(root, 'config', 'user.email', 'alice@acme.test');
    }
  });

  it('a link to a locked file put in place of the edited one: the kept "go ahead" is not given', async () => {
    const strings = edit('src/features/checkout/i18n/fr.json');
    assert.deepEqual(await kept(strings), { stdout: '', stderr: '', exitCode: 0 });
    const file = path.join(root, 'src', 'features', 'checkout', 'i18n', 'fr.json');
    await fs.rm(file);
    await fs.symlink(path.join('..', '..', '..', 'auth', 'session.ts'), file);
    try {
      const answer = await decidedAnew(strings);
      assert.ok(refuses('claude', answer), JSON.stringify(answer));
    } finally {
      await fs.rm(file);
      await git(root, 'checkout', '--', 'src/features/checkout/i18n/fr.json');
    }
  });

  it('the folder above moved into a locked one and linked back: the kept "go ahead" is not given', async () => {
    const strings = edit('src/features/checkout/i18n/en.json');
    assert.deepEqual(await kept(strings), { stdout: '', stderr: '', exitCode: 0 });
    const folder = path.join(root, 'src', 'features', 'checkout', 'i18n');
    const moved = path.join(root, 'src', 'auth', 'i18n');
    await fs.rename(folder, moved);
    await fs.symlink(path.join('..', '..', 'auth', 'i18n'), folder);
    try {
      const answer = await decidedAnew(strings);
      assert.ok(refuses('claude', answer), JSON.stringify(answer));
    } finally {
      await fs.rm(folder);
      await fs.rename(moved, folder);
    }
  });

  it('a commit, and another environment, are decided anew', async () => {
    const strings = edit('src/features/checkout/i18n/en.json');
    await kept(strings);
    await fs.writeFile(path.join(root, 'docs', 'kept-answers.md'), 'A note.\n');
    await git(root, 'add', 'docs/kept-answers.md');
    await git(root, '-c', 'user.name=Alice', 'commit', '--quiet', '--no-verify', '-m', 'A note');
    await decidedAnew(strings);
    await kept(strings);
    await decidedAnew(strings, { PM_ZONE_AS: '@dana' });
  });

  it('a decision that ran git keeps nothing; one whose file changed as it was read keeps nothing', async () => {
    // After a commit the guard reads the commit's policy files, with git where they are not loose.
    await fs.writeFile(path.join(root, 'docs', 'kept-answers-2.md'), 'Another note.\n');
    await git(root, 'add', 'docs/kept-answers-2.md');
    await git(root, '-c', 'user.name=Alice', 'commit', '--quiet', '--no-verify', '-m', 'Another note');
    await git(root, 'gc', '--quiet');
    await fs.rm(keptFile(), { force: true });
    await settle();
    const strings = edit('src/features/checkout/i18n/en.json');
    assert.equal((await decide(strings)).guardRan, true);
    // The first decision after the packing read the commit with git: nothing kept of it.
    await assert.rejects(fs.stat(keptFile()), /ENOENT/);
    // A policy file written a moment ago may be written again within its clock's tick: its state does not hold it.
    await settle();
    await decide(strings);
    await fs.rm(keptFile(), { force: true });
    await fs.appendFile(path.join(root, 'CLAUDE.md'), '\n');
    try {
      await decide(strings);
      await assert.rejects(fs.stat(keptFile()), /ENOENT/);
    } finally {
      await git(root, 'checkout', '--', 'CLAUDE.md');
    }
  });
});
