import * as vscode from 'vscode';
import type { Repositories, Repository } from '../repositories';
import type { Sidebar, ShownPullRequest } from '../sidebar';
import { githubSession } from '../shared/githubSession';
import { editorFiles } from '../editorFiles';
import { draftUriOf } from './draftFile';

/** GitHub is asked again at most this often, however often the sidebar redraws. */
const STATUS_INTERVAL_MS = 30_000;

/**
 * The pull request sent from this branch, as My change shows it after
 * sending: its number and link at once, then its state, its checks and what
 * happens next as GitHub answers (through the GitHub sign-in the PM already
 * has: nothing is asked for). Found again after a reload from
 * PULL_REQUEST.md, which records where it was sent.
 */
export class SentPullRequests implements vscode.Disposable {
  private readonly asked = new Map<string, number>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly repositories: Repositories, private readonly sidebar: Sidebar, private readonly userAgent: string) {
    this.disposables = [
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused) void this.refreshAll();
      }),
      sidebar.myChangeView.onDidChangeVisibility(({ visible }) => {
        if (visible) void this.refreshAll();
      }),
      sidebar.onDidRefresh(() => void this.refreshAll(true)),
    ];
    void this.refreshAll();
  }

  /** Just sent: shown at once, its state read from GitHub right after. */
  async sent(root: vscode.Uri, pull: { url: string; number: number; head: string; draftReason?: string }): Promise<void> {
    this.sidebar.showPullRequest(root, { number: pull.number, url: pull.url, head: pull.head, ...(pull.draftReason ? { draftReason: pull.draftReason } : {}) });
    const repository = this.repositories.knownForUri(root);
    if (repository) await this.refresh(repository, true);
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private async refreshAll(force = false): Promise<void> {
    await Promise.all((await this.repositories.all()).filter((repository) => repository.policy?.zone.defined).map((repository) => this.refresh(repository, force)));
  }

  private async refresh(repository: Repository, force: boolean): Promise<void> {
    try {
      const known = await this.sentFromThisBranch(repository);
      if (!known) {
        this.sidebar.showPullRequest(repository.root, undefined);
        return;
      }
      const key = repository.root.toString();
      if (!force && Date.now() - (this.asked.get(key) ?? 0) < STATUS_INTERVAL_MS && this.sidebar.pullRequestOf(repository.root)?.number === known.number) return;
      this.asked.set(key, Date.now());
      this.sidebar.showPullRequest(repository.root, { ...this.sidebar.pullRequestOf(repository.root), ...known });
      const session = await githubSession(repository.root, false, { silent: true });
      if (!session.ok) return;
      const [{ Git, remoteRepository }, pr] = await Promise.all([import('../../core/git/index.js'), import('../../core/pr/index.js')]);
      const remote = await remoteRepository(new Git(repository.root.fsPath));
      if (!remote) return;
      const status = await pr.pullRequestStatus(remote.owner, remote.repo, known.number, { token: session.session.token, apiUrl: session.session.apiUrl, userAgent: this.userAgent });
      const draftReason = known.draftReason ?? (status.state === 'draft' ? await this.draftReason(repository, known.labels) : undefined);
      this.sidebar.showPullRequest(repository.root, { ...known, status, next: pr.pullRequestNextStep(status, draftReason) });
    } catch (error) {
      // The pull request is still linked; only its state is unknown for now.
      console.warn(`PM Zone: could not read the pull request's state: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** The pull request PULL_REQUEST.md says was opened from the branch checked out now. */
  private async sentFromThisBranch(repository: Repository): Promise<(ShownPullRequest & { labels: string[] }) | undefined> {
    const [{ Git, currentBranch }, pr] = await Promise.all([import('../../core/git/index.js'), import('../../core/pr/index.js')]);
    const branch = await currentBranch(new Git(repository.root.fsPath));
    const text = await vscode.workspace.fs.readFile(await draftUriOf(repository.root)).then((bytes) => new TextDecoder().decode(bytes), () => undefined);
    const reading = text === undefined ? undefined : pr.parseDraft(text);
    if (!reading?.ok || !reading.draft.sent || reading.draft.head !== branch) return undefined;
    const number = pr.pullRequestNumberOf(reading.draft.sent);
    return number === undefined ? undefined : { number, url: reading.draft.sent, head: reading.draft.head, labels: reading.draft.labels };
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
