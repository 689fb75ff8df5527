import * as vscode from 'vscode';
import type { ReportPage } from '../../core/audit';

// One webview panel per report (the audit trail, the readout), reused when
// the command runs again. Strict Content-Security-Policy: no network, styles
// and the one script by nonce only. Links open in the browser only when the
// report itself holds them; the page cannot ask for anything else.

const THEMED_CHART_CSS = `
  figure.chart { margin: 1.5em 0; overflow-x: auto; }
  figure.chart svg [fill="#010203"] { fill: var(--vscode-foreground); }
  figure.chart svg [stroke="#010203"] { stroke: var(--vscode-foreground); }
  figure.chart svg [stroke="#040506"] { stroke: var(--vscode-charts-lines, var(--vscode-panel-border)); }
  figure.chart svg [fill="#070809"] { fill: var(--vscode-charts-blue); }
  figure.chart svg [stroke="#070809"] { stroke: var(--vscode-charts-blue); }
  figure.chart svg [fill="#0a0b0c"] { fill: var(--vscode-descriptionForeground); }
  figure.chart svg [stroke="#0a0b0c"] { stroke: var(--vscode-descriptionForeground); }
`;

/** Chart colours the webview's style sheet swaps for the theme's (see THEMED_CHART_CSS). */
export const THEMED_CHART_COLORS = { text: '#010203', grid: '#040506', pilot: '#070809', baseline: '#0a0b0c', background: null };

export class ReportPanel implements vscode.Disposable {
  /** Every link the page asked to open, and whether it was opened (only the report's own are). */
  readonly linkRequests: Array<{ url: string; opened: boolean }> = [];
  private panel: vscode.WebviewPanel | undefined;
  private allowed = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly viewType: string) {}

  /** Shows the report the core built under `title`, in the existing panel when there is one. Returns the whole page. */
  show(title: string, report: ReportPage): string {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(this.viewType, title, vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [], enableFindWidget: true, retainContextWhenHidden: true });
      this.panel.onDidDispose(() => (this.panel = undefined), undefined, this.disposables);
      this.panel.webview.onDidReceiveMessage((message: unknown) => this.open(message), undefined, this.disposables);
    }
    this.panel.title = title;
    this.allowed = new Set(report.links);
    const page = pageOf(this.panel.webview, title, report.html);
    this.panel.webview.html = page;
    this.panel.reveal(undefined, false);
    return page;
  }

  private open(message: unknown): void {
    const url = typeof message === 'object' && message !== null ? (message as { open?: unknown }).open : undefined;
    if (typeof url !== 'string') return;
    const opened = this.allowed.has(url) && /^https?:\/\//.test(url);
    this.linkRequests.push({ url, opened });
    if (opened) void vscode.env.openExternal(vscode.Uri.parse(url, true));
  }

  dispose(): void {
    this.panel?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function pageOf(webview: vscode.Webview, title: string, body: string): string {
  const nonce = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
  const csp = `default-src 'none'; img-src ${webview.cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeText(title)}</title>
<style nonce="${nonce}">
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 24px 24px; line-height: 1.5; }
  h1 { font-size: 1.6em; font-weight: 600; }
  h2 { font-size: 1.2em; font-weight: 600; margin-top: 1.5em; }
  a { color: var(--vscode-textLink-foreground); text-decoration: none; }
  a:hover, a:focus { color: var(--vscode-textLink-activeForeground); text-decoration: underline; }
  table { border-collapse: collapse; margin: 0.5em 0; }
  th, td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid var(--vscode-panel-border); vertical-align: top; }
  th { color: var(--vscode-descriptionForeground); font-weight: 600; }
  .period, .note { color: var(--vscode-descriptionForeground); }
  .decision { border-left: 4px solid var(--vscode-charts-yellow); padding: 2px 12px; background: var(--vscode-textBlockQuote-background); }
  .decision.success { border-color: var(--vscode-charts-green); }
  .decision.roll-back { border-color: var(--vscode-charts-red); }
  .decision ul { padding-left: 1.2em; }
${THEMED_CHART_CSS}
</style>
</head>
<body>
${body}
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const anchor = event.target instanceof Element ? event.target.closest('a') : null;
    if (!anchor) return;
    event.preventDefault();
    const url = anchor.getAttribute('data-open') || anchor.getAttribute('href') || anchor.getAttribute('xlink:href');
    if (url) vscode.postMessage({ open: url });
  });
</script>
</body>
</html>`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
