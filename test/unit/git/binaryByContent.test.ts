import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { contentMayDecideBinary, foldersSayNothing } from '../../../src/core/git/binaryByContent';
import { readChange } from '../../../src/core/git/change';
import type { GitOptions } from '../../../src/core/git/runGit';
import { seededRandom } from '../../support/seededRandom';
import { isolatedGit, tempDir, tempRepo, type FileSpec, type FileTree, type TempRepo } from '../helpers/tempRepo';

const BINARY = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0x0a]);
/** Text to git: its NUL is past the 8,000 bytes git looks at. */
const LATE_NUL = `${'x'.repeat(8_100)}\0\n`;
/** Text to PM Zone, binary to git (its NUL bytes). */
const UTF16 = Buffer.from('\ufeffhello\n', 'utf16le');

/** A user's configuration folder of its own, and no system attribute file: what each test's git reads is the repository's alone, unless it says. */
async function gitOptions(extra: GitOptions = {}): Promise<GitOptions> {
  return { readConfigOnce: true, ...extra, env: { XDG_CONFIG_HOME: await tempDir('xdg'), GIT_ATTR_NOSYSTEM: '1', ...extra.env } };
}

describe('which files git counts as binary, where no attribute file can say: their content, without git diffing every line', () => {
  describe('contentMayDecideBinary: the attribute files git reads for every path, and what else decides', () => {
    it('leaves it to the content where no file says, or they say only how line ends are kept', async () => {
      const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n' } }] });
      assert.equal(await contentMayDecideBinary(isolatedGit(repo.root, await gitOptions()), repo.root), true);
      await repo.commit('attributes', { '.gitattributes': '* text=auto\n*.sh text eol=lf\n' });
      assert.equal(await contentMayDecideBinary(isolatedGit(repo.root, await gitOptions()), repo.root), true);
    });

    it('asks git where the top folder, the git folder or the user\'s file names binary, diff, a filter, an encoding or a macro', async () => {
      for (const line of ['*.dat binary', '*.raw -diff', '*.json diff=json', '*.psd filter=lfs -text', '*.u16 working-tree-encoding=UTF-16', '[attr]opaque -text', '*.BIN BINARY']) {
        const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n', '.gitattributes': `${line}\n` } }] });
        assert.equal(await contentMayDecideBinary(isolatedGit(repo.root, await gitOptions()), repo.root), false, line);
        const inGitFolder = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n' } }] });
        await fs.mkdir(path.join(inGitFolder.root, '.git', 'info'), { recursive: true });
        await fs.writeFile(path.join(inGitFolder.root, '.git', 'info', 'attributes'), `${line}\n`);
        assert.equal(await contentMayDecideBinary(isolatedGit(inGitFolder.root, await gitOptions()), inGitFolder.root), false, `info/attributes: ${line}`);
      }
      const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n' } }] });
      const xdg = await tempDir('xdg');
      await fs.mkdir(path.join(xdg, 'git'));
      await fs.writeFile(path.join(xdg, 'git', 'attributes'), '*.dat binary\n');
      assert.equal(await contentMayDecideBinary(isolatedGit(repo.root, await gitOptions({ env: { XDG_CONFIG_HOME: xdg } })), repo.root), false, "the user's attributes");
      const named = path.join(await tempDir('attributes'), 'mine');
      await fs.writeFile(named, '*.raw -diff\n');
      await repo.run('config', 'core.attributesFile', named);
      assert.equal(await contentMayDecideBinary(isolatedGit(repo.root, await gitOptions()), repo.root), false, 'core.attributesFile');
      await fs.writeFile(named, '* text=auto\n');
      assert.equal(await contentMayDecideBinary(isolatedGit(repo.root, await gitOptions()), repo.root), true, 'core.attributesFile that says nothing of the kind');
    });

    it('asks git where what it reads cannot be vouched for: a linked attribute file, attributes from a tree, a size threshold, a sparse checkout, a split index, a git folder or index elsewhere, a system file it cannot place, a configuration not read once', async () => {
      const fresh = async () => tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n' } }] });
      const linked = await fresh();
      await fs.writeFile(path.join(linked.root, 'plain'), '* text=auto\n');
      await fs.symlink('plain', path.join(linked.root, '.gitattributes'));
      assert.equal(await contentMayDecideBinary(isolatedGit(linked.root, await gitOptions()), linked.root), false, 'a linked .gitattributes');
      for (const [key, value] of [['attr.tree', 'HEAD'], ['core.bigFileThreshold', '1m'], ['core.sparseCheckout', 'false'], ['core.splitIndex', 'false']]) {
        const repo = await fresh();
        await repo.run('config', key!, value!);
        assert.equal(await contentMayDecideBinary(isolatedGit(repo.root, await gitOptions()), repo.root), false, key);
      }
      const repo = await fresh();
      assert.equal(await contentMayDecideBinary(isolatedGit(repo.root, await gitOptions({ readConfigOnce: false })), repo.root), false, 'each key asked of git');
      assert.equal(await contentMayDecideBinary(isolatedGit(repo.root, await gitOptions({ env: { GIT_DIR: path.join(repo.root, '.git') } })), repo.root), false, 'GIT_DIR');
      // A git program elsewhere (a wrapper that runs git): where it keeps its system files is not known, unless they are skipped.
      const wrapper = path.join(await tempDir('git'), 'git');
      await fs.writeFile(wrapper, '#!/bin/sh\nexec git "$@"\n', { mode: 0o755 });
      assert.equal(await contentMayDecideBinary(isolatedGit(repo.root, await gitOptions({ gitPath: wrapper, env: { GIT_ATTR_NOSYSTEM: undefined } })), repo.root), false, 'a git program whose system file is not known');
      assert.equal(await contentMayDecideBinary(isolatedGit(repo.root, await gitOptions({ gitPath: wrapper })), repo.root), true, 'the same program, its system files skipped');
      assert.equal(await contentMayDecideBinary(isolatedGit(repo.root, await gitOptions({ gitPath: wrapper, env: { GIT_ATTR_NOSYSTEM: 'perhaps' } })), repo.root), false, 'a GIT_ATTR_NOSYSTEM git would refuse');
      assert.equal(await contentMayDecideBinary(isolatedGit(repo.root, await gitOptions({ env: { GIT_INDEX_FILE: path.join(repo.root, '.git', 'index') } })), repo.root), false, 'GIT_INDEX_FILE');
      const worktree = path.join(await tempDir('worktree'), 'linked');
      await repo.run('worktree', 'add', '--quiet', '-b', 'other', worktree);
      assert.equal(await contentMayDecideBinary(isolatedGit(worktree, await gitOptions()), worktree), false, 'a linked worktree');
    });
    it('asks git where the index may hold a file git reads from it though the disk lacks it: an attribute file skipped by hand, an entry added with intent (format 3), a format-4 index', async () => {
      const skipped = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n', 'd/.gitattributes': '*.txt binary\n', 'd/x.txt': 'x\n' } }] });
      assert.equal(await contentMayDecideBinary(isolatedGit(skipped.root, await gitOptions()), skipped.root), true, 'a format-2 index');
      await skipped.run('update-index', '--skip-worktree', 'd/.gitattributes');
      await fs.rm(path.join(skipped.root, 'd', '.gitattributes'));
      assert.equal(await contentMayDecideBinary(isolatedGit(skipped.root, await gitOptions()), skipped.root), false, 'skip-worktree');
      // What git itself does there: the index's attribute file still says binary, which the disk no longer shows.
      assert.match(await skipped.run('check-attr', 'diff', '--', 'd/x.txt'), /diff: unset/);
      const intent = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n' } }], files: { 'new.txt': 'new\n' } });
      await intent.run('add', '--intent-to-add', 'new.txt');
      assert.equal(await contentMayDecideBinary(isolatedGit(intent.root, await gitOptions()), intent.root), false, 'intent-to-add');
      const four = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n' } }] });
      await four.run('update-index', '--index-version', '4');
      assert.equal(await contentMayDecideBinary(isolatedGit(four.root, await gitOptions()), four.root), false, 'format 4');
    });
  });

  describe('foldersSayNothing: the folders above the change\'s files', () => {
    it('asks git where a folder above a file names binary, or the change holds an attribute file', async () => {
      const root = await tempDir('folders');
      await fs.mkdir(path.join(root, 'locale', 'deep'), { recursive: true });
      await fs.mkdir(path.join(root, 'docs'));
      await fs.writeFile(path.join(root, 'locale', '.gitattributes'), '*.json binary\n');
      await fs.writeFile(path.join(root, 'docs', '.gitattributes'), '*.md text eol=lf\n');
      assert.equal(await foldersSayNothing(root, ['locale/deep/en.json']), false);
      assert.equal(await foldersSayNothing(root, ['docs/a.md', 'src/x.ts', 'top.txt']), true);
      assert.equal(await foldersSayNothing(root, ['docs/a.md', '.gitattributes']), false);
      assert.equal(await foldersSayNothing(root, ['src/.gitattributes']), false);
    });
  });

  describe('readChange', () => {
    /** The change as read when git counts the binary files, and as read by this Git, with whether it asked git to count them. */
    async function bothWays(repo: TempRepo, options: GitOptions): Promise<{ counted: unknown; read: unknown; numstat: boolean }> {
      const log = path.join(await tempDir('diff-log'), 'commands');
      const wrapper = path.join(path.dirname(log), 'git');
      await fs.writeFile(wrapper, `#!/bin/sh\necho "$*" >> '${log}'\nexec git "$@"\n`, { mode: 0o755 });
      const counted = (await readChange(isolatedGit(repo.root, { ...options, readConfigOnce: false }), { mode: 'branch', base: 'main' })).files;
      const read = (await readChange(isolatedGit(repo.root, { ...options, gitPath: wrapper }), { mode: 'branch', base: 'main' })).files;
      const commands = (await fs.readFile(log, 'utf8')).split('\n').filter((line) => line.includes(' diff '));
      return { counted, read, numstat: commands.some((line) => line.includes('--numstat')) };
    }

    it('reads the same files, binary or not, as when git counts them: NUL bytes early and late, UTF-16, links, renames, attribute files in and out of the change', async function () {
      this.timeout(300_000);
      const random = seededRandom(808);
      const names = ['a.txt', 'b.bin', 'd/c.txt', 'd/e.dat', 'f.raw', 'u16.strings', 'late.txt', 'link'];
      // Deleted only in the branch's first commit (a second deletion has nothing to stage), and never the file the branch moves.
      const content = (name: string, deletes: boolean): FileSpec => {
        const roll = random();
        if (roll < 0.12) return deletes && name !== 'a.txt' ? null : 'kept\n';
        if (name === 'link') return { symlink: random() < 0.5 ? 'a.txt' : 'd/c.txt' };
        if (roll < 0.3) return Buffer.concat([BINARY, Buffer.from(String(Math.floor(random() * 3)))]);
        if (roll < 0.42) return UTF16;
        if (roll < 0.52) return LATE_NUL;
        return `line ${Math.floor(random() * 3)}\n`.repeat(1 + Math.floor(random() * 3));
      };
      const someFiles = (deletes = false): FileTree => Object.fromEntries(names.filter(() => random() < 0.4).map((name) => [name, content(name, deletes)]));
      const attributes = [undefined, '* text=auto\n', '*.dat binary\n*.raw -diff\n', '*.strings diff\n'];
      const ways = { content: 0, counted: 0 };
      for (let run = 0; run < 16; run++) {
        const where = random() < 0.5 ? '.gitattributes' : 'd/.gitattributes';
        const said = attributes[Math.floor(random() * attributes.length)];
        const repo = await tempRepo({
          commits: [
            { message: 'base', files: { ...Object.fromEntries(names.map((name) => [name, name === 'link' ? { symlink: 'a.txt' } : `base ${name}\n`])), ...(said === undefined ? {} : { [where]: said }) } },
            { branch: 'feature', message: 'one', files: someFiles(true) },
            { message: 'two', files: someFiles() },
          ],
          ...(random() < 0.5 ? { staged: someFiles() } : {}),
          ...(random() < 0.5 ? { files: someFiles() } : {}),
        });
        if (random() < 0.3) {
          await repo.move('a.txt', 'moved/a.txt');
          await repo.commit('move');
        }
        // Now and then the change itself adds an attribute file that says binary: git must count.
        if (random() < 0.2) await repo.write({ 'd/.gitattributes': '*.txt binary\n' });
        const { counted, read, numstat } = await bothWays(repo, await gitOptions());
        assert.deepEqual(read, counted, `run ${run}: ${where} ${JSON.stringify(said)}`);
        ways[numstat ? 'counted' : 'content']++;
      }
      // Both ways taken: the content deciding, and git counting where an attribute file could say.
      assert.ok(ways.content >= 4 && ways.counted >= 4, JSON.stringify(ways));
    });

    it('counts a UTF-16 file as binary, as git does, where no attribute says otherwise, and as text where one gives it a diff', async () => {
      const repo = await tempRepo({ commits: [{ message: 'base', files: { 'Localizable.strings': 'old\n' } }, { branch: 'feature', message: 'one', files: { 'Localizable.strings': UTF16 } }] });
      const { counted, read, numstat } = await bothWays(repo, await gitOptions());
      assert.deepEqual(read, counted);
      assert.equal(numstat, false, 'decided by the content');
      assert.equal((read as { binary?: boolean }[])[0]?.binary, true);
      await repo.commit('attributes', { '.gitattributes': '*.strings diff\n' });
      const again = await bothWays(repo, await gitOptions());
      assert.deepEqual(again.read, again.counted);
      assert.equal(again.numstat, true, 'an attribute file that names diff: git counts');
      assert.equal((again.read as { path: string; binary?: boolean }[]).find((file) => file.path === 'Localizable.strings')?.binary, undefined);
    });
  });
});
