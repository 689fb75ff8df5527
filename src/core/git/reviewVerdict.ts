// What the pre-commit hook and `review --time-limit` tell each other: the
// exit status of a review out of time and the file its verdict is written in.
// Constants only, with no import: the command line's parent process that
// keeps the limit loads nothing else of the core.

/** Exit status of `review --time-limit` when the review ran out of time. */
export const REVIEW_TIMED_OUT = 3;
/** The file the hook makes for the review to write its verdict in (`blocked` or `passed`). */
export const VERDICT_FILE_VARIABLE = 'PM_ZONE_VERDICT_FILE';
/** What the process keeping `--time-limit` writes into the verdict file when it stops the review. */
export const TIMED_OUT_VERDICT = 'timed-out';
