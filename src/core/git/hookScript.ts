import { createHash } from 'node:crypto';
import * as path from 'node:path';

/** Every hook PM Zone writes carries this line; a hook without it is never touched. */
export const HOOK_MARKER = '# pm-zone: managed pre-commit hook';
/** The checksum line of the rest of the script: a hook whose checksum no longer holds was edited by hand. */
const CHECKSUM_PREFIX = '# pm-zone: sha256 ';
/** Exit status of `review --time-limit` when the review ran out of time. */
export const REVIEW_TIMED_OUT = 3;
/** The file the hook makes for the review to write its verdict in (`blocked` or `passed`). */
export const VERDICT_FILE_VARIABLE = 'PM_ZONE_VERDICT_FILE';
/** What the process keeping `--time-limit` writes into the verdict file when it stops the review. */
export const TIMED_OUT_VERDICT = 'timed-out';

/** Where an existing pre-commit hook is kept while PM Zone's runs; it runs first. */
export const CHAINED_HOOK_NAME = 'pre-commit.pm-zone-chained';

/** Places node is commonly installed, for git clients started with a minimal PATH. */
const NODE_LOCATIONS = [
  '/usr/local/bin/node',
  '/opt/homebrew/bin/node',
  '/usr/bin/node',
  '"$HOME/.volta/bin/node"',
  '"$HOME/.nvm/current/bin/node"',
  '"$HOME/.local/share/fnm/aliases/default/bin/node"',
  '"$HOME/.asdf/shims/node"',
  '"$HOME"/.nvm/versions/node/*/bin/node',
];

export interface HookScriptOptions {
  /**
   * Where updates of the script (the command's first argument) land, as an
   * absolute glob whose only wildcards are `*` and `[0-9]`: an editor extension's folder
   * carries its version, and an update removes the old one. When the
   * recorded script is gone, the hook runs the newest match instead.
   */
  newerInstalls?: string;
}

/**
 * The pre-commit hook: a POSIX sh script with LF line endings.
 *
 * It runs a hook it replaced first (that hook's failure stops the commit),
 * then `command` (the staged review), and says which of these happened:
 * - blockers (exit 1, and the review's verdict says so): the commit is blocked;
 * - an error (exit 2: the review's one line says which), a crash (any other
 *   status, exit 1 without a verdict, a signal) or the time limit (exit 3):
 *   the change was not checked, so the commit is blocked, and the message
 *   names the way past (`git commit --no-verify`; the pull request's checks
 *   still run);
 * - the program missing (node, or an absolute path in the command, gone; or
 *   exit 126/127): it explains how to repair or remove the hook and lets the
 *   commit through. Blocking every commit forever over a moved install would
 *   teach people to disable hooks.
 */
export function renderPreCommitHook(command: readonly string[], options: HookScriptOptions = {}): string {
  const [program = 'node', ...args] = command;
  const findsNode = /^node(\.exe)?$/i.test(path.basename(program));
  const candidates = findsNode
    ? [shellQuote(program), '"$(command -v node 2>/dev/null)"', ...NODE_LOCATIONS].join(' ')
    : shellQuote(program);
  // With newer installs to fall back on, the script (the first argument) is chosen when the hook runs.
  const movable = options.newerInstalls !== undefined && args.length > 0 && path.isAbsolute(args[0]);
  const words = args.map((arg, index) => (movable && index === 0 ? '"$script"' : shellQuote(arg)));
  const requiredPaths = args.map((arg, index) => (path.isAbsolute(arg) ? words[index] : '')).filter(Boolean).join(' ');
  const lines = [
    '#!/bin/sh',
    HOOK_MARKER,
    CHECKSUM_PREFIX,
    '# Runs the PM PR Review on the staged change and blocks the commit when it has blockers.',
    '# Written by `pm-zone hook install`; `pm-zone hook uninstall` removes it and restores',
    `# any hook it replaced (kept next to it as ${CHAINED_HOOK_NAME}).`,
    '# When the review errs, crashes or runs out of time, the change was not checked:',
    '# the commit is blocked and the message says so. When node or PM Zone has gone',
    '# missing, it warns and lets the commit through: blocking every commit would push',
    '# people to delete hooks, and the pull request checks still run on the server.',
    '',
    'hook_dir=$(dirname -- "$0")',
    `chained="$hook_dir/${CHAINED_HOOK_NAME}"`,
    'if [ -f "$chained" ] && [ -x "$chained" ]; then',
    '  "$chained" "$@" || exit $?',
    'fi',
    '',
    'not_checked() {',
    '  echo "PM Zone: commit blocked: $1." >&2',
    '  echo "PM Zone: the change was not checked; to see why, run: pm-zone review --staged," >&2',
    '  echo "PM Zone: or commit without it: git commit --no-verify (the pull request checks still apply)." >&2',
    '  exit 1',
    '}',
    '',
    'skip_review() {',
    '  echo "PM Zone: $1" >&2',
    '  echo "PM Zone: the commit goes ahead without the PM PR Review; the pull request checks still apply." >&2',
    '  echo "PM Zone: to fix this, reinstall the hook (pm-zone hook install);" >&2',
    '  echo "PM Zone: to stop, remove it (pm-zone hook uninstall)." >&2',
    '  exit 0',
    '}',
    '',
    'program=',
    `for candidate in ${candidates}; do`,
    '  if [ -n "$candidate" ] && [ -f "$candidate" ] && [ -x "$candidate" ]; then program=$candidate; break; fi',
    'done',
    `[ -n "$program" ] || skip_review ${shellQuote(`cannot find ${findsNode ? 'node' : program} to run the review.`)}`,
    ...(movable ? newestInstall(args[0], options.newerInstalls as string) : []),
    ...(requiredPaths === ''
      ? []
      : [
          `for required in ${requiredPaths}; do`,
          '  [ -e "$required" ] || skip_review "PM Zone is no longer installed at $required."',
          'done',
        ]),
    '',
    '# The review writes its verdict here: exit status 1 is "blockers" only when it says so.',
    'verdict=$(mktemp 2>/dev/null) || verdict=',
    `${VERDICT_FILE_VARIABLE}=$verdict "$program" ${words.join(' ')}`.trimEnd(),
    'status=$?',
    'said=',
    'if [ -n "$verdict" ]; then said=$(cat -- "$verdict" 2>/dev/null); rm -f -- "$verdict"; fi',
    'case $status in',
    '  0) exit 0 ;;',
    '  1) [ "$said" = blocked ] || not_checked "the review crashed (exit status 1, with no verdict)"',
    '     echo "PM Zone: commit blocked by the PM PR Review: fix the blockers above, save, stage the fixes" >&2',
    '     echo "PM Zone: (\\"Stage my fixes\\" in the editor, or git add), then commit again." >&2 ;;',
    '  2) not_checked "the review stopped with an error (the line above says which)" ;;',
    // Exit 3 is the time limit only when the watching process says so: an internal error may exit 3 too.
    `  ${REVIEW_TIMED_OUT}) [ "$said" = ${TIMED_OUT_VERDICT} ] && not_checked "the review did not finish in time"`,
    `     not_checked "the review failed (exit status ${REVIEW_TIMED_OUT}, an error, not the time limit: the lines above say why)" ;;`,
    '  126|127) skip_review "the review could not be started (exit status $status)." ;;',
    '  *) if [ "$status" -gt 128 ]; then not_checked "the review was killed (signal $((status - 128)))"; fi',
    '     not_checked "the review crashed (exit status $status)" ;;',
    'esac',
    'exit 1',
    '',
  ];
  return withChecksum(lines.join('\n'));
}

function checksumOf(script: string): string {
  return createHash('sha256').update(script.split('\n').filter((line) => !line.startsWith(CHECKSUM_PREFIX)).join('\n')).digest('hex');
}

function withChecksum(script: string): string {
  return script.replace(`${CHECKSUM_PREFIX}\n`, `${CHECKSUM_PREFIX}${checksumOf(script)}\n`);
}

/**
 * Whether a hook of PM Zone's was edited by hand since it was written: its
 * checksum line no longer matches. A hook from a version that wrote no
 * checksum cannot tell, and counts as unedited.
 */
export function editedByHand(script: string): boolean {
  const recorded = script.split('\n').find((line) => line.startsWith(CHECKSUM_PREFIX))?.slice(CHECKSUM_PREFIX.length).trim();
  return recorded !== undefined && recorded !== checksumOf(script);
}

/** Sets `script` to the recorded path, or to the newest install matching `glob` when that path is gone. */
function newestInstall(recorded: string, glob: string): string[] {
  const pattern = glob.split(/(\*|\[0-9\])/).map((part, index) => (index % 2 === 1 || part === '' ? part : shellQuote(part))).join('');
  return [
    `script=${shellQuote(recorded)}`,
    'if [ ! -e "$script" ]; then',
    '  # Updated since the hook was written: the newest version, by version order where sort knows it.',
    `  newest=$( (ls -d -- ${pattern} | sort -V) 2>/dev/null | tail -n 1)`,
    `  [ -n "$newest" ] || newest=$(ls -d -- ${pattern} 2>/dev/null | tail -n 1)`,
    '  [ -n "$newest" ] && script=$newest',
    'fi',
  ];
}

/** Single-quotes a word for sh, whatever it contains. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
