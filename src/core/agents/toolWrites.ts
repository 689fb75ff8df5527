import { fileURLToPath } from 'node:url';
import type { ToolWrites } from './model';

// Which files a tool call writes, for every agent's tool names as their
// documentation gives them (lower-cased here):
// - Claude Code (code.claude.com/docs/en/hooks, "PreToolUse input"): Write,
//   Edit, NotebookEdit (`file_path`, `notebook_path`, always absolute);
//   MultiEdit (`file_path`) from versions before the reference dropped it;
//   Bash and PowerShell (`command`).
// - VS Code agent mode (the Copilot Chat extension's tool names):
//   create_file, replace_string_in_file, insert_edit_into_file,
//   edit_notebook_file (`filePath`), multi_replace_string_in_file
//   (`replacements[].filePath`), apply_patch (`input`), run_in_terminal
//   (`command`), create_and_run_task (`task.command` and `task.args`, run by
//   a shell); editFiles (`files`) from the VS Code hooks page's example.
// - Copilot CLI and cloud agent (docs.github.com, "Tool names for hook
//   matching"): create, edit, apply_patch, str_replace_editor, bash,
//   powershell. Their argument names are not documented: `path` as the
//   Copilot CLI's tools take it, with the other agents' names as well.
// - Gemini CLI (docs/tools/file-system.md, shell.md): write_file, replace
//   (`file_path`), run_shell_command (`command`, `dir_path`; `directory` in
//   the tool's reference page).
// - Cursor (cursor.com/docs/hooks, preToolUse matchers): Write, Delete,
//   Shell (`command`, `working_directory`). Write's fields are not
//   documented; `file_path`, as its beforeReadFile and afterFileEdit use.
// - Codex CLI (0.169, as its hooks receive them): Bash (`command`) and
//   apply_patch, whose whole patch is `command`, paths relative to the
//   session's folder.

const FILE_TOOLS = new Set([
  'write', 'edit', 'multiedit', 'notebookedit',
  'create_file', 'replace_string_in_file', 'insert_edit_into_file', 'edit_notebook_file', 'multi_replace_string_in_file', 'editfiles', 'createfile',
  'create', 'str_replace_editor',
  'write_file', 'replace',
  'delete',
]);
const PATCH_TOOLS = new Set(['apply_patch']);
const SHELL_TOOLS = new Set(['bash', 'run_in_terminal', 'run_shell_command', 'shell']);
/** PowerShell's syntax is not analysed: its commands are left to the agent's own approval, and the Stop backstop. */
const UNANALYSED_SHELLS = new Set(['powershell']);

/** The names agents give a file's path in a tool's input. */
const PATH_FIELDS = ['file_path', 'notebook_path', 'filePath', 'path', 'target_file'] as const;

export function toolWrites(toolName: string, input: unknown): ToolWrites {
  const name = toolName.toLowerCase();
  const args = asRecord(input);
  if (SHELL_TOOLS.has(name)) {
    const command = stringField(args, 'command');
    if (command === undefined) return { kind: 'none' };
    const cwd = stringField(args, 'dir_path') ?? stringField(args, 'directory') ?? stringField(args, 'working_directory') ?? stringField(args, 'cwd');
    return { kind: 'shell', command, ...(cwd === undefined ? {} : { cwd }) };
  }
  if (name === 'create_and_run_task') return taskWrites(asRecord(args.task));
  if (UNANALYSED_SHELLS.has(name)) return { kind: 'none' };
  if (PATCH_TOOLS.has(name)) {
    const patch = typeof input === 'string' ? input : stringField(args, 'input') ?? stringField(args, 'patch') ?? stringField(args, 'command');
    return placed(toolName, patch === undefined ? [] : patchPaths(patch));
  }
  if (!FILE_TOOLS.has(name)) return { kind: 'none' };
  // Copilot's str_replace_editor also views files.
  if (name === 'str_replace_editor' && stringField(args, 'command') === 'view') return { kind: 'none' };
  return placed(toolName, filePaths(args));
}

/**
 * A VS Code task the agent defines and runs: a shell task's command line (its
 * arguments appended), or a process task's program and arguments, each read
 * as the shell command it amounts to.
 */
function taskWrites(task: Record<string, unknown>): ToolWrites {
  const command = stringField(task, 'command');
  if (command === undefined) return { kind: 'none' };
  const quote = (word: string) => `'${word.replace(/'/g, "'\\''")}'`;
  const given = Array.isArray(task.args) ? task.args.map((arg) => (typeof arg === 'string' ? arg : stringField(asRecord(arg), 'value') ?? '')) : [];
  const line = [task.type === 'process' ? quote(command) : command, ...given.map(quote)].join(' ');
  const cwd = stringField(asRecord(task.options), 'cwd');
  return { kind: 'shell', command: line, ...(cwd === undefined ? {} : { cwd }) };
}

/** The paths a tool names, as files: VS Code's tools give `file://` URIs. */
function placed(tool: string, given: readonly string[]): ToolWrites {
  if (given.length === 0) return { kind: 'unreadable', tool };
  const paths: string[] = [];
  for (const name of given) {
    const file = filePathOf(name);
    if (file === undefined) return { kind: 'unplaceable', tool, given: name };
    paths.push(file);
  }
  return { kind: 'files', paths: [...new Set(paths)] };
}

/**
 * A path as a tool gives it, as a file path: a `file:` URI decoded (its
 * percent-encoding too), which read as a path would be a relative folder
 * named `file:` and match nothing; undefined for a URI of another scheme or
 * a file URI on another host, which name no file here.
 */
export function filePathOf(given: string): string | undefined {
  if (/^file:/i.test(given)) {
    try {
      return fileURLToPath(given);
    } catch {
      return undefined;
    }
  }
  // Two letters at least before the colon: `C:\x` is a Windows drive, not a scheme.
  return /^[a-z][a-z0-9+.-]+:/i.test(given) ? undefined : given;
}

function filePaths(args: Record<string, unknown>): string[] {
  const paths: string[] = [];
  for (const field of PATH_FIELDS) {
    const value = stringField(args, field);
    if (value !== undefined && value !== '') paths.push(value);
  }
  const files = args.files;
  if (Array.isArray(files)) paths.push(...files.filter((file): file is string => typeof file === 'string' && file !== ''));
  const replacements = args.replacements;
  if (Array.isArray(replacements)) {
    for (const replacement of replacements) {
      const value = stringField(asRecord(replacement), 'filePath');
      if (value) paths.push(value);
    }
  }
  return [...new Set(paths)];
}

/**
 * The files a patch touches: the `*** Add/Update/Delete File:` and
 * `*** Move to:` lines of the apply_patch format (VS Code, Copilot, Codex),
 * and unified diffs' `---`/`+++` and `diff --git` headers.
 */
export function patchPaths(patch: string): string[] {
  const paths: string[] = [];
  const lines = patch.split(/\r?\n/);
  lines.forEach((line, index) => {
    const envelope = /^\*\*\* (?:Add File|Update File|Delete File|Move to): (.+)$/.exec(line);
    if (envelope) paths.push(envelope[1].trim());
    if (line.startsWith('diff --git ')) paths.push(...gitHeaderPaths(line.slice('diff --git '.length)));
    const renamed = /^(?:rename|copy) (?:from|to) (.+)$/.exec(line);
    if (renamed) paths.push(unquoted(renamed[1]));
    // A pair of header lines only: a removed line that starts with "-- " is not a file name.
    if (line.startsWith('--- ') && lines[index + 1]?.startsWith('+++ ')) paths.push(unifiedPath(line), unifiedPath(lines[index + 1]));
  });
  return [...new Set(paths.filter((path) => path !== '' && path !== '/dev/null'))];
}

/**
 * The two names of a `diff --git` header: `a/x b/x`, quoted where a name
 * holds odd characters (`"a/x y" "b/x y"`), or without prefixes (`-p0`,
 * `--no-prefix`: `x x`).
 */
function gitHeaderPaths(rest: string): string[] {
  const names: string[] = [];
  let text = rest;
  while (text.startsWith('"') && names.length < 2) {
    const end = /^"((?:[^"\\]|\\.)*)"\s*/.exec(text);
    if (!end) break;
    names.push(unquoted(`"${end[1]}"`));
    text = text.slice(end[0].length);
  }
  if (names.length === 1 && text !== '') names.push(unquoted(text));
  if (names.length === 0) {
    const prefixed = /^a\/(.+) b\/(.+)$/.exec(text);
    const half = (text.length - 1) / 2;
    // Without prefixes, the same name twice (a name with a space can only be split where the halves agree).
    if (prefixed) names.push(prefixed[1], prefixed[2]);
    else if (Number.isInteger(half) && text[half] === ' ' && text.slice(0, half) === text.slice(half + 1)) names.push(text.slice(0, half));
    else names.push(...text.split(' ').filter(Boolean));
  }
  return names.map((name) => name.replace(/^[ab]\//, ''));
}

/** A name as git writes it in a header: C-quoted (`"a/\\303\\251.md"`) when it holds odd characters. */
function unquoted(name: string): string {
  if (!/^".*"$/s.test(name)) return name;
  const bytes: number[] = [];
  const body = name.slice(1, -1);
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '\\': 92, '"': 34 };
  for (let at = 0; at < body.length; at++) {
    if (body[at] !== '\\') {
      bytes.push(...Buffer.from(body[at]));
      continue;
    }
    const octal = /^[0-7]{3}/.exec(body.slice(at + 1));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      at += 3;
    } else {
      bytes.push(escapes[body[at + 1]] ?? body.charCodeAt(at + 1));
      at += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** `+++ b/src/x.ts\t2024-01-01` → `src/x.ts`; `+++ "b/x y.ts"` → `x y.ts`. */
function unifiedPath(header: string): string {
  const name = unquoted(header.slice(4).split('\t')[0].trim());
  return /^[ab]\//.test(name) ? name.slice(2) : name;
}

/** Tool input is an object, or (older Copilot CLI versions) that object as a JSON string. */
export function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      return asRecord(JSON.parse(value));
    } catch {
      return {};
    }
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function stringField(record: Record<string, unknown>, name: string): string | undefined {
  const value = record[name];
  return typeof value === 'string' ? value : undefined;
}
