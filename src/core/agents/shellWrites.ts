import * as path from 'node:path';
import { expandBraces, parseShell, type ShellWord, type SimpleCommand } from './shellWords';

// The files a shell command plainly writes: redirections, tee, sed -i and
// perl -i, cp, mv, install, ln, rm, touch, truncate, chmod, dd of=, and git's
// checkout, restore, rm, mv and apply. A command whose targets only the shell
// knows (a variable, a substitution, xargs) is not read: the agent's own
// approval decides it, and the Stop backstop sees what it changed.

export type WriteEffect =
  /** The file's content or mode changes, or it is created. */
  | 'write'
  /** The file is removed (rm, the source of mv). */
  | 'delete'
  /** The file goes back to the last commit's version (`git checkout HEAD -- f`): undoing an edit is never refused. */
  | 'restore-head';

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
}

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh']);
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
]);
/** Wrappers whose first operand is theirs, not the command's: `timeout 5 cmd`. */
const WRAPPERS_WITH_OPERAND = new Map<string, string[]>([['timeout', ['-s', '-k', '--signal', '--kill-after']]]);
const WRITE_REDIRECTIONS = new Set(['>', '>>', '>|', '&>', '&>>', '<>', '>&']);

export function shellWrites(command: string, depth = 0): ShellTarget[] {
  const parsed = parseShell(command);
  const targets: ShellTarget[] = [];
  let base: string | undefined = '';
  for (const simple of parsed.commands) {
    const words = commandWords(simple.words.flatMap(expanded));
    if ((words[0]?.text === 'cd' || words[0]?.text === 'pushd') && !words[0].dynamic) {
      // `cd -P dir`, `cd -L dir`: the folder is the first word that is not an option.
      const to = words.slice(1).find((word) => !/^-[LPe@]+$/.test(word.text));
      // Read as any path is (`~+/dir`, `~/dir`); `cd -`, `~user` and a variable only the shell can follow.
      const [folder] = to === undefined ? [] : target(to, 'write');
      base = folder === undefined ? undefined : joinBase(base, folder.path);
      continue;
    }
    // After a `cd` the shell alone can follow, relative paths cannot be read.
    const stdin = simple.redirections.find((r) => r.op === '<')?.target;
    const found = [...redirectionTargets(simple), ...commandTargets(words, depth, stdin)];
    for (const target of found) {
      if (base !== undefined) targets.push(rebased(target, base));
      else if (isAbsolute(target.path) || target.setting || target.top !== undefined) targets.push(target);
    }
  }
  if (depth < 2) for (const substitution of parsed.substitutions) targets.push(...shellWrites(substitution, depth + 1));
  return targets;
}

/** A word as the words its braces expand to (`{CLAUDE,README}.md`). */
function expanded(word: ShellWord): ShellWord[] {
  return word.braces && !word.dynamic ? expandBraces(word.text).map((text) => ({ ...word, text })) : [word];
}

/** The words from the command name on: assignments (`A=1 cmd`) and wrappers (`sudo cmd`) dropped. */
function commandWords(words: ShellWord[]): ShellWord[] {
  let at = 0;
  while (at < words.length) {
    const word = words[at];
    const valued = WRAPPERS.get(word.text) ?? WRAPPERS_WITH_OPERAND.get(word.text);
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word.text)) at++;
    else if (valued) {
      at++;
      while (words[at]?.text.startsWith('-') && words[at].text !== '--') at += valued.includes(words[at].text) ? 2 : 1;
      if (words[at]?.text === '--') at++;
      if (WRAPPERS_WITH_OPERAND.has(word.text)) at++;
    } else break;
  }
  return words.slice(at);
}

function redirectionTargets(simple: SimpleCommand): ShellTarget[] {
  return simple.redirections.filter((r) => WRITE_REDIRECTIONS.has(r.op)).flatMap((r) => target(r.target, 'write'));
}

/** `stdin`: the file a `<` redirection gives the command to read. */
function commandTargets(words: ShellWord[], depth: number, stdin?: ShellWord): ShellTarget[] {
  const [name, ...args] = words;
  if (!name || name.dynamic) return [];
  const program = path.posix.basename(name.text);
  if (SHELLS.has(program)) {
    // `-c` alone or among other flags (`bash -lc '…'`, `sh -ec '…'`): the script is the first operand.
    if (!args.some((arg) => /^-[a-zA-Z]*c[a-zA-Z]*$/.test(arg.text))) return [];
    const text = operands(args, ['-o', '+o', '-O', '+O', '--rcfile', '--init-file'])[0];
    return text && !text.dynamic && depth < 2 ? shellWrites(text.text, depth + 1) : [];
  }
  switch (program) {
    case 'eval':
      return args.some((arg) => arg.dynamic) || depth >= 2 ? [] : shellWrites(args.map((arg) => arg.text).join(' '), depth + 1);
    case 'tee':
      return operands(args).flatMap((arg) => target(arg, 'write'));
    case 'sed':
      // `-i` among other flags (`-Ei`, `-ri`), and `--in-place` as any abbreviation getopt takes (`--in`).
      return inPlace(args, /^(-[a-zA-Z]*i|--i(n(-(p(l(a(c(e)?)?)?)?)?)?)?(=|$))/, /^(-[a-zA-Z]*[ef]$|--e|--f)/, ['-e', '-f', '-l', '--expression', '--file', '--line-length']);
    case 'perl':
      return inPlace(args, /^-[a-zA-Z]*i/, /^-[a-zA-Z]*[eE]$/, ['-e', '-E', '-I', '-M', '-m']);
    case 'cp':
    case 'install':
      return copyTargets(args, false);
    case 'ln': {
      const linked = copyTargets(args, false);
      // A hard link is the source under a second name: what is written through it is written to the source.
      if (args.some((arg) => /^-[a-zA-Z]*s/.test(arg.text) || isOption(arg.text, '--symbolic'))) return linked;
      return [...linked, ...linked.flatMap((t) => t.sources ?? []).map((source): ShellTarget => ({ path: source, effect: 'write' }))];
    }
    case 'mv':
      return copyTargets(args, true);
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
      return chmodTargets(args);
    case 'dd':
      return args.filter((arg) => arg.text.startsWith('of=')).flatMap((arg) => target({ ...arg, text: arg.text.slice(3) }, 'write'));
    case 'patch':
      return patchTargets(args, stdin);
    case 'git':
      return gitTargets(args);
    default:
      return [];
  }
}

function gitTargets(args: ShellWord[]): ShellTarget[] {
  // `git -C dir …`: paths are relative to that folder.
  let at = 0;
  let folder = '';
  while (args[at]?.text.startsWith('-')) {
    if (args[at].text === '-C' && args[at + 1] && !args[at + 1].dynamic) folder = joinBase(folder, args[at + 1].text);
    else if (args[at].text === '-C') return [];
    at += args[at].text === '-C' || args[at].text === '-c' ? 2 : 1;
  }
  const [sub, ...rest] = args.slice(at);
  const inFolder = (targets: ShellTarget[]) => targets.map((t) => rebased(t, folder));
  switch (sub?.text) {
    case 'checkout': {
      const dashes = rest.findIndex((arg) => arg.text === '--');
      if (dashes >= 0) {
        const treeIsh = rest.slice(0, dashes).filter((arg) => !arg.text.startsWith('-'));
        const effect: WriteEffect = treeIsh.length === 1 && treeIsh[0].text === 'HEAD' ? 'restore-head' : 'write';
        return inFolder(rest.slice(dashes + 1).flatMap((arg) => pathspecTargets(arg, effect)));
      }
      // Without `--`, one word is a branch to switch to (or a file to take back from the index), and
      // `-b`/`-B`/`--orphan` make a branch; two words or more are a commit and the files taken from it.
      if (rest.some((arg) => /^(?:-[A-Za-z]*[bB]|--orphan)$/.test(arg.text))) return [];
      const [commit, ...files] = operands(rest, ['--conflict', '--pathspec-from-file']);
      const effect: WriteEffect = commit?.text === 'HEAD' ? 'restore-head' : 'write';
      return inFolder(files.flatMap((arg) => pathspecTargets(arg, effect)));
    }
    case 'restore': {
      const source = optionValue(rest, ['-s', '--source'])?.text;
      const staged = rest.some((arg) => arg.text === '--staged' || arg.text === '-S' || /^-[A-Za-z]*S/.test(arg.text));
      const effect: WriteEffect = source === 'HEAD' || (source === undefined && staged) ? 'restore-head' : 'write';
      return inFolder(operands(rest, ['-s', '--source']).flatMap((arg) => pathspecTargets(arg, effect)));
    }
    case 'rm':
      return inFolder(operands(rest).flatMap((arg) => pathspecTargets(arg, 'delete')));
    case 'mv':
      return inFolder(copyTargets(rest, true));
    case 'config':
      return configTargets(rest);
    case 'apply': {
      if (rest.some((arg) => ['--check', '--stat', '--numstat', '--summary'].includes(arg.text)) && !rest.some((arg) => arg.text === '--apply')) return [];
      return inFolder(operands(rest, ['-p', '-C', '--directory', '--exclude', '--include']).flatMap((arg) => target(arg, 'write')).map((t) => ({ ...t, patch: true })));
    }
    default:
      return [];
  }
}

/**
 * A git pathspec as the files it names: `:/f` and `:(top)f` from the
 * repository's top, `:(icase)f` in any case, `:(glob)` as a pattern; an
 * exclusion (`:!f`, `:^f`, `:(exclude)f`) writes nothing.
 */
function pathspecTargets(word: ShellWord, effect: WriteEffect): ShellTarget[] {
  const magic = /^:(?:\(([^)]*)\)|([/!^]*))(.*)$/s.exec(word.text);
  if (!magic || word.dynamic) return target(word, effect);
  const words = magic[1] !== undefined ? magic[1].split(',').map((name) => name.trim().toLowerCase().replace(/:.*/s, '')) : [...magic[2]].map((mark) => (mark === '/' ? 'top' : 'exclude'));
  if (words.includes('exclude')) return [];
  return target({ ...word, text: magic[3] === '' ? '.' : magic[3], glob: word.glob || words.includes('glob') }, effect).map((t) => ({
    ...t,
    ...(words.includes('top') ? { top: '.' } : {}),
    ...(words.includes('icase') ? { anyCase: true } : {}),
  }));
}

/** The settings that say who the user is, in any scope: `user.email`, `user.name`, PM Zone's own, and includes, which can bring either in. */
const IDENTITY_SETTING = /^(user|pmzone|include|includeif)(\.|$)/i;
const CONFIG_WRITES = new Set(['--add', '--unset', '--unset-all', '--replace-all', '--rename-section', '--remove-section']);
const CONFIG_SUBCOMMANDS = new Set(['set', 'unset', 'rename-section', 'remove-section']);

/**
 * `git config` that changes who git says the user is: a PM's agent must not
 * make the PM an engineer for the rest of the session. Reading a setting is
 * left alone, as is `git -c user.email=…`, which lasts one command.
 */
function configTargets(args: ShellWord[]): ShellTarget[] {
  const names = operands(args, ['-f', '--file', '--blob', '--type', '--default', '--comment', '--value', '-t']);
  const flags = args.filter((arg) => arg.text.startsWith('-')).map((arg) => arg.text.replace(/=.*/s, ''));
  if (flags.includes('-e') || flags.includes('--edit') || names[0]?.text === 'edit') return [{ path: '', effect: 'write', setting: 'git config --edit' }];
  const subcommand = CONFIG_SUBCOMMANDS.has(names[0]?.text ?? '');
  const writes = subcommand || flags.some((flag) => CONFIG_WRITES.has(flag)) || (names.length >= 2 && !flags.some((flag) => flag.startsWith('--get') || flag === '-l' || flag === '--list'));
  const name = subcommand ? names[1] : names[0];
  if (!writes || !name || !(name.dynamic || IDENTITY_SETTING.test(name.text))) return [];
  return [{ path: '', effect: 'write', setting: `git config ${name.text}` }];
}

/** patch: the files its patch names (from -i, else its second operand, else `<`), the file given first, and -o's output. */
function patchTargets(args: ShellWord[], stdin: ShellWord | undefined): ShellTarget[] {
  const valued = ['-i', '--input', '-o', '--output', '-p', '--strip', '-d', '--directory', '-D', '--ifdef', '-B', '--prefix', '-F', '--fuzz', '-r', '--reject-file', '-z', '--suffix', '-V', '--version-control', '-Y', '--basename-prefix'];
  const [original, named] = operands(args, valued);
  const patchFile = optionValue(args, ['-i', '--input'], valued) ?? named ?? stdin;
  const output = optionValue(args, ['-o', '--output'], valued);
  return [
    ...(patchFile ? target(patchFile, 'write').map((t) => ({ ...t, patch: true })) : []),
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

/** cp, mv, install, ln: the destination (last operand, or -t DIR); mv also removes its sources. */
function copyTargets(args: ShellWord[], moves: boolean): ShellTarget[] {
  const valued = ['-t', '--target-directory', '-S', '--suffix', '-m', '--mode', '-o', '--owner', '-g', '--group'];
  const targetDirectory = optionValue(args, ['-t', '--target-directory'], valued);
  const names = operands(args, valued);
  const sources = targetDirectory ? names : names.slice(0, -1);
  // A `-t` destination is a folder, made or not.
  const destination = targetDirectory ? { ...targetDirectory, text: targetDirectory.text.replace(/\/*$/, '/') } : names[names.length - 1];
  if (!destination || sources.length === 0) return [];
  const written = target(destination, 'write').map((t) => ({ ...t, sources: sources.map((source) => source.text) }));
  return moves ? [...written, ...sources.flatMap((source) => target(source, 'delete'))] : written;
}

/** The operands: words that are not options, nor the values of the options in `valued`; everything after `--`. */
function operands(args: ShellWord[], valued: string[] = []): ShellWord[] {
  const found: ShellWord[] = [];
  for (let at = 0; at < args.length; at++) {
    const text = args[at].text;
    if (text === '--') return [...found, ...args.slice(at + 1)];
    if (takesNextWord(text, valued)) at++;
    else if (!text.startsWith('-') || text === '-') found.push(args[at]);
  }
  return found;
}

/** The value of the first of `names` given: `-t DIR`, `-tDIR`, `-rt DIR`, `--target-directory=DIR`, `--target DIR`. */
function optionValue(args: ShellWord[], names: string[], valued: string[] = names): ShellWord | undefined {
  for (let at = 0; at < args.length; at++) {
    const text = args[at].text;
    if (text === '--') return undefined;
    const [key, ...value] = text.split('=');
    if (names.some((name) => isOption(key, name))) return value.length > 0 && key.startsWith('--') ? { ...args[at], text: value.join('=') } : args[at + 1];
    if (!/^-[a-zA-Z]/.test(text)) continue;
    // A cluster of short flags: the first that takes a value takes the rest of the word, or the next word.
    for (let letter = 1; letter < text.length; letter++) {
      const option = `-${text[letter]}`;
      if (!valued.includes(option)) continue;
      if (!names.includes(option)) break;
      return letter + 1 < text.length ? { ...args[at], text: text.slice(letter + 1) } : args[at + 1];
    }
  }
  return undefined;
}

/** Whether an option word is followed by its value: one of `valued`, whole or abbreviated, or a short cluster ending in one. */
function takesNextWord(text: string, valued: string[]): boolean {
  if (valued.some((name) => isOption(text, name))) return true;
  return /^-[a-zA-Z]{2,}$/.test(text) && valued.includes(`-${text[text.length - 1]}`) && ![...text.slice(1, -1)].some((letter) => valued.includes(`-${letter}`));
}

/** `text` is the option `name`, or a long option abbreviated as getopt takes it, to no less than its first word (`--target` for `--target-directory`). */
function isOption(text: string, name: string): boolean {
  if (text === name) return true;
  return name.startsWith('--') && text.length >= name.indexOf('-', 2) && text.length > 2 && name.startsWith(text) && !text.endsWith('-');
}

/** A word as a target; none when only the shell knows its value, or it names a stream. */
function target(word: ShellWord, effect: WriteEffect): ShellTarget[] {
  if (word.dynamic || word.text === '' || word.text === '-') return [];
  // `~+` is the current folder; `~` the home folder, placed by the guard; `~user` and `~-` only the shell knows.
  const text = /^~\+(\/|$)/.test(word.text) ? `.${word.text.slice(2)}` : word.text;
  if (/^~(?!\/|$)/.test(text) || path.posix.normalize(text).startsWith('/dev/')) return [];
  return [{ path: text, effect, ...(word.glob ? { glob: true } : {}) }];
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

/** A target with its relative paths joined to `base`, the folder the command runs in. */
function rebased(target: ShellTarget, base: string): ShellTarget {
  if (target.top !== undefined) return { ...target, top: joinBase(base, target.top) };
  const sources = target.sources?.map((source) => joinBase(base, source));
  return { ...target, path: joinBase(base, target.path), ...(sources ? { sources } : {}) };
}

function joinBase(base: string | undefined, next: string): string {
  if (isAbsolute(next)) return next;
  // `X/.` keeps its dot: `cp -r X/. dest` copies X's files, not X.
  return base ? `${path.posix.join(base, next)}${/(^|\/)\.$/.test(next) ? '/.' : ''}` : next;
}

/** Absolute, or from the home folder (`~/…`), which no `cd` changes. */
function isAbsolute(word: string): boolean {
  return path.posix.isAbsolute(word) || path.win32.isAbsolute(word) || /^~(\/|$)/.test(word);
}
