// The pull request the CI gate judges, read from the event payload GitHub
// Actions writes to GITHUB_EVENT_PATH. Only the fields the gate needs; any
// other shape is refused with a sentence, never guessed at.

export interface GatePullRequest {
  number: number;
  /** The author's login, without `@`: who the gate takes the PM to be. */
  author: string;
  labels: string[];
  body: string;
  draft: boolean;
  /** The branch it merges into, and the commit of the pull request's head. */
  baseRef: string;
  headSha: string;
  /** `owner/name` of the repository it is opened in, and of the head's (a fork's when they differ). */
  repository: string;
  headRepository: string;
}

export type EventReading = { ok: true; pullRequest: GatePullRequest } | { ok: false; message: string };

export function readPullRequestEvent(payload: unknown): EventReading {
  const pull = (payload as { pull_request?: unknown } | null)?.pull_request as Record<string, unknown> | undefined;
  if (!pull || typeof pull !== 'object') {
    return { ok: false, message: 'This event has no pull request: run the PM PR Review on pull_request events (opened, synchronize, reopened, edited, labeled, unlabeled, ready_for_review).' };
  }
  const user = pull.user as { login?: unknown } | undefined;
  const base = pull.base as { ref?: unknown; repo?: { full_name?: unknown } } | undefined;
  const head = pull.head as { sha?: unknown; repo?: { full_name?: unknown } | null } | undefined;
  const labels = Array.isArray(pull.labels) ? pull.labels.map((label) => (label as { name?: unknown })?.name).filter((name): name is string => typeof name === 'string') : [];
  const repository = typeof base?.repo?.full_name === 'string' ? base.repo.full_name : (payload as { repository?: { full_name?: unknown } }).repository?.full_name;
  if (typeof pull.number !== 'number' || typeof user?.login !== 'string' || typeof base?.ref !== 'string' || typeof head?.sha !== 'string' || typeof repository !== 'string') {
    return { ok: false, message: 'The pull_request event lacks its number, author, base branch, head commit or repository.' };
  }
  return {
    ok: true,
    pullRequest: {
      number: pull.number,
      author: user.login,
      labels,
      body: typeof pull.body === 'string' ? pull.body : '',
      draft: pull.draft === true,
      baseRef: base.ref,
      headSha: head.sha,
      repository,
      // A deleted fork has no head repository: treat it as a fork, the narrower answer.
      headRepository: typeof head.repo?.full_name === 'string' ? head.repo.full_name : '(deleted fork)',
    },
  };
}

export function isFork(pull: GatePullRequest): boolean {
  return pull.headRepository.toLowerCase() !== pull.repository.toLowerCase();
}
