import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ChangedFile } from '../../../src/core/review/model';
import { readChange } from '../../../src/core/git/change';
import { listFiles } from '../../../src/core/git/repository';
import { isGitError } from '../../../src/core/git/gitError';
import { Git, type RunOptions } from '../../../src/core/git/runGit';
import { isolatedGit, loggingGit, tempDir, tempRepo } from '../helpers/tempRepo';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

function byPath(files: ChangedFile[]): Record<string, ChangedFile> {
  return Object.fromEntries(files.map((file) => [file.path, file]));
}

/** A repository with a feature branch, commits on it, and every kind of uncommitted edit. */
async function featureRepo() {
  const repo = await tempRepo({
    commits: [
      {
        message: 'base',
        files: {
          'copy/en.json': '{"hello": "Hello"}\n',
          'old name.md': 'moved\ncontent\nthat\nstays\n',
          'gone.txt': 'to delete\n',
          'logo.png': PNG,
          'crlf.txt': 'one\r\ntwo\r\n',
        },
      },
      { branch: 'feature', message: 'Plan the change', files: { 'docs/PLANNING.md': '# Plan\n' } },
      { message: 'Edit copy', files: { 'copy/en.json': '{"hello": "Hi"}\n' } },
    ],
  });
  await repo.move('old name.md', 'ünïcode dir/new name.md');
  await repo.run('rm', '--quiet', 'gone.txt');
  await repo.stage({ 'staged-new.ts': 'export const a = 1;\n', 'logo.png': Buffer.concat([PNG, Buffer.from([1, 2, 3])]) });
  await repo.write({
    'crlf.txt': '\ufeffone\r\nTWO\r\n',
    '-leading.txt': 'dash\n',
    'untracked dir/ü file.md': 'untracked\n',
    'copy/en.json': '{"hello": "Hey"}\n',
    '.gitignore': 'ignored.log\n',
    'ignored.log': 'never listed\n',
  });
  return repo;
}

describe('readChange', () => {
  describe('branch mode (the default): what the pull request would contain', () => {
    it('covers commits since the merge base, staged, unstaged and untracked edits', async () => {
      const repo = await featureRepo();
      const listed: number[] = [];
      const change = await readChange(repo.git, { onListed: (files) => listed.push(files) });
      // Told once, before the files were read, of each file the change holds.
      assert.deepEqual(listed, [10]);
      assert.equal(change.mode, 'branch');
      assert.equal(change.base, 'main');
      assert.equal(change.head, 'feature');
      assert.deepEqual(change.commits.map((commit) => commit.subject), ['Plan the change', 'Edit copy']);
      assert.equal(change.branchHasPlanning, true);

      const files = byPath(change.files);
      assert.deepEqual(Object.keys(files), [
        '-leading.txt', '.gitignore', 'copy/en.json', 'crlf.txt', 'docs/PLANNING.md', 'gone.txt', 'logo.png',
        'staged-new.ts', 'untracked dir/ü file.md', 'ünïcode dir/new name.md',
      ]);
      assert.deepEqual(files['copy/en.json'], {
        path: 'copy/en.json', status: 'modified', oldText: '{"hello": "Hello"}\n', newText: '{"hello": "Hey"}\n',
      });
      assert.deepEqual(files['ünïcode dir/new name.md'], {
        path: 'ünïcode dir/new name.md', oldPath: 'old name.md', status: 'renamed',
        oldText: 'moved\ncontent\nthat\nstays\n', newText: 'moved\ncontent\nthat\nstays\n',
      });
      assert.deepEqual(files['gone.txt'], { path: 'gone.txt', status: 'deleted', oldText: 'to delete\n', newText: undefined });
      assert.deepEqual(files['logo.png'], {
        path: 'logo.png', status: 'modified', oldText: undefined, newText: undefined, binary: true, binaryText: { before: '\n\n', after: '\n\n' },
      });
      assert.equal(files['docs/PLANNING.md']?.status, 'added');
      assert.equal(files['untracked dir/ü file.md']?.newText, 'untracked\n');
      assert.equal(files['-leading.txt']?.status, 'added');
      assert.deepEqual(
        [files['crlf.txt']?.oldText, files['crlf.txt']?.newText],
        ['one\r\ntwo\r\n', 'one\r\nTWO\r\n'],
        'line endings kept, byte order mark dropped',
      );
      assert.equal(files['ignored.log'], undefined);
    });

    it('prefers origin/<base> over a stale local base branch', async () => {
      const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }] });
      await repo.commit('merged upstream', { 'b.txt': 'b\n' });
      await repo.run('update-ref', 'refs/remotes/origin/main', 'HEAD');
      await repo.switchTo('feature');
      await repo.run('branch', '--quiet', '--force', 'main', 'HEAD~1');
      await repo.commit('mine', { 'c.txt': 'c\n' });
      const change = await readChange(repo.git);
      assert.deepEqual(change.files.map((file) => file.path), ['c.txt']);
      assert.deepEqual(change.commits.map((commit) => commit.subject), ['mine']);
      assert.equal(change.base, 'main');
    });

    it('a file put back as the base branch has it is no change, whether the undo is committed, staged or only on disk', async () => {
      const repo = await tempRepo({ commits: [{ message: 'base', files: { 'src/auth/session.ts': 'export const ttl = 30;\n', 'copy.json': '{}\n' } }] });
      await repo.switchTo('alice/copy');
      await repo.commit('an edit the review blocks', { 'src/auth/session.ts': 'export const ttl = 60;\n', 'copy.json': '{"a": 1}\n' });
      assert.deepEqual((await readChange(repo.git)).files.map((file) => file.path), ['copy.json', 'src/auth/session.ts']);
      // Only on disk: the PM undid the edit in the editor and saved.
      await repo.write({ 'src/auth/session.ts': 'export const ttl = 30;\n' });
      assert.deepEqual((await readChange(repo.git)).files.map((file) => file.path), ['copy.json']);
      // Staged: the commit of the undo is not blocked for a change it takes away.
      await repo.run('add', 'src/auth/session.ts');
      assert.deepEqual((await readChange(repo.git)).files.map((file) => file.path), ['copy.json']);
      assert.deepEqual((await readChange(repo.git, { mode: 'staged' })).files.map((file) => file.path), []);
      await repo.run('commit', '--quiet', '-m', 'undo');
      assert.deepEqual((await readChange(repo.git)).files.map((file) => file.path), ['copy.json']);
      // A file the branch added and the PM deletes again is put back too, when the deletion is staged.
      await repo.commit('a new file', { 'src/auth/extra.ts': 'x\n' });
      await repo.run('rm', '--quiet', 'src/auth/extra.ts');
      assert.deepEqual((await readChange(repo.git, { mode: 'staged' })).files.map((file) => file.path), []);
      // An edit of a file the base has, staged, stays a change.
      await repo.stage({ 'src/auth/session.ts': 'export const ttl = 90;\n' });
      assert.deepEqual((await readChange(repo.git, { mode: 'staged' })).files.map((file) => file.path), ['src/auth/session.ts']);
    });

    it('a staged edit the PM put back on disk only is still a change: the next commit would take the staged one', async () => {
      const repo = await tempRepo({ commits: [{ message: 'base', files: { 'src/auth/session.ts': 'export const ttl = 30;\n' } }] });
      await repo.switchTo('alice/copy');
      await repo.stage({ 'src/auth/session.ts': 'export const ttl = 60;\n' });
      await repo.write({ 'src/auth/session.ts': 'export const ttl = 30;\n' });
      assert.deepEqual((await readChange(repo.git)).files.map((file) => file.path), ['src/auth/session.ts']);
    });

    it('a committed edit put back on disk only is still in what a push carries (asPushed, the pull request)', async () => {
      const repo = await tempRepo({ commits: [{ message: 'base', files: { 'src/auth/session.ts': 'export const ttl = 30;\n', 'copy.json': '{}\n' } }] });
      await repo.switchTo('alice/copy');
      await repo.commit('an edit the review blocks', { 'src/auth/session.ts': 'export const ttl = 60;\n', 'copy.json': '{"a": 1}\n' });
      await repo.write({ 'src/auth/session.ts': 'export const ttl = 30;\n' });
      assert.deepEqual((await readChange(repo.git)).files.map((file) => file.path), ['copy.json']);
      const pushed = await readChange(repo.git, { asPushed: true });
      assert.deepEqual(pushed.files.map((file) => file.path), ['copy.json', 'src/auth/session.ts']);
      assert.equal(pushed.files.find((file) => file.path === 'src/auth/session.ts')?.newText, 'export const ttl = 60;\n');
    });

    it('takes an explicit base, and rejects an unknown one', async () => {
      const repo = await tempRepo({
        commits: [{ message: 'one', files: { 'a.txt': '1\n' } }, { message: 'two', files: { 'a.txt': '2\n' } }, { message: 'three', files: { 'b.txt': 'b\n' } }],
      });
      await repo.run('tag', 'v1', 'HEAD~2');
      const change = await readChange(repo.git, { base: 'v1' });
      assert.deepEqual(change.commits.map((commit) => commit.subject), ['two', 'three']);
      assert.deepEqual(change.files.map((file) => [file.path, file.status]), [['a.txt', 'modified'], ['b.txt', 'added']]);
      assert.equal(change.branchHasPlanning, false);
      await assert.rejects(readChange(repo.git, { base: 'nope' }), (error) => isGitError(error, 'unknown-revision'));
      await assert.rejects(readChange(repo.git, { base: '--output=x' }), (error) => isGitError(error, 'unknown-revision'));
    });

    it('needs a base branch to compare with', async () => {
      const repo = await tempRepo({ initialBranch: 'work', commits: [{ message: 'one' }] });
      await assert.rejects(readChange(repo.git), (error) => isGitError(error, 'unknown-revision') && /base branch/.test(error.message));
    });

    it('works with HEAD detached, naming the commit as head', async () => {
      const repo = await tempRepo({ commits: [{ message: 'base' }, { branch: 'feature', message: 'f', files: { 'f.txt': 'f\n' } }] });
      await repo.run('switch', '--quiet', '--detach');
      const change = await readChange(repo.git);
      assert.equal(change.head, (await repo.run('rev-parse', 'HEAD')).trim());
      assert.deepEqual(change.files.map((file) => file.path), ['f.txt']);
    });

    it('before the first commit, everything in the working tree is added', async () => {
      const repo = await tempRepo({ staged: { 'a.txt': 'a\n' }, files: { 'b.txt': 'b\n' } });
      const change = await readChange(repo.git);
      assert.deepEqual(change.files.map((file) => [file.path, file.status, file.newText]), [['a.txt', 'added', 'a\n'], ['b.txt', 'added', 'b\n']]);
      assert.deepEqual(change.commits, []);
      assert.equal(change.branchHasPlanning, undefined);
      assert.equal(change.head, 'main');
    });

    it('before the first commit of a SHA-256 repository too', async () => {
      const repo = await tempRepo({ objectFormat: 'sha256', staged: { 'a.txt': 'a\n' } });
      for (const mode of ['branch', 'worktree', 'staged'] as const) {
        assert.deepEqual((await readChange(repo.git, { mode })).files.map((file) => file.path), ['a.txt'], mode);
      }
    });

    it('sees the whole repository when run from a sub-folder', async () => {
      const repo = await tempRepo({ commits: [{ message: 'base', files: { 'sub/a.txt': 'a\n' } }, { branch: 'f', message: 'x', files: { 'top.txt': 't\n' } }] });
      await repo.write({ 'other/new.txt': 'n\n' });
      const change = await readChange(isolatedGit(repo.path('sub')));
      assert.deepEqual(change.files.map((file) => file.path), ['other/new.txt', 'top.txt']);
    });

    it('asks git no merge base for a branch that has not left its base, and the merge base once it has', async () => {
      const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }], branch: 'feature' });
      await repo.write({ 'a.txt': 'b\n' });
      const tip = (await repo.run('rev-parse', 'main')).trim();
      const first = await loggingGit(repo.root);
      const unmoved = await readChange(first.git);
      assert.equal(unmoved.mergeBase, tip);
      assert.deepEqual(unmoved.files.map((file) => [file.path, file.oldText, file.newText]), [['a.txt', 'a\n', 'b\n']]);
      assert.equal((await first.commands()).includes('merge-base'), false);
      await repo.commit('feature', { 'b.txt': 'b\n' });
      const second = await loggingGit(repo.root);
      const moved = await readChange(second.git);
      assert.equal(moved.mergeBase, tip);
      assert.deepEqual(moved.files.map((file) => file.path), ['a.txt', 'b.txt']);
      assert.equal((await second.commands()).includes('merge-base'), true);
    });

    it('takes a small repository\'s untracked files from the listing of every file, which later questions share; a large one walks them alone', async function () {
      this.timeout(60_000);
      const repo = await featureRepo();
      await repo.write({ 'untracked dir/a.md': 'a\n', 'z/new.txt': 'z\n', 'B.txt': 'b\n' });
      const expected = await readChange(repo.git);
      const once = await loggingGit(repo.root, { readConfigOnce: true });
      assert.deepEqual(await readChange(once.git), expected);
      assert.deepEqual((await once.commands()).filter((command) => command === 'ls-files'), ['ls-files']);
      assert.deepEqual(await listFiles(once.git), await listFiles(repo.git));
      assert.deepEqual((await once.commands()).filter((command) => command === 'ls-files'), ['ls-files'], 'every file, from the same listing');

      // An index past 512 KiB (3,000 files of long names): the untracked walk alone, and the same change.
      const many = Object.fromEntries(Array.from({ length: 3_000 }, (_, index) => [`many/folder-${index % 30}/${'a-long-name-'.repeat(12)}${index}.txt`, '']));
      await repo.write(many);
      await repo.run('add', 'many');
      await repo.run('commit', '--quiet', '--no-verify', '-m', 'many');
      assert.ok((await fs.stat(repo.path('.git/index'))).size > 512 * 1024);
      const large = await loggingGit(repo.root, { readConfigOnce: true });
      assert.deepEqual(await readChange(large.git), await readChange(repo.git));
      const walked = (await large.commands()).filter((command) => command === 'ls-files');
      assert.deepEqual(walked, ['ls-files']);
      assert.deepEqual((await listFiles(large.git)).length, (await listFiles(repo.git)).length);
      assert.deepEqual((await large.commands()).filter((command) => command === 'ls-files'), ['ls-files', 'ls-files'], 'every file, asked apart');
    });
  });

  describe('staged mode: the index against HEAD', () => {
    it('sees only what is staged, with the staged text', async () => {
      const repo = await featureRepo();
      const change = await readChange(repo.git, { mode: 'staged' });
      assert.deepEqual(change.commits, [], 'commits are not part of a staged review');
      assert.equal(change.branchHasPlanning, true, 'the planning doc was committed earlier on the branch');
      const files = byPath(change.files);
      assert.deepEqual(Object.keys(files), ['gone.txt', 'logo.png', 'staged-new.ts', 'ünïcode dir/new name.md']);
      assert.equal(files['staged-new.ts']?.newText, 'export const a = 1;\n');
      assert.equal(files['logo.png']?.binary, true);
      assert.equal(files['ünïcode dir/new name.md']?.status, 'renamed');
    });

    it('tells binary files from text ones whatever their names spell, a binary renamed too', async () => {
      const lookalike = '-\t-\tnot-binary.txt';
      const repo = await tempRepo({ commits: [{ message: 'one', files: { 'logo.png': PNG } }] });
      await repo.move('logo.png', 'media/logo.png');
      await repo.stage({ [lookalike]: 'plain text\n' });
      const files = byPath((await readChange(repo.git, { mode: 'staged' })).files);
      assert.equal(files['media/logo.png']?.status, 'renamed');
      assert.equal(files['media/logo.png']?.binary, true);
      assert.equal(files[lookalike]?.binary, undefined);
      assert.equal(files[lookalike]?.newText, 'plain text\n');
    });

    it('reads the index, not the working tree', async () => {
      const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'one\n' } }] });
      await repo.stage({ 'a.txt': 'staged\n' });
      await repo.write({ 'a.txt': 'unstaged\n' });
      const [file] = (await readChange(repo.git, { mode: 'staged' })).files;
      assert.deepEqual(file, { path: 'a.txt', status: 'modified', oldText: 'one\n', newText: 'staged\n' });
    });

    it('reads the index git names in GIT_INDEX_FILE, as during git commit -a', async () => {
      const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'one\n' } }] });
      await repo.write({ 'a.txt': 'two\n' });
      const otherIndex = repo.path('.git/other-index');
      await repo.run('read-tree', `--index-output=${otherIndex}`, 'HEAD');
      await isolatedGit(repo.root, { env: { GIT_INDEX_FILE: otherIndex } }).run(['add', 'a.txt']);
      assert.deepEqual((await readChange(repo.git, { mode: 'staged' })).files, [], 'the real index is untouched');
      const hookView = await readChange(isolatedGit(repo.root, { env: { GIT_INDEX_FILE: otherIndex } }), { mode: 'staged' });
      assert.equal(hookView.files[0]?.newText, 'two\n');
    });

    it('before the first commit, compares with the empty tree', async () => {
      const repo = await tempRepo({ staged: { 'a.txt': 'a\n', 'PLANNING.md': '# p\n' }, files: { 'untracked.txt': 'u' } });
      const change = await readChange(repo.git, { mode: 'staged' });
      assert.deepEqual(change.files.map((file) => [file.path, file.status]), [['PLANNING.md', 'added'], ['a.txt', 'added']]);
      assert.equal(change.branchHasPlanning, undefined);
    });

    it('is empty with nothing staged; no base branch leaves branchHasPlanning unknown', async () => {
      const repo = await tempRepo({ initialBranch: 'work', commits: [{ message: 'one', files: { 'a.txt': 'a' } }], files: { 'a.txt': 'b' } });
      const change = await readChange(repo.git, { mode: 'staged' });
      assert.deepEqual(change.files, []);
      assert.equal(change.branchHasPlanning, undefined);
    });

    it('does not count a planning doc deleted later on the branch', async () => {
      const repo = await tempRepo({
        commits: [{ message: 'base' }, { branch: 'f', message: 'plan', files: { 'PLANNING.md': '# p\n' } }, { message: 'unplan', files: { 'PLANNING.md': null } }],
      });
      assert.equal((await readChange(repo.git, { mode: 'staged' })).branchHasPlanning, false);
    });
  });

  describe('a file rewritten while the change is read', () => {
    const COPY = 'src/copy.ts';
    const rewritten = () => tempRepo({ commits: [{ message: 'one', files: { [COPY]: 'export const a = "Hi";\n', 'b.txt': 'b\n' } }], files: { [COPY]: 'export const a = "Hey";\n', 'c.txt': 'new\n' } });

    /** Real git, except that the first diff of the working tree finds `file` gone halfway, as when an editor saves by replacing it. */
    async function gitLosing(root: string, file: string): Promise<Git> {
      const folder = await tempDir('git-race');
      const wrapper = path.join(folder, 'git');
      const once = path.join(folder, 'raced');
      await fs.writeFile(
        wrapper,
        [
          '#!/bin/sh',
          `case " $* " in *" diff "*) case " $* " in *" --cached "*) ;; *) if [ ! -e '${once}' ]; then : > '${once}'; rm -f '${path.join(root, file)}'; echo "fatal: stat '${file}': No such file or directory" >&2; exit 128; fi;; esac;; esac`,
          'exec git "$@"',
          '',
        ].join('\n'),
        { mode: 0o755 },
      );
      return isolatedGit(root, { gitPath: wrapper });
    }

    it('reads the working tree again when git finds a file gone halfway through its diff, and says so', async () => {
      const repo = await rewritten();
      const change = await readChange(await gitLosing(repo.root, COPY), { mode: 'worktree' });
      assert.deepEqual(change.files.map((file) => [file.path, file.status, file.oldText, file.newText]), [
        ['c.txt', 'added', undefined, 'new\n'],
        [COPY, 'deleted', 'export const a = "Hi";\n', undefined],
      ]);
      assert.equal(change.notes?.length, 1);
      assert.match(change.notes![0], /^src\/copy\.ts went away while PM Zone read the change .*Review again once it is saved\.$/);
    });

    it('reviews a file git listed and that is gone when it is read as deleted, and an untracked one as not there, each with a note', async () => {
      const repo = await rewritten();
      /** Real git; each file goes away right after git listed it (the tracked one by diff, the untracked one by ls-files), before PM Zone reads it. */
      class Racing extends Git {
        override async run(args: readonly string[], options?: RunOptions): Promise<string> {
          const output = await super.run(args, options);
          if (args[0] === 'diff' && !args.includes('--cached')) await fs.rm(repo.path(COPY));
          if (args[0] === 'ls-files' && args.includes('--others')) await fs.rm(repo.path('c.txt'));
          return output;
        }
      }
      const change = await readChange(new Racing(repo.root, { env: { GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1', GIT_INDEX_FILE: undefined } }), { mode: 'worktree' });
      assert.deepEqual(change.files, [{ path: COPY, status: 'deleted', oldText: 'export const a = "Hi";\n', newText: undefined, vanished: true }]);
      assert.deepEqual(change.notes?.map((note) => note.slice(0, note.indexOf(' '))).sort(), ['c.txt', COPY]);
    });

    it('still fails, saying why, when the file goes away on the second read too', async () => {
      const repo = await rewritten();
      const folder = await tempDir('git-race');
      const wrapper = path.join(folder, 'git');
      await fs.writeFile(wrapper, `#!/bin/sh\ncase " $* " in *" diff "*) echo "fatal: stat '${COPY}': No such file or directory" >&2; exit 128;; esac\nexec git "$@"\n`, { mode: 0o755 });
      await assert.rejects(readChange(isolatedGit(repo.root, { gitPath: wrapper }), { mode: 'worktree' }), /src\/copy\.ts went away twice while PM Zone read the change/);
    });
  });

  describe('worktree mode: the working tree against HEAD', () => {
    it('includes staged, unstaged and untracked edits but not the branch commits', async () => {
      const repo = await featureRepo();
      const change = await readChange(repo.git, { mode: 'worktree' });
      assert.deepEqual(change.commits, []);
      const files = byPath(change.files);
      assert.deepEqual(Object.keys(files), [
        '-leading.txt', '.gitignore', 'copy/en.json', 'crlf.txt', 'gone.txt', 'logo.png', 'staged-new.ts',
        'untracked dir/ü file.md', 'ünïcode dir/new name.md',
      ]);
      assert.deepEqual([files['copy/en.json']?.oldText, files['copy/en.json']?.newText], ['{"hello": "Hi"}\n', '{"hello": "Hey"}\n']);
    });

    it('sees a file deleted from disk without git rm', async () => {
      const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n', 'b.txt': 'b\n' } }] });
      await repo.write({ 'a.txt': null });
      assert.deepEqual((await readChange(repo.git, { mode: 'worktree' })).files, [{ path: 'a.txt', status: 'deleted', oldText: 'a\n', newText: undefined }]);
    });

    it('flags binary files by content and by .gitattributes, for untracked files too', async () => {
      const repo = await tempRepo({
        commits: [{ message: 'one', files: { '.gitattributes': '*.dat binary\n', 'data.dat': 'text-looking\n' } }],
        files: { 'data.dat': 'still text-looking\n', 'new.bin': Buffer.from([1, 0, 2]), 'empty.txt': '' },
      });
      const files = byPath((await readChange(repo.git, { mode: 'worktree' })).files);
      assert.equal(files['data.dat']?.binary, true);
      assert.equal(files['data.dat']?.newText, undefined);
      assert.equal(files['data.dat']?.binaryText?.after, 'still text-looking\n', 'the security checks read a file marked binary that is text');
      assert.equal(files['new.bin']?.binary, true);
      assert.equal(files['new.bin']?.newText, undefined);
      assert.deepEqual(files['empty.txt'], { path: 'empty.txt', status: 'added', oldText: undefined, newText: '' });
    });

    it('reads a symbolic link as its target, never following it', async () => {
      const repo = await tempRepo({ commits: [{ message: 'one', files: { 'link': { symlink: 'a.txt' } } }] });
      await repo.write({ link: { symlink: '/etc/passwd' } });
      const [file] = (await readChange(repo.git, { mode: 'worktree' })).files;
      assert.deepEqual([file?.oldText, file?.newText], ['a.txt', '/etc/passwd']);
    });

    it('handles names with line breaks, quotes and tabs', async () => {
      const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a\nb.txt': 'x\n' } }] });
      await repo.write({ 'a\nb.txt': 'y\n', 'tab\t"q".txt': 'z\n' });
      const files = byPath((await readChange(repo.git, { mode: 'worktree' })).files);
      assert.deepEqual([files['a\nb.txt']?.oldText, files['a\nb.txt']?.newText], ['x\n', 'y\n']);
      assert.equal(files['tab\t"q".txt']?.newText, 'z\n');
    });

    it('reads a large change with many files', async () => {
      const many = Object.fromEntries(Array.from({ length: 120 }, (_, index) => [`many/file-${index}.txt`, `line ${index}\n`]));
      const repo = await tempRepo({ commits: [{ message: 'one', files: many }] });
      await repo.write(Object.fromEntries(Object.keys(many).map((name) => [name, 'changed\n'])));
      await repo.write({ 'huge.txt': 'x'.repeat(2 * 1024 * 1024) });
      const change = await readChange(repo.git, { mode: 'worktree' });
      assert.equal(change.files.length, 121);
      assert.ok(change.files.every((file) => file.newText !== undefined));
      assert.equal(byPath(change.files)['huge.txt']?.newText?.length, 2 * 1024 * 1024);
    });
  });

  it('fails clearly outside a repository', async () => {
    const folder = await tempDir();
    const git = isolatedGit(folder, { env: { GIT_CEILING_DIRECTORIES: path.dirname(folder) } });
    await assert.rejects(readChange(git), (error) => isGitError(error, 'not-a-repository'));
  });
});
