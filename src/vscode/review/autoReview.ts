import * as vscode from 'vscode';
import { affectsPmZone, setting } from '../config';
import type { Repositories, Repository } from '../repositories';
import { gitApi, startupSettled, type GitApi } from '../shared/gitApi';
import type { ReviewService } from './reviewService';
import { baseBranchOf } from '../shared/baseBranch';

/** Quiet time after the last change before the review runs again. */
export const AUTO_REVIEW_DELAY_MS = 1000;

type Decision = 'review' | 'forget' | 'skip';


/**
 * Keeps the Problems panel current before every commit: reviews again,
 * debounced, when git's view of a repository changes (staging, commits,
 * checkouts, files written to disk: the git extension's status refresh, or
 * a watcher on `.git/index` and `.git/HEAD` without it) and when a file of
 * the repository is saved.
 *
 * It runs only where the review is wanted without being asked for: a
 * trusted workspace, `pmZone.review.runOnChange` on, a repository with a PM
 * zone, a user identified as one of its pilot PMs, and a branch other than
 * the base branch (a PM's branch), or a branch the user reviewed by hand in
 * this session. Checking out a branch
 * it does not review drops the diagnostics of the previous one.
 */
export class AutoReview implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly watched = new Map<string, { disposable: vscode.Disposable; byGitExtension: boolean }>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly git: Promise<GitApi | undefined>;
  private disposed = false;

  /** Until git has read its first status and decorated, a review waits: see startupSettled. */
  private readonly gitStarted: Promise<void>;

  constructor(private readonly repositories: Repositories, private readonly service: ReviewService) {
    this.git = gitApi();
    this.gitStarted = startupSettled();
    this.disposables.push(
      repositories.onDidChange(({ repository }) => {
        void this.watch(repository.root);
        this.schedule(repository.root);
      }),
      vscode.workspace.onDidSaveTextDocument((document) => {
        const repository = repositories.knownForUri(document.uri);
        if (repository) this.schedule(repository.root);
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.scheduleAll()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsPmZone(event, 'review.runOnChange', 'review.base', 'review.maxFiles', 'review.maxLines', 'review.sourceLocale', 'skillFile')) this.scheduleAll();
      }),
    );
    void this.start();
  }

  /** Reviews the repository once things have been quiet for the delay (if it is one to review). */
  schedule(root: vscode.Uri, delayMs = AUTO_REVIEW_DELAY_MS): void {
    if (this.disposed) return;
    const key = root.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.gitStarted.then(() => this.run(root));
    }, delayMs));
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const { disposable } of this.watched.values()) disposable.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private async start(): Promise<void> {
    const git = await this.git;
    if (this.disposed) return;
    // A repository the git extension opens later replaces the fallback watcher.
    if (git) this.disposables.push(git.onDidOpenRepository(() => this.repositories.known().forEach((repository) => void this.watch(repository.root))));
    for (const repository of await this.repositories.all()) {
      await this.watch(repository.root);
      this.schedule(repository.root);
    }
  }

  private scheduleAll(): void {
    for (const repository of this.repositories.known()) this.schedule(repository.root);
  }

  private async watch(root: vscode.Uri): Promise<void> {
    const git = await this.git;
    const key = root.toString();
    const current = this.watched.get(key);
    if (this.disposed || current?.byGitExtension) return;
    const gitRepository = git?.getRepository(root);
    const byGitExtension = gitRepository !== null && gitRepository !== undefined && gitRepository.rootUri.fsPath === root.fsPath;
    if (current && !byGitExtension) return;
    current?.disposable.dispose();
    const disposable = byGitExtension ? gitRepository.state.onDidChange(() => this.schedule(root)) : this.watchGitFolder(root);
    this.watched.set(key, { disposable, byGitExtension });
  }

  private watchGitFolder(root: vscode.Uri): vscode.Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, '.git/{index,HEAD}'));
    const changed = () => this.schedule(root);
    return vscode.Disposable.from(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
  }

  private async run(root: vscode.Uri): Promise<void> {
    const repository = this.repositories.known().find((known) => known.root.toString() === root.toString());
    if (!repository || this.disposed) return;
    const decision = await this.decide(repository).catch((): Decision => 'skip');
    if (decision === 'forget') this.service.forget(root);
    if (decision !== 'review') return;
    try {
      await this.service.review(repository, 'auto');
    } catch (error) {
      // The command reports failures; an automatic run stays quiet and keeps the last diagnostics.
      console.warn(`PM Zone: the automatic review of ${root.fsPath} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async decide(repository: Repository): Promise<Decision> {
    const root = repository.root;
    if (!vscode.workspace.isTrusted || !setting('review.runOnChange', root)) return 'skip';
    const core = await import('../../core/git/index.js');
    const [{ autoReviewDecision }, { zoneBinding }] = await Promise.all([import('../../core/review/index.js'), import('../../core/policy/index.js')]);
    const git = new core.Git(root.fsPath);
    const branch = await core.currentBranch(git);
    const head = branch ?? (await core.headSha(git));
    if (head === null) return 'skip';
    return autoReviewDecision({
      zoneDefined: repository.policy?.zone.defined ?? false,
      // Whom the zone binds is decided once, for the hook, the Action, the guard and the editor alike.
      pilot: repository.policy ? zoneBinding(repository.policy.identity).bound : false,
      branch,
      base: await baseBranchOf(root, git),
      reviewedByHand: this.service.reviewedByUserOn(root, head),
      reviewedOtherHead: (this.service.latest(root)?.change.head ?? head) !== head,
    });
  }
}
