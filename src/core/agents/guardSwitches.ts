// Files outside the repository, and PM Zone's own installation inside it,
// whose change switches the guard off or changes who it takes the PM to be:
// the user's git configuration (who git says the user is), the agents'
// user-level settings (where `disableAllHooks` lives), the node program
// every hook line runs (under nvm, volta or fnm it is the user's own file:
// a script written over it would answer every hook with silence), and the
// guard's own code. A PM's agent may not write them; the PM can, by hand,
// and the lock that counts is on the server.
import { existsSync, realpathSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { agentFolder } from './agentFolders';
import { builtInLock } from './decision';
import type { AgentName } from './model';
import type { ZoneAnswer } from '../policy/zoneModel';

const USER_GIT_CONFIG = "The user's git configuration, which says who the user is (PM Zone reads it to know the PM): an agent working for a PM may not change it";
const AGENT_USER_SETTINGS = "A coding agent's user settings, where its hooks can be switched off: an agent working for a PM may not change them";
const CODEX_HOME = "Codex CLI's own folder, whose config.toml holds its hooks' trust, the projects it trusts and the sandbox PM Zone set up: an agent working for a PM may not change it";
const COPILOT_HOME = "Copilot CLI's own folder, whose settings.json holds PM Zone's hooks and the sandbox, and whose hooks/ and mcp-config.json run programs outside every sandbox in the next session: an agent working for a PM may not change it";
const PERSONAL_RECORDS = "PM Zone's records of the repositories a PM guards, and the launcher the PM's user-level hooks run: an agent working for a PM may not change them";
const NODE_PROGRAM = "The node program the coding agents' hooks run PM Zone's guard with: an agent working for a PM may not change it";
const OUTSIDE_REPOSITORY = "Outside this repository, where a PM's agent edits nothing but its own scratch (the temporary folder, its plans): a file in the home folder (the next session's instructions in ~/.claude/CLAUDE.md, a program first on PATH) steers or runs later, outside every sandbox";
const GUARD_INSTALL = "PM Zone's own program, which the coding agents' hooks run: an agent working for a PM may not change or remove it";

/** The installed guard, inside the repository: what `.pmzone/guard.cjs` runs. */
export const GUARD_INSTALL_FOLDER = 'node_modules/pm-zone';

/** The files, by absolute path, for the home folder and environment the agent runs with. */
function userFiles(home: string, env: NodeJS.ProcessEnv): { files: string[]; why: string }[] {
  const xdg = env.XDG_CONFIG_HOME || path.join(home, '.config');
  const claude = agentFolder('claude', home, env);
  return [
    { files: [path.join(home, '.gitconfig'), path.join(xdg, 'git', 'config'), '/etc/gitconfig', ...(env.GIT_CONFIG_GLOBAL ? [path.resolve(env.GIT_CONFIG_GLOBAL)] : [])], why: USER_GIT_CONFIG },
    {
      files: [
        // Claude Code's global config (its MCP servers among them) is ~/.claude.json, or inside CLAUDE_CONFIG_DIR when that is set.
        path.join(claude, 'settings.json'), path.join(claude, 'settings.local.json'), path.join(home, '.claude.json'), path.join(claude, '.claude.json'),
        path.join(agentFolder('gemini', home, env), 'settings.json'), path.join(agentFolder('cursor', home, env), 'hooks.json'),
      ],
      why: AGENT_USER_SETTINGS,
    },
    ...WHOLE_FOLDERS.map(({ agent, why }) => ({ files: [agentFolder(agent, home, env)], why })),
    { files: nodePrograms(env.PATH ?? ''), why: NODE_PROGRAM },
  ];
}

/**
 * The agents whose folder is locked whole: every file in it steers the agent
 * (Codex CLI's config.toml holds its hooks' trust; Copilot CLI loads hooks
 * from any file of `hooks/`, MCP servers from `mcp-config.json`, and its
 * sandbox from `settings.json`), and the agent writes its own records there
 * itself, not through the tools a guard answers or a sandbox walls.
 */
const WHOLE_FOLDERS: readonly { agent: AgentName; why: string }[] = [
  { agent: 'codex', why: CODEX_HOME },
  { agent: 'copilot', why: COPILOT_HOME },
];

const nodesOnPath = new Map<string, string[]>();

/**
 * The node program a hook line runs: this one (the guard runs inside the
 * hook line's node) and every `node` on PATH, as named and as it really is
 * (a link's target is what a write through the link changes). Looked up
 * once per PATH.
 */
function nodePrograms(searchPath: string): string[] {
  let found = nodesOnPath.get(searchPath);
  if (found) return found;
  const programs = new Set([process.execPath]);
  for (const folder of searchPath.split(path.delimiter)) {
    if (!path.isAbsolute(folder)) continue;
    const program = path.join(folder, process.platform === 'win32' ? 'node.exe' : 'node');
    if (!existsSync(program)) continue;
    programs.add(program);
    programs.add(realpathSync.native(program));
  }
  nodesOnPath.set(searchPath, (found = [...programs]));
  return found;
}

/** Every such file, by absolute path: what a pilot PM's sandbox keeps read-only. */
export function userSwitchFiles(home: string, env: NodeJS.ProcessEnv): string[] {
  return userFiles(home, env).flatMap(({ files }) => files);
}

/** The lock on a file outside every repository that switches the guard off; undefined for any other. */
export function userSwitch(absolute: string, home: string, env: NodeJS.ProcessEnv): ZoneAnswer | undefined {
  const resolved = path.resolve(absolute);
  const personal = path.join(home, '.pmzone');
  if (resolved === personal || resolved.startsWith(`${personal}${path.sep}`)) return builtInLock(absolute, 'guard-switch', PERSONAL_RECORDS);
  for (const { agent, why } of WHOLE_FOLDERS) {
    const folder = agentFolder(agent, home, env);
    if (resolved === folder || resolved.startsWith(`${folder}${path.sep}`)) return builtInLock(absolute, 'guard-switch', why);
  }
  const found = userFiles(home, env).find(({ files }) => files.includes(resolved));
  return found && builtInLock(absolute, 'guard-switch', found.why);
}

/** The lock on PM Zone's installed program, by repository path; undefined for any other path. */
export function installLock(relPath: string): ZoneAnswer | undefined {
  const under = relPath.replace(/\/+$/, '');
  return under === GUARD_INSTALL_FOLDER || under.startsWith(`${GUARD_INSTALL_FOLDER}/`) ? builtInLock(under, 'guard-install', GUARD_INSTALL) : undefined;
}

/**
 * The folders a PM's agent may edit outside the repository with its edit
 * tools (Edit, Write, apply_patch…): the temporary folder the agent is given
 * and the system's, and the agents' own scratch of plans in the home folder
 * (Claude Code's plan mode, Gemini CLI's temporary folder); the rest of the
 * home folder never, even where it lies inside a temporary folder. Shell
 * commands are the sandboxes'.
 */
export function editableOutside(home: string, env: NodeJS.ProcessEnv): { temporary: string[]; scratch: string[] } {
  const temporary = [env.TMPDIR, os.tmpdir(), ...(process.platform === 'win32' ? [] : ['/tmp', '/var/tmp'])].filter((folder): folder is string => Boolean(folder));
  const scratch = [path.join(home, '.claude', 'plans'), path.join(home, '.gemini', 'tmp')];
  const spelled = (folders: string[]) => [...new Set(folders.map((folder) => path.resolve(folder)).flatMap((folder) => [folder, realpathOr(folder)]))];
  return { temporary: spelled(temporary), scratch: spelled(scratch) };
}

function realpathOr(folder: string): string {
  try {
    return realpathSync.native(folder);
  } catch {
    return folder;
  }
}

/**
 * The lock on a file an edit tool writes outside every repository the agent
 * works in, for a PM the zone binds; undefined in editableOutside. `real` is
 * where the write lands, through links: both must be allowed.
 */
export function outsideEdit(absolute: string, real: string, home: string, env: NodeJS.ProcessEnv): ZoneAnswer | undefined {
  const { temporary, scratch } = editableOutside(home, env);
  const homes = [...new Set([path.resolve(home), realpathOr(path.resolve(home))])];
  const within = (folders: readonly string[], file: string) => folders.some((folder) => file.startsWith(`${folder}${path.sep}`));
  const allowed = (file: string) => within(scratch, file) || (within(temporary, file) && !within(homes, file));
  return allowed(path.resolve(absolute)) && allowed(real) ? undefined : builtInLock(absolute, 'outside-repository', OUTSIDE_REPOSITORY);
}
