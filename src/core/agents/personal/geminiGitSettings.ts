// Gemini CLI gives every shell command git settings of its own through the
// environment (GIT_CONFIG_COUNT, GIT_CONFIG_KEY_n, GIT_CONFIG_VALUE_n), one
// of them `diff.external` set to nothing, to keep git from running a diff
// program the repository names. git has no value that means "none": it runs
// the empty program, and every command that prints a patch (`git diff`,
// `git show`, `git log -p`) fails with "external diff died" (Gemini CLI
// 0.61, git 2.39). The summaries (`--stat`, `--name-only`) run no program.
//
// Inside srt nothing git runs can write the locked area, so a command the
// guard walls has that one setting renamed, before srt starts, to a key git
// ignores; Gemini's others (core.fsmonitor, core.hooksPath…) stay. Outside
// the wall the setting is what keeps a diff program the agent could name in
// `.git/config` from running unwalled, so a read that may print a patch is
// walled too (readOnlyCommand.ts mayPrintGitPatch).

/** The key an empty `diff.external` of the environment's git settings is renamed to: git ignores a key it does not know. */
export const CLEARED_DIFF_EXTERNAL_KEY = 'pm-zone.cleared-diff-external';

/**
 * Shell words, run before srt, that rename each empty `diff.external` among
 * the environment's git settings; a `GIT_CONFIG_COUNT` that is not a number
 * is left for git to refuse. POSIX sh, and without `$(` (arithmetic `$((…))`
 * included), which Gemini CLI refuses to run as "command substitution": the
 * index is the length of a string that grows by one character each round.
 * Its own variables are unset again, so the command under srt sees none.
 */
export const CLEAR_EMPTY_DIFF_EXTERNAL = [
  'pm_zone_n=; while [ "${#pm_zone_n}" -lt "${GIT_CONFIG_COUNT:-0}" ] 2>/dev/null; do',
  'eval "pm_zone_key=\\${GIT_CONFIG_KEY_${#pm_zone_n}-} pm_zone_value=\\${GIT_CONFIG_VALUE_${#pm_zone_n}-}";',
  `if [ "$pm_zone_key" = diff.external ] && [ -z "$pm_zone_value" ]; then export "GIT_CONFIG_KEY_\${#pm_zone_n}=${CLEARED_DIFF_EXTERNAL_KEY}"; fi;`,
  'pm_zone_n="x$pm_zone_n"; done; unset pm_zone_n pm_zone_key pm_zone_value;',
].join(' ');
