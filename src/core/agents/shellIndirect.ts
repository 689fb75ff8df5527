// Commands that write files they find or are given rather than files they
// name: `find … -delete` and `-exec`, `xargs`, and code run inline
// (`python -c`, `node -e`). What they find is read as a pattern over the
// repository's files; what only the running command knows is unnamed, and
// the guard asks rather than lets it pass.
import * as path from 'node:path';
import { operands, target } from './shellArgs';
import type { ShellWord, SimpleCommand } from './shellWords';
import type { ShellTarget } from './shellWrites';

type CommandTargets = (words: ShellWord[]) => ShellTarget[];

/** Stands for each file a command is handed (find's `{}`, what xargs appends): no path holds it. */
const HANDED = '\u0000handed\u0000';

const word = (text: string, glob = false): ShellWord => ({ text, dynamic: false, glob });

/** The targets of find, xargs and inline code; undefined for any other program. */
export function indirectTargets(program: string, args: ShellWord[], pipedFrom: SimpleCommand | undefined, inner: CommandTargets, stdin?: string): ShellTarget[] | undefined {
  if (program === 'find') return findTargets(args, inner);
  if (program === 'xargs') return xargsTargets(args, pipedFrom, inner);
  const code = inlineCode(program, args, stdin);
  return code === undefined ? undefined : inlineCodeTargets(program, code);
}

/** find's starting folders (`.` when none is given) and the expression after them. */
function findParts(args: ShellWord[]): { starts: ShellWord[]; expression: ShellWord[] } {
  let at = 0;
  while (at < args.length && /^-([HLP]|O\d*)$/.test(args[at].text)) at++;
  if (args[at]?.text === '-D') at += 2;
  const starts: ShellWord[] = [];
  while (at < args.length && !/^([-(!),]|$)/.test(args[at].text)) starts.push(args[at++]);
  return { starts: starts.length > 0 ? starts : [word('.')], expression: args.slice(at) };
}

/**
 * What find finds, as patterns over the files under its starting folders:
 * narrowed by `-name`/`-iname` when the expression is a plain `and` of
 * tests, else every file under them.
 */
function foundPatterns(args: ShellWord[]): ShellWord[] {
  const { starts, expression } = findParts(args);
  const branches = expression.some((arg) => ['-o', '-or', '!', '-not', '(', ','].includes(arg.text));
  const names = branches ? [] : expression.flatMap((arg, at) => (['-name', '-iname'].includes(arg.text) && expression[at + 1] ? [expression[at + 1]] : []));
  // `-iname` matches in any case: each letter as a class of both cases.
  const anyCase = !branches && expression.some((arg) => arg.text === '-iname');
  const cased = (name: string) => (anyCase ? name.replace(/[a-zA-Z]/g, (letter) => `[${letter.toLowerCase()}${letter.toUpperCase()}]`) : name);
  return starts.flatMap((start) => {
    if (start.dynamic) return [start];
    const under = start.text.replace(/\/+$/, '') || '/';
    const within = (name: string) => word(under === '.' ? `**/${name}` : path.posix.join(under, '**', name), true);
    return names.length > 0 && names.every((name) => !name.dynamic) ? names.map((name) => within(cased(name.text))) : [within('*'), word(under)];
  });
}

/** `find … -delete`, `-exec CMD {} ;`, `-fprint FILE`: the files found, as patterns, and any file the command names. */
function findTargets(args: ShellWord[], inner: CommandTargets): ShellTarget[] {
  const { expression } = findParts(args);
  const found = () => foundPatterns(args);
  const targets: ShellTarget[] = [];
  for (let at = 0; at < expression.length; at++) {
    const text = expression[at].text;
    if (text === '-delete') targets.push(...found().flatMap((each) => target(each, 'delete')));
    else if (['-fprint', '-fprint0', '-fls', '-fprintf'].includes(text) && expression[at + 1]) targets.push(...target(expression[++at], 'write'));
    else if (['-exec', '-execdir', '-ok', '-okdir'].includes(text)) {
      const end = expression.findIndex((arg, index) => index > at && (arg.text === ';' || (arg.text === '+' && expression[index - 1]?.text === '{}')));
      const command = expression.slice(at + 1, end < 0 ? expression.length : end).map((arg) => (arg.text.includes('{}') ? { ...arg, text: arg.text.replaceAll('{}', HANDED) } : arg));
      targets.push(...handedTo(inner(command), found()));
      at = end < 0 ? expression.length : end;
    }
  }
  return targets;
}

const XARGS_VALUED = ['-a', '--arg-file', '-d', '--delimiter', '-E', '-I', '-L', '-n', '--max-args', '-P', '--max-procs', '-s', '--max-chars', '--process-slot-var', '--max-lines', '--replace', '--eof'];

/** `xargs CMD …`: CMD's targets with the files xargs hands it, read from the command piped into it when that lists files. */
function xargsTargets(args: ShellWord[], pipedFrom: SimpleCommand | undefined, inner: CommandTargets): ShellTarget[] {
  let at = 0;
  let replace: string | undefined;
  let fromFile = false;
  while (at < args.length && args[at].text.startsWith('-') && args[at].text !== '--') {
    const [option, value] = args[at].text.split(/=(.*)/s);
    if (option === '-I' || option === '--replace') replace = value ?? args[at + 1]?.text ?? '{}';
    else if (/^-I./.test(option)) replace = option.slice(2);
    else if (/^-i/.test(option)) replace = option.slice(2) || '{}';
    if (option === '-a' || option === '--arg-file') fromFile = true;
    at += XARGS_VALUED.includes(option) && value === undefined ? 2 : 1;
  }
  if (args[at]?.text === '--') at++;
  const given = args.slice(at);
  const command = given.length === 0 ? [word('echo')]
    : replace === undefined ? [...given, word(HANDED)]
      : given.map((arg) => (arg.text.includes(replace) ? { ...arg, text: arg.text.replaceAll(replace, HANDED) } : arg));
  const items = fromFile ? undefined : listedFiles(pipedFrom);
  const program = given[0]?.text ?? 'echo';
  return handedTo(inner(command), items, `the files \`xargs\` gives \`${program}\``);
}

/**
 * The files a command prints, as patterns, when it is one that lists files
 * (`find`, `git ls-files`, `ls`, `echo`); undefined when only its output says.
 */
function listedFiles(command: SimpleCommand | undefined): ShellWord[] | undefined {
  if (!command) return undefined;
  const [name, ...args] = command.words;
  if (!name || name.dynamic) return undefined;
  switch (path.posix.basename(name.text)) {
    case 'find':
      return foundPatterns(args);
    case 'echo':
      return operands(args);
    case 'ls': {
      // `ls dir` prints its entries' names: read as the folder's files and as names in the current one.
      const named = operands(args);
      const here = word('*', true);
      return named.length === 0 ? [here] : [...named.flatMap((arg) => [arg, { ...arg, text: path.posix.join(arg.text, '*'), glob: true }]), here];
    }
    case 'git': {
      if (args[0]?.text !== 'ls-files') return undefined;
      const specs = operands(args.slice(1), ['-x', '--exclude', '-X', '--exclude-from', '--format']);
      return (specs.length > 0 ? specs : [word('.')]).flatMap((spec) => [spec, { ...spec, text: path.posix.join(spec.text, '**', '*'), glob: true }]);
    }
    default:
      return undefined;
  }
}

/**
 * A command's targets with HANDED replaced by each file handed to it; a
 * target that holds it when the files are not known is unnamed.
 */
function handedTo(targets: ShellTarget[], items: ShellWord[] | undefined, unknown = 'the files `find` finds'): ShellTarget[] {
  return targets.flatMap((each): ShellTarget[] => {
    const handed = each.path.includes(HANDED) || each.sources?.some((source) => source.includes(HANDED));
    if (!handed) return [each];
    if (!items) return [{ path: '', effect: each.effect, unnamed: unknown }];
    if (!each.path.includes(HANDED)) return [{ ...each, sources: each.sources?.flatMap((source) => (source.includes(HANDED) ? items.map((item) => source.replaceAll(HANDED, item.text)) : [source])) }];
    return items.flatMap((item) => target({ ...item, text: each.path.replaceAll(HANDED, item.text), glob: item.glob || Boolean(each.glob) }, each.effect));
  });
}

const INTERPRETERS: Record<string, string[]> = {
  python: ['-c'], node: ['-e', '--eval', '-p', '--print'], nodejs: ['-e', '--eval', '-p', '--print'], bun: ['-e', '--eval', '-p', '--print'],
  ruby: ['-e'], perl: ['-e', '-E'], php: ['-r'], osascript: ['-e'],
};

/**
 * The code an interpreter runs from its command line (`python3 -c CODE`,
 * `node -e CODE`, `deno eval CODE`) or its input (`python3 - <<'EOF'`, `node
 * <<'EOF'`, `echo … | ruby`); undefined when it runs a file.
 */
function inlineCode(program: string, args: ShellWord[], stdin?: string): ShellWord | undefined {
  if (program === 'deno' && args[0]?.text === 'eval') return operands(args.slice(1))[0];
  const flags = INTERPRETERS[program.replace(/^(python)[\d.]*$/, '$1')];
  // perl -i edits the files it is given: read in shellWrites.ts.
  if (!flags || (program === 'perl' && args.some((arg) => /^-[a-zA-Z]*i/.test(arg.text)))) return undefined;
  for (let at = 0; at < args.length; at++) {
    const text = args[at].text;
    if (flags.includes(text)) return args[at + 1];
    // `python -c'…'`, `perl -le '…'`: the flag bundled.
    const bundled = flags.find((flag) => flag.length === 2 && text.startsWith('-') && !text.startsWith('--') && text.includes(flag[1]));
    if (bundled) return text.endsWith(bundled[1]) ? args[at + 1] : { ...args[at], text: text.slice(text.indexOf(bundled[1]) + 1) };
  }
  const [script] = operands(args, ['-m', '-W', '-X', '-r', '--require', '-I', '-M']);
  if (stdin === undefined || (script !== undefined && script.text !== '-')) return undefined;
  // What only the running command prints into it is code only it has.
  return stdin === 'unknown' ? { text: 'its input', dynamic: true, glob: false } : { text: stdin, dynamic: false, glob: false };
}

/** Calls that write, remove or move files, or run other commands, in the languages agents run inline. */
const WRITING_CODE = new RegExp([
  // open(f, 'w'), open(f, mode='a+'), File.open(f, "wb"), perl's open(F, '>', f) and open(F, ">f").
  String.raw`\bopen\s*\([^,)]*,\s*(mode\s*=\s*)?(['"][rbt]*[wax+][rbt+]*['"]|['"]\+?[>|])`,
  String.raw`\.(write_text|write_bytes|unlink|touch|rename|replace|rmdir|symlink_to|hardlink_to)\s*\(`,
  String.raw`\bos\s*\.\s*(remove|unlink|rename|replace|rmdir|removedirs|symlink|link|truncate|chmod|system|popen|spawn\w*|exec\w*)\b`,
  String.raw`\b(shutil|subprocess|FileUtils|child_process)\b`,
  String.raw`\b(fs|fsPromises|Deno|Bun)\s*\.\s*(write|append|rm|unlink|rename|copy|cp|truncate|symlink|link|chmod|createWriteStream|remove|create|run|spawn|Command|\$)`,
  String.raw`\b(writeFile|appendFile|copyFile|createWriteStream|rmSync|unlinkSync|renameSync|execSync|spawnSync|execFileSync|file_put_contents|shell_exec|passthru)\w*\s*\(`,
  String.raw`\b(system|exec|spawn|unlink|rename)\s*\(`,
  String.raw`\bFile\s*\.\s*(write|delete|rename|symlink|chmod|unlink)`,
].join('|'));

/** A string in the code that reads as a file's path: a slash or an extension, no spaces, no scheme. */
const PATH_LITERAL = /(['"`])((?:[\w.@~+-]+\/)*[\w.@~+-]*(?:\/|\.[A-Za-z]\w{0,9}))\1/g;

/**
 * Code that writes files names them in its strings, or builds their names:
 * every path in its strings is judged as written (a locked one refused), and
 * with none the files are unnamed.
 */
function inlineCodeTargets(program: string, code: ShellWord): ShellTarget[] {
  if (code.dynamic) return [{ path: '', effect: 'write', unnamed: `the files the \`${program}\` code only the shell knows writes` }];
  if (!WRITING_CODE.test(code.text)) return [];
  const named = [...code.text.matchAll(PATH_LITERAL)].map((match) => match[2]).filter((literal) => !/^\.?[A-Za-z]\w{0,9}$/.test(literal) && !literal.includes('://'));
  if (named.length === 0) return [{ path: '', effect: 'write', unnamed: `the files the \`${program}\` code writes` }];
  return [...new Set(named)].flatMap((literal) => target(word(literal), 'write'));
}
