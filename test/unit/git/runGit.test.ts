import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GitError, classifyGitFailure, isGitError } from '../../../src/core/git/gitError';
import { diffSafetySwitches, filterNames, gitEnvironment, overridesOfFilters, safetyConfig } from '../../../src/core/git/gitEnvironment';
import { headSha, root } from '../../../src/core/git/repository';
import { isolatedGit, loggingGit, runGit, tempDir, tempRepo } from '../helpers/tempRepo';

async function rejectsWithKind(promise: Promise<unknown>, kind: GitError['kind']): Promise<GitError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isGitError(error), `expected a GitError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    assert.ok(!error.message.includes('\n'), 'the message fits on one line');
    return error;
  }
  assert.fail(`expected a GitError of kind ${kind}`);
}

describe('Git runner', () => {
  it('reports git missing as not-installed, with the readable message', async () => {
    const folder = await tempDir();
    const error = await rejectsWithKind(root(isolatedGit(folder, { gitPath: path.join(folder, 'no-such-git') })), 'not-installed');
    assert.equal(error.message, 'git is not installed or not on PATH');
  });

  it('reports a folder outside any repository as not-a-repository', async () => {
    const folder = await tempDir();
    // GIT_CEILING_DIRECTORIES keeps git from finding a repository above the temporary folder.
    const git = isolatedGit(folder, { env: { GIT_CEILING_DIRECTORIES: path.dirname(folder) } });
    await rejectsWithKind(headSha(git), 'not-a-repository');
  });

  it('asks for the top folder again after a failure: a folder can become a repository', async () => {
    const folder = await tempDir();
    const git = isolatedGit(folder, { env: { GIT_CEILING_DIRECTORIES: path.dirname(folder) } });
    await rejectsWithKind(root(git), 'not-a-repository');
    await runGit(folder, ['init', '--quiet']);
    assert.equal(await root(git), folder);
  });

  it('reports a folder that does not exist as not-a-repository, not as git missing', async () => {
    const folder = path.join(await tempDir(), 'gone');
    await rejectsWithKind(root(isolatedGit(folder)), 'not-a-repository');
  });

  it('reports an unknown revision as unknown-revision', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n' } }] });
    const error = await rejectsWithKind(repo.git.run(['log', 'no-such-branch']), 'unknown-revision');
    assert.match(error.message, /no-such-branch/);
  });

  it('reports log before the first commit as no-commits', async () => {
    const repo = await tempRepo();
    await rejectsWithKind(repo.git.run(['log']), 'no-commits');
  });

  it('reads the filter drivers once, and only before a command that can run them', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n' } }] });
    // An include the folders leave to git (topAsGitFinds), so that the top folder is git's answer here, asked once.
    await repo.run('config', 'include.path', os.devNull);
    const { git, commands } = await loggingGit(repo.root);
    await root(git);
    await headSha(git);
    assert.equal(await root(git), repo.root, 'the top folder is asked once per Git');
    assert.deepEqual(await commands(), ['rev-parse', 'rev-parse']);
    await git.run(['status', '--porcelain']);
    await git.run(['diff', 'HEAD']);
    assert.deepEqual(await commands(), ['rev-parse', 'rev-parse', 'config', 'status', 'diff']);
  });

  // ls-files is run without the filter drivers read first where its switches list names only (runGit.ts's
  // LS_FILES_NAMES_ONLY): held here on the git that runs, against a driver that logs each call, in the states that
  // make git look at content elsewhere (a modified file of the same size and time, a changed .gitignore, new files).
  it('runs ls-files of names without reading the filter drivers, and git runs no filter for it', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { '.gitattributes': '* filter=spy\n', 'a.txt': 'aaaa\n', 'b.txt': 'b\n', '.gitignore': 'ignored/\n' } }] });
    const log = path.join(await tempDir('filter-log'), 'calls');
    const spy = `sh -c 'echo "$0" >> ${JSON.stringify(log)}; cat' `;
    await repo.run('config', 'filter.spy.clean', `${spy}clean`);
    await repo.run('config', 'filter.spy.smudge', `${spy}smudge`);
    await fs.writeFile(log, '');
    // The same size, the same modification time: only content tells git the file changed.
    const stats = await fs.stat(repo.path('a.txt'));
    await fs.writeFile(repo.path('a.txt'), 'bbbb\n');
    await fs.utimes(repo.path('a.txt'), stats.atime, stats.mtime);
    await fs.writeFile(repo.path('.gitignore'), 'ignored/\nother/\n');
    await fs.rm(repo.path('b.txt'));
    await fs.writeFile(repo.path('new.txt'), 'new\n');
    await fs.mkdir(repo.path('ignored'));
    await fs.writeFile(repo.path('ignored/x.txt'), 'x\n');
    const lists: string[][] = [
      ['ls-files', '-z', '-t', '--cached', '--others', '--exclude-standard', '--full-name', '--', ':(top)'],
      ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--full-name', '--', ':(top)'],
      ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--', 'ignored'],
      ['ls-files', '-s', '-v', '-z'],
      ['ls-files', '--error-unmatch', '--', 'a.txt'],
    ];
    const { git, commands } = await loggingGit(repo.root, { readConfigOnce: true });
    for (const args of lists) await git.exec(args, { okExitCodes: [1] });
    assert.deepEqual(await commands(), lists.map(() => 'ls-files'), 'no configuration read for the filter drivers');
    assert.equal(await fs.readFile(log, 'utf8'), '', 'git ran no filter');
    // The spy works: a listing that compares content runs it, and PM Zone then reads the drivers first and empties them.
    await repo.run('ls-files', '-m');
    assert.match(await fs.readFile(log, 'utf8'), /clean/);
    await fs.writeFile(log, '');
    await git.exec(['ls-files', '-z', '-m']);
    assert.deepEqual((await commands()).slice(lists.length), ['config', 'ls-files']);
    assert.equal(await fs.readFile(log, 'utf8'), '');
    await git.exec(['ls-files', '-z', 'a.txt', '--cached']);
    assert.deepEqual((await commands()).slice(lists.length + 2), ['ls-files'], 'a pathspec before -- is not vouched for: the drivers, read once, are emptied');
    assert.equal(await fs.readFile(log, 'utf8'), '');
  });

  it("answers whether a key is set from what it was told (knowConfig), else from the listing, and forgets it once it writes the configuration", async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'aaaa\n' } }] });
    const { git, commands } = await loggingGit(repo.root, { readConfigOnce: true });
    git.knowConfig({}, [], { 'remote.origin.url': true });
    assert.equal(await git.configKeySet('remote.origin.url'), true, 'as told, though the repository has no origin');
    assert.equal(await git.configKeySet('REMOTE.origin.URL'), true, 'by its canonical name (a subsection keeps its case)');
    assert.deepEqual(await commands(), [], 'no git process');
    assert.equal(await git.configKeySet('remote.upstream.url'), false, 'another key: from the listing');
    assert.deepEqual(await commands(), ['config']);
    await git.exec(['config', 'user.name', 'Pat']);
    assert.equal(await git.configKeySet('remote.origin.url'), false, 'written: read again');
    await repo.run('remote', 'add', 'origin', 'https://example.test/acme/shop.git');
    assert.equal(await isolatedGit(repo.root, { readConfigOnce: true }).configKeySet('remote.origin.url'), true);
    assert.equal(await isolatedGit(repo.root).configKeySet('remote.origin.url'), undefined, 'a Git that asks each key: the caller asks git');
  });

  // A command that keeps its configuration between runs (emailCache.ts commandLineConfigKept) knows the drivers' names
  // without listing the configuration: each is still turned off, and a configuration written since is read again.
  it('turns off the filter drivers it was told of (knowConfig) without reading the configuration, and reads it again after writing it', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { '.gitattributes': '* filter=spy\n', 'a.txt': 'aaaa\n' } }] });
    const log = path.join(await tempDir('filter-log'), 'calls');
    await repo.run('config', 'filter.spy.clean', `sh -c 'echo "$0" >> ${JSON.stringify(log)}; cat' clean`);
    await fs.writeFile(repo.path('a.txt'), 'bbbb\n');
    await fs.writeFile(log, '');
    const { git, commands } = await loggingGit(repo.root, { readConfigOnce: true });
    git.knowConfig({ 'user.email': null }, ['spy']);
    await git.exec(['diff', 'HEAD']);
    assert.deepEqual(await commands(), ['diff'], 'the drivers known, not read');
    assert.equal(await fs.readFile(log, 'utf8'), '', 'git ran no filter');
    // Told of no driver, git would run it: the names told are the ones turned off.
    const told = await loggingGit(repo.root, { readConfigOnce: true });
    told.git.knowConfig({}, []);
    await told.git.exec(['diff', 'HEAD']);
    assert.match(await fs.readFile(log, 'utf8'), /clean/);
    await fs.writeFile(log, '');
    await git.exec(['config', 'user.name', 'Pat']);
    await git.exec(['diff', 'HEAD']);
    assert.deepEqual((await commands()).slice(1), ['config', 'config', 'diff'], 'written: the drivers read again');
    assert.equal(await fs.readFile(log, 'utf8'), '');
  });

  it('accepts the exit codes a caller names as answers', async () => {
    const repo = await tempRepo();
    const result = await repo.git.exec(['config', '--get', 'no.such-key'], { okExitCodes: [1] });
    assert.equal(result.exitCode, 1);
    await rejectsWithKind(repo.git.exec(['config', '--get', 'no.such-key']), 'failed');
  });

  it('passes arguments without a shell: metacharacters reach git untouched', async () => {
    const repo = await tempRepo();
    const value = '$(touch pwned); `id` | & > x "quoted" \'single\'';
    await repo.git.run(['config', 'pmzone.test', value]);
    assert.equal(await repo.run('config', '--get', 'pmzone.test'), `${value}\n`);
  });

  it('feeds standard input', async () => {
    const repo = await tempRepo();
    const oid = (await repo.git.run(['hash-object', '--stdin'], { input: 'hello\n' })).trim();
    assert.equal(oid, 'ce013625030ba8dba906f756967f9e9ca394464a');
  });
});

describe('classifyGitFailure', () => {
  it('names the failing command and git\'s reason for anything else', () => {
    const error = classifyGitFailure(['merge-base', 'a', 'b'], 'warning: x\nfatal: something odd happened\n', 128);
    assert.equal(error.kind, 'failed');
    assert.equal(error.message, 'git merge-base failed: something odd happened');
  });
  it('explains dubious ownership', () => {
    const error = classifyGitFailure(['status'], "fatal: detected dubious ownership in repository at '/x'\n", 128);
    assert.match(error.message, /safe\.directory/);
  });
  it('reads the revision from each of git\'s wordings', () => {
    const wordings = [
      "fatal: ambiguous argument 'feature/x': unknown revision or path not in the working tree.\nUse '--' to separate paths from revisions, like this:\n'git <command> [<revision>...] -- [<file>...]'\n",
      'fatal: Not a valid object name feature/x\n',
      "fatal: invalid object name 'feature/x'.\n",
      'fatal: bad revision \'feature/x\'\n',
    ];
    for (const stderr of wordings) {
      const error = classifyGitFailure(['log'], stderr, 128);
      assert.equal(error.kind, 'unknown-revision', stderr);
      assert.equal(error.message, "git does not know the revision 'feature/x'.", stderr);
    }
  });
  it('reports a bare repository as not-a-repository', () => {
    assert.equal(classifyGitFailure(['rev-parse'], 'fatal: this operation must be run in a work tree\n', 128).kind, 'not-a-repository');
  });
  it('copes with an empty stderr', () => {
    assert.equal(classifyGitFailure(['diff'], '', 2).message, 'git diff failed: exit status 2');
  });
});

describe('gitEnvironment', () => {
  const inherited = {
    PATH: '/usr/bin',
    HOME: '/home/pm',
    GIT_DIR: '/elsewhere/.git',
    GIT_WORK_TREE: '/elsewhere',
    GIT_EXTERNAL_DIFF: 'evil',
    GIT_PAGER: 'less',
    GIT_CONFIG_PARAMETERS: "'core.fsmonitor'='evil'",
    GIT_CONFIG_COUNT: '1',
    git_dir: '/lowercase/too',
    GIT_CONFIG_GLOBAL: '/home/pm/.gitconfig-work',
    LC_ALL: 'fr_FR.UTF-8',
  };

  it('drops variables that redirect git or run programs, keeps the user\'s config location', () => {
    const env = gitEnvironment(inherited);
    for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_EXTERNAL_DIFF', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT', 'git_dir']) {
      assert.equal(env[name], undefined, name);
    }
    assert.equal(env.GIT_CONFIG_GLOBAL, '/home/pm/.gitconfig-work');
    assert.equal(env.PATH, '/usr/bin');
    assert.equal(env.LC_ALL, 'C');
    assert.equal(env.GIT_TERMINAL_PROMPT, '0');
    assert.equal(env.GIT_OPTIONAL_LOCKS, '0');
    assert.equal(env.GIT_PAGER, 'cat');
  });

  it('hands git back the certificate bundle the agents\' hook line kept aside from node, for helpers such as a credential helper written for node', () => {
    const kept = gitEnvironment({ PATH: '/usr/bin', PM_ZONE_NODE_EXTRA_CA_CERTS: '/etc/company-ca.pem', NODE_EXTRA_CA_CERTS: '' });
    assert.equal(kept.NODE_EXTRA_CA_CERTS, '/etc/company-ca.pem');
    assert.equal(kept.PM_ZONE_NODE_EXTRA_CA_CERTS, undefined);
    // Set again since (by the guard's own caller), the value set is the one git gets; nothing kept aside, nothing changes.
    assert.equal(gitEnvironment({ PM_ZONE_NODE_EXTRA_CA_CERTS: '/etc/company-ca.pem', NODE_EXTRA_CA_CERTS: '/etc/other.pem' }).NODE_EXTRA_CA_CERTS, '/etc/other.pem');
    assert.equal(gitEnvironment({ PM_ZONE_NODE_EXTRA_CA_CERTS: '', NODE_EXTRA_CA_CERTS: '' }).NODE_EXTRA_CA_CERTS, '');
    assert.equal('NODE_EXTRA_CA_CERTS' in gitEnvironment({ PATH: '/usr/bin' }), false);
  });

  it('keeps the index a pre-commit hook was given only when it is absolute', () => {
    const absolute = path.join(os.tmpdir(), 'repo', '.git', 'index.lock');
    assert.equal(gitEnvironment({ GIT_INDEX_FILE: absolute }).GIT_INDEX_FILE, absolute);
    assert.equal(gitEnvironment({ GIT_INDEX_FILE: '.git/index.lock' }).GIT_INDEX_FILE, undefined);
  });

  it('applies explicit overrides last, undefined removing a variable', () => {
    const env = gitEnvironment(inherited, { GIT_CONFIG_GLOBAL: undefined, EXTRA: '1' });
    assert.equal(env.GIT_CONFIG_GLOBAL, undefined);
    assert.equal(env.EXTRA, '1');
  });

  it('disables hooks unless the command reads core.hooksPath', () => {
    assert.ok(safetyConfig({ keepHooksPath: false }).includes(`core.hooksPath=${os.devNull}`));
    assert.ok(!safetyConfig({ keepHooksPath: true }).some((arg) => arg.startsWith('core.hooksPath')));
    assert.ok(safetyConfig({ keepHooksPath: true }).includes('core.fsmonitor=false'));
  });

  it('neutralises every configured filter driver, dotted names included', () => {
    const config = 'filter.lfs.clean\ngit-lfs clean -- %f\0filter.lfs.required\ntrue\0filter.my.evil.process\n./x\0';
    assert.deepEqual(filterNames(config), ['lfs', 'my.evil']);
    const overrides = overridesOfFilters(filterNames(config));
    assert.ok(overrides.includes('filter.lfs.clean='));
    assert.ok(overrides.includes('filter.lfs.required=false'));
    assert.ok(overrides.includes('filter.my.evil.process='));
    assert.deepEqual(overridesOfFilters(filterNames('')), []);
  });

  it('adds the no-external-diff switches to diff, show and log only, and shows submodules to every command that lists changes', () => {
    for (const command of ['diff', 'show', 'log']) assert.deepEqual(diffSafetySwitches(command), ['--no-ext-diff', '--no-textconv', '--no-color', '--ignore-submodules=dirty']);
    for (const command of ['diff-tree', 'diff-index', 'diff-files', 'status']) assert.deepEqual(diffSafetySwitches(command), ['--ignore-submodules=dirty']);
    assert.deepEqual(diffSafetySwitches('ls-files'), []);
    assert.deepEqual(diffSafetySwitches(undefined), []);
  });
});
