// The files and settings git commands write: checkout, restore, rm, mv,
// apply and am (a patch given or piped in), update-index and checkout-index,
// cherry-pick, revert and stash, pathspec magic included, and `git config`
// of who the user is or of what git runs. Moving a branch (`switch`,
// `checkout BRANCH`, `reset --hard REV`, `merge`, `pull`) takes committed
// work as it is: the review of the branch judges it.
import type { ShellWord, SimpleCommand } from './shellWords';
import type { ShellTarget, WriteEffect } from './shellWrites';
import { operands, optionValue, target, copyTargets, rebased, joinBase, asFolder } from './shellArgs';

/** What a git command is given besides its words: a `<` file, the command piped into it, and `GIT_WORK_TREE=`/`GIT_DIR=` set before it. */
export interface GitInput {
  stdin?: ShellWord;
  pipedFrom?: SimpleCommand;
  environment?: ShellWord[];
}

export function gitTargets(args: ShellWord[], input: GitInput = {}): ShellTarget[] {
  // `git -C dir …`: paths are relative to that folder.
  let at = 0;
  let folder = '';
  // Another work tree, or another repository whose work tree only git knows (`--git-dir` alone).
  let workTree: string | undefined;
  let otherRepository = false;
  for (const assignment of input.environment ?? []) {
    const [name, value] = assignment.text.split(/=(.*)/s);
    if (name === 'GIT_WORK_TREE') workTree = value;
    else if (name === 'GIT_DIR') otherRepository = true;
  }
  while (args[at]?.text.startsWith('-')) {
    const [option, value] = args[at].text.split(/=(.*)/s);
    // A folder only the shell knows keeps its `$`: what git writes there is unnamed.
    if (option === '-C' && args[at + 1]) folder = joinBase(folder, args[at + 1].text);
    else if (option === '--work-tree') workTree = value ?? args[at + 1]?.text;
    else if (option === '--git-dir') otherRepository = true;
    at += (option === '-C' || option === '-c' || option === '--work-tree' || option === '--git-dir') && value === undefined ? 2 : 1;
  }
  if (workTree !== undefined) folder = joinBase(folder, workTree);
  else if (otherRepository) folder = '$(git --work-tree)';
  const [sub, ...rest] = args.slice(at);
  const inFolder = (targets: ShellTarget[]) => targets.map((t) => rebased(t, folder));
  const output = outputTargets(sub?.text, rest);
  if (output.length > 0) return [...inFolder(output), ...gitTargets([...args.slice(0, at), sub!, ...rest.filter((_arg, index) => !isOutputWord(sub?.text, rest, index))], input)];
  switch (sub?.text) {
    case 'checkout': {
      const dashes = rest.findIndex((arg) => arg.text === '--');
      if (dashes >= 0) {
        const treeIsh = rest.slice(0, dashes).filter((arg) => !arg.text.startsWith('-'));
        // No commit: the files come back from the index, which is the last commit's unless something is staged.
        const effect: WriteEffect = treeIsh.length === 0 ? 'restore-index' : treeIsh.length === 1 && treeIsh[0].text === 'HEAD' ? 'restore-head' : 'write';
        return inFolder(rest.slice(dashes + 1).flatMap((arg) => pathspecTargets(arg, effect)));
      }
      // Without `--`, one word is a branch to switch to (or a file to take back from the index), and
      // `-b`/`-B`/`--orphan` make a branch; two words or more are a commit and the files taken from it.
      if (rest.some((arg) => /^(?:-[A-Za-z]*[bB]|--orphan)$/.test(arg.text))) return [];
      const [commit, ...files] = operands(rest, ['--conflict', '--pathspec-from-file']);
      // One word alone may be a file (`git checkout .`): read as one too, taken back from the index.
      if (commit && files.length === 0) return inFolder(pathspecTargets(commit, 'restore-index'));
      const effect: WriteEffect = commit?.text === 'HEAD' ? 'restore-head' : 'write';
      return inFolder(files.flatMap((arg) => pathspecTargets(arg, effect)));
    }
    case 'restore': {
      const source = optionValue(rest, ['-s', '--source'])?.text;
      const staged = rest.some((arg) => arg.text === '--staged' || arg.text === '-S' || /^-[A-Za-z]*S/.test(arg.text));
      const effect: WriteEffect = source === 'HEAD' || (source === undefined && staged) ? 'restore-head' : source === undefined ? 'restore-index' : 'write';
      return inFolder(operands(rest, ['-s', '--source']).flatMap((arg) => pathspecTargets(arg, effect)));
    }
    case 'rm':
      return inFolder(operands(rest).flatMap((arg) => pathspecTargets(arg, 'delete')));
    case 'mv':
      return inFolder(copyTargets(rest, true));
    case 'config':
      return configTargets(rest);
    case 'cherry-pick':
    case 'revert': {
      // Ending or skipping one in progress writes nothing new.
      if (rest.some((arg) => ['--abort', '--quit', '--skip', '--continue'].includes(arg.text))) return [];
      const commits = operands(rest, ['-m', '--mainline', '-s', '--strategy', '-X', '--strategy-option', '--cleanup', '-S', '--gpg-sign']);
      return commits.length === 0 ? [] : [{ path: '', effect: 'write', changesOf: commits.map((commit) => commit.text) }];
    }
    case 'stash': {
      const [action, stash] = operands(rest, ['-m', '--message', '--pathspec-from-file']);
      if (action?.text !== 'pop' && action?.text !== 'apply') return [];
      return [{ path: '', effect: 'write', changesOf: [`stash:${stash?.text ?? 'stash@{0}'}`] }];
    }
    case 'am':
      if (rest.some((arg) => ['--abort', '--quit', '--skip', '--show-current-patch'].includes(arg.text))) return [];
      return inFolder(patchInput(operands(rest, ['-p', '-C', '--directory', '--exclude', '--include', '--patch-format', '-S', '--gpg-sign', '--resolvemsg']), input));
    case 'apply': {
      if (rest.some((arg) => ['--check', '--stat', '--numstat', '--summary'].includes(arg.text)) && !rest.some((arg) => arg.text === '--apply')) return [];
      return inFolder(patchInput(operands(rest, ['-p', '-C', '--directory', '--exclude', '--include']), input));
    }
    case 'update-index':
      return inFolder(updateIndexTargets(rest));
    case 'checkout-index': {
      // The index's version of each file, or of all with -a: an undo unless a change to it is staged.
      const all = rest.some((arg) => arg.text === '-a' || arg.text === '--all');
      return inFolder((all ? [{ text: '.', dynamic: false, glob: false }] : operands(rest, ['--prefix', '--stage'])).flatMap((arg) => target(arg, 'restore-index')));
    }
    default:
      return [];
  }
}

/**
 * The patch `git apply` and `git am` apply: the files given, else the one `<`
 * gives, else what the command piped in prints (`git show REV`, `git diff A
 * B`, `git format-patch`, `cat p.diff`); a patch from anywhere else is unnamed.
 */
export function patchInput(files: ShellWord[], { stdin, pipedFrom }: GitInput): ShellTarget[] {
  const asPatch = (word: ShellWord) => target(word, 'write').map((t) => ({ ...t, patch: true }));
  if (files.length > 0) return files.flatMap(asPatch);
  if (stdin) return asPatch(stdin);
  if (!pipedFrom) return [];
  const [name, sub, ...more] = pipedFrom.words;
  // The revisions before any `--`: the paths after it only narrow what is shown, and all of it is judged.
  const revisions = (words: ShellWord[]) => {
    const dashes = words.findIndex((word) => word.text === '--');
    return operands(dashes < 0 ? words : words.slice(0, dashes)).filter((word) => !word.dynamic).map((word) => word.text);
  };
  if (name?.text === 'cat' && sub) return [sub, ...more].flatMap(asPatch);
  if (name?.text === 'git' && (sub?.text === 'show' || sub?.text === 'format-patch' || sub?.text === 'log')) {
    const given = revisions(more);
    return [{ path: '', effect: 'write', changesOf: given.length > 0 ? given : ['HEAD'] }];
  }
  if (name?.text === 'git' && sub?.text === 'diff') return [{ path: '', effect: 'write', changesOf: [`diff:${revisions(more).join(' ')}`] }];
  return [{ path: '', effect: 'write', unnamed: `the files of the patch \`${pipedFrom.words.map((word) => word.text).join(' ')}\` prints` }];
}

/** The commands that write their output to a file they are given (`git diff --output=f`, `git archive -o f`), or a folder (`git format-patch -o dir`). */
const OUTPUT_OPTIONS: Record<string, { options: string[]; folder?: boolean }> = {
  diff: { options: ['--output'] }, show: { options: ['--output'] }, log: { options: ['--output'] }, whatchanged: { options: ['--output'] },
  'range-diff': { options: ['--output'] }, 'diff-tree': { options: ['--output'] }, 'diff-index': { options: ['--output'] }, 'diff-files': { options: ['--output'] },
  archive: { options: ['--output', '-o'] }, 'format-patch': { options: ['--output-directory', '-o'], folder: true },
};

/** Whether `rest[index]` is such an option or its value. */
function isOutputWord(sub: string | undefined, rest: readonly ShellWord[], index: number): boolean {
  const known = sub === undefined ? undefined : OUTPUT_OPTIONS[sub];
  if (!known) return false;
  const named = (text: string) => known.options.some((option) => text === option || (option.startsWith('--') && text.startsWith(`${option}=`)) || (!option.startsWith('--') && text.startsWith(option) && text.length > option.length));
  return named(rest[index].text) || (index > 0 && known.options.includes(rest[index - 1].text));
}

function outputTargets(sub: string | undefined, rest: readonly ShellWord[]): ShellTarget[] {
  const known = sub === undefined ? undefined : OUTPUT_OPTIONS[sub];
  if (!known) return [];
  const found: ShellTarget[] = [];
  rest.forEach((arg, index) => {
    for (const option of known.options) {
      const inline = option.startsWith('--') ? (arg.text.startsWith(`${option}=`) ? arg.text.slice(option.length + 1) : undefined) : arg.text.startsWith(option) && arg.text.length > option.length ? arg.text.slice(option.length) : undefined;
      const value = inline !== undefined ? { ...arg, text: inline } : arg.text === option ? rest[index + 1] : undefined;
      if (value) found.push(...target(known.folder ? asFolder(value) : value, 'write'));
    }
  });
  return found;
}

/** `git update-index`: each path it stages (`--add f`, `--chmod=+x f`, `--cacheinfo mode,sha,f`); what `--index-info` reads is unnamed. */
function updateIndexTargets(args: ShellWord[]): ShellTarget[] {
  if (args.some((arg) => arg.text === '--index-info' || arg.text === '--stdin')) return [{ path: '', effect: 'write', unnamed: 'the files `git update-index` reads from its input' }];
  const targets: ShellTarget[] = [];
  for (let at = 0; at < args.length; at++) {
    const { text } = args[at];
    if (text === '--cacheinfo') {
      // `--cacheinfo mode,sha,path` or `--cacheinfo mode sha path`.
      const joined = args[at + 1]?.text.split(',') ?? [];
      const file = joined.length >= 3 ? joined.slice(2).join(',') : args[at + 3]?.text;
      at += joined.length >= 3 ? 1 : 3;
      if (file) targets.push(...target({ ...args[at], text: file }, 'write'));
    } else if (!text.startsWith('-')) targets.push(...target(args[at], 'write'));
  }
  return targets;
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

/**
 * The settings the guard stands on, in any scope: who the user is
 * (`user.email`, `user.name`, PM Zone's own, and includes, which can bring
 * either in), and what git runs or skips (aliases, which may run any
 * command, `core.hooksPath`, `core.fsmonitor`, filters and diff programs).
 */
const GUARDED_SETTING = /^(user|pmzone|include|includeif|alias)(\.|$)|^core\.(hookspath|fsmonitor|sshcommand|editor|pager|askpass)$|^(filter|diff|merge)\..+\.(clean|smudge|process|textconv|command|driver)$|^sequence\.editor$/i;

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
  if (!writes || !name || !(name.dynamic || GUARDED_SETTING.test(name.text))) return [];
  return [{ path: '', effect: 'write', setting: `git config ${name.text}` }];
}
