// Questions on a terminal: one line of standard input per answer. Only asked
// when both standard input and standard output are a terminal; a script, a
// pipe or CI gets the defaults and the flags instead, and never waits.
import type { CliIo } from './run';

export interface Prompt {
  /** A yes-or-no question; an empty answer takes `fallback`. */
  confirm(question: string, fallback: boolean): Promise<boolean>;
  /** A line of text; an empty answer is ''. */
  line(question: string): Promise<string>;
}

export function terminalPrompt(io: CliIo): Prompt {
  const lines = linesOf(io.stdin);
  const ask = async (question: string): Promise<string> => {
    io.stdout.write(question);
    const next = await lines.next();
    // Standard input closed: every question that is left takes its default.
    return next.done ? '' : next.value.trim();
  };
  return {
    async confirm(question, fallback) {
      for (;;) {
        const answer = (await ask(`${question} ${fallback ? '[Y/n]' : '[y/N]'} `)).toLowerCase();
        if (answer === '') return fallback;
        if (/^y(es)?$/.test(answer)) return true;
        if (/^no?$/.test(answer)) return false;
        io.stdout.write('Answer y or n.\n');
      }
    },
    line: ask,
  };
}

async function* linesOf(input: AsyncIterable<string | Buffer> | undefined): AsyncGenerator<string> {
  if (!input) return;
  let pending = '';
  for await (const chunk of input) {
    pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let end = pending.indexOf('\n');
    while (end >= 0) {
      yield pending.slice(0, end).replace(/\r$/, '');
      pending = pending.slice(end + 1);
      end = pending.indexOf('\n');
    }
  }
  if (pending !== '') yield pending;
}
