import { PAYLOAD_HANDED } from '../core/agents/guardKeys';

/**
 * The event the hook line read and handed over (launcherLine.ts), decoded
 * as UTF-8 whole; undefined where none was handed (the guard run by
 * `pm-zone guard`, or by a hook line of an earlier release), and standard
 * input is read.
 */
export function handedPayload(): string | undefined {
  const handed = (globalThis as Record<symbol, unknown>)[Symbol.for(PAYLOAD_HANDED)];
  return Buffer.isBuffer(handed) ? handed.toString('utf8') : undefined;
}

/**
 * The hook's payload: standard input read to its end, each chunk decoded as
 * UTF-8 and joined, which is what `for await (const chunk of stdin)` gave.
 * Listened to instead of iterated: a stream's async iterator sets up its
 * end-of-stream tracking and destroy handlers on the first read, about a
 * millisecond of every hook's decision, which one read to the end does not
 * need. A stream that fails, or closes before its end, rejects as the
 * iterator did (the guard then refuses the tool call); a test holds the two
 * equal on every chunking.
 */
export function readPayload(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const state = stream as NodeJS.ReadableStream & { readableEnded?: boolean; destroyed?: boolean };
    if (state.readableEnded) return resolve('');
    if (state.destroyed) return reject(new Error('standard input was closed before it was read'));
    let payload = '';
    stream.on('data', (chunk: string | Buffer) => (payload += typeof chunk === 'string' ? chunk : chunk.toString('utf8')));
    stream.once('end', () => resolve(payload));
    stream.once('error', reject);
    // Settled already by 'end' or 'error' when the stream ends or fails as streams do; otherwise it closed early.
    stream.once('close', () => reject(new Error('standard input closed before its end')));
  });
}
