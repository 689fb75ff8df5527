import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Minimatch } from 'minimatch';
import type { OwnersLookup, OwnersMatch } from '../../../src/core/codeowners/model';
import { GLOB_OPTIONS } from '../../../src/core/policy/compileZonePolicy';

export const FIXTURE_DIR = join(__dirname, '..', '..', 'fixtures', 'policy');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURE_DIR, name), 'utf8');
}

export interface OwnersRow {
  /** A minimatch glob standing in for a CODEOWNERS pattern. */
  pattern: string;
  owners: string[];
  line: number;
}

/**
 * A stand-in for the CODEOWNERS engine: a literal table, last matching row
 * wins, as in CODEOWNERS. Zone tests depend on the OwnersLookup interface only.
 */
export function ownersTable(rows: OwnersRow[], file = '.github/CODEOWNERS'): OwnersLookup & { asked: string[] } {
  const compiled = rows.map((row) => ({ row, matcher: new Minimatch(row.pattern, GLOB_OPTIONS) }));
  const asked: string[] = [];
  return {
    asked,
    ownersOf(path: string): OwnersMatch {
      asked.push(path);
      const winner = compiled.filter(({ matcher }) => matcher.match(path)).pop();
      if (!winner) return { owners: [], line: null, file: null, pattern: null };
      return { owners: winner.row.owners, line: winner.row.line, file, pattern: winner.row.pattern };
    },
  };
}
