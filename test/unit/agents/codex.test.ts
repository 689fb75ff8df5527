import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { AgentConfigError, installedHooks, mergeGuardConfig } from '../../../src/core/agents';
import { checkPersonal } from '../../../src/core/agents/personal/checkMe';
import { codexUserConfig, profileConflicts, profileEntries } from '../../../src/core/agents/personal/codexProfile';
import { codexHooks } from '../../../src/core/agents/personal/codexProgram';
import { readGuarded } from '../../../src/core/agents/personal/guarded';
import { cli, isolateGitConfig } from '../cli/support/cli';
import { git, sampleRepo, sampleWorktree } from '../cli/support/sampleRepo';
import { tempDir } from '../helpers/tempRepo';
import { installFakeCodex } from './fakeCodex';
import { answerOf, guardIn, inRepo, silent, type GuardCall } from './support';

// Codex CLI as the guard meets it: its hook payloads and the answers it acts
// on (0.169: an "ask" runs the tool, so it is a refusal), the hooks PM Zone
// merges into a config.toml without touching the rest, and the user's
// config.toml that `agents init --me` writes: trust, the hooks' hashes, the
// permission profile. The real Codex running all of it is test/clients/codexGuard.test.ts.

const CANNOT_ASK = 'This agent cannot ask the PM from a hook, so PM Zone refused the edit: tell the PM, who decides.';

describe('Codex CLI: the guard answers its payloads in the shape it acts on', () => {
  isolateGitConfig();
  let root: string;
  let guard: GuardCall;
  const codex = (tool_name: string, command: string, cwd = root) => ({
    session_id: '01a2105a-1ec8', turn_id: 't1', transcript_path: '/home/pm/.codex/sessions/r.jsonl', cwd, hook_event_name: 'PreToolUse',
    model: 'gpt-5.5', permission_mode: 'bypassPermissions', tool_name, tool_input: { command }, tool_use_id: 'call_0001',
  });
  const decision = (answer: Record<string, unknown>) => answer.hookSpecificOutput as { hookEventName: string; permissionDecision: string; permissionDecisionReason: string };

  beforeEach(async () => {
    root = await sampleWorktree();
    guard = guardIn(root);
  });

  it('refuses an apply_patch that adds, updates, deletes or moves onto a locked file, paths read from the session folder', async () => {
    for (const [patch, cwd, locked] of [
      ['*** Add File: src/auth/token.ts\n+x', root, 'src/auth/token.ts'],
      ['*** Update File: ../../auth/session.ts\n@@\n-a\n+b', inRepo(root, 'src/features/checkout'), 'src/auth/session.ts'],
      ['*** Delete File: CLAUDE.md', root, 'CLAUDE.md'],
      ['*** Update File: docs/style-guide.md\n*** Move to: src/payments/style.md\n@@\n-a\n+b', root, 'src/payments/style.md'],
    ] as const) {
      const answer = answerOf(await guard.run('codex', codex('apply_patch', `*** Begin Patch\n${patch}\n*** End Patch\n`, cwd)));
      assert.deepEqual(Object.keys(answer), ['hookSpecificOutput']);
      assert.equal(decision(answer).hookEventName, 'PreToolUse');
      assert.equal(decision(answer).permissionDecision, 'deny', patch);
      assert.match(decision(answer).permissionDecisionReason, new RegExp(`^PM Zone: ${locked.replace(/[./]/g, '\\$&')} is engineering-only`), patch);
    }
    assert.ok(silent(await guard.run('codex', codex('apply_patch', '*** Begin Patch\n*** Update File: src/features/checkout/i18n/en.json\n@@\n-a\n+b\n*** End Patch\n'))));
  });

  it('refuses a shell apply_patch from a here-document, and a shell write, like the tool', async () => {
    const heredoc = answerOf(await guard.run('codex', codex('Bash', "apply_patch <<'PATCH'\n*** Begin Patch\n*** Add File: src/auth/x.ts\n+x\n*** End Patch\nPATCH")));
    assert.equal(decision(heredoc).permissionDecision, 'deny');
    assert.match(decision(heredoc).permissionDecisionReason, /src\/auth\/x\.ts is engineering-only/);
    assert.equal(decision(answerOf(await guard.run('codex', codex('Bash', 'echo x >> src/auth/session.ts')))).permissionDecision, 'deny');
  });

  it('refuses what it would ask about, saying why: Codex runs the tool on an "ask"', async () => {
    const answer = answerOf(await guard.run('codex', codex('apply_patch', '*** Begin Patch\n*** Add File: src/lib/format.ts\n+x\n*** End Patch\n')));
    assert.equal(decision(answer).permissionDecision, 'deny');
    assert.match(decision(answer).permissionDecisionReason, /src\/lib\/format\.ts is outside the PM zone/);
    assert.ok(decision(answer).permissionDecisionReason.endsWith(CANNOT_ASK));
  });

  it('holds the finish once with an undo that needs no index lock and no < > &, then lets it go (stop_hook_active)', async () => {
    const event = (hook_event_name: string, extra: object) => ({ session_id: 's-codex', turn_id: 't', transcript_path: '/t.jsonl', cwd: root, hook_event_name, model: 'gpt-5.5', permission_mode: 'default', ...extra });
    const context = answerOf(await guard.run('codex', event('SessionStart', { source: 'startup' }))) as { hookSpecificOutput: { hookEventName: string; additionalContext: string } };
    assert.equal(context.hookSpecificOutput.hookEventName, 'SessionStart');
    assert.match(context.hookSpecificOutput.additionalContext, /^PM Zone: the person using this agent is @alice/);
    await fs.appendFile(inRepo(root, 'src/auth/session.ts'), '// by a script\n');
    await fs.writeFile(inRepo(root, 'src/payments/fee.ts'), 'x\n');
    const held = answerOf(await guard.run('codex', event('Stop', { stop_hook_active: false, last_assistant_message: 'Done.' })));
    assert.equal(held.decision, 'block');
    const reason = String(held.reason);
    assert.ok(reason.includes('\n  GIT_INDEX_FILE="${TMPDIR:-/tmp}/pm-zone-restore.index" git restore --source=HEAD --worktree -- src/auth/session.ts\n  rm -- src/payments/fee.ts\n'), reason);
    assert.doesNotMatch(reason.split('\n').filter((line) => line.startsWith('  ')).join('\n'), /[<>&]/);
    // The undo runs, and the guard does not refuse it: it puts back the last commit's version.
    assert.ok(silent(await guard.run('codex', codex('Bash', 'GIT_INDEX_FILE="${TMPDIR:-/tmp}/pm-zone-restore.index" git restore --source=HEAD --worktree -- src/auth/session.ts'))));
    assert.ok(silent(await guard.run('codex', event('Stop', { stop_hook_active: true, last_assistant_message: 'Done.' }))));
  });
});

describe("Codex CLI: PM Zone's hooks in a config.toml, everything else kept", () => {
  const theirs = [
    '# Team settings for Codex',
    'model = "gpt-5.5"  # the default',
    '',
    '[[hooks.PreToolUse]]',
    'matcher = "^Bash$"',
    '',
    '[[hooks.PreToolUse.hooks]]',
    'type = "command"',
    "command = 'npm run lint --silent'",
    '',
    '[mcp_servers.docs]',
    'command = "docs-server"',
    '',
  ].join('\n');

  it('adds its groups after the team’s, keeps every line of theirs, and is unchanged the second time', () => {
    const merged = mergeGuardConfig('codex', theirs);
    assert.ok(merged.startsWith(theirs.trimEnd()), merged);
    const hooks = installedHooks('codex', merged);
    assert.deepEqual(Object.keys(hooks), ['PreToolUse', 'SessionStart', 'Stop']);
    assert.deepEqual(Object.values(hooks).map((hook) => hook?.timeoutSeconds), [10, 10, 30]);
    assert.match(hooks.PreToolUse!.command, /"\$\(git rev-parse --show-toplevel\)"\/\.pmzone\/guard\.cjs --agent codex \|\| \{ s=\$\?; \[ "\$s" = 2 \] \|\| echo .*; exit 2; \}$/);
    // A failing start or finish must not block: Codex would re-block a stop forever.
    assert.match(hooks.Stop!.command, /exit 0; \}$/);
    assert.equal(mergeGuardConfig('codex', merged), merged);
  });

  it('replaces an older line of its own in place, never adding a second', () => {
    const old = `${theirs}\n[[hooks.PreToolUse]]\nmatcher = ".*"\n\n[[hooks.PreToolUse.hooks]]\ntype = "command"\ncommand = "node .pmzone/guard.cjs --agent codex"\n\n[features]\nmemories = false\n`;
    const merged = mergeGuardConfig('codex', old);
    assert.equal(merged.match(/guard\.cjs --agent codex/g)?.length, 3);
    assert.ok(merged.indexOf('rev-parse') < merged.indexOf('[features]'), 'in place');
    assert.ok(merged.includes('[features]\nmemories = false\n'));
  });

  it('refuses, writing nothing, a file that is not TOML or holds the hooks as an inline list', () => {
    assert.throws(() => mergeGuardConfig('codex', 'model = "x"\nmodel = "y"\n'), (error: unknown) => error instanceof AgentConfigError && /^\.codex\/config\.toml is not valid TOML \(.*on line 2\); nothing was written/.test((error as Error).message));
    assert.throws(() => mergeGuardConfig('codex', 'hooks.PreToolUse = [ { matcher = ".*", hooks = [] } ]\n'), /defines hooks\.PreToolUse as an inline list; PM Zone adds its entries as \[\[hooks\.PreToolUse\]\] tables, so nothing was written/);
  });
});

describe("Codex CLI: the user's config.toml for a pilot PM", () => {
  const file = '/home/pm/.codex/config.toml';
  const theirs = '# mine\nmodel = "gpt-5.5"\n\n[projects."/work/other"]\ntrust_level = "trusted"\n\n[hooks.state."/repo/.codex/config.toml:stop:0:0"]\ntrusted_hash = "sha256:old"\nenabled = false\n';

  it('selects the profile before any table, trusts the worktrees, keeps the user’s lines, and replaces only this repository’s entries', () => {
    const written = codexUserConfig(theirs, file, { trusted: ['/repo'], entries: { '/repo': 'write', '/repo/src/auth': 'read' }, previous: [] });
    assert.ok(written.startsWith('# mine\nmodel = "gpt-5.5"\n\ndefault_permissions = "pm-zone"\n[projects."/work/other"]'), written);
    assert.ok(written.includes('[projects."/repo"]\ntrust_level = "trusted"'));
    assert.ok(written.includes('[permissions.pm-zone]\nextends = ":workspace"\n\n[permissions.pm-zone.filesystem]\n"/repo" = "write"\n"/repo/src/auth" = "read"\n'), written);
    // Another repository's entries stay; this one's old entries go.
    const other = codexUserConfig(written, file, { trusted: ['/b'], entries: { '/b': 'write' }, previous: [] });
    const again = codexUserConfig(other, file, { trusted: ['/repo'], entries: { '/repo': 'write', '/repo/src/pay': 'read' }, previous: ['/repo', '/repo/src/auth'] });
    assert.match(again, /"\/b" = "write"\n"\/repo" = "write"\n"\/repo\/src\/pay" = "read"\n/);
    assert.doesNotMatch(again, /src\/auth/);
    assert.equal(codexUserConfig(again, file, { trusted: ['/repo'], entries: { '/repo': 'write', '/repo/src/pay': 'read' }, previous: ['/repo', '/repo/src/pay'] }), again);
  });

  it('writes the hooks’ trusted hashes, switches its own back on, and drops the ones it no longer has', () => {
    const written = codexUserConfig(theirs, file, { trusted: ['/repo'], entries: {}, previous: [], hookHashes: { '/repo/.codex/config.toml:stop:0:0': 'sha256:new', '/repo/.codex/config.toml:pre_tool_use:0:0': 'sha256:pre' }, previousHooks: [] });
    assert.ok(written.includes('[hooks.state."/repo/.codex/config.toml:stop:0:0"]\ntrusted_hash = "sha256:new"\n'), written);
    assert.doesNotMatch(written, /enabled = false/);
    assert.ok(written.includes('[hooks.state."/repo/.codex/config.toml:pre_tool_use:0:0"]\ntrusted_hash = "sha256:pre"'));
    const dropped = codexUserConfig(written, file, { trusted: ['/repo'], entries: {}, previous: [], hookHashes: { '/repo/.codex/config.toml:stop:0:0': 'sha256:new' }, previousHooks: ['/repo/.codex/config.toml:pre_tool_use:0:0'] });
    assert.doesNotMatch(dropped, /sha256:pre/);
  });

  it('names what would keep the profile out, before anything is written', () => {
    assert.deepEqual(profileConflicts(theirs, file), []);
    const conflicts = profileConflicts('default_permissions = ":workspace"\nprofile = "fast"\n[profiles.fast]\nsandbox_mode = "danger-full-access"\n[features]\nhooks = false\n', file);
    assert.equal(conflicts.length, 3);
    assert.match(conflicts[0], /sets default_permissions = ":workspace": Codex takes one permission profile for every project/);
    assert.match(conflicts[1], /selects profile = "fast", whose sandbox_mode switches every permission profile off/);
    assert.match(conflicts[2], /switches Codex's hooks off \(\[features\] hooks = false\)/);
  });

  it('lists missing locked paths so bubblewrap can mount them: one alone, its first missing folder for two, none outside what a command could write', async () => {
    const root = await tempDir('codex-profile');
    await fs.mkdir(path.join(root, 'src', 'auth'), { recursive: true });
    await fs.mkdir(path.join(root, '.git'));
    const paths = ['src/auth', 'infra', 'db/migrations', 'db/seeds', '.github/CODEOWNERS', '.git/config'].map((p) => path.join(root, p)).concat(['/nowhere/writable/x']);
    const entries = profileEntries([{ root, area: { paths, existing: [path.join(root, 'src', 'auth')], switches: [], digest: '', records: [] } }], {});
    assert.deepEqual(entries, {
      [root]: 'write',
      [path.join(root, '.github/CODEOWNERS')]: 'read',
      [path.join(root, 'db')]: 'read',
      [path.join(root, 'infra')]: 'read',
      [path.join(root, 'src/auth')]: 'read',
    });
  });
});

describe("Codex CLI: agents check against the hashes agents init --me trusted PM Zone's hooks by", () => {
  isolateGitConfig();
  let root: string;
  let home: string;
  let bin: string;
  let codexProgram: string;
  const env = () => ({ ...process.env, HOME: home, CODEX_HOME: path.join(home, '.codex'), PATH: `${bin}${path.delimiter}${process.env.PATH}` });
  const userConfig = () => path.join(home, '.codex', 'config.toml');
  const me = () => cli(['agents', 'init', '--me', '--agent', 'codex', '--cwd', root], { env: env() });
  const here = async () => (await checkPersonal(root, ['codex'], home, env()))[0];
  const recorded = async () => Object.values((await readGuarded(home)).repositories)[0].codexTrust ?? {};
  const keyOf = async (event: string) => Object.keys(await recorded()).find((key) => key.includes(`:${event}:`)) ?? assert.fail(`no ${event} hook recorded`);

  beforeEach(async () => {
    root = await sampleRepo();
    home = await tempDir('home');
    bin = await tempDir('bin');
    codexProgram = await installFakeCodex(bin);
    await fs.mkdir(inRepo(root, 'node_modules/pm-zone/dist'), { recursive: true });
    await fs.writeFile(inRepo(root, 'node_modules/pm-zone/dist/guard.js'), '// stand-in\n');
    // The team's hooks, by an engineer; then the PM's own set-up, which trusts them.
    await git(root, 'config', 'user.email', 'dana@acme.test');
    assert.equal((await cli(['agents', 'init', '--agent', 'codex', '--cwd', root])).code, 0);
    await git(root, 'config', 'user.email', 'alice@acme.test');
    const run = await me();
    assert.equal(run.code, 0, run.stderr);
  });

  it('records the hash each of PM Zone’s hooks was trusted by, and is in force while Codex trusts those', async () => {
    const hooks = await codexHooks(codexProgram, [root], env());
    assert.deepEqual(await recorded(), Object.fromEntries(hooks.map((hook) => [hook.key, hook.currentHash])));
    assert.ok(hooks.every((hook) => hook.trustStatus === 'trusted'));
    const check = await here();
    assert.deepEqual([check.projectHooks, check.userHooks, check.sandbox], ['in-force', 'in-force', 'in-force'], check.detail.join('\n'));
  });

  it('names a hook Codex trusts by another hash than --me did (another definition trusted since), exit 1, and --me trusts PM Zone’s own again, once', async () => {
    // The project's finish hook rewritten to run nothing (it still names the launcher), and Codex told to trust it.
    const project = inRepo(root, '.codex/config.toml');
    const team = await fs.readFile(project, 'utf8');
    const stopAt = team.indexOf('[[hooks.Stop.hooks]]');
    assert.ok(stopAt > 0, team);
    await fs.writeFile(project, team.slice(0, stopAt) + team.slice(stopAt).replace(/^command = .*$/m, "command = 'exit 0 # .pmzone/guard.cjs --agent codex'"));
    const key = await keyOf('stop');
    const trustedBefore = (await recorded())[key];
    const swapped = (await codexHooks(codexProgram, [root], env())).find((hook) => hook.key === key)!.currentHash;
    await fs.writeFile(userConfig(), (await fs.readFile(userConfig(), 'utf8')).replace(`trusted_hash = "${trustedBefore}"`, `trusted_hash = "${swapped}"`));
    // Codex runs the swapped hook, trusted: asking Codex alone, it reads as PM Zone's, in force.
    assert.ok((await codexHooks(codexProgram, [root], env())).every((hook) => hook.trustStatus === 'trusted'));
    const check = await here();
    assert.deepEqual([check.projectHooks, check.userHooks], ['in-force', 'stale'], check.detail.join('\n'));
    const said = `Codex trusts PM Zone's stop hook (${key}) by another hash than pm-zone agents init --me trusted it by (${userConfig()} [hooks.state."${key}"] trusted_hash = "${swapped}", recorded "${trustedBefore}"): another definition of that hook was trusted since, and Codex runs it in PM Zone's place without a word: run pm-zone agents init --me`;
    assert.ok(check.detail.includes(said), check.detail.join('\n'));
    const run = await cli(['agents', 'check', '--agent', 'codex', '--json', '--cwd', root], { env: env() });
    assert.equal(run.code, 1);
    const reported = (JSON.parse(run.stdout) as { agents: { here: { userHooks: string; detail: string[] } }[] }).agents[0].here;
    assert.equal(reported.userHooks, 'stale');
    assert.ok(reported.detail.includes(said), reported.detail.join('\n'));
    // The team's line back: --me trusts PM Zone's own hooks again, and a second run changes nothing.
    await fs.writeFile(project, team);
    assert.equal((await me()).code, 0);
    assert.equal((await recorded())[key], trustedBefore);
    const again = await here();
    assert.deepEqual([again.projectHooks, again.userHooks], ['in-force', 'in-force'], again.detail.join('\n'));
    const before = await fs.readFile(userConfig(), 'utf8');
    assert.doesNotMatch((await me()).stdout, /config\.toml (created|updated)$/m);
    assert.equal(await fs.readFile(userConfig(), 'utf8'), before);
  });

  it('names a hook --me trusted that Codex no longer trusts, and an earlier set-up that recorded no hashes', async () => {
    const key = await keyOf('pre_tool_use');
    await fs.writeFile(userConfig(), (await fs.readFile(userConfig(), 'utf8')).replace(`trusted_hash = "${(await recorded())[key]}"\n`, ''));
    const check = await here();
    assert.equal(check.userHooks, 'stale');
    assert.ok(check.detail.includes(`Codex no longer trusts PM Zone's preToolUse hook (${key}): ${userConfig()} has no trusted_hash for it, so Codex skips it without a word: run pm-zone agents init --me`), check.detail.join('\n'));
    assert.equal((await me()).code, 0);
    assert.equal((await here()).userHooks, 'in-force');
    // As an earlier PM Zone recorded it: the keys, not the hashes.
    const file = path.join(home, '.pmzone', 'guarded.json');
    const guarded = await readGuarded(home);
    for (const entry of Object.values(guarded.repositories)) delete entry.codexTrust;
    await fs.writeFile(file, JSON.stringify(guarded));
    const earlier = await here();
    assert.equal(earlier.userHooks, 'stale');
    assert.match(earlier.detail.join('\n'), /^pm-zone agents init --me ran with an earlier PM Zone, which did not record the hashes Codex trusts PM Zone's hooks by, .*: run pm-zone agents init --me$/m);
  });
});
