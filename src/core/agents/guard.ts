import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Git } from '../git/runGit';
import { userEmail } from '../git/repository';
import type { ZoneAnswer } from '../policy/zoneModel';
import { buildRepositoryPolicy, type RepositoryPolicy } from '../repository/assemble';
import { zoneThroughLinks } from '../repository/linkedPath';
import type { PolicySources } from '../repository/repositoryPolicy';
import { DEFAULT_SETTINGS, type PolicySettings } from '../repository/settings';
import { renderAnswer } from './answers';
import { backstopReason, changedPaths, contentStamps, loadSessionStart, lockedChangesOfSession, saveSessionStart } from './backstop';
import { decideWrites, internalErrorReason, unreadableEditReason, type JudgedWrite } from './decision';
import type { AgentName, GuardAnswer, HookEvent, HookOutput, ToolWrites } from './model';
import { PayloadError, readHookEvent } from './payload';
import { cachedPolicySources, type CacheStamp } from './policyCache';
import { findRepository, repositoryWrite, type RepositoryLocation } from './repositoryLocation';
import { sessionSummary } from './sessionSummary';
import { shellWrites, type ShellTarget, type WriteEffect } from './shellWrites';
import { patchPaths } from './toolWrites';

/** What the guard needs from the program it runs in. */
export interface GuardEnvironment {
  /** The process's folder: where the agent works when its payload does not say. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Keys the policy cache, with PM Zone's version in it. */
  stamp: CacheStamp;
  /** CLAUDE.md and CODEOWNERS parsed: the one heavy step, which the cache usually saves. */
  parseSources(root: string, settings: PolicySettings): Promise<PolicySources>;
  /** Where the repository keeps its policy when not at the defaults (the hook's --policy-file and --codeowners-flavor). */
  settings?: Partial<Pick<PolicySettings, 'policyFile' | 'codeownersFlavor'>>;
}

/** A folder given as a copy's or move's destination may hold this many tracked files before PM Zone stops listing them. */
const MAX_FILES_UNDER_FOLDER = 5000;
const MAX_PATCH_BYTES = 5 * 1024 * 1024;

/**
 * `pm-zone guard --agent X`: one hook event in, the agent's answer out. The
 * answer is silent (exit 0, nothing printed) wherever PM Zone has no
 * opinion: a tool that writes nothing, a path outside the repository, a
 * repository without a PM zone, a user who is not an identified pilot PM.
 */
export async function runGuard(agent: AgentName, input: string, environment: GuardEnvironment): Promise<HookOutput> {
  let event: HookEvent;
  try {
    event = readHookEvent(agent, input, environment);
  } catch (error) {
    if (!(error instanceof PayloadError)) throw error;
    // Exit 2 blocks on every agent: a tool call PM Zone cannot read is not let through unjudged.
    return { stdout: '', stderr: `PM Zone: ${error.message}\n`, exitCode: 2 };
  }
  return renderAnswer(event.common.dialect, await answerEvent(event, environment));
}

async function answerEvent(event: HookEvent, environment: GuardEnvironment): Promise<GuardAnswer> {
  if (event.event === 'pre-tool') {
    if (event.writes.kind === 'none') return { kind: 'silent' };
    try {
      return await answerWrite(event.writes, event.common.cwd, environment);
    } catch (error) {
      return { kind: 'deny', reason: internalErrorReason(error) };
    }
  }
  if (event.event === 'other') return { kind: 'silent' };
  try {
    return await answerLifecycle(event, environment);
  } catch {
    // Context and the backstop are help, not the lock: a failure there must not stop the agent.
    return { kind: 'silent' };
  }
}

async function answerWrite(writes: Exclude<ToolWrites, { kind: 'none' }>, cwd: string, environment: GuardEnvironment): Promise<GuardAnswer> {
  const location = await findRepository(cwd);
  if (!location) return { kind: 'silent' };
  const targets = writes.kind === 'files'
    ? writes.paths.map((written): ShellTarget => ({ path: written, effect: 'write' }))
    : writes.kind === 'shell' ? shellWrites(writes.command) : [];
  const base = path.resolve(cwd, writes.kind === 'shell' && writes.cwd ? writes.cwd : '.');
  const placed = (await Promise.all(targets.map(async (target) => ({ target, write: await repositoryWrite(location, path.resolve(base, target.path)) }))))
    .filter((entry) => entry.write !== undefined || entry.target.patch);
  if (writes.kind !== 'unreadable' && placed.length === 0) return { kind: 'silent' };
  const policy = await loadPolicy(location, environment);
  if (!policy.zone.defined || !policy.author) return { kind: 'silent' };
  if (writes.kind === 'unreadable') return { kind: 'ask', reason: unreadableEditReason(writes.tool) };
  const judge = new WriteJudge(location, policy);
  const judged = (await Promise.all(placed.map(({ target }) => judge.judge(target, path.resolve(base, target.path))))).flat();
  return decideWrites(judged, policy);
}

async function answerLifecycle(event: Extract<HookEvent, { event: 'session-start' | 'stop' }>, environment: GuardEnvironment): Promise<GuardAnswer> {
  const location = await findRepository(event.common.cwd);
  if (!location) return { kind: 'silent' };
  const policy = await loadPolicy(location, environment);
  if (!policy.zone.defined || !policy.author) return { kind: 'silent' };
  const git = new Git(location.root);
  const sessionId = event.common.sessionId;
  if (event.event === 'session-start') {
    if (sessionId !== undefined) {
      const changed = await changedPaths(git);
      await saveSessionStart(location.gitDir, sessionId, await contentStamps(location.root, changed.map((change) => change.path)));
    }
    return { kind: 'context', text: sessionSummary(policy) };
  }
  // Once told, the agent is not held again: a stop hook that never lets go is one people switch off.
  if (event.alreadyContinued) return { kind: 'silent' };
  const atStart = await loadSessionStart(location.gitDir, sessionId);
  const judge = new WriteJudge(location, policy);
  const locked = await lockedChangesOfSession(location.root, await changedPaths(git), (relPath) => judge.zoneOf(relPath), atStart);
  return locked.length === 0 ? { kind: 'silent' } : { kind: 'continue', reason: backstopReason(locked, policy, atStart !== undefined) };
}

/**
 * The repository's policy as the PM's badges read it, and who the PM is:
 * `PM_ZONE_AS` (a handle, as `--as` gives one), else `git config
 * user.email`, as the command line finds them.
 */
async function loadPolicy(location: RepositoryLocation, environment: GuardEnvironment): Promise<RepositoryPolicy> {
  const settings: PolicySettings = { ...DEFAULT_SETTINGS, ...environment.settings };
  const handle = environment.env.PM_ZONE_AS?.trim() || undefined;
  const [sources, email] = await Promise.all([
    cachedPolicySources(location, settings, environment.stamp, () => environment.parseSources(location.root, settings)),
    handle ? undefined : userEmail(new Git(location.root)),
  ]);
  const asker = handle ? { handle } : email ? { email } : {};
  return buildRepositoryPolicy({ ...settings, ...asker }, sources.zone, sources.codeowners, sources.codeownersProblem, sources.policyFiles);
}

/** Each file a target writes, with its zone: through links, into folders, out of patches. */
class WriteJudge {
  private git: Git | undefined;

  constructor(private readonly location: RepositoryLocation, private readonly policy: RepositoryPolicy) {}

  async judge(target: ShellTarget, absolute: string): Promise<JudgedWrite[]> {
    if (target.patch) return this.judgePatch(absolute);
    const write = await repositoryWrite(this.location, absolute);
    if (!write) return [];
    if (target.glob) return [{ answer: this.policy.zoneOf(`${literalFolder(write.relPath)}/`), effect: target.effect }];
    const isFolder = /[\\/]$/.test(target.path) || (await fs.stat(absolute).then((stats) => stats.isDirectory(), () => false));
    if (isFolder && target.sources) {
      return Promise.all(target.sources.map(async (name) => ({ answer: await this.zoneAt(path.join(absolute, name)), effect: target.effect })));
    }
    if (isFolder) return this.judgeFolder(write.relPath.replace(/\/+$/, ''), target.effect);
    const answer = zoneThroughLinks(this.policy, write.relPath, write.tracked);
    return [{ answer, effect: await this.effectOf(target.effect, answer) }];
  }

  async zoneOf(relPath: string): Promise<ZoneAnswer> {
    return this.zoneAt(path.join(this.location.root, ...relPath.split('/')));
  }

  private async zoneAt(absolute: string): Promise<ZoneAnswer> {
    const write = await repositoryWrite(this.location, absolute);
    // Outside the repository: the zone's own "not in the repository" answer.
    return write ? zoneThroughLinks(this.policy, write.relPath, write.tracked) : this.policy.zoneOf(absolute);
  }

  /** Removing a file the last commit does not have undoes its creation: never refused. */
  private async effectOf(effect: WriteEffect, answer: ZoneAnswer): Promise<WriteEffect> {
    if (effect !== 'delete' || answer.zone !== 'locked') return effect;
    const result = await this.gitRunner().exec(['cat-file', '-e', `HEAD:${answer.path}`], { okExitCodes: [1, 128] });
    return result.exitCode === 0 ? effect : 'restore-head';
  }

  /** A folder removed, moved or written into: every tracked file in it, and the folder itself. */
  private async judgeFolder(relFolder: string, effect: WriteEffect): Promise<JudgedWrite[]> {
    const folderAnswer = { answer: this.policy.zoneOf(relFolder === '' ? './' : `${relFolder}/`), effect };
    const listing = await this.gitRunner().run(['ls-files', '-z', '--', relFolder === '' ? '.' : relFolder]);
    const files = listing.split('\0').filter(Boolean).slice(0, MAX_FILES_UNDER_FOLDER);
    return [folderAnswer, ...files.map((file) => ({ answer: this.policy.zoneOf(file), effect }))];
  }

  /** `git apply` and `patch -i`: the files the patch names, relative to the repository. */
  private async judgePatch(absolute: string): Promise<JudgedWrite[]> {
    const stats = await fs.stat(absolute).catch(() => undefined);
    if (!stats?.isFile() || stats.size > MAX_PATCH_BYTES) return [];
    const text = await fs.readFile(absolute, 'utf8');
    return Promise.all(patchPaths(text).map(async (relPath) => ({ answer: await this.zoneOf(relPath), effect: 'write' as const })));
  }

  private gitRunner(): Git {
    this.git ??= new Git(this.location.root);
    return this.git;
  }
}

/** `src/auth/*.ts` → `src/auth`: the folder before the first wildcard. */
function literalFolder(pattern: string): string {
  const segments = pattern.split('/');
  const first = segments.findIndex((segment) => /[*?[]/.test(segment));
  return segments.slice(0, first < 0 ? segments.length - 1 : first).join('/');
}
