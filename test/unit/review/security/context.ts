import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileSource } from '../../../../src/core/types';
import type { ZonePolicy } from '../../../../src/core/policy/model';
import type { ChangedFile, CheckContext, CommitInfo, LineDiff, ReviewOptions } from '../../../../src/core/review/model';
import { diffLines } from '../../../../src/core/review/lineDiff';

const POLICY: ZonePolicy = {
  file: 'CLAUDE.md',
  defined: true,
  mode: 'standard',
  mayEdit: [],
  engineeringOnly: [],
  pilots: [],
  ownedFlags: [],
  problems: [],
};

export interface ContextOptions {
  commits?: CommitInfo[];
  options?: Partial<ReviewOptions>;
  /** Files of the new version that are not part of the change. */
  existing?: Record<string, string>;
}

/** A review context over changed files, with the real line diff; also records which files were diffed. */
export function makeContext(files: ChangedFile[], options: ContextOptions = {}): CheckContext & { diffed: string[] } {
  const diffed: string[] = [];
  const fileSource: FileSource = {
    readText: async (relPath) => options.existing?.[relPath],
  };
  return {
    change: { mode: 'branch', files, commits: options.commits ?? [] },
    policy: POLICY,
    owners: undefined,
    author: undefined,
    files: fileSource,
    options: { maxFiles: 10, maxLines: 300, ...options.options },
    diffed,
    diff(file: ChangedFile): LineDiff {
      diffed.push(file.path);
      return diffLines(file.oldText, file.newText);
    },
  };
}

export function added(filePath: string, text: string): ChangedFile {
  return { path: filePath, status: 'added', oldText: undefined, newText: text };
}

export function modified(filePath: string, oldText: string, newText: string): ChangedFile {
  return { path: filePath, status: 'modified', oldText, newText };
}

export function deleted(filePath: string, text: string): ChangedFile {
  return { path: filePath, status: 'deleted', oldText: text, newText: undefined };
}

const FIXTURES = path.join(__dirname, '../../../fixtures/review/security');

/**
 * Fixture values that look like live credentials are written with a `¦` in
 * the middle, so that secret scanners and push protection leave this
 * repository alone; the tests take it out before use.
 */
export function unsplit(text: string): string {
  return text.replaceAll('¦', '');
}

export function readFixture(rule: string, name: string): string {
  return unsplit(fs.readFileSync(path.join(FIXTURES, rule, name), 'utf8'));
}

export function fixtureNames(rule: string): string[] {
  return fs.readdirSync(path.join(FIXTURES, rule)).filter((name) => /^(?:positives|negatives)\./.test(name)).sort();
}

export interface ExpectedFinding {
  line: number;
  /** Words the message must contain, such as the kind of secret. */
  kind: string;
  /** The value found, which no output may contain in full. */
  value?: string;
}

/** `expected.json`: the findings each positives file must produce, by file name. */
export function readExpected(rule: string): Record<string, ExpectedFinding[]> {
  return JSON.parse(readFixture(rule, 'expected.json')) as Record<string, ExpectedFinding[]>;
}
