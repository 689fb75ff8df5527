// VS Code reads `pmZone.policyFile` and its kin from a repository's
// `.vscode/settings.json` and `*.code-workspace` files: a committed one that
// names a PM-written file as the policy would loosen the zone in every editor
// that opens the repository. Only a change to the `pmZone.*` settings counts
// as a policy change, not the whole file: the same file holds formatter and
// extension settings PMs may legitimately touch, and locking it would make
// every such edit need an engineer for nothing.

import { parse, type ParseError } from 'jsonc-parser';
import { GLOB_OPTIONS } from '../../policy/compileZonePolicy';
import { GlobList } from '../../policy/globList';
import type { ChangedFile } from '../model';

// Compiled when a path first could match, not when the review's bundle loads: minimatch's first compile in a
// process (V8 compiling its parser) was the largest piece of the bundle's start, for a README's review too.
const EDITOR_SETTINGS = new GlobList(['**/.vscode/settings.json', '**/*.code-workspace'], { ...GLOB_OPTIONS, nocase: true });

/** Whether VS Code reads settings from this repository path. */
export function isEditorSettingsFile(path: string): boolean {
  return EDITOR_SETTINGS.firstMatch(path) >= 0;
}

/**
 * Whether the change adds, changes or removes a `pmZone.*` setting in an
 * editor settings file (a rename or deletion of one included). A side that
 * cannot be read as JSON with comments counts as changed when either side
 * mentions PM Zone at all: VS Code's reader forgives more than this one.
 */
export function changesPmZoneSettings(file: ChangedFile): boolean {
  const before = isEditorSettingsFile(file.oldPath ?? file.path) ? sideText(file, 'before') : '';
  const after = isEditorSettingsFile(file.path) ? sideText(file, 'after') : '';
  if (before === undefined || after === undefined) return true;
  if (before === after) return false;
  const [old, current] = [pmZoneEntries(before), pmZoneEntries(after)];
  if (old === undefined || current === undefined) return mentionsPmZone(before) || mentionsPmZone(after);
  return old !== current;
}

/** The side's text; '' when it is absent, undefined when it is there but cannot be read (binary). */
function sideText(file: ChangedFile, side: 'before' | 'after'): string | undefined {
  const absent = side === 'before' ? file.status === 'added' : file.status === 'deleted';
  if (absent) return '';
  if (file.binary) return undefined;
  return (side === 'before' ? file.oldText : file.newText) ?? '';
}

function mentionsPmZone(text: string): boolean {
  return /pmzone/i.test(text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
}

/** Every setting whose dotted key names PM Zone, at any depth (a workspace file's `settings`, a nested `pmZone` object), as one sorted string; undefined when unreadable. */
function pmZoneEntries(text: string): string | undefined {
  const value = readJsonWithComments(text);
  if (value === undefined) return undefined;
  const entries: string[] = [];
  const visit = (node: unknown, prefix: string) => {
    if (node === null || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (/pmzone/i.test(path)) entries.push(`${path}=${JSON.stringify(child)}`);
      else visit(child, path);
    }
  };
  visit(value, '');
  return entries.sort().join('\n');
}

/** JSON as VS Code writes its settings (comments and trailing commas allowed), read by VS Code's own reader. Undefined when it is not that. */
export function readJsonWithComments(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: true, disallowComments: false });
  return errors.length === 0 ? value : undefined;
}
