// The pilot's evidence: the audit trail of every PM-authored pull request.
export { auditTrail, isPmAuthored, type AuditInputs } from './auditTrail';
export { MissingHistoryError } from './history';
export { readPullRequests, type PullRequestQuery, type PullRequestRecord, type ReviewRecord } from './pullRequests';
export { MISSING_LINKS, type AuditReport, type AuditedPullRequest, type MissingLink } from './model';
export { auditMarkdown, auditText } from './report';
export { FlagLogError, readFlagLog, type FlagLogEntry } from './flagLog';
