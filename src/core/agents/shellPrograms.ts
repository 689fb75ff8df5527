// What each program that writes by its own arguments writes: redirections
// aside, the files a command names as its output (tee, sed -i, cp, mv, rm,
// tar -x, curl -o, chmod, git, patch, …). Read by shellWrites.ts for each
// simple command of a line.
import * as path from 'node:path';
import { gitTargets, patchInput, type GitInput } from './gitWrites';
import { asFolder, copyTargets, isAbsolute, isOption, operands, optionValue, target, valuesOf } from './shellArgs';
import { awkProgramTargets, sedScriptTargets } from './shellTools';
import { patchPaths } from './toolWrites';
import type { ShellWord, SimpleCommand } from './shellWords';
import type { ShellTarget } from './shellWrites';

/** The targets of a program by its arguments; none for a program that writes nothing it names. */
export function programTargets(program: string, args: ShellWord[], { stdin, pipedFrom, environment, input }: GitInput & { input?: string }): ShellTarget[] {
  switch (program) {
    case 'apply_patch':
    case 'applypatch':
      return applyPatchTargets(args, stdin, pipedFrom, input);
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

/**
 * Codex CLI's `apply_patch` run in its shell (Codex applies it itself): the
 * files the patch names, given as its argument, a here-document or a file
 * read with `<`; one piped in from elsewhere is unnamed.
 */
function applyPatchTargets(args: ShellWord[], stdin: ShellWord | undefined, pipedFrom: SimpleCommand | undefined, input: string | undefined): ShellTarget[] {
  const given = args.find((arg) => !arg.dynamic && arg.text.includes('*** Begin Patch'));
  const text = given?.text ?? input;
  if (text !== undefined) return patchPaths(text).flatMap((file) => target({ text: file, dynamic: false, glob: false }, 'write'));
  if (stdin) return target(stdin, 'write').map((t) => ({ ...t, patch: true }));
  if (args.some((arg) => arg.dynamic)) return [{ path: '', effect: 'write', unnamed: `the files of the patch \`apply_patch ${args.map((arg) => arg.text).join(' ')}\` applies` }];
  return pipedFrom ? [{ path: '', effect: 'write', unnamed: 'the files of the patch `apply_patch` reads from its input' }] : [];
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
  const folder = program === 'curl' ? optionValue(args, ['--output-dir']) : valuesOf(args, 'P', '--directory-prefix')[0];
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
