// Commands that run code given to them as text rather than as a file: a
// shell with `-c`, or reading a here-document, a here-string or a pipe
// (`bash <<'EOF'`, `echo 'rm f' | sh`); `source /dev/stdin`, `trap`, `alias`,
// `env -S`, `su -c`, `script -c`, `watch`, `parallel`. The code is read as
// the command line it is; code only the running command has is unnamed.
import { operands, optionValue, target, valuesOf } from './shellArgs';
import type { ShellWord, SimpleCommand } from './shellWords';
import type { ShellTarget } from './shellWrites';

/** What a command reads on its standard input, as far as the line shows it. */
export interface CommandInput {
  /** A here-document's or here-string's text. */
  input?: string;
  /** The command piped into it. */
  pipedFrom?: SimpleCommand;
}

/** How a command line is read (shellWrites), one level deeper. */
type ReadCode = (code: string) => ShellTarget[];

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh']);

/**
 * The text a command reads on its input: a here-document, a here-string, or
 * what `echo`, `printf` or `cat <<EOF` pipe into it; `unknown` when a pipe
 * brings what only the running command prints; undefined when nothing is
 * given (a terminal, or a file the agent's tool does not show).
 */
export function inputText({ input, pipedFrom }: CommandInput): string | 'unknown' | undefined {
  if (input !== undefined) return input;
  if (!pipedFrom) return undefined;
  const [name, ...args] = pipedFrom.words;
  if (name?.text === 'echo' && !args.some((arg) => arg.dynamic)) return operands(args).map((arg) => arg.text).join(' ');
  if (name?.text === 'printf' && args.length > 1 && !args.some((arg) => arg.dynamic)) return args.slice(1).map((arg) => arg.text).join('\n');
  if (name?.text === 'cat' && args.length === 0 && pipedFrom.input !== undefined) return pipedFrom.input;
  return 'unknown';
}

function unread(what: string): ShellTarget[] {
  return [{ path: '', effect: 'write', unnamed: what }];
}

/** A script run from a file: not read, unless its name is the shell's to know (a process substitution, a variable). */
function scriptFile(program: string, file: ShellWord): ShellTarget[] {
  return file.dynamic ? unread(`what \`${program} ${file.text}\` runs`) : [];
}

/** Code read as a command line, or unnamed when only the running command has it. */
function code(text: ShellWord | string | undefined, what: string, read: ReadCode): ShellTarget[] {
  if (text === undefined) return [];
  if (typeof text !== 'string' && text.dynamic) return unread(`what \`${what} ${text.text}\` runs`);
  return read(typeof text === 'string' ? text : text.text);
}

/** The targets of the code these commands run; undefined for any other program. */
export function scriptTargets(program: string, args: ShellWord[], given: CommandInput, read: ReadCode): ShellTarget[] | undefined {
  if (SHELLS.has(program)) {
    // `-c` alone or among other flags (`bash -lc '…'`, `sh -ec '…'`): the script is the first operand.
    const valued = ['-o', '+o', '-O', '+O', '--rcfile', '--init-file'];
    if (args.some((arg) => /^-[a-zA-Z]*c[a-zA-Z]*$/.test(arg.text))) return code(operands(args, valued)[0], `${program} -c`, read);
    // A script file is not read (the sandbox and the backstop see what it changes), unless only the shell
    // knows it (`bash <(curl …)`); without one, the shell runs its input.
    const [script] = operands(args, valued);
    if (script) return scriptFile(program, script);
    const text = inputText(given);
    return text === 'unknown' ? unread(`what the input of \`${program}\` runs`) : code(text, program, read);
  }
  switch (program) {
    case 'source':
    case '.': {
      const [file] = operands(args);
      if (file && file.text !== '/dev/stdin' && file.text !== '-') return scriptFile(program, file);
      const text = inputText(given);
      return text === 'unknown' ? unread(`what \`${program} /dev/stdin\` runs`) : code(text, program, read);
    }
    case 'trap': {
      const [action, ...signals] = operands(args);
      return action && action.text !== '-' && signals.length > 0 ? code(action, 'trap', read) : [];
    }
    case 'alias':
      // The alias runs later under its own name: what it would write is judged where it is made.
      return args.flatMap((arg) => {
        const value = /^[^=\s]+=(.*)$/s.exec(arg.text)?.[1];
        return value === undefined ? [] : code({ ...arg, text: value }, 'alias', read);
      });
    case 'su':
      return code(optionValue(args, ['-c', '--command']), 'su -c', read);
    case 'script': {
      const command = optionValue(args, ['-c', '--command'], ['-c', '--command', '-E', '--echo', '-I', '--log-in', '-O', '--log-out', '-B', '--log-io', '-T', '--log-timing', '-m', '--logging-format', '-o', '--output-limit']);
      // Its last operand is the file it records the session in.
      const [log] = operands(args, ['-c', '--command', '-E', '--echo', '-I', '--log-in', '-O', '--log-out', '-B', '--log-io', '-T', '--log-timing', '-m', '--logging-format', '-o', '--output-limit']).slice(-1);
      return [...code(command, 'script -c', read), ...(log ? target(log, 'write') : [])];
    }
    case 'watch':
      return code(operands(args, ['-n', '--interval', '-d', '--differences', '-q', '--equexit']).map((arg) => arg.text).join(' ') || undefined, 'watch', read);
    case 'parallel': {
      // `parallel CMD ::: a b`: CMD once for each argument, as xargs would.
      const split = args.findIndex((arg) => arg.text === ':::');
      if (split < 0) return inputText(given) === undefined ? [] : unread('the files `parallel` is given');
      const command = operands(args.slice(0, split), ['-j', '--jobs', '-S', '--sshlogin', '--joblog', '--results', '-a', '--arg-file']).map((arg) => arg.text).join(' ');
      return args.slice(split + 1).flatMap((arg) => (arg.dynamic ? unread(`the files \`parallel\` gives \`${command}\``) : read(command.includes('{}') ? command.replaceAll('{}', arg.text) : `${command} ${arg.text}`)));
    }
    default:
      return undefined;
  }
}

/** `env -S 'cmd args'` (`--split-string`): the string is the command line env runs. */
export function envSplitString(words: ShellWord[], read: ReadCode): ShellTarget[] {
  const at = words.findIndex((word) => word.text === 'env');
  if (at < 0) return [];
  const [split] = valuesOf(words.slice(at + 1), 'S', '--split-string');
  return split ? code(split, 'env -S', read) : [];
}
