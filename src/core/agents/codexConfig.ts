import { editToml, readToml, tomlValueAt, type Fail, type TomlEdit } from './tomlFile';

// Codex CLI's hooks in a config.toml (the project's `.codex/config.toml`),
// in the shape its documentation and 0.169 read: `[[hooks.<Event>]]` groups
// with an optional `matcher`, each with `[[hooks.<Event>.hooks]]` handlers
// `{ type = "command", command, timeout }`. PM Zone's group of each event is
// replaced where it is (or added at the end); every other line of the file
// stays as it was (tomlFile.ts).

type Json = Record<string, unknown>;

/** The header a config.toml PM Zone creates starts with. */
const HEADER = "# Codex CLI's project configuration. PM Zone's hooks (pm-zone agents init) run its guard; engineering's file, rewritten by the next init.\n\n";

/** The file's text with `entries` (one group per event) as PM Zone's groups, picked by `own` among the handlers. */
export function mergeCodexHooks(existing: string | undefined, file: string, entries: Record<string, Json>, own: (handler: unknown) => boolean, fail: Fail): string {
  const edits: TomlEdit[] = Object.entries(entries).map(([event, entry]) => ({ kind: 'replace-entries', array: ['hooks', event], own: (group) => handlersOf(group).some(own), entries: [entry] }));
  const merged = editToml(existing, file, edits, fail);
  return existing === undefined || existing.trim() === '' ? `${HEADER}${merged}` : merged;
}

/** PM Zone's handler of each event in the file (the first `own` picks), by event. */
export function codexHooksIn(text: string | undefined, file: string, events: readonly string[], own: (handler: unknown) => boolean, fail: Fail): Record<string, Json | undefined> {
  const config = readToml(text, file, fail);
  return Object.fromEntries(events.map((event) => {
    const groups = tomlValueAt(config, ['hooks', event]);
    const handler = (Array.isArray(groups) ? groups : []).flatMap(handlersOf).find(own);
    return [event, handler as Json | undefined];
  }));
}

function handlersOf(group: unknown): unknown[] {
  const hooks = tomlValueAt(group, ['hooks']);
  return Array.isArray(hooks) ? hooks : [];
}
