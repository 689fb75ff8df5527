// Where flags live: any `flags.yaml`, and every file the zone opens for
// "owned flags only" (a TypeScript flags object, a JSON map). Each is read in
// its own shape; one PM Zone cannot read is said to be so, never passed.
import type { ZonePolicy } from '../../policy/model';
import { SCRIPT_FILE } from '../../text/scriptFile';
import { baseName, matchesAny } from './contentSupport';
import { parseFlagsFile, type ParsedFlagsFile } from './flagsFile';
import { DATA_FILE } from './flagFileKinds';
import { flagsInCode } from './flagsInCode';

export { canReadFlagsOf } from './flagFileKinds';

export function isFlagsFile(path: string): boolean {
  const name = baseName(path);
  return name === 'flags.yaml' || name === 'flags.yml';
}

/** Whether `path` holds flags: a flags.yaml, or a file the zone opens for owned flags only. */
export function isFlagList(path: string, policy?: Pick<ZonePolicy, 'mayEdit'>): boolean {
  if (isFlagsFile(path)) return true;
  const owned = (policy?.mayEdit ?? []).filter((rule) => rule.qualifiers.includes('owned-flags-only')).map((rule) => rule.glob);
  return owned.length > 0 && matchesAny(path, owned);
}

/** The flags of one version of a flag list; `unreadable` when its shape holds no flags PM Zone can name. */
export function readFlagList(path: string, text: string): ParsedFlagsFile | { unreadable: string } {
  if (DATA_FILE.test(path)) return parseFlagsFile(text, path);
  if (SCRIPT_FILE.test(path)) {
    const flags = flagsInCode(path, text);
    return flags ? { flags, problems: [] } : { unreadable: 'it declares no object or enum of flags PM Zone can tell apart' };
  }
  return { unreadable: 'PM Zone reads flags from YAML, JSON, and TypeScript or JavaScript objects and enums' };
}
