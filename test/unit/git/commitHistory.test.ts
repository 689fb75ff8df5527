import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { gitCommitHistory, type HistoryLimits } from '../../../src/core/git/commitHistory';
import { LOG_PATCH_FORMAT, parseLogPatches } from '../../../src/core/git/logPatches';
import { readChange } from '../../../src/core/git/change';
import type { BranchAdditions } from '../../../src/core/git/model';
import { tempRepo, type TempRepo } from '../helpers/tempRepo';

/** The branch's history as `commit subject: path:line text` for each line a commit added. */
async function added(repo: TempRepo, limits?: HistoryLimits): Promise<{ lines: string[]; read: BranchAdditions }> {
  const change = await readChange(repo.git, { mode: 'branch', base: 'main' });
  const history = gitCommitHistory(repo.git, change, limits);
  assert.ok(history, 'a branch with commits of its own has a history');
  const read = await history.read();
  // The newest commit's files the change holds as it left them keep no lines: read them again, as the secret check would.
  for (const commit of read.commits) {
    for (const file of commit.files) if (file.asInChange) file.lines = await file.asInChange.read();
  }
  const lines = read.commits.flatMap((commit) => [
    ...commit.files.flatMap((file) => file.lines.filter((line) => line.added).map((line) => `${commit.subject}: ${file.path}:${line.line} ${line.text}`)),
    ...commit.files.filter((file) => file.binaryText).map((file) => `${commit.subject}: ${file.path} (binary) ${JSON.stringify(file.binaryText)}`),
  ]);
  return { lines, read };
}

describe('gitCommitHistory: what each of a branch\'s own commits added', () => {
  it('keeps no lines of the newest commit\'s files the change holds as it left them, and reads them again, the same, when asked', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\nb\nc\n', 'b.txt': 'b\n', 'c.txt': 'c\n' } }] });
    await repo.switchTo('pm');
    await repo.commit('pm first', { 'a.txt': 'a\nFIRST\nb\nc\n' });
    await repo.commit('pm newest', { 'a.txt': 'a\nFIRST\nb\nNEWEST\nc\n', 'b.txt': 'b\nNEWEST\n', 'c.txt': 'c\nNEWEST\n', 'd.txt': 'new\n' });
    // Saved after the commit: b.txt's added line is no longer the change's at its line, c.txt's still is.
    await repo.write({ 'b.txt': 'b\nEDITED\n', 'c.txt': 'c\nNEWEST\nmore\n' });

    const change = await readChange(repo.git, { mode: 'branch', base: 'main' });
    const history = gitCommitHistory(repo.git, change);
    assert.ok(history);
    const read = await history.read();
    const newest = read.commits[1];
    assert.deepEqual(newest.files.map((file) => [file.path, file.asInChange !== undefined, file.lines.length]), [
      ['a.txt', true, 0],
      ['b.txt', false, 2],
      ['c.txt', true, 0],
      ['d.txt', true, 0],
    ]);
    assert.ok(read.commits[0].files.every((file) => file.asInChange === undefined), 'an older commit keeps its lines');
    // What the whole log gives for that commit, as the reader kept it before.
    const whole = parseLogPatches(await repo.run('log', `--format=${LOG_PATCH_FORMAT}`, '--cc', '-M', '--full-index', '--no-relative', '-U4', '--submodule=short', '--src-prefix=a/', '--dst-prefix=b/', '-1', 'pm', '--'));
    for (const [index, file] of newest.files.entries()) {
      const lines = file.asInChange ? await file.asInChange.read() : file.lines;
      assert.deepEqual({ path: file.path, lines }, { path: whole[0].files[index].path, lines: whole[0].files[index].lines });
    }
  });

  it('names a path with a space as the change does: git prints a tab after such a name in a patch\'s header, not part of it', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'docs/read me.md': 'a\n' } }] });
    await repo.switchTo('pm');
    await repo.commit('pm edits', { 'docs/read me.md': 'a\nEDITED\n', 'new file.txt': 'NEW\n', 'quoted "name".txt': 'Q\n' });
    await repo.commit('pm edits again', { 'docs/read me.md': 'a\nEDITED\nAGAIN\n' });
    const { lines } = await added(repo);
    assert.deepEqual(lines, ['pm edits: docs/read me.md:2 EDITED', 'pm edits: new file.txt:1 NEW', 'pm edits: quoted "name".txt:1 Q', 'pm edits again: docs/read me.md:3 AGAIN']);
  });

  it('reads each commit\'s added lines, oldest first, and nothing a merge of the base branch brought in', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'f.txt': 'a\nb\nc\n', 'g.txt': 'g\n' } }] });
    await repo.switchTo('pm');
    await repo.commit('pm adds', { 'f.txt': 'a\nb\nPM LINE\nc\n' });
    await repo.switchTo('main');
    await repo.commit('main adds', { 'g.txt': 'g\nMAIN LINE\n' });
    await repo.commit('main removes', { 'g.txt': 'g\n' });
    await repo.switchTo('pm');
    await repo.run('merge', '--quiet', '--no-edit', 'main');
    await repo.commit('pm removes', { 'f.txt': 'a\nb\nc\n' });

    const { lines, read } = await added(repo);
    assert.deepEqual(lines, ['pm adds: f.txt:3 PM LINE']);
    assert.deepEqual(read.commits.map((commit) => commit.subject), ['pm adds', "Merge branch 'main' into pm", 'pm removes']);
    assert.deepEqual(read.unread, []);
  });

  it('reads the lines a merge wrote itself: a conflict resolved with text neither side had', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'f.txt': 'a\nline\nz\n' } }] });
    await repo.switchTo('pm');
    await repo.commit('pm side', { 'f.txt': 'a\nPM\nz\n' });
    await repo.switchTo('main');
    await repo.commit('main side', { 'f.txt': 'a\nMAIN\nz\n' });
    await repo.switchTo('pm');
    await repo.run('merge', '--quiet', 'main').catch(() => undefined);
    await repo.commit('resolve', { 'f.txt': 'a\nPM\nRESOLVED\nz\n' });

    const { lines } = await added(repo);
    assert.deepEqual(lines, ['pm side: f.txt:2 PM', 'resolve: f.txt:3 RESOLVED']);
  });

  it('reads the paths git quotes, whatever the repository\'s diff settings, and runs none of its diff programs', async () => {
    const repo = await tempRepo({
      commits: [{ message: 'base', files: { 'notes.txt': 'one\n\ntwo\n', '.gitattributes': '*.txt diff=shout\n' } }],
      config: {
        'diff.noprefix': 'true',
        'diff.mnemonicPrefix': 'true',
        'diff.suppressBlankEmpty': 'true',
        'diff.renames': 'false',
        'diff.submodule': 'log',
        'diff.shout.textconv': 'touch textconv-ran; tr a-z A-Z <',
        'diff.external': 'sh -c "touch external-ran"',
      },
    });
    await repo.switchTo('pm');
    await repo.commit('odd names', {
      'notes.txt': 'one\n\ntwo\nthree\n',
      'dir with space/tab\there "quoted".txt': 'x\n',
      'ünïcode.txt': 'u\n',
    });
    await repo.run('update-index', '--add', '--cacheinfo', `160000,${(await repo.run('rev-parse', 'HEAD')).trim()},vendor/lib`);
    await repo.run('commit', '--quiet', '--no-verify', '-m', 'a submodule');

    const { lines } = await added(repo);
    assert.deepEqual(lines, [
      'odd names: dir with space/tab\there "quoted".txt:1 x',
      'odd names: notes.txt:4 three',
      'odd names: ünïcode.txt:1 u',
    ]);
    assert.equal(existsSync(repo.path('textconv-ran')) || existsSync(repo.path('external-ran')), false, 'a diff program of the repository ran');
  });

  it('reads a binary file\'s readable text, beside its version before the commit', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'data.bin': Buffer.from('\0\0old printable run\n') } }] });
    await repo.switchTo('pm');
    await repo.commit('binary', { 'data.bin': Buffer.from('\0\0old printable run\nnew printable run\n') });

    const { lines } = await added(repo);
    assert.deepEqual(lines, ['binary: data.bin (binary) {"before":"old printable run\\n","after":"old printable run\\nnew printable run\\n"}']);
  });

  it('reads the newest commits within its limits, and says what it left unread', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'f.txt': 'a\n' } }] });
    await repo.switchTo('pm');
    for (const n of [1, 2, 3]) await repo.commit(`c${n}`, { 'f.txt': `a\n${'x'.repeat(400)}${n}\n` });

    const byCount = await added(repo, { commits: 2, bytes: 1024 * 1024 });
    assert.deepEqual(byCount.read.commits.map((commit) => commit.subject), ['c2', 'c3']);
    assert.deepEqual(byCount.read.unread, ['it has more than 2 commits of its own, and only the newest 2 were read']);

    const bySize = await added(repo, { commits: 10, bytes: 2500 });
    assert.deepEqual(bySize.read.commits.map((commit) => commit.subject), ['c2', 'c3']);
    assert.deepEqual(bySize.read.unread, ['its patches are larger than 2500 bytes, and only its 2 newest commits were read']);
  });

  it('has no history for staged edits, which are reviewed before any commit', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'f.txt': 'a\n' } }, { branch: 'pm', message: 'pm', files: { 'f.txt': 'b\n' } }], staged: { 'g.txt': 'g\n' } });
    const change = await readChange(repo.git, { mode: 'staged' });
    assert.equal(gitCommitHistory(repo.git, change), undefined);
  });
});
