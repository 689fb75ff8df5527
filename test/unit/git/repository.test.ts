import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readChange } from '../../../src/core/git/change';
import { isGitError } from '../../../src/core/git/gitError';
import {
  baseBranchRef,
  commonDir,
  commonDirAndHooksPath,
  currentBranch,
  defaultBaseBranch,
  headAndBranch,
  noBaseBranchMessage,
  headSha,
  hooksPath,
  listFiles,
  mergeBase,
  workingTreeListing,
  remoteUrl,
  requireCurrentBranch,
  resolveCommit,
  root,
  userEmail,
  userName,
} from '../../../src/core/git/repository';
import { isolatedGit, loggingGit, tempDir, tempRepo } from '../helpers/tempRepo';

describe('repository queries', () => {
  it('root is the top of the working tree, also from a sub-folder', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'src/app/a.ts': 'a\n' } }] });
    assert.equal(await root(repo.git), repo.root);
    assert.equal(await root(isolatedGit(repo.path('src/app'))), repo.root);
  });

  it('currentBranch and headSha on a branch, detached, and before the first commit', async () => {
    const empty = await tempRepo({ initialBranch: 'trunk' });
    assert.equal(await currentBranch(empty.git), 'trunk');
    assert.equal(await headSha(empty.git), null);

    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n' } }, { message: 'two', files: { 'a.txt': 'b\n' } }] });
    const sha = (await repo.run('rev-parse', 'HEAD')).trim();
    assert.equal(await headSha(repo.git), sha);
    assert.equal(await currentBranch(repo.git), 'main');
    assert.equal(await requireCurrentBranch(repo.git), 'main');

    await repo.run('switch', '--quiet', '--detach', 'HEAD~1');
    assert.equal(await currentBranch(repo.git), null);
    assert.notEqual(await headSha(repo.git), sha);
    await assert.rejects(requireCurrentBranch(repo.git), (error) => isGitError(error, 'detached-head'));
  });

  it('currentBranch names a branch that has a tag of the same name by its own name, not git\'s short heads/<name>', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n' } }] });
    await repo.run('switch', '--quiet', '-c', 'pricing-copy');
    await repo.run('tag', 'pricing-copy');
    assert.equal((await repo.run('symbolic-ref', '--short', 'HEAD')).trim(), 'heads/pricing-copy', 'git shortens the name, as the test expects');
    assert.equal(await currentBranch(repo.git), 'pricing-copy');
    assert.equal((await headAndBranch(repo.git)).branch, 'pricing-copy');
    // HEAD may name a ref outside refs/heads: no branch is checked out.
    await repo.run('symbolic-ref', 'HEAD', 'refs/tags/pricing-copy');
    assert.equal(await currentBranch(repo.git), null);
    assert.equal((await headAndBranch(repo.git)).branch, null);
  });

  it('headAndBranch answers as headSha and currentBranch do, in one git process where HEAD names a commit', async () => {
    // The third: how a Git that reads its configuration once asks, where the folders vouch for the top one. HEAD's commit
    // from the process it keeps for reading objects (cat-file), the branch from the HEAD file; a HEAD file naming a ref
    // outside refs/heads, or a name git may read otherwise, is git's (rev-parse).
    const states: [string, (repo: Awaited<ReturnType<typeof tempRepo>>) => Promise<unknown>, string?][] = [
      ['on a branch', async () => undefined],
      ['HEAD naming a tag\'s ref', async (repo) => {
        await repo.run('tag', 'v0');
        await repo.run('symbolic-ref', 'HEAD', 'refs/tags/v0');
      }, 'rev-parse'],
      ['a branch whose name holds a character past the plain ones', (repo) => repo.run('switch', '--quiet', '-c', 'pm/café@copy'), 'rev-parse'],
      ['detached', (repo) => repo.run('switch', '--quiet', '--detach', 'HEAD~1')],
      ['a file named HEAD in the working tree', (repo) => fs.writeFile(repo.path('HEAD'), 'x\n')],
      ['a branch of several parts', (repo) => repo.run('switch', '--quiet', '-c', 'pm/alice/copy')],
      ['HEAD at an annotated tag\'s id', async (repo) => {
        await repo.run('tag', '-a', '-m', 'Release', 'v1');
        await fs.writeFile(path.join(repo.root, '.git', 'HEAD'), `${(await repo.run('rev-parse', 'v1')).trim()}\n`);
      }],
    ];
    for (const [name, arrange, asks = 'cat-file'] of states) {
      const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n' } }, { message: 'two', files: { 'a.txt': 'b\n' } }] });
      await arrange(repo);
      const { git, commands } = await loggingGit(repo.root);
      const expected = { head: await headSha(repo.git), branch: await currentBranch(repo.git) };
      assert.deepEqual(await headAndBranch(git), expected, name);
      assert.deepEqual(await commands(), ['rev-parse'], name);
      // A Git that lives for one command finds the top folder and the git folders without git (topAsGitFinds and the
      // configuration listing it reads for every key), and asks HEAD once, when first asked, of no process of its own.
      const once = await loggingGit(repo.root, { readConfigOnce: true });
      assert.equal(await root(once.git), repo.root, name);
      assert.deepEqual(await once.commands(), [], name);
      assert.deepEqual(await headAndBranch(once.git), expected, name);
      // headSha too (a staged review asks it for the rules of HEAD's commit): not asked again.
      assert.equal(await headSha(once.git), expected.head, name);
      assert.deepEqual(await commonDirAndHooksPath(once.git), { common: path.join(repo.root, '.git'), hooks: path.join(repo.root, '.git', 'hooks') }, name);
      assert.deepEqual(await once.commands(), [asks, 'config'], name);
      // Where the file system cannot vouch for the top folder (a .git file, as a linked worktree has), one process for the three.
      const linked = path.join(await tempDir('linked'), 'worktree');
      await repo.run('worktree', 'add', '--quiet', '--detach', linked, 'HEAD');
      const inLinked = await loggingGit(linked, { readConfigOnce: true });
      assert.equal(await root(inLinked.git), linked, name);
      assert.deepEqual(await headAndBranch(inLinked.git), { head: expected.head, branch: null }, name);
      assert.equal(await headSha(inLinked.git), expected.head, name);
      assert.deepEqual(await commonDirAndHooksPath(inLinked.git), { common: path.join(repo.root, '.git'), hooks: path.join(repo.root, '.git', 'hooks') }, name);
      assert.deepEqual(await inLinked.commands(), ['rev-parse'], name);
    }
    const empty = await tempRepo({ initialBranch: 'trunk' });
    assert.deepEqual(await headAndBranch(empty.git), { head: null, branch: 'trunk' });
    // Before the first commit git fails the question with HEAD: the folders are asked without it, HEAD as before.
    const emptyOnce = isolatedGit(empty.root, { readConfigOnce: true });
    assert.equal(await root(emptyOnce), empty.root);
    assert.deepEqual(await headAndBranch(emptyOnce), { head: null, branch: 'trunk' });
    assert.equal(await headSha(emptyOnce), null);
    assert.deepEqual(await commonDirAndHooksPath(emptyOnce), { common: path.join(empty.root, '.git'), hooks: path.join(empty.root, '.git', 'hooks') });
    // Outside a repository, git's own failure, as a Git that asks each answers it.
    const outside = path.dirname(empty.root);
    const kind = (error: unknown) => (isGitError(error) ? error.kind : String(error));
    assert.equal(await root(isolatedGit(outside, { readConfigOnce: true })).catch(kind), await root(isolatedGit(outside)).catch(kind));
    assert.equal(await root(isolatedGit(outside)).catch(kind), 'not-a-repository');
  });

  it('resolveCommit answers null for unknown names and refuses option-like ones', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one' }] });
    assert.match((await resolveCommit(repo.git, 'main')) ?? '', /^[0-9a-f]{40}$/);
    assert.equal(await resolveCommit(repo.git, 'nope'), null);
    assert.equal(await resolveCommit(repo.git, '--all'), null);
  });

  it('userEmail and userName come from the config, null when unset', async () => {
    const repo = await tempRepo({ config: { 'user.name': 'Zoë Product', 'user.email': 'zoe@example.com' } });
    assert.equal(await userEmail(repo.git), 'zoe@example.com');
    assert.equal(await userName(repo.git), 'Zoë Product');
    await repo.run('config', '--unset', 'user.email');
    assert.equal(await userEmail(repo.git), null);
  });

  it('remoteUrl reads a remote, applies insteadOf, and is null without one', async () => {
    const repo = await tempRepo();
    assert.equal(await remoteUrl(repo.git), null);
    await repo.run('remote', 'add', 'origin', 'git@github.com:acme/shop.git');
    await repo.run('remote', 'add', 'upstream', 'gh:acme/upstream');
    await repo.run('config', 'url.https://github.com/.insteadOf', 'gh:');
    assert.equal(await remoteUrl(repo.git), 'git@github.com:acme/shop.git');
    assert.equal(await remoteUrl(repo.git, 'upstream'), 'https://github.com/acme/upstream');
    assert.equal(await remoteUrl(repo.git, 'missing'), null);
    assert.equal(await remoteUrl(repo.git, '--help'), null);
  });

  describe('defaultBaseBranch', () => {
    it('is null without main, master or origin/HEAD', async () => {
      const repo = await tempRepo({ initialBranch: 'work', commits: [{ message: 'one' }] });
      assert.equal(await defaultBaseBranch(repo.git), null);
    });
    it('takes the only one of main, master, develop and trunk, and guesses between none of them', async () => {
      const repo = await tempRepo({ initialBranch: 'master', commits: [{ message: 'one' }], branch: 'feature' });
      assert.equal(await defaultBaseBranch(repo.git), 'master');
      await repo.run('branch', 'main', 'master');
      assert.equal(await defaultBaseBranch(repo.git), null);
      assert.match(await noBaseBranchMessage(repo.git), /main and master all exist\): name the branch to compare with, --base BRANCH/);
      await repo.run('branch', '-D', 'main', 'master');
      await repo.run('update-ref', 'refs/remotes/origin/develop', 'HEAD');
      assert.equal(await defaultBaseBranch(repo.git), 'develop');
      await repo.run('update-ref', '-d', 'refs/remotes/origin/develop');
      await repo.run('branch', 'trunk');
      assert.equal(await defaultBaseBranch(repo.git), 'trunk');
    });
    /** A develop-default remote with a main branch too, and a repository that fetched its branches and has no origin/HEAD (pushed from git init, a mirror, or `git remote set-head origin -d`). */
    async function withoutOriginHead() {
      const origin = await tempRepo({ initialBranch: 'develop', commits: [{ message: 'one' }] });
      await origin.run('branch', 'main');
      const clone = await tempRepo({ initialBranch: 'scratch' });
      await clone.run('remote', 'add', 'origin', origin.root);
      await clone.run('fetch', '--quiet', 'origin');
      // Git 2.48 and later make origin/HEAD in a fetch: taken away, as a repository pushed from git init has none.
      await clone.run('update-ref', '-d', '--no-deref', 'refs/remotes/origin/HEAD');
      return { origin, clone };
    }
    it("asks the remote which branch is its default when origin/HEAD is gone, and goes on without it offline", async () => {
      const { origin, clone } = await withoutOriginHead();
      await clone.run('switch', '--quiet', '-c', 'feature', 'origin/develop');
      assert.equal(await defaultBaseBranch(clone.git), 'develop');
      assert.deepEqual(await baseBranchRef(clone.git), { branch: 'develop', ref: 'refs/remotes/origin/develop', commit: (await clone.run('rev-parse', 'origin/develop')).trim() });
      // The remote out of reach: main and develop both exist, so nothing is guessed and --base is asked for.
      await clone.run('remote', 'set-head', 'origin', '--delete');
      await clone.run('remote', 'set-url', 'origin', path.join(origin.root, 'gone'));
      assert.equal(await defaultBaseBranch(clone.git), null);
      assert.match(await noBaseBranchMessage(clone.git), /--base BRANCH/);
      await assert.rejects(clone.run('symbolic-ref', 'refs/remotes/origin/HEAD'), Error, 'nothing kept from no answer');
    });
    it("keeps the remote's answer as origin/HEAD, as git clone sets it, and asks the network no more", async () => {
      const { origin, clone } = await withoutOriginHead();
      const originHead = () => clone.run('symbolic-ref', 'refs/remotes/origin/HEAD').then((target) => target.trim(), () => null);

      // Not where the user said never (git fetch's own setting), and not over a symbolic ref that leads nowhere.
      await clone.run('config', 'remote.origin.followRemoteHEAD', 'never');
      assert.equal(await defaultBaseBranch(clone.git), 'develop');
      assert.equal(await originHead(), null);
      await clone.run('config', '--unset', 'remote.origin.followRemoteHEAD');
      await clone.run('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/gone');
      assert.equal(await defaultBaseBranch(clone.git), 'develop');
      assert.equal(await originHead(), 'refs/remotes/origin/gone');
      await clone.run('update-ref', '-d', '--no-deref', 'refs/remotes/origin/HEAD');
      assert.equal(await originHead(), null);

      // A default branch not fetched yet (made on the remote since the fetch) is answered, not kept; once fetched, it is kept,
      // though it is none of main, master, develop and trunk.
      await origin.run('branch', 'release');
      await origin.run('symbolic-ref', 'HEAD', 'refs/heads/release');
      assert.equal(await defaultBaseBranch(clone.git), 'release');
      assert.equal(await originHead(), null);
      await clone.run('fetch', '--quiet', 'origin');
      assert.equal(await defaultBaseBranch(clone.git), 'release');
      assert.equal(await originHead(), 'refs/remotes/origin/release');
      await clone.run('update-ref', '-d', '--no-deref', 'refs/remotes/origin/HEAD');
      await origin.run('symbolic-ref', 'HEAD', 'refs/heads/develop');

      const asked = await loggingGit(clone.root);
      assert.equal(await defaultBaseBranch(asked.git), 'develop');
      assert.ok((await asked.commands()).includes('ls-remote'));
      assert.equal(await originHead(), 'refs/remotes/origin/develop');
      // Read from the ref from now on, even offline.
      await clone.run('remote', 'set-url', 'origin', path.join(origin.root, 'gone'));
      const again = await loggingGit(clone.root);
      assert.equal(await defaultBaseBranch(again.git), 'develop');
      assert.deepEqual(await again.commands(), ['for-each-ref']);
    });
    it('follows origin/HEAD first, and knows remote-only branches', async () => {
      const repo = await tempRepo({ initialBranch: 'feature', commits: [{ message: 'one' }] });
      await repo.run('update-ref', 'refs/remotes/origin/master', 'HEAD');
      assert.equal(await defaultBaseBranch(repo.git), 'master');
      await repo.run('update-ref', 'refs/remotes/origin/develop', 'HEAD');
      await repo.run('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/develop');
      assert.equal(await defaultBaseBranch(repo.git), 'develop');
    });
    it('does not take a branch below main (main/x) for main', async () => {
      const repo = await tempRepo({ initialBranch: 'main/x', commits: [{ message: 'one' }] });
      assert.equal(await defaultBaseBranch(repo.git), null);
    });
  });

  describe('baseBranchRef', () => {
    it("compares with origin's copy of the base when there is one, else the local branch, in one git process", async () => {
      const repo = await tempRepo({ commits: [{ message: 'one' }], branch: 'feature' });
      const { git, commands } = await loggingGit(repo.root);
      const tip = (await repo.run('rev-parse', 'main')).trim();
      assert.deepEqual(await baseBranchRef(git), { branch: 'main', ref: 'refs/heads/main', commit: tip });
      await repo.run('update-ref', 'refs/remotes/origin/main', 'HEAD');
      assert.deepEqual(await baseBranchRef(git), { branch: 'main', ref: 'refs/remotes/origin/main', commit: tip });
      assert.deepEqual(await baseBranchRef(git, 'main'), { branch: 'main', ref: 'refs/remotes/origin/main', commit: tip });
      // Without origin/HEAD, whether there is a remote to ask is one more look (there is none here).
      assert.deepEqual(await commands(), ['for-each-ref', 'config', 'for-each-ref', 'config', 'for-each-ref']);
      // A ref at an annotated tag: the commit it peels to.
      await repo.run('tag', '-a', '-m', 'Release', 'v1', 'main');
      await repo.run('update-ref', 'refs/remotes/origin/main', (await repo.run('rev-parse', 'v1')).trim());
      assert.deepEqual(await baseBranchRef(git, 'main'), { branch: 'main', ref: 'refs/remotes/origin/main', commit: tip });
    });

    it('reads a base that is no branch of the listing as git does: a tag, a commit id, the branch origin/HEAD names', async () => {
      const repo = await tempRepo({ initialBranch: 'trunk', commits: [{ message: 'one' }, { message: 'two' }], branch: 'feature' });
      await repo.run('tag', 'v1', 'trunk~1');
      assert.deepEqual(await baseBranchRef(repo.git, 'v1'), { branch: 'v1', ref: 'v1' });
      const first = (await repo.run('rev-parse', 'trunk~1')).trim();
      assert.deepEqual(await baseBranchRef(repo.git, first), { branch: first, ref: first });
      assert.deepEqual(await baseBranchRef(repo.git, 'trunk'), { branch: 'trunk', ref: 'refs/heads/trunk', commit: (await repo.run('rev-parse', 'trunk')).trim() });
      await repo.run('update-ref', 'refs/remotes/origin/develop', 'HEAD');
      await repo.run('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/develop');
      assert.deepEqual(await baseBranchRef(repo.git), { branch: 'develop', ref: 'refs/remotes/origin/develop', commit: (await repo.run('rev-parse', 'HEAD')).trim() });
    });

    it('compares with the base branch, not with a tag of the same name, which git reads first for a bare name', async () => {
      const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n' } }, { message: 'two', files: { 'a.txt': 'b\n' } }] });
      await repo.run('tag', 'main', 'main~1');
      await repo.run('switch', '--quiet', '-c', 'feature');
      await repo.commit('three', { 'c.txt': 'c\n' });
      const { ref } = await baseBranchRef(repo.git);
      assert.equal(ref, 'refs/heads/main');
      assert.equal(await mergeBase(repo.git, 'HEAD', ref!), (await repo.run('rev-parse', 'refs/heads/main')).trim());
      const change = await readChange(repo.git, { mode: 'branch' });
      assert.deepEqual(change.files.map((file) => file.path), ['c.txt'], 'the change is the branch\'s commit, not the tag\'s distance too');
    });

    it('knows no base it cannot find, and takes no option for a name', async () => {
      const repo = await tempRepo({ initialBranch: 'work', commits: [{ message: 'one' }] });
      assert.deepEqual(await baseBranchRef(repo.git), { branch: null, ref: null });
      assert.deepEqual(await baseBranchRef(repo.git, 'gone'), { branch: 'gone', ref: null });
      assert.deepEqual(await baseBranchRef(repo.git, '--all'), { branch: '--all', ref: null });
      assert.deepEqual(await baseBranchRef(repo.git, 'refs/heads/*'), { branch: 'refs/heads/*', ref: null });
    });
  });

  it('mergeBase finds the fork point, null for unrelated histories, throws for unknown names', async () => {
    const repo = await tempRepo({
      commits: [
        { message: 'base', files: { 'a.txt': 'a\n' } },
        { branch: 'feature', message: 'f', files: { 'b.txt': 'b\n' } },
      ],
    });
    const fork = (await repo.run('rev-parse', 'main')).trim();
    await repo.switchTo('main');
    await repo.commit('main moves on', { 'c.txt': 'c\n' });
    assert.equal(await mergeBase(repo.git, 'main', 'feature'), fork);
    await repo.run('switch', '--quiet', '--orphan', 'island');
    await repo.commit('unrelated', { 'z.txt': 'z\n' });
    assert.equal(await mergeBase(repo.git, 'island', 'main'), null);
    await assert.rejects(mergeBase(repo.git, 'main', 'nope'), (error) => isGitError(error, 'unknown-revision'));
  });

  describe('hooksPath', () => {
    it('is the hooks folder of the git folder by default', async () => {
      const repo = await tempRepo();
      assert.equal(await hooksPath(repo.git), path.join(repo.root, '.git', 'hooks'));
    });
    it('honours a relative core.hooksPath from the top of the working tree, even from a sub-folder', async () => {
      const repo = await tempRepo({ config: { 'core.hooksPath': '.githooks' }, files: { 'src/x.txt': 'x' } });
      assert.equal(await hooksPath(repo.git), path.join(repo.root, '.githooks'));
      assert.equal(await hooksPath(isolatedGit(repo.path('src'))), path.join(repo.root, '.githooks'));
    });
    it('honours an absolute core.hooksPath', async () => {
      const elsewhere = path.join(path.dirname((await tempRepo()).root), 'shared-hooks');
      const repo = await tempRepo({ config: { 'core.hooksPath': elsewhere } });
      assert.equal(await hooksPath(repo.git), elsewhere);
    });
    it('uses the common folder from a linked worktree', async () => {
      const repo = await tempRepo({ commits: [{ message: 'one' }] });
      const linked = `${repo.root}-linked`;
      await repo.run('worktree', 'add', '--quiet', '-b', 'side', linked);
      const git = isolatedGit(linked);
      assert.equal(await root(git), linked);
      assert.equal(await commonDir(git), path.join(repo.root, '.git'));
      assert.equal(await hooksPath(git), path.join(repo.root, '.git', 'hooks'));
    });
  });

  describe('listFiles', () => {
    const awkward = ['with space.md', 'unicodé/ünï.json', '-leading-dash.txt', 'line\nbreak.txt', 'tab\there.txt', 'quote"d.txt'];

    it('lists tracked and untracked files, not ignored ones, with any name', async () => {
      const repo = await tempRepo({
        commits: [{ message: 'one', files: { '.gitignore': 'dist/\n*.log\n', 'tracked.txt': 't', [awkward[0] as string]: 'x' } }],
        files: Object.fromEntries([...awkward.slice(1), 'dist/out.js', 'debug.log', 'new/untracked.ts'].map((name) => [name, 'x'])),
      });
      const files = await listFiles(repo.git);
      assert.deepEqual(
        [...files].sort(),
        ['.gitignore', 'tracked.txt', ...awkward, 'new/untracked.ts'].sort(),
      );
    });

    it('lists the whole repository with root-relative paths from a sub-folder', async () => {
      const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a/b/c.txt': 'c', 'top.txt': 't' } }] });
      assert.deepEqual((await listFiles(isolatedGit(repo.path('a/b')))).sort(), ['a/b/c.txt', 'top.txt']);
    });

    it('answers a Git that lives for one command, and its untracked files and index entries, from one ls-files -t: as each own listing does', async () => {
      const repo = await tempRepo({
        commits: [{ message: 'one', files: { '.gitignore': 'dist/\n*.log\n', 'f.txt': 'a\n', 's.txt': 's\n', [awkward[0] as string]: 'x' } }],
      });
      // An unmerged file (three index entries), a skip-worktree one, an intent-to-add one, untracked files with any name, ignored ones, a deleted one.
      await repo.run('checkout', '--quiet', '-b', 'other');
      await repo.commit('other', { 'f.txt': 'other\n' });
      await repo.run('checkout', '--quiet', 'main');
      await repo.commit('main', { 'f.txt': 'main\n' });
      await repo.run('merge', '--quiet', 'other').catch(() => undefined);
      await repo.run('update-index', '--skip-worktree', 's.txt');
      await repo.write(Object.fromEntries([...awkward.slice(1), 'dist/out.js', 'debug.log', 'new/untracked.ts', 'added.md'].map((name) => [name, 'x'])));
      await repo.run('add', '-N', 'added.md');
      await fs.rm(repo.path(awkward[0] as string));
      const separate = {
        files: await listFiles(repo.git),
        untracked: (await repo.run('ls-files', '-z', '--others', '--exclude-standard', '--full-name', '--', ':(top)')).split('\0').filter(Boolean),
        tracked: (await repo.run('ls-files', '-z', '--cached', '--full-name', '--', ':(top)')).split('\0').filter(Boolean),
      };
      const { git, commands } = await loggingGit(repo.root, { readConfigOnce: true });
      const listing = await workingTreeListing(git);
      assert.deepEqual(await listFiles(git), separate.files);
      // The untracked files are the listed ones that are no index entry: the `?` tag read as git meant it.
      assert.deepEqual(listing?.files.filter((file) => !listing.tracked.has(file)), separate.untracked);
      assert.deepEqual([...(listing?.tracked ?? [])].sort(), [...new Set(separate.tracked)].sort());
      assert.ok(listing?.files.includes('line\nbreak.txt') && !listing.tracked.has('line\nbreak.txt') && listing.tracked.has('f.txt') && listing.tracked.has('added.md') && listing.tracked.has(awkward[0] as string));
      assert.deepEqual((await commands()).filter((command) => command === 'ls-files'), ['ls-files'], 'one listing for all three');
      // A Git that may outlive a change of the files asks each time.
      assert.equal(workingTreeListing(repo.git), undefined);
    });

    it('is empty for an empty repository, and lists a file deleted from disk but still tracked', async () => {
      assert.deepEqual(await listFiles((await tempRepo()).git), []);
      const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a' } }] });
      await fs.rm(repo.path('a.txt'));
      assert.deepEqual(await listFiles(repo.git), ['a.txt']);
    });
  });
});
