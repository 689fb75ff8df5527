import * as vscode from 'vscode';
import type { Finding } from '../../core/types';
import type { ChecklistItem } from '../../core/review/checklist';
import { editorFiles } from '../editorFiles';
import { PM_ZONE_SOURCE, toSeverity } from '../shared/problemDiagnostics';
import { itemLocation, itemOfFinding, locationLink, type ItemLocation } from './checklistLinks';
import type { ReviewRun, ReviewService } from './reviewService';
import { LatestRuns } from '../../core/latestRun';

/** A finding shown in the Problems panel, with what its code actions need. */
export interface PlacedFinding {
  finding: Finding;
  uri: vscode.Uri;
  diagnostic: vscode.Diagnostic;
  item: ChecklistItem | undefined;
  location: ItemLocation;
  /** About the change as a whole, shown on its planning doc or, without one, on its folder. */
  changeWide: boolean;
}

/** Where a review's findings went. */
export interface Placement {
  placed: PlacedFinding[];
  /** Findings no open file can hold: those about files the change deletes (or renames away). */
  unplaced: Finding[];
  /**
   * What carries the change-wide findings (no PLANNING.md, too large, the
   * code owners to request): the change's planning doc, else the folder the
   * change is in (a line-less diagnostic), never a line of an unrelated file.
   */
  changeWideTarget: { uri: vscode.Uri; path: string; folder: boolean } | undefined;
}

/**
 * The review's findings as diagnostics, in one collection: each on its line
 * of the new text (a removed line on the nearest surviving line, a finding
 * about a whole file on line 1). A blocker is an error whatever its check's
 * own severity, and its message starts with "Blocker: ".
 *
 * Change-wide findings (no PLANNING.md, the change is too large, AI use not
 * disclosed, the code owners to request) belong to no file; they go on line
 * 1 of the change's PLANNING.md, else on the folder the change is in (the
 * PM's feature folder), marked "Whole change:", and the summary notification
 * names them too. Files the change deletes cannot hold a diagnostic: their
 * findings are listed in the notification.
 */
export class ReviewDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('pmZone.review');
  private readonly byUri = new Map<string, PlacedFinding[]>();
  private readonly urisByRoot = new Map<string, vscode.Uri[]>();
  private readonly placements = new WeakMap<ReviewRun, Promise<Placement>>();
  private readonly placing = new LatestRuns();
  private readonly disposables: vscode.Disposable[];

  constructor(service: ReviewService) {
    this.disposables = [
      this.collection,
      service.onDidReview((run) => void this.placed(run)),
      service.onDidForget((root) => this.clear(root)),
    ];
  }

  /** Publishes a review's findings (once per review) and says where they went. */
  placed(run: ReviewRun): Promise<Placement> {
    let placement = this.placements.get(run);
    if (!placement) {
      placement = this.publish(run);
      this.placements.set(run, placement);
    }
    return placement;
  }

  /** The placed finding behind a diagnostic (code action providers receive copies of diagnostics). */
  findingFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): PlacedFinding | undefined {
    return this.byUri.get(uri.toString())?.find((entry) =>
      entry.diagnostic.range.isEqual(diagnostic.range)
      && entry.diagnostic.message === diagnostic.message
      && codeValue(entry.diagnostic) === codeValue(diagnostic));
  }

  /** Drops a repository's review diagnostics, and any placement still under way for it. */
  clear(root: vscode.Uri): void {
    const key = root.toString();
    this.placing.supersede(key);
    this.unpublish(key);
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private async publish(run: ReviewRun): Promise<Placement> {
    const key = run.root.toString();
    const isLatest = this.placing.start(key);
    const placement = await place(run);
    // A newer review (or a clear) came while this one was being placed: it wins.
    if (!isLatest()) return placement;
    this.unpublish(key);
    const grouped = new Map<string, PlacedFinding[]>();
    for (const entry of placement.placed) grouped.set(entry.uri.toString(), [...(grouped.get(entry.uri.toString()) ?? []), entry]);
    for (const [uriKey, entries] of grouped) {
      this.collection.set(entries[0].uri, entries.map((entry) => entry.diagnostic));
      this.byUri.set(uriKey, entries);
    }
    this.urisByRoot.set(key, [...grouped.values()].map((entries) => entries[0].uri));
    return placement;
  }

  private unpublish(key: string): void {
    for (const uri of this.urisByRoot.get(key) ?? []) {
      this.collection.delete(uri);
      this.byUri.delete(uri.toString());
    }
    this.urisByRoot.delete(key);
  }
}

async function place(run: ReviewRun): Promise<Placement> {
  const { root, change, outcome } = run;
  const present = change.files.filter((file) => file.status !== 'deleted');
  const textOf = new Map(present.map((file) => [file.path, file.newText ?? '']));
  const deleted = new Set(change.files.filter((file) => file.status === 'deleted').map((file) => file.path));
  const changeWideTarget = present.length === 0 ? undefined : changeWideTargetOf(run, present.map((file) => file.path));
  const files = editorFiles(root);
  // A fix saved back to the committed text leaves only the staged copy in the change: its lines are not the saved file's.
  const stagedOnly = new Set<string>();
  for (const path of run.savedFixes.stagedBefore) {
    const reviewed = textOf.get(path);
    if (reviewed !== undefined && (await files.readText(path)) !== reviewed) stagedOnly.add(path);
  }

  const placed: PlacedFinding[] = [];
  const unplaced: Finding[] = [];
  for (const finding of outcome.result.findings) {
    // A planning doc's gaps are its own diagnostics' (planning/planningDiagnostics.ts), with this severity: shown once.
    if (finding.check === 'planning.incomplete') continue;
    const changeWide = finding.file === null;
    const item = itemOfFinding(finding, outcome.checklist);
    const location = await itemLocation(root, run.checklist, item, finding.check);
    const severity = finding.blocking ? vscode.DiagnosticSeverity.Error : toSeverity(finding.severity);
    let uri: vscode.Uri;
    let range: vscode.Range;
    if (changeWide) {
      if (!changeWideTarget) {
        unplaced.push(finding);
        continue;
      }
      uri = changeWideTarget.uri;
      range = changeWideTarget.folder ? new vscode.Range(0, 0, 0, 0) : findingRange({ line: null }, textOf.get(changeWideTarget.path) ?? '');
    } else {
      const file = finding.file as string;
      // A path the change deletes, or one a check names that is not on disk (the old path of a rename).
      let text = deleted.has(file) ? undefined : textOf.get(file);
      if (text === undefined && !deleted.has(file)) text = await files.readText(file);
      if (text === undefined) {
        unplaced.push(finding);
        continue;
      }
      uri = vscode.Uri.joinPath(root, ...file.split('/'));
      range = stagedOnly.has(file) ? new vscode.Range(0, 0, 0, 0) : findingRange(finding, text);
    }
    const message = diagnosticMessage(finding, changeWide);
    const diagnostic = new vscode.Diagnostic(range, finding.file && stagedOnly.has(finding.file) ? inStagedCopy(message, finding.line) : message, severity);
    diagnostic.source = PM_ZONE_SOURCE;
    diagnostic.code = { value: finding.check, target: locationLink(location) };
    placed.push({ finding, uri, diagnostic, item, location, changeWide });
  }
  return { placed, unplaced, changeWideTarget };
}

/**
 * The change's planning doc, else the PM's feature folder that holds most of
 * the changed files (where the planning doc belongs), else the folder they
 * all share (the repository's own folder at worst): a place about the
 * change, not one of its files.
 */
function changeWideTargetOf(run: ReviewRun, paths: readonly string[]): Placement['changeWideTarget'] {
  const planning = paths.find((path) => path === 'PLANNING.md' || path.endsWith('/PLANNING.md'));
  if (planning) return { uri: vscode.Uri.joinPath(run.root, ...planning.split('/')), path: planning, folder: false };
  const holds = (folder: string) => paths.filter((path) => path.startsWith(`${folder}/`)).length;
  const featureFolder = (run.policy.author?.featureFolders ?? [])
    .map((glob) => glob.replace(/\/\*\*(\/\*)?$/, '').replace(/\/$/, ''))
    .filter((folder) => folder !== '' && !/[*?[{]/.test(folder) && holds(folder) > 0)
    .sort((a, b) => holds(b) - holds(a))[0];
  const folder = featureFolder ?? sharedFolder(paths);
  return { uri: folder === '' ? run.root : vscode.Uri.joinPath(run.root, ...folder.split('/')), path: folder, folder: true };
}

/** The deepest folder holding every path ('' for the repository's own). */
function sharedFolder(paths: readonly string[]): string {
  const folders = paths.map((path) => path.split('/').slice(0, -1));
  const shared: string[] = [];
  for (let depth = 0; folders.every((parts) => depth < parts.length && parts[depth] === folders[0][depth]); depth++) shared.push(folders[0][depth]);
  return shared.join('/');
}

/** A finding of a staged copy the PM has since fixed in the saved file: not drawn on a line that is now fine. */
function inStagedCopy(message: string, line: number | null): string {
  const [label, rest] = message.startsWith('Blocker: ') ? ['Blocker: ', message.slice('Blocker: '.length)] : ['', message];
  return `${label}in the staged copy${line === null ? '' : ` (line ${line})`}, not your saved file — Stage my fixes, then commit: ${rest}`;
}

export function diagnosticMessage(finding: Finding, changeWide: boolean): string {
  return `${finding.blocking ? 'Blocker: ' : ''}${changeWide ? 'Whole change: ' : ''}${finding.message}`;
}

/**
 * The range of a finding in the text it was found in: from its column (else
 * the line's start) to the end of its line. Lines past the end fall on the
 * last line; a finding without a line covers line 1.
 */
export function findingRange(finding: Pick<Finding, 'line' | 'column'>, text: string): vscode.Range {
  const lines = text.split(/\r?\n|\r/);
  const index = Math.min(Math.max((finding.line ?? 1) - 1, 0), lines.length - 1);
  const lineText = lines[index] ?? '';
  const start = finding.line !== null && finding.column ? Math.min(Math.max(finding.column - 1, 0), lineText.length) : 0;
  return new vscode.Range(index, start, index, Math.max(lineText.length, start));
}

function codeValue(diagnostic: vscode.Diagnostic): string | number | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? code.value : code;
}
