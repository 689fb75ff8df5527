import { promises as fs } from 'node:fs';
import { sep } from 'node:path';
import * as vscode from 'vscode';
import type { Zone } from '../core/types';
import { noteOfReason, zoneHover, ZONE_TITLES } from '../core/repository/describe';
import type { RepositoryPolicy } from '../core/repository';
import type { ZoneAnswer } from '../core/policy/zoneModel';
import { trackedPathOf, zoneThroughLinks, type TrackedPath } from '../core/repository/linkedPath';
import { setting, affectsPmZone } from './config';
import { reportTiming } from './startupTiming';
import { relativePath } from './editorFiles';
import type { Repositories, Repository, RepositoryChange } from './repositories';

const BADGES: Record<Zone, string | undefined> = { editable: 'PM', locked: '🔒', outside: undefined };
const COLORS: Record<Zone, vscode.ThemeColor> = {
  editable: new vscode.ThemeColor('pmZone.editableForeground'),
  locked: new vscode.ThemeColor('pmZone.lockedForeground'),
  outside: new vscode.ThemeColor('pmZone.outsideForeground'),
};

/** What a row shows; compared to decide which rows to repaint after a policy edit. */
interface Shown {
  zone: Zone;
  tooltip: string;
}

/**
 * Explorer badges: `PM` on files a PM may edit, a lock on engineering-only
 * files and folders, a muted colour on the rest. After a policy edit only the
 * rows whose decoration changed are repainted.
 */
export class ZoneDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.changed.event;
  /** Rows VS Code asked about, and what they were shown, so a policy change repaints only what differs. */
  private readonly shown = new Map<string, { uri: vscode.Uri; shown: Shown | undefined; isFolder: boolean; tracked: TrackedPath }>();
  /**
   * Rows VS Code asked about while no zone answered for them (their repository
   * not read yet, or without a zone). VS Code keeps an empty answer until told
   * otherwise, so these are repainted once a policy with a zone covers them.
   */
  private readonly unanswered = new Map<string, vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /**
   * `performance.now()` of the first badge request and of its answer (the activation figure in CONTRIBUTING.md),
   * and whether dist/core.js was loaded by then: the first badges come from dist/editor-policy.js alone.
   */
  readonly firstBadge: { requestedAt?: number; answeredAt?: number; coreLoaded?: boolean } = {};

  constructor(private readonly repositories: Repositories) {
    this.disposables.push(
      repositories.onDidChange((change) => this.policyChanged(change)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsPmZone(event, 'badges.enabled')) this.changed.fire(undefined);
      }),
    );
  }

  async provideFileDecoration(uri: vscode.Uri): Promise<vscode.FileDecoration | undefined> {
    this.firstBadge.requestedAt ??= performance.now();
    if (uri.scheme !== 'file' || !setting('badges.enabled')) return undefined;
    await this.repositories.forUri(uri);
    const repository = this.repositories.knownForUri(uri);
    const path = this.zonedPath(uri, repository);
    if (!repository || path === undefined) return undefined;
    const isFolder = await isDirectory(uri);
    // A file or folder reached through a symbolic link is badged as what git tracks there.
    const tracked = await trackedPathOf(repository.root.fsPath, path).catch(() => SAME);
    // Asked again after the awaits, in the same step that answers: a policy read meanwhile
    // (a nested repository found, the zone removed) is either seen here or repaints this row.
    if (this.repositories.knownForUri(uri) !== repository) return this.provideFileDecoration(uri);
    if (this.zonedPath(uri, repository) === undefined || !repository.policy) return undefined;
    const shown = describe(repository.policy, path, isFolder, tracked);
    this.shown.set(uri.toString(), { uri, shown, isFolder, tracked });
    if (shown && this.firstBadge.answeredAt === undefined) {
      this.firstBadge.answeredAt = performance.now();
      this.firstBadge.coreLoaded = coreBundleLoaded();
      reportTiming('firstBadgeMs', this.firstBadge.answeredAt);
    }
    return shown && toDecoration(shown);
  }

  adopt(disposable: vscode.Disposable): void {
    this.disposables.push(disposable);
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  /**
   * The row's path in its repository when a zone answers for it. When none does
   * (the repository not read yet, or without a zone), the row is remembered as
   * unanswered: VS Code keeps an empty answer until told otherwise.
   */
  private zonedPath(uri: vscode.Uri, repository: Repository | undefined): string | undefined {
    const path = repository && relativePath(repository.root, uri);
    // Git's own folder (where PM Zone keeps the pull request draft) is not part of the repository's files,
    // and the repository's own folder has no badge.
    if (path === '' || path === '.git' || path?.startsWith('.git/')) return undefined;
    if (repository?.policy?.zone.defined && path !== undefined) {
      this.unanswered.delete(uri.toString());
      return path;
    }
    this.unanswered.set(uri.toString(), uri);
    return undefined;
  }

  private policyChanged({ repository }: RepositoryChange): void {
    const repaint: vscode.Uri[] = [];
    for (const [key, row] of this.shown) {
      const path = relativePath(repository.root, row.uri);
      if (path === undefined || this.repositories.knownForUri(row.uri) !== repository) continue;
      const now = repository.policy?.zone.defined ? describe(repository.policy, path, row.isFolder, row.tracked) : undefined;
      if (now?.zone !== row.shown?.zone || now?.tooltip !== row.shown?.tooltip) {
        repaint.push(row.uri);
        this.shown.set(key, { ...row, shown: now });
      }
    }
    if (repository.policy?.zone.defined) {
      for (const [key, uri] of this.unanswered) {
        if (this.repositories.knownForUri(uri) !== repository) continue;
        this.unanswered.delete(key);
        repaint.push(uri);
      }
    }
    if (repaint.length > 0) this.changed.fire(repaint);
  }
}

const SAME: TrackedPath = { kind: 'same' };

/** Whether this extension's dist/core.js is loaded (a bundle beside this one; in a test's own build, never). */
function coreBundleLoaded(): boolean {
  const core = `${__dirname}${sep}core.js`;
  return Object.keys(require.cache).includes(core);
}

function describe(policy: RepositoryPolicy, path: string, isFolder: boolean, tracked: TrackedPath): Shown | undefined {
  if (isFolder) {
    // A link to a locked folder (`packages/auth -> ../src/auth`) is locked as that folder.
    const real = tracked.kind === 'linked' ? tracked.path.replace(/\/+$/, '') : path;
    const through = real === path ? '' : ` (a link to ${real}/)`;
    // The hover names the rule and the owners, as a file's does.
    return policy.zoneOfFolder(real) === 'locked'
      ? { zone: 'locked', tooltip: `${ZONE_TITLES.locked}: everything in this folder${through}. ${folderReason(policy, policy.zoneOf(`${real}/`))}` }
      : undefined;
  }
  const answer = zoneThroughLinks(policy, path, tracked);
  return { zone: answer.zone, tooltip: zoneHover(answer, noteOfReason(policy.zone)) };
}

/** "Rule: anything in a folder named auth (rule `**\/auth/**`, CLAUDE.md:31). Owners: …", from the hover of the folder's own answer. */
function folderReason(policy: RepositoryPolicy, answer: ZoneAnswer): string {
  const hover = zoneHover(answer, noteOfReason(policy.zone));
  const colon = hover.indexOf(': ');
  return colon >= 0 ? `Rule: ${hover.slice(colon + 2)}` : '';
}

function toDecoration(shown: Shown): vscode.FileDecoration {
  const decoration = new vscode.FileDecoration(BADGES[shown.zone], shown.tooltip, COLORS[shown.zone]);
  decoration.propagate = false;
  return decoration;
}

/**
 * Asked with Node, not `vscode.workspace.fs`: while the workbench starts,
 * every call of the latter is a round trip it answers late, and the explorer
 * asks for each visible row at once. Only `file:` rows get here.
 */
async function isDirectory(uri: vscode.Uri): Promise<boolean> {
  return fs.stat(uri.fsPath).then((stats) => stats.isDirectory(), () => false);
}

/** The explorer badges, asked for from now on; disposing of them unregisters them. */
export function registerDecorations(repositories: Repositories): ZoneDecorations {
  const decorations = new ZoneDecorations(repositories);
  decorations.adopt(vscode.window.registerFileDecorationProvider(decorations));
  return decorations;
}
