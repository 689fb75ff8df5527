import * as path from 'node:path';
import { joinBase, rebased, takesNextWord, target } from './shellArgs';
import { indirectTargets } from './shellIndirect';
import { programTargets } from './shellPrograms';
import { envSplitString, inputText, scriptTargets } from './shellScripts';
import { toolTargets } from './shellTools';
import { ShellVariables } from './shellVariables';
import { expandBraces, MAX_BRACE_WORDS, parseShell, type ShellWord, type SimpleCommand } from './shellWords';

// The files a shell command line writes: its redirections, and what each of
// its commands writes, read from the line as the shell would run it (compound
// commands, `cd`, wrappers such as sudo, variables it sets). Per program:
// shellPrograms.ts (tee, sed -i, cp, mv, rm, tar -x, curl -o, git, …),
// shellIndirect.ts (find, xargs, inline code), shellScripts.ts (code given
// as text), shellTools.ts (formatters, editors, archives). A file only the
// shell knows (a variable read at run time, a substitution) is an unnamed
// target: the guard asks rather than lets it pass.

export type WriteEffect =
  /** The file's content or mode changes, or it is created. */
  | 'write'
  /** The file is removed (rm, the source of mv). */
  | 'delete'
  /** The file goes back to the last commit's version (`git checkout HEAD -- f`): undoing an edit is never refused. */
  | 'restore-head'
  /** The file goes back to the index's version (`git restore f`): the last commit's, unless a change to it is staged. */
  | 'restore-index';

export interface ShellTarget {
  /** As written, joined to any `cd` before it; relative to the command's folder unless absolute. */
  path: string;
  effect: WriteEffect;
  /** A pattern the shell expands: judged by the folder before its first wildcard. */
  glob?: boolean;
  /** cp, mv, install and ln: what is copied, as written (joined to any `cd`); the files land in `path` as their names, or as a folder's files. */
  sources?: string[];
  /** A patch file (`git apply`, `patch`): the files it names are what is written. */
  patch?: boolean;
  /** A git pathspec from the repository's top (`:/f`, `:(top)f`): `path` is from the top of the repository around this folder. */
  top?: string;
  /** A git pathspec matched in any case (`:(icase)claude.md`): every tracked file whose path differs only in case. */
  anyCase?: boolean;
  /** Not a file: a git setting the guard reads to know who the PM is (`git config user.email`), named as the command sets it. */
  setting?: string;
  /**
   * The file is known only when the command runs: what the command says of it
   * (`$f`, "the files `xargs` gives `rm`"). `path` holds what is known, judged
   * by its folder before the first `$` or wildcard.
   */
  unnamed?: string;
  /**
   * Not one file: the files these commits change (`git cherry-pick`, `git
   * revert`), or a stash holds (`stash:stash@{0}`, for `git stash pop`),
   * which git itself lists.
   */
  changesOf?: string[];
}

/** Words that run the rest of the line as a command, with their options that take a value (`nice -n 5`, `env -u NAME`). */
const WRAPPERS = new Map<string, string[]>([
  ['sudo', ['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '--user', '--group', '--host', '--prompt', '--chdir']],
  ['doas', ['-u', '-C']],
  ['command', []], ['builtin', []], ['nohup', []], ['setsid', []],
  ['exec', ['-a']],
  ['time', ['-f', '-o', '--format', '--output']],
  ['nice', ['-n', '--adjustment']],
  ['ionice', ['-c', '-n', '-p', '--class', '--classdata']],
  ['env', ['-u', '-C', '-S', '--unset', '--chdir', '--split-string']],
  ['stdbuf', ['-i', '-o', '-e']],
  ['coproc', []], ['busybox', []],
  ['watch', ['-n', '--interval']], ['strace', ['-o', '-e', '-p', '-s', '-u', '-E', '-a', '-b', '-I', '-O', '-P', '-S', '-X']], ['ltrace', ['-o', '-e', '-p', '-s', '-u', '-E', '-a', '-n']],
  // Package runners: `npx prettier --write .` runs prettier.
  ['npx', ['-p', '--package']], ['bunx', ['-p', '--package']], ['pnpx', []],
]);
/** Two words that run the rest of the line as a command (`pnpm exec eslint`, `uv run black`, `bundle exec rubocop`). */
const RUNNERS = new Set(['npm exec', 'pnpm exec', 'pnpm dlx', 'yarn exec', 'yarn dlx', 'yarn run', 'npm x', 'uv run', 'uvx', 'poetry run', 'pipenv run', 'pdm run', 'hatch run', 'rye run', 'bundle exec']);
/** Wrappers whose first operand is theirs, not the command's: `timeout 5 cmd`. */
const WRAPPERS_WITH_OPERAND = new Map<string, string[]>([
  ['timeout', ['-s', '-k', '--signal', '--kill-after']],
  // `chrt 10 cmd`, `taskset 0x1 cmd`, `flock /tmp/lock cmd`.
  ['chrt', []], ['taskset', []], ['flock', ['-w', '--wait', '--timeout', '-E', '--conflict-exit-code']],
]);
const WRITE_REDIRECTIONS = new Set(['>', '>>', '>|', '&>', '&>>', '<>', '>&']);
/** Words that open or continue a compound command: what follows them is the command that runs (`then rm f`, `! rm f`, `{ rm f; }`). */
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{']);

export function shellWrites(command: string, depth = 0): ShellTarget[] {
  const parsed = parseShell(command);
  const targets: ShellTarget[] = [];
  const variables = new ShellVariables();
  // The folder the command runs in, from the one it started in; a `$` where only the shell knows it.
  let base = '';
  // `pushd` keeps the folders `popd` goes back to.
  const stack: string[] = [];
  for (const simple of parsed.commands) {
    // `function f { …; }`: the body is what runs (when f is called), read where it is written.
    const declared = simple.words[0]?.text === 'function' ? simple.words.slice(2) : simple.words;
    const reserved = declared.findIndex((word) => !RESERVED.has(word.text));
    const given = reserved < 0 ? [] : declared.slice(reserved);
    if (variables.record(given) && simple.redirections.length === 0) continue;
    const words = commandWords(given.flatMap((word) => variables.substitute(word)).flatMap(expanded));
    if (words[0]?.text === 'cd' || words[0]?.text === 'pushd' || words[0]?.text === 'popd') {
      if (words[0].text === 'pushd') stack.push(base);
      base = words[0].text === 'popd' ? stack.pop() ?? '$(popd)' : changedFolder(base, words, given.some((word) => word.text.startsWith('CDPATH=')) || variables.has('CDPATH'));
      continue;
    }
    // `env -C dir cmd`, `sudo -D dir cmd`: the command runs in that folder.
    const runsIn = chdirOf(given);
    const here = runsIn === undefined ? base : joinBase(base, runsIn.dynamic ? `$(cd ${runsIn.text})` : runsIn.text);
    const redirections = simple.redirections.map((r) => ({ ...r, target: variables.substitute(r.target) }));
    const stdin = redirections.find((r) => r.op === '<')?.target[0];
    // Redirections are the shell's, opened before env changes folder.
    const environment = given.slice(0, Math.max(0, given.findIndex((word) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word.text))));
    const commanded = [...commandTargets(words, depth, { stdin, pipedFrom: simple.pipedFrom, environment, input: simple.input }), ...envSplitString(given, readDeeper(depth))];
    const found = [...redirectionTargets(redirections).map((written) => ({ written, folder: base })), ...commanded.map((written) => ({ written, folder: here }))];
    for (const { written, folder } of found) targets.push(written.setting === undefined && written.changesOf === undefined ? placed(rebased(written, folder)) : written);
  }
  if (depth < 2) for (const substitution of parsed.substitutions) targets.push(...shellWrites(substitution, depth + 1));
  return depth === 0 ? withoutTransient(targets) : targets;
}

/**
 * A file the line writes and then moves or removes (`jq . f > f.tmp && mv
 * f.tmp f`) is gone when the line ends: its removal is judged (a file the
 * last commit does not have may always go), and what it lands on, not it.
 */
function withoutTransient(targets: ShellTarget[]): ShellTarget[] {
  const same = (a: ShellTarget, b: ShellTarget) => a.path === b.path && a.unnamed === b.unnamed && Boolean(a.glob) === Boolean(b.glob);
  return targets.filter((written, at) => {
    if (written.effect !== 'write' || written.sources || written.patch || written.setting !== undefined || written.changesOf) return true;
    return !targets.slice(at + 1).some((later) => later.effect === 'delete' && same(later, written));
  });
}

/**
 * The folder `cd dir` or `pushd dir` goes to. `cd -P dir`: the folder is the
 * first word that is not an option, read as any path is (`~+/dir`, `~/dir`);
 * `cd` alone goes home; `cd -`, `~user`, and a bare name `CDPATH` may send
 * elsewhere, only the shell can follow.
 */
function changedFolder(base: string, words: ShellWord[], cdpath: boolean): string {
  const to = words.slice(1).find((word) => !/^-[LPe@]+$/.test(word.text));
  const [folder] = to === undefined ? [{ path: '~' }] : target(to, 'write');
  if (folder === undefined || (cdpath && !/^(\.{1,2}(\/|$)|\/|~)/.test(folder.path))) return `$(cd ${to?.text})`;
  return joinBase(base, folder.path);
}

/** The folder `env -C dir` (`--chdir`) or `sudo -D dir` (`--chdir`) runs its command in. */
function chdirOf(words: ShellWord[]): ShellWord | undefined {
  const at = words.findIndex((word) => word.text === 'env' || word.text === 'sudo');
  if (at < 0) return undefined;
  const letter = words[at].text === 'env' ? 'C' : 'D';
  for (let next = at + 1; next < words.length && words[next].text.startsWith('-'); next++) {
    const { text } = words[next];
    if (text === `-${letter}` || text === '--chdir') return words[next + 1];
    if (text.startsWith(`-${letter}`) && !text.startsWith('--')) return { ...words[next], text: text.slice(2) };
    if (text.startsWith('--chdir=')) return { ...words[next], text: text.slice('--chdir='.length) };
  }
  return undefined;
}

/** A target whose place holds a `$` (a variable, a folder only the shell can follow) is unnamed. */
function placed(written: ShellTarget): ShellTarget {
  if (written.top !== undefined && /[$`]/.test(written.top)) return { path: `${written.top}/${written.path}`, effect: written.effect, unnamed: written.unnamed ?? written.top };
  if (written.unnamed === undefined && /[$`]/.test(written.path)) return { ...written, unnamed: written.path };
  return written;
}

/** A word as the words its braces expand to (`{CLAUDE,README}.md`). */
function expanded(word: ShellWord): ShellWord[] {
  if (!word.braces || word.dynamic) return [word];
  const words = expandBraces(word.text).map((text) => ({ ...word, text }));
  // Cut short at the limit: the words beyond it are the shell's to know.
  return words.length < MAX_BRACE_WORDS ? words : [...words, { ...word, dynamic: true }];
}

/** The words from the command name on: assignments (`A=1 cmd`) and wrappers (`sudo cmd`) dropped. */
function commandWords(words: ShellWord[]): ShellWord[] {
  let at = 0;
  while (at < words.length) {
    const word = words[at];
    const valued = WRAPPERS.get(word.text) ?? WRAPPERS_WITH_OPERAND.get(word.text);
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word.text)) at++;
    else if (RUNNERS.has(`${word.text} ${words[at + 1]?.text}`)) {
      at += 2;
      if (words[at]?.text === '--') at++;
    } else if ((word.text === 'yarn' || word.text === 'pnpm') && words[at + 1] && toolTargets(words[at + 1].text, []) !== undefined) at++;
    else if (/^python[\d.]*$/.test(word.text) && words[at + 1]?.text === '-m' && words[at + 2]) at += 2;
    else if (RESERVED.has(word.text)) at++;
    else if (valued) {
      at++;
      // `sudo -nu root cmd`: a cluster of flags ending in one that takes a value takes the next word.
      while (words[at]?.text.startsWith('-') && words[at].text !== '--') at += takesNextWord(words[at].text, valued) ? 2 : 1;
      if (words[at]?.text === '--') at++;
      if (WRAPPERS_WITH_OPERAND.has(word.text)) at++;
    } else break;
  }
  return words.slice(at);
}

function redirectionTargets(redirections: { op: string; target: ShellWord[] }[]): ShellTarget[] {
  return redirections.filter((r) => WRITE_REDIRECTIONS.has(r.op)).flatMap((r) => r.target.flatMap((word) => target(word, 'write')));
}

/** Code only the shell has (`sh -c "$CMD"`, `eval "$CMD"`, a script nested too deep to read): whatever it writes is unnamed. */
function unreadCode(program: string, code: string): ShellTarget[] {
  return [{ path: '', effect: 'write', unnamed: `what \`${program} ${code}\` runs` }];
}

/** What a command is given besides its words. */
interface CommandContext {
  /** The file a `<` redirection gives it to read. */
  stdin?: ShellWord;
  /** The command whose output it reads. */
  pipedFrom?: SimpleCommand;
  /** The assignments before it (`GIT_WORK_TREE=… git …`). */
  environment?: ShellWord[];
  /** The here-document or here-string it reads. */
  input?: string;
}

/** Code read as a command line one level deeper; nested too deep, it is the shell's to know. */
function readDeeper(depth: number): (code: string) => ShellTarget[] {
  return (code) => (depth < 2 ? shellWrites(code, depth + 1) : unreadCode('sh -c', code));
}

export function commandTargets(words: ShellWord[], depth: number, { stdin, pipedFrom, environment = [], input }: CommandContext = {}): ShellTarget[] {
  const [name, ...args] = words;
  // A command only the shell knows (`$EDITOR f`, `"$RUN" f`): what it writes is unnamed.
  if (!name) return [];
  if (name.dynamic) return unreadCode(name.text, args.map((arg) => arg.text).join(' '));
  const program = path.posix.basename(name.text);
  const indirect = scriptTargets(program, args, { input, pipedFrom }, readDeeper(depth))
    ?? indirectTargets(program, args, pipedFrom, (inner) => commandTargets(inner, depth + 1), inputText({ input, pipedFrom }))
    ?? toolTargets(program, args);
  if (indirect) return indirect;
  if (program === 'eval') {
    const code = args.map((arg) => arg.text).join(' ');
    return args.some((arg) => arg.dynamic) ? unreadCode('eval', code) : readDeeper(depth)(code);
  }
  return programTargets(program, args, { stdin, pipedFrom, environment });
}
