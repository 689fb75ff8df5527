import type { Finding } from '../../types';
import type { ReviewedFile, ReviewSummary } from './model';

export function summarize(
  findings: readonly Finding[],
  files: readonly ReviewedFile[],
  lines: { addedLines: number; removedLines: number },
): ReviewSummary {
  const count = (keep: (finding: Finding) => boolean): number => findings.filter(keep).length;
  return {
    blockers: count((finding) => finding.blocking),
    errors: count((finding) => finding.severity === 'error'),
    warnings: count((finding) => finding.severity === 'warning'),
    infos: count((finding) => finding.severity === 'info'),
    files: files.length,
    addedLines: lines.addedLines,
    removedLines: lines.removedLines,
  };
}
