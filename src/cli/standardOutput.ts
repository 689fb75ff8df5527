import { fstatSync, writeSync } from 'node:fs';

// Node makes process.stdout and process.stderr on first use: its stream
// modules and a socket or a file stream, about 2.5 ms of CPU on a pipe, an
// eighth of node's own start, paid by every command for a few lines. A
// command that writes its answer and ends writes them to the descriptor
// instead where it is a file, a pipe or a socket, as node itself writes to a
// file and, on Linux, to a pipe: each write whole before the next. A
// terminal (colours, a prompt, its width), anything else and Windows still
// get node's stream. Not for the commands of dist/run.js: `mcp` reads
// standard input while it writes, where a write that waits for its reader
// could wait on a reader that waits for it. The guard writes only after it
// has read its payload to the end, so it writes directly too.

export interface Output {
  write(text: string): boolean;
  isTTY?: boolean;
}

/** Node's stream, as commandOutput takes it: `written` is called once what was written before it is out. */
export interface StreamOutput extends Output {
  write(text: string, written?: () => void): boolean;
}

export interface CommandOutput extends Output {
  /**
   * Calls `done` once everything written is out: at once where it went to
   * the descriptor itself or nothing was written, else when node's stream
   * has written it (a program that ends with process.exit waits for this).
   */
  whenWritten(done: () => void): void;
}

/**
 * Standard output (1) or error (2) for a command that writes its answer and
 * ends; `stream()` gives node's stream, made when it is first written to or
 * asked whether it is a terminal: a standard error nothing is written to (a
 * command that succeeds) costs no stream.
 */
export function commandOutput(fd: 1 | 2, stream: () => StreamOutput): CommandOutput {
  if (writesDirectly(fd)) return { ...descriptorOutput(fd), whenWritten: (done) => done() };
  let made: StreamOutput | undefined;
  const once = () => (made ??= stream());
  return {
    write: (text) => once().write(text),
    get isTTY() {
      return once().isTTY;
    },
    whenWritten: (done) => (made ? made.write('', done) : done()),
  };
}

function writesDirectly(fd: number): boolean {
  if (process.platform === 'win32') return false;
  try {
    const kind = fstatSync(fd);
    return kind.isFIFO() || kind.isFile() || kind.isSocket();
  } catch {
    // Closed (`>&-`): node's stream for it is a sink that drops the text, as it was.
    return false;
  }
}

/**
 * Writes to `fd` at once, all of it. A reader that went away (`pm-zone … |
 * head`) is not an error worth a word, as with node's stream: the rest is
 * dropped and the command still ends with its own status. A descriptor
 * another program left non-blocking is waited on, a millisecond at a time.
 */
export function descriptorOutput(fd: number): Output {
  let readerGone = false;
  return {
    write(text: string): boolean {
      if (readerGone || text === '') return true;
      const bytes = Buffer.from(text, 'utf8');
      let written = 0;
      while (written < bytes.length) {
        try {
          written += writeSync(fd, bytes, written, bytes.length - written);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EPIPE') {
            readerGone = true;
            return true;
          }
          if (code !== 'EAGAIN') throw error;
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
        }
      }
      return true;
    },
  };
}
