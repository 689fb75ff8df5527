// Standard output written to its descriptor (src/cli/standardOutput.ts): as
// node's own stream, every byte in order, a reader that went away is no
// error, and a descriptor another program left non-blocking is waited on.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commandOutput, descriptorOutput } from '../../../src/cli/standardOutput';

const posix = process.platform !== 'win32';

describe('standard output written to its descriptor', function () {
  this.timeout(30_000);
  let scratch = '';
  beforeEach(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'pm-zone-output-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  const fifo = (): string => {
    const at = path.join(scratch, 'fifo');
    execFileSync('mkfifo', [at]);
    return at;
  };

  it('a file, a pipe or a socket is written directly; anything else gets node\'s stream, made on its first use', function () {
    if (!posix) this.skip();
    const file = openSync(path.join(scratch, 'out'), 'w');
    const pipe = openSync(fifo(), constants.O_RDWR);
    let made = 0;
    const written: string[] = [];
    const stream = () => {
      made += 1;
      return { write: (text: string) => written.push(text) > 0, isTTY: true };
    };
    try {
      for (const fd of [file, pipe]) {
        const output = commandOutput(fd as 1, stream);
        assert.equal(output.isTTY, undefined);
        output.write('direct\n');
      }
      assert.equal(made, 0);
      assert.deepEqual(written, []);
      assert.equal(readFileSync(path.join(scratch, 'out'), 'utf8'), 'direct\n');
      // /dev/null, like a terminal, is a character device: node's stream, which knows terminals, made once when first
      // asked for; a closed descriptor (`>&-`) too, node's stream dropping the text.
      const devNull = openSync(os.devNull, 'w');
      try {
        for (const fd of [devNull, 987]) {
          const madeBefore: number = made;
          const output = commandOutput(fd as 1, stream);
          assert.equal(made, madeBefore, 'no stream before it is used');
          assert.equal(output.isTTY, true);
          output.write('one\n');
          output.write('two\n');
          assert.equal(made, madeBefore + 1);
        }
        assert.deepEqual(written, ['one\n', 'two\n', 'one\n', 'two\n']);
      } finally {
        closeSync(devNull);
      }
    } finally {
      closeSync(file);
      closeSync(pipe);
    }
  });

  it('writes every byte of a text larger than a pipe holds, through a descriptor left non-blocking, in order', async function () {
    if (!posix) this.skip();
    const at = fifo();
    const out = path.join(scratch, 'out');
    // Both ends in one non-blocking description, as a program that set O_NONBLOCK on a shared pipe leaves it: the
    // writes meet EAGAIN (a pipe holds 64 KiB) until the reader, started a little later, drains it.
    const fd = openSync(at, constants.O_RDWR | constants.O_NONBLOCK);
    const reader = spawn('sh', ['-c', 'sleep 0.3; exec cat "$0" > "$1"', at, out], { stdio: 'ignore' });
    const done = new Promise<number | null>((resolve) => reader.on('close', resolve));
    const text = Array.from({ length: 30_000 }, (_, i) => `${String(i).padStart(8, '0')} ${'é'.repeat(45)}\n`).join('');
    const output = descriptorOutput(fd);
    output.write(text.slice(0, 1_000_001));
    output.write(text.slice(1_000_001));
    closeSync(fd);
    assert.equal(await done, 0);
    const bytes = Buffer.from(text, 'utf8');
    assert.equal(bytes.length, 3_000_000);
    assert.ok(readFileSync(out).equals(bytes));
  });

  it('a reader that went away: no error, and what follows is dropped', function () {
    if (!posix) this.skip();
    const at = fifo();
    const readEnd = openSync(at, constants.O_RDONLY | constants.O_NONBLOCK);
    const writeEnd = openSync(at, constants.O_WRONLY);
    closeSync(readEnd);
    try {
      const output = descriptorOutput(writeEnd);
      assert.equal(output.write('the answer\n'), true);
      assert.equal(output.write('more\n'), true);
    } finally {
      closeSync(writeEnd);
    }
  });

  it('any other failure is the write\'s error', () => {
    assert.throws(() => descriptorOutput(987).write('x'), /EBADF/);
  });

  it('says when what was written is out: at once where it went to the descriptor or nothing was written, else once node\'s stream wrote it', function () {
    if (!posix) this.skip();
    const file = openSync(path.join(scratch, 'out'), 'w');
    const devNull = openSync(os.devNull, 'w');
    const flushes: (() => void)[] = [];
    const stream = () => ({ write: (_text: string, written?: () => void) => (written ? flushes.push(written) : 0, true) });
    try {
      const told: string[] = [];
      const direct = commandOutput(file as 1, stream);
      direct.write('direct\n');
      direct.whenWritten(() => told.push('direct'));
      const unused = commandOutput(devNull as 1, stream);
      unused.whenWritten(() => told.push('nothing written'));
      assert.deepEqual(told, ['direct', 'nothing written'], 'at once: no stream holds anything');
      const streamed = commandOutput(devNull as 1, stream);
      streamed.write('held\n');
      streamed.whenWritten(() => told.push('streamed'));
      assert.deepEqual(told, ['direct', 'nothing written'], 'not before the stream says so');
      assert.equal(flushes.length, 1);
      flushes[0]();
      assert.deepEqual(told, ['direct', 'nothing written', 'streamed']);
    } finally {
      closeSync(file);
      closeSync(devNull);
    }
  });
});
