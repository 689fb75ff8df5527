import * as assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { handedPayload, readPayload } from '../../../src/cli/guardPayload';
import { PAYLOAD_HANDED } from '../../../src/core/agents/guardKeys';

// The payload is read by listening to standard input instead of iterating it: every reading is held to the iterator's.
describe("the guard's payload", () => {
  const iterated = async (stream: NodeJS.ReadableStream): Promise<{ payload?: string; failed?: boolean }> => {
    try {
      let payload = '';
      for await (const chunk of stream) payload += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
      return { payload };
    } catch {
      return { failed: true };
    }
  };
  const listened = async (stream: NodeJS.ReadableStream): Promise<{ payload?: string; failed?: boolean }> => {
    try {
      return { payload: await readPayload(stream) };
    } catch {
      return { failed: true };
    }
  };
  const text = JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: 'src/Äuth/séssion.ts', new_string: '€ 𝄞 ok' } });
  const bytes = Buffer.from(text, 'utf8');

  it('reads what the iterator read, in one chunk or cut anywhere (a character split across chunks too)', async () => {
    const chunkings: Buffer[][] = [[bytes], [], [Buffer.alloc(0)]];
    for (let cut = 1; cut < bytes.length; cut++) chunkings.push([bytes.subarray(0, cut), bytes.subarray(cut)]);
    for (let size = 1; size <= 7; size++) {
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
      chunkings.push(chunks);
    }
    for (const chunks of chunkings) {
      assert.deepEqual(await listened(Readable.from(chunks, { objectMode: false })), await iterated(Readable.from(chunks, { objectMode: false })), `${chunks.length} chunks`);
    }
  });

  it("reads the launcher line's stream, ended before the guard reads it, as the iterator did", async () => {
    const stream = () => {
      const passed = new PassThrough();
      passed.end(bytes);
      return passed;
    };
    assert.deepEqual(await listened(stream()), { payload: text });
    assert.deepEqual(await listened(stream()), await iterated(stream()));
  });

  it('reads text chunks (an encoding set) as the iterator did', async () => {
    const stream = () => {
      const passed = new PassThrough();
      passed.setEncoding('utf8');
      passed.write(bytes.subarray(0, 40));
      passed.end(bytes.subarray(40));
      return passed;
    };
    assert.deepEqual(await listened(stream()), await iterated(stream()));
  });

  it('fails where the iterator failed: an error, a close before the end, a stream destroyed before it was read', async () => {
    const failing = () => {
      const passed = new PassThrough();
      passed.write(bytes.subarray(0, 10));
      setImmediate(() => passed.destroy(new Error('broken pipe')));
      return passed;
    };
    const closing = () => {
      const passed = new PassThrough();
      passed.write(bytes.subarray(0, 10));
      setImmediate(() => passed.destroy());
      return passed;
    };
    const destroyed = () => {
      const passed = new PassThrough();
      passed.destroy();
      return passed;
    };
    for (const make of [failing, closing, destroyed]) {
      assert.deepEqual(await listened(make()), { failed: true });
      assert.deepEqual(await iterated(make()), { failed: true });
    }
  });

  it('reads an ended, emptied stream as empty, as the iterator did', async () => {
    const stream = () => {
      const passed = new PassThrough();
      passed.end();
      passed.resume();
      return passed;
    };
    const ended = stream();
    await new Promise((resolve) => ended.once('end', resolve));
    const other = stream();
    await new Promise((resolve) => other.once('end', resolve));
    assert.deepEqual(await listened(ended), await iterated(other));
  });

  it('takes the bytes the hook line handed over, decoded whole, as the stream of them reads; none where none were handed', async () => {
    const handed = globalThis as Record<symbol, unknown>;
    try {
      assert.equal(handedPayload(), undefined);
      handed[Symbol.for(PAYLOAD_HANDED)] = bytes;
      const passed = new PassThrough();
      passed.end(bytes);
      assert.equal(handedPayload(), await readPayload(passed));
      assert.equal(handedPayload(), text);
      // Anything but bytes is not an event the line handed over.
      handed[Symbol.for(PAYLOAD_HANDED)] = text;
      assert.equal(handedPayload(), undefined);
    } finally {
      delete handed[Symbol.for(PAYLOAD_HANDED)];
    }
  });
});
