import * as vscode from 'vscode';
import type { RepositoryPolicy } from '../../core/repository';
import type { Change, CheckAbout, Checklist, ReviewOutcome } from '../../core/review';
import type { SavedFixes } from '../../core/git';
import { policyPath, setting } from '../config';
import { editorFiles } from '../editorFiles';
import { policySettings, type Repositories, type Repository } from '../repositories';
import { readEditorChange } from './editorChange';
import { toReviewFailure } from './reviewFailure';

/** Who asked: the user (the command, a button) or the automatic re-run. */
export type ReviewTrigger = 'command' | 'auto';

/** One review of one repository, as every surface (diagnostics, notification, sidebar) reads it. */
export interface ReviewRun {
  root: vscode.Uri;
  /** The change reviewed: the branch against its merge base, unsaved buffers included. */
  change: Change;
  /** The merge base the change is compared with; undefined before the first commit. */
  baseCommit: string | undefined;
  policy: RepositoryPolicy;
  /** The repository's skill file, or the built-in checklist (`file: 'built-in'`). */
  checklist: Checklist;
  /** Findings, the status of every checklist item, and the checks that applied. */
  outcome: ReviewOutcome;
  /** What a check id means, from the core's registry of checks (loaded with the review). */
  aboutCheck(id: string): CheckAbout | undefined;
  trigger: ReviewTrigger;
  /**
   * Saved edits a commit would leave out (once something is staged): what
   * "Stage my fixes" stages, and which of them were staged before in an
   * older copy. Empty when git could not say.
   */
  savedFixes: SavedFixes;
  /** What the sidebar and the notification say of `savedFixes` (the core's words, as `pm-zone review` says them); undefined when nothing is left out. */
  savedFixesSaid: string | undefined;
  /** `Date.now()` when the review ended. */
  finishedAt: number;
  durationMs: number;
}

/** Ids of the manual checklist items the PM ticked, per repository (the sidebar keeps them). */
export type TickedProvider = (root: vscode.Uri) => ReadonlySet<string>;

/**
 * Builds the change as the editor sees it and runs the PM PR Review on it.
 * Reviews of one repository run one after the other, never at once; the
 * latest review of each repository is kept and announced.
 */
export class ReviewService implements vscode.Disposable {
  private readonly latestByRoot = new Map<string, ReviewRun>();
  private readonly running = new Map<string, Promise<ReviewRun>>();
  /** `root\nhead` of every branch the user reviewed by hand in this session. */
  private readonly reviewedByUser = new Set<string>();
  private readonly reviewed = new vscode.EventEmitter<ReviewRun>();
  private readonly forgotten = new vscode.EventEmitter<vscode.Uri>();
  private ticked: TickedProvider = () => new Set();
  private sentPullRequest: (root: vscode.Uri) => number | undefined = () => undefined;

  /** Fires after every review, with its outcome. */
  readonly onDidReview = this.reviewed.event;
  /** Fires when a repository's latest review no longer describes it (another branch is checked out). */
  readonly onDidForget = this.forgotten.event;

  constructor(private readonly repositories: Repositories) {}

  latest(root: vscode.Uri): ReviewRun | undefined {
    return this.latestByRoot.get(root.toString());
  }

  /** Where the ticks of manual checklist items come from (until set, nothing is ticked). */
  setTickedProvider(provider: TickedProvider): void {
    this.ticked = provider;
  }

  /** Where the number of the branch's sent pull request comes from (the sidebar follows it). */
  setPullRequestProvider(provider: (root: vscode.Uri) => number | undefined): void {
    this.sentPullRequest = provider;
  }

  /** The number of the pull request the branch checked out in `root` was sent as, if any. */
  pullRequestOf(root: vscode.Uri): number | undefined {
    return this.sentPullRequest(root);
  }

  /** Whether the user ran the review by hand on this branch (or commit) in this session. */
  reviewedByUserOn(root: vscode.Uri, head: string): boolean {
    return this.reviewedByUser.has(`${root.toString()}\n${head}`);
  }

  /** Reviews the repository; rejects with a ReviewFailure whose message is meant for the user. */
  review(repository: Repository, trigger: ReviewTrigger): Promise<ReviewRun> {
    const key = repository.root.toString();
    const previous = this.running.get(key);
    const next = (previous ? previous.catch(() => undefined) : Promise.resolve()).then(() => this.run(repository, trigger));
    this.running.set(key, next);
    const settle = () => {
      if (this.running.get(key) === next) this.running.delete(key);
    };
    next.then(settle, settle);
    return next;
  }

  /** Drops a repository's latest review. */
  forget(root: vscode.Uri): void {
    if (this.latestByRoot.delete(root.toString())) this.forgotten.fire(root);
  }

  /** Resolves once no review is running (for tests and commands that need the latest). */
  async whenIdle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  dispose(): void {
    this.reviewed.dispose();
    this.forgotten.dispose();
  }

  private async run(repository: Repository, trigger: ReviewTrigger): Promise<ReviewRun> {
    const started = performance.now();
    const root = repository.root;
    try {
      // A policy file edited a moment ago is reloading: review against the new rules.
      await this.repositories.whenIdle();
      const owns = (uri: vscode.Uri) => this.repositories.knownForUri(uri)?.root.toString() === root.toString();
      const { change, baseCommit } = await readEditorChange(root, owns);
      const [review, git] = await Promise.all([import('../../core/review/index.js'), import('../../core/git/index.js')]);
      const files = editorFiles(root);
      const sourceLocale = setting('review.sourceLocale', root).trim();
      const [policy, checklist] = await Promise.all([
        repository.policy ?? loadPolicy(root),
        review.loadChecklist(files, policyPath('skillFile', root)),
      ]);
      const repositoryGit = new git.Git(root.fsPath);
      // The commits the pull request will push: a secret one added and a later one removed is still in them.
      const history = git.gitCommitHistory(repositoryGit, change);
      const staging = git.stagingState(repositoryGit, { onlyWhenStaged: true, untracked: git.untrackedWhenChangeRead(change) }).catch(() => undefined);
      const outcome = await review.reviewChange({
        change,
        policy,
        checklist,
        files,
        options: {
          maxFiles: Math.max(1, setting('review.maxFiles', root)),
          maxLines: Math.max(1, setting('review.maxLines', root)),
          ...(sourceLocale ? { sourceLocale } : {}),
        },
        ticked: this.ticked(root),
        search: git.gitTextSearch(repositoryGit),
        ...(history ? { history } : {}),
      });
      const state = await staging;
      const changed = change.files.map((file) => file.path);
      const savedFixes = state ? git.savedFixes(state, changed, (path) => policy.zoneOf(path).zone === 'editable') : { toStage: [], stagedBefore: [] };
      const run: ReviewRun = {
        root, change, baseCommit, policy, checklist, outcome, trigger, savedFixes,
        savedFixesSaid: git.savedFixesWords(savedFixes, () => 'Stage my fixes, then commit.'),
        aboutCheck: review.aboutCheck,
        finishedAt: Date.now(),
        durationMs: performance.now() - started,
      };
      if (trigger === 'command' && change.head) this.reviewedByUser.add(`${root.toString()}\n${change.head}`);
      this.latestByRoot.set(root.toString(), run);
      this.reviewed.fire(run);
      return run;
    } catch (error) {
      throw toReviewFailure(error);
    }
  }
}

/**
 * The rules of a folder with neither a PM zone nor CODEOWNERS (the explorer
 * keeps none for it): the security checks still apply to its changes.
 */
async function loadPolicy(root: vscode.Uri): Promise<RepositoryPolicy> {
  const { loadRepositoryPolicy } = await import('../../core/repository/index.js');
  return loadRepositoryPolicy(editorFiles(root), await policySettings(root));
}
