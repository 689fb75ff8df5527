// Shared helpers for the CODEOWNERS tests.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
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
