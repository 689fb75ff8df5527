/** The line of a pull request's AI section a PM ticks to say they read the change: `pm-zone pr --understood` names it in its help. */
export const UNDERSTOOD_STATEMENT = 'I have read and understand every line of this change.';
