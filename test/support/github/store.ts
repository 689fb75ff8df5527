// The server's memory: repositories with their branches, labels, people,
// pull requests, comments and check runs. Resources read and change it; tests
// seed it through FakeGitHub.

export interface RepoSetup {
  /** Branch name → commits ahead of the base; the default branch is added with 0. */
  branches?: Record<string, number>;
  labels?: string[];
  collaborators?: string[];
  /** Team slugs of the owner's organisation. */
  teams?: string[];
  draftsSupported?: boolean;
  /** Default private: push rulesets exist only for private and internal repositories. */
  visibility?: 'public' | 'private' | 'internal';
  /** Default an organisation; a personal account's repository has no teams and no push rulesets. */
  ownerType?: 'Organization' | 'User';
  /**
   * A bare git repository that pushes go to: a pull request's head commit is
   * then its branch's commit there (unless the test set `headSha`), so a push
   * reaches the pull request as it does on GitHub.
   */
  pushedTo?: string;
}

export interface PullState {
  number: number;
  title: string;
  body: string;
  headOwner: string;
  head: string;
  base: string;
  draft: boolean;
  state: 'open' | 'closed';
  /** null: a deleted account, as GitHub answers it. */
  author: string | null;
  labels: string[];
  reviewers: string[];
  teams: string[];
  /** ISO times; `mergedAt` and `mergeCommitSha` only once merged (then `state` is closed). */
  createdAt?: string;
  mergedAt?: string;
  mergeCommitSha?: string;
  /** The head commit, where the checks ran. */
  headSha?: string;
  reviews?: ReviewState[];
  /** How many times the pull request was edited (title or description). */
  edits?: number;
}

/** A submitted review, as GitHub lists it. */
export interface ReviewState {
  /** null: a deleted account. */
  author: string | null;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  submittedAt: string;
  body?: string;
  /** The commit it was submitted on (GitHub's `commit_id`); default the pull request's head. */
  commitId?: string;
  /** Comments on lines of the change, submitted with this review. */
  comments?: ReviewCommentState[];
}

/** A comment on a line of a pull request's change, part of a review. */
export interface ReviewCommentState {
  path: string;
  /** The line of the file as the pull request's head has it. */
  line: number;
  body: string;
}

/** A commit status (the older API some CI systems still report through). */
export interface CommitStatusState {
  sha: string;
  context: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  description?: string;
}

/** A comment on an issue or pull request, as the fake keeps it. */
export interface CommentState {
  id: number;
  issue: number;
  body: string;
  author: string;
}

/** A check run on a commit, as GitHub's checks API lists it. */
export interface CheckRunState {
  headSha: string;
  name: string;
  conclusion: 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | null;
  /** Default: completed with a conclusion, else in progress. */
  status?: 'queued' | 'in_progress' | 'completed';
  completedAt?: string;
}

export interface RepoState {
  owner: string;
  name: string;
  defaultBranch: string;
  branches: Map<string, number>;
  labels: Set<string>;
  collaborators: Set<string>;
  teams: Set<string>;
  draftsSupported: boolean;
  visibility: 'public' | 'private' | 'internal';
  ownerType: 'Organization' | 'User';
  pushedTo?: string;
  pulls: PullState[];
  comments: CommentState[];
  checkRuns: CheckRunState[];
  statuses: CommitStatusState[];
}

export class RepoStore {
  private readonly repos = new Map<string, RepoState>();
  private nextCommentId = 1;

  /** `login`: the account the token belongs to, a collaborator of every repository and the author of what it creates. */
  constructor(readonly login: string) {}

  add(owner: string, name: string, setup: RepoSetup = {}): void {
    this.repos.set(`${owner}/${name}`.toLowerCase(), {
      owner,
      name,
      defaultBranch: 'main',
      branches: new Map(Object.entries({ main: 0, ...setup.branches })),
      labels: new Set(setup.labels ?? []),
      collaborators: new Set([this.login, ...(setup.collaborators ?? [])].map((login) => login.toLowerCase())),
      teams: new Set((setup.teams ?? []).map((team) => team.toLowerCase())),
      draftsSupported: setup.draftsSupported ?? true,
      visibility: setup.visibility ?? 'private',
      ownerType: setup.ownerType ?? 'Organization',
      ...(setup.pushedTo ? { pushedTo: setup.pushedTo } : {}),
      pulls: [],
      comments: [],
      checkRuns: [],
      statuses: [],
    });
  }

  get(owner: string, name: string): RepoState | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  /** The repository a test seeds; it must have been added. */
  seeded(owner: string, name: string): RepoState {
    const repo = this.get(owner, name);
    if (!repo) throw new Error(`no repository ${owner}/${name}: addRepo first`);
    return repo;
  }

  addPull(repo: RepoState, pull: Partial<PullState> & { head: string }): PullState {
    const added: PullState = { number: repo.pulls.length + 1, title: 'Existing change', body: '', headOwner: repo.owner, base: 'main', draft: false, state: 'open', author: this.login, labels: [], reviewers: [], teams: [], ...pull };
    repo.pulls.push(added);
    return added;
  }

  addComment(repo: RepoState, issue: number, body: string, author: string): CommentState {
    const comment = { id: 1000 + this.nextCommentId++, issue, body, author };
    repo.comments.push(comment);
    return comment;
  }

  clear(): void {
    this.repos.clear();
  }
}
