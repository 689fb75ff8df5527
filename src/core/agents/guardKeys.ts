// The keys the launcher trusts to have signed PM Zone's guard (see
// launcher.ts and scripts/identity.mjs).
import keys from './guardKeys.json';

/** Set by the build: true when a release key signed this build (scripts/build.mjs). */
declare const PM_ZONE_RELEASE_BUILD: boolean | undefined;

/** Whether this program is a release: then its launchers trust the release keys only. */
export const RELEASE_BUILD = typeof PM_ZONE_RELEASE_BUILD !== 'undefined' && PM_ZONE_RELEASE_BUILD;

/** Key id → Ed25519 public key (JWK `x`): the release keys, and the development key unless this is a release. */
export function trustedGuardKeys(release: boolean = RELEASE_BUILD): Record<string, string> {
  return { ...keys.release, ...(release ? {} : { [keys.development.id]: keys.development.x }) } as Record<string, string>;
}

/** The global symbol's name the launcher leaves the verified identity's hashes under: dist/guard.js checks dist/core.js against them. */
export const VERIFIED_IDENTITY = 'pm-zone.identity';
