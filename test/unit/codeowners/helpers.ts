// Shared helpers for the CODEOWNERS tests.

import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { compileCodeowners, parseCodeowners, type CodeownersFlavor, type OwnersMatch } from '../../../src/core/codeowners';
import { compilePattern, matchPattern, splitPath } from '../../../src/core/codeowners/pattern';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/codeowners');

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function ownersOf(text: string, filePath: string, flavor: CodeownersFlavor = 'github'): OwnersMatch {
  return compileCodeowners(parseCodeowners(text, { flavor })).ownersOf(filePath);
}

/**
 * Whether a one-rule file `pattern @owner` owns `filePath`, asked both
 * through the indexed matcher and through the bare pattern matcher; the
 * two must agree.
 */
export function owns(pattern: string, filePath: string): boolean {
  const parsed = parseCodeowners(`${pattern} @owner\n`);
  assert.deepEqual(parsed.problems, [], `pattern ${pattern} should be valid`);
  const viaIndex = compileCodeowners(parsed).ownersOf(filePath).line === 1;
  const check = compilePattern(pattern);
  assert.ok(check.ok);
  const direct = matchPattern(check.pattern, splitPath(filePath));
  assert.equal(viaIndex, direct, `index and matcher disagree on ${pattern} vs ${filePath}`);
  return direct;
}

const REPOS = path.resolve(__dirname, '../../repos');

/** Real CODEOWNERS files, each with every path of its repository: the fixtures' own and the test repositories'. */

export interface RealCase {
  name: string;
  codeowners: string;
  paths: string[];
}

const gunzipLines = (file: string) => gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter((line) => line !== '' && !line.startsWith('"'));

export function realCases(): RealCase[] {
  const cases: RealCase[] = [];
  const real = path.join(FIXTURES, 'real');
  for (const file of readdirSync(real).filter((name) => name.endsWith('.CODEOWNERS'))) {
    const name = file.slice(0, -'.CODEOWNERS'.length);
    cases.push({ name, codeowners: readFileSync(path.join(real, file), 'utf8'), paths: gunzipLines(path.join(real, `${name}.paths.gz`)) });
  }
  for (const name of readdirSync(REPOS)) {
    const filesJson = path.join(REPOS, name, 'files.json');
    if (!existsSync(filesJson)) continue;
    const files = JSON.parse(readFileSync(filesJson, 'utf8')) as Record<string, string>;
    const codeowners = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'].map((at) => files[at]).find((text) => text !== undefined);
    // sendapp's is GitHub's commented-out example: no rule to compare.
    if (codeowners !== undefined && parseCodeowners(codeowners).rules.length > 0) cases.push({ name, codeowners, paths: gunzipLines(path.join(REPOS, name, 'paths.gz')) });
  }
  return cases;
}

/** Every path and every folder above one, as a guard or `explain` may ask. */
export function withFolders(paths: readonly string[]): string[] {
  const all = new Set<string>();
  for (const one of paths) {
    all.add(one);
    for (let slash = one.indexOf('/'); slash > 0; slash = one.indexOf('/', slash + 1)) all.add(one.slice(0, slash));
  }
  return [...all];
}
