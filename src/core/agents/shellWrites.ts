import * as path from 'node:path';
import { gitTargets, patchInput } from './gitWrites';
import { asFolder, copyTargets, isAbsolute, isOption, joinBase, operands, optionValue, rebased, takesNextWord, target, valuesOf } from './shellArgs';
import { indirectTargets } from './shellIndirect';
import { envSplitString, inputText, scriptTargets } from './shellScripts';
import { awkProgramTargets, sedScriptTargets, toolTargets } from './shellTools';
import { ShellVariables } from './shellVariables';
import { expandBraces, MAX_BRACE_WORDS, parseShell, type ShellWord, type SimpleCommand } from './shellWords';

// The files a shell command plainly writes: redirections, tee, sed -i and
// perl -i, cp, mv, install, ln, rsync, rm, touch, truncate, chmod, dd of=,
// curl -o, wget -O, sponge, gawk -i inplace, tar -x, and git's (gitWrites.ts);
// find, xargs and inline code in shellIndirect.ts. Variables a line sets
// where it can be read (`F=x`, `for f in …`) are followed; a file only the
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
  switch (program) {
    case 'eval': {
      const code = args.map((arg) => arg.text).join(' ');
      return args.some((arg) => arg.dynamic) || depth >= 2 ? unreadCode('eval', code) : shellWrites(code, depth + 1);
    }
    case 'tee':
      return operands(args).flatMap((arg) => target(arg, 'write'));
    case 'sed': {
      // macOS's sed takes the backup suffix as the next word (`sed -i '' 's/a/b/' f`, `sed -i .bak …`): it is not the script.
      const suffix = args.findIndex((arg, at) => at > 0 && args[at - 1].text === '-i' && (arg.text === '' || /^\.[\w.~-]*$/.test(arg.text)));
      const sed = args.filter((_, at) => at !== suffix);
      // `-i` among other flags (`-Ei`, `-ri`), and `--in-place` as any abbreviation getopt takes (`--in`); and the script's own `w FILE`.
      return [...inPlace(sed, /^(-[a-zA-Z]*i|--i(n(-(p(l(a(c(e)?)?)?)?)?)?)?(=|$))/, /^(-[a-zA-Z]*[ef]$|--e|--f)/, ['-e', '-f', '-l', '--expression', '--file', '--line-length']), ...sedScriptTargets(sed)];
    }
    case 'perl':
      return inPlace(args, /^-[a-zA-Z]*i/, /^-[a-zA-Z]*[eE]$/, ['-e', '-E', '-I', '-M', '-m']);
    case 'cp':
    case 'install':
      return copyTargets(args, false);
    case 'ln': {
      const linked = copyTargets(args, false);
      // A hard link is the source under a second name: what is written through it is written to the source.
      if (!args.some((arg) => /^-[a-zA-Z]*s/.test(arg.text) || isOption(arg.text, '--symbolic'))) {
        return [...linked, ...linked.flatMap((t) => t.sources ?? []).map((source): ShellTarget => ({ path: source, effect: 'write' }))];
      }
      // A symbolic link opens its target to whoever writes through it: the target, read from the link's folder
      // (the destination's folder, or the destination itself when it is a folder), is judged as written.
      return [...linked, ...linked.flatMap((t) => (t.sources ?? []).filter((source) => !isAbsolute(source)).flatMap((source): ShellTarget[] => [
        { path: path.posix.join(path.posix.dirname(t.path.replace(/\/+$/, '')), source), effect: 'write' },
        { path: path.posix.join(t.path, source), effect: 'write' },
      ])), ...linked.flatMap((t) => (t.sources ?? []).filter(isAbsolute).map((source): ShellTarget => ({ path: source, effect: 'write' })))];
    }
    case 'mv':
      return copyTargets(args, true);
    case 'rsync':
      return rsyncTargets(args);
    case 'curl':
      return [...valuesOf(args, 'o', '--output').flatMap((arg) => target(arg, 'write')), ...remoteNames(args, 'curl')];
    case 'wget': {
      const named = valuesOf(args, 'O', '--output-document');
      return [...named.flatMap((arg) => target(arg, 'write')), ...(named.length > 0 ? [] : remoteNames(args, 'wget'))];
    }
    case 'sponge':
      return operands(args).flatMap((arg) => target(arg, 'write'));
    case 'awk':
    case 'gawk':
    case 'mawk':
    case 'nawk':
      return [...awkInPlaceTargets(args), ...awkProgramTargets(args)];
    case 'tar':
    case 'bsdtar':
      return tarTargets(args);
    case 'rm':
    case 'unlink':
    case 'rmdir':
    case 'shred':
      return operands(args).flatMap((arg) => target(arg, 'delete'));
    case 'touch':
      return operands(args, ['-d', '-r', '-t']).flatMap((arg) => target(arg, 'write'));
    case 'truncate':
      return operands(args, ['-s', '-r', '--size', '--reference']).flatMap((arg) => target(arg, 'write'));
    case 'chmod':
    case 'chown':
    case 'chgrp':
      return chmodTargets(args);
    case 'dd':
      return args.filter((arg) => arg.text.startsWith('of=')).flatMap((arg) => target({ ...arg, text: arg.text.slice(3) }, 'write'));
    case 'patch':
      return patchTargets(args, stdin, pipedFrom);
    case 'git':
      return gitTargets(args, { stdin, pipedFrom, environment });
    default:
      return [];
  }
}

/** patch: the files its patch names (from -i, else its second operand, else `<`), the file given first, and -o's output. */
function patchTargets(args: ShellWord[], stdin: ShellWord | undefined, pipedFrom: SimpleCommand | undefined): ShellTarget[] {
  const valued = ['-i', '--input', '-o', '--output', '-p', '--strip', '-d', '--directory', '-D', '--ifdef', '-B', '--prefix', '-F', '--fuzz', '-r', '--reject-file', '-z', '--suffix', '-V', '--version-control', '-Y', '--basename-prefix'];
  const [original, named] = operands(args, valued);
  const patchFile = optionValue(args, ['-i', '--input'], valued) ?? named ?? stdin;
  const output = optionValue(args, ['-o', '--output'], valued);
  return [
    ...patchInput(patchFile ? [patchFile] : [], { pipedFrom }),
    ...(original ? target(original, 'write') : []),
    ...(output ? target(output, 'write') : []),
  ];
}

/** sed -i, perl -i: the files after the script (the first operand, unless an option gave it: sed's -e and -f, perl's -e and -E). */
function inPlace(args: ShellWord[], inPlaceFlag: RegExp, scriptFlag: RegExp, valued: string[]): ShellTarget[] {
  if (!args.some((arg) => inPlaceFlag.test(arg.text))) return [];
  const scriptGiven = args.some((arg) => scriptFlag.test(arg.text));
  const files = operands(args, valued);
  return (scriptGiven ? files : files.slice(1)).flatMap((arg) => target(arg, 'write'));
}

/** `gawk -i inplace 'prog' FILE…` rewrites each FILE; without the inplace extension awk writes nothing. */
function awkInPlaceTargets(args: ShellWord[]): ShellTarget[] {
  const inplace = args.some((arg, at) => (arg.text === '-i' || isOption(arg.text, '--include')) && args[at + 1]?.text === 'inplace')
    || args.some((arg) => arg.text === '-iinplace' || /^--include=inplace$/.test(arg.text));
  if (!inplace) return [];
  const valued = ['-i', '--include', '-f', '--file', '-v', '--assign', '-F', '--field-separator', '-e', '--source', '-E', '--exec'];
  const scriptGiven = args.some((arg) => ['-f', '-e', '-E'].includes(arg.text) || ['--file', '--source', '--exec'].some((name) => isOption(arg.text.split('=')[0], name)));
  const files = operands(args, valued);
  return (scriptGiven ? files : files.slice(1)).flatMap((arg) => target(arg, 'write'));
}

/**
 * `tar -x`: an archive can hold any file, so the folder it is unpacked into
 * (`-C DIR`, else the current one) is judged whole.
 */
function tarTargets(args: ShellWord[]): ShellTarget[] {
  const [first] = args;
  const extracts = args.some((arg) => /^-[a-zA-Z]*x/.test(arg.text) || isOption(arg.text, '--extract') || isOption(arg.text, '--get'))
    || (first !== undefined && !first.text.startsWith('-') && /^[a-zA-Z]*x[a-zA-Z]*$/.test(first.text));
  if (!extracts) return [];
  const folders = valuesOf(args, 'C', '--directory');
  return (folders.length > 0 ? folders : [{ text: '.', dynamic: false, glob: false }]).flatMap((folder) => target(asFolder(folder), 'write'));
}

const RSYNC_VALUED = ['-e', '--rsh', '--exclude', '--include', '--filter', '-f', '--files-from', '--exclude-from', '--include-from', '--chmod', '--chown', '--log-file', '--partial-dir', '--temp-dir', '-T', '--backup-dir', '--compare-dest', '--copy-dest', '--link-dest', '--max-size', '--min-size', '--bwlimit', '--timeout', '--port', '--password-file', '--rsync-path'];

/** rsync: the last operand is the destination; `src/` copies what is in src, which is `src/.` to cp. */
function rsyncTargets(args: ShellWord[]): ShellTarget[] {
  const names = operands(args, RSYNC_VALUED);
  const destination = names[names.length - 1];
  const sources = names.slice(0, -1).map((source) => (/[^/]\/+$/.test(source.text) ? `${source.text}.` : source.text));
  if (!destination || sources.length === 0) return [];
  // `--delete` removes from the destination what the sources lack; `--remove-source-files` empties the sources.
  const deletes = args.some((arg) => arg.text.startsWith('--delete')) ? target(asFolder(destination), 'delete') : [];
  const moved = args.some((arg) => arg.text === '--remove-source-files') ? names.slice(0, -1).flatMap((source) => target(source, 'delete')) : [];
  return [...target(destination, 'write').map((t) => ({ ...t, sources })), ...deletes, ...moved];
}

/** The name a download of `url` is saved under: its path's last part, or index.html. */
function urlFileName(url: string): string {
  const pathname = URL.canParse(url) ? new URL(url).pathname : '';
  const last = pathname.split('/').filter(Boolean).pop();
  return last === undefined ? 'index.html' : decodeURIComponent(last);
}

/**
 * `curl -O URL` (`--remote-name`, `--remote-name-all`) and `wget URL` save
 * each file under the last part of its URL, in `--output-dir` / `-P DIR` or
 * the current folder; a name the server chooses (`-J`, `--content-disposition`) is unnamed.
 */
function remoteNames(args: ShellWord[], program: 'curl' | 'wget'): ShellTarget[] {
  const saves = program === 'wget' || args.some((arg) => /^-[a-zA-Z]*O[a-zA-Z]*$/.test(arg.text) || arg.text === '--remote-name' || arg.text === '--remote-name-all');
  if (!saves) return [];
  if (args.some((arg) => arg.text === '-J' || arg.text === '--content-disposition' || /^-[a-zA-Z]*J/.test(arg.text))) return [{ path: '', effect: 'write', unnamed: `the file \`${program}\` names as the server says` }];
  const [folder] = program === 'curl' ? valuesOf(args, 'X-none', '--output-dir') : valuesOf(args, 'P', '--directory-prefix');
  const urls = args.filter((arg) => /^[a-z][a-z0-9+.-]*:\/\//i.test(arg.text));
  return urls.flatMap((url) => {
    const name = urlFileName(url.text);
    return url.dynamic ? target(url, 'write') : target({ ...url, text: folder ? `${folder.text.replace(/\/+$/, '')}/${name}` : name }, 'write');
  });
}

/** chmod's files: its operands after the mode, which may look like an option (`-x`, `-w`), unless --reference gave it. */
function chmodTargets(args: ShellWord[]): ShellTarget[] {
  const flags = new Set(['-c', '-f', '-v', '-R', '--changes', '--silent', '--quiet', '--verbose', '--recursive', '--no-preserve-root', '--preserve-root']);
  const words: ShellWord[] = [];
  let afterDashes = false;
  let reference = false;
  for (const arg of args) {
    if (afterDashes || !arg.text.startsWith('-') || !(flags.has(arg.text) || /^-[cfvR]+$/.test(arg.text) || arg.text.startsWith('--reference'))) words.push(arg);
    else if (arg.text.startsWith('--reference')) reference = true;
    if (arg.text === '--' && !afterDashes) {
      afterDashes = true;
      words.pop();
    }
  }
  return (reference ? words : words.slice(1)).flatMap((arg) => target(arg, 'write'));
}
