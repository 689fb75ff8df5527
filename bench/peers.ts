// The implementations we compare with: the `codeowners` npm package (what
// most JavaScript tools use) and `ignore` as a plain gitignore matcher.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Codeowners from 'codeowners';
import ignore from 'ignore';
import type { CodeownersRule } from '../src/core/codeowners';

export interface PeerLookup {
  ownersOf(filePath: string): string[];
  dispose(): void;
}

/** `codeowners` reads its file from a directory, so the text is written to a temporary one. */
export function codeownersPackage(text: string): PeerLookup {
  const directory = mkdtempSync(path.join(tmpdir(), 'pm-zone-bench-'));
  writeFileSync(path.join(directory, 'CODEOWNERS'), text);
  const instance = new Codeowners(directory);
  return {
    ownersOf: (filePath) => instance.getOwner(filePath),
    dispose: () => rmSync(directory, { recursive: true, force: true }),
  };
}

/**
 * A fair gitignore baseline: one prebuilt `ignore` matcher per rule, tried
 * from the last rule up (one `ignore()` holding every rule cannot say which
 * rule matched).
 */
export function ignoreBaseline(rules: readonly CodeownersRule[]): PeerLookup {
  const matchers = rules.map((rule) => ({ owners: rule.owners, matcher: ignore().add(rule.pattern) })).reverse();
  return {
    ownersOf(filePath) {
      for (const { owners, matcher } of matchers) if (matcher.ignores(filePath)) return owners;
      return [];
    },
    dispose() {},
  };
}
