// The actions the workflow `ci init` writes names, each pinned to a release's
// commit (GitHub's hardening guide), and how an earlier workflow's pins are
// brought up to date without touching the rest of the file.

import { withoutCR } from '../text/lines';

/** An action pinned to the commit of one release. */
export interface PinnedAction {
  repository: string;
  /** The release's commit: a tag can move, a commit cannot. */
  sha: string;
  version: string;
  /** `runs.using` of the action.yml at that commit (test/fixtures/ci/actions/ holds the file). */
  runtime: string;
}

/**
 * actions/checkout v7.0.1, on Node 24. v6 was the first major on Node 24
 * (runner 2.329.0 or newer); v7 keeps that runtime and refuses a fork's code
 * under pull_request_target, which this workflow does not use.
 */
export const CHECKOUT: PinnedAction = {
  repository: 'actions/checkout',
  sha: '3d3c42e5aac5ba805825da76410c181273ba90b1',
  version: 'v7.0.1',
  runtime: 'node24',
};

export const PINNED_ACTIONS: readonly PinnedAction[] = [CHECKOUT];

/**
 * JavaScript runtimes GitHub's runners no longer run: Node 12 and 16 went
 * earlier; Node 20 actions have run on Node 24 since 2 June 2026 and Node 20
 * left the runner on 16 September 2026 (GitHub's changelog, 2025-09-19).
 */
export const REMOVED_RUNTIMES: readonly string[] = ['node12', 'node16', 'node20'];

/** `actions/checkout@<sha> # v7.0.1`: what follows `uses:`. */
export function pinnedUses(action: PinnedAction): string {
  return `${action.repository}@${action.sha} # ${action.version}`;
}

/** One `uses:` line of a workflow that names a pinned action at another ref. */
export interface PinUpdate {
  line: number;
  repository: string;
  /** The ref there now, with its version comment when it has one: `11bd719… # v4.2.2`, `v4`. */
  from: string;
  to: string;
}

// `  - uses: owner/name@ref  # comment`, the step form a workflow writes; a
// `uses:` inside a block scalar or a flow mapping is left as it is.
const USES_LINE = /^(\s*(?:-\s+)?uses:\s*)([\w.-]+\/[\w.-]+)@([^\s#]+)(\s*#\s*(\S.*?))?\s*$/;

/** The `uses:` lines of `text` that name an action of PINNED_ACTIONS at a ref older than its pin, or at one PM Zone cannot date. */
export function outdatedPins(text: string): PinUpdate[] {
  const updates: PinUpdate[] = [];
  text.split('\n').forEach((raw, index) => {
    const match = USES_LINE.exec(withoutCR(raw));
    const action = match && PINNED_ACTIONS.find((pinned) => pinned.repository === match[2]);
    if (!match || !action || match[3] === action.sha) return;
    const version = match[5] ?? match[3];
    if (isNewer(version, action.version)) return;
    updates.push({ line: index + 1, repository: action.repository, from: match[5] ? `${match[3]} # ${match[5]}` : match[3], to: action.version });
  });
  return updates;
}

/** `text` with each outdated pin moved to PM Zone's, every other byte kept (line endings included). */
export function updatePins(text: string): string {
  const lines = new Set(outdatedPins(text).map((update) => update.line));
  return text
    .split('\n')
    .map((raw, index) => {
      if (!lines.has(index + 1)) return raw;
      const cr = raw.endsWith('\r') ? '\r' : '';
      const match = USES_LINE.exec(raw.slice(0, raw.length - cr.length))!;
      const action = PINNED_ACTIONS.find((pinned) => pinned.repository === match[2])!;
      return `${match[1]}${pinnedUses(action)}${cr}`;
    })
    .join('\n');
}

/** Whether `ref` reads as a version above `pinned` (v8 over v7.0.1): then it is the team's choice, not outdated. */
function isNewer(ref: string, pinned: string): boolean {
  const parts = (value: string) => /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(value.trim())?.slice(1).map((part) => Number(part ?? 0));
  const [a, b] = [parts(ref), parts(pinned)];
  if (!a || !b) return false;
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
}
