import type { AiStatement } from '../../review/aiStatement';
import { DEFAULT_LABELS as LABELS } from '../../defaults';
// What "Open pull request" composes, and from what. The composer is pure: it
// takes the review it was given and text, never git, the network or a token,
// so the editor and the command line show the same pull request.

import type { Finding } from '../../types';
import type { RemoteRepository } from '../../git/remote';
import type { RepositoryPolicy } from '../../repository';
import type { Change, ReviewOutcome } from '../../review';

/** Label names; each repository may call them something else. */
export interface PullRequestLabels {
  /** Always applied. */
  pmAuthored: string;
  /** Applied when AI assistance is declared or detected. */
  aiAssisted: string;
  /** Applied when an outside-zone change opens as a draft to pair on. */
  needsPairing: string;
}

export const DEFAULT_LABELS: Readonly<PullRequestLabels> = LABELS;

/** A planning doc as it reads in the change (or on disk, for one the change does not touch). */
export interface PlanningText {
  /** Repository-relative, with `/`. */
  path: string;
  text: string;
}

export interface ComposeInput {
  review: ReviewOutcome;
  policy: RepositoryPolicy;
  /** The planning doc of the change: a changed PLANNING.md, or the author's. */
  planning?: PlanningText;
  change: Change;
  /** Where the pull request goes; without it the planning doc is named by its path only. */
  remote: RemoteRepository | undefined;
  /** The branch with the change. */
  head: string;
  /** The branch it goes into. */
  base: string;
  /** Ids of the manual checklist items the PM ticked. */
  ticked: ReadonlySet<string>;
  /** The files the PM confirms were AI-generated; default: those of commits with AI trailers. */
  aiFiles?: readonly string[];
  /** The PM states they read and understand every line of the change. */
  understood?: boolean;
  /**
   * The PM's answer to "did AI help with this change?", asked when the
   * planning doc's AI section does not say plainly. Unanswered and unclear:
   * the pull request is labelled AI-assisted, and the body says why.
   */
  aiUsed?: boolean;
  labels?: Partial<PullRequestLabels>;
  /**
   * Open as a draft. Undefined: a draft in regulated mode and when pairing,
   * else ready. Given: the PM's choice wins (a repository without drafts).
   */
  draft?: boolean;
  /** Open a change whose only blockers are files outside the zone as a draft labelled for pairing. */
  pairing?: boolean;
  /** The PM's answer to "How did shipping this feel, 1–5?" (skipped: absent); the pilot's readout reads it back. */
  energy?: number;
}

export interface ComposedPullRequest {
  title: string;
  /** GitHub markdown, under GitHub's 65,536-character limit. */
  body: string;
  labels: string[];
  /** `@login` as CLAUDE.md writes them; never the author. */
  reviewers: string[];
  draft: boolean;
  /** Why it opens as a draft and who moves it on (the body says it too); absent when it opens ready. */
  draftReason?: string;
  base: string;
  head: string;
  /** The blocking findings of the review. */
  blockers: Finding[];
  /** False while a blocker stands (unless pairing lifts it). */
  canOpen: boolean;
  /** Why it cannot open, naming each blocker. */
  refusal?: string;
  /** Opened as a draft labelled for pairing, because of files outside the zone. */
  pairing: boolean;
  /** Every blocker is a file outside the zone: pairing would let it open. */
  pairingPossible: boolean;
  /** The AI-generated files the body lists. */
  aiFiles: string[];
  /** What the planning doc's AI section says (see `readAiStatement`): `unclear` is worth asking the PM about. */
  aiStatement: AiStatement;
}
