import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isolateGitConfig } from '../cli/support/cli';
import { git, sampleRepo } from '../cli/support/sampleRepo';
import { tempDir } from '../helpers/tempRepo';
import { answerOf, guardIn, inRepo, silent } from './support';

// git reads `commondir` in any git folder, and then that folder's config: a
// config the agent wrote, with an engineer's e-mail, would make PM Zone take
// the PM for the engineer. The guard refuses to write these files, and where
// one is there anyway it tells nobody from a PM and refuses every edit.

describe("git's own redirects", () => {
  isolateGitConfig();
  const bash = (root: string, command: string) => ({ session_id: 's', cwd: root, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });
  const decision = (output: Awaited<ReturnType<ReturnType<typeof guardIn>['run']>>) => (answerOf(output) as { hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string } }).hookSpecificOutput;

  it("a commondir in the repository's own git folder makes nobody an engineer: every edit is refused", async () => {
    const root = await sampleRepo();
    const guard = guardIn(root);
    const engineering = path.join(await tempDir('engineering-config'), 'common.git');
    await git(path.dirname(engineering), 'init', '--quiet', '--bare', engineering);
    await git(engineering, 'config', 'user.email', 'dana@acme.test');
    const sed = bash(root, 'sed -i s/a/b/ src/auth/session.ts');
    assert.equal(decision(await guard.run('claude', sed)).permissionDecision, 'deny', 'the PM is guarded');
    assert.ok(silent(await guard.run('claude', sed, { PM_ZONE_AS: '@dana' })), 'an engineer is not');
    for (const command of [`echo ${engineering} > .git/commondir`, `printf %s ${engineering} > .git/worktrees/x/commondir`, 'echo "[user]" >> .git/config.worktree']) {
      assert.equal(decision(await guard.run('claude', bash(root, command))).permissionDecision, 'deny', command);
    }
    await fs.writeFile(inRepo(root, '.git/commondir'), `${engineering}\n`);
    assert.equal((await git(root, 'config', 'user.email')).trim(), 'dana@acme.test', 'git now takes the PM for the engineer');
    const refused = decision(await guard.run('claude', sed));
    assert.equal(refused.permissionDecision, 'deny');
    assert.match(refused.permissionDecisionReason, /commondir sends git to a configuration other than this repository's own/);
    const copy = decision(await guard.run('claude', bash(root, 'sed -i s/a/b/ src/features/checkout/i18n/en.json')));
    assert.equal(copy.permissionDecision, 'deny', 'an editable file too: who is asking cannot be told');
  });

  it('a commondir written during a session holds the finish, naming it with the undo, once (git then reads the engineer from it)', async () => {
    const root = await sampleRepo();
    const guard = guardIn(root);
    const engineering = path.join(await tempDir('engineering-config'), 'common.git');
    await git(path.dirname(engineering), 'init', '--quiet', '--bare', engineering);
    await git(engineering, 'config', 'user.email', 'dana@acme.test');
    answerOf(await guard.run('claude', { session_id: 'c', transcript_path: '/t.jsonl', cwd: root, hook_event_name: 'SessionStart', source: 'startup' }));
    const stop = (active: boolean) => guard.run('claude', { session_id: 'c', cwd: root, hook_event_name: 'Stop', stop_hook_active: active });
    assert.ok(silent(await stop(false)), 'nothing changed yet');
    await fs.writeFile(inRepo(root, '.git/commondir'), `${engineering}\n`);
    const held = answerOf(await stop(false)) as { decision: string; reason: string };
    assert.equal(held.decision, 'block');
    assert.match(held.reason, /^PM Zone: this session changed engineering-only files:\n- \.git\/commondir: sends git to a configuration other than this repository's own/);
    assert.match(held.reason, /^ {2}rm -- \.git\/commondir$/m);
    assert.ok(silent(await stop(true)), 'held once');
    execFileSync('sh', ['-c', 'rm -- .git/commondir'], { cwd: root });
    assert.ok(silent(await stop(false)), 'removed, the finish is the PM’s again');
  });

  it('.git/config changed during a session holds the finish, naming the keys with the undo; one that names an engineer also refuses every edit; an upstream recorded by a push neither', async () => {
    const root = await sampleRepo();
    const guard = guardIn(root);
    answerOf(await guard.run('claude', { session_id: 'g', transcript_path: '/t.jsonl', cwd: root, hook_event_name: 'SessionStart', source: 'startup' }));
    const stop = () => guard.run('claude', { session_id: 'g', cwd: root, hook_event_name: 'Stop', stop_hook_active: false });
    await git(root, 'config', 'branch.main.remote', 'origin');
    assert.ok(silent(await stop()), "the PM's own push -u");
    await git(root, 'config', 'core.excludesFile', '/tmp/hide-payments');
    const held = answerOf(await stop()) as { reason: string };
    assert.match(held.reason, /^- \.git\/config \(core\.excludesfile changed since the session began\): Engineering only — git's configuration/m);
    const undo = /^ {2}(git cat-file blob [0-9a-f]{40} > \.git\/config)$/m.exec(held.reason);
    assert.ok(undo, held.reason);
    const copy = { session_id: 'g', cwd: root, hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: inRepo(root, 'src/features/checkout/i18n/en.json') } };
    assert.ok(silent(await guard.run('claude', copy)), 'who the user is did not change: the PM works on');
    await git(root, 'config', 'user.email', 'dana@acme.test');
    const refused = decision(await guard.run('claude', { ...bash(root, 'sed -i s/a/b/ src/auth/session.ts'), session_id: 'g' }));
    assert.equal(refused.permissionDecision, 'deny', 'the PM is not taken for the engineer');
    assert.match(refused.permissionDecisionReason, /^PM Zone: \.git\/config changed since this session began\./);
    const engineer = answerOf(await stop()) as { reason: string };
    assert.match(engineer.reason, /^- \.git\/config \(core\.excludesfile, user\.email changed since the session began\)/m);
    execFileSync('sh', ['-c', undo[1]], { cwd: root });
    assert.ok(silent(await stop()), 'put back, nothing to say');
  });

  it("an engineer's e-mail set in .git/config hides none of the session's locked changes at the finish: the working tree, the index and commits on any ref are named beside it", async () => {
    const root = await sampleRepo();
    const guard = guardIn(root);
    answerOf(await guard.run('claude', { session_id: 'i', transcript_path: '/t.jsonl', cwd: root, hook_event_name: 'SessionStart', source: 'startup' }));
    const stop = (active: boolean) => guard.run('claude', { session_id: 'i', cwd: root, hook_event_name: 'Stop', stop_hook_active: active });
    await git(root, 'config', 'user.email', 'dana@acme.test');
    await fs.appendFile(inRepo(root, 'src/auth/session.ts'), '// the agent was here\n');
    await fs.appendFile(inRepo(root, 'src/features/checkout/i18n/en.json'), '\n');
    await fs.appendFile(inRepo(root, 'src/auth/login.ts'), '// staged\n');
    await git(root, 'add', '--', 'src/auth/login.ts');
    await fs.writeFile(inRepo(root, 'src/auth/login.ts'), (await git(root, 'show', 'HEAD:src/auth/login.ts')));
    await git(root, 'checkout', '--quiet', '-b', 'side');
    await fs.appendFile(inRepo(root, 'src/payments/stripe.ts'), '// committed\n');
    await git(root, 'commit', '--quiet', '-m', 'Payments tweak', '--', 'src/payments/stripe.ts');
    await git(root, 'tag', 'quiet-tag');
    await git(root, 'checkout', '--quiet', 'main');
    await git(root, 'branch', '--quiet', '-D', 'side');
    const held = answerOf(await stop(false)) as { decision: string; reason: string };
    assert.equal(held.decision, 'block');
    assert.match(held.reason, /^- \.git\/config \(user\.email changed since the session began\)/m);
    assert.match(held.reason, /^- src\/auth\/session\.ts: /m, 'written after the e-mail changed');
    assert.match(held.reason, /^- src\/auth\/login\.ts \(staged in the index\): /m);
    assert.match(held.reason, /^- src\/payments\/stripe\.ts \(committed in [0-9a-f]{12} "Payments tweak"\): /m, 'on a tag only');
    assert.match(held.reason, /^ {2}git checkout HEAD -- src\/auth\/session\.ts$/m);
    assert.doesNotMatch(held.reason, /en\.json/, "the PM's own copy is no engineering-only file");
    assert.match(held.reason, /^ {2}git cat-file blob [0-9a-f]{40} > \.git\/config$/m);
    assert.ok(silent(await stop(true)), 'held once');
  });

  it("who the user is never comes from a worktree's own config.worktree, which sits beside the refs", async () => {
    const root = await sampleRepo();
    await git(root, 'config', 'extensions.worktreeConfig', 'true');
    await fs.writeFile(inRepo(root, '.git/config.worktree'), '[user]\n\temail = dana@acme.test\n');
    assert.equal((await git(root, 'config', 'user.email')).trim(), 'dana@acme.test', 'git takes the PM for the engineer');
    const refused = decision(await guardIn(root).run('claude', bash(root, 'sed -i s/a/b/ src/auth/session.ts')));
    assert.equal(refused.permissionDecision, 'deny', 'PM Zone does not');
  });

  it('config.worktree written during a session refuses every edit, and the finish names it with the undo', async () => {
    const root = await sampleRepo();
    await git(root, 'config', 'extensions.worktreeConfig', 'true');
    const other = path.join(await tempDir('linked'), 'side');
    await git(root, 'worktree', 'add', '--quiet', '-b', 'side', other);
    await fs.writeFile(inRepo(root, '.git/config.worktree'), '[core]\n\tsparseCheckout = false\n');
    const guard = guardIn(root);
    const start = { session_id: 'w', transcript_path: '/t.jsonl', cwd: root, hook_event_name: 'SessionStart', source: 'startup' };
    answerOf(await guard.run('claude', start));
    const copy = { session_id: 'w', cwd: root, hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: inRepo(root, 'src/features/checkout/i18n/en.json') } };
    assert.ok(silent(await guard.run('claude', copy)));
    await fs.writeFile(inRepo(root, '.git/config.worktree'), '[core]\n\tfsmonitor = "touch src/auth/x; false"\n');
    const linkedConfig = path.join(await fs.realpath(inRepo(root, '.git')), 'worktrees', 'side', 'config.worktree');
    await fs.writeFile(linkedConfig, '[user]\n\temail = dana@acme.test\n');
    const refused = decision(await guard.run('claude', copy));
    assert.equal(refused.permissionDecision, 'deny');
    assert.match(refused.permissionDecisionReason, /^PM Zone: \.git\/config\.worktree, \.git\/worktrees\/side\/config\.worktree changed since this session began\. git reads who the user is/);
    const undo = /^ {2}(git cat-file blob [0-9a-f]{40} > \.git\/config\.worktree)$/m.exec(refused.permissionDecisionReason);
    assert.ok(undo, refused.permissionDecisionReason);
    const stop = answerOf(await guard.run('claude', { session_id: 'w', cwd: root, hook_event_name: 'Stop', stop_hook_active: false })) as { reason: string };
    assert.match(stop.reason, /^- \.git\/config\.worktree \(changed since the session began\): Engineering only — git's per-worktree configuration/m);
    assert.match(stop.reason, /^- \.git\/worktrees\/side\/config\.worktree \(changed since the session began\)/m);
    assert.match(stop.reason, /^ {2}rm -- \.git\/worktrees\/side\/config\.worktree$/m);
    // Put back, the session goes on.
    execFileSync('sh', ['-c', undo[1]], { cwd: root });
    assert.equal(await fs.readFile(inRepo(root, '.git/config.worktree'), 'utf8'), '[core]\n\tsparseCheckout = false\n');
    await fs.rm(linkedConfig);
    assert.ok(silent(await guard.run('claude', copy)));
  });

  it("a linked worktree's own commondir is git's, and lets the PM work", async () => {
    const root = await sampleRepo();
    const other = path.join(await tempDir('linked'), 'side');
    await git(root, 'worktree', 'add', '--quiet', '-b', 'side', other);
    const guard = guardIn(other);
    assert.ok(silent(await guard.run('claude', bash(other, 'sed -i s/a/b/ src/features/checkout/i18n/en.json'))));
  });
});
