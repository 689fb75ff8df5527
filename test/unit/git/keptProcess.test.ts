import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { readBlobs } from '../../../src/core/git/blobs';
import { isGitError } from '../../../src/core/git/gitError';
import { KeptProcess, type BatchAnswers } from '../../../src/core/git/keptProcess';
import { seededRandom } from '../../support/seededRandom';
import { isolatedGit, loggingGit, tempDir, tempRepo } from '../helpers/tempRepo';

/** Answers of a line-echoing process: one line per name, in order. */
class Lines implements BatchAnswers {
  readonly lines: string[] = [];
  private partial = '';
  constructor(private readonly expected: number, private readonly throwAt?: string) {}
  get finished(): boolean {
    return this.lines.length === this.expected;
  }
  push(chunk: Buffer): number {
    let offset = 0;
    while (offset < chunk.length && !this.finished) {
      const end = chunk.indexOf(0x0a, offset);
      if (end < 0) {
        this.partial += chunk.subarray(offset).toString('utf8');
        return chunk.length;
      }
      const line = this.partial + chunk.subarray(offset, end).toString('utf8');
      this.partial = '';
      if (line === this.throwAt) throw new Error(`cannot read ${line}`);
      this.lines.push(line);
      offset = end + 1;
    }
    return offset;
  }
}

describe('KeptProcess', () => {
  const kept = (command: string, args: string[], exits: string[] = [], limit = 1024 * 1024) =>
    new KeptProcess(spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] }), (exit, stderr) => new Error(`exit ${typeof exit === 'number' ? exit : exit.code}: ${stderr.trim()}`), () => exits.push('exited'), { bytes: limit, error: () => new Error('too much output') });

  it('answers each batch in turn, where one chunk of output ends one batch and starts the next', async () => {
    const cat = kept('cat', []);
    const batches = Array.from({ length: 20 }, (_, index) => Array.from({ length: 1 + (index % 5) }, (_unused, line) => `batch ${index} line ${line}`));
    const answers = batches.map((lines) => new Lines(lines.length));
    // Written all at once: cat's output then comes in chunks that cross the batches' bounds.
    await Promise.all(batches.map((lines, index) => cat.run(lines.map((line) => `${line}\n`).join(''), answers[index]!)));
    assert.deepEqual(answers.map((answer) => answer.lines), batches);
  });

  it('fails the waiting batches with the exit status and what the process wrote, and tells its owner it has ended', async () => {
    const exits: string[] = [];
    const failing = kept('sh', ['-c', 'read line; echo "no such object" >&2; exit 3'], exits);
    await assert.rejects(failing.run('a\n', new Lines(1)), /exit 3: no such object/);
    assert.deepEqual(exits, ['exited']);
    await assert.rejects(failing.run('b\n', new Lines(1)), (error) => isGitError(error, 'failed'), 'an ended process takes no batch');
    const missing = kept(path.join(await tempDir('kept'), 'no-such-program'), [], exits);
    await assert.rejects(missing.run('a\n', new Lines(1)), /exit ENOENT/);
  });

  it('ends the process when a reader cannot go on: the batches after it cannot trust where the output stands', async () => {
    const exits: string[] = [];
    const cat = kept('cat', [], exits);
    const first = cat.run('one\ntwo\n', new Lines(2, 'two'));
    const second = cat.run('three\n', new Lines(1));
    await assert.rejects(first, /cannot read two/);
    await assert.rejects(second, /exit 0/);
    assert.deepEqual(exits, ['exited']);
  });

  it('feeds no later batch what followed a reader that failed, though it comes in later chunks', async () => {
    // One line at a time, a pause between: each answer comes in a chunk of its own.
    const lines = kept('sh', ['-c', 'while read line; do echo "$line"; sleep 0.05; done']);
    const first = lines.run('one\ntwo\nthree\n', new Lines(3, 'two'));
    const second = lines.run('four\n', new Lines(1));
    await assert.rejects(first, /cannot read two/);
    await assert.rejects(second, /exit/);
  });

  it('fails a batch whose output passes the limit, as a process each fails past it, and ends the process', async () => {
    const exits: string[] = [];
    const cat = kept('cat', [], exits, 10);
    await assert.rejects(cat.run('0123456789\nabc\n', new Lines(2)), /too much output/);
    assert.deepEqual(exits, ['exited']);
    const roomy = kept('cat', [], [], 11);
    const answers = new Lines(1);
    await roomy.run('0123456789\n', answers);
    assert.deepEqual(answers.lines, ['0123456789'], 'up to the limit is read');
  });

  it('keeps no event loop alive while idle: a process that read through it exits', () => {
    const script = [
      `require(${JSON.stringify(require.resolve('tsx/cjs'))});`,
      // This process's own output pipes are resources too: counted before the kept process starts.
      'process.stdout; process.stderr; const before = process.getActiveResourcesInfo();',
      `const { KeptProcess } = require(${JSON.stringify(path.resolve(__dirname, '../../../src/core/git/keptProcess.ts'))});`,
      "const child = require('node:child_process').spawn('cat', [], { stdio: ['pipe', 'pipe', 'pipe'] });",
      "const cat = new KeptProcess(child, () => new Error('exited'), () => undefined, { bytes: 1024, error: () => new Error('too much') });",
      'let line = ""; const answers = { get finished() { return line.endsWith("\\n"); }, push(chunk) { line += chunk.toString(); return chunk.length; } };',
      // What keeps the loop alive once the batch is read: none of it the kept process's.
      "cat.run('hello\\n', answers).then(() => setImmediate(() => process.stdout.write(JSON.stringify({ line, before, alive: process.getActiveResourcesInfo() }))));",
    ].join('\n');
    const output = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 })) as { line: string; before: string[]; alive: string[] };
    assert.equal(output.line, 'hello\n');
    const kept = (kinds: string[]) => kinds.filter((kind) => kind === 'ProcessWrap' || kind === 'PipeWrap' || kind === 'Timeout');
    assert.deepEqual(kept(output.alive), kept(output.before), output.alive.join(', '));
  });
});

describe('a Git that lives for one command reads objects through one kept cat-file', () => {
  async function repositoryWithObjects() {
    const repo = await tempRepo({
      commits: [{ message: 'one', files: { 'a.txt': 'a\n', 'empty.txt': '', 'ü.txt': 'ü é\r\n', 'bin.dat': Buffer.from([0x47, 0, 0x49, 0x0a]), 'dir/long.txt': `${'x'.repeat(300_000)}\n`, 'in.txt': 'in\n' } }],
    });
    symlinkSync('../outside', repo.path('out'));
    symlinkSync('in.txt', repo.path('inside'));
    await repo.run('add', 'out', 'inside');
    await repo.run('commit', '--quiet', '--no-verify', '-m', 'links');
    return repo;
  }
  const NAMES = ['HEAD:a.txt', 'HEAD:empty.txt', 'HEAD:none', 'HEAD:ü.txt', 'HEAD', 'HEAD:bin.dat', 'HEAD:dir', 'HEAD:dir/long.txt', 'HEAD:out', 'HEAD:inside', 'HEAD:a.txt/x', 'HEAD~1:in.txt'];

  it('gives every batch the answer of a process each, in turn and at once, following links and not', async () => {
    const repo = await repositoryWithObjects();
    const plain = isolatedGit(repo.root);
    const { git: once, commands } = await loggingGit(repo.root, { readConfigOnce: true });
    const random = seededRandom(71);
    const batches = Array.from({ length: 24 }, () => NAMES.filter(() => random() < 0.5));
    for (const followLinks of [false, true]) {
      const expected = await Promise.all(batches.map((names) => readBlobs(plain, names, { followLinks })));
      const atOnce = await Promise.all(batches.map((names) => readBlobs(once, names, { followLinks })));
      const inTurn = [];
      for (const names of batches) inTurn.push(await readBlobs(once, names, { followLinks }));
      assert.deepEqual(atOnce, expected, `at once, followLinks ${followLinks}`);
      assert.deepEqual(inTurn, expected, `in turn, followLinks ${followLinks}`);
    }
    assert.deepEqual((await commands()).filter((command) => command === 'cat-file'), ['cat-file', 'cat-file'], 'one process each way, for 96 batches');
  });

  it('reads object ids in the process that follows links, with the answers of one that does not: one cat-file for both kinds', async () => {
    const repo = await repositoryWithObjects();
    // Every object's id, the links' blobs (their targets' text) and a tree included, and one no object has.
    const ids = (await repo.run('rev-parse', 'HEAD:a.txt', 'HEAD:bin.dat', 'HEAD:out', 'HEAD:inside', 'HEAD:dir', 'HEAD:dir/long.txt', 'HEAD')).trim().split('\n');
    const names = [...ids, '0'.repeat(40)];
    const expected = await readBlobs(isolatedGit(repo.root), names);
    assert.equal(expected.get(ids[2])?.text, '../outside', "a link's blob is its target's text");
    const { git: once, commands } = await loggingGit(repo.root, { readConfigOnce: true });
    const [byId, followed] = await Promise.all([readBlobs(once, names), readBlobs(once, ['HEAD:inside', 'HEAD:out'], { followLinks: true })]);
    assert.deepEqual(byId, expected);
    assert.equal(followed.get('HEAD:inside')?.text, 'in\n');
    assert.equal(followed.has('HEAD:out'), false);
    assert.deepEqual(await readBlobs(once, names), expected, 'and again, in turn');
    assert.deepEqual((await commands()).filter((command) => command === 'cat-file'), ['cat-file']);
  });

  it('starts another once the kept one has ended, idle', async function () {
    this.timeout(20_000);
    const repo = await repositoryWithObjects();
    const { git: once, commands } = await loggingGit(repo.root, { readConfigOnce: true });
    assert.equal((await readBlobs(once, ['HEAD:a.txt'])).get('HEAD:a.txt')?.text, 'a\n');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.equal((await readBlobs(once, ['HEAD:in.txt'])).get('HEAD:in.txt')?.text, 'in\n');
    assert.deepEqual((await commands()).filter((command) => command === 'cat-file'), ['cat-file', 'cat-file']);
  });

  it('fails as a process each fails: outside a repository, and where git is not installed', async () => {
    const folder = await tempDir('not-a-repository');
    const kind = (error: unknown) => (error as { kind?: string }).kind;
    const plainError = await readBlobs(isolatedGit(folder), ['HEAD:a.txt']).catch(kind);
    assert.equal(plainError, 'not-a-repository');
    const once = isolatedGit(folder, { readConfigOnce: true });
    assert.equal(await readBlobs(once, ['HEAD:a.txt']).catch(kind), plainError);
    assert.equal(await readBlobs(once, ['HEAD:a.txt']).catch(kind), plainError, 'and again, with a process of its own');
    const noGit = isolatedGit(folder, { readConfigOnce: true, gitPath: path.join(folder, 'git') });
    assert.equal(await readBlobs(noGit, ['HEAD:a.txt']).catch(kind), 'not-installed');
  });

  it('is not kept for a Git that does not live for one command', async () => {
    const repo = await repositoryWithObjects();
    const { git, commands } = await loggingGit(repo.root);
    for (let batch = 0; batch < 3; batch++) await readBlobs(git, ['HEAD:a.txt']);
    assert.equal((await commands()).filter((command) => command === 'cat-file').length, 3);
  });
});
