import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from './tempRepo';

/**
 * A folder holding a `git` that notes each command it is asked to run and
 * runs the git PATH found before it (`exec git` would run itself again), for
 * tests of how many git processes a command of the CLI starts: `withPath`
 * runs `work` with the folder first on PATH, `asked()` gives the commands
 * noted since its last call, by name, without the `-c` options before them.
 */
export async function loggingGitOnPath(): Promise<{ withPath<T>(work: () => Promise<T>): Promise<T>; asked(): Promise<string[]> }> {
  const folder = await tempDir('git-wrapper');
  const log = path.join(folder, 'commands');
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  await fs.writeFile(path.join(folder, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
  return {
    async withPath(work) {
      const saved = process.env.PATH;
      process.env.PATH = `${folder}${path.delimiter}${saved ?? ''}`;
      try {
        return await work();
      } finally {
        process.env.PATH = saved;
      }
    },
    async asked() {
      const commands = (await fs.readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean).map((line) => line.replace(/^(?:-c \S+ )+/, '').split(' ')[0]);
      await fs.rm(log, { force: true });
      return commands;
    },
  };
}
