// Whether a shell command is plainly read-only: the commands a pilot PM's
// agent runs to look around (ls, cat, grep, git status, git log …), which
// need no sandbox and no question. A short allow-list, read without
// guessing: anything it does not know, any redirection, command or process
// substitution, variable assignment or here-document makes the answer "no",
// and the command then runs sandboxed (or is asked about). Being wrong here
// costs half a second of sandbox, never a write.

const READERS = new Set([
  'ls', 'cat', 'head', 'tail', 'wc', 'grep', 'egrep', 'fgrep', 'rg', 'pwd', 'echo', 'printf', 'which', 'file', 'stat', 'du', 'df',
  'date', 'whoami', 'id', 'uname', 'printenv', 'cut', 'tr', 'jq', 'diff', 'cmp', 'basename', 'dirname', 'realpath', 'readlink', 'true', 'false', 'test', '[',
]);
/** git's subcommands that only read (no `-c`, no `--output`, no external diff: see below). */
const GIT_READERS = new Set(['status', 'log', 'diff', 'show', 'rev-parse', 'ls-files', 'ls-tree', 'blame', 'grep', 'shortlog', 'describe', 'cat-file', 'rev-list', 'whatchanged']);
/** find's actions that write or run something. */
const FIND_ACTIONS = /^-(exec|execdir|ok|okdir|delete|fprint|fprint0|fprintf|fls)$/;

export function plainlyReadOnly(command: string): boolean {
  return everySegment(command, readsOnly);
}

/**
 * Reads, and git's own bookkeeping: `git add` and `git commit` write only
 * into the git folder (the index, objects, a ref) and run only the hooks in
 * .git/hooks, which the sandbox keeps read-only; srt's placeholders for the
 * files it protects make `git add -A` fail inside it. A locked change they
 * commit is the backstop's to report.
 */
export function needsNoSandbox(command: string): boolean {
  return everySegment(command, (words) => readsOnly(words) || isBookkeeping(words));
}

/**
 * Whether a command may print a git patch (`git diff`, `git show`, `git log
 * -p`), which runs the external diff program git's settings name; a summary
 * alone (`--stat`, `--name-only`, `git show -s`) runs none. Yes when the
 * quoting cannot be read plainly. See geminiGitSettings.ts for why it matters.
 */
export function mayPrintGitPatch(command: string): boolean {
  const segments = splitCommands(command);
  return segments === undefined || segments.some(printsGitPatch);
}

const PATCH_OPTION = /^(-[A-Za-z]*[pu]|--patch|-U\d*$|--unified|--cc$|--patch-with)/;
const SUMMARY_OPTION = /^(--(stat|shortstat|numstat|name-only|name-status|summary|dirstat|raw|quiet|exit-code|no-patch)|-s$)/;

function printsGitPatch([program, subcommand, ...args]: string[]): boolean {
  if (program !== 'git') return false;
  if (args.some((arg) => PATCH_OPTION.test(arg))) return ['diff', 'show', 'log', 'whatchanged'].includes(subcommand);
  return (subcommand === 'diff' || subcommand === 'show') && !args.some((arg) => SUMMARY_OPTION.test(arg));
}

function everySegment(command: string, test: (words: string[]) => boolean): boolean {
  // Redirection, substitution, here-documents, background jobs: not plain.
  if (/[<>`]|\$\(|&(?!&)|\\\n/.test(command.replace(/&&/g, ''))) return false;
  const segments = splitCommands(command);
  return segments !== undefined && segments.length > 0 && segments.every(test);
}

function isBookkeeping([program, subcommand, ...args]: string[]): boolean {
  return program === 'git' && (subcommand === 'add' || subcommand === 'commit') && !args.some((arg) => /^(--exec|--template|-c$|--config)/.test(arg));
}

/** The simple commands of a list (`a && b | c; d`), each as words; undefined when the quoting cannot be read plainly. */
function splitCommands(command: string): string[][] | undefined {
  const segments: string[][] = [[]];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  const endWord = () => {
    if (inWord) segments[segments.length - 1].push(word);
    word = '';
    inWord = false;
  };
  for (let index = 0; index < command.length; index++) {
    const char = command[index];
    if (quote) {
      if (char === quote) quote = undefined;
      else if (quote === '"' && (char === '$' || char === '\\')) return undefined;
      else word += char;
      continue;
    }
    if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (char === '\\' || char === '$' && command[index + 1] === "'") {
      return undefined;
    } else if (/\s/.test(char) && char !== '\n') {
      endWord();
    } else if (char === ';' || char === '|' || char === '\n' || char === '&') {
      endWord();
      if (segments[segments.length - 1].length > 0) segments.push([]);
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote) return undefined;
  endWord();
  return segments.filter((segment) => segment.length > 0);
}

function readsOnly(words: string[]): boolean {
  const [program, ...args] = words;
  if (program.includes('=') || program.includes('/')) return false;
  if (program === 'git') {
    if (args[0] === undefined || args[0].startsWith('-')) return false;
    if (!GIT_READERS.has(args[0])) return args[0] === 'branch' && args.slice(1).every((arg) => /^(-a|-r|-v|-vv|--list|--show-current|--all)$/.test(arg));
    // git grep's pager option runs the program it names (-O, --open-files-in-pager).
    return !args.some((arg) => /^--(output|ext-diff|textconv|open-files-in-pager)/.test(arg) || arg === '-o' || (args[0] === 'grep' && /^-[A-Za-z]*O/.test(arg)));
  }
  if (program === 'find') return !args.some((arg) => FIND_ACTIONS.test(arg));
  // Readers with an option that writes or runs a program: rg's preprocessor, file's compiled magic.
  if (program === 'rg' && args.some((arg) => arg.startsWith('--pre'))) return false;
  if (program === 'file' && args.some((arg) => arg === '--compile' || /^-[A-Za-z]*C/.test(arg))) return false;
  return READERS.has(program);
}
