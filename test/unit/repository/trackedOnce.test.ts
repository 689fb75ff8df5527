import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { trackedAmong, trackedAmongOnce } from '../../../src/core/repository/untrackedPolicy';
import { isolatedGit, loggingGit, runGit, tempDir, tempRepo } from '../helpers/tempRepo';

// check-config asks git once whether the policy files and the guard files
// are tracked (trackedAmongOnce): each question must get the answer its own
// `git ls-files --cached` gives.

const sorted = (set: Set<string> | undefined) => (set === undefined ? undefined : [...set].sort());

describe('whether git tracks several files, asked once', () => {
  it('answers each question as its own ls-files does, and asks git once', async () => {
    const repo = await tempRepo({
      commits: [{ message: 'one', files: { 'CLAUDE.md': 'a\n', '.github/CODEOWNERS': '* @a\n', 'a folder/ünï file.md': 'u\n', 'docs/x.md': 'x\n' } }],
      files: { 'untracked.md': 'u\n', '.claude/settings.json': '{}\n' },
    });
    await fs.writeFile(repo.path('.gitignore'), 'ignored.md\n');
    await fs.writeFile(repo.path('ignored.md'), 'i\n');
    const questions = [
      ['CLAUDE.md', '.github/CODEOWNERS', 'untracked.md'],
      ['.claude/settings.json', 'a folder/ünï file.md', 'ignored.md', 'missing.md'],
      ['docs'],
      ['docs/x.md', 'CLAUDE.md'],
    ];
    const superset = [...new Set(questions.flat())];
    const folder = await tempDir('git-log');
    const log = path.join(folder, 'commands');
    const wrapper = path.join(folder, 'git');
    await fs.writeFile(wrapper, `#!/bin/sh\necho "$*" >> '${log}'\nexec git "$@"\n`, { mode: 0o755 });
    const once = trackedAmongOnce(isolatedGit(repo.root, { gitPath: wrapper }), superset);
    const own = trackedAmong(repo.git);
    for (const question of questions) assert.deepEqual(sorted(await once(question)), sorted(await own(question)), question.join(', '));
    const listings = async () => (await fs.readFile(log, 'utf8')).split('\n').filter((line) => line.includes('ls-files')).length;
    assert.equal(await listings(), 1);
    // A question beyond the set is asked on its own.
    assert.deepEqual(sorted(await once(['untracked.md', 'elsewhere.md'])), sorted(await own(['untracked.md', 'elsewhere.md'])));
    assert.equal(await listings(), 2);
  });

  it('asks each question on its own where git refuses the whole set, and says nothing outside a repository', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'CLAUDE.md': 'a\n' } }] });
    const once = trackedAmongOnce(repo.git, ['CLAUDE.md', '../outside.md']);
    const own = trackedAmong(repo.git);
    assert.equal(await own(['CLAUDE.md', '../outside.md']), undefined);
    assert.deepEqual(sorted(await once(['CLAUDE.md'])), sorted(await own(['CLAUDE.md'])));
    assert.deepEqual(sorted(await once(['CLAUDE.md'])), ['CLAUDE.md']);
    assert.equal(await once(['../outside.md']), undefined);
    const outside = await tempDir('outside');
    const git = isolatedGit(outside, { env: { GIT_CEILING_DIRECTORIES: path.dirname(outside) } });
    assert.equal(await trackedAmongOnce(git, ['CLAUDE.md'])(['CLAUDE.md']), undefined);
  });

  it("answers from the working tree's listing for a Git that lives for one command, as its own ls-files does, and asks git of a path outside", async () => {
    const repo = await tempRepo({
      commits: [{ message: 'one', files: { 'CLAUDE.md': 'a\n', '.github/CODEOWNERS': '* @a\n', 'a folder/ünï file.md': 'u\n', 'docs/x.md': 'x\n' } }],
      files: { 'untracked.md': 'u\n', '.claude/settings.json': '{}\n' },
    });
    await repo.run('add', '-N', '.claude/settings.json');
    await fs.rm(repo.path('docs/x.md'));
    const { git, commands } = await loggingGit(repo.root, { readConfigOnce: true });
    const listed = trackedAmong(git);
    const own = trackedAmong(repo.git);
    for (const question of [['CLAUDE.md', '.github/CODEOWNERS', 'untracked.md'], ['.claude/settings.json', 'a folder/ünï file.md', 'missing.md'], ['docs'], ['docs/x.md']]) {
      assert.deepEqual(sorted(await listed(question)), sorted(await own(question)), question.join(', '));
    }
    assert.deepEqual(await commands().then((all) => all.filter((command) => command === 'ls-files')), ['ls-files'], 'the listing, once');
    assert.equal(await listed(['CLAUDE.md', '../outside.md']), undefined);
  });

  it('answers the same in a repository whose path holds spaces and letters outside ASCII, with no commit yet', async () => {
    const folder = path.join(await tempDir('spaced'), 'a repo — ünï');
    await fs.mkdir(folder);
    await runGit(folder, ['init', '--quiet']);
    await fs.writeFile(path.join(folder, 'CLAUDE.md'), 'a\n');
    await fs.writeFile(path.join(folder, 'staged ü.md'), 's\n');
    await runGit(folder, ['add', 'staged ü.md']);
    const git = isolatedGit(folder);
    const questions = [['CLAUDE.md', 'staged ü.md'], ['staged ü.md']];
    const once = trackedAmongOnce(git, questions.flat());
    for (const question of questions) assert.deepEqual(sorted(await once(question)), sorted(await trackedAmong(git)(question)));
    assert.deepEqual(sorted(await once(['staged ü.md'])), ['staged ü.md']);
  });
});
