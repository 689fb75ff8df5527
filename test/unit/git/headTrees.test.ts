import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { headCommitAsGitReads, headCommitHint, listedAtCommit, readHeadCommit, readHeadCommitWithoutGit } from '../../../src/core/git/headTrees';
import { Git } from '../../../src/core/git/runGit';
import { isolatedGit, loggingGit, runGit, tempDir, tempRepo, type TempRepo } from '../helpers/tempRepo';

// What HEAD's commit holds at a path, read with HEAD in one git process, must
// be what `git ls-tree` lists there: the guard's cache of the last commit's
// policy holds while these are the same, and a changed policy file must miss.

/** What `git ls-tree -t --full-tree` lists at each path, as the policy cache reads it. */
async function lsTree(repo: TempRepo, commit: string, paths: readonly string[]): Promise<Map<string, string>> {
  const output = await repo.git.run(['ls-tree', '-z', '-t', '--full-tree', commit, '--', ...paths]);
  return new Map(output.split('\0').filter(Boolean).map((line) => [line.slice(line.indexOf('\t') + 1), line.slice(0, line.indexOf('\t'))] as const));
}

/** The entries of `listed` at `paths` alone (ls-tree -t also lists the folders on the way). */
const only = (listed: Map<string, string>, paths: readonly string[]) => new Map([...listed].filter(([relPath]) => paths.includes(relPath)));

const PATHS = [
  'CLAUDE.md', 'run.sh', 'link.md', '.github/CODEOWNERS', 'docs/a/b.md', 'docs', 'docs/a', 'dir é/ü.md', 'dir é/u\u0308.md',
  'plain/inner', 'missing.md', 'gone/away.md', 'sub', 'sub/inside.md', 'Claude.md', 'a b/c:d.md', 'linked/a/b.md',
];

/** A commit with a file of each kind at PATHS: executable, link, nested, non-ASCII, a file where a folder is asked, a submodule. */
async function repositoryOfKinds(objectFormat: 'sha1' | 'sha256'): Promise<{ repo: TempRepo; commit: string }> {
  const repo = await tempRepo({
    objectFormat,
    commits: [{
      message: 'one',
      files: {
        'CLAUDE.md': '# Rules\n', 'run.sh': { content: '#!/bin/sh\n', executable: true }, 'link.md': { symlink: 'CLAUDE.md' },
        '.github/CODEOWNERS': '* @a\n', 'docs/a/b.md': 'b\n', 'dir é/ü.md': 'u\n', plain: 'a file, not a folder\n', 'a b/c:d.md': 'odd\n',
        'linked': { symlink: 'docs' },
      },
    }],
  });
  // A submodule's entry (a gitlink), as `git submodule add` records it.
  const head = (await repo.run('rev-parse', 'HEAD')).trim();
  await repo.run('update-index', '--add', '--cacheinfo', `160000,${head},sub`);
  await repo.run('commit', '--quiet', '-m', 'two');
  return { repo, commit: (await repo.run('rev-parse', 'HEAD')).trim() };
}

describe('listedAtCommit', () => {
  for (const objectFormat of ['sha1', 'sha256'] as const) {
    it(`lists each path as git ls-tree does, at a commit named in full or in part, through the kept cat-file (${objectFormat})`, async () => {
      const { repo, commit } = await repositoryOfKinds(objectFormat);
      const { git, commands } = await loggingGit(repo.root, { readConfigOnce: true });
      for (const named of [commit, commit.slice(0, 12)]) {
        for (const paths of [PATHS, ['linked/a/b.md'], ['docs/a/b.md', 'docs'], []]) {
          assert.deepEqual(await listedAtCommit(git, named, paths), only(await lsTree(repo, commit, paths.length > 0 ? paths : ['nothing']), paths), `${paths.join(', ')} at ${named}`);
        }
      }
      assert.deepEqual(await commands(), ['cat-file'], 'eight listings, one process');
    });
  }

  it('is undefined where ls-tree must be asked: a path a batch cannot carry, a name that is not a commit id, a commit git does not have', async () => {
    const { repo, commit } = await repositoryOfKinds('sha1');
    const git = isolatedGit(repo.root, { readConfigOnce: true });
    for (const odd of ['./CLAUDE.md', 'docs/../CLAUDE.md', 'a\nb', 'docs//a']) assert.equal(await listedAtCommit(git, commit, [odd]), undefined, odd);
    assert.equal(await listedAtCommit(git, 'HEAD', ['CLAUDE.md']), undefined);
    assert.equal(await listedAtCommit(git, '0'.repeat(40), ['CLAUDE.md']), undefined);
    assert.equal(await listedAtCommit(isolatedGit(await tempDir('no-repo'), { readConfigOnce: true }), commit, ['CLAUDE.md']), undefined);
  });
});

describe('readHeadCommitWithoutGit', () => {
  const packed = async (repo: TempRepo) => {
    await repo.run('repack', '-a', '-d', '-q');
    await repo.run('prune-packed');
  };
  const common = (repo: TempRepo) => path.join(repo.root, '.git');
  const objectFile = (repo: TempRepo, id: string) => path.join(common(repo), 'objects', id.slice(0, 2), id.slice(2));

  for (const objectFormat of ['sha1', 'sha256'] as const) {
    it(`reads what readHeadCommit reads, from loose objects, and from kept trees where the commit left a folder alone in a pack (${objectFormat})`, async () => {
      const { repo, commit } = await repositoryOfKinds(objectFormat);
      const byGit = await readHeadCommit(repo.git, PATHS);
      const loose = readHeadCommitWithoutGit(common(repo), commit, PATHS, new Map());
      assert.equal(loose?.commit, commit);
      for (const paths of [PATHS, ['docs/a/b.md'], ['linked/a/b.md', 'plain/inner'], [], ['nothing/here.md']]) {
        assert.deepEqual(loose.listed(paths), only(await lsTree(repo, commit, paths.length > 0 ? paths : ['nothing']), paths), paths.join(', '));
      }
      assert.deepEqual([...loose.trees].sort(), [...byGit!.trees].sort(), 'the same trees, as git stores them');
      // Packed, as a clone's objects are: nothing is read without git, until a commit made here writes loose objects.
      await packed(repo);
      assert.equal(readHeadCommitWithoutGit(common(repo), commit, PATHS, new Map()), undefined);
      await repo.commit('three', { 'docs/a/b.md': 'changed\n' });
      const next = (await repo.run('rev-parse', 'HEAD')).trim();
      // The root, docs and docs/a are new and loose; .github, dir é and the rest are packed: kept from the read before, or not read.
      assert.equal(readHeadCommitWithoutGit(common(repo), next, PATHS, new Map()), undefined);
      const kept = readHeadCommitWithoutGit(common(repo), next, PATHS, loose.trees);
      assert.deepEqual(kept?.listed(PATHS), only(await lsTree(repo, next, PATHS), PATHS));
      assert.deepEqual([...kept!.trees].sort(), [...(await readHeadCommit(repo.git, PATHS))!.trees].sort());
    });
  }

  it('reads nothing it cannot vouch for: a loose object whose bytes changed, a kept tree of other bytes, a tag, an id git does not have', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'CLAUDE.md': 'a\n', '.github/CODEOWNERS': '* @a\n' } }] });
    const commit = (await repo.run('rev-parse', 'HEAD')).trim();
    const paths = ['CLAUDE.md', '.github/CODEOWNERS'];
    const read = readHeadCommitWithoutGit(common(repo), commit, paths, new Map());
    assert.equal(read?.listed(paths)?.size, 2);
    // The .github tree's loose file holding the root tree's bytes: compressed well, yet not the object its name says.
    const root = (await repo.run('rev-parse', 'HEAD^{tree}')).trim();
    const github = (await repo.run('rev-parse', 'HEAD:.github')).trim();
    await fs.chmod(objectFile(repo, github), 0o644);
    await fs.copyFile(objectFile(repo, root), objectFile(repo, github));
    assert.equal(readHeadCommitWithoutGit(common(repo), commit, paths, new Map()), undefined);
    // Kept under .github's id: the right bytes are taken, another tree's are not.
    assert.equal(readHeadCommitWithoutGit(common(repo), commit, paths, read!.trees)?.listed(paths)?.size, 2);
    assert.equal(readHeadCommitWithoutGit(common(repo), commit, paths, new Map([[github, read!.trees.get(root)!]])), undefined);
    await repo.run('tag', '-a', '-m', 'A tag', 'v1');
    assert.equal(readHeadCommitWithoutGit(common(repo), (await repo.run('rev-parse', 'v1')).trim(), paths, read!.trees), undefined);
    assert.equal(readHeadCommitWithoutGit(common(repo), 'f'.repeat(40), paths, read!.trees), undefined);
    assert.equal(readHeadCommitWithoutGit(common(repo), 'HEAD', paths, read!.trees), undefined);
  });
});

describe('readHeadCommit', () => {
  for (const objectFormat of ['sha1', 'sha256'] as const) {
    it(`lists each path as git ls-tree does (${objectFormat})`, async () => {
      const { repo, commit } = await repositoryOfKinds(objectFormat);
      const read = await readHeadCommit(repo.git, PATHS);
      assert.equal(read?.commit, commit);
      const listed = read.listed(PATHS);
      assert.deepEqual(listed, only(await lsTree(repo, commit, PATHS), PATHS));
      assert.deepEqual([...(listed?.keys() ?? [])].sort(), ['.github/CODEOWNERS', 'CLAUDE.md', 'a b/c:d.md', 'dir é/ü.md', 'docs', 'docs/a', 'docs/a/b.md', 'link.md', 'run.sh', 'sub'].sort());
      assert.match(listed?.get('run.sh') ?? '', /^100755 blob /);
      assert.match(listed?.get('link.md') ?? '', /^120000 blob /);
      assert.match(listed?.get('docs') ?? '', /^040000 tree /);
      assert.match(listed?.get('sub') ?? '', /^160000 commit /);
    });
  }

  it('lists nothing for a path whose folder was not read with HEAD, so that git ls-tree is asked', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'CLAUDE.md': 'a\n', 'deep/er/x.md': 'x\n' } }] });
    const read = await readHeadCommit(repo.git, ['CLAUDE.md']);
    assert.deepEqual(read?.listed(['CLAUDE.md', 'elsewhere.md']), new Map([['CLAUDE.md', (await lsTree(repo, 'HEAD', ['CLAUDE.md'])).get('CLAUDE.md')]]));
    assert.equal(read?.listed(['deep/er/x.md']), undefined);
    assert.equal(read?.listed(['./CLAUDE.md']), undefined);
    assert.equal(read?.listed(['odd\nname.md']), undefined);
  });

  it('asks only which commit HEAD is at when given no path, and then lists nothing', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'CLAUDE.md': 'a\n' } }] });
    const read = await readHeadCommit(repo.git, []);
    assert.equal(read?.commit, (await repo.run('rev-parse', 'HEAD')).trim());
    assert.equal(read?.listed(['CLAUDE.md']), undefined);
  });

  it('reads a hint of the commit HEAD is at from the git folder: a loose branch or a detached HEAD, nothing else', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'CLAUDE.md': 'a\n' } }] });
    const gitDir = path.join(repo.root, '.git');
    const head = (await repo.run('rev-parse', 'HEAD')).trim();
    assert.equal(headCommitHint(gitDir, gitDir), head);
    await repo.run('pack-refs', '--all');
    assert.equal(headCommitHint(gitDir, gitDir), undefined, 'a packed branch is not read');
    await repo.run('checkout', '--quiet', '--detach');
    assert.equal(headCommitHint(gitDir, gitDir), head);
    await fs.writeFile(path.join(gitDir, 'HEAD'), 'ref: refs/heads/../../config\n');
    assert.equal(headCommitHint(gitDir, gitDir), undefined);
  });

  it('costs one git process', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'CLAUDE.md': 'a\n', '.github/CODEOWNERS': '* @a\n' } }] });
    const { git, commands } = await loggingGit(repo.root);
    assert.ok((await readHeadCommit(git, ['CLAUDE.md', '.github/CODEOWNERS']))?.listed(['CLAUDE.md', '.github/CODEOWNERS'])?.size === 2);
    assert.deepEqual(await commands(), ['cat-file']);
  });

  it('is undefined before the first commit and outside a repository', async () => {
    const empty = await tempRepo({ staged: { 'CLAUDE.md': 'a\n' } });
    assert.equal(await readHeadCommit(empty.git, ['CLAUDE.md']), undefined);
    assert.equal(await readHeadCommit(isolatedGit(await tempDir('no-repo')), ['CLAUDE.md']), undefined);
  });

  it("never answers from a tree of another commit: HEAD moved between git's reads", async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'CLAUDE.md': 'old rules\n' } }] });
    const first = (await repo.run('rev-parse', 'HEAD')).trim();
    await repo.commit('two', { 'CLAUDE.md': 'new rules\n' });
    // git read HEAD at the first commit, then the root tree at the second.
    const moved = (await repo.git.exec(['cat-file', '--batch'], { input: `${first}^{commit}\nHEAD:\n` })).stdout;
    const git = { exec: async () => ({ stdout: moved, stderr: '', exitCode: 0 }) } as unknown as Git;
    const read = await readHeadCommit(git, ['CLAUDE.md']);
    assert.equal(read?.commit, first);
    assert.equal(read?.listed(['CLAUDE.md']), undefined);
  });
});

// The commit HEAD is at, read from the git folder without git, must be what
// git reads there (the guard then starts no git process for it), or nothing,
// when git is asked. A ref holding a tag's id is the one case it names
// something else: the tag, which no commit git named can equal.
describe('headCommitAsGitReads', () => {
  /** git's own answer, as the guard asks it. */
  const gitsHead = async (root: string) => (await readHeadCommit(isolatedGit(root), []))?.commit;
  /** Undefined, or what git reads. */
  const named = async (root: string) => {
    const files = headCommitAsGitReads(root);
    if (files !== undefined) assert.equal(files, await gitsHead(root), 'the files name what git reads');
    return files;
  };
  const twoCommits = async (objectFormat: 'sha1' | 'sha256' = 'sha1') => {
    const repo = await tempRepo({ objectFormat, commits: [{ message: 'one', files: { 'CLAUDE.md': 'a\n' } }, { message: 'two', files: { 'CLAUDE.md': 'b\n' } }] });
    return { repo, gitDir: path.join(repo.root, '.git'), head: (await repo.run('rev-parse', 'HEAD')).trim(), first: (await repo.run('rev-parse', 'HEAD~1')).trim() };
  };

  for (const objectFormat of ['sha1', 'sha256'] as const) {
    it(`names HEAD at a loose branch and detached, as git reads them (${objectFormat})`, async () => {
      const { repo, head, first } = await twoCommits(objectFormat);
      assert.equal(await named(repo.root), head);
      await repo.run('checkout', '--quiet', '--detach', 'HEAD~1');
      assert.equal(await named(repo.root), first);
    });
  }

  it("names a linked worktree's HEAD from its own git folder, its branch from the common one", async () => {
    const { repo, head, first } = await twoCommits();
    const other = path.join(await tempDir('worktree'), 'side');
    await repo.run('worktree', 'add', '--quiet', '-b', 'side', other, 'HEAD~1');
    assert.equal(await named(other), first);
    assert.equal(await named(repo.root), head);
    await repo.commit('three', { 'CLAUDE.md': 'c\n' });
    assert.equal(await named(other), first, "the main worktree's commit moves its own branch only");
    await runGitIn(other, 'checkout', '--quiet', '--detach', 'main');
    assert.equal(await named(other), await gitsHead(repo.root));
  });

  it('leaves a packed branch, a branch that is a folder and a symbolic ref in a branch file to git', async () => {
    const { repo, gitDir, head } = await twoCommits();
    await repo.run('pack-refs', '--all');
    assert.equal(await named(repo.root), undefined);
    assert.equal(await gitsHead(repo.root), head);
    await fs.mkdir(path.join(gitDir, 'refs', 'heads', 'main'));
    assert.equal(await named(repo.root), undefined);
    assert.equal(await gitsHead(repo.root), head, 'git reads the packed one');
    await fs.rmdir(path.join(gitDir, 'refs', 'heads', 'main'));
    await repo.run('branch', 'other', 'HEAD~1');
    await fs.writeFile(path.join(gitDir, 'refs', 'heads', 'main'), 'ref: refs/heads/other\n');
    assert.equal(await named(repo.root), undefined);
    assert.equal(await gitsHead(repo.root), (await repo.run('rev-parse', 'other')).trim());
  });

  it('leaves a HEAD or a branch file that is a link to git, which reads a link as a symbolic ref', async () => {
    const { repo, gitDir, first } = await twoCommits();
    await repo.run('branch', 'other', 'HEAD~1');
    await fs.rm(path.join(gitDir, 'HEAD'));
    await fs.symlink('refs/heads/other', path.join(gitDir, 'HEAD'));
    assert.equal(await named(repo.root), undefined);
    assert.equal(await gitsHead(repo.root), first);
    await fs.rm(path.join(gitDir, 'HEAD'));
    await fs.writeFile(path.join(gitDir, 'HEAD'), 'ref: refs/heads/main\n');
    await fs.rm(path.join(gitDir, 'refs', 'heads', 'main'));
    await fs.symlink('refs/heads/other', path.join(gitDir, 'refs', 'heads', 'main'));
    assert.equal(await named(repo.root), undefined);
    assert.equal(await gitsHead(repo.root), first);
  });

  it("names a tag's id where a branch file holds one, which git peels to its commit (no commit git named equals it)", async () => {
    const { repo, gitDir, head } = await twoCommits();
    await repo.run('tag', '-a', '-m', 'a tag', 'v1');
    const tag = (await repo.run('rev-parse', 'v1')).trim();
    await fs.writeFile(path.join(gitDir, 'refs', 'heads', 'main'), `${tag}\n`);
    assert.equal(headCommitAsGitReads(repo.root), tag);
    assert.equal(await gitsHead(repo.root), head);
  });

  it('leaves a repository with replaced objects to git, loose or packed', async () => {
    const { repo, gitDir, head } = await twoCommits();
    assert.equal(await named(repo.root), head);
    await repo.run('replace', head, 'HEAD~1');
    assert.equal(await named(repo.root), undefined);
    await repo.run('pack-refs', '--all');
    // The branch loose again, as a commit writes it: only the packed replace ref is left.
    await fs.writeFile(path.join(gitDir, 'refs', 'heads', 'main'), `${head}\n`);
    assert.ok(!(await fs.readdir(path.join(gitDir, 'refs', 'replace')).catch(() => [])).length, 'packed');
    assert.equal(await named(repo.root), undefined);
    await repo.run('replace', '-d', head);
    assert.equal(await named(repo.root), head);
  });

  it('leaves a reftable repository to git: its HEAD file is a stub git does not read', async () => {
    const { repo, gitDir, first } = await twoCommits();
    await repo.run('config', 'core.repositoryformatversion', '1');
    await repo.run('config', 'extensions.refStorage', 'reftable');
    assert.equal(await named(repo.root), undefined);
    await fs.writeFile(path.join(gitDir, 'HEAD'), 'ref: refs/heads/.invalid\n');
    assert.equal(await named(repo.root), undefined);
    await fs.writeFile(path.join(gitDir, 'HEAD'), `${first}\n`);
    assert.equal(headCommitAsGitReads(repo.root), undefined);
  });

  it('leaves to git a name or a file git may read otherwise', async () => {
    const { repo, gitDir, head } = await twoCommits();
    const headFile = path.join(gitDir, 'HEAD');
    for (const name of ['.invalid', 'a..b', 'x.lock', 'end.', 'ü', 'a b', 'feature/.hidden']) {
      await fs.mkdir(path.dirname(path.join(gitDir, 'refs', 'heads', name)), { recursive: true });
      await fs.writeFile(path.join(gitDir, 'refs', 'heads', name), `${head}\n`);
      await fs.writeFile(headFile, `ref: refs/heads/${name}\n`);
      assert.equal(await named(repo.root), undefined, name);
    }
    for (const text of [` ${head}\n`, `${head.toUpperCase()}\n`, `${head}\r\n`, `${head} \n`, 'ref:refs/heads/main\n', 'ref: refs/heads/main\r\n', 'ref:  refs/heads/main\n', `${head.slice(0, 39)}\n`]) {
      await fs.writeFile(headFile, text);
      assert.equal(await named(repo.root), undefined, JSON.stringify(text));
    }
    await fs.writeFile(headFile, 'ref: refs/heads/main');
    assert.equal(await named(repo.root), head, 'without its line break');
    await fs.writeFile(headFile, 'ref: refs/heads/main\n');
    await fs.writeFile(path.join(gitDir, 'refs', 'heads', 'main'), ` ${head}\n`);
    assert.equal(await named(repo.root), undefined);
  });

  it("leaves to git a git folder that names another common folder, a worktree's .git file it may read otherwise, and a user git may not trust", async () => {
    const { repo, gitDir, head } = await twoCommits();
    await fs.writeFile(path.join(gitDir, 'commondir'), '.\n');
    assert.equal(headCommitAsGitReads(repo.root), undefined);
    await fs.rm(path.join(gitDir, 'commondir'));
    const other = path.join(await tempDir('worktree'), 'side');
    await repo.run('worktree', 'add', '--quiet', '-b', 'side', other);
    const pointer = await fs.readFile(path.join(other, '.git'), 'utf8');
    assert.equal(await named(other), head);
    for (const text of [pointer.replace(/\n$/, '\r\n'), `${pointer}\n`, pointer.replace('gitdir: ', 'gitdir:  '), `${pointer}gitdir: ${gitDir}\n`]) {
      await fs.writeFile(path.join(other, '.git'), text);
      assert.equal(headCommitAsGitReads(other), undefined, JSON.stringify(text));
    }
    const sudo = process.env.SUDO_UID;
    process.env.SUDO_UID = '12345';
    try {
      assert.equal(headCommitAsGitReads(repo.root), process.geteuid?.() === 0 ? undefined : head, 'root under sudo: git checks the owner against SUDO_UID');
    } finally {
      if (sudo === undefined) delete process.env.SUDO_UID;
      else process.env.SUDO_UID = sudo;
    }
  });

  it("reads the folder's own repository whatever GIT_DIR says, as the guard's git does", async () => {
    const { repo, head } = await twoCommits();
    const elsewhere = await twoCommits();
    const set = process.env.GIT_DIR;
    process.env.GIT_DIR = elsewhere.gitDir;
    try {
      assert.equal(headCommitAsGitReads(repo.root), head);
      assert.equal((await readHeadCommit(new Git(repo.root, { env: { GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1' } }), []))?.commit, head);
    } finally {
      if (set === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = set;
    }
  });
});

function runGitIn(cwd: string, ...args: string[]): Promise<string> {
  return runGit(cwd, args);
}
