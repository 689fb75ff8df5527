// The pilot's evidence: the audit trail of every PM-authored pull request.
export { auditTrail, isPmAuthored, type AuditInputs } from './auditTrail';
export { MissingHistoryError } from './history';
export { gateCheckReader, readPullRequests, type PullRequestQuery, type PullRequestRecord, type ReviewRecord } from './pullRequests';
export { MISSING_LINKS, type AuditReport, type AuditedPullRequest, type MissingLink } from './model';
export { auditMarkdown, auditText } from './report';
export { FlagLogError, readFlagLog, type FlagLogEntry } from './flagLog';
export { pilotReadout, means, METRIC_KEYS, type Readout, type ReadoutInputs, type MeasuredPullRequest, type PilotReadout, type Metrics, type MetricKey, type Criterion, type Decision } from './readout';
export { readoutMarkdown, readoutText, metricWords, METRIC_NAMES, DECISION_WORDS } from './readoutReport';
export { ENERGY_QUESTION, energyLine, readEnergy } from '../pr/compose/energy';
export { listPullRequests, withReviews, type ListedPullRequest } from './pullRequests';
export { readoutCharts, toSvg, timelineSpec, comparisonSpec, LIGHT, type ChartColors, type ReadoutCharts } from './charts';
export { auditHtml, readoutHtml, standalonePage, type ReportPage } from './html';
export { GATE_CHECK_NAME, recomputedReview, type ReviewAtMerge } from './reviewAtMerge';
export { auditFromGitHub, historyCache, historyFailure, readoutFromGitHub, type AuditScope, type GitHubHistory } from './fromGitHub';
