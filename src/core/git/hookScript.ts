import { DEFAULT_PACKAGE_MANAGER, type PackageManager } from '../repository/packageManager';
import { SH_WITHOUT_CERTIFICATES } from './certificatesAside';
import { REVIEW_TIMED_OUT, TIMED_OUT_VERDICT, VERDICT_FILE_VARIABLE } from './reviewVerdict';
import { sha256Hex } from '../digest';

export { REVIEW_TIMED_OUT, TIMED_OUT_VERDICT, VERDICT_FILE_VARIABLE };

/** Every hook PM Zone writes carries this line; a hook without it is never touched. */
export const HOOK_MARKER = '# pm-zone: managed pre-commit hook';
/** The checksum line of the rest of the script: a hook whose checksum no longer holds was edited by hand. */
const CHECKSUM_PREFIX = '# pm-zone: sha256 ';

/** Where an existing pre-commit hook is kept while PM Zone's runs; it runs first. */
export const CHAINED_HOOK_NAME = 'pre-commit.pm-zone-chained';

/**
 * Where node is commonly installed, for git clients started with a minimal
 * PATH: no folder of this machine's own, only the usual places of any.
 */
const NODE_LOCATIONS = [
  '"$(command -v node 2>/dev/null)"',
  '/usr/local/bin/node',
  '/opt/homebrew/bin/node',
  '/usr/bin/node',
  '"$HOME/.volta/bin/node"',
  '"$HOME/.nvm/current/bin/node"',
  '"$HOME/.local/share/fnm/aliases/default/bin/node"',
  '"$HOME/.asdf/shims/node"',
  '"$HOME"/.nvm/versions/node/*/bin/node',
];

/**
 * The editors' extension folders, under the home folder, where an installed
 * PM Zone extension is `pm-zone.pm-zone-<version>` (as the coding agents'
 * launcher searches them: VSCODE_EXTENSIONS, VS Code, Insiders, VS Code
 * Server, Cursor, Windsurf, VSCodium, code-server).
 */
const EXTENSION_FOLDERS = [
  '"${VSCODE_EXTENSIONS:-}"',
  '"$HOME/.vscode/extensions"',
  '"$HOME/.vscode-insiders/extensions"',
  '"$HOME/.vscode-server/extensions"',
  '"$HOME/.vscode-server-insiders/extensions"',
  '"$HOME/.vscode-remote/extensions"',
  '"$HOME/.cursor/extensions"',
  '"$HOME/.cursor-server/extensions"',
  '"$HOME/.windsurf/extensions"',
  '"$HOME/.windsurf-server/extensions"',
  '"$HOME/.vscode-oss/extensions"',
  '"${XDG_DATA_HOME:-$HOME/.local/share}/code-server/extensions"',
];

export interface HookScriptOptions {
  /** The repository's package manager: the words of every hint (`pnpm add -D -w pm-zone`). */
  packageManager?: Pick<PackageManager, 'addDev' | 'install' | 'exec' | 'installScript'>;
  /** Who wrote the hook, said in it: the editor keeps its own hooks in step with its settings, and only those. */
  installedBy?: 'the pm-zone command line' | 'the PM Zone extension';
  /**
   * An absolute path of PM Zone's command line to try after the project's
   * own install: only an editor extension run from a folder the hook does
   * not search (a development checkout) gives one.
   */
  alsoTry?: string;
  /**
   * An editor's extensions folder the hook does not otherwise search (an
   * editor started with `--extensions-dir`, a portable install): searched
   * like the usual ones, for the newest PM Zone in it, so an upgrade that
   * replaces the versioned folder changes nothing.
   */
  extensionsFolder?: string;
}

/**
 * Whether the hook searches this extensions folder on its own, given the
 * environment it will run in (HOME, XDG_DATA_HOME, VSCODE_EXTENSIONS).
 */
export function searchesExtensionsFolder(folder: string, env: NodeJS.ProcessEnv): boolean {
  const home = env.HOME ?? '';
  const expanded = EXTENSION_FOLDERS.map((word) => word.slice(1, -1)
    .replace('${VSCODE_EXTENSIONS:-}', env.VSCODE_EXTENSIONS ?? '')
    .replace('${XDG_DATA_HOME:-$HOME/.local/share}', env.XDG_DATA_HOME || `${home}/.local/share`)
    .replace('$HOME', home));
  const trimmed = (text: string) => text.replace(/\/+$/, '');
  return expanded.some((candidate) => candidate !== '' && trimmed(candidate) === trimmed(folder));
}

/**
 * The pre-commit hook: a POSIX sh script with LF line endings that names no
 * folder of this machine, so an upgrade or a moved package folder (pnpm's
 * store) changes nothing.
 *
 * It runs a hook it replaced first (that hook's failure stops the commit),
 * then finds PM Zone where the repository installs it
 * (node_modules/pm-zone, any package manager; `yarn pm-zone` under Yarn's
 * Plug'n'Play), else the newest PM Zone extension of an editor, else
 * `pm-zone` on PATH, and runs `pm-zone <args>` (the staged review, which
 * passes whoever the PM zone does not bind), and says which of these
 * happened:
 * - blockers (exit 1, and the review's verdict says so): the commit is blocked;
 * - an error (exit 2: the review's one line says which), a crash (any other
 *   status, exit 1 without a verdict, a signal) or the time limit (exit 3):
 *   the change was not checked, so the commit is blocked, and the message
 *   names the way past (`git commit --no-verify`; the pull request's checks
 *   still run);
 * - PM Zone nowhere to be found: the first commit is stopped with how to
 *   install it (never a silent pass, which a pilot PM would not notice);
 *   later ones go ahead with one line each, until it is found again.
 *   Blocking every commit over a missing install would teach people to
 *   disable hooks.
 */
export function renderPreCommitHook(args: readonly string[], options: HookScriptOptions = {}): string {
  const manager = options.packageManager ?? DEFAULT_PACKAGE_MANAGER;
  const words = args.map(shellQuote).join(' ');
  const lines = [
    '#!/bin/sh',
    HOOK_MARKER,
    CHECKSUM_PREFIX,
    '# Runs the PM PR Review on the staged change and blocks the commit when it has blockers;',
    "# a commit by someone the PM zone does not bind (not a pilot PM) passes with one line.",
    `# Written by \`pm-zone hook install\` (installed by ${options.installedBy ?? 'the pm-zone command line'}); \`pm-zone hook uninstall\``,
    `# removes it and restores any hook it replaced (kept next to it as ${CHAINED_HOOK_NAME}).`,
    '# It names no folder of this machine: it finds PM Zone in node_modules/pm-zone, else in',
    '# an editor\'s extensions, else on PATH, so upgrades and moved packages change nothing.',
    '# Git never copies .git/hooks to another clone: each clone installs its own, or the',
    '# repository commits the hook through its hook manager or a package.json script.',
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
    '# Said once: the first commit without PM Zone stops, the next ones pass with one line.',
    'said_missing=$(git rev-parse --git-path pm-zone-hook-missing 2>/dev/null)',
    'missing() {',
    '  if [ -n "$said_missing" ] && [ -f "$said_missing" ]; then',
    `    echo "PM Zone: not installed here, so this commit was not reviewed (install it: ${manager.addDev}; or remove the hook: rm $0)." >&2`,
    '    exit 0',
    '  fi',
    '  [ -n "$said_missing" ] && : > "$said_missing" 2>/dev/null',
    '  echo "PM Zone: this pre-commit hook runs PM Zone, which is not installed here: $1." >&2',
    `  echo "PM Zone: install it (${manager.install} where package.json lists pm-zone, else ${manager.addDev}; or the PM Zone extension), or remove the hook (rm $0)." >&2`,
    '  echo "PM Zone: this commit was stopped so that this is not missed; the next ones go ahead without the review, with a one-line reminder, until PM Zone is found." >&2',
    '  exit 1',
    '}',
    '',
    '# The newest PM Zone extension of the editors, skipping the versions VS Code marked for deletion in .obsolete.',
    'newest_extension() {',
    `  for folder in ${[...EXTENSION_FOLDERS, ...(options.extensionsFolder ? [shellQuote(options.extensionsFolder)] : [])].join(' ')}; do`,
    '    [ -n "$folder" ] && [ -d "$folder" ] || continue',
    '    found=$( (ls -d -- "$folder"/pm-zone.pm-zone-[0-9]* | sort -V 2>/dev/null || ls -d -- "$folder"/pm-zone.pm-zone-[0-9]*) 2>/dev/null | while IFS= read -r installed; do',
    '      if [ -f "$folder/.obsolete" ] && grep -qF "\\"$(basename -- "$installed")\\":true" "$folder/.obsolete" 2>/dev/null; then continue; fi',
    '      [ -f "$installed/dist/cli.js" ] && printf \'%s\\n\' "$installed/dist/cli.js"',
    '    done | tail -n 1)',
    '    if [ -n "$found" ]; then printf \'%s\\n\' "$found"; return; fi',
    '  done',
    '}',
    '',
    'node=',
    `for candidate in ${NODE_LOCATIONS.join(' ')}; do`,
    '  if [ -n "$candidate" ] && [ -f "$candidate" ] && [ -x "$candidate" ]; then node=$candidate; break; fi',
    'done',
    '',
    '# PM Zone as the repository installs it (hooks run at the top of the working tree), else an editor\'s, else PATH\'s.',
    'cli=',
    'runner=',
    'if [ -f node_modules/pm-zone/dist/cli.js ]; then cli=node_modules/pm-zone/dist/cli.js',
    'elif { [ -f .pnp.cjs ] || [ -f .pnp.js ]; } && command -v yarn >/dev/null 2>&1 && [ -f package.json ] && grep -q \'"pm-zone"\' package.json; then runner=yarn',
    ...(options.alsoTry ? [`elif [ -f ${shellQuote(options.alsoTry)} ]; then cli=${shellQuote(options.alsoTry)}`] : []),
    'fi',
    '[ -n "$cli$runner" ] || cli=$(newest_extension)',
    'if [ -z "$cli$runner" ] && command -v pm-zone >/dev/null 2>&1; then runner=pm-zone; fi',
    '',
    'bundle_aside=',
    'if [ -n "$cli" ]; then',
    '  [ -n "$node" ] || missing "node cannot be found (not on PATH, nor in the usual places)"',
    '  set -- "$node" "$cli"',
    '  bundle_aside=1',
    'elif [ "$runner" = yarn ]; then',
    '  set -- yarn pm-zone',
    'elif [ "$runner" = pm-zone ]; then',
    '  set -- pm-zone',
    'else',
    `  missing ${shellQuote(`no node_modules/pm-zone, no PM Zone extension in VS Code, Cursor or Windsurf, and no pm-zone on PATH`)}`,
    'fi',
    '[ -n "$said_missing" ] && rm -f -- "$said_missing" 2>/dev/null',
    '',
    '# The review writes its verdict here: exit status 1 is "blockers" only when it says so.',
    'verdict=$(mktemp 2>/dev/null) || verdict=',
    '# node run here reads no certificate bundle: the review makes no TLS connection, and the git it runs gets the value back.',
    'if [ -n "$bundle_aside" ]; then',
    `  ${SH_WITHOUT_CERTIFICATES} ${VERDICT_FILE_VARIABLE}=$verdict "$@" ${words}`.trimEnd(),
    'else',
    `  ${VERDICT_FILE_VARIABLE}=$verdict "$@" ${words}`.trimEnd(),
    'fi',
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
    `  126|127) not_checked "the review could not be started (exit status $status)" ;;`,
    '  *) if [ "$status" -gt 128 ]; then not_checked "the review was killed (signal $((status - 128)))"; fi',
    '     not_checked "the review crashed (exit status $status)" ;;',
    'esac',
    'exit 1',
    '',
  ];
  return withChecksum(lines.join('\n'));
}

function checksumOf(script: string): string {
  return sha256Hex(script.split('\n').filter((line) => !line.startsWith(CHECKSUM_PREFIX)).join('\n'));
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

/**
 * Whether the editor wrote this hook, so that it keeps it in step with its
 * settings: the hook says so, or (written before hooks named no folder) it
 * runs this extension's command line or one in an editor's extension folder.
 */
export function hookInstalledByEditor(hook: string, extensionCli: string): boolean {
  return hook.includes('installed by the PM Zone extension') || hook.includes(extensionCli) || /[\\/]pm-zone\.pm-zone-[0-9][^'\n]*[\\/]dist[\\/]cli\.js/.test(hook);
}

/** Single-quotes a word for sh, whatever it contains. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
