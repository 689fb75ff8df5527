// The names of the pull request draft files, without any import: the editor
// reads them at activation without loading the core.

/** Relative to the git folder of the working tree. */
export const DRAFT_FOLDER = 'pm-zone';
export const DRAFT_FILE_NAME = 'PULL_REQUEST.md';
/** Where an unsent draft goes when a new one replaces it. */
export const PREVIOUS_DRAFT_FILE_NAME = 'PULL_REQUEST.previous.md';
/** The text PM Zone last wrote to PULL_REQUEST.md: a draft that differs from it holds someone's edits. */
export const WRITTEN_MARKER_FILE_NAME = '.PULL_REQUEST.written';
