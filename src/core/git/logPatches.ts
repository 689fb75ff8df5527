// `git log -p --cc` read back as each commit's message and the lines it
// added, file by file. Only git's own patch text is read: what a commit added
// is what git says it added, and a merge adds only what none of its parents
// had (the `++` lines of a combined diff), never the history it brings in.
import type { PatchLine } from './model';

/** Each commit opens with a NUL, then its id, parents and message, closed by a NUL: git prints no NUL in a message. */
export const LOG_PATCH_FORMAT = '%x00%H%x1f%P%x1f%B%x00';

export interface LoggedFile {
  path: string;
  lines: PatchLine[];
  /** A file git calls binary: the blob ids of its parents' versions (absent ones left out) and of the commit's. */
  blobs?: { before: string[]; after: string };
  /** Its lines are left out, as the change holds them (`FileAdditions.asInChange`). */
  asInChange?: { read(): Promise<PatchLine[]> };
}

export interface LoggedCommit {
  sha: string;
  parents: string[];
  message: string;
  files: LoggedFile[];
}

/** What becomes of each file of a commit as its section is read: the file, or what is kept of it (`index`: its place among the commit's files). */
export type KeepFile = (file: LoggedFile, index: number, sha: string) => LoggedFile;

/**
 * Parses `git log --format=LOG_PATCH_FORMAT -p --cc --full-index` output. A
 * commit's record runs to the next NUL at the start of a line: every line of
 * a patch starts with a character of its own (` `, `+`, `-`, `@`, a header's
 * word), so a NUL inside a file's text never starts one. `cut`: the output
 * was cut short, and its last record is left out. `keepFirst`: what is kept of each of
 * the first (newest) commit's files.
 */
export function parseLogPatches(output: string, cut = false, keepFirst?: KeepFile): LoggedCommit[] {
  const commits: LoggedCommit[] = [];
  let at = 0;
  while (output.charCodeAt(at) === 0) {
    const headerEnd = output.indexOf('\0', at + 1);
    if (headerEnd < 0) break;
    const next = output.indexOf('\n\0', headerEnd + 1);
    const end = next < 0 ? output.length : next + 1;
    if (next < 0 && cut) break;
    const header = readHeader(output.slice(at + 1, headerEnd));
    const sections = new FileSections(firstKeep(commits, header.sha, keepFirst));
    sections.feed(output.slice(headerEnd + 1, end), true);
    commits.push({ ...header, files: sections.files });
    at = end;
  }
  return commits;
}

/** How many bytes of a commit's patch are decoded at a time: a 10,000-file commit's patch is never one string. */
const PIECE_BYTES = 1 << 20;

/**
 * `parseLogPatches` of git's bytes, each commit's patch decoded a piece of
 * whole lines at a time (records and lines part at ASCII bytes, so the text
 * is the same as decoding the whole): what is kept of one commit holds
 * neither the whole log's text nor the whole commit's. `pieceBytes`: for
 * the tests.
 */
export function parseLogPatchBytes(output: Buffer, cut = false, keepFirst?: KeepFile, pieceBytes = PIECE_BYTES): LoggedCommit[] {
  const commits: LoggedCommit[] = [];
  let at = 0;
  while (output[at] === 0) {
    const headerEnd = output.indexOf(0, at + 1);
    if (headerEnd < 0) break;
    const next = output.indexOf('\n\0', headerEnd + 1);
    const end = next < 0 ? output.length : next + 1;
    if (next < 0 && cut) break;
    const header = readHeader(output.subarray(at + 1, headerEnd).toString('utf8'));
    const sections = new FileSections(firstKeep(commits, header.sha, keepFirst));
    const patch = output.subarray(headerEnd + 1, end);
    for (let start = 0; ;) {
      const stop = pieceEnd(patch, start, pieceBytes);
      sections.feed(patch.subarray(start, stop).toString('utf8'), stop === patch.length);
      if (stop === patch.length) break;
      start = stop;
    }
    commits.push({ ...header, files: sections.files });
    at = end;
  }
  return commits;
}

/**
 * `parseLogPatchBytes` of git's output as it comes, a chunk at a time
 * (`push`, then `end`): it holds no more of the output than a line not yet
 * ended, or a header, so a 10,000-file commit's patch is never in memory
 * whole. The same commits: a record ends at a line break followed by a
 * NUL, wherever the chunks part, and, `cut`, the last one is left out.
 */
export class LogPatchReader {
  readonly commits: LoggedCommit[] = [];
  private state: 'record' | 'header' | 'patch' | 'stopped' = 'record';
  /** Bytes of a header or a line that has not ended yet. */
  private pending: Buffer[] = [];
  private header: Omit<LoggedCommit, 'files'> | undefined;
  private sections: FileSections | undefined;
  /** The patch's bytes read so far end with a line break (a NUL next ends the record). */
  private afterBreak = false;

  constructor(private readonly keepFirst?: KeepFile) {}

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.state === 'stopped') return;
      if (this.state === 'record') {
        // What follows a record is another (a NUL), or nothing this reader reads.
        this.state = chunk[at] === 0 ? 'header' : 'stopped';
        at++;
      } else if (this.state === 'header') {
        const end = chunk.indexOf(0, at);
        this.pending.push(chunk.subarray(at, end < 0 ? chunk.length : end));
        if (end < 0) return;
        this.header = readHeader(this.taken());
        this.sections = new FileSections(firstKeep(this.commits, this.header.sha, this.keepFirst));
        this.state = 'patch';
        this.afterBreak = false;
        at = end + 1;
      } else if (this.afterBreak && chunk[at] === 0) {
        this.finish(true);
      } else {
        const record = chunk.indexOf('\n\0', at);
        if (record >= 0) {
          this.pending.push(chunk.subarray(at, record + 1));
          this.sections!.feed(this.taken(), false);
          this.finish(true);
          at = record + 1;
          continue;
        }
        const lastBreak = chunk.lastIndexOf(0x0a);
        if (lastBreak >= at) {
          this.pending.push(chunk.subarray(at, lastBreak + 1));
          this.sections!.feed(this.taken(), false);
          at = lastBreak + 1;
        }
        if (at < chunk.length) this.pending.push(chunk.subarray(at));
        this.afterBreak = at === chunk.length;
        return;
      }
    }
  }

  /** The output is over; `cut`: it was cut short, and its last record is left out. */
  end(cut = false): LoggedCommit[] {
    if (this.state === 'patch') this.finish(!cut);
    this.state = 'stopped';
    return this.commits;
  }

  /** The record's patch is over: its last line read (the text after its last line break), and the commit kept unless `keep` is false. */
  private finish(keep: boolean): void {
    const text = this.taken();
    if (keep) {
      this.sections!.feed(text, true);
      this.commits.push({ ...this.header!, files: this.sections!.files });
    }
    this.sections = undefined;
    this.header = undefined;
    this.state = 'record';
  }

  private taken(): string {
    const text = this.pending.length === 1 ? this.pending[0]!.toString('utf8') : Buffer.concat(this.pending).toString('utf8');
    this.pending = [];
    return text;
  }
}

/** Where the piece of `patch` from `start` ends: just after the last line break within `size` bytes (the first after them when there is none), or at the end. */
function pieceEnd(patch: Buffer, start: number, size: number): number {
  if (patch.length - start <= size) return patch.length;
  const before = patch.lastIndexOf(0x0a, start + size - 1);
  if (before >= start) return before + 1;
  const after = patch.indexOf(0x0a, start + size);
  return after < 0 ? patch.length : after + 1;
}

/** A commit's id, parents and message, as `LOG_PATCH_FORMAT` prints them between its NULs. */
function readHeader(header: string): Omit<LoggedCommit, 'files'> {
  const first = header.indexOf('\x1f');
  const second = header.indexOf('\x1f', first + 1);
  return {
    sha: header.slice(0, first),
    parents: header.slice(first + 1, second).split(' ').filter(Boolean),
    message: header.slice(second + 1).replace(/\n+$/, ''),
  };
}

/** The first commit's files only (the newest), each as its section ends: what is not kept is garbage at once. */
function firstKeep(commits: readonly LoggedCommit[], sha: string, keepFirst: KeepFile | undefined): ((file: LoggedFile, index: number) => LoggedFile) | undefined {
  return commits.length === 0 && keepFirst ? (file, index) => keepFirst(file, index, sha) : undefined;
}

interface Section {
  path: string;
  lines: PatchLine[];
  binary: boolean;
  submodule: boolean;
  before: string[];
  after: string | undefined;
}

export interface Hunk {
  /** One column per parent: 1 for a commit, 2 or more in a merge's combined diff. */
  columns: number;
  next: number;
  /** Lines of the new version the hunk still holds. */
  left: number;
}

const HUNK = /^(@{2,}) (?:-\d+(?:,\d+)? )+\+(\d+)(?:,(\d+))? @{2,}/;
const INDEX = /^index ([0-9a-f,]+)\.\.([0-9a-f]+)(?: (\S+))?$/;
const NEW_MODE = /^(?:new file mode|new mode|mode) (\S+)$/;
const SUBMODULE_MODE = '160000';

/**
 * A commit's file sections, read line by line as its patch is fed in
 * (without an array of every line: a 10,000-file commit's patch is half a
 * million lines). Each piece is whole lines: it ends with a line break,
 * but for the last, whose text after its last break is a line too.
 */
class FileSections {
  readonly files: LoggedFile[] = [];
  private section: Section | undefined;
  private hunk: Hunk | undefined;

  constructor(private readonly keep?: (file: LoggedFile, index: number) => LoggedFile) {}

  feed(piece: string, last: boolean): void {
    for (let at = 0; at < piece.length || (last && at === piece.length);) {
      const end = piece.indexOf('\n', at);
      const line = piece.slice(at, end < 0 ? piece.length : end);
      at = end < 0 ? piece.length + 1 : end + 1;
      this.read(line);
    }
    if (last) this.close();
  }

  private read(line: string): void {
    if (this.section && this.hunk && readHunkLine(line, this.hunk, this.section.lines)) return;
    this.hunk = undefined;
    const path = sectionPath(line);
    if (path !== undefined) {
      this.close();
      this.section = { path, lines: [], binary: false, submodule: false, before: [], after: undefined };
    } else if (this.section) {
      this.hunk = readHeaderLine(line, this.section);
    }
  }

  private close(): void {
    if (this.section) for (const file of toLoggedFile(this.section)) this.files.push(this.keep ? this.keep(file, this.files.length) : file);
    this.section = undefined;
  }
}

/** One line of a hunk; false when the line is not one (the hunk is over). */
export function readHunkLine(line: string, hunk: Hunk, lines: PatchLine[]): boolean {
  return hunk.columns === 1 ? readCommitHunkLine(line, hunk, lines) : readCombinedHunkLine(line, hunk, lines);
}

/** `readHunkLine` for any number of columns (a merge's combined diff has one for each parent). Exported for the tests. */
export function readCombinedHunkLine(line: string, hunk: Hunk, lines: PatchLine[]): boolean {
  if (line.startsWith('\\')) return true; // "\ No newline at end of file"
  // diff.suppressBlankEmpty prints an empty context line as an empty line.
  const marks = line === '' && hunk.left > 0 ? ' '.repeat(hunk.columns) : line.slice(0, hunk.columns);
  if (marks.length < hunk.columns || /[^ +-]/.test(marks)) return false;
  if (marks.includes('-')) return true; // not in this commit's version
  // In a merge, a line is the merge's own only when no parent had it: `+` in every column.
  lines.push({ line: hunk.next, text: line.slice(hunk.columns).replace(/\r$/, ''), added: !marks.includes(' ') });
  hunk.next++;
  hunk.left--;
  return true;
}

/** `readHunkLine` for a commit's own hunk (one column of marks), read by its first character: the same answer. */
function readCommitHunkLine(line: string, hunk: Hunk, lines: PatchLine[]): boolean {
  const mark = line.charCodeAt(0);
  if (mark === 0x5c) return true; // "\ No newline at end of file"
  if (mark === 0x2d) return true; // `-`: not in this commit's version
  // diff.suppressBlankEmpty prints an empty context line as an empty line.
  const context = mark === 0x20 || (line === '' && hunk.left > 0);
  if (!context && mark !== 0x2b) return false;
  const text = line.slice(1);
  lines.push({ line: hunk.next, text: text.endsWith('\r') ? text.slice(0, -1) : text, added: !context });
  hunk.next++;
  hunk.left--;
  return true;
}

/** A header line of a file's section; the hunk it opens, if it is one. */
function readHeaderLine(line: string, section: Section): Hunk | undefined {
  const hunk = HUNK.exec(line);
  if (hunk) return { columns: hunk[1].length - 1, next: Number(hunk[2]), left: hunk[3] === undefined ? 1 : Number(hunk[3]) };
  const index = INDEX.exec(line);
  if (index) {
    section.before = index[1].split(',');
    section.after = index[2];
    if (index[3] !== undefined && newSide(index[3]) === SUBMODULE_MODE) section.submodule = true;
  }
  const mode = NEW_MODE.exec(line);
  if (mode && newSide(mode[1]) === SUBMODULE_MODE) section.submodule = true;
  if (line.startsWith('Binary files ')) section.binary = true;
  if (line.startsWith('rename to ') || line.startsWith('copy to ')) section.path = unquotePath(line.slice(line.indexOf(' to ') + 4));
  if (line.startsWith('+++ ') && line !== '+++ /dev/null') section.path = withoutPrefix(unquotePath(headerName(line.slice(4))));
  return undefined;
}

/**
 * A `---`/`+++` line's name: git writes a tab after a name that holds a
 * space (as GNU diff does, for patch), never a tab inside one it leaves
 * unquoted (it quotes a name with a tab).
 */
function headerName(text: string): string {
  return !text.startsWith('"') && text.endsWith('\t') ? text.slice(0, -1) : text;
}

/** `a,b..c` (a merge's modes) or `c`: the commit's own side. */
function newSide(modes: string): string {
  const at = modes.lastIndexOf('..');
  return at < 0 ? modes : modes.slice(at + 2);
}

function toLoggedFile(section: Section): LoggedFile[] {
  if (section.submodule) return [];
  if (section.binary) {
    if (section.after === undefined || /^0+$/.test(section.after)) return [];
    return [{ path: section.path, lines: [], blobs: { before: section.before.filter((id) => !/^0+$/.test(id)), after: section.after } }];
  }
  return section.lines.some((line) => line.added) ? [{ path: section.path, lines: section.lines }] : [];
}

/**
 * The path a section header names, or undefined when the line is not one:
 * `diff --cc P`, or `diff --git a/P b/P` (the same path twice; a rename names
 * its new path on a line of its own, which `readHeaderLine` reads).
 */
function sectionPath(line: string): string | undefined {
  for (const combined of ['diff --cc ', 'diff --combined ']) {
    if (line.startsWith(combined)) return unquotePath(line.slice(combined.length));
  }
  if (!line.startsWith('diff --git ')) return undefined;
  const rest = line.slice('diff --git '.length);
  if (rest.startsWith('"')) {
    const [, after] = readQuoted(rest);
    return withoutPrefix(unquotePath(after.slice(1)));
  }
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest.slice(2, half) === rest.slice(half + 3)) return rest.slice(half + 3);
  const b = rest.lastIndexOf(' b/');
  return b < 0 ? rest : rest.slice(b + 3);
}

function withoutPrefix(path: string): string {
  return path.startsWith('a/') || path.startsWith('b/') ? path.slice(2) : path;
}

/** A path as git prints it: as is, or in double quotes with C and octal escapes (the inverse of `quoteName`). */
export function unquotePath(text: string): string {
  return text.startsWith('"') ? readQuoted(text)[0] : text;
}

const C_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13 };

/** A C-quoted string at the start of `text`, decoded, and what follows its closing quote. */
function readQuoted(text: string): [string, string] {
  const bytes: number[] = [];
  let i = 1;
  while (i < text.length && text[i] !== '"') {
    const char = text[i]!;
    if (char === '\\' && /^[0-7]{3}$/.test(text.slice(i + 1, i + 4))) {
      bytes.push(parseInt(text.slice(i + 1, i + 4), 8));
      i += 4;
    } else if (char === '\\' && i + 1 < text.length) {
      const escaped = text[i + 1]!;
      bytes.push(C_ESCAPES[escaped] ?? escaped.charCodeAt(0));
      i += 2;
    } else {
      const point = String.fromCodePoint(text.codePointAt(i)!);
      bytes.push(...Buffer.from(point, 'utf8'));
      i += point.length;
    }
  }
  return [Buffer.from(bytes).toString('utf8'), text.slice(i + 1)];
}
