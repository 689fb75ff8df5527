import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The git program, as an absolute path found on PATH, never inside `avoid`
 * (the repository being read). Spawning plain `git` would let a repository
 * run its own program: an empty or relative PATH entry (`:/usr/bin`) means
 * the current folder, and Windows searches the current folder before PATH
 * at all, so a committed `git` or `git.exe` would run on every review, in
 * the hook and in a trusted editor. Undefined when no git is installed.
 */
export function findGitProgram(avoid?: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const pathApi = platform === 'win32' ? path.win32 : path.posix;
  const names = platform === 'win32' ? windowsNames(env) : ['git'];
  const avoided = avoid ? pathApi.resolve(avoid) : undefined;
  for (const entry of (env.PATH ?? env.Path ?? '').split(pathApi.delimiter)) {
    const dir = entry.replace(/^"(.*)"$/, '$1');
    if (!dir || !pathApi.isAbsolute(dir)) continue;
    if (avoided && isInside(pathApi, dir, avoided)) continue;
    for (const name of names) {
      const candidate = pathApi.join(dir, name);
      if (isExecutableFile(candidate, platform)) return candidate;
    }
  }
  return undefined;
}

function windowsNames(env: NodeJS.ProcessEnv): string[] {
  const extensions = (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean);
  // Only real programs: a git.bat or git.cmd would need a shell to run.
  return extensions.filter((extension) => /^\.(exe|com)$/i.test(extension)).map((extension) => `git${extension.toLowerCase()}`);
}

function isInside(pathApi: typeof path.posix, dir: string, root: string): boolean {
  const relative = pathApi.relative(root, pathApi.resolve(dir));
  return relative === '' || (!relative.startsWith('..') && !pathApi.isAbsolute(relative));
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    // A folder of PATH without git, the common case, answered without an error made for it.
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) return false;
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const found = new Map<string, string | undefined>();

/** findGitProgram, remembered per PATH and folder: a review runs git dozens of times. */
export function gitProgram(avoid: string): string | undefined {
  const key = `${process.env.PATH ?? ''}\0${avoid}`;
  if (!found.has(key)) found.set(key, findGitProgram(avoid));
  return found.get(key);
}
