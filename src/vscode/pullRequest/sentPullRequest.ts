import * as vscode from 'vscode';
import type { Repositories, Repository } from '../repositories';
import type { ReviewService } from '../review';
import { branchOf, type Sidebar, type ShownPullRequest } from '../sidebar';
import { startupSettled } from '../shared/gitApi';
import { githubSession } from '../shared/githubSession';
import { editorFiles } from '../editorFiles';
import { prepareComposition } from './composeInEditor';
import { draftUriOf } from './draftFile';
import { pushFromEditor } from './pushFromEditor';
import { ReviewCommentDiagnostics } from './reviewComments';
import { openLink, report, type PullRequestResult } from './result';
import type { PullRequestStatus } from '../../core/pr';

/** GitHub is asked again at most this often, however often the sidebar redraws. */
const STATUS_INTERVAL_MS = 30_000;

/**
 * The branch's pull request, as My change shows it: found on GitHub (the
 * branch's open pull request, wherever it was opened), else from
 * PULL_REQUEST.md's record of where it was sent; its state, what the
 * reviewers asked for, its checks, the commits not pushed to it yet, and what
 * happens next, through the GitHub sign-in the PM already has (nothing is
 * asked for). The commits not pushed are counted again after every review,
 * without asking GitHub.
 */
export class SentPullRequests implements vscode.Disposable {
  private readonly asked = new Map<string, { at: number; branch: string }>();
  /**
   * The latest refresh started per repository: only it may show what it
   * found. A refresh that asked GitHub before the pull request was sent (on
   * focus, say) and answers after the one sending started would otherwise
   * take the pull request off My change.
   */
  private readonly latest = new Map<string, number>();
  /** How many times each repository's state was drawn: a redraw of a state read before another draw is dropped. */
  private readonly drawn = new Map<string, number>();
  /**
   * The draws under way per repository (placing a reviewer's marks reads
   * their files): until one ends, My change still shows the state before it,
   * which a redraw must not take for the latest and draw back over it.
   */
  private readonly drawing = new Map<string, number>();
  private readonly comments = new ReviewCommentDiagnostics();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly repositories: Repositories, private readonly sidebar: Sidebar, private readonly userAgent: string, private readonly review?: ReviewService) {
    this.disposables = [
      this.comments,
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused) void this.refreshAll();
      }),
      sidebar.myChangeView.onDidChangeVisibility(({ visible }) => {
        if (visible) void this.refreshAll();
      }),
      sidebar.onDidRefresh(() => void this.refreshAll(true)),
      // A commit, a push or a checkout is followed by a review: the count of commits to push follows it.
      ...(review ? [review.onDidReview((run) => {
        const repository = this.repositories.knownForUri(run.root);
        if (repository) void this.refresh(repository, false);
      })] : []),
    ];
    // The pull request's state can wait for git's first decorations: see startupSettled.
    void startupSettled().then(() => this.refreshAll());
  }

  /** Just sent: shown at once, its state read from GitHub right after. */
  async sent(root: vscode.Uri, pull: { url: string; number: number; head: string; draftReason?: string }): Promise<void> {
    this.sidebar.showPullRequest(root, { number: pull.number, url: pull.url, head: pull.head, ...(pull.draftReason ? { draftReason: pull.draftReason } : {}) });
    const repository = this.repositories.knownForUri(root);
    if (repository) await this.refresh(repository, true);
  }

  /**
   * The pull request GitHub, asked afresh, says is open for the branch
   * checked out now. Undefined when it has none open, or GitHub cannot be
   * asked: then a new one may be composed (sending asks GitHub again).
   */
  async openFor(repository: Repository): Promise<ShownPullRequest | undefined> {
    const shown = await this.refresh(repository, true);
    return shown?.status?.state === 'open' || shown?.status?.state === 'draft' ? shown : undefined;
  }

  /** "Push my changes to #N": pushes the branch, then reads the pull request again. */
  async push(target?: unknown): Promise<PullRequestResult> {
    const root = target instanceof vscode.Uri ? target : undefined;
    const repository = root ? this.repositories.knownForUri(root) : (await this.repositories.all()).find((candidate) => this.sidebar.pullRequestOf(candidate.root));
    if (!repository) return report('info', 'refused', 'There is no pull request of this branch to push to: open one with "Open pull request".');
    const shown = this.sidebar.pullRequestOf(repository.root) ?? (await this.openFor(repository));
    if (!shown) return report('info', 'refused', 'This branch has no open pull request to push to: open one with "Open pull request".');
    const pushed = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `PM Zone: pushing your changes to #${shown.number}…` }, () => pushFromEditor(repository.root, shown.head));
    if (!pushed.ok) return report('error', 'failed', `${pushed.message} Nothing changed in #${shown.number}.`, [{ title: 'Show Git Output', run: () => vscode.commands.executeCommand('git.showOutput') }]);
    const checklist = await this.updateChecklist(repository, shown.number);
    await this.refresh(repository, true);
    const message = `${pushed.pushed ? `Your changes are in #${shown.number}: the reviewers see them there.` : `#${shown.number} already has all your commits.`}${checklist}`;
    return report('info', 'pushed', message, [openLink('Open on GitHub', shown.url)], { url: shown.url, number: shown.number });
  }

  /**
   * The checklist in the pull request's description, rewritten with the
   * review of what it now holds (the rest of the description, the PM's own
   * words, is kept). A sentence to add to the push's message: empty when
   * nothing changed or GitHub cannot be asked.
   */
  private async updateChecklist(repository: Repository, number: number): Promise<string> {
    if (!this.review) return '';
    try {
      const session = await githubSession(repository.root, false, { silent: true });
      const [{ Git, remoteRepository }, pr] = await Promise.all([import('../../core/git/index.js'), import('../../core/pr/index.js')]);
      const remote = session.ok ? await remoteRepository(new Git(repository.root.fsPath)) : undefined;
      if (!session.ok || !remote) return '';
      const run = await this.review.review(repository, 'command');
      const prepared = await prepareComposition(run, this.sidebar.ticked.get(run.root, branchOf(run)));
      if (!prepared.ok) return '';
      const options = { token: session.session.token, apiUrl: session.session.apiUrl, userAgent: this.userAgent };
      const outcome = await pr.updatePullRequestChecklist(remote.owner, remote.repo, number, prepared.composition.compose({}).body, options);
      return outcome === 'updated' ? ' Its checklist now shows the review of what it holds.' : '';
    } catch (error) {
      return ` The checklist in its description could not be updated (${error instanceof Error ? error.message : String(error)}): it still shows the review from before.`;
    }
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private async refreshAll(force = false): Promise<void> {
    await Promise.all((await this.repositories.all()).filter((repository) => repository.policy?.zone.defined).map((repository) => this.refresh(repository, force)));
  }

  private async refresh(repository: Repository, force: boolean): Promise<ShownPullRequest | undefined> {
    try {
      const [{ Git, currentBranch, remoteRepository }, pr] = await Promise.all([import('../../core/git/index.js'), import('../../core/pr/index.js')]);
      const git = new Git(repository.root.fsPath);
      const key = repository.root.toString();
      let ticket = this.latest.get(key) ?? 0;
      const superseded = () => (this.latest.get(key) ?? 0) !== ticket;
      const branch = await currentBranch(git);
      const before = this.sidebar.pullRequestOf(repository.root);
      const asked = this.asked.get(key);
      if (!force && branch && asked?.branch === branch && Date.now() - asked.at < STATUS_INTERVAL_MS) {
        // GitHub was asked a moment ago: only the commits not pushed are counted again.
        if (!before?.status) return before;
        // A draw under way shows a newer state than `before` once it ends: this one has nothing to add.
        if (this.drawing.get(key)) return before;
        const drawn = this.drawn.get(key);
        const unpushed = await pr.commitsNotInPullRequest(git, branch, before.status.headSha);
        if (superseded()) return this.sidebar.pullRequestOf(repository.root);
        // A refresh that asked GitHub may draw a newer state while this one counts (after a push, say): this
        // one read the state before it, and must not draw that back over it.
        return this.draw(repository, await this.describe(repository, { ...before, unpushed }, before.status), { drawn });
      }
      const recorded = branch ? await this.recordedFor(repository, branch) : undefined;
      const session = branch ? await githubSession(repository.root, false, { silent: true }) : undefined;
      const remote = session?.ok ? await remoteRepository(git) : undefined;
      if (!branch || !session?.ok || !remote) {
        // GitHub cannot be asked: what PULL_REQUEST.md recorded, as it was last known.
        const shown = recorded && { ...(before?.number === recorded.number ? before : {}), ...recorded };
        if (!superseded()) this.sidebar.showPullRequest(repository.root, shown);
        return shown;
      }
      // One started since that asks GitHub too does not make this one answer with what My change shows now
      // (which may be another branch's, or from before a reset): this one asks, and is then the latest.
      this.asked.set(key, { at: Date.now(), branch });
      // Asking GitHub: this refresh is now the latest, and one started before it shows nothing when it answers.
      ticket = (this.latest.get(key) ?? 0) + 1;
      this.latest.set(key, ticket);
      if (recorded && before?.number !== recorded.number) this.sidebar.showPullRequest(repository.root, recorded);
      const options = { token: session.session.token, apiUrl: session.session.apiUrl, userAgent: this.userAgent };
      const status = (await pr.branchPullRequest(remote.owner, remote.repo, branch, options))
        ?? (recorded ? await pr.pullRequestStatus(remote.owner, remote.repo, recorded.number, options).catch(() => undefined) : undefined);
      // A superseded refresh still answers its caller ("Open pull request" asks whether one is open) with what
      // GitHub said; only the drawing is left to the latest one.
      if (!status) {
        if (!superseded()) {
          await this.comments.show(repository.root, undefined);
          this.sidebar.showPullRequest(repository.root, undefined);
        }
        return undefined;
      }
      const draftReason = recorded?.number === status.number ? recorded.draftReason : undefined;
      const shown: ShownPullRequest = { number: status.number, url: status.url, head: branch, ...(draftReason ? { draftReason } : {}), unpushed: await pr.commitsNotInPullRequest(git, branch, status.headSha) };
      const described = await this.describe(repository, shown, status, recorded?.labels);
      return superseded() ? described : this.draw(repository, described, undefined, () => !superseded());
    } catch (error) {
      // The pull request is still linked; only its state is unknown for now (and "Open pull request" goes on, where sending says what GitHub refused).
      console.warn(`PM Zone: could not read the pull request's state: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** The pull request with its state and what happens next, as My change would show it. */
  private async describe(repository: Repository, shown: ShownPullRequest, status: PullRequestStatus, labels: readonly string[] = []): Promise<ShownPullRequest & { status: PullRequestStatus }> {
    const pr = await import('../../core/pr/index.js');
    const draftReason = shown.draftReason ?? (status.state === 'draft' ? await this.draftReason(repository, labels) : undefined);
    const next = pr.pullRequestNextStep(status, draftReason, shown.unpushed === undefined ? {} : { unpushed: shown.unpushed });
    return { ...shown, status, next };
  }

  /**
   * Draws `described`; with `readAt`, only if nothing was drawn since that
   * count of draws (it was read from the latest); with `latest`, only if it
   * still says so once the marks are placed (a refresh that asked GitHub
   * after this one may have drawn meanwhile).
   */
  private async draw(repository: Repository, described: ShownPullRequest & { status: PullRequestStatus }, readAt?: { drawn: number | undefined }, latest: () => boolean = () => true): Promise<ShownPullRequest> {
    const key = repository.root.toString();
    if (readAt && (readAt.drawn !== this.drawn.get(key) || this.drawing.get(key))) return this.sidebar.pullRequestOf(repository.root) ?? described;
    this.drawn.set(key, (this.drawn.get(key) ?? 0) + 1);
    this.drawing.set(key, (this.drawing.get(key) ?? 0) + 1);
    try {
      // The reviewers' marks on their lines first: once My change shows the state, the editor agrees with it.
      await this.comments.show(repository.root, described.status);
      if (!latest()) return this.sidebar.pullRequestOf(repository.root) ?? described;
      this.sidebar.showPullRequest(repository.root, described);
    } finally {
      this.drawing.set(key, (this.drawing.get(key) ?? 1) - 1);
    }
    return described;
  }

  /** The pull request PULL_REQUEST.md says was opened from `branch`. */
  private async recordedFor(repository: Repository, branch: string): Promise<(ShownPullRequest & { labels: string[] }) | undefined> {
    const pr = await import('../../core/pr/index.js');
    const text = await vscode.workspace.fs.readFile(await draftUriOf(repository.root)).then((bytes) => new TextDecoder().decode(bytes), () => undefined);
    const reading = text === undefined ? undefined : pr.parseDraft(text);
    if (!reading?.ok || !reading.draft.sent || reading.draft.head !== branch) return undefined;
    const number = pr.pullRequestNumberOf(reading.draft.sent);
    const draftReason = pr.draftReasonInBody(reading.draft.body);
    return number === undefined ? undefined : { number, url: reading.draft.sent, head: reading.draft.head, labels: reading.draft.labels, ...(draftReason ? { draftReason } : {}) };
  }

  /** Why a draft is one, as the composer said it: from the rules and the planning doc. */
  private async draftReason(repository: Repository, labels: readonly string[]): Promise<string | undefined> {
    const policy = repository.policy;
    if (!policy) return undefined;
    const pr = await import('../../core/pr/index.js');
    const { readPlanningSummary } = await import('../../core/planning/index.js');
    const planningDoc = (policy.author?.featureFolders ?? []).map((glob) => `${glob.replace(/\/\*\*$/, '')}/PLANNING.md`);
    let summary;
    for (const path of planningDoc) {
      const text = await editorFiles(repository.root).readText(path);
      if (text !== undefined) {
        summary = readPlanningSummary(text);
        break;
      }
    }
    const pairing = labels.includes(pr.DEFAULT_LABELS.needsPairing);
    return pr.draftReasonOf(true, pairing, pr.signOffsOf(policy, summary));
  }
}
