import * as vscode from 'vscode';
import type { PullRequestStatus, ReviewComment } from '../../core/pr';

// A reviewer's comment on a line of the pull request, shown in the editor on
// that line (and in the Problems panel), while their request for changes
// stands: the PM reads what to change where they change it. The comment's
// code opens it on GitHub, where the PM answers. The line is the pull
// request's: an edit above it since the push moves the text, not the mark.

export class ReviewCommentDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('pmZone.reviewComments');
  /** The files each repository's comments are on, to clear them when the request no longer stands. */
  private readonly shown = new Map<string, vscode.Uri[]>();

  /** The comments of the requests for changes that stand on `status` (none for a merged, closed or approved pull request). */
  async show(root: vscode.Uri, status: PullRequestStatus | undefined): Promise<void> {
    const standing = status && (status.state === 'open' || status.state === 'draft') && status.review?.decision === 'changes-requested' ? status.review.comments : [];
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const comment of standing) {
      if (comment.line === undefined) continue;
      const uri = vscode.Uri.joinPath(root, ...comment.path.split('/'));
      const diagnostic = await diagnosticOf(uri, comment, status!.number, status!.review?.answered === true);
      if (diagnostic) byFile.set(uri.toString(), [...(byFile.get(uri.toString()) ?? []), diagnostic]);
    }
    for (const uri of this.shown.get(root.toString()) ?? []) if (!byFile.has(uri.toString())) this.collection.delete(uri);
    for (const [uri, diagnostics] of byFile) this.collection.set(vscode.Uri.parse(uri), diagnostics);
    this.shown.set(root.toString(), [...byFile.keys()].map((uri) => vscode.Uri.parse(uri)));
  }

  dispose(): void {
    this.collection.dispose();
  }
}

async function diagnosticOf(uri: vscode.Uri, comment: ReviewComment, number: number, answered: boolean): Promise<vscode.Diagnostic | undefined> {
  const text = await vscode.workspace.fs.readFile(uri).then((bytes) => new TextDecoder().decode(bytes), () => undefined);
  // A file the PM has since deleted or renamed: the comment is on GitHub only.
  if (text === undefined) return undefined;
  const lines = text.split('\n');
  const line = Math.min(comment.line! - 1, lines.length - 1);
  const length = (lines[line] ?? '').replace(/\r$/, '').length;
  const body = comment.body.replace(/\s+/g, ' ').trim();
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(line, 0, line, length),
    `${comment.author} asked for a change here: ${body} ${answered ? `You pushed changes to #${number} since: reply on GitHub to say what you changed.` : `Change it, commit, then Push my changes to #${number}.`}`,
    vscode.DiagnosticSeverity.Warning,
  );
  diagnostic.source = 'PM Zone: review';
  if (/^https?:\/\//.test(comment.url)) diagnostic.code = { value: 'reply on GitHub', target: vscode.Uri.parse(comment.url) };
  return diagnostic;
}
