// The files and settings git commands write: checkout, restore, rm, mv and
// apply, pathspec magic included, and `git config` of who the user is.
import type { ShellWord } from './shellWords';
import type { ShellTarget, WriteEffect } from './shellWrites';
import { operands, optionValue, target, copyTargets, rebased, joinBase } from './shellArgs';

export function gitTargets(args: ShellWord[]): ShellTarget[] {
  // `git -C dir …`: paths are relative to that folder.
  let at = 0;
  let folder = '';
  while (args[at]?.text.startsWith('-')) {
    // A folder only the shell knows keeps its `$`: what git writes there is unnamed.
    if (args[at].text === '-C' && args[at + 1]) folder = joinBase(folder, args[at + 1].text);
    at += args[at].text === '-C' || args[at].text === '-c' ? 2 : 1;
  }
  const [sub, ...rest] = args.slice(at);
  const inFolder = (targets: ShellTarget[]) => targets.map((t) => rebased(t, folder));
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
      return inFolder(operands(rest, ['-p', '-C', '--directory', '--exclude', '--include', '--patch-format', '-S', '--gpg-sign', '--resolvemsg']).flatMap((arg) => target(arg, 'write')).map((t) => ({ ...t, patch: true })));
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
