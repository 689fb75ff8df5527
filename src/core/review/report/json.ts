// The stable machine output of a review (documented in docs/cli.md). Only
// these keys, in this order: adding one is a visible change for scripts.
import type { ReviewResult } from './model';

export function formatJson(result: ReviewResult): string {
  const output = {
    findings: result.findings.map(({ check, severity, blocking, file, line, message }) => ({ check, severity, blocking, file, line, message })),
    files: result.files.map(({ path, zone, status }) => ({ path, zone, status })),
    summary: {
      blockers: result.summary.blockers,
      errors: result.summary.errors,
      warnings: result.summary.warnings,
      infos: result.summary.infos,
      files: result.summary.files,
      addedLines: result.summary.addedLines,
      removedLines: result.summary.removedLines,
    },
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
