// The zone policy: what CLAUDE.md's `## PM zone` section says, and the zone of any file.
export type { GlobRule, Mode, OwnedFlag, Pilot, Qualifier, ZonePolicy } from './model';
export { parseZonePolicy } from './parseZonePolicy';
export { compileZonePolicy, normalizeRepoPath, GLOB_OPTIONS, type CompiledZonePolicy } from './compileZonePolicy';
export { resolveZone, stricter } from './zone';
export { unenforcedGlobs } from './unenforced';
export { findPilot, resolveIdentity, type Asker, type Identity } from './identity';
export { NOT_RESTRICTED, zoneBinding, type ZoneBinding } from './binding';
export { handleOfNoreplyEmail } from './people';
export { DEFAULT_POLICY_FILES, type ZoneAnswer, type ZoneContext } from './zoneModel';
