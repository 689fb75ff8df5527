export type { ReviewResult, ReviewSummary, ReviewedFile } from './model';
export { summarize } from './summary';
export { formatText, summaryLine } from './text';
export type { TextOptions } from './text';
export { formatJson } from './json';
export { PM_ZONE_INFORMATION_URI, SARIF_SCHEMA, formatSarif, toSarif } from './sarif';
export type { SarifLevel, SarifLog, SarifResult, SarifRule } from './sarif';
export { describeCheck } from './rules';
export type { CheckDescription } from './rules';
