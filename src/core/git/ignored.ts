// Files PM Zone writes for every clone (the coding agents' hook settings,
// the workflow, the zone, a planning doc) are useless where the repository's
// .gitignore keeps git from carrying them: `git add -A` leaves them out
// without a word, and every other clone runs unguarded. So each command
// that writes one asks git, and says which line of which ignore file is in
// the way and the exact lines that let git carry the file.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { checkIgnoreAnswered, checkIgnorePath } from './pathspec';
import { writeRepositoryFile } from './repositoryWrite';
import type { Git } from './runGit';

export interface IgnoredFile {
  /** The repository-relative path git will not carry. */
  file: string;
  /** What ignores it: `.gitignore:3: .claude/` (the shallowest ignored folder's rule, when a folder is). */
  rule: string;
  /** The ignore file the lines go into (a nested .gitignore outranks the root's, the root's every exclude file). */
  gitignore: string;
  /** The lines to add at its end, relative to its folder: a folder ignored whole is opened, its other files stay ignored. */
  lines: string[];
}

interface Match {
  source: string;
  line: string;
  pattern: string;
}

/**
 * The files among `files` (repository-relative, already written) that git
 * ignores and does not track. A tracked file is carried whatever the ignore
 * files say, so it is never reported.
 */
export async function ignoredFiles(git: Git, files: readonly string[]): Promise<IgnoredFile[]> {
  const wanted = [...new Set(files.map((file) => file.replace(/\\/g, '/').replace(/^\.\//, '')))];
  if (wanted.length === 0) return [];
  const ancestors = (file: string) => file.split('/').slice(0, -1).map((_, index, parts) => parts.slice(0, index + 1).join('/'));
  const folders = [...new Set(wanted.flatMap(ancestors))];
  const ask = (paths: readonly string[], index: boolean) => (paths.length === 0 ? Promise.resolve({ stdout: Buffer.alloc(0) })
    : git.exec(['check-ignore', ...(index ? [] : ['--no-index']), '--verbose', '--non-matching', '-z', '--stdin'], { input: `${paths.map(checkIgnorePath).join('\0')}\0`, okExitCodes: [1] }));
  // A file git tracks is carried whatever the rules say; a folder is excluded by its rule even when it holds tracked files,
  // and then git never looks inside it for new ones.
  const [own, above] = await Promise.all([ask(wanted, true), ask(folders, false)]).catch(() => [undefined, undefined]);
  // Without a working git nothing can be said: nothing is made up.
  if (!own || !above) return [];
  const matches = new Map([...readMatches(above.stdout.toString('utf8')), ...readMatches(own.stdout.toString('utf8'))]);
  const ignores = (candidate: string) => {
    const match = matches.get(candidate);
    return match !== undefined && match.source !== '' && !match.pattern.startsWith('!') ? match : undefined;
  };
  const found: IgnoredFile[] = [];
  for (const file of wanted) {
    const own = ignores(file);
    if (!own) continue;
    const folder = ancestors(file).find((candidate) => ignores(candidate) !== undefined);
    const cause = folder ? (ignores(folder) as Match) : own;
    const home = gitignoreFolder(cause.source);
    const relative = (target: string) => (home === '' ? target : target.slice(home.length + 1));
    const opened = folder ? [...ancestors(file).filter((candidate) => candidate === folder || candidate.startsWith(`${folder}/`))] : [];
    const lines = [...opened.flatMap((level) => [`!/${escape(relative(level))}/`, `/${escape(relative(level))}/*`]), `!/${escape(relative(file))}`];
    found.push({ file, rule: `${displaySource(cause.source)}:${cause.line}: ${cause.pattern}`, gitignore: home === '' ? '.gitignore' : `${home}/.gitignore`, lines });
  }
  return found;
}

/** What to tell the person who ran the command: each file, what ignores it, and the lines to add (or the flag that adds them). */
export function ignoredAdvice(ignored: readonly IgnoredFile[], flag = '--unignore'): string {
  const files = ignored.map((entry) => `${entry.file} (${entry.rule})`).join(', ');
  const blocks = [...groupLines(ignored)].map(([gitignore, lines]) => `Add to the end of ${gitignore}:\n${lines.join('\n')}`);
  return [
    `git ignores ${ignored.length === 1 ? 'a file' : `${ignored.length} files`} PM Zone wrote for every clone, so \`git add\` leaves ${ignored.length === 1 ? 'it' : 'them'} out and other clones never get ${ignored.length === 1 ? 'it' : 'them'}: ${files}.`,
    ...blocks,
    `Then commit them (or run again with ${flag}, which adds these lines).`,
  ].join('\n');
}

/**
 * Adds the lines to each ignore file (once: lines already there are not
 * repeated) and asks git again; returns what is still ignored (a rule PM
 * Zone could not outrank, such as a deeper .gitignore it did not name).
 */
export async function unignore(git: Git, root: string, ignored: readonly IgnoredFile[]): Promise<IgnoredFile[]> {
  for (const [gitignore, lines] of groupLines(ignored)) {
    const before = await fs.readFile(path.join(root, ...gitignore.split('/')), 'utf8').catch(() => '');
    const present = new Set(before.split(/\r?\n/));
    const added = lines.filter((line) => !present.has(line));
    if (added.length === 0) continue;
    const separator = before === '' || before.endsWith('\n') ? '' : '\n';
    const text = `${before}${separator}${before === '' ? '' : '\n'}# Files every clone needs (PM Zone's guard, gate and policy): let git carry them.\n${added.join('\n')}\n`;
    await writeRepositoryFile(root, gitignore, text, { mode: 'replace' });
  }
  return ignoredFiles(git, ignored.map((entry) => entry.file));
}

function groupLines(ignored: readonly IgnoredFile[]): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const entry of ignored) {
    const lines = grouped.get(entry.gitignore) ?? [];
    for (const line of entry.lines) if (!lines.includes(line)) lines.push(line);
    grouped.set(entry.gitignore, lines);
  }
  return grouped;
}

/** `source NUL line NUL pattern NUL path NUL`, per path asked (empty fields where nothing matched). */
function readMatches(output: string): Map<string, Match> {
  const fields = output.split('\0');
  const matches = new Map<string, Match>();
  for (let at = 0; at + 3 < fields.length; at += 4) matches.set(checkIgnoreAnswered(fields[at + 3]), { source: fields[at], line: fields[at + 1], pattern: fields[at + 2] });
  return matches;
}

/** The folder of an in-tree .gitignore (`''` for the root's); `''` too for .git/info/exclude and a global excludes file, which the root's .gitignore outranks. */
function gitignoreFolder(source: string): string {
  if (path.isAbsolute(source) || source.startsWith('.git/') || path.posix.basename(source) !== '.gitignore') return '';
  return path.posix.dirname(source) === '.' ? '' : path.posix.dirname(source);
}

function displaySource(source: string): string {
  return path.isAbsolute(source) ? `${source} (core.excludesFile)` : source;
}

/** A path as a gitignore pattern matches it literally. */
function escape(relPath: string): string {
  return relPath.replace(/[*?[\]\\!#]/g, (character) => `\\${character}`).replace(/ $/, '\\ ');
}
