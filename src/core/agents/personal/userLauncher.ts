import * as path from 'node:path';
import { shellQuote } from '../../git/hookScript';
import type { AgentName } from '../model';
import { verifiedLauncherLine } from '../launcherLine';
import { GUARD_RUNNER } from '../guardRunner';
import { GIT_RECORDS_FOLDER, PERSONAL_FOLDER } from './lockedArea';

// The user-level hooks `agents init --me` writes (in ~/.claude/settings.json
// and each agent's equivalent) run one file of PM Zone's in the home folder,
// verified by its hash in the hook line like the project's launcher. It
// finds the repository around the folder the session started in (any
// subfolder, any worktree), and answers only in one whose pilot PM turned
// the guard on there (`~/.pmzone/guarded.json`, keyed by the repository's
// git folder): elsewhere it exits at once, silent. There it runs the
// PM Zone it recorded at set-up, verified by hash too, so an agent that
// blanks or swaps node_modules/pm-zone/dist/guard.js is refused, not let
// through; when PM Zone is gone, every write the agent tries is refused
// with the reason, every time.

export const USER_LAUNCHER = 'user-guard.cjs';
export const GUARDED_FILE = 'guarded.json';

/** Said for every tool call of a guarded PM's agent while PM Zone is not where it was set up. */
export const NOT_INSTALLED =
  'PM Zone: the guard you turned on for this repository cannot run, because PM Zone is not installed where it was when you set it up ' +
  '(or was changed since), so this tool call is refused. Tell the user: install the packages of the repository again (it lists pm-zone) or the PM Zone extension, ' +
  'then run "PM Zone: Guard my coding agents" in the editor (or `pm-zone agents init --me` in a terminal) again.';

export function userLauncherPath(home: string): string {
  return path.join(home, PERSONAL_FOLDER, USER_LAUNCHER);
}

/**
 * The hook line each agent's user-level settings hold. It runs `node` by the
 * absolute path `agents init --me` recorded (programs.ts), so a `node`
 * planted ahead of it on PATH never runs the PM's hooks: the project's line,
 * which every user shares, still runs node by its bare name, and where a
 * planted one answers "allow" there, this line's refusal wins (the agents
 * run both, and a refusal beats an allow). Without a recorded node (none on
 * PATH at set-up), by its bare name.
 */
export function userHookLine(agent: AgentName, home: string, node?: string): string {
  return verifiedLauncherLine({
    launcher: shellQuote(userLauncherPath(home)),
    text: userLauncherScript(),
    args: agent,
    fix: 'Tell the user: run Guard my coding agents from PM Zone in the editor (or pm-zone agents init --me in a terminal) again.',
    ...(node === undefined ? {} : { node, nodeFix: 'Tell the user: run pm-zone agents init --me (or Guard my coding agents from PM Zone in the editor) again to record the node they use now.' }),
  });
}

/** Whether a hook handler runs this launcher (PM Zone's user-level entry, whatever its other fields). */
export function runsUserGuard(handler: unknown): boolean {
  if (handler === null || typeof handler !== 'object') return false;
  return ['command', 'bash', 'powershell'].some((field) => {
    const value = (handler as Record<string, unknown>)[field];
    return typeof value === 'string' && value.includes(`${PERSONAL_FOLDER}/${USER_LAUNCHER}`);
  });
}

/** The launcher's text: CommonJS, no dependency, the same for every user (its folder is found, not written in). */
export function userLauncherScript(): string {
  return `#!/usr/bin/env node
// PM Zone's guard for a pilot PM's coding agents, wherever a session starts.
// The user-level hooks written by \`pm-zone agents init --me\` run this file,
// verified by its hash, with the agent's name. Rewritten by the next --me.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const agent = process.argv[2];
const FOLDERS = { claude: 'CLAUDE_PROJECT_DIR', gemini: 'GEMINI_PROJECT_DIR', copilot: 'COPILOT_PROJECT_DIR', cursor: 'CURSOR_PROJECT_DIR' };
const start = path.resolve(process.env[FOLDERS[agent]] || process.cwd());
const repository = findRepository(start);
const guarded = repository && readJson(path.join(__dirname, ${JSON.stringify(GUARDED_FILE)}));
const entry = guarded && guarded.repositories && guarded.repositories[repository.common];
if (entry) run(entry);

function run(entry) {
  const guard = entry.guard && entry.guard.path;
  let text;
  try {
    text = fs.readFileSync(guard);
  } catch (error) {
    // Reported below.
  }
  if (!text || crypto.createHash('sha256').update(text).digest('hex') !== entry.guard.sha256) return refuseWrites();
  process.env.PM_ZONE_HOOK_SCOPE = 'user';
  process.argv = [process.argv[0], guard, '--agent', agent].concat(entry.arguments || []);
  runGuard(guard, text, entry.guard.sha256, path.join(repository.common, ${JSON.stringify(GIT_RECORDS_FOLDER)}));
}
${GUARD_RUNNER}
// Without PM Zone the tool call cannot be judged: a write is refused, with why, every time; the rest is not the guard's.
function refuseWrites() {
  let input = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => (input += chunk));
  process.stdin.on('end', () => {
    let payload;
    try {
      payload = JSON.parse(input);
    } catch (error) {
      payload = undefined;
    }
    if (payload && !('tool_name' in payload) && !('toolName' in payload)) return;
    process.stderr.write(${JSON.stringify(`${NOT_INSTALLED}\n`)});
    process.exitCode = 2;
  });
}

// The nearest folder above with a .git folder or file, as git finds it; its git folder's common part names the repository.
function findRepository(folder) {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    const dotGit = path.join(dir, '.git');
    let gitDir;
    try {
      gitDir = fs.statSync(dotGit).isDirectory() ? dotGit : path.resolve(dir, /^gitdir:\\s*(.+?)\\s*$/m.exec(fs.readFileSync(dotGit, 'utf8'))[1]);
    } catch (error) {
      gitDir = undefined;
    }
    if (gitDir && fs.existsSync(path.join(gitDir, 'HEAD'))) {
      let common = gitDir;
      try {
        common = path.resolve(gitDir, fs.readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim());
      } catch (error) {
        // Not a linked worktree.
      }
      return { root: dir, common: realPath(common) };
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function realPath(file) {
  try {
    return fs.realpathSync(file);
  } catch (error) {
    return file;
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return undefined;
  }
}
`;
}
