import type { Finding, Zone } from '../../types';
import type { ChangedFile } from '../model';

/** One file of the reviewed change. */
export interface ReviewedFile {
  path: string;
  zone: Zone;
  status: ChangedFile['status'];
}

export interface ReviewSummary {
  /** Findings that stop the commit or the pull request. */
  blockers: number;
  /** Findings by severity; a blocker is counted here too. */
  errors: number;
  warnings: number;
  infos: number;
  /** Files in the change. */
  files: number;
  addedLines: number;
  removedLines: number;
}

/** What a review produced: the input of every output format. */
export interface ReviewResult {
  findings: Finding[];
  files: ReviewedFile[];
  summary: ReviewSummary;
}
