import * as vscode from 'vscode';
import type { PolicySettings, RepositoryPolicy } from '../core/repository';
import { affectsPmZone, policyFileSetting, policyPath, setting } from './config';
import { editorFiles, relativePath } from './editorFiles';
import { gitUserEmail } from './gitIdentity';
import { reportDuration } from './startupTiming';
import { LatestRuns } from '../core/latestRun';
import { CODEOWNERS_LOCATIONS, DEFAULT_POLICY_FILES, INSTRUCTION_FILES } from '../core/defaults';
import { version as EXTENSION_VERSION } from '../../package.json';

/** One repository (a workspace folder, or a git repository nested in one) and its rules. */
export interface Repository {
  root: vscode.Uri;
  /** Undefined until loaded, and for a folder without a PM zone or CODEOWNERS. */
  policy: RepositoryPolicy | undefined;
}

export interface RepositoryChange {
  repository: Repository;
  previous: RepositoryPolicy | undefined;
}

/** The CODEOWNERS locations of both forges: always watched, whatever the settings say. */
const CODEOWNERS_PATHS = [...new Set([...CODEOWNERS_LOCATIONS.github, ...CODEOWNERS_LOCATIONS.gitlab])];
const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
/** The names of the policy files at their default places: the watcher looks for them anywhere. */
const POLICY_FILE_NAMES = [...new Set([...INSTRUCTION_FILES, ...DEFAULT_POLICY_FILES].map(fileName))];
/** Files whose appearance may mean a repository nobody knew yet: the instruction files a zone may be in, and CODEOWNERS. */
const REPOSITORY_MARKERS = new Set([...INSTRUCTION_FILES, ...CODEOWNERS_PATHS].map(fileName));
const RELOAD_DELAY_MS = 150;

/**
 * Finds the repositories of the workspace, reads their policy files (open
 * buffers first, so unsaved edits count) and reloads a repository's policy
 * when one of its policy files changes on disk or in an editor.
 */
export class Repositories implements vscode.Disposable {
  private readonly byRoot = new Map<string, Repository>();
  private readonly changed = new vscode.EventEmitter<RepositoryChange>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly pendingReloads = new Map<string, ReturnType<typeof setTimeout>>();
  private discovery: Promise<void> | undefined;
  /** Settles once the workspace folders' own policies are read, before nested repositories are searched for. */
  private foldersRead: Promise<unknown> = Promise.resolve();
  private readonly loading = new Set<Promise<void>>();
  /**
   * Loads of one repository overlap (a setting changed twice, a file saved during a reload), and one that asks git who
   * the user is may end after a later one that did not: only the load started last, which read the newest settings and
   * files, sets the policy.
   */
  private readonly loads = new LatestRuns();
  /** Watchers of policy files the settings put where the default watcher does not look, per repository. */
  private readonly configuredWatchers = new Map<string, vscode.Disposable>();
  /**
   * What the first policy load cost, phase by phase (`performance.now()`
   * differences in ms): the figures behind the first badge, for the benchmark.
   */
  readonly firstLoad: { startedAt?: number; statsMs?: number; settingsAndCoreMs?: number; parseMs?: number; readyAt?: number } = {};

  /** Fires after a repository's policy was (re)loaded. */
  readonly onDidChange = this.changed.event;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/{${POLICY_FILE_NAMES.join(',')}}`);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.policyFileTouched(uri, true)),
      watcher.onDidChange((uri) => this.policyFileTouched(uri)),
      watcher.onDidDelete((uri) => this.policyFileTouched(uri)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.policyFileTouched(event.document.uri);
      }),
      // Opening the CLAUDE.md of a repository nobody knew yet (a nested one, made
      // while the window was open) finds it even if the file watcher missed it.
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (doc.uri.scheme === 'file' && REPOSITORY_MARKERS.has(fileName(doc.uri.path)) && !this.isPolicyFileOfKnown(doc.uri)) this.rediscover();
      }),
      // Closing an unsaved buffer returns the policy to what is on disk.
      vscode.workspace.onDidCloseTextDocument((doc) => this.policyFileTouched(doc.uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rediscover()),
      // Once trusted, git may be asked who the user is.
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reloadAll()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsPmZone(event, 'policyFile', 'skillFile', 'planningTemplate', 'codeownersFlavor', 'identity')) this.reloadAll();
      }),
    );
  }

  /** All repositories, discovered on first use. */
  async all(): Promise<Repository[]> {
    this.discovery ??= this.discover();
    await this.discovery;
    return [...this.byRoot.values()];
  }

  /** Already-known repositories, without waiting (for synchronous callers). */
  known(): Repository[] {
    return [...this.byRoot.values()];
  }

  /**
   * The deepest repository containing the uri. Waits only for the workspace
   * folders' policies: a nested repository found later repaints its rows.
   */
  async forUri(uri: vscode.Uri): Promise<Repository | undefined> {
    this.discovery ??= this.discover();
    await this.foldersRead;
    return this.knownForUri(uri);
  }

  knownForUri(uri: vscode.Uri): Repository | undefined {
    let best: Repository | undefined;
    for (const repository of this.byRoot.values()) {
      // The repository's own folder counts: commands are handed a repository's root.
      const isRoot = uri.scheme === repository.root.scheme && uri.authority === repository.root.authority && uri.path.replace(/\/$/, '') === repository.root.path.replace(/\/$/, '');
      if (!isRoot && relativePath(repository.root, uri) === undefined) continue;
      if (!best || repository.root.path.length > best.root.path.length) best = repository;
    }
    return best;
  }

  /** The repository and the repository-relative path of a uri. */
  async locate(uri: vscode.Uri): Promise<{ repository: Repository; path: string } | undefined> {
    const repository = await this.forUri(uri);
    const path = repository && relativePath(repository.root, uri);
    return repository && path !== undefined ? { repository, path } : undefined;
  }

  /**
   * Asks git again who the user is (`user.email`), and reloads each
   * repository whose answer changed: a PM who fixes their e-mail, or a pilot
   * who switches to a personal one, is seen without a reload of the window.
   * A handle chosen in the settings wins over git, as at load. Resolves with
   * whether any repository changed.
   */
  async refreshIdentity(): Promise<boolean> {
    await this.whenIdle();
    const changed = await Promise.all(this.known().map(async (repository) => {
      const policy = repository.policy;
      if (!policy?.zone.defined || setting('identity', repository.root).trim()) return false;
      const email = await gitUserEmail(repository.root);
      if (email === policy.settings.email) return false;
      await this.load(repository.root);
      return true;
    }));
    return changed.some(Boolean);
  }

  /** Resolves once no reload is scheduled or running (tests and commands that need the current policy). */
  async whenIdle(): Promise<void> {
    await this.all();
    while (this.pendingReloads.size > 0 || this.loading.size > 0) {
      await Promise.all([...this.loading, new Promise((resolve) => setTimeout(resolve, 25))]);
    }
  }

  dispose(): void {
    for (const timer of this.pendingReloads.values()) clearTimeout(timer);
    for (const watcher of this.configuredWatchers.values()) watcher.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
  }

  /**
   * A policy file the settings put elsewhere (`pmZone.policyFile:
   * docs/pm-policy.md`) changes on disk by a pull or a branch switch as
   * CLAUDE.md does: watch exactly those paths, so they reload the same way.
   */
  private watchConfiguredFiles(root: vscode.Uri): void {
    const key = root.toString();
    this.configuredWatchers.get(key)?.dispose();
    const paths = configuredPolicyPaths(root).filter((path) => !DEFAULT_WATCHED.test(path));
    if (paths.length === 0) {
      this.configuredWatchers.delete(key);
      return;
    }
    const watchers = paths.map((path) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, path));
      return vscode.Disposable.from(
        watcher,
        watcher.onDidCreate((uri) => this.policyFileTouched(uri)),
        watcher.onDidChange((uri) => this.policyFileTouched(uri)),
        watcher.onDidDelete((uri) => this.policyFileTouched(uri)),
      );
    });
    this.configuredWatchers.set(key, vscode.Disposable.from(...watchers));
  }

  private async discover(): Promise<void> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
    // The folders' own rules first, so the first badges do not wait for the search for nested repositories.
    const first = folders.filter((folder) => !this.byRoot.has(folder.uri.toString())).map((folder) => this.load(folder.uri));
    this.foldersRead = Promise.all(first);
    const roots = new Map<string, vscode.Uri>();
    for (const folder of folders) {
      roots.set(folder.uri.toString(), folder.uri);
      for (const nested of await nestedRepositoryRoots(folder)) roots.set(nested.toString(), nested);
    }
    await Promise.all(first);
    // Repositories that are gone stop answering; known ones keep their policy until reloaded.
    for (const [key, repository] of this.byRoot) {
      if (roots.has(key)) continue;
      this.byRoot.delete(key);
      // A load still under way must not bring a repository that is gone back.
      this.loads.forget(key);
      const previous = repository.policy;
      repository.policy = undefined;
      this.changed.fire({ repository, previous });
    }
    await Promise.all([...roots.values()].filter((root) => !this.byRoot.has(root.toString())).map((root) => this.load(root)));
  }

  private rediscover(): void {
    const previous = this.discovery ?? Promise.resolve();
    this.discovery = previous.then(() => this.discover());
  }

  private reloadAll(): void {
    for (const repository of this.byRoot.values()) void this.load(repository.root);
  }

  private policyFileTouched(uri: vscode.Uri, created = false): void {
    if (uri.scheme !== 'file' && uri.scheme !== 'untitled') return;
    if (created && REPOSITORY_MARKERS.has(fileName(uri.path)) && !this.isPolicyFileOfKnown(uri)) {
      // A new repository (or a nested one) may have appeared with it.
      this.rediscover();
      return;
    }
    const repository = this.knownForUri(uri);
    if (!repository || !this.isPolicyFileOf(repository, uri)) return;
    const key = repository.root.toString();
    clearTimeout(this.pendingReloads.get(key));
    this.pendingReloads.set(key, setTimeout(() => {
      this.pendingReloads.delete(key);
      void this.load(repository.root);
    }, RELOAD_DELAY_MS));
  }

  private isPolicyFileOfKnown(uri: vscode.Uri): boolean {
    const repository = this.knownForUri(uri);
    return repository !== undefined && this.isPolicyFileOf(repository, uri);
  }

  private isPolicyFileOf(repository: Repository, uri: vscode.Uri): boolean {
    const path = relativePath(repository.root, uri);
    if (path === undefined) return false;
    // A link's target and CLAUDE.md's imports are policy files too: editing them changes the rules.
    const resolved = (repository.policy?.policyFiles ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.path));
    // Any instruction file may gain or lose the zone (zoneLocation looks in each), so each one's edit reloads.
    return [...configuredPolicyPaths(repository.root), ...INSTRUCTION_FILES, ...CODEOWNERS_PATHS, ...resolved].includes(path);
  }

  private load(root: vscode.Uri): Promise<void> {
    const loading = this.loadNow(root).finally(() => this.loading.delete(loading));
    this.loading.add(loading);
    return loading;
  }

  private async loadNow(root: vscode.Uri): Promise<void> {
    const key = root.toString();
    const isLatest = this.loads.start(key);
    let policy: RepositoryPolicy | undefined;
    try {
      const files = editorFiles(root);
      // A folder with no policy file costs a few stats: no git, and the core is not even loaded.
      this.watchConfiguredFiles(root);
      const timing = this.firstLoad.statsMs === undefined ? this.firstLoad : undefined;
      let mark = performance.now();
      if (timing) timing.startedAt = mark;
      const lap = () => {
        const now = performance.now();
        const elapsed = now - mark;
        mark = now;
        return Number(elapsed.toFixed(1));
      };
      const present = await Promise.all([...zoneFilesToLookFor(root), ...CODEOWNERS_PATHS].map((path) => files.size?.(path)));
      if (timing) timing.statsMs = lap();
      if (present.some((size) => size !== undefined)) {
        // Loaded on first use, from a bundle of its own (src/core/editorPolicy.ts): the markdown and glob parsers stay out of
        // activation. Asking git who the user is and loading them overlap: the first badge waits for the slower one only.
        const [settings, { buildStamp, cachedRepositoryPolicy, EDITOR_POLICY_CACHE_FILE, loadRepositoryPolicy }] = await Promise.all([policySettings(root), import('../core/editorPolicy.js')]);
        if (timing) timing.settingsAndCoreMs = lap();
        // The parsed policy kept in the git folder, as the command line keeps its own: a window opened again does not parse
        // CLAUDE.md and CODEOWNERS again while none changed. Only in a trusted workspace, as git is asked only there.
        const loaded = root.scheme === 'file' && vscode.workspace.isTrusted
          ? await cachedRepositoryPolicy(root.fsPath, files, settings, { program: buildStamp(`pm-zone-editor ${EXTENSION_VERSION}`, __dirname, __filename), file: EDITOR_POLICY_CACHE_FILE }, { unsaved: (path) => unsavedIn(root, path) })
          : await loadRepositoryPolicy(files, settings);
        if (timing) {
          timing.parseMs = lap();
          timing.readyAt = mark;
          reportDuration('policyFilesFoundMs', timing.statsMs ?? 0);
          reportDuration('coreAndIdentityMs', timing.settingsAndCoreMs ?? 0);
          reportDuration('policyParsedMs', timing.parseMs);
        }
        policy = loaded.zone.defined || loaded.zone.problems.length > 0 || loaded.codeowners || loaded.codeownersProblem ? loaded : undefined;
      }
    } catch (error) {
      // The parsers never throw on bad text; anything else must not take the explorer down.
      console.error(`PM Zone: could not read the policy of ${root.fsPath}:`, error);
    }
    if (!isLatest()) return;
    const previous = this.byRoot.get(key)?.policy;
    const repository = this.byRoot.get(key) ?? { root, policy: undefined };
    repository.policy = policy;
    this.byRoot.set(key, repository);
    this.changed.fire({ repository, previous });
  }
}

/** Whether the document at a repository path is open with unsaved edits (editorFiles reads those). */
function unsavedIn(root: vscode.Uri, path: string): boolean {
  const uri = vscode.Uri.joinPath(root, ...path.split('/')).toString();
  return vscode.workspace.textDocuments.some((doc) => doc.isDirty && doc.uri.toString() === uri);
}

/** The policy settings of a repository: where its policy files are, and who the user is. */
export async function policySettings(root: vscode.Uri): Promise<PolicySettings> {
  const handle = setting('identity', root).trim();
  return {
    ...(policyFileSetting(root) ? { policyFile: policyFileSetting(root) } : {}),
    skillFile: policyPath('skillFile', root),
    planningTemplate: policyPath('planningTemplate', root),
    codeownersFlavor: setting('codeownersFlavor', root),
    handle: handle || undefined,
    email: handle ? undefined : await gitUserEmail(root),
  };
}

/** The policy, skill and template files the settings name for a repository. */
function configuredPolicyPaths(root: vscode.Uri): string[] {
  return [...zoneFilesToLookFor(root), policyPath('skillFile', root), policyPath('planningTemplate', root)];
}

/** Where a repository's zone may be: the file the setting names, else every instruction file zoneLocation looks in. */
function zoneFilesToLookFor(root: vscode.Uri): readonly string[] {
  const configured = policyFileSetting(root);
  return configured ? [configured] : INSTRUCTION_FILES;
}

/** What the workspace-wide watcher already sees: `**\/{CLAUDE.md,AGENTS.md,…,CODEOWNERS,SKILL.md,PLANNING.template.md}`. */
const DEFAULT_WATCHED = new RegExp(`(^|/)(${POLICY_FILE_NAMES.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);

/**
 * Git repositories nested inside a workspace folder that carry their own
 * policy: the folder of a CLAUDE.md or CODEOWNERS that has a `.git` beside it.
 */
async function nestedRepositoryRoots(folder: vscode.WorkspaceFolder): Promise<vscode.Uri[]> {
  const candidates = await vscode.workspace.findFiles(
    new vscode.RelativePattern(folder, `*/**/{${[...REPOSITORY_MARKERS].join(',')}}`),
    '**/node_modules/**',
    500,
  );
  const roots = new Map<string, vscode.Uri>();
  for (const file of candidates) {
    let dir = vscode.Uri.joinPath(file, '..');
    if (dir.path.endsWith('/.github') || dir.path.endsWith('/docs') || dir.path.endsWith('/.gitlab')) dir = vscode.Uri.joinPath(dir, '..');
    if (dir.path === folder.uri.path) continue;
    const hasGit = await vscode.workspace.fs.stat(vscode.Uri.joinPath(dir, '.git')).then(() => true, () => false);
    if (hasGit) roots.set(dir.toString(), dir);
  }
  return [...roots.values()];
}
