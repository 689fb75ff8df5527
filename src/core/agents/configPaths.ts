// Where each coding agent reads the hook configuration `pm-zone agents init`
// writes, named once. These files decide whether the guard runs at all, so
// they are policy files: locked for PMs like CLAUDE.md and CODEOWNERS.

/** Claude Code's project settings (also read by VS Code's and Copilot CLI's agents, and by Cursor when third-party hooks are on). */
export const CLAUDE_SETTINGS = '.claude/settings.json';
/** GitHub Copilot CLI, Copilot cloud agent and VS Code agent mode read every `.github/hooks/*.json`. */
export const COPILOT_HOOKS = '.github/hooks/pm-zone.json';
/** Cursor's project hooks. */
export const CURSOR_HOOKS = '.cursor/hooks.json';
/** Codex CLI's project configuration (TOML), loaded from any folder of a project its user trusts. */
export const CODEX_CONFIG = '.codex/config.toml';
/** Gemini CLI's project settings. */
export const GEMINI_SETTINGS = '.gemini/settings.json';
/** The committed launcher every hook runs: it finds the installed guard, or says once that it is missing. */
export const GUARD_LAUNCHER = '.pmzone/guard.cjs';

/**
 * Every file that can switch the guard off or change what runs, including
 * the per-user ones a hook setting can live in (`disableAllHooks`): the
 * guard refuses an agent's edit to any of them, the review and the Action
 * flag a PM's.
 */
export const AGENT_CONFIG_FILES: readonly string[] = [
  CLAUDE_SETTINGS,
  '.claude/settings.local.json',
  CODEX_CONFIG,
  COPILOT_HOOKS,
  '.github/copilot/settings.json',
  '.github/copilot/settings.local.json',
  CURSOR_HOOKS,
  GEMINI_SETTINGS,
  GUARD_LAUNCHER,
];

/**
 * Files a coding agent follows as instructions, or whose hooks it runs,
 * wherever they sit: like CLAUDE.md they steer what the agent does for the
 * PM, so they are policy files. Named by glob because any folder may hold
 * one (Claude Code reads every folder's CLAUDE.md, Copilot every hook file).
 */
export const AGENT_INSTRUCTION_GLOBS: readonly string[] = [
  '**/CLAUDE.md',
  '**/CLAUDE.local.md',
  '**/AGENTS.md',
  '**/AGENTS.override.md',
  '**/GEMINI.md',
  '.github/copilot-instructions.md',
  '.github/instructions/**/*.instructions.md',
  '.github/hooks/*.json',
  '**/.cursor/rules/**',
  '**/.cursorrules',
  // Claude Code's subagents, slash commands and skills: instructions it follows when they are invoked.
  '.claude/agents/**',
  '.claude/commands/**',
  '.claude/skills/**',
  // Copilot's prompt files, chat modes, custom agents and skills (it reads skills from .github/skills,
  // .claude/skills and .agents/skills); Cursor's and Gemini CLI's custom commands.
  '.github/prompts/**',
  '.github/chatmodes/**',
  '.github/agents/**',
  '.github/skills/**',
  '.agents/skills/**',
  '.cursor/commands/**',
  '.gemini/commands/**',
  // Codex CLI loads every .codex/config.toml from the project's top down to the folder a session starts in
  // (`sandbox_mode` there switches the user's permission profile off), and its skills, prompts and rules beside it.
  '**/.codex/**',
  // MCP servers the agents start: programs that run with the PM's rights.
  '.mcp.json',
  '.vscode/mcp.json',
  '.cursor/mcp.json',
];

/**
 * The part of AGENT_SETTINGS_GLOBS an agent session started in that folder
 * loads as its own settings, hooks and MCP servers: the session start
 * refuses a guarded session while one is there that nobody committed
 * (agentSettingsFound.ts). The environment files are left to the backstop:
 * nearly every checkout has an ignored `.env` of its own, and VS Code's
 * files are read by the editor, not by an agent's session.
 */
export const SESSION_SETTINGS_GLOBS: readonly string[] = [
  '**/.claude/**',
  '**/.gemini/**',
  '**/.cursor/**',
  '**/.github/copilot/**',
  '**/.codex/**',
  '**/.mcp.json',
];

/**
 * Every agent's settings, hooks, MCP servers and environment, in any folder:
 * a session started in that folder loads them (Claude Code a subfolder's
 * `.claude/settings.json`, Gemini CLI its `.gemini/settings.json` and the
 * nearest `.env`), and their hooks and servers run outside every sandbox.
 * `.env.example` and its kin are locked too: no agent loads them itself, but
 * `cp .env.example .env` is every project's setup step, and compose files
 * and dotenv tools name them as env files, so what they hold reaches a
 * loader at the next setup (`NODE_OPTIONS=--require …`). Real commits that
 * touch them are engineering's (a new setting for a feature); no PM edit of
 * the replayed ones does.
 */
export const AGENT_SETTINGS_GLOBS: readonly string[] = [
  ...SESSION_SETTINGS_GLOBS,
  '**/.env',
  '**/.env.*',
  '**/.envrc',
  '**/.vscode/settings.json',
  '**/.vscode/tasks.json',
  '**/.vscode/launch.json',
  '**/.vscode/mcp.json',
];

/**
 * Files that run code later, on someone else's machine or in CI, or switch
 * the controls off: package.json (its scripts run on every `npm test`, its
 * `prepare` on install) and the lockfiles (which package and from where),
 * the package managers' configuration and programs (`.npmrc`'s
 * `node-options` runs in every npm and npx, `.yarn/releases/*.cjs` is yarn
 * itself), patches applied to installed packages, every git hook manager's
 * files (a PM deleting the review line there turns the hook off), and the
 * same files of the other stacks (composer, bundler, Go modules, pip, uv,
 * poetry, cargo). Locked at any depth: a workspace's package.json
 * runs as surely as the top one.
 */
export const RUNS_CODE_GLOBS: readonly string[] = [
  '**/package.json',
  '**/package-lock.json',
  '**/npm-shrinkwrap.json',
  '**/yarn.lock',
  '**/pnpm-lock.yaml',
  '**/pnpm-workspace.yaml',
  '**/bun.lock',
  '**/bun.lockb',
  '**/.npmrc',
  '**/.yarnrc',
  '**/.yarnrc.yml',
  '**/.yarn/releases/**',
  '**/.yarn/plugins/**',
  '**/.pnpmfile.cjs',
  '**/.pnpmfile.mjs',
  '**/bunfig.toml',
  '**/.husky/**',
  '**/lefthook.yml',
  '**/lefthook.yaml',
  '**/lefthook.json',
  '**/lefthook.toml',
  '**/.lefthook.yml',
  '**/.lefthook.yaml',
  '**/lefthook-local.yml',
  '**/lefthook-local.yaml',
  '**/.lefthook-local.yml',
  '**/.lefthook/**',
  '**/.lefthook-local/**',
  '**/.pre-commit-config.yaml',
  '**/.pre-commit-config.yml',
  '**/.simple-git-hooks',
  '**/.simple-git-hooks.*',
  '**/simple-git-hooks.*',
  '.changeset/config.json',
  // Patches applied to installed packages (yarn berry's `patch:` protocol, pnpm's patchedDependencies, patch-package):
  // the code they add runs wherever the package does.
  '**/.yarn/patches/**',
  '**/patches/*.patch',
  // The other stacks' manifests and lockfiles, locked for the same reasons as package.json and yarn.lock: composer.json's
  // scripts run on every `composer install`, a Gemfile is Ruby that bundler runs, setup.py and pyproject.toml's build
  // backend run on install, Cargo.toml names build scripts, a requirements file can name any index or a git URL, and
  // each lockfile says which code is fetched and from where.
  '**/composer.json',
  '**/composer.lock',
  '**/Gemfile',
  '**/Gemfile.lock',
  '**/go.mod',
  '**/go.sum',
  '**/go.work',
  '**/go.work.sum',
  '**/pyproject.toml',
  '**/setup.py',
  '**/setup.cfg',
  '**/requirements*.txt',
  '**/requirements/*.txt',
  '**/Pipfile',
  '**/Pipfile.lock',
  '**/uv.lock',
  '**/poetry.lock',
  '**/Cargo.toml',
  '**/Cargo.lock',
];

/** Why a file of each built-in list is locked, as the zone answer says it. */
export const BUILT_IN_LOCKS: readonly { glob: string; why: string }[] = [
  ...AGENT_INSTRUCTION_GLOBS.map((glob) => ({ glob, why: 'a coding agent follows it as instructions or hooks' })),
  ...AGENT_SETTINGS_GLOBS.map((glob) => ({ glob, why: "a coding agent's settings, hooks, MCP servers or environment, loaded by a session started in that folder" })),
  ...RUNS_CODE_GLOBS.map((glob) => ({ glob, why: 'it runs code later, or switches the hooks and checks off' })),
];
