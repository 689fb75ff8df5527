import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Git } from '../../git/runGit';
import type { GlobRule } from '../../policy/model';
import type { RepositoryPolicy } from '../../repository/assemble';
import { AGENT_CONFIG_FILES, BUILT_IN_LOCKS, GUARD_LAUNCHER } from '../configPaths';
import { GUARD_INSTALL_FOLDER, userSwitchFiles } from '../guardSwitches';
import type { RepositoryLocation } from '../repositoryLocation';
import { sha256Hex } from '../../digest';

// The locked area as an OS sandbox needs it: absolute paths, each a folder
// locked whole or a file, that no sandboxed command may write. Derived from
// the same zone answer as everything else (one source): every folder of the
// repository the zone locks whole and every other file it locks, the policy
// files and the agents' configuration whether they exist yet or not, the
// literal part of each engineering-only glob (`infra/**` locks `infra` before
// it exists), git's hooks and config, PM Zone's own install and records, and
// the user's files that switch the guard off (agents' user settings, the git
// identity). What a sandbox cannot hold (a new folder matching `**/auth/**`
// made later) the guard's early answer and the backstop still see.
//
// Part of the area switches the guard or a sandbox off when it changes:
// the agents' settings and hook files (in the repository and the user's),
// the launchers, PM Zone's program and records, git's configuration and
// hooks. Claude Code refuses its edit tools there by its own deny rules;
// the rest of the area is PM Zone's to refuse with its reason (see
// sandboxSettings.ts).

export interface LockedArea {
  /** Absolute paths, sorted: folders locked whole and single files. */
  paths: string[];
  /** The ones that exist now (some sandboxes refuse a path that does not). */
  existing: string[];
  /** Absolute paths, sorted, whose change switches the guard or a sandbox off: each is in `paths` or inside one of them. */
  switches: string[];
  /** A digest of `paths`: SessionStart compares it to refresh the agents' settings when the policy changed. */
  digest: string;
  /**
   * PM Zone's records folders (GIT_RECORDS_FOLDER in each git folder), in `paths`: the guard's caches and the session
   * records the finish is checked against, which the guard's hooks write.
   */
  records: string[];
}

export type AreaPolicy = Pick<RepositoryPolicy, 'zoneOf' | 'zoneOfFolder'> & Partial<Pick<RepositoryPolicy, 'author'>> & { zone: Pick<RepositoryPolicy['zone'], 'engineeringOnly'>; policyFiles: RepositoryPolicy['policyFiles'] };

/** PM Zone's own records in each git folder: its caches, the agents' sessions. */
export const GIT_RECORDS_FOLDER = 'pm-zone';

/** PM Zone's own records under the home folder: which repositories a PM guards, the user-level launcher, srt's settings. */
export const PERSONAL_FOLDER = '.pmzone';

export async function lockedArea(location: RepositoryLocation, policy: AreaPolicy, home: string, env: NodeJS.ProcessEnv): Promise<LockedArea> {
  const root = location.realRoot;
  const files = (await new Git(location.root).run(['ls-files', '-z', '--cached', '--others', '--exclude-standard'])).split('\0').filter(Boolean);
  const relative = new Set<string>();
  const lockedFolders: string[] = [];
  const underLocked = (file: string) => lockedFolders.some((folder) => file.startsWith(`${folder}/`));
  for (const folder of foldersOf(files)) {
    if (!underLocked(folder) && policy.zoneOfFolder(folder) === 'locked') lockedFolders.push(folder);
  }
  const switches = new Set([GUARD_LAUNCHER.split('/')[0], GUARD_INSTALL_FOLDER, ...AGENT_CONFIG_FILES].map((file) => inside(root, file)));
  for (const folder of lockedFolders) relative.add(folder);
  for (const file of files) if (!underLocked(file) && policy.zoneOf(file).zone === 'locked') relative.add(file);
  for (const entry of policy.policyFiles) relative.add(typeof entry === 'string' ? entry : entry.path);
  // A built-in glob of any depth (`**/.claude/**`, `**/package.json`) names its place at the top too, before it exists.
  const builtIn = BUILT_IN_LOCKS.flatMap(({ glob }) => [glob, ...(glob.startsWith('**/') ? [glob.slice(3)] : [])]);
  for (const literal of [...policy.zone.engineeringOnly.map((rule: GlobRule) => rule.glob), ...builtIn].map(literalPart)) if (literal) relative.add(literal);
  for (const folder of new Set(location.realGitFolders)) for (const name of ['config', 'config.worktree', 'hooks', 'info', GIT_RECORDS_FOLDER]) switches.add(path.join(folder, name));
  // A linked worktree's pointer to its common folder: git reads whichever config it names. Listed only where it is (git
  // reads an empty placeholder as a broken repository); a new one in the top git folder the session start refuses.
  for (const folder of new Set(location.realGitFolders)) if (await fs.lstat(path.join(folder, 'commondir')).then(() => true, () => false)) switches.add(path.join(folder, 'commondir'));
  // A git configuration pointed at /dev/null (as CI does) is no file to protect: a read-only /dev/null breaks every program.
  for (const file of userSwitchFiles(home, env)) if (!file.startsWith('/dev/')) switches.add(file);
  switches.add(path.join(home, PERSONAL_FOLDER));
  const absolute = new Set([...[...relative].map((file) => inside(root, file)), ...switches]);
  const paths = collapse([...absolute]);
  const existing = (await Promise.all(paths.map(async (file) => ((await fs.lstat(file).catch(() => undefined)) ? file : undefined)))).filter((file): file is string => file !== undefined);
  // The digest says whether the repository's locked area moved: files outside it (the node programs PATH finds, which
  // differ between a terminal and an editor) change the settings written, never what the PM is told moved.
  const inRepository = paths.filter((file) => file === root || file.startsWith(`${root}${path.sep}`));
  const records = [...new Set(location.realGitFolders)].map((folder) => path.join(folder, GIT_RECORDS_FOLDER));
  return { paths, existing, switches: collapse([...switches]), digest: sha256Hex(JSON.stringify(inRepository)), records };
}

function inside(root: string, relPath: string): string {
  return path.join(root, ...relPath.split('/'));
}

/** Every folder that holds one of `files`, parents before children. */
function foldersOf(files: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const file of files) {
    const parts = file.split('/');
    for (let depth = 1; depth < parts.length; depth++) folders.add(parts.slice(0, depth).join('/'));
  }
  return [...folders].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
}

/** What a glob locks before anything matches it: itself when it names one path, the folder when it is `folder/**`; else nothing. */
export function literalPart(glob: string): string | undefined {
  const trimmed = glob.replace(/^\/+/, '').replace(/\/\*\*(\/\*)?$/, '');
  return trimmed !== '' && !/[*?[\]{}!]/.test(trimmed) ? trimmed : undefined;
}

/** Sorted, without a path inside another listed one. */
function collapse(paths: readonly string[]): string[] {
  const sorted = [...new Set(paths)].sort();
  return sorted.filter((candidate) => !sorted.some((other) => other !== candidate && candidate.startsWith(`${other}${path.sep}`)));
}
