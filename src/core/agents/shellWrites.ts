import * as path from 'node:path';
import { joinBase, rebased, takesNextWord, target } from './shellArgs';
import { indirectTargets } from './shellIndirect';
import type { ShellCache } from './shellCache';
import type { BashParser, loadBashParser, ShellNode } from './shellParser';
import { readPlain } from './shellPlainLine';
import { programTargets } from './shellPrograms';
import { loadSigned } from './guardKeys';
import { envSplitString, inputText, scriptTargets } from './shellScripts';
import { toolTargets } from './shellTools';
import { ShellVariables } from './shellVariables';
import { assignmentWord, expandBraces, MAX_BRACE_WORDS, shellWord, simpleCommand, type ShellWord, type SimpleCommand } from './shellWords';

// The files a shell command line writes: its redirections, and what each of
// its commands writes, read from bash's grammar (shellParser.ts) as the shell
// would run the line: compound commands, pipelines, substitutions, `cd`,
// wrappers such as sudo, variables it sets. Per program: shellPrograms.ts
// (tee, sed -i, cp, mv, rm, tar -x, curl -o, git, …), shellIndirect.ts (find,
// xargs, inline code), shellScripts.ts (code given as text), shellTools.ts
// (formatters, editors, archives). A file only the shell knows (a variable
// read at run time, a substitution), and a line the grammar cannot read
// whole, are unnamed targets: the guard asks rather than lets them pass.

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

/**
 * The files a command line writes, read with bash's grammar; one unnamed
 * target when the grammar cannot be loaded. With a cache, a line it holds is
 * not read again, and a line read is put in it; a plain line is read without
 * loading the grammar.
 */
export async function shellWrites(command: string, cache?: ShellCache): Promise<ShellTarget[]> {
  const cached = await cache?.get(command);
  if (cached) return cached;
  // A plain line (shellPlainLine.ts) is read without the grammar, to the same tree; it is kept as any line
  // read: answered from the cache the next time, it costs less than reading it again.
  const plain = readPlain((parser) => readLine(command, parser));
  if (plain) {
    await cache?.put(command, plain);
    return plain;
  }
  let parser: BashParser;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first shell command only (dist/shell-parser.js once bundled)
    parser = await loadSigned(path.join(__dirname, 'shell-parser.js'), () => require('./shellParser') as { loadBashParser: typeof loadBashParser }).loadBashParser();
  } catch (error) {
    return unread(`what it runs: PM Zone's reader of shell commands did not load (${error instanceof Error ? error.message : String(error)})`);
  }
  const targets = readLine(command, parser);
  await cache?.put(command, targets);
  return targets;
}

/** The files a command line writes, read with `parser`. */
export function readLine(command: string, parser: BashParser): ShellTarget[] {
  return withoutTransient(new LineReader(parser, 0).read(command));
}

/** Where a command runs: its folder from the one the line starts in (a `$` where only the shell knows it), the folders `pushd` keeps, the variables set. */
interface Place {
  base: string;
  stack: string[];
  variables: ShellVariables;
}

/** What a subshell (`( … )`, `$( … )`, a pipeline's part) starts from: what it changes stays in it. */
const subshell = (place: Place): Place => ({ base: place.base, stack: [...place.stack], variables: place.variables.copy() });

/** What a compound command pipes into the next: output only the running command knows. */
const COMPOUND: SimpleCommand = { assignments: [], words: [], redirections: [] };

/** One command line read as it runs; at `depth`, code given as text to a command of a line around it. */
class LineReader {
  private readonly targets: ShellTarget[] = [];

  constructor(private readonly parser: BashParser, private readonly depth: number) {}

  read(text: string): ShellTarget[] {
    this.parser.read(text, (root) => {
      // What the grammar cannot read is asked about; what it can is still judged (a locked file it names is refused).
      if (root.hasError) this.targets.push(...unread('what PM Zone cannot read of it as shell'));
      this.walk(root, { base: '', stack: [], variables: new ShellVariables() });
    });
    return this.targets;
  }

  /** A node of the tree, run in `place`: lists, `{ … }`, if, while, case, `!`, tests in order; the simple command it is, for a pipe. */
  private walk(node: ShellNode, place: Place, pipedFrom?: SimpleCommand): SimpleCommand | undefined {
    switch (node.type) {
      case 'command':
      case 'redirected_statement':
        return this.statement(node, place, pipedFrom);
      case 'pipeline':
        for (const part of node.namedChildren) pipedFrom = this.walk(part, subshell(place), pipedFrom) ?? COMPOUND;
        return undefined;
      case 'subshell':
      case 'command_substitution':
      case 'process_substitution':
        this.walkAll(node.namedChildren, subshell(place));
        return undefined;
      case 'variable_assignment':
        this.walkAll(node.namedChildren, place);
        place.variables.assign(assignmentWord(node));
        return undefined;
      case 'unset_command':
        for (const name of node.namedChildren) place.variables.forget(name.text);
        return undefined;
      case 'for_statement': {
        const values = node.childrenForFieldName('value');
        this.walkAll(values, place);
        const name = node.childForFieldName('variable')?.text ?? '';
        place.variables.loop(name, node.children.some((child) => child.type === 'in') ? values.map(shellWord).flatMap(expanded) : undefined);
        this.walkAll(node.childrenForFieldName('body'), place);
        return undefined;
      }
      case 'file_redirect':
        // A compound command's or a function's (`{ …; } > f`): the file its commands write.
        this.walkAll(node.namedChildren, place);
        this.run(simpleCommand(undefined, [node]), place);
        return undefined;
      default:
        this.walkAll(node.namedChildren, place);
        return undefined;
    }
  }

  private walkAll(nodes: ShellNode[], place: Place): void {
    for (const node of nodes) this.walk(node, place);
  }

  /**
   * A command with its redirections, after the substitutions in its words
   * (each in a subshell). A here-document's line may go on past its start
   * (`cat <<EOF | sh`, `cat <<EOF && rm f`): the grammar holds the rest
   * inside the here-document, read after the command.
   */
  private statement(node: ShellNode, place: Place, pipedFrom: SimpleCommand | undefined): SimpleCommand | undefined {
    const body = node.type === 'command' ? node : node.childForFieldName('body');
    const redirects = node.type === 'command' ? [] : node.childrenForFieldName('redirect');
    const rest = redirects.filter((redirect) => redirect.type === 'heredoc_redirect').flatMap((heredoc) => {
      const after = heredoc.childForFieldName('right');
      return heredoc.namedChildren.filter((child) => child.type === 'pipeline' || child.id === after?.id).map((node) => ({ node, piped: node.id !== after?.id }));
    });
    const skipped = rest.map(({ node: more }) => more);
    let command: SimpleCommand | undefined;
    if (body?.type === 'command') {
      for (const part of [...body.namedChildren, ...redirects]) this.substitutionsIn(part, place, skipped);
      command = { ...simpleCommand(body, redirects), ...(pipedFrom ? { pipedFrom } : {}) };
      this.run(command, place);
    } else if (body) {
      this.walk(body, place, pipedFrom);
      for (const redirect of redirects) {
        if (redirect.type === 'file_redirect') this.walk(redirect, place);
        else this.substitutionsIn(redirect, place, skipped);
      }
    }
    for (const { node: more, piped } of rest) this.walk(more, place, piped ? command ?? COMPOUND : undefined);
    return command;
  }

  /** The command and process substitutions in a word or redirection, each run where it is met (not in `skipped`). */
  private substitutionsIn(node: ShellNode, place: Place, skipped: ShellNode[]): void {
    if (skipped.some((skip) => skip.id === node.id)) return;
    if (node.type === 'command_substitution' || node.type === 'process_substitution') this.walk(node, place);
    else for (const child of node.namedChildren) this.substitutionsIn(child, place, skipped);
  }

  /** What one simple command writes, where it runs; `cd`, `pushd` and `popd` move the rest of the line. */
  private run(simple: SimpleCommand, place: Place): void {
    const { variables } = place;
    const given = simple.words;
    if (['read', 'mapfile', 'readarray'].includes(given[0]?.text ?? '')) {
      for (const word of given.slice(1)) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(word.text)) variables.forget(word.text);
    }
    const words = commandWords(given.flatMap((word) => variables.substitute(word)).flatMap(expanded));
    if (words[0]?.text === 'cd' || words[0]?.text === 'pushd' || words[0]?.text === 'popd') {
      if (words[0].text === 'pushd') place.stack.push(place.base);
      place.base = words[0].text === 'popd' ? place.stack.pop() ?? '$(popd)' : changedFolder(place.base, words, simple.assignments.some((word) => word.text.startsWith('CDPATH=')) || variables.has('CDPATH'));
      return;
    }
    // `env -C dir cmd`, `sudo -D dir cmd`: the command runs in that folder.
    const runsIn = chdirOf(given);
    const here = runsIn === undefined ? place.base : joinBase(place.base, runsIn.dynamic ? `$(cd ${runsIn.text})` : runsIn.text);
    const redirections = simple.redirections.map((r) => ({ ...r, target: variables.substitute(r.target) }));
    const stdin = redirections.find((r) => r.op === '<')?.target[0];
    const commanded = [
      ...this.commandTargets(words, { stdin, pipedFrom: simple.pipedFrom, environment: simple.assignments, input: simple.input }),
      ...envSplitString(given, (code) => this.deeper(code)),
    ];
    // Redirections are the shell's, opened before env changes folder.
    const found = [...redirectionTargets(redirections).map((written) => ({ written, folder: place.base })), ...commanded.map((written) => ({ written, folder: here }))];
    for (const { written, folder } of found) this.targets.push(written.setting === undefined && written.changesOf === undefined ? placed(rebased(written, folder)) : written);
  }

  /** Code given as text, read as a command line one level deeper; nested too deep, it is the shell's to know. */
  private deeper(code: string): ShellTarget[] {
    return this.depth < 2 ? new LineReader(this.parser, this.depth + 1).read(code) : unreadCode('sh -c', code);
  }

  private commandTargets(words: ShellWord[], { stdin, pipedFrom, environment = [], input }: CommandContext): ShellTarget[] {
    const [name, ...args] = words;
    if (!name) return [];
    // A command only the shell knows (`$EDITOR f`, `"$RUN" f`): what it writes is unnamed.
    if (name.dynamic) return unreadCode(name.text, args.map((arg) => arg.text).join(' '));
    const program = path.posix.basename(name.text);
    const read = (code: string) => this.deeper(code);
    const inner = (command: ShellWord[]) => new LineReader(this.parser, this.depth + 1).commandTargets(command, {});
    const indirect = scriptTargets(program, args, { input, pipedFrom }, read)
      ?? indirectTargets(program, args, pipedFrom, inner, inputText({ input, pipedFrom }))
      ?? toolTargets(program, args);
    if (indirect) return indirect;
    if (program === 'eval') {
      const code = args.map((arg) => arg.text).join(' ');
      return args.some((arg) => arg.dynamic) ? unreadCode('eval', code) : read(code);
    }
    return programTargets(program, args, { stdin, pipedFrom, environment, input });
  }
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

/** The words from the command name on: wrappers (`sudo cmd`, `env A=1 cmd`) and their options dropped. */
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
    // `coproc { …; }`: a brace group the grammar reads as words.
    else if (word.text === '{') at++;
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

/** Files only the running command knows, described by what writes them. */
function unread(what: string): ShellTarget[] {
  return [{ path: '', effect: 'write', unnamed: what }];
}

/** Code only the shell has (`sh -c "$CMD"`, `eval "$CMD"`, a script nested too deep to read): whatever it writes is unnamed. */
function unreadCode(program: string, code: string): ShellTarget[] {
  return unread(`what \`${program} ${code}\` runs`);
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
