import * as assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CLI_CONFIG_CACHE_FILE, commandLineConfigKept, EMAIL_CACHE_FILE, listedEmailOutsideWorktree, userEmailKept } from '../../../src/core/agents/emailCache';
import { findRepository } from '../../../src/core/agents/repositoryLocation';
import { userEmailOutsideWorktree } from '../../../src/core/git/repository';
import { Git } from '../../../src/core/git/runGit';
import { runGit, tempDir, tempRepo } from '../helpers/tempRepo';

// Who git says the user is, kept in the git folder: every answer is held to
// git's own, asked anew, after each change to what git reads; and git must be
// asked again after any such change. As the guard keeps it: read from git's
// listing of its whole configuration, where git is run for it.

/** A Git that counts the processes it starts: whether git was asked. */
class CountedGit extends Git {
  runs = 0;
  override exec(...args: Parameters<Git['exec']>): ReturnType<Git['exec']> {
    this.runs++;
    return super.exec(...args);
  }
}

/** A clock past every file's times by more than the two seconds the cache waits for: as if the test had waited. */
const later = () => Date.now() + 5000;
const pause = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('who the user is, kept in the git folder', () => {
  let root: string;
  let home: string;
  let env: Record<string, string | undefined>;

  let gitPath: string | undefined;
  const gitFor = () => new CountedGit(root, { gitPath, env: { HOME: home, XDG_CONFIG_HOME: undefined, GIT_CONFIG_GLOBAL: undefined, GIT_CONFIG_SYSTEM: undefined, GIT_CONFIG_NOSYSTEM: '1', GIT_INDEX_FILE: undefined, ...env } });
  /** The kept answer, held to git's (asked on its own, after); `asked`: whether git was run for it. */
  const kept = async (now: () => number = later) => {
    const location = await findRepository(root);
    assert.ok(location);
    const git = gitFor();
    const email = await userEmailKept(location, git, () => userEmailOutsideWorktree(git), { now, fromListing: listedEmailOutsideWorktree });
    assert.equal(email, await userEmailOutsideWorktree(gitFor()), 'the kept answer is git\'s');
    return { email, asked: git.runs > 0 };
  };
  /** Asked of git, then kept: a call after the next (the first names the files an include added) asks nothing. */
  const settles = async (expected: string | null) => {
    assert.deepEqual(await kept(), { email: expected, asked: true });
    const next = await kept();
    assert.equal(next.email, expected);
    if (next.asked) assert.deepEqual(await kept(), { email: expected, asked: false });
    await pause();
  };
  const local = (...args: string[]) => runGit(root, ['config', ...args]);

  beforeEach(async () => {
    const repo = await tempRepo();
    root = repo.root;
    home = await tempDir('home');
    env = {};
    gitPath = undefined;
  });

  it('answers from the git folder once git answered, and asks again when the config changed, even with its time set back', async () => {
    await settles('author@example.com');
    const config = path.join(root, '.git', 'config');
    const stats = await fs.stat(config);
    const text = await fs.readFile(config, 'utf8');
    await fs.writeFile(config, text.replace('author@example.com', 'outhor@example.com'));
    await fs.utimes(config, stats.atime, stats.mtime);
    assert.equal((await fs.stat(config)).size, stats.size);
    await settles('outhor@example.com');
  });

  it('asks git when the kept entry is damaged or not its shape, and keeps git\'s answer again; passes on git\'s failure while the config does not parse', async () => {
    await settles('author@example.com');
    const entry = path.join(root, '.git', EMAIL_CACHE_FILE);
    const good = JSON.parse(await fs.readFile(entry, 'utf8')) as Record<string, unknown>;
    for (const damaged of ['{"format":2,"key"', 'null', JSON.stringify({ ...good, format: 1 }), JSON.stringify({ ...good, answer: 7 }), JSON.stringify({ ...good, answer: { email: 'author@example.com' } }), JSON.stringify({ ...good, includes: [1] })]) {
      await fs.writeFile(entry, damaged);
      assert.deepEqual(await kept(), { email: 'author@example.com', asked: true }, damaged);
      assert.deepEqual(await kept(), { email: 'author@example.com', asked: false }, `kept again after ${damaged}`);
    }
    // A config git refuses: git's failure, as asking git gives it, every time; the entry it had is never served.
    const config = path.join(root, '.git', 'config');
    await fs.appendFile(config, '[user\n\temail = broken\n');
    await pause();
    const location = await findRepository(root);
    assert.ok(location);
    for (let call = 0; call < 2; call++) {
      await assert.rejects(userEmailKept(location, gitFor(), () => userEmailOutsideWorktree(gitFor()), { now: later, fromListing: listedEmailOutsideWorktree }), /bad config line/);
    }
  });

  it("keeps the command line's keys with the names of the filter drivers set, never their commands, and asks again once a filter is set", async () => {
    const keys = ['user.email', 'core.bigFileThreshold', 'diff.orderFile'];
    const configKept = async () => {
      const git = gitFor();
      // What git answers, each key asked on its own, the drivers by --get-regexp.
      const expected = {
        values: Object.fromEntries(await Promise.all(keys.map(async (key) => [key, (await git.exec(['config', '--get', key], { okExitCodes: [1] })).stdout.toString('utf8').replace(/\n$/, '') || null]))),
        filters: await gitFor().configuredFilters(),
        set: { 'remote.origin.url': (await git.exec(['config', '--get', 'remote.origin.url'], { okExitCodes: [1] })).exitCode === 0 },
      };
      const location = await findRepository(root);
      assert.ok(location);
      const answer = await commandLineConfigKept(git, keys, { now: later });
      assert.deepEqual(answer, expected);
      return answer;
    };
    await local('user.email', 'pm@example.com');
    await local('filter.lfs.clean', 'git-lfs clean --token=s3cr3t -- %f');
    await local('filter.lfs.required', 'true');
    const entry = () => fs.readFile(path.join(root, '.git', CLI_CONFIG_CACHE_FILE), 'utf8');
    assert.deepEqual((await configKept())?.filters, ['lfs']);
    assert.match(await entry(), /"filters":\["lfs"\]/);
    assert.doesNotMatch(await entry(), /s3cr3t|git-lfs clean/, "a driver's command is not kept");
    await pause();
    await local('filter.my.crypt.smudge', 'decrypt');
    await local('core.bigFileThreshold', '1m');
    assert.deepEqual(await configKept(), { values: { 'user.email': 'pm@example.com', 'core.bigFileThreshold': '1m', 'diff.orderFile': null }, filters: ['lfs', 'my.crypt'], set: { 'remote.origin.url': false } });
    // A remote whose address holds a token: that origin is set is kept, never the address.
    await pause();
    await local('remote.origin.url', 'https://pm:s3cr3t-token@example.test/acme/shop.git');
    assert.deepEqual((await configKept())?.set, { 'remote.origin.url': true });
    assert.match(await entry(), /"set":\{"remote\.origin\.url":true\}/);
    assert.doesNotMatch(await entry(), /s3cr3t-token|example\.test/, "a remote's address is not kept");
    // An entry kept before whether origin is set was (no `set`): not taken, asked again.
    const file = path.join(root, '.git', CLI_CONFIG_CACHE_FILE);
    const kept = JSON.parse(await entry()) as { answer: Record<string, unknown> };
    delete kept.answer.set;
    await fs.writeFile(file, JSON.stringify(kept));
    assert.deepEqual((await configKept())?.set, { 'remote.origin.url': true });
  });

  it("keeps no configuration for a commit's hooks, whose environment holds the commit's time and index: the entry kept stays", async () => {
    await local('user.email', 'pm@example.com');
    const location = await findRepository(root);
    assert.ok(location);
    assert.ok(await commandLineConfigKept(gitFor(), ['user.email'], { now: later }));
    const file = path.join(root, '.git', CLI_CONFIG_CACHE_FILE);
    const entry = await fs.readFile(file, 'utf8');
    for (const hook of [{ GIT_INDEX_FILE: path.join(root, '.git', 'index.lock') }, { GIT_AUTHOR_DATE: '@1795978518 +0000' }]) {
      env = hook;
      assert.equal(await commandLineConfigKept(gitFor(), ['user.email'], { now: later }), undefined, JSON.stringify(hook));
      assert.equal(await fs.readFile(file, 'utf8'), entry);
    }
  });

  it('reads from the listing what git prints for a key written without a value, and asks git for a value on two lines', async () => {
    await local('--unset', 'user.email');
    await fs.appendFile(path.join(root, '.git', 'config'), '[user]\n\temail\n');
    await settles('');
    await local('--unset', 'user.email');
    await local('user.email', 'first@example.com\nsecond@example.com');
    await pause();
    // As userEmailOutsideWorktree reads git's lines, every time: the listing's reading would differ.
    assert.deepEqual(await kept(), { email: '', asked: true });
    assert.deepEqual(await kept(), { email: '', asked: true });
  });

  it('asks git while a file it reads changed less than two seconds ago, and keeps nothing', async () => {
    await local('user.email', 'now@example.com');
    assert.deepEqual(await kept(Date.now), { email: 'now@example.com', asked: true });
    assert.deepEqual(await kept(Date.now), { email: 'now@example.com', asked: true });
    assert.equal(existsSync(path.join(root, '.git', EMAIL_CACHE_FILE)), false);
  });

  it('follows the global files: ~/.gitconfig and the XDG one appearing, changing and going', async () => {
    await local('--unset', 'user.email');
    await settles(null);
    await fs.writeFile(path.join(home, '.gitconfig'), '[user]\n\temail = home@example.com\n');
    await settles('home@example.com');
    // The folder the XDG file would be in, made: no file git reads changed.
    await fs.mkdir(path.join(home, '.config', 'git'), { recursive: true });
    assert.deepEqual(await kept(), { email: 'home@example.com', asked: false });
    await fs.writeFile(path.join(home, '.config', 'git', 'config'), '[user]\n\temail = xdg@example.com\n');
    // ~/.gitconfig is read after the XDG file: its value is the last.
    await settles('home@example.com');
    await fs.rm(path.join(home, '.gitconfig'));
    await settles('xdg@example.com');
    env.XDG_CONFIG_HOME = path.join(home, 'elsewhere');
    await settles(null);
    await fs.mkdir(path.join(home, 'elsewhere', 'git'), { recursive: true });
    await fs.writeFile(path.join(home, 'elsewhere', 'git', 'config'), '[user]\n\temail = elsewhere@example.com\n');
    await settles('elsewhere@example.com');
  });

  it('asks again when the environment names other files: HOME, GIT_CONFIG_GLOBAL, GIT_CONFIG_NOSYSTEM', async () => {
    await local('--unset', 'user.email');
    await fs.writeFile(path.join(home, '.gitconfig'), '[user]\n\temail = home@example.com\n');
    await settles('home@example.com');
    const other = await tempDir('home');
    await fs.writeFile(path.join(other, '.gitconfig'), '[user]\n\temail = other@example.com\n');
    env.HOME = other;
    await settles('other@example.com');
    const global = path.join(other, 'global');
    await fs.writeFile(global, '[user]\n\temail = global@example.com\n');
    env.GIT_CONFIG_GLOBAL = global;
    await settles('global@example.com');
    await fs.writeFile(global, '');
    await settles(null);
    env.GIT_CONFIG_NOSYSTEM = '0';
    // Where the system's file is, is known only from the variables, or for a distribution's /usr/bin/git.
    const system = path.join(other, 'system');
    env.GIT_CONFIG_SYSTEM = system;
    await settles(null);
    await fs.writeFile(system, '[user]\n\temail = system@example.com\n');
    await settles('system@example.com');
  });

  it('follows includes: an include added, a missing included file appearing, an empty one filled, one it includes in turn', async () => {
    await local('--unset', 'user.email');
    await settles(null);
    await local('include.path', 'extra.inc');
    await settles(null);
    await fs.writeFile(path.join(root, '.git', 'extra.inc'), '[include]\n\tpath = ~/nested.inc\n');
    await settles(null);
    await fs.writeFile(path.join(home, 'nested.inc'), '');
    await settles(null);
    await fs.writeFile(path.join(home, 'nested.inc'), '[user]\n\temail = nested@example.com\n');
    await settles('nested@example.com');
    await fs.mkdir(path.join(home, 'more'));
    await fs.writeFile(path.join(home, 'nested.inc'), '[user]\n\temail = nested@example.com\n[include]\n\tpath = more/deeper.inc\n');
    await settles('nested@example.com');
    await fs.writeFile(path.join(home, 'more', 'deeper.inc'), '[user]\n\temail = deeper@example.com\n');
    await settles('deeper@example.com');
    await fs.rm(path.join(home, 'more'), { recursive: true });
    await settles('nested@example.com');
  });

  it('follows includeIf onbranch: across branch switches', async () => {
    await runGit(root, ['commit', '--quiet', '--allow-empty', '-m', 'First']);
    await local('includeIf.onbranch:feature.path', 'feature.inc');
    await fs.writeFile(path.join(root, '.git', 'feature.inc'), '[user]\n\temail = feature@example.com\n');
    await settles('author@example.com');
    await runGit(root, ['switch', '--quiet', '-c', 'feature']);
    await settles('feature@example.com');
    await runGit(root, ['switch', '--quiet', 'main']);
    await settles('author@example.com');
    await runGit(root, ['switch', '--quiet', '--detach', 'feature']);
    await settles('author@example.com');
  });

  it('follows includeIf gitdir: the repository moved', async () => {
    await local('--unset', 'user.email');
    const parent = path.dirname(root);
    await fs.writeFile(path.join(home, '.gitconfig'), `[includeIf "gitdir:${parent}/moved/"]\n\tpath = ~/moved.inc\n`);
    await fs.writeFile(path.join(home, 'moved.inc'), '[user]\n\temail = moved@example.com\n');
    await settles(null);
    const moved = path.join(parent, 'moved');
    await fs.rename(root, moved);
    root = moved;
    await settles('moved@example.com');
  });

  it('asks git every time where it could read what is not followed: hasconfig:, ~user/, %(prefix)', async () => {
    await local('--unset', 'user.email');
    for (const [key, value] of [['includeIf.hasconfig:remote.*.url:https://example.com/**.path', 'x.inc'], ['include.path', '~root/x.inc'], ['include.path', '%(prefix)/x.inc']]) {
      await local('--unset-all', 'include.path').catch(() => undefined);
      await local('--remove-section', 'includeIf.hasconfig:remote.*.url:https://example.com/**').catch(() => undefined);
      await local(key, value);
      await pause();
      assert.deepEqual(await kept(), { email: null, asked: true }, key);
      assert.deepEqual(await kept(), { email: null, asked: true }, key);
    }
  });

  it('asks git every time where git would not take the folder as a repository: a HEAD it does not read as one', async () => {
    await fs.writeFile(path.join(home, '.gitconfig'), '[user]\n\temail = home@example.com\n');
    await settles('author@example.com');
    await fs.writeFile(path.join(root, '.git', 'HEAD'), 'not a ref\n');
    await pause();
    assert.deepEqual(await kept(), { email: 'home@example.com', asked: true });
    assert.deepEqual(await kept(), { email: 'home@example.com', asked: true });
  });

  it('in a linked worktree, and with the worktree\'s own config turned on: always git\'s answer', async () => {
    await runGit(root, ['commit', '--quiet', '--allow-empty', '-m', 'First']);
    const main = root;
    root = path.join(await tempDir('worktrees'), 'linked');
    await runGit(main, ['worktree', 'add', '--quiet', '-b', 'linked', root]);
    assert.equal((await kept()).email, 'author@example.com');
    assert.equal((await kept()).email, 'author@example.com');
    await runGit(main, ['config', 'extensions.worktreeConfig', 'true']);
    await runGit(root, ['config', '--worktree', 'user.email', 'worktree@example.com']);
    await pause();
    assert.equal((await kept()).email, 'author@example.com');
    assert.equal((await kept()).email, 'author@example.com');
    await runGit(main, ['config', 'user.email', 'common@example.com']);
    await pause();
    assert.equal((await kept()).email, 'common@example.com');
    assert.equal((await kept()).email, 'common@example.com');
  });

  it('asks again when the git program is another', async () => {
    await settles('author@example.com');
    const folder = await tempDir('git-program');
    const wrapper = path.join(folder, 'git');
    await fs.writeFile(wrapper, '#!/bin/sh\nexec git "$@"\n', { mode: 0o755 });
    env.PATH = `${folder}${path.delimiter}${process.env.PATH ?? ''}`;
    const location = await findRepository(root);
    assert.ok(location);
    const git = new CountedGit(root, { gitPath: wrapper, env: { HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: undefined } });
    assert.equal(await userEmailKept(location, git, () => userEmailOutsideWorktree(git), { now: later, fromListing: listedEmailOutsideWorktree }), 'author@example.com');
    assert.ok(git.runs > 0);
  });

  describe('a home folder written in lately, with no ~/.gitconfig (an agent writing its session there)', function () {
    // Each file's times held to the real clock: the repository settled by a wait, the home folder written after it.
    this.timeout(20_000);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 2200));

    it('keeps the answer read from the listing, which shows that no value came from the home folder', async () => {
      await settle();
      await fs.writeFile(path.join(home, '.session.json'), '{}');
      assert.deepEqual(await kept(Date.now), { email: 'author@example.com', asked: true });
      await fs.writeFile(path.join(home, '.session.json'), '{"turn":2}');
      assert.deepEqual(await kept(Date.now), { email: 'author@example.com', asked: false });
      // The file made for good: a miss, and git's new answer.
      await fs.writeFile(path.join(home, '.gitconfig'), '[user]\n\temail = home@example.com\n');
      await local('--unset', 'user.email');
      assert.deepEqual(await kept(Date.now), { email: 'home@example.com', asked: true });
      assert.deepEqual(await kept(Date.now), { email: 'home@example.com', asked: true }, 'a file git reads, written lately, is not kept');
    });

    it('keeps nothing where a ~/.gitconfig made and removed around git\'s run gave a value; keeps an answer one that gave none left as it was', async () => {
      // A git program that makes ~/.gitconfig for its run and removes it after: missing before and after.
      const folder = await tempDir('git-program');
      gitPath = path.join(folder, 'git');
      const transient = (text: string) => fs.writeFile(gitPath!, `#!/bin/sh\nprintf '${text}' > "$HOME/.gitconfig"\ngit "$@"\ncode=$?\nrm -f "$HOME/.gitconfig"\nexit $code\n`, { mode: 0o755 });
      await local('--unset', 'user.email');
      await transient('[user]\\n\\temail = transient@example.com\\n');
      await settle();
      const entry = path.join(root, '.git', EMAIL_CACHE_FILE);
      for (let call = 0; call < 2; call++) {
        assert.deepEqual(await kept(Date.now), { email: 'transient@example.com', asked: true });
        assert.equal((JSON.parse(await fs.readFile(entry, 'utf8')) as { answer?: unknown }).answer, undefined, 'no answer kept');
      }
      assert.equal(existsSync(path.join(home, '.gitconfig')), false);
      await transient('[core]\\n');
      await settle();
      assert.deepEqual(await kept(Date.now), { email: null, asked: true });
      assert.deepEqual(await kept(Date.now), { email: null, asked: false });
    });
  });
});
