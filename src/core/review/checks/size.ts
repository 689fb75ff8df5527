import type { Finding } from '../../types';
import { defineCheck, type CheckContext, type ChangedFile } from '../model';
import { DEFAULT_MAX_FILES, DEFAULT_MAX_LINES } from '../../defaults';
import { changedStringCount } from './i18n/changedStrings';

const CHECK_ID = 'size.large';

export { DEFAULT_MAX_FILES, DEFAULT_MAX_LINES };

/**
 * Files that do not count towards the size of a change: lock files are
 * written by the package manager, not the author, and the planning doc is the
 * paperwork the process asks for. Counting them would punish doing it right.
 */
const NOT_COUNTED = new Set([
  'PLANNING.md',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
  'Cargo.lock',
  'Gemfile.lock',
  'poetry.lock',
  'Pipfile.lock',
  'composer.lock',
  'go.sum',
  'uv.lock',
  'Podfile.lock',
  'pubspec.lock',
  'mix.lock',
  'flake.lock',
  'packages.lock.json',
]);

/** Whether a file counts towards the size of a change. */
export function countsTowardsSize(path: string): boolean {
  return !NOT_COUNTED.has(path.slice(path.lastIndexOf('/') + 1));
}

/**
 * "Small and scoped to one thing": a warning, not a blocker, when a change
 * touches more files or lines than the limits. Changed lines are added plus
 * removed, as a reviewer reads them; a binary file or a pure rename counts as
 * a file with no lines. In a strings file the strings layer reads, a reviewer
 * reads strings, not lines: each string the change added, removed or changed
 * counts as one line, and what only moved, wrapped or was regenerated (a
 * `.po` catalog's reference comments and header) counts for nothing.
 */
export const sizeCheck = defineCheck({
  about: {
    'size.large': {
      title: 'Change too large',
      description: 'The change touches more files or lines than "one thing" allows.',
      help: 'Split it into smaller pull requests, each doing one thing.',
      item: { section: 'Scope', text: 'The change is small and does one thing' },
      changeWide: 'the change is too large for one thing',
      defaultSeverity: 'warning',
      words: /\bsmall\b|\bone thing\b|\bscoped\b/i,
    },
  },
  run(ctx: CheckContext): Finding[] {
    const maxFiles = limit(ctx.options.maxFiles, DEFAULT_MAX_FILES);
    const maxLines = limit(ctx.options.maxLines, DEFAULT_MAX_LINES);
    const counted = ctx.change.files.filter((file) => countsTowardsSize(file.path));
    let lines = 0;
    let strings = 0;
    let stringsFiles = 0;
    for (const file of counted) {
      const changedStrings = changedStringCount(ctx, file);
      if (changedStrings === undefined) {
        lines += changedLines(ctx, file);
      } else {
        strings += changedStrings;
        stringsFiles++;
      }
    }
    const size = lines + strings;
    if (counted.length <= maxFiles && size <= maxLines) return [];
    const over = size > maxLines ? maxLines : undefined;
    const lineFiles = counted.length - stringsFiles;
    const filesPart = counted.length > maxFiles ? `${counted.length} files (limit ${maxFiles})` : `${counted.length} ${plural(counted.length, 'file')}`;
    // `3 files and 301 changed lines`, `3 files, 40 changed lines and 12 changed strings in 2 strings files`.
    const sizePart = stringsFiles === 0 ? linesPart(lines, over) : stringsPart(lines, lineFiles, strings, stringsFiles, over);
    const joined = stringsFiles > 0 && lineFiles > 0 ? `${filesPart}, ${sizePart}` : `${filesPart} and ${sizePart}`;
    return [
      {
        check: CHECK_ID,
        severity: 'warning',
        blocking: false,
        file: null,
        line: null,
        message: `This change touches ${joined}: a PM change should do one thing — consider splitting it into smaller pull requests.`,
      },
    ];
  },
});

/** `301 changed lines (limit 300)`. */
function linesPart(lines: number, over: number | undefined): string {
  return `${lines} changed ${plural(lines, 'line')}${over === undefined ? '' : ` (limit ${over})`}`;
}

/**
 * `840 changed lines and 12 changed strings in 3 strings files (852 together,
 * limit 300)`; the lines are left out where every file was read as strings.
 */
function stringsPart(lines: number, lineFiles: number, strings: number, stringsFiles: number, over: number | undefined): string {
  const counted = `${strings} changed ${plural(strings, 'string')} in ${stringsFiles} strings ${plural(stringsFiles, 'file')}`;
  if (lineFiles === 0) return `${counted}${over === undefined ? '' : ` (limit ${over})`}`;
  return `${lines} changed ${plural(lines, 'line')} and ${counted}${over === undefined ? '' : ` (${lines + strings} together, limit ${over})`}`;
}

function changedLines(ctx: CheckContext, file: ChangedFile): number {
  const binary = file.binary || file.newText?.includes('\u0000') || file.oldText?.includes('\u0000');
  if (binary || (file.oldText === undefined && file.newText === undefined)) return 0;
  const diff = ctx.diff(file);
  return diff.added.length + diff.removed.length;
}

/** A configured limit, or the default when it is missing or not a positive number. */
function limit(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
