// Tools an agent runs that rewrite the files they are pointed at: code
// formatters and fixers (`prettier --write .`, `eslint --fix src`), editors
// run from a script (`ed f`, `vim -c wq f`), archives unpacked (`unzip -d`,
// `7z x`, `cpio -i`), compressors that replace their file (`gzip f`), files
// made by name (`split`, `mktemp`, `mkfifo`), `yq -i`, `npm pkg set`, and
// the files an awk or sed program writes itself (`print > "f"`, `w f`).
import { asFolder, operands, optionValue, target, valuesOf } from './shellArgs';
import type { ShellWord } from './shellWords';
import type { ShellTarget } from './shellWrites';

interface Formatter {
  /** Whether these arguments rewrite files (rather than check them). */
  writes(args: ShellWord[]): boolean;
  /** The files a folder given to it stands for: the extensions it formats. */
  extensions: string;
  /** Options that take a value, so their value is not read as a file. */
  valued?: string[];
  /** Words before the files (`ruff format`, `biome check`). */
  subcommand?: boolean;
  /** The files it rewrites when given none. */
  none?: string;
}

const has = (args: ShellWord[], ...flags: string[]) => args.some((arg) => flags.some((flag) => arg.text === flag || arg.text.startsWith(`${flag}=`)));
const WEB = 'js,jsx,ts,tsx,mjs,cjs,mts,cts,json,jsonc,json5,md,mdx,css,scss,less,html,vue,svelte,yaml,yml,graphql,gql,hbs,handlebars';
const SCRIPT = 'js,jsx,ts,tsx,mjs,cjs,mts,cts,vue,svelte';
const PYTHON = 'py,pyi,ipynb';

const FORMATTERS: Record<string, Formatter> = {
  prettier: { writes: (args) => has(args, '--write', '-w'), extensions: WEB, valued: ['--config', '--plugin', '--ignore-path', '--parser', '--log-level', '--cache-location', '--stdin-filepath'] },
  eslint: { writes: (args) => has(args, '--fix'), extensions: SCRIPT, valued: ['-c', '--config', '--ext', '--rule', '--rulesdir', '--ignore-path', '--ignore-pattern', '-f', '--format', '-o', '--output-file', '--parser', '--parser-options', '--plugin', '--resolve-plugins-relative-to', '--cache-location', '--max-warnings'], none: '.' },
  stylelint: { writes: (args) => has(args, '--fix'), extensions: 'css,scss,less,sass,vue,svelte,html', valued: ['-c', '--config', '--config-basedir', '-f', '--formatter', '-o', '--output-file', '--ignore-path', '--ignore-pattern', '--custom-syntax'] },
  biome: { writes: (args) => has(args, '--write', '--apply', '--apply-unsafe', '--fix', '--unsafe'), extensions: `${SCRIPT},json,jsonc,css,graphql`, subcommand: true, valued: ['--config-path', '--max-diagnostics', '--reporter'], none: '.' },
  dprint: { writes: (args) => args[0]?.text === 'fmt', extensions: `${WEB},toml,rs,py,go,dockerfile`, subcommand: true, valued: ['-c', '--config', '--excludes', '--plugins'], none: '.' },
  black: { writes: (args) => !has(args, '--check', '--diff'), extensions: PYTHON, valued: ['-l', '--line-length', '-t', '--target-version', '--config', '--include', '--exclude', '--extend-exclude', '--force-exclude'] },
  ruff: { writes: (args) => (args[0]?.text === 'format' && !has(args, '--check', '--diff')) || has(args, '--fix', '--unsafe-fixes'), extensions: PYTHON, subcommand: true, valued: ['--config', '--select', '--ignore', '--extend-select', '--line-length', '--target-version', '--exclude', '--extend-exclude', '-o', '--output-file', '--output-format'], none: '.' },
  isort: { writes: (args) => !has(args, '--check', '--check-only', '-c', '--diff'), extensions: PYTHON, valued: ['--settings-path', '--sp', '-l', '--line-length', '--profile'] },
  autopep8: { writes: (args) => has(args, '-i', '--in-place'), extensions: PYTHON, valued: ['--select', '--ignore', '--max-line-length'] },
  gofmt: { writes: (args) => has(args, '-w'), extensions: 'go', valued: ['-r'] },
  goimports: { writes: (args) => has(args, '-w'), extensions: 'go', valued: ['-local'] },
  rustfmt: { writes: (args) => !has(args, '--check'), extensions: 'rs', valued: ['--edition', '--config-path', '--config'] },
  'clang-format': { writes: (args) => has(args, '-i'), extensions: 'c,cc,cpp,cxx,h,hh,hpp,hxx,m,mm,proto,java,cs', valued: ['--style', '--assume-filename', '--lines', '--offset', '--length'] },
  'markdownlint': { writes: (args) => has(args, '--fix', '-f'), extensions: 'md,markdown', valued: ['-c', '--config', '-i', '--ignore', '-p', '--ignore-path', '-r', '--rules'] },
  'markdownlint-cli2': { writes: (args) => has(args, '--fix'), extensions: 'md,markdown', valued: ['--config'] },
  standard: { writes: (args) => has(args, '--fix'), extensions: SCRIPT, valued: ['--env', '--global', '--plugin', '--parser'], none: '.' },
  xo: { writes: (args) => has(args, '--fix'), extensions: SCRIPT, valued: ['--env', '--global', '--plugin', '--parser', '--extension', '--cwd'], none: '.' },
};

/** The files a formatter or fixer rewrites: each file it is given, and a folder's files of the kinds it formats. */
function formatterTargets(formatter: Formatter, args: ShellWord[]): ShellTarget[] {
  if (!formatter.writes(args)) return [];
  const given = operands(args, formatter.valued);
  const files = formatter.subcommand ? given.slice(1) : given;
  const named = files.length > 0 ? files : formatter.none ? [{ text: formatter.none, dynamic: false, glob: false }] : [];
  return named.flatMap((file) => {
    if (file.dynamic) return target(file, 'write');
    // A quoted pattern is the tool's to expand (`prettier --write "src/**/*.ts"`): read as one.
    if (/[*?[{]/.test(file.text)) return target({ ...file, glob: true }, 'write');
    // A name without an extension, `.` or `dir/`, is a folder: the files of the kinds it formats, at any depth.
    const folder = /(^|\/)\.{0,2}$/.test(file.text) || /\/$/.test(file.text) || !/\.[^/]+$/.test(file.text);
    if (!folder) return target(file, 'write');
    const base = file.text.replace(/\/+$/, '');
    // One kind is `*.go`: a brace with one choice is read as itself.
    const kinds = formatter.extensions.includes(',') ? `{${formatter.extensions}}` : formatter.extensions;
    return target({ ...file, text: `${base === '.' || base === '' ? '' : `${base}/`}**/*.${kinds}`, glob: true }, 'write');
  });
}

/** Editors run from a command line or a script: what they are given to open is what they may write. By name, the options that take a value. */
const VIM_VALUED = ['-c', '--cmd', '-S', '-u', '-i', '-T', '-w', '-W', '-s'];
const EDITORS = new Map<string, string[]>([
  ['ed', ['-p']], ['red', ['-p']],
  ['ex', VIM_VALUED], ['vi', VIM_VALUED], ['vim', VIM_VALUED], ['nvim', VIM_VALUED], ['view', VIM_VALUED],
  ['emacs', ['--eval', '-l', '--load', '-f', '--funcall', '--chdir']],
  ['nano', []], ['micro', []], ['kak', ['-e', '-c', '-s']], ['hx', ['-c', '--config']], ['helix', ['-c', '--config']],
]);

/** awk's own redirections, in its program: `print > "f"`, `printf … >> "f"`. */
export function awkProgramTargets(args: ShellWord[]): ShellTarget[] {
  const valued = ['-f', '--file', '-v', '--assign', '-F', '--field-separator', '-i', '--include'];
  const given = valuesOf(args, 'e', '--source');
  const program = given.length > 0 ? given : operands(args, valued).slice(0, 1);
  return program.flatMap((code) => [...code.text.matchAll(/(?:print|printf)\b[^;}>|]*>>?\s*"([^"]+)"/g)].flatMap((match) => target({ text: match[1], dynamic: false, glob: false }, 'write')));
}

/** A sed address (`3`, `$`, `/re/`, `\\cREc`, `1~2`), a range of two, and `!`: what comes before a command. */
const SED_ADDRESS = String.raw`(?:\d+(?:~\d+)?|\$|\/(?:[^\/\\]|\\.)*\/[IM]*|\\(.)(?:(?!\1).|\\.)*\1[IM]*)`;
const SED_COMMAND = new RegExp(String.raw`^(?:${SED_ADDRESS}(?:\s*,\s*(?:${SED_ADDRESS.replaceAll('\\1', '\\2')}|[+~]\d+))?)?\s*!?\s*([a-zA-Z{}=#:])([\s\S]*)$`);

/** sed's own writes, in its script: the `w FILE` and `W FILE` commands, and the `w FILE` flag of `s///`. */
export function sedScriptTargets(args: ShellWord[]): ShellTarget[] {
  const scripts = [...valuesOf(args, 'e', '--expression')];
  if (scripts.length === 0 && !args.some((arg) => /^(-[a-zA-Z]*f|--file)/.test(arg.text))) scripts.push(...operands(args, ['-l', '--line-length']).slice(0, 1));
  return scripts.flatMap((script) => script.text.split(/[;\n]/).flatMap((command) => {
    const file = sedWrittenFile(command.trim());
    return file ? target({ text: file, dynamic: false, glob: false }, 'write') : [];
  }));
}

/** The file one sed command writes: `w FILE`, `W FILE`, `s/a/b/w FILE`. */
function sedWrittenFile(command: string): string | undefined {
  const match = SED_COMMAND.exec(command);
  if (!match) return undefined;
  const [name, rest] = [match[match.length - 2], match[match.length - 1]];
  if (name === 'w' || name === 'W') return rest.trim() || undefined;
  if (name !== 's' || rest.length === 0) return undefined;
  // s, its delimiter, the pattern and the replacement (a delimiter escaped with \ inside them), then its flags.
  const delimiter = rest[0];
  let at = 1;
  for (let parts = 0; parts < 2 && at < rest.length; at++) {
    if (rest[at] === '\\') at++;
    else if (rest[at] === delimiter) parts++;
  }
  const flags = /^([gpiImMe0-9]*)w\s*(.*)$/.exec(rest.slice(at));
  return flags?.[2].trim() || undefined;
}

/** Compressors that replace each file with its compressed (or decompressed) copy, unless told to keep it. */
const COMPRESSORS = new Set(['gzip', 'gunzip', 'bzip2', 'bunzip2', 'xz', 'unxz', 'lzma', 'zstd', 'unzstd', 'lz4', 'compress', 'uncompress']);

/** Other programs that write files: by name, what they write from their words. */
const WRITERS: Record<string, (args: ShellWord[]) => ShellTarget[]> = {
  // `split big.txt part_` writes part_aa, part_ab…: every file of that prefix.
  split: (args) => {
    const [, prefix] = operands(args, ['-l', '-b', '-C', '-n', '-a', '--suffix-length', '--additional-suffix', '-t', '--separator', '--lines', '--bytes', '--line-bytes', '--number', '--filter']);
    return target({ text: `${prefix?.text ?? 'x'}*`, dynamic: prefix?.dynamic ?? false, glob: true }, 'write');
  },
  csplit: (args) => target({ text: `${optionValue(args, ['-f', '--prefix'])?.text ?? 'xx'}*`, dynamic: false, glob: true }, 'write'),
  // `mktemp src/auth/XXXX`: a new file where the template says (unless -t, -p or --tmpdir put it elsewhere).
  mktemp: (args) => (has(args, '-t', '-p', '--tmpdir') ? [] : operands(args, ['-p', '--tmpdir', '--suffix']).flatMap((arg) => target({ ...arg, text: arg.text.replace(/X{3,}/g, '*'), glob: true }, 'write'))),
  link: (args) => operands(args).flatMap((arg) => target(arg, 'write')),
  mkfifo: (args) => operands(args, ['-m', '--mode', '-Z', '--context']).flatMap((arg) => target(arg, 'write')),
  mknod: (args) => operands(args, ['-m', '--mode', '-Z', '--context']).slice(0, 1).flatMap((arg) => target(arg, 'write')),
  setfacl: (args) => operands(args, ['-m', '-x', '-M', '-X', '--modify', '--remove', '--modify-file', '--remove-file', '--set', '--set-file']).flatMap((arg) => target(arg, 'write')),
  // `yq -i EXPR FILE…` and `yq e -i …`: the files after the expression.
  yq: (args) => {
    if (!has(args, '-i', '--inplace')) return [];
    const words = operands(args, ['--from-file', '-p', '--input-format', '-o', '--output-format', '--indent', '-I']);
    const files = ['e', 'eval', 'ea', 'eval-all'].includes(words[0]?.text ?? '') ? words.slice(2) : words.slice(1);
    return files.flatMap((arg) => target(arg, 'write'));
  },
  // `cpio -i` unpacks what its input holds into the current folder (or `-D DIR`): judged whole, as tar's.
  cpio: (args) => (args.some((arg) => /^-[a-zA-Z]*i/.test(arg.text) || arg.text === '--extract') ? target({ text: `${optionValue(args, ['-D', '--directory'])?.text ?? '.'}/`, dynamic: false, glob: false }, 'write') : []),
};

/** Package managers' commands that remove a package from the project. */
const UNINSTALLS = new Set(['uninstall', 'remove', 'rm', 'un', 'r', 'unlink']);

/** The targets of formatters, editors, unzip and package removals; undefined for any other program. */
export function toolTargets(program: string, args: ShellWord[]): ShellTarget[] | undefined {
  if (['npm', 'pnpm', 'yarn', 'bun'].includes(program) && UNINSTALLS.has(args[0]?.text ?? '')) {
    // Removing PM Zone itself removes the guard the hooks run: judged as its installed folder.
    return operands(args.slice(1)).some((arg) => arg.text === 'pm-zone' || arg.text.startsWith('pm-zone@')) ? target({ text: 'node_modules/pm-zone/', dynamic: false, glob: false }, 'delete') : [];
  }
  if (COMPRESSORS.has(program)) {
    // `gzip f` leaves f.gz in f's place: f is removed (and a locked file may not go that way).
    if (has(args, '-c', '--stdout', '-k', '--keep', '-t', '--test', '-l', '--list')) return [];
    return operands(args, ['-S', '--suffix', '-T', '--threads', '-o', '--output']).flatMap((arg) => target(arg, 'delete'));
  }
  if (['7z', '7za', '7zz', '7zr'].includes(program) && ['x', 'e'].includes(args[0]?.text ?? '')) {
    const into = args.find((arg) => arg.text.startsWith('-o'))?.text.slice(2);
    return target({ text: `${into || '.'}/`, dynamic: false, glob: false }, 'write');
  }
  if (program === 'npm' && args[0]?.text === 'pkg' && ['set', 'delete', 'fix'].includes(args[1]?.text ?? '')) return target({ text: 'package.json', dynamic: false, glob: false }, 'write');
  const writer = Object.hasOwn(WRITERS, program) ? WRITERS[program] : undefined;
  if (writer) return writer(args);
  const formatter = Object.hasOwn(FORMATTERS, program) ? FORMATTERS[program] : undefined;
  if (formatter) return formatterTargets(formatter, args);
  const editor = EDITORS.get(program);
  if (editor) return operands(args, editor).filter((arg) => !arg.text.startsWith('+')).flatMap((arg) => target(arg, 'write'));
  if (program === 'unzip') {
    if (has(args, '-l', '-t', '-v', '-p', '-Z')) return [];
    const into = valuesOf(args, 'd', '--d');
    return (into.length > 0 ? into : [{ text: '.', dynamic: false, glob: false }]).flatMap((folder) => target(asFolder(folder), 'write'));
  }
  return undefined;
}
