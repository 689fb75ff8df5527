// Git access: the core's only window on a repository's history, and the
// pre-commit hook installer. Everything runs git without a shell and with a
// hostile repository's programs (fsmonitor, diff drivers, filters) disabled.

export { Git, MAX_OUTPUT_BYTES, type GitOptions, type RunOptions, type RunResult } from './runGit';
export { GitError, isGitError, type GitErrorKind } from './gitError';
export { findGitProgram } from './gitProgram';
export { parseRemote, type RemoteRepository } from './remote';
export {
  root,
  commonDir,
  currentBranch,
  requireCurrentBranch,
  headAndBranch,
  headSha,
  resolveCommit,
  userEmail,
  userName,
  configValue,
  remoteUrl,
  remoteRepository,
  remoteNaming,
  commitsAhead,
  defaultBaseBranch,
  noBaseBranchMessage,
  mergeBase,
  hooksPath,
  listFiles,
} from './repository';
export { showFile, readBlobs } from './blobs';
export type { FileContent } from './textContent';
export { commitsSince } from './commits';
export { indexHeldHead, readChange, untrackedWhenChangeRead, type ReadChangeOptions } from './change';
export { gitTextSearch } from './grep';
export { workingTreeFiles } from './workingTree';
export { writeRepositoryFile, RepositoryWriteRefused, type RepositoryWriteOptions } from './repositoryWrite';
export { commitChange, commitFiles } from './commitFiles';
export { unstagePath, stagingState, savedFixes, savedFixesWords, stagePaths, type StagingState, type SavedFixes } from './staging';
export { branchNameFor, startChange, type StartChangeOutcome } from './startChange';
export { COMMIT_CHECK_QUESTION, COMMIT_CHECK_EXPLAINED, COMMIT_CHECK_OFF, COMMIT_CHECK_NOT_ASKED_AGAIN, COMMIT_CHECK_DECLINED_KEY, commitCheckOffer, commitCheckWanted, declineCommitCheck, commitCheckOutcome } from './commitCheck';
export { installPreCommitHook, refreshPreCommitHook, uninstallPreCommitHook, hookStatus, committedHookManager, hookWiringProblems, type HookOptions, type HookResult, type HookStatus } from './hooks';
export { HOOK_MARKER, CHAINED_HOOK_NAME, REVIEW_TIMED_OUT, TIMED_OUT_VERDICT, VERDICT_FILE_VARIABLE, hookInstalledByEditor, searchesExtensionsFolder } from './hookScript';
export { committedReviewLine, installScriptEntry, nativeHookNote, type HookManager } from './hookManagers';
export { gitCommitHistory, HISTORY_LIMITS, type HistoryLimits } from './commitHistory';
export { ignoredAdvice, ignoredFiles, unignore, type IgnoredFile } from './ignored';
export { statNow } from './regularFile';
