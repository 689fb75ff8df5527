import type { Problem } from '../core/types';

/** `file:line:column  severity  kind  message`, then a count; the shape editors and CI logs link. */
export function formatProblems(problems: Problem[]): string {
  const lines = problems.map((p) => `${p.file}:${p.line}:${p.column}  ${p.severity}  ${p.kind}  ${p.message}`);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  lines.push(problems.length === 0 ? 'No problems.' : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}
