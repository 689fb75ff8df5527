// Builds the CheckContext a content check receives, from fixture texts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../../../src/core/types';
import type { ChangedFile, Check, CheckContext } from '../../../../src/core/review/model';
import type { Pilot, ZonePolicy } from '../../../../src/core/policy/model';
import { diffLines } from '../../../../src/core/review/lineDiff';

const FIXTURES = join(__dirname, '../../../fixtures/review/content');

/** The text of `test/fixtures/review/content/<check>/<name>`. */
export function fixture(check: string, name: string): string {
  return readFileSync(join(FIXTURES, check, name), 'utf8');
}

export const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');
export const bom = (text: string): string => `\uFEFF${text}`;

/** A changed file; the status follows from which versions exist. */
export function changed(path: string, oldText: string | undefined, newText: string | undefined): ChangedFile {
  const status = oldText === undefined ? 'added' : newText === undefined ? 'deleted' : 'modified';
  return { path, status, oldText, newText };
}

export const alice: Pilot = { handle: '@alice', featureFolders: ['src/features/checkout/**'], line: 12 };

export function policy(overrides: Partial<ZonePolicy> = {}): ZonePolicy {
  return {
    file: 'CLAUDE.md',
    defined: true,
    line: 1,
    mode: 'standard',
    mayEdit: [],
    engineeringOnly: [],
    pilots: [alice],
    ownedFlags: [{ flag: 'checkout_copy_v2', owner: '@Alice', line: 20 }],
    problems: [],
    ...overrides,
  };
}

export interface ContextOptions {
  policy?: ZonePolicy;
  /** Omitted: alice; null: unknown author. */
  author?: Pilot | null;
  /** Files of the repository besides the change (new version). */
  repo?: Record<string, string>;
  /** Also offer `listDirectory`, as a file source that can list folders would. */
  listing?: boolean;
}

export function context(files: ChangedFile[], options: ContextOptions = {}): CheckContext & { reads: string[] } {
  const tree = new Map(Object.entries(options.repo ?? {}));
  for (const file of files) {
    if (file.newText === undefined) tree.delete(file.path);
    else tree.set(file.path, file.newText);
  }
  const reads: string[] = [];
  const source = {
    async readText(relPath: string) {
      reads.push(relPath);
      return tree.get(relPath);
    },
    ...(options.listing
      ? {
          async listDirectory(relDir: string) {
            const prefix = relDir === '' ? '' : `${relDir}/`;
            const names = [...tree.keys()].filter((path) => path.startsWith(prefix)).map((path) => path.slice(prefix.length).split('/')[0]);
            return [...new Set(names)];
          },
        }
      : {}),
  };
  return {
    change: { mode: 'staged', files, commits: [] },
    policy: options.policy ?? policy(),
    owners: undefined,
    author: options.author === null ? undefined : (options.author ?? alice),
    files: source,
    options: { maxFiles: 20, maxLines: 400 },
    diff: (file: ChangedFile) => diffLines(file.oldText, file.newText),
    reads,
  };
}

export async function run(check: Check, ctx: CheckContext): Promise<Finding[]> {
  return await check.run(ctx);
}

/** The parts of findings a test pins down. */
export function brief(findings: Finding[]): { check: string; line: number | null; column?: number }[] {
  return findings.map(({ check, line, column }) => (column === undefined ? { check, line } : { check, line, column }));
}
