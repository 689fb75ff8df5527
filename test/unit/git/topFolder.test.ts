// The top folder found without git (topAsGitFinds) is git's own answer
// wherever it gives one, and it gives none wherever git might answer
// otherwise. Each case is a real repository, and git's `rev-parse
// --show-toplevel`, run as PM Zone runs it, is the reference: a case where
// the two disagree fails, and so does a plain case left to git.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { root } from '../../../src/core/git/repository';
import { plainConfiguration, topAsGitFinds } from '../../../src/core/git/topFolder';
import { isolatedGit, loggingGit, runGit, tempDir, tempRepo } from '../helpers/tempRepo';

/** Git's own answer in `folder`, or its error's first line. */
async function gitsTop(folder: string): Promise<string> {
  const result = await isolatedGit(folder).exec(['rev-parse', '--show-toplevel'], { okExitCodes: [128] });
  return result.exitCode === 0 ? path.resolve(result.stdout.toString('utf8').trim()) : `error: ${result.stderr.split('\n')[0]}`;
}

/** Holds the fast answer to git's, and says whether there was one. */
async function agreesWithGit(folder: string): Promise<{ found: string | undefined; git: string }> {
  const found = topAsGitFinds(folder);
  const git = await gitsTop(folder);
  if (found !== undefined) assert.equal(found, git, `found ${found} where git answers ${git}`);
  return { found, git };
}

/** A repository whose configuration has `lines` added at its end, or, where they start with `^`, at its start. */
async function repoWithConfig(lines: string): Promise<string> {
  const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a/b/c.txt': 'c\n' } }] });
  const config = path.join(repo.root, '.git', 'config');
  const written = await fs.readFile(config, 'utf8');
  await fs.writeFile(config, lines.startsWith('^') ? `${lines.slice(1)}${written}` : `${written}${lines}`);
  return repo.root;
}

describe('the top folder, found as git finds it', function () {
  this.timeout(30_000);

  it('answers as git does in a plain repository, from its top and from a folder deep in it, and through a link', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a/b/c.txt': 'c\n' } }] });
    for (const folder of [repo.root, repo.path('a'), repo.path('a/b')]) {
      const { found } = await agreesWithGit(folder);
      assert.equal(found, repo.root, `a plain repository is answered without git (${folder})`);
    }
    const outside = await tempDir('link');
    await fs.symlink(repo.path('a/b'), path.join(outside, 'into'));
    assert.equal((await agreesWithGit(path.join(outside, 'into'))).found, repo.root, 'git starts from the folder as the system names it');
  });

  it('answers with a repository made inside another, and with no configuration file at all', async () => {
    const outer = await tempRepo({ commits: [{ message: 'base', files: { 'x.txt': 'x\n' } }] });
    await fs.mkdir(outer.path('vendor/inner/src'), { recursive: true });
    await runGit(outer.path('vendor/inner'), ['init', '-q']);
    assert.equal((await agreesWithGit(outer.path('vendor/inner/src'))).found, outer.path('vendor/inner'));
    await fs.rm(path.join(outer.root, '.git', 'config'));
    assert.equal((await agreesWithGit(outer.root)).found, outer.root);
  });

  it('leaves to git a folder on the way up that may be a git folder itself: inside .git, or a bare repository in the tree', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }] });
    for (const folder of [path.join(repo.root, '.git'), path.join(repo.root, '.git', 'refs', 'heads')]) {
      const { found, git } = await agreesWithGit(folder);
      assert.equal(found, undefined);
      assert.match(git, /^error: /, 'git refuses a top folder there');
    }
    await runGit(repo.root, ['init', '-q', '--bare', 'fixtures/bare.git']);
    assert.equal((await agreesWithGit(repo.path('fixtures/bare.git/refs'))).found, undefined);
    await fs.mkdir(repo.path('odd'), { recursive: true });
    await fs.writeFile(repo.path('odd/HEAD'), 'not a ref\n');
    assert.equal((await agreesWithGit(repo.path('odd'))).found, undefined, 'any HEAD on the way up is git\'s to read');
  });

  it('leaves to git a .git that is a file, a link, or a folder git may not take for one', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }] });
    const linked = path.join(await tempDir('worktree'), 'linked');
    await runGit(repo.root, ['worktree', 'add', '-q', '-b', 'other', linked]);
    assert.equal((await agreesWithGit(linked)).found, undefined, 'a linked worktree\'s .git file');

    await fs.mkdir(repo.path('empty/.git'), { recursive: true });
    const empty = await agreesWithGit(repo.path('empty'));
    assert.equal(empty.found, undefined, 'an empty .git folder, which git passes by');
    assert.equal(empty.git, repo.root);

    await fs.mkdir(repo.path('refsfile/.git/objects'), { recursive: true });
    await fs.writeFile(repo.path('refsfile/.git/HEAD'), 'ref: refs/heads/main\n');
    await fs.writeFile(repo.path('refsfile/.git/refs'), '');
    const refsFile = await agreesWithGit(repo.path('refsfile'));
    assert.equal(refsFile.found, undefined, 'a .git whose refs is a file, which git passes by');
    assert.equal(refsFile.git, repo.root);

    const elsewhere = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }] });
    const viaLink = await tempDir('dotgit-link');
    await fs.symlink(path.join(elsewhere.root, '.git'), path.join(viaLink, '.git'));
    assert.equal((await agreesWithGit(viaLink)).found, undefined, 'a .git that is a link');
  });

  it('leaves to git a HEAD that names no ref or commit, a HEAD that is a link, and a commondir', async () => {
    const garbled = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }] });
    await fs.writeFile(path.join(garbled.root, '.git', 'HEAD'), 'garbage\n');
    assert.equal((await agreesWithGit(garbled.root)).found, undefined);

    const detached = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }] });
    await detached.run('checkout', '-q', '--detach');
    assert.equal((await agreesWithGit(detached.root)).found, detached.root, 'a detached HEAD is a commit id');

    const linkedHead = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }] });
    const head = path.join(linkedHead.root, '.git', 'HEAD');
    await fs.rename(head, `${head}.real`);
    await fs.symlink(`${head}.real`, head);
    assert.equal((await agreesWithGit(linkedHead.root)).found, undefined);

    const common = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }] });
    await fs.writeFile(path.join(common.root, '.git', 'commondir'), '.\n');
    assert.equal((await agreesWithGit(common.root)).found, undefined);
  });

  it('leaves to git every configuration that moves the work tree, makes the repository bare, refuses it, or is not read at a glance', async () => {
    const elsewhere = await tempDir('work-tree');
    const cases: [string, string][] = [
      ['core.worktree', `[core]\n\tworktree = ${elsewhere}\n`],
      ['core.bare', '[core]\n\tbare = true\n'],
      ['a bare key alone, which is true', '[core]\n\tbare\n'],
      ['an include', `[include]\n\tpath = ${path.join(elsewhere, 'more')}\n`],
      ['a conditional include', `[includeIf "gitdir:/"]\n\tpath = ${path.join(elsewhere, 'more')}\n`],
      ['an extension', '[extensions]\n\tworktreeConfig = true\n'],
      ['a format version git does not know', '[core]\n\trepositoryformatversion = 2\n'],
      ['a quoted value', '[user]\n\tname = "A \\"quoted\\" name"\n'],
      ['a line git refuses', '[core\n'],
      ['a key before any section', '^orphan = 1\n'],
      ['a continued line', '[user]\n\tname = one \\\n\ttwo\n'],
    ];
    for (const [what, lines] of cases) {
      const repoRoot = await repoWithConfig(lines);
      const { found, git } = await agreesWithGit(path.join(repoRoot, 'a', 'b'));
      assert.equal(found, undefined, `${what}: git answers ${git}`);
    }
    // What git answers in two of them, to be sure the cases mean what they say.
    assert.equal(await gitsTop(path.join(await repoWithConfig(`[core]\n\tworktree = ${elsewhere}\n`), 'a')), elsewhere);
    assert.match(await gitsTop(await repoWithConfig('[core\n')), /^error: /);
  });

  it('answers where the configuration is what clones and `git init` write, comments and remotes included', async () => {
    const repoRoot = await repoWithConfig('# a comment\n[remote "origin"]\n\turl = git@github.com:acme/shop.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[branch "main"]\n\tremote = origin ; the default\n\tmerge = refs/heads/main\n[Core]\n\tBare = False\n\tignorecase = true\r\n');
    assert.equal((await agreesWithGit(path.join(repoRoot, 'a'))).found, repoRoot);
  });

  it('answers where only a value says worktree, include or extensions: a hooks folder in a working tree, a remote, an excludes file', async () => {
    const hooks = path.join(await tempDir('worktree'), 'hooks');
    const repoRoot = await repoWithConfig(`[core]\n\thooksPath = ${hooks}\n\texcludesFile = ${path.join(hooks, 'extensions')}\n[remote "include-what-you-use"]\n\turl = https://github.com/include-what-you-use/include-what-you-use.git\n`);
    assert.equal((await agreesWithGit(path.join(repoRoot, 'a', 'b'))).found, repoRoot);
  });

  it('answers where a value in the configuration makes git refuse to run, as a valid value would (the README says so)', async () => {
    const repoRoot = await repoWithConfig('[core]\n\tfilemode = maybe\n');
    assert.match(await gitsTop(repoRoot), /^error: /, 'git refuses every command there');
    assert.equal(topAsGitFinds(repoRoot), repoRoot, 'the folder is the same one a valid value would give');
  });

  it('leaves to git a repository another user owns, git run by root under sudo, and Windows', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }] });
    const user = process.geteuid?.() ?? 0;
    assert.equal(topAsGitFinds(repo.root), repo.root);
    assert.equal(topAsGitFinds(repo.root, process.env, { user: user + 1 }), undefined, 'git reads safe.directory for a repository of another owner');
    assert.equal(topAsGitFinds(repo.root, { SUDO_UID: '1000' }, { user: 0 }), undefined);
    assert.equal(topAsGitFinds(repo.root, process.env, { platform: 'win32' }), undefined);
  });

  it('leaves to git a folder in no repository, whose error is the answer', async () => {
    const plain = await tempDir('plain');
    const { found, git } = await agreesWithGit(plain);
    assert.equal(found, undefined);
    assert.match(git, /^error: .*not a git repository/);
  });

  it('root() starts no git process where the folders answer, and asks git where they do not', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a/b.txt': 'b\n' } }] });
    const plain = await loggingGit(repo.path('a'));
    assert.equal(await root(plain.git), repo.root);
    assert.deepEqual(await plain.commands(), []);

    await fs.appendFile(path.join(repo.root, '.git', 'config'), '[extensions]\n\tworktreeConfig = true\n');
    const left = await loggingGit(repo.path('a'));
    assert.equal(await root(left.git), repo.root);
    assert.deepEqual(await left.commands(), ['rev-parse']);

    const once = await loggingGit(repo.path('a'), { readConfigOnce: true });
    await root(once.git);
    assert.deepEqual(await once.commands(), ['rev-parse'], 'a Git that reads its configuration once asks its other folders in the same process');
  });

  it('reads a configuration as plain only where every line is', () => {
    assert.equal(plainConfiguration('[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tlogallrefupdates = true\n'), true);
    assert.equal(plainConfiguration(''), true);
    assert.equal(plainConfiguration('[core]\n\tbare = false # comment\n'), true);
    assert.equal(plainConfiguration('[core]\n\tbare = no\n'), false, 'git reads no as false, but this reads only false');
    assert.equal(plainConfiguration('[remote "include-me"]\n\turl = x/worktree/extensions\n'), true, 'names are read, not values or subsections');
    for (const refused of ['[Include]\n\tpath = x\n', '[include.old]\n\tpath = x\n', '[INCLUDEIF "onbranch:main"]\n\tpath = x\n', '[Extensions]\n\tobjectFormat = sha256\n', '[remote "x"]\n\tWorkTree = y\n', '[core] bare = true\n', '[core]\n\tworktree\n']) {
      assert.equal(plainConfiguration(refused), false, refused);
    }
    assert.equal(plainConfiguration('\uFEFF[core]\n'), false);
  });
});
