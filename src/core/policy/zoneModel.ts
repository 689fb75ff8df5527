import type { OwnersLookup } from '../codeowners/model';
import type { Reason, Zone } from '../types';
import type { Pilot, Qualifier, ZonePolicy } from './model';

/** Everything the zone of a file depends on. */
export interface ZoneContext {
  policy: ZonePolicy;
  /** CODEOWNERS of the repository; absent when it has none. */
  owners?: OwnersLookup;
  /** The PM asking, when known (`--as`, or their e-mail matched a pilot). */
  author?: Pilot;
  /**
   * The files that define the rules (see repository/policyFiles.ts); the
   * policy's own file is always one of them.
   */
  policyFiles: readonly PolicyFileEntry[];
}

/** A policy file's repository path, with why it is one when its name does not say so (a link's target, an import). */
export type PolicyFileEntry = string | { path: string; why: string };

/** The zone of one file, with every rule behind it. */
export interface ZoneAnswer {
  /**
   * The path as resolved: repository-relative, with `/`. A path given with a
   * trailing `/` is a directory, answered for the files directly inside it.
   */
  path: string;
  zone: Zone;
  reasons: Reason[];
  owners: string[];
  ownersLine: number | null;
  ownersFile: string | null;
  /** Locked by an engineering-only glob, yet CODEOWNERS gives it no owner: convention, not enforcement. */
  unenforced: boolean;
  /** Conditions on the edit, from the may-edit globs that make the file editable. */
  qualifiers: Qualifier[];
}

export { DEFAULT_POLICY_FILES } from '../defaults';
