// Which files are policy files, followed through links and imports: the zone
// answer, the badges, the review and the gate all lock exactly these. The
// names themselves are in policyFilePaths.ts, light enough for the coding
// agents' guard.

import { realRepositoryPath } from '../git/linkResolution';
import { importedPaths, MAX_IMPORT_DEPTH } from '../policy/imports';
import { MAX_POLICY_FILE_BYTES } from '../policy/parseZonePolicy';
import type { PolicyFileEntry } from '../policy/zoneModel';
import type { FileSource } from '../types';
import { policyFilePaths } from './policyFilePaths';
import type { PolicySettings } from './settings';

export { policyFilePaths } from './policyFilePaths';

/** More imports than this in all (a generated file gone wrong): the rest cannot be followed, so nothing is PM-editable. */
export const MAX_IMPORTED_FILES = 1_000;

export interface ResolvedPolicyFiles {
  /** Every policy file: the named ones, where their links lead, and what CLAUDE.md imports. */
  entries: PolicyFileEntry[];
  /** The text of the zone's file, read where it really is (through a link, the link's target). */
  zoneText: string | undefined;
  /** The zone's file really is this path (a link's target), or undefined when it leads out of the repository. */
  zonePath: string | undefined;
  /** More imports than MAX_IMPORTED_FILES: those past it are unknown. */
  tooManyImports: boolean;
}

/**
 * The policy files of a repository as `files` has it. A policy file reached
 * through a symbolic link is the link's target too (CLAUDE.md linking to
 * AGENTS.md makes AGENTS.md a policy file; a link the other way is answered
 * where links are followed); every file the zone's file imports with
 * `@path`, to Claude Code's depth, is one too. `zoneFile` is where the zone
 * lives (zoneLocation), the first of the named files.
 */
export async function resolvePolicyFiles(files: FileSource, settings: PolicySettings, zoneFile: string): Promise<ResolvedPolicyFiles> {
  const entries: PolicyFileEntry[] = [];
  const add = (path: string, why?: string) => entries.push(why === undefined ? path : { path, why });
  const named = policyFilePaths(settings, zoneFile);
  const real = await Promise.all(named.map((path) => realPathOf(files, path)));
  named.forEach((path, index) => {
    add(path);
    const target = real[index];
    if (target !== undefined && target !== path) add(target, `${path} is a link to this file`);
  });
  const zonePath = real[0];
  const zoneText = zonePath === undefined ? undefined : await files.readText(zonePath);
  // Relative to the file as named and, when it is a link, to where it really is: either may be how Claude Code reads it.
  const importers = [...new Set([zoneFile, zonePath ?? zoneFile])].map((file) => ({ file, text: zoneText }));
  const imports = await followImports(files, importers);
  for (const [path, why] of imports.found) add(path, why);
  return { entries, zoneText, zonePath, tooManyImports: imports.truncated };
}

/** The path a file really has; itself when the source cannot tell links, undefined when a link leads outside. */
async function realPathOf(files: FileSource, path: string): Promise<string | undefined> {
  const linkTarget = files.linkTarget?.bind(files);
  if (!linkTarget) return path;
  const real = await realRepositoryPath(path, linkTarget);
  return real.kind === 'inside' ? real.path : undefined;
}

/** Every file imported from `file`, breadth first to MAX_IMPORT_DEPTH, each with the import that brought it in. */
async function followImports(files: FileSource, importers: Importer[]): Promise<{ found: Map<string, string>; truncated: boolean }> {
  const found = new Map<string, string>();
  const roots = new Set(importers.map((importer) => importer.file));
  let level = importers;
  for (let depth = 1; depth <= MAX_IMPORT_DEPTH && level.length > 0; depth++) {
    const next: string[] = [];
    for (const importer of level) {
      for (const imported of importer.text === undefined ? [] : importedPaths(importer.text, importer.file)) {
        if (roots.has(imported) || found.has(imported)) continue;
        if (found.size >= MAX_IMPORTED_FILES) return { found, truncated: true };
        found.set(imported, `imported by ${importer.file} (@${imported})`);
        next.push(imported);
      }
    }
    // An imported link is the file it leads to, and that file's imports count from where it really is.
    level = await Promise.all(next.map(async (path) => {
      const real = await realPathOf(files, path);
      if (real !== undefined && real !== path && !found.has(real)) found.set(real, `${path}, imported by the policy file, is a link to this file`);
      return { file: real ?? path, text: real === undefined ? undefined : await readSmallText(files, real) };
    }));
  }
  return { found, truncated: false };
}

interface Importer {
  file: string;
  text: string | undefined;
}

/** An imported file's text for its own imports; one larger than a policy file may be is not read (it stays locked). */
async function readSmallText(files: FileSource, path: string): Promise<string | undefined> {
  const size = await files.size?.(path);
  return size !== undefined && size > MAX_POLICY_FILE_BYTES ? undefined : files.readText(path);
}
