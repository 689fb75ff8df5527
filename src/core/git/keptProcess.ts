// One git process kept for a Git that lives for one command, answering a
// batch of input lines at a time (`cat-file --batch`): reading the policy
// files, the change's blobs and the links inside a commit takes ten or more
// batches in turn, and each started a git process of its own (about 4 ms of
// CPU each, node's spawn and git's start). The process holds nothing between
// batches that git would not read again: cat-file looks each name up anew,
// and a pack fetched meanwhile is found on a miss.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Socket } from 'node:net';
import { GitError } from './gitError';

/** What reads one batch's answers: given git's output from where the batch's answers start, it says how many bytes were its own. */
export interface BatchAnswers {
  /** Reads from `chunk`; returns how many of its bytes belong to this batch (all of them while its answers go on). */
  push(chunk: Buffer): number;
  /** Every answer has come. */
  readonly finished: boolean;
}

interface Batch {
  answers: BatchAnswers;
  /** Bytes of output read for it so far. */
  bytes: number;
  resolve(): void;
  reject(error: unknown): void;
}

/** How long a kept process waits, idle, before its input is closed and it exits: a command reads in bursts, and a process of tests holds many Gits. */
const IDLE_MS = 1000;

export class KeptProcess {
  private readonly waiting: Batch[] = [];
  private stderr = '';
  private ended = false;
  private idle: NodeJS.Timeout | undefined;

  /**
   * `child`: git started with its three pipes. `failure`: the error for
   * batches still waiting when it exits (with its status) or cannot start.
   * `onExit`: told once it has ended, so its owner starts another for the
   * next batch. `limit`: the most output one batch may have, and its error,
   * as a process each is held to one.
   */
  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly failure: (exit: number | NodeJS.ErrnoException, stderr: string) => Error,
    private readonly onExit: () => void,
    private readonly limit: { bytes: number; error(): Error },
  ) {
    child.stdout.on('data', (chunk: Buffer) => this.take(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 64 * 1024) this.stderr += chunk.toString('utf8');
    });
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => this.exited(this.failure(error, this.stderr)));
    child.on('close', (code, signal) => this.exited(this.failure(code ?? (signal ? 128 : 1), this.stderr)));
    this.rest();
  }

  /** Writes `input` (whole lines) and resolves once `answers` has read all of its answers. */
  run(input: string, answers: BatchAnswers): Promise<void> {
    if (this.ended) return Promise.reject(new GitError('failed', 'The git process kept for reading has exited.'));
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ answers, bytes: 0, resolve, reject });
      this.busy();
      this.child.stdin.write(input);
    });
  }

  private take(chunk: Buffer): void {
    // Ended with batches waiting: a reader failed, and no later batch can trust where the output stands; they fail as it exits.
    if (this.ended) return;
    let offset = 0;
    while (offset < chunk.length && this.waiting.length > 0) {
      const batch = this.waiting[0]!;
      try {
        const read = batch.answers.push(offset === 0 ? chunk : chunk.subarray(offset));
        offset += read;
        batch.bytes += read;
        if (batch.bytes > this.limit.bytes) throw this.limit.error();
      } catch (error) {
        this.waiting.shift();
        batch.reject(error);
        this.end();
        return;
      }
      if (!batch.answers.finished) return;
      this.waiting.shift();
      batch.resolve();
    }
    if (this.waiting.length === 0) this.rest();
  }

  /** While a batch waits, the process keeps node's event loop alive; idle, it does not. */
  private busy(): void {
    clearTimeout(this.idle);
    this.idle = undefined;
    this.child.ref();
    socket(this.child.stdout).ref();
  }

  private rest(): void {
    this.child.unref();
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) socket(stream).unref();
    this.idle ??= setTimeout(() => this.end(), IDLE_MS).unref();
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.idle);
    this.onExit();
    this.child.stdin.end();
  }

  private exited(error: Error): void {
    if (!this.ended) {
      this.ended = true;
      clearTimeout(this.idle);
      this.onExit();
    }
    for (const batch of this.waiting.splice(0)) batch.reject(error);
  }
}

/** A child's pipe is a socket, which node's types do not say of stdin, stdout and stderr. */
function socket(stream: object): Socket {
  return stream as Socket;
}
