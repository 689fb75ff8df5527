// The branch's one commit read without the patches of the files the change
// holds as that commit left them: what the secret check sees of the history
// must be what it sees when git is asked for every patch.
import * as assert from 'node:assert/strict';
import { addedAsInChange, newTextsByPath } from '../../../src/core/git/asInChange';
import { gitCommitHistory, HISTORY_LIMITS, type HistoryLimits } from '../../../src/core/git/commitHistory';
import { readChange } from '../../../src/core/git/change';
import type { BranchAdditions, Change } from '../../../src/core/git/model';
import { tempRepo, type FileTree, type TempRepo } from '../helpers/tempRepo';

/** A small seeded generator: the same histories on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS = ['alpha', 'beta', 'gamma', 'token = "ghp_' + 'a'.repeat(36) + '"', 'delta', 'password: hunter2', '{', '}', '', 'épsilon', '東京'];

function text(next: () => number, lines: number): string {
  return Array.from({ length: lines }, () => WORDS[Math.floor(next() * WORDS.length)]).join('\n') + (next() < 0.8 ? '\n' : '');
}

/** `old` with a few lines replaced, inserted or removed. */
function edited(next: () => number, old: string): string {
  const lines = old.split('\n');
  const edits = 1 + Math.floor(next() * 4);
  for (let edit = 0; edit < edits; edit++) {
    const at = Math.floor(next() * (lines.length + 1));
    const roll = next();
    if (roll < 0.4) lines.splice(at, 0, `added ${Math.floor(next() * 1000)}`);
    else if (roll < 0.7 && lines.length > 1) lines.splice(at, 1);
    else lines[Math.min(at, lines.length - 1)] = `changed ${Math.floor(next() * 1000)}`;
  }
  return lines.join('\n');
}

/** What the secret check reads of the history, as historySecrets.ts reads it: `asInChange` says whether the newest commit's files the change holds are passed over. */
async function seen(read: BranchAdditions, change: Change, asInChange: boolean): Promise<unknown> {
  const newTexts = newTextsByPath(change);
  const commits: unknown[] = [];
  for (const [index, commit] of read.commits.entries()) {
    const skip = asInChange && index === read.commits.length - 1;
    const files = !skip && commit.allFiles ? await commit.allFiles() : commit.files;
    const kept: unknown[] = [];
    for (const file of files) {
      if (skip && (file.asInChange || addedAsInChange(newTexts, file))) continue;
      const lines = file.asInChange ? await file.asInChange.read() : file.lines;
      kept.push({ path: file.path, lines, binaryText: file.binaryText });
    }
    commits.push({ sha: commit.sha, subject: commit.subject, message: commit.message, files: kept });
  }
  return { commits, unread: read.unread };
}

async function bothWays(repo: TempRepo, limits: HistoryLimits = HISTORY_LIMITS): Promise<{ shortcut: boolean }> {
  const change = await readChange(repo.git, { mode: 'branch', base: 'main' });
  const plain = await gitCommitHistory(repo.git, change, { ...limits, heldText: Infinity })!.read();
  const fast = await gitCommitHistory(repo.git, change, { ...limits, heldText: 0 })!.read();
  assert.ok(plain.commits.every((commit) => commit.allFiles === undefined), 'the plain reading asks git for every patch');
  for (const asInChange of [true, false]) assert.deepEqual(await seen(fast, change, asInChange), await seen(plain, change, asInChange));
  return { shortcut: fast.commits.some((commit) => commit.allFiles !== undefined) };
}

describe('gitCommitHistory: the files the change holds as the branch\'s one commit left them', () => {
  it('reads the same history as when every patch is asked for, on random one- and two-commit branches', async function () {
    this.timeout(600_000);
    let shortcuts = 0;
    const cases = 100;
    for (let seed = 1; seed <= cases; seed++) {
      const next = random(seed);
      const base: FileTree = {};
      const names = ['a.txt', 'b.txt', 'dir/c.txt', 'dir/d e.txt', 'f.json', 'g.txt', 'h-1.txt', 'dir.txt'];
      for (const name of names) base[name] = text(next, 5 + Math.floor(next() * 40));
      base['bin.dat'] = Buffer.from(`\0\0${text(next, 3)}`);
      base['crlf.txt'] = 'one\r\ntwo\r\n';
      const repo = await tempRepo({ commits: [{ message: 'base', files: base }] });
      await repo.switchTo('pm');
      const current: Record<string, string> = {};
      for (const name of names) current[name] = base[name] as string;
      if (next() < 0.25) {
        // An older commit of the branch: the shortcut is for a branch of one commit only.
        const name = names[Math.floor(next() * names.length)];
        current[name] = edited(next, current[name]);
        await repo.commit('older', { [name]: current[name] });
      }
      if (next() < 0.2) {
        // A file renamed with a small edit: git pairs it with its old name.
        await repo.move('g.txt', 'moved/g.txt');
        current['moved/g.txt'] = edited(next, current['g.txt']);
        delete current['g.txt'];
        await repo.write({ 'moved/g.txt': current['moved/g.txt'] });
      }
      const newest: FileTree = {};
      for (const name of Object.keys(current)) {
        if (next() < 0.6) newest[name] = current[name] = edited(next, current[name]);
      }
      if (next() < 0.3) newest['bin.dat'] = Buffer.from(`\0\0${text(next, 4)}`);
      if (next() < 0.3) newest['crlf.txt'] = 'one\r\ntwo\r\nthree token = "ghp_' + 'b'.repeat(36) + '"\r\n';
      if (next() < 0.3) newest['new.txt'] = current['new.txt'] = text(next, 6);
      if (next() < 0.2) {
        newest['h-1.txt'] = null;
        delete current['h-1.txt'];
      }
      await repo.commit(`newest ${seed}${next() < 0.3 ? ' token = "ghp_' + 'c'.repeat(36) + '"' : ''}`, newest);
      // Saved after the commit: some files no longer as the commit left them.
      const saved: FileTree = {};
      for (const name of Object.keys(current)) if (next() < 0.3) saved[name] = edited(next, current[name]);
      if (next() < 0.2) saved['a.txt'] = `\uFEFF${current['a.txt']}`;
      await repo.write(saved);
      if ((await bothWays(repo)).shortcut) shortcuts++;
    }
    assert.ok(shortcuts >= cases / 3, `the shortcut was taken in ${shortcuts} of ${cases} histories`);
  });

  it('asks git for every patch when the whole could pass the byte limit, and when the commit is no child of the merge base', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n'.repeat(50), 'b.txt': 'b\n' } }] });
    await repo.switchTo('pm');
    await repo.commit('pm', { 'a.txt': 'A\n'.repeat(50), 'b.txt': 'b\nB\n' });
    assert.equal((await bothWays(repo)).shortcut, true);
    assert.equal((await bothWays(repo, { ...HISTORY_LIMITS, bytes: 1500 })).shortcut, false);

    // The base branch merged in: the branch's commits are the merge and the commit before it.
    const merged = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n', 'm.txt': 'm\n' } }] });
    await merged.switchTo('pm');
    await merged.commit('pm', { 'a.txt': 'a\nPM\n' });
    await merged.switchTo('main');
    await merged.commit('main', { 'm.txt': 'm\nMAIN\n' });
    await merged.switchTo('pm');
    await merged.run('merge', '--quiet', '--no-edit', 'main');
    assert.equal((await bothWays(merged)).shortcut, false);
  });

  it('counts the versions\' bytes, not three a character: a change whose patches fit the byte limit takes the shortcut', async () => {
    // 40 KB of text on the two sides, 2,000 lines: within 100 KB as bytes (about 74 KB at most), past it at three bytes a character (about 154 KB).
    const line = (at: number, word: string) => `line ${String(at).padStart(4, '0')} ${word.padEnd(8, '.')}\n`;
    const old = Array.from({ length: 1000 }, (_, at) => line(at, 'old')).join('');
    const edited = Array.from({ length: 1000 }, (_, at) => line(at, at % 3 === 0 ? 'new' : 'old')).join('');
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': old } }] });
    await repo.switchTo('pm');
    await repo.commit('pm', { 'a.txt': edited });
    assert.equal((await bothWays(repo, { ...HISTORY_LIMITS, bytes: 100_000 })).shortcut, true);
    assert.equal((await bothWays(repo, { ...HISTORY_LIMITS, bytes: 60_000 })).shortcut, false);
  });

  it('reads the files again, all of them and in order, when the commit\'s message holds a secret', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n' } }] });
    await repo.switchTo('pm');
    await repo.commit('pm', { 'a.txt': 'a\nA\n', 'b.txt': 'b\nB\n', 'c.txt': 'c\nC\n' });
    await repo.write({ 'b.txt': 'b\nB edited\n' });
    const change = await readChange(repo.git, { mode: 'branch', base: 'main' });
    const read = await gitCommitHistory(repo.git, change, { ...HISTORY_LIMITS, heldText: 0 })!.read();
    const [commit] = read.commits;
    assert.deepEqual(commit.files.map((file) => file.path), ['b.txt']);
    assert.ok(commit.allFiles);
    assert.deepEqual((await commit.allFiles()).map((file) => [file.path, file.lines.filter((line) => line.added).map((line) => line.text)]), [
      ['a.txt', ['A']],
      ['b.txt', ['B']],
      ['c.txt', ['C']],
    ]);
  });
});

describe('addedAsInChange: each added line is the change\'s line at its number', () => {
  it('answers as splitting the text into lines does, on random texts and patches', () => {
    const next = random(7);
    for (let round = 0; round < 3000; round++) {
      const text = Array.from({ length: Math.floor(next() * 8) }, () => ['', 'a', 'b', 'ab'][Math.floor(next() * 4)]).join('\n');
      const lines = Array.from({ length: Math.floor(next() * 5) }, () => ({
        line: Math.floor(next() * 10) - 1,
        text: ['', 'a', 'b', 'ab', 'a\nb'][Math.floor(next() * 5)],
        added: next() < 0.8,
      }));
      if (next() < 0.5) lines.sort((x, y) => x.line - y.line);
      const split = text.split('\n');
      const expected = lines.every((line) => !line.added || split[line.line - 1] === line.text);
      assert.equal(addedAsInChange(new Map([['f', text]]), { path: 'f', lines }), expected, JSON.stringify({ text, lines }));
    }
  });
});
