import type { RemoteRepository } from '../../core/git';
import type { ComposedPullRequest, ComposeInput, PlanningText } from '../../core/pr';
import { setting } from '../config';
import { editorFiles } from '../editorFiles';
import type { ReviewRun } from '../review';

// The editor's half of composing: the same inputs the command line gathers
// (core gatherPullRequest), taken from the review the editor just ran, so
// the pull request describes exactly what the Problems panel and the sidebar
// show, unsaved buffers and the PM's ticks included.

export interface PullRequestChoices {
  /** The files the PM confirms were written with AI assistance. */
  aiFiles?: readonly string[];
  understood?: boolean;
  pairing?: boolean;
  /** The PM's answer when the planning doc's AI section does not say plainly. */
  aiUsed?: boolean;
  /** "How did shipping this feel, 1–5?"; absent when skipped. */
  energy?: number;
}

export interface EditorComposition {
  head: string;
  base: string;
  /** The GitHub repository origin names; undefined when it names none. */
  remote: RemoteRepository | undefined;
  planning: PlanningText | undefined;
  /** Every path in the change, for the AI question. */
  changedFiles: string[];
  /** File → the AI tools whose commit trailers touched it. */
  detectedAi: Map<string, string[]>;
  /** Paths with edits not committed yet: the pushed branch will not hold them. */
  uncommitted: string[];
  compose(choices: PullRequestChoices): ComposedPullRequest;
}

/** `onBase`: refused because the PM is on the base branch, where "Start a change" is the way forward. */
export type Preparation = { ok: true; composition: EditorComposition } | { ok: false; message: string; onBase?: true };

export async function prepareComposition(run: ReviewRun, ticked: ReadonlySet<string>): Promise<Preparation> {
  const gitModule = await import('../../core/git/index.js');
  const { composePullRequest, planningDocOf, uncommittedPaths } = await import('../../core/pr/index.js');
  const { detectAiAssistance } = await import('../../core/review/index.js');
  const git = new gitModule.Git(run.root.fsPath);
  const head = await gitModule.currentBranch(git);
  if (head === null) return { ok: false, message: 'HEAD is detached (no branch is checked out): switch to the branch of your change, then open the pull request.' };
  const base = run.change.base ?? 'main';
  if (base === head) {
    return { ok: false, onBase: true, message: `You are on ${base}, the branch a pull request goes into. Start a change: it gets a branch of its own, and your edits come with it.` };
  }
  if (run.change.files.length === 0) return { ok: false, message: `${head} has no change against ${base} yet: there is nothing to open a pull request for.` };

  const [url, planning, uncommitted] = await Promise.all([
    gitModule.remoteUrl(git, 'origin'),
    planningDocOf(run.change, editorFiles(run.root), run.policy),
    uncommittedPaths(git),
  ]);
  const remote = (url && gitModule.parseRemote(url)) || undefined;
  const detectedAi = new Map<string, string[]>();
  for (const entry of detectAiAssistance(run.change.commits)) {
    for (const file of entry.files) detectedAi.set(file, [...new Set([...(detectedAi.get(file) ?? []), entry.tool])]);
  }
  const input: ComposeInput = {
    review: run.outcome,
    policy: run.policy,
    change: run.change,
    remote,
    head,
    base,
    ticked,
    labels: setting('pullRequest.labels', run.root) ?? {},
    ...(planning ? { planning } : {}),
  };
  return {
    ok: true,
    composition: {
      head,
      base,
      remote,
      planning,
      changedFiles: run.change.files.map((file) => file.path),
      detectedAi,
      uncommitted,
      compose: (choices) => composePullRequest({ ...input, ...definedOnly(choices) }),
    },
  };
}

function definedOnly(choices: PullRequestChoices): PullRequestChoices {
  return Object.fromEntries(Object.entries(choices).filter(([, value]) => value !== undefined));
}
