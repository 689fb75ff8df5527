// One flip as a flag system recorded it, whatever the export's shape.

import type { FlagState } from './model';

export interface FlagLogEntry {
  flag: string;
  /** ISO 8601, UTC. */
  time: string;
  actor: string;
  state: FlagState;
  /** `FILE:LINE`, for the report and for errors. */
  source: string;
}

export class FlagLogError extends Error {}
