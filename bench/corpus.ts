// Where the benchmark's real CODEOWNERS files come from: a folder of pairs
// `<name>.CODEOWNERS` + `<name>.paths.gz` (every path of the repository, one per line).

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface BenchCase {
  name: string;
  codeowners: string;
  paths: string[];
}

export const CORPUS_ENV_VARIABLE = 'PM_ZONE_BENCH_CORPUS';

/** `--corpus DIR`, else $PM_ZONE_BENCH_CORPUS, else `shared/bench-corpus` beside the checkout. */
export function corpusDirectory(argv: readonly string[], repositoryRoot: string): string {
  const flag = argv.indexOf('--corpus');
  if (flag >= 0 && argv[flag + 1]) return path.resolve(argv[flag + 1]);
  const fromEnvironment = process.env[CORPUS_ENV_VARIABLE];
  if (fromEnvironment) return path.resolve(fromEnvironment);
  return path.resolve(repositoryRoot, '..', 'shared', 'bench-corpus');
}

/** The cases of a corpus folder, or undefined when the folder is missing. */
export function readCorpus(directory: string): BenchCase[] | undefined {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) return undefined;
  const cases: BenchCase[] = [];
  for (const entry of readdirSync(directory).sort()) {
    if (!entry.endsWith('.CODEOWNERS')) continue;
    const name = entry.slice(0, -'.CODEOWNERS'.length);
    const pathsFile = path.join(directory, `${name}.paths.gz`);
    if (!existsSync(pathsFile)) continue;
    const paths = gunzipSync(readFileSync(pathsFile)).toString('utf8').split('\n').filter((line) => line.length > 0);
    cases.push({ name, codeowners: readFileSync(path.join(directory, entry), 'utf8'), paths });
  }
  return cases;
}
