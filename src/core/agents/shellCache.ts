import * as path from 'node:path';
import { version as BASH_GRAMMAR_VERSION } from 'tree-sitter-bash/package.json';
import type { CacheStamp } from './policyCache';
import { readCacheFile, storeCacheFile } from './policyCache';
import type { ShellTarget } from './shellWrites';
import { sha256Hex } from '../digest';

// The files a shell command line writes, kept in the git folder between hook
// runs beside the parsed policy: reading a line loads bash's grammar (two
// WebAssembly modules compiled, the parser's code warmed), a tenth of a
// second and more of every shell call, while what a line writes depends on
// its text alone. An entry holds the whole text of its line, compared in
// full, and is kept only under the program and grammar that read it: a new
// version of either reads every line again. The newest MAX_ENTRIES lines are
// kept; a line longer than MAX_COMMAND is read each time. The entries are
// stored with their digest, as the policy cache is, and a file whose digest
// does not match is read as empty.

const CACHE_FORMAT = 1;
export const SHELL_CACHE_FILE = path.join('pm-zone', 'guard-shell.json');
const MAX_ENTRIES = 200;
const MAX_COMMAND = 8 * 1024;

interface Entry {
  command: string;
  targets: ShellTarget[];
}

/** What shellWrites asks before it loads the grammar, and tells after it read a line. */
export interface ShellCache {
  get(command: string): Promise<ShellTarget[] | undefined>;
  put(command: string, targets: ShellTarget[]): Promise<void>;
}

/** The cache in `gitDir` (the repository the agent's hooks guard), for lines read by this program. */
export function shellParseCache(gitDir: string, stamp: CacheStamp): ShellCache {
  const file = path.join(gitDir, SHELL_CACHE_FILE);
  const key = JSON.stringify([CACHE_FORMAT, stamp.program, BASH_GRAMMAR_VERSION]);
  let entries: Promise<Entry[]> | undefined;
  // Read at once and only where it is a regular file (readCacheFile): a FIFO in its place would hold the decision until its time limit.
  const read = () => (entries ??= Promise.resolve().then(() => {
    const cached = readCacheFile(file) as { key?: unknown; digest?: unknown; entries?: Entry[] } | null | undefined;
    return cached && cached.key === key && Array.isArray(cached.entries) && cached.digest === digest(cached.entries) ? cached.entries : [];
  }).catch(() => []));
  return {
    async get(command) {
      if (command.length > MAX_COMMAND) return undefined;
      return (await read()).find((entry) => entry.command === command)?.targets;
    },
    async put(command, targets) {
      if (command.length > MAX_COMMAND) return;
      const kept = [{ command, targets }, ...(await read()).filter((entry) => entry.command !== command)].slice(0, MAX_ENTRIES);
      await storeCacheFile(file, JSON.stringify({ key, digest: digest(kept), entries: kept })).catch(() => undefined);
    },
  };
}

function digest(entries: Entry[]): string {
  return sha256Hex(JSON.stringify(entries));
}
