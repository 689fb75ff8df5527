// "Open pull request": the composer, the GitHub client and the compare-link fallback.
export * from './compose';
export * from './github/client';
export { branchPullRequest, pullRequestNextStep, pullRequestNumberOf, pullRequestStatus, type CheckCounts, type LocalWork, type PullRequestStatus, type ReviewComment, type ReviewDecision } from './github/status';
export { commitsNotInPullRequest } from './github/unpushed';
export { checklistSectionOf, updatePullRequestChecklist, withChecklistFrom, type ChecklistUpdate } from './github/checklistUpdate';
export { reviewCycles, type ReviewOnCommit } from './github/reviewCycles';
export { DEFAULT_API_URL } from './github/connection';
export { ResponseCache, type RequestCounts } from './github/responseCache';
export { describeWait } from './github/errors';
export { upsertStickyComment, type StickyCommentResult, type StickyCommentTarget } from './github/stickyComment';
export { compareUrl, TRIMMED_BODY_NOTE, type CompareUrl, type CompareUrlInput, type CompareUrlOptions } from './compareUrl';
export { parseDraft, renderDraft, withField, type PullRequestDraft, type DraftReading } from './draft';
export { draftFilePath, nodeDraftFolder, writeDraftFile } from './draftFile';
export { replaceDraft, type DraftFolder, type ReplacedDraft } from './draftStore';
export { DRAFT_FILE_NAME, DRAFT_FOLDER, PREVIOUS_DRAFT_FILE_NAME, WRITTEN_MARKER_FILE_NAME } from './draftLocation';
export * from './send';
