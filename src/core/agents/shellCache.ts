import * as path from 'node:path';
import { version as BASH_GRAMMAR_VERSION } from 'tree-sitter-bash/package.json';
import type { CacheStamp } from './policyCache';
import { storeCacheFile } from './policyCache';
import type { ShellTarget } from './shellWrites';
import { textChecksum } from '../textChecksum';
import { checksumHolds } from '../git/checkedState';
import { regularFileJsonRead } from '../git/regularFile';

// The files a shell command line writes, kept in the git folder between hook
// runs beside the parsed policy: reading a line loads bash's grammar (two
// WebAssembly modules compiled, the parser's code warmed), a tenth of a
// second and more of every shell call, while what a line writes depends on
// its text alone. An entry holds the whole text of its line, compared in
// full, and is kept only under the program and grammar that read it: a new
// version of either reads every line again. The newest MAX_ENTRIES lines are
// kept; a line longer than MAX_COMMAND is read each time. The entries are
// stored with their checksum (textChecksum: each line is compared whole,
// so the checksum only tells a damaged file, which is read as empty), taken
// without computing it where the file is in the state it held in the last
// time (checksumHolds): a line read before is answered with neither node's
// zlib nor its crypto module loaded.

// 2: the checksum is the CRC-32 (textChecksum), not the SHA-256.
const CACHE_FORMAT = 2;
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
  // Read at once and only where it is a regular file (regularFileJsonRead): a FIFO in its place would hold the decision until its time limit.
  const read = () => (entries ??= Promise.resolve().then(() => {
    const kept = regularFileJsonRead(file);
    const cached = kept?.value as { key?: unknown; digest?: unknown; entries?: Entry[] } | null | undefined;
    if (!kept || !cached || cached.key !== key || !Array.isArray(cached.entries)) return [];
    const held = cached.entries;
    return checksumHolds(file, kept.stats, () => cached.digest === digest(held)) ? held : [];
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
  return textChecksum(JSON.stringify(entries));
}
