import type { JSONPath } from 'jsonc-parser';
import { handlersOf, hookEntries, replaceOwn } from '../hookConfig';
import type { AgentName } from '../model';
import { PERSONAL_AGENTS } from './registry';
import { readSettings, setValues, SettingsFileError, valueAt, type Json } from './settingsFiles';
import { runsUserGuard, userHookLine } from './userLauncher';

// PM Zone's user-level hooks merged into an agent's user settings: each
// event's list keeps the user's own hooks in place, PM Zone's entry is
// replaced where it was (or appended), and nothing else in the file moves.

/** The file's new text with PM Zone's user-level hooks in it, running `node` (an absolute path) when given (the same text when they are already there). */
export function mergeUserHooks(agent: AgentName, existing: string | undefined, file: string, home: string, node?: string): string {
  const settings = readSettings(existing, file);
  const hooks = settings.hooks;
  if (hooks !== undefined && (hooks === null || typeof hooks !== 'object' || Array.isArray(hooks))) throw new SettingsFileError(`${file}: "hooks" is not an object, so PM Zone cannot add its hooks to it; nothing was written`);
  const nested = agent === 'claude' || agent === 'gemini';
  const values: [JSONPath, unknown][] = [];
  for (const [event, entry] of Object.entries(userEntries(agent, home, node))) {
    const current = valueAt(settings, ['hooks', event]) ?? [];
    if (!Array.isArray(current)) throw new SettingsFileError(`${file}: "hooks.${event}" is not a list, so PM Zone cannot add its hook to it; nothing was written`);
    values.push([['hooks', event], replaceOwn(current, entry, nested, runsUserGuard)]);
  }
  if (PERSONAL_AGENTS[agent].userHooksShape === 'hooks-file' && settings.version === undefined) values.unshift([['version'], 1]);
  return setValues(existing, file, values);
}

/** Each event's entry: the project's shape, run from wherever the session is (no `cwd`), sh only. */
function userEntries(agent: AgentName, home: string, node: string | undefined): Record<string, Json> {
  const entries = hookEntries(agent, userHookLine(agent, home, node));
  if (agent !== 'copilot') return entries;
  return Object.fromEntries(Object.entries(entries).map(([event, { cwd: _cwd, powershell: _powershell, ...rest }]) => [event, rest]));
}

/** PM Zone's user-level hook lines as a user's settings hold them, by event (for `agents check`). */
export function installedUserHooks(agent: AgentName, text: string | undefined, file: string): Record<string, string | undefined> {
  const settings = readSettings(text, file);
  const nested = agent === 'claude' || agent === 'gemini';
  const found: Record<string, string | undefined> = {};
  for (const event of Object.keys(hookEntries(agent, ''))) {
    const entries = valueAt(settings, ['hooks', event]);
    const list = Array.isArray(entries) ? entries : [];
    const handler = (nested ? list.flatMap(handlersOf) : list).find(runsUserGuard) as Json | undefined;
    found[event] = handler ? String(handler.bash ?? handler.command) : undefined;
  }
  return found;
}
