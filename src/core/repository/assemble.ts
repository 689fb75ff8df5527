// A repository's policy put together from its parsed sources. Kept apart
// from the parsing (repositoryPolicy.ts) so that a program that already has
// the parsed sources, such as the coding agents' guard reading its cache,
// does not load the markdown parser.
import type { Problem, Zone } from '../types';
import type { ParsedCodeowners } from '../codeowners/model';
import { compileCodeowners, type CodeownersMatcher } from '../codeowners/matcher';
import { resolveIdentity, type Identity } from '../policy/identity';
import type { Pilot, ZonePolicy } from '../policy/model';
import { resolveZone } from '../policy/zone';
import type { PolicyFileEntry, ZoneAnswer } from '../policy/zoneModel';
import { folderZone } from './folderZone';
import { policyFilePaths } from './policyFilePaths';
import type { PolicySettings } from './settings';

/**
 * Everything PM Zone knows about one repository's rules, read once from its
 * policy files and then asked many times (the explorer asks for every row).
 */
export interface RepositoryPolicy {
  settings: PolicySettings;
  zone: ZonePolicy;
  /** Absent when the repository has no CODEOWNERS (or it could not be loaded). */
  codeowners?: ParsedCodeowners;
  owners?: CodeownersMatcher;
  /** A CODEOWNERS that was found but not loaded (too large, binary). */
  codeownersProblem?: Problem;
  /** The PM asking, when their handle or e-mail matches a pilot. */
  author?: Pilot;
  /** Who PM Zone takes the asker to be, or exactly why it cannot tell. */
  identity: Identity;
  /** Files that define the rules, with where their links and imports lead: always locked to PMs (see policyFiles.ts). */
  policyFiles: readonly PolicyFileEntry[];
  zoneOf(path: string): ZoneAnswer;
  /** The zone of a folder when everything inside it shares it (only `locked` is decided), else undefined. */
  zoneOfFolder(path: string): Zone | undefined;
}

export function buildRepositoryPolicy(
  settings: PolicySettings,
  zone: ZonePolicy,
  codeowners: ParsedCodeowners | undefined,
  codeownersProblem?: Problem,
  policyFiles: readonly PolicyFileEntry[] = policyFilePaths(settings, zone.file),
): RepositoryPolicy {
  const owners = codeowners ? compileCodeowners(codeowners) : undefined;
  const identity = resolveIdentity(zone, { handle: settings.handle, email: settings.email });
  const author = identity.known ? identity.pilot : undefined;
  // The explorer asks for the same paths again and again; answers only change with the policy.
  const answers = new Map<string, ZoneAnswer>();
  const context = { policy: zone, owners, author, policyFiles };
  const zoneOf = (path: string): ZoneAnswer => {
    let answer = answers.get(path);
    if (!answer) {
      answer = resolveZone(path, context);
      answers.set(path, answer);
    }
    return answer;
  };
  return {
    settings, zone, codeowners, owners, codeownersProblem, author, identity, policyFiles, zoneOf,
    zoneOfFolder: (path) => folderZone(path, zone.file, zoneOf),
  };
}
