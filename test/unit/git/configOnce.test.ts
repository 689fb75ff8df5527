import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commonDirAndHooksPath, configValue, remoteDefaultTip, root, userEmail } from '../../../src/core/git/repository';
import { canonicalConfigKey, parseConfigListing, type Git } from '../../../src/core/git/runGit';
import { isolatedGit, loggingGit, runGit, tempDir, tempRepo } from '../helpers/tempRepo';

// A Git made with `readConfigOnce` answers every key from one `git config
// -z --list`: each answer must be the one `git config --get` gives, and the
// filter drivers it neutralises the ones `--get-regexp ^filter\.` finds.

const KEYS = [
  'user.email', 'user.name', 'USER.EMAIL', 'User.Name', 'core.hooksPath', 'core.hookspath', 'core.empty', 'core.bare',
  'remote.origin.url', 'remote.Origin.url', 'REMOTE.origin.URL', 'remote.origin.fetch', 'remote.up stream.url',
  'remote.dotted.name.url', 'filter.lfs.clean', 'filter.LFS.clean', 'pm-zone.commitcheck', 'no.such-key', 'sub.ünï.code',
  'section.key', 'include.path', 'color.ui', 'core.pager', 'core.quotePath',
  // Keys git refuses or this reading does not vouch for: asked of git.
  'nodot', '', '.x', 'a.', 'a.b c.d', 'a.1b', 'a.b\nc.d', '-a.b',
];

const filterDrivers = (git: Git): Promise<string[]> => (git as unknown as { readFilterOverrides(): Promise<string[]> }).readFilterOverrides();

/** Each key's answer (or the failure's kind) from a plain Git and from one that reads the config once, with and without keepHooksPath. */
async function assertSameAnswers(cwd: string, env: Record<string, string | undefined> = {}): Promise<void> {
  const answer = (git: Git, key: string, keepHooksPath: boolean) =>
    configValue(git, key, { keepHooksPath }).then((value) => ({ value }), (error: unknown) => ({ error: (error as { kind?: string }).kind ?? String(error) }));
  for (const keepHooksPath of [false, true]) {
    const plain = isolatedGit(cwd, { env });
    const once = isolatedGit(cwd, { env, readConfigOnce: true });
    for (const key of KEYS) {
      assert.deepEqual(await answer(once, key, keepHooksPath), await answer(plain, key, keepHooksPath), `${JSON.stringify(key)}, keepHooksPath ${keepHooksPath}, in ${cwd}`);
    }
  }
  const plain = isolatedGit(cwd, { env });
  const once = isolatedGit(cwd, { env, readConfigOnce: true });
  assert.deepEqual(await filterDrivers(once), await filterDrivers(plain), `the filter drivers in ${cwd}`);
}

const CONFIG = [
  '[user]', '\temail', '[User]', '\tName = Zoë Product', '[core]', '\tempty =', '\thooksPath = .githooks',
  '[remote "Origin"]', '\turl = https://example.com/a.git', '[remote "origin"]', '\turl = https://example.com/b.git', '\turl = https://example.com/c.git',
  '\tfetch = +refs/heads/*:refs/remotes/origin/*', '[remote "up stream"]', '\turl = /a path/with spaces', '[remote "dotted.name"]', '\turl = x',
  '[filter "lfs"]', '\tclean = git-lfs clean -- %f', '[filter "LFS"]', '\tsmudge = other', '[filter "a.b"]', '\tprocess = p', '\trequired',
  '[sub "ünï"]', '\tcode = "a value with\\nan escaped line break"', '[section]', '\tkey = "quoted ; not a comment" ; a comment',
  '[pm-zone]', '\tcommitcheck = declined',
].join('\n');

describe('the configuration read once', () => {
  it('answers every key as git config --get does, on a configuration of many shapes', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n' } }] });
    await fs.appendFile(repo.path('.git/config'), `${CONFIG}\n`);
    await assertSameAnswers(repo.root);
  });

  it('answers the same with no commit yet, on a detached HEAD, and through includes that depend on the branch', async () => {
    const empty = await tempRepo();
    await assertSameAnswers(empty.root);
    const repo = await tempRepo({ commits: [{ message: 'one' }, { message: 'two' }] });
    const included = path.join(await tempDir('included'), 'on main.inc');
    await fs.writeFile(included, '[user]\n\temail = main@example.com\n[remote "origin"]\n\turl = from-include\n');
    await fs.appendFile(repo.path('.git/config'), `[includeIf "onbranch:main"]\n\tpath = ${included}\n[include]\n\tpath = missing-file.inc\n`);
    await assertSameAnswers(repo.root);
    assert.equal(await userEmail(isolatedGit(repo.root, { readConfigOnce: true })), 'main@example.com');
    await repo.run('switch', '--quiet', '--detach', 'HEAD~1');
    await assertSameAnswers(repo.root);
    assert.equal(await userEmail(isolatedGit(repo.root, { readConfigOnce: true })), 'author@example.com');
  });

  it('answers the same with no user configuration at all, and from a sub-folder', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'sub folder/ä.txt': 'a\n' } }] });
    await repo.run('config', '--unset', 'user.email');
    await repo.run('config', '--unset', 'user.name');
    await assertSameAnswers(repo.root);
    await assertSameAnswers(repo.path('sub folder'));
    assert.equal(await userEmail(isolatedGit(repo.root, { readConfigOnce: true })), null);
  });

  it('answers the same in a repository whose path holds spaces and letters outside ASCII', async () => {
    const folder = path.join(await tempDir('spaced'), 'a folder with spaces — ünïcødé');
    await fs.mkdir(folder);
    await runGit(folder, ['init', '--quiet']);
    await fs.appendFile(path.join(folder, '.git', 'config'), `${CONFIG}\n`);
    await assertSameAnswers(folder);
  });

  it('fails as git does where the configuration cannot be read, and outside a repository', async () => {
    const repo = await tempRepo();
    await fs.appendFile(repo.path('.git/config'), '[broken\n');
    await assertSameAnswers(repo.root);
    await assert.rejects(configValue(isolatedGit(repo.root, { readConfigOnce: true }), 'user.email'));
    const outside = await tempDir('outside');
    await assertSameAnswers(outside, { GIT_CEILING_DIRECTORIES: path.dirname(outside) });
  });

  it('answers the environment\'s configuration as git does', async () => {
    const repo = await tempRepo();
    await assertSameAnswers(repo.root, { GIT_CONFIG_COUNT: '2', GIT_CONFIG_KEY_0: 'user.email', GIT_CONFIG_VALUE_0: 'env@example.com', GIT_CONFIG_KEY_1: 'filter.env.clean', GIT_CONFIG_VALUE_1: 'x' });
  });

  it('asks git once for several keys and the filter drivers, and again after a config it runs itself', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n' } }] });
    await repo.run('remote', 'add', 'origin', path.join(repo.root, 'no-such-remote'));
    const { git: plain, commands: plainCommands } = await loggingGit(repo.root);
    await userEmail(plain);
    await configValue(plain, 'core.hooksPath', { keepHooksPath: true });
    await plain.run(['status', '--porcelain']);
    assert.deepEqual(await plainCommands(), ['config', 'config', 'config', 'status']);

    const folder = await tempDir('git-log');
    const log = path.join(folder, 'commands');
    const wrapper = path.join(folder, 'git');
    await fs.writeFile(wrapper, `#!/bin/sh\necho "$*" >> '${log}'\nexec git "$@"\n`, { mode: 0o755 });
    const commands = async () => (await fs.readFile(log, 'utf8')).split('\n').filter(Boolean).map((line) => line.replace(/^(-c \S+ )+/, '').split(' ').slice(0, 2).join(' '));
    const once = isolatedGit(repo.root, { gitPath: wrapper, readConfigOnce: true });
    assert.equal(await userEmail(once), 'author@example.com');
    assert.equal(await configValue(once, 'core.hooksPath', { keepHooksPath: true }), null);
    await once.run(['status', '--porcelain']);
    assert.equal((await remoteDefaultTip(once)), null);
    assert.deepEqual(await commands(), ['config -z', 'status --ignore-submodules=dirty', 'ls-remote --symref']);
    // core.hooksPath as every other command runs (set to nothing) is git's to say.
    assert.equal(await configValue(once, 'core.hooksPath'), os.devNull);
    assert.deepEqual((await commands()).slice(3), ['config --get']);
    await once.exec(['config', 'user.email', 'new@example.com']);
    assert.equal(await userEmail(once), 'new@example.com');
    assert.deepEqual((await commands()).slice(4), ['config user.email', 'config -z']);
  });

  it('reads keys and values as --list -z prints them', () => {
    assert.deepEqual(parseConfigListing('user.email\0core.x\n\0a.b.c\nline one\nline two\0a.b.c\nd\0'), {
      entries: [['user.email', null], ['core.x', ''], ['a.b.c', 'line one\nline two'], ['a.b.c', 'd']],
      values: new Map<string, (string | null)[]>([['user.email', [null]], ['core.x', ['']], ['a.b.c', ['line one\nline two', 'd']]]),
    });
    assert.equal(canonicalConfigKey('Remote.Up Stream.URL'), 'remote.Up Stream.url');
    assert.equal(canonicalConfigKey('remote.a.b.URL'), 'remote.a.b.url');
    for (const key of ['nodot', '', 'a.', '.a', 'a.1b', 'a b.c', 'a.b\nc.d', '-a.b']) assert.equal(canonicalConfigKey(key), undefined, key);
  });

  it('gives the top folder, and the common and hooks folders with it, as the separate questions do', async () => {
    const settle = <T>(promise: Promise<T>) => promise.then((value) => ({ value }), (error: unknown) => ({ error: String((error as Error).message ?? error) }));
    const answers = async (git: Git) => {
      const top = await settle(root(git));
      return { top, folders: await settle(commonDirAndHooksPath(git)) };
    };
    const assertSame = async (cwd: string, env: Record<string, string | undefined> = {}) => {
      assert.deepEqual(await answers(isolatedGit(cwd, { env, readConfigOnce: true })), await answers(isolatedGit(cwd, { env })), cwd);
      // Asked the other way round, and both at once.
      const once = isolatedGit(cwd, { env, readConfigOnce: true });
      const plain = isolatedGit(cwd, { env });
      assert.deepEqual(await Promise.all([settle(commonDirAndHooksPath(once)), settle(root(once))]), await Promise.all([settle(commonDirAndHooksPath(plain)), settle(root(plain))]), cwd);
    };
    const empty = await tempRepo();
    await assertSame(empty.root);
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'sub folder/ü.txt': 'a\n' } }, { message: 'two' }] });
    await assertSame(repo.root);
    await assertSame(repo.path('sub folder'));
    await repo.run('switch', '--quiet', '--detach', 'HEAD~1');
    await assertSame(repo.root);
    for (const hooks of ['.githooks', 'relative/hooks folder', '/an/absolute/hooks']) {
      await repo.run('config', 'core.hooksPath', hooks);
      await assertSame(repo.root);
      await assertSame(repo.path('sub folder'));
    }
    const linked = path.join(await tempDir('linked'), 'a worktree — ünï');
    await repo.run('worktree', 'add', '--quiet', '--detach', linked);
    await assertSame(linked);
    await assertSame(repo.path('.git'));
    const spaced = path.join(await tempDir('spaced'), 'with spaces ünïcødé');
    await fs.mkdir(spaced);
    await runGit(spaced, ['init', '--quiet']);
    await assertSame(spaced);
    const bare = await tempDir('bare');
    await runGit(bare, ['init', '--quiet', '--bare']);
    await assertSame(bare);
    const outside = await tempDir('outside');
    await assertSame(outside, { GIT_CEILING_DIRECTORIES: path.dirname(outside) });
    const missing = path.join(outside, 'no such folder');
    await assertSame(missing);

    // Where the file system gives the top folder (topAsGitFinds), no rev-parse is started for it. A Git that
    // reads its configuration once takes the common and hooks folders from there and its one listing; with
    // core.hooksPath set, which git expands and resolves by its own rules, git is asked for the folders.
    const { git: plain, commands: plainCommands } = await loggingGit(repo.root);
    await root(plain);
    await commonDirAndHooksPath(plain);
    assert.deepEqual(await plainCommands(), ['rev-parse']);
    const hooked = await loggingGit(repo.root, { readConfigOnce: true });
    assert.equal(await root(hooked.git), repo.root);
    assert.deepEqual(await hooked.commands(), []);
    assert.deepEqual(await commonDirAndHooksPath(hooked.git), { common: path.join(repo.root, '.git'), hooks: '/an/absolute/hooks' });
    assert.deepEqual(await hooked.commands(), ['config', 'rev-parse']);
    await repo.run('config', '--unset', 'core.hooksPath');
    const once = await loggingGit(repo.root, { readConfigOnce: true });
    assert.equal(await root(once.git), repo.root);
    assert.deepEqual(await commonDirAndHooksPath(once.git), await commonDirAndHooksPath(isolatedGit(repo.root)));
    assert.deepEqual(await commonDirAndHooksPath(once.git), { common: path.join(repo.root, '.git'), hooks: path.join(repo.root, '.git', 'hooks') });
    assert.deepEqual(await once.commands(), ['config']);
  });
});
