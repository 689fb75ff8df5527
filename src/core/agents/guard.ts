import * as os from 'node:os';
import * as path from 'node:path';
import { realPathAllowingMissing } from '../git/folders';
import { fileTextNow } from '../git/regularFile';
import { headCommitAsGitReads, headCommitHint, readHeadCommit, readHeadCommitWithoutGit } from '../git/headTrees';
import { Git } from '../git/runGit';
import { userEmailOutsideWorktree } from '../git/repository';
import type { Asker } from '../policy/identity';
import type { ZoneAnswer } from '../policy/zoneModel';
import { zoneBinding } from '../policy/binding';
import { buildRepositoryPolicy, type RepositoryPolicy } from '../repository/assemble';
import { withNamesInRepository } from '../repository/namesInRepository';
import type { PolicySources } from '../repository/repositoryPolicy';
import type { FileSource } from '../types';
import { DEFAULT_SETTINGS, type PolicySettings } from '../repository/settings';
import { saveUnreviewedSettings, unreviewedSettings, unreviewedSettingsReason, unreviewedSettingsStill, type FoundSetting } from './agentSettingsFound';
import { renderAnswer } from './answers';
import { answerNotKept } from './answerRecorder';
import { backstopReason, loadSessionStart, lockedChangesSinceCommit, saveSessionStart } from './backstop';
import { changedConfigKeys, gitConfigChanges, gitFolderPath, repositoryConfigChanges, sessionChanges, shellWord, type UndoForm } from './sessionChanges';
import { gitConfigNow, repositoryConfigNow, repositoryState } from './sessionState';
import { keepHeadTrees, keptHeadTrees } from './headTreesCache';
import { listedEmailOutsideWorktree, userEmailKept } from './emailCache';
import { decideWrites, internalErrorReason, tooSlowReason, unplaceableEditReason, unreadableEditReason, type JudgedWrite } from './decision';
import type { AgentName, EventCommon, GuardAnswer, HookEvent, HookOutput, ToolWrites } from './model';
import { PayloadError, projectDir, readHookEvent } from './payload';
import { cachedPolicySources, committedPolicyHeld, committedPolicyPaths, policyReads, readsRecorded, type CacheStamp, type PolicyReads, type PolicySource } from './policyCache';
import { policySourceFiles } from './policySource';
import { findRepository, inGitFolder, redirectedGitFolder, repositoryWrite, withRepositoryLookups, type RepositoryLocation } from './repositoryLocation';
import { sessionSummary } from './sessionSummary';
import { shellParseCache } from './shellCache';
import { shellWrites, type ShellTarget } from './shellWrites';
import { outsideEdit, userSwitch } from './guardSwitches';
import { knownPlace, WriteJudge } from './writeJudge';
import { agentIsInteractive } from './personal/agentProcess';
import { guardedEntry, saveGuardedEntry } from './personal/guarded';
import { codexShellAnswer } from './personal/codexWall';
import { projectHookAnswers, shellWallAnswer } from './personal/personalGuard';
import { PERSONAL_AGENTS } from './personal/registry';
import { changedPrograms, changedProgramsReason, type ChangedProgram } from './personal/programs';
import { refreshWalls } from './personal/walls';
import { CLAUDE_OWN_DENIED, SRT_HELD_BELOW } from './personal/sandboxSettings';

/** What the guard needs from the program it runs in. */
export interface GuardEnvironment {
  /** The process's folder: where the agent works when its payload does not say. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Keys the policy cache, with PM Zone's version in it. */
  stamp: CacheStamp;
  /**
   * CLAUDE.md and CODEOWNERS parsed from one source's files, read through
   * `files` alone (the guard notes each read, to keep no parse of a file that
   * changed while it was parsed): the one heavy step, which the cache usually saves.
   */
  parseSources(files: FileSource, settings: PolicySettings): Promise<PolicySources>;
  /** Where the repository keeps its policy when not at the defaults (the hook's --policy-file and --codeowners-flavor). */
  settings?: Partial<Pick<PolicySettings, 'policyFile' | 'codeownersFlavor'>>;
  /** How long judging a tool call may take before it is refused; judgingDeadline() unless a test says otherwise. */
  deadlineMs?: number;
  /** Whether the agent running the hook can ask its user (an interactive session); read from the process tree unless a test says. */
  agentInteractive?: (agent: AgentName) => Promise<boolean>;
  /** The clock the kept answer of who the user is holds its files' times against (emailCache.ts); Date.now unless a test says otherwise. */
  now?: () => number;
  /** The payload as the decision is to read it: the guard's program reads it through its recorder (answerRecorder.ts). */
  payloadObserved?: <T extends object>(payload: T) => T;
}

/**
 * Every agent lets a tool call through when its hook times out (`agents
 * init` gives the hook 10 s; an agent's own default may be shorter): a call
 * that takes longer than this to judge is refused instead, well before.
 */
export const JUDGING_DEADLINE_MS = 4000;
/** The longest a busy machine stretches the deadline to: the hook's 10 s less room to start, answer and exit. */
export const JUDGING_DEADLINE_CAP_MS = 8000;

export interface JudgingDeadline {
  ms: number;
  /** The machine's load when the deadline was stretched for it: the refusal says so. */
  busy?: { load: number; cores: number };
}

/**
 * The wall-clock time judging may take: JUDGING_DEADLINE_MS on a machine
 * with a core to spare, stretched by how many runnable processes share each
 * core (the one-minute load average over the cores) so that an ordinary edit
 * is not refused because the machine is busy, never past
 * JUDGING_DEADLINE_CAP_MS. Where there is no load average (Windows reads 0),
 * the deadline is the base one.
 */
export function judgingDeadline(load = os.loadavg()[0], cores = os.availableParallelism?.() ?? os.cpus().length): JudgingDeadline {
  const share = cores > 0 ? load / cores : 0;
  if (!(share > 1)) return { ms: JUDGING_DEADLINE_MS };
  return { ms: Math.round(Math.min(JUDGING_DEADLINE_CAP_MS, JUDGING_DEADLINE_MS * share)), busy: { load, cores } };
}

/** The refusal when judging ran out of time, with the machine's load when that stretched the time. */
export function outOfTimeReason(deadline: JudgingDeadline, named?: number): string {
  const busy = deadline.busy ? ` PM Zone allowed ${deadline.ms / 1000} s instead of ${JUDGING_DEADLINE_MS / 1000} s because the machine was busy (load average ${deadline.busy.load.toFixed(1)} on ${deadline.busy.cores} cores).` : '';
  return `${tooSlowReason(deadline.ms, named)}${busy}`;
}


/**
 * `pm-zone guard --agent X`: one hook event in, the agent's answer out. The
 * answer is silent (exit 0, nothing printed) wherever PM Zone has no
 * opinion: a tool that writes nothing, a path outside the repository, a
 * repository without a PM zone, a user the PM zone does not bind (see
 * zoneBinding: someone who could be a pilot PM is guarded).
 */
export function runGuard(agent: AgentName, input: string, environment: GuardEnvironment): Promise<GuardOutput> {
  return withRepositoryLookups(() => decide(agent, input, environment));
}

/** The answer, and whether it answers a tool call: only those may be kept (keptAnswers.ts), never a session's start or finish. */
export interface GuardOutput extends HookOutput {
  toolCall?: boolean;
}

async function decide(agent: AgentName, input: string, environment: GuardEnvironment): Promise<GuardOutput> {
  let event: HookEvent;
  try {
    event = readHookEvent(agent, input, environment);
  } catch (error) {
    if (!(error instanceof PayloadError)) throw error;
    // Exit 2 blocks on every agent: a tool call PM Zone cannot read is not let through unjudged.
    return { stdout: '', stderr: `PM Zone: ${error.message}\n`, exitCode: 2 };
  }
  // A pilot PM's user-level hook is silent where the project's own hook gives the same answer.
  const toolCall = event.event === 'pre-tool';
  if (environment.env.PM_ZONE_HOOK_SCOPE === 'user' && (await projectHookAnswers(agent, event, environment.env, homeOf(environment)).catch(() => false))) return { ...renderAnswer(event.common.dialect, { kind: 'silent' }), toolCall };
  return { ...renderAnswer(event.common.dialect, await askable(agent, await answerEvent(agent, event, environment), environment)), toolCall };
}

/** Gemini CLI hangs on an "ask" it cannot put to anyone (headless): there the question becomes a refusal that says why. */
async function askable(agent: AgentName, answer: GuardAnswer, environment: GuardEnvironment): Promise<GuardAnswer> {
  const question = answer.kind === 'ask' ? answer.reason : answer.kind === 'rewrite' ? answer.ask : undefined;
  if (question === undefined || PERSONAL_AGENTS[agent].headlessAsk !== 'hangs') return answer;
  if (await (environment.agentInteractive ?? ((name: AgentName) => agentIsInteractive(name)))(agent)) return answer;
  return { kind: 'deny', reason: `${question}\n${PERSONAL_AGENTS[agent].label} is running without a user to ask (headless), where a question would stop the session for good, so PM Zone refused instead: tell the PM, who decides.` };
}

function homeOf(environment: GuardEnvironment): string {
  return environment.env.HOME || os.homedir();
}

async function answerEvent(agent: AgentName, event: HookEvent, environment: GuardEnvironment): Promise<GuardAnswer> {
  if (event.event === 'pre-tool') {
    if (event.writes.kind === 'none') return { kind: 'silent' };
    try {
      // Who the user is comes from git's config: with git sent to another one, nobody can be told from a PM.
      const redirect = await gitRedirect(environment, event.common.cwd);
      if (redirect) return { kind: 'deny', reason: redirectReason(redirect) };
      const configured = await gitConfigChangedAround(environment, event.common);
      if (configured.length > 0) return { kind: 'deny', reason: gitConfigReason(configured) };
      const unreviewed = await unreviewedSettingsAround(environment, event.common.cwd);
      if (unreviewed.length > 0) return { kind: 'deny', reason: unreviewedSettingsReason(unreviewed) };
      const programs = await programsChangedAround(environment, event.common.cwd);
      if (programs.length > 0) return { kind: 'deny', reason: changedProgramsReason(programs) };
      const deadline = environment.deadlineMs === undefined ? judgingDeadline() : { ms: environment.deadlineMs };
      const progress: WriteProgress = {};
      const early = await withDeadline(answerWrite(event.writes, event.common.cwd, environment, progress), deadline.ms, (): GuardAnswer => {
        answerNotKept('judging ran out of time');
        return { kind: 'deny', reason: outOfTimeReason(deadline, progress.named) };
      });
      return event.writes.kind === 'shell' ? await walledShell(agent, event.writes, event.input, early, event.common.cwd, environment) : early;
    } catch (error) {
      answerNotKept('judging failed');
      return { kind: 'deny', reason: internalErrorReason(error) };
    }
  }
  if (event.event === 'other') return { kind: 'silent' };
  try {
    return await answerLifecycle(agent, event, environment);
  } catch {
    // Context and the backstop are help, not the lock: a failure there must not stop the agent.
    return { kind: 'silent' };
  }
}

/** The file that sends git to another configuration in a repository the agent works in, if one does. */
async function gitRedirect(environment: GuardEnvironment, cwd: string): Promise<string | undefined> {
  for (const location of await guardedRepositories(environment, cwd)) {
    const redirect = await redirectedGitFolder(location);
    if (redirect) return redirect;
  }
  return undefined;
}

/** node and git as PATH finds them now, for a pilot PM who recorded them at `agents init --me`: those that are not what was recorded. */
async function programsChangedAround(environment: GuardEnvironment, cwd: string): Promise<ChangedProgram[]> {
  const home = homeOf(environment);
  // The PATH the hook runs with: the guard's own git and the hook line's node are found on it.
  const searched = environment.env.PATH === undefined ? { PATH: process.env.PATH } : environment.env;
  for (const location of await guardedRepositories(environment, cwd)) {
    const changed = await changedPrograms((await guardedEntry(home, location).catch(() => undefined))?.programs, searched);
    if (changed.length > 0) return changed;
  }
  return [];
}

/** The agent settings nobody committed that the last guarded session start found in a repository the agent works in, still there. */
async function unreviewedSettingsAround(environment: GuardEnvironment, cwd: string): Promise<FoundSetting[]> {
  const found = await Promise.all((await guardedRepositories(environment, cwd)).map((location) => unreviewedSettingsStill(location)));
  return found.flat();
}

/**
 * git's per-worktree configuration written since this session began, in a
 * repository the agent works in (by the record the session start kept): who
 * the user is and which programs git runs may now be the agent's.
 */
async function gitConfigChangedAround(environment: GuardEnvironment, common: EventCommon): Promise<{ shown: string; undo: string }[]> {
  if (common.sessionId === undefined) return [];
  const changed: { shown: string; undo: string }[] = [];
  for (const location of await guardedRepositories(environment, common.cwd)) {
    const start = (await loadSessionStart(location.gitDir, common.sessionId))?.state;
    const recorded = start?.gitConfig;
    if (!start || !recorded) continue;
    const now = await gitConfigNow(location.realGitFolders[location.realGitFolders.length - 1], recorded);
    for (const change of gitConfigChanges(location.root, recorded, now)) changed.push({ shown: change.path, undo: change.undo });
    // The repository's own config, where a sandbox with gaps let it be written: refused when who the user is may have changed.
    if (start.config !== undefined && (await repositoryConfigNow(location.realGitFolders[location.realGitFolders.length - 1], start.config)) !== start.config) {
      const keys = await changedConfigKeys(location.root, start);
      if (keys.some((key) => /^(user\.|include\.|includeif\.)/.test(key))) for (const change of await repositoryConfigChanges(location.root, start)) changed.push({ shown: change.path, undo: change.undo });
    }
  }
  return changed;
}

function gitConfigReason(changed: readonly { shown: string; undo: string }[]): string {
  return [
    `PM Zone: ${changed.map((change) => change.shown).join(', ')} changed since this session began. git reads who the user is (a PM or an engineer) and which programs it runs (core.fsmonitor, core.hooksPath) from it, so PM Zone cannot trust either. Every edit and command is refused until the PM puts it back, in a terminal of their own:`,
    ...changed.map((change) => `  ${change.undo}`),
    'Tell the PM: an engineer checks what it ran.',
  ].join('\n');
}

function redirectReason(file: string): string {
  return `PM Zone: ${file} sends git to a configuration other than this repository's own, so PM Zone cannot tell who the user is (a PM or an engineer) nor trust which programs git runs; every edit and command is refused until an engineer removes it (git itself writes one only in a linked worktree's folder).`;
}

/**
 * The finish with git sent to another configuration: named as a change of
 * this session when its start was recorded (a start that found one records
 * nothing), with the command that removes it. Nothing else is measured:
 * git would read its refs and objects where the pointer says.
 */
function redirectHeldReason(location: RepositoryLocation, file: string, madeInSession: boolean): string {
  const shown = gitFolderPath(location.root, file);
  return [
    `PM Zone: ${madeInSession ? 'this session changed engineering-only files' : 'engineering-only files differ from the last commit'}:`,
    `- ${shown}: sends git to a configuration other than this repository's own, from which git reads who the user is (a PM or an engineer) and which programs it runs (core.fsmonitor, core.hooksPath); PM Zone cannot check what else this session changed until it is gone (git itself writes one only in a linked worktree's folder)`,
    'Before you finish, revert them:',
    `  rm -- ${shellWord(shown)}`,
    'Then tell the PM that this part needs engineering: an engineer checks what the configuration it named runs.',
  ].join('\n');
}

/** A pilot PM's shell command, for an agent whose commands run under srt (personal/personalGuard.ts) or in Codex's profile (personal/codexWall.ts). */
async function walledShell(agent: AgentName, writes: Extract<ToolWrites, { kind: 'shell' }>, input: unknown, early: GuardAnswer, cwd: string, environment: GuardEnvironment): Promise<GuardAnswer> {
  const wall = PERSONAL_AGENTS[agent].shell.kind;
  if ((wall !== 'srt-rewrite' && wall !== 'permission-profile') || early.kind === 'deny') return early;
  const base = path.resolve(cwd, writes.cwd ?? '.');
  const [location] = await guardedRepositories(environment, base);
  if (!location || (await loadPolicies(location, environment)).length === 0) return early;
  if (wall === 'permission-profile') return codexShellAnswer(writes.command, early, location, cwd, homeOf(environment), environment.env);
  return shellWallAnswer(agent, writes.command, input, early, location, homeOf(environment), environment.env, base);
}

/**
 * A write is judged in each repository that holds it: the project's (the
 * folder the agent's hooks run for) and the one git finds around the file
 * itself, never one the payload's `cwd` alone names, which the payload can
 * point anywhere. A lock in either holds; a file in no repository the guard
 * knows of is outside every guarded one and left to the agent.
 */
async function answerWrite(writes: Exclude<ToolWrites, { kind: 'none' }>, cwd: string, environment: GuardEnvironment, progress: WriteProgress = {}): Promise<GuardAnswer> {
  const listed = writes.kind === 'files' ? writes.paths.map((written): ShellTarget => ({ path: written, effect: 'write' })) : undefined;
  if (listed) progress.named = listed.length;
  const base = path.resolve(cwd, writes.kind === 'shell' && writes.cwd ? writes.cwd : '.');
  const guarded = await guardedRepositories(environment, base);
  // A shell line read before is answered from the cache in the guarded repository's git folder, without loading bash's grammar.
  const named = listed ?? (writes.kind === 'shell' ? await shellWrites(writes.command, guarded[0] && shellParseCache(guarded[0].gitDir, environment.stamp)) : []);
  progress.named = named.length;
  // A command may name one file many times over (`rm -rf p p p …`): each is judged once.
  const home = environment.env.HOME || os.homedir();
  const unique = [...new Map(named.map((target) => [JSON.stringify(target), fromHome(target, home, environment.env)])).values()];
  const targets = (await Promise.all(unique.map((target) => fromTop(target, base)))).filter((target): target is ShellTarget => target !== undefined);
  // A file only the running command knows is placed by the part of it that is known (`src/auth/$f` in src/auth).
  const placeOf = (target: ShellTarget) => (target.unnamed === undefined ? path.resolve(base, target.path) : knownPlace(target, base));
  // Files outside every repository that switch the guard off (the user's git config, the agents' user settings).
  const switches = targets.flatMap((target) => userSwitch(placeOf(target), home, environment.env) ?? []);
  // An edit tool's file outside the repositories the agent works in, but for its scratch: a PM's agent has nothing to edit there.
  if (writes.kind === 'files') switches.push(...(await outsideEdits(targets.map(placeOf), guarded, home, environment.env)).filter((answer) => !switches.some((known) => known.path === answer.path)));
  const repositories = new Map(guarded.map((location) => [location.root, location]));
  const placeless = (target: ShellTarget) => target.patch || target.setting !== undefined || target.changesOf !== undefined;
  const owners = await Promise.all(targets.map((target) => (placeless(target) ? undefined : findRepository(placeOf(target)))));
  for (const own of owners) if (own && !repositories.has(own.root)) repositories.set(own.root, own);
  const judged: JudgedWrite[] = [];
  let policy: RepositoryPolicy | undefined;
  for (const location of repositories.values()) {
    // A patch and commits name their files, and a git setting no file at all: each is judged in the project's repository.
    const isProject = guarded.includes(location);
    const held = await filterAsync(targets, async (target) => {
      if (placeless(target)) return isProject;
      const absolute = placeOf(target);
      return (await inGitFolder(location, absolute)) || (await repositoryWrite(location, absolute)) !== undefined;
    });
    const unjudged = isProject && (writes.kind === 'unreadable' || writes.kind === 'unplaceable');
    const switched = isProject ? switches : [];
    if (!unjudged && held.length === 0 && switched.length === 0) continue;
    const policies = await loadPolicies(location, environment);
    if (policies.length === 0) continue;
    if (writes.kind === 'unreadable') return { kind: 'ask', reason: unreadableEditReason(writes.tool) };
    if (writes.kind === 'unplaceable') return { kind: 'deny', reason: unplaceableEditReason(writes.tool, writes.given) };
    policy ??= policies[0];
    const judge = new WriteJudge(location, narrowest(policies));
    judged.push(...switched.map((answer): JudgedWrite => ({ answer, effect: 'write' })), ...(await Promise.all(held.map((target) => judge.judge(target, base)))).flat());
  }
  return policy ? decideWrites(judged, policy) : { kind: 'silent' };
}

/** The locks on files an edit tool writes outside every repository the agent works in (guardSwitches.ts outsideEdit). */
async function outsideEdits(files: readonly string[], guarded: readonly RepositoryLocation[], home: string, env: NodeJS.ProcessEnv): Promise<ZoneAnswer[]> {
  const answers: ZoneAnswer[] = [];
  for (const file of files) {
    const inside = await Promise.all(guarded.map(async (location) => (await repositoryWrite(location, file)) !== undefined || inGitFolder(location, file)));
    if (inside.some(Boolean)) continue;
    const answer = outsideEdit(file, (await realPathAllowingMissing(file)) ?? file, home, env);
    if (answer) answers.push(answer);
  }
  return answers;
}

/**
 * The repositories the agent's hooks guard: the project's, as the agent
 * exports it to its hooks (or the folder the hook runs in), and the one
 * around the folder the tool runs in.
 */
async function guardedRepositories(environment: GuardEnvironment, base: string): Promise<RepositoryLocation[]> {
  const found = await Promise.all([findRepository(projectDir(environment.env) ?? environment.cwd), findRepository(base)]);
  const guarded = found.filter((location): location is RepositoryLocation => location !== undefined);
  return guarded.filter((location, index) => guarded.findIndex((other) => other.root === location.root) === index);
}

/** A pathspec from the repository's top (`:/CLAUDE.md`) as an absolute path: from the top of the repository git runs in; none when it runs in no repository. */
async function fromTop(target: ShellTarget, base: string): Promise<ShellTarget | undefined> {
  if (target.top === undefined) return target;
  const repository = await findRepository(path.resolve(base, target.top));
  return repository ? { ...target, top: undefined, path: path.join(repository.root, target.path) } : undefined;
}

/**
 * `~/…` as the shell reads it: in the home folder of the user the agent runs
 * as; and `$TMPDIR/…` (`${TMPDIR:-/tmp}/…`) in the temporary folder it names
 * to the agent.
 */
function fromHome(target: ShellTarget, home: string, env: NodeJS.ProcessEnv): ShellTarget {
  const set = env.TMPDIR;
  // `${TMPDIR:-/tmp}` is TMPDIR when it is set and not empty, else the fallback written (`${TMPDIR-/tmp}`: when it is set at all).
  const temporary = (_: string, colon: string | undefined, fallback: string | undefined) => {
    if (fallback === undefined) return set || os.tmpdir();
    return colon ? set || fallback : (set ?? fallback);
  };
  const place = (written: string) => (/^~(\/|$)/.test(written) ? path.join(home, written.slice(1)) : written.replace(/^(?:\$TMPDIR|\$\{TMPDIR\}|\$\{TMPDIR(:?)-(\/[^$`'"\\{}]*)\})(?=\/|$)/, temporary));
  const placed = { ...target, path: place(target.path), ...(target.sources ? { sources: target.sources.map(place) } : {}) };
  if (placed.unnamed === undefined || /[$`\0]/.test(placed.path) || placed.path === '') return placed;
  const { unnamed: _known, ...named } = placed;
  return named;
}

/** How far judging a call got: how many files it names, once its command is read. */
interface WriteProgress {
  named?: number;
}

/** The answer by the deadline, or `late()` when judging takes longer: the work left is abandoned, and the process need not wait for it. */
async function withDeadline<T>(work: Promise<T>, ms: number, late: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(late()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function filterAsync<T>(items: readonly T[], keep: (item: T) => Promise<boolean>): Promise<T[]> {
  const kept = await Promise.all(items.map(keep));
  return items.filter((_, index) => kept[index]);
}

async function answerLifecycle(agent: AgentName, event: Extract<HookEvent, { event: 'session-start' | 'stop' }>, environment: GuardEnvironment): Promise<GuardAnswer> {
  const [location] = await guardedRepositories(environment, event.common.cwd);
  if (!location) return { kind: 'silent' };
  const redirect = await redirectedGitFolder(location);
  if (redirect) {
    if (event.event === 'session-start') return { kind: 'context', text: redirectReason(redirect) };
    // git sent elsewhere reads who the user is from there (an engineer, as far as PM Zone could tell): the finish is held for everyone, once.
    if (event.alreadyContinued) return { kind: 'silent' };
    return { kind: 'continue', reason: redirectHeldReason(location, redirect, (await loadSessionStart(location.gitDir, event.common.sessionId)) !== undefined) };
  }
  const policies = await loadPolicies(location, environment);
  if (policies.length === 0) return event.event === 'stop' && !event.alreadyContinued ? await identityChangedFinish(agent, location, environment, event.common.sessionId) : { kind: 'silent' };
  const policy = policies[0];
  const sessionId = event.common.sessionId;
  const judge = new WriteJudge(location, narrowest(policies));
  const isLocked = async (relPath: string) => (await judge.zoneOf(relPath)).zone === 'locked';
  if (event.event === 'session-start') {
    // Settings nobody committed run their hooks outside every sandbox in a session started beside them: none is started while one is there.
    const unreviewed = await unreviewedSettings(location.root);
    await saveUnreviewedSettings(location, unreviewed);
    if (sessionId !== undefined) await saveSessionStart(location.gitDir, sessionId, await repositoryState(location.root, isLocked, { store: true }));
    if (unreviewed.length > 0) return { kind: 'context', text: unreviewedSettingsReason(unreviewed) };
    const programs = await programsChangedAround(environment, event.common.cwd);
    if (programs.length > 0) return { kind: 'context', text: changedProgramsReason(programs) };
    const refreshed = await refreshPersonal(location, policies, environment, event.common.cwd).catch(() => ({ areaMoved: false, heldAnewIn: undefined }));
    const summary = sessionSummary(policy, policies[1]);
    return {
      kind: 'context',
      text: [
        summary,
        ...(refreshed.areaMoved ? ["PM Zone rewrote the sandbox settings of the PM's agents: the engineering-only files changed since they were written."] : []),
        ...(agent === 'claude' && refreshed.heldAnewIn ? [placeholdersThisSession(refreshed.heldAnewIn)] : []),
      ].join('\n'),
    };
  }
  // Once told, the agent is not held again: a stop hook that never lets go is one people switch off.
  if (event.alreadyContinued) return { kind: 'silent' };
  const atStart = await loadSessionStart(location.gitDir, sessionId);
  const zoneOf = (relPath: string) => judge.zoneOf(relPath);
  const form = undoForm(agent);
  const locked = atStart ? await sessionChanges(location.root, atStart.state, zoneOf, form) : await lockedChangesSinceCommit(new Git(location.root), zoneOf, form);
  return locked.length === 0 ? { kind: 'silent' } : { kind: 'continue', reason: backstopReason(locked, policy, atStart !== undefined) };
}

/** Inside Codex's profile the git folder is read-only: its undo commands take no index lock. */
function undoForm(agent: AgentName): UndoForm {
  return PERSONAL_AGENTS[agent].shell.kind === 'permission-profile' ? 'read-only-git' : 'git';
}

/**
 * The finish of a session whose start was a pilot PM's (only theirs are
 * recorded) and whom the zone binds no longer: git's configuration changed
 * under it (an engineer's e-mail set in `.git/config`). Who the user is can
 * no longer be told, so the session is measured as a pilot PM's would be
 * (the policies as they hold for someone PM Zone cannot tell apart from
 * one): the changed configuration and every locked file the session changed
 * after it, in the working tree, the index and commits on any ref. Held
 * once. When the rest cannot be measured, the configuration is still named,
 * and the reason says what could not be checked: failing closed.
 */
async function identityChangedFinish(agent: AgentName, location: RepositoryLocation, environment: GuardEnvironment, sessionId: string | undefined): Promise<GuardAnswer> {
  const atStart = await loadSessionStart(location.gitDir, sessionId);
  if (!atStart) return { kind: 'silent' };
  const measured = await asAnyPilot(location, environment)
    .then(async (policies) => {
      if (policies.length === 0) throw new Error('no PM zone could be read');
      const judge = new WriteJudge(location, narrowest(policies));
      return { policy: policies[0], changes: await sessionChanges(location.root, atStart.state, (relPath) => judge.zoneOf(relPath), undoForm(agent)) };
    })
    .catch((error: unknown) => ({ unmeasured: (error instanceof Error ? error.message : String(error)).split('\n')[0] }));
  if ('changes' in measured) {
    if (measured.changes.length === 0) return { kind: 'silent' };
    return { kind: 'continue', reason: `${backstopReason(measured.changes, measured.policy, true)}\n${IDENTITY_CHANGED}` };
  }
  // The rest could not be measured: the finish is still held, naming the configuration and what was not checked.
  const named = await repositoryConfigChanges(location.root, atStart.state).catch(() => []);
  return {
    kind: 'continue',
    reason: [
      'PM Zone: this session changed engineering-only files:',
      ...named.map((change) => `- ${change.path} (${change.how}): ${change.answer.reasons[0]?.message ?? 'engineering only'}; PM Zone now cannot tell who the user is`),
      `- every other engineering-only file: not checked, because ${measured.unmeasured}; run \`git status\` and \`git log --branches --tags --not --remotes\` and put back what the session changed there`,
      'Before you finish, revert them:',
      ...named.map((change) => `  ${change.undo}`),
      'Then tell the PM that this part needs engineering: an engineer checks what it set.',
    ].join('\n'),
  };
}

const IDENTITY_CHANGED = "PM Zone measured this session as a pilot PM's: git's configuration now names someone the PM zone does not restrict, so who the user is cannot be told until it is put back.";

/** The policies as they hold for someone PM Zone cannot tell apart from any pilot PM (no e-mail, no handle), bound or not. */
async function asAnyPilot(location: RepositoryLocation, environment: GuardEnvironment): Promise<RepositoryPolicy[]> {
  return loadPolicies(location, environment, { asker: {} });
}

/**
 * A pilot PM's sandbox settings, written again when the locked area moved (`agents init --me`) or the session starts
 * below the top. `areaMoved`: the area had moved; `heldAnewIn`: the folder below the top this session started in, when
 * Claude Code's settings hold its sandbox's own names there only from now on (it read them as this session started).
 */
async function refreshPersonal(location: RepositoryLocation, policies: readonly RepositoryPolicy[], environment: GuardEnvironment, sessionFolder: string): Promise<{ areaMoved: boolean; heldAnewIn?: string }> {
  const home = homeOf(environment);
  const entry = await guardedEntry(home, location);
  if (!entry || entry.handle !== policies[0].author?.handle) return { areaMoved: false };
  const area = {
    ...narrowest(policies),
    zone: { engineeringOnly: policies.flatMap((policy) => policy.zone.engineeringOnly) },
    policyFiles: policies.flatMap((policy) => policy.policyFiles),
    author: policies[0].author,
  };
  const started = await realPathAllowingMissing(path.resolve(sessionFolder));
  const claudeSettings = path.join(location.root, '.claude', 'settings.local.json');
  const ownNamesHeld = CLAUDE_OWN_DENIED.map((name) => `"/${started}/${name}/${SRT_HELD_BELOW}"`);
  const heldThere = async () => {
    if (started === undefined || !started.startsWith(`${location.realRoot}${path.sep}`)) return false;
    const text = (await fileTextNow(claudeSettings)) ?? '';
    return ownNamesHeld.some((entry) => text.includes(entry));
  };
  const heldBefore = await heldThere();
  const { refreshed, areaMoved, entry: updated } = await refreshWalls(location, area, entry, home, environment.env, started);
  if (refreshed) await saveGuardedEntry(home, location, updated);
  return { areaMoved, heldAnewIn: !heldBefore && (await heldThere()) ? path.relative(location.realRoot, started as string) : undefined };
}

/** Said to Claude Code once, in the first session started in a folder below the top that is not a feature folder of the PM's. */
function placeholdersThisSession(folder: string): string {
  return `In this session, \`git status\` in ${folder.split(path.sep).join('/')} may list names the sandbox keeps read-only there (.bashrc, .vscode, .claude/settings.json and the like) as untracked: they are not files of the repository and nothing to commit or delete. From the next session started there on, they are not listed.`;
}

/**
 * The policies that hold for the PM, each as the PM's badges read it: the
 * working tree's and the last commit's, the one the review reads. The
 * working tree is the agent's to change, so a rule widened, removed or
 * renamed there must not open anything the commit keeps locked; a PM the
 * commit alone names is still guarded. The working tree's comes first (it
 * is what the PM sees); when the commit cannot be read (no commit yet), the
 * working tree's holds alone. The PM is `PM_ZONE_AS` (a handle, as `--as`
 * gives one), else `git config user.email`, as the command line finds them
 * (kept in the git folder while every file git read for it is unchanged).
 */
async function loadPolicies(location: RepositoryLocation, environment: GuardEnvironment, options: { asker?: Asker } = {}): Promise<RepositoryPolicy[]> {
  const settings: PolicySettings = { ...DEFAULT_SETTINGS, ...environment.settings };
  const handle = environment.env.PM_ZONE_AS?.trim() || undefined;
  const git = new Git(location.root);
  // HEAD as the git folder's files name it, where git reads the same: when the last commit's entry was found good for that commit, git is not asked.
  const named = headCommitAsGitReads(location.root);
  // The two entries usually name the same CODEOWNERS bytes: read from the working tree once.
  const reads = policyReads();
  const headRead = async (): Promise<{ commit: string; held?: PolicySources; source?: PolicySource } | undefined> => {
    const held = named === undefined ? undefined : await committedPolicyHeld(location, settings, environment.stamp, named, reads);
    if (held && named !== undefined) return { commit: named, held };
    // Else, after a commit, HEAD is read with the trees of the last commit's policy files: no other git process lists them.
    // Where the git folder named HEAD as git reads it, the commit and the trees it changed are read there, loose, and the
    // others are those kept from the last read; where any is missing, one git process reads them all.
    const commonFolder = location.realGitFolders[location.realGitFolders.length - 1];
    const paths = committedPolicyPaths(location, settings, environment.stamp, headCommitHint(location.realGitFolders[0], commonFolder));
    const kept = keptHeadTrees(location);
    const read = (named === undefined ? undefined : readHeadCommitWithoutGit(commonFolder, named, paths, kept)) ?? (await readHeadCommit(git, paths));
    if (read) await keepHeadTrees(location, read.trees, kept);
    return read && { commit: read.commit, source: { kind: 'commit', commit: read.commit, listed: read.listed, plain: named === read.commit } };
  };
  // The working tree's entry first: a held one vouches for the CODEOWNERS bytes it names, and the last commit's entry,
  // naming the same, then reads their lines without reading and hashing the file whole (policyCache.ts `heldTextParts`).
  const working = parsedOrKept(location, settings, environment, { kind: 'working-tree' }, reads);
  working.catch(() => undefined);
  const [head, email] = await Promise.all([headRead(), handle || options.asker ? undefined : userEmailKept(location, git, () => userEmailOutsideWorktree(git), { now: environment.now, fromListing: listedEmailOutsideWorktree })]);
  const asker = options.asker ?? (handle ? { handle } : email ? { email } : {});
  const sources: PolicySource[] = [{ kind: 'working-tree' }, ...(head ? [head.source ?? { kind: 'commit' as const, commit: head.commit }] : [])];
  const parsed = await Promise.all(sources.map(async (source) => {
    const parse = source.kind === 'working-tree' ? working : head?.held ? Promise.resolve(head.held) : parsedOrKept(location, settings, environment, source, reads);
    const read = await (source.kind === 'commit' ? parse.catch(() => undefined) : parse);
    // Which `[locale]`-like names the repository has is asked each time, never cached with the rules: a folder can appear between two calls.
    return read && { ...read, zone: await withNamesInRepository(read.zone, policySourceFiles(location.root, source)) };
  }));
  return parsed
    .filter((sources): sources is PolicySources => sources !== undefined)
    .map((sources) => buildRepositoryPolicy({ ...settings, ...asker }, sources.zone, sources.codeowners, sources.codeownersProblem, sources.policyFiles))
    // Whom the zone binds is decided once, for the hook, the Action, the guard and the editor alike; a chosen asker is measured bound or not.
    .filter((policy) => options.asker !== undefined || zoneBinding(policy.identity).bound);
}

/**
 * One source's policy, from the cache or parsed: a parse of the working tree
 * is kept only where it read each file as the cache's key and entry hold it
 * (one that changed while it was parsed, a branch switched mid-parse, is not).
 */
function parsedOrKept(location: RepositoryLocation, settings: PolicySettings, environment: GuardEnvironment, source: PolicySource, reads: PolicyReads): Promise<PolicySources> {
  const files = policySourceFiles(location.root, source);
  // A decision answers and ends: a held CODEOWNERS is read a line at a time, as its lookups ask.
  if (source.kind === 'commit') return cachedPolicySources(location, settings, environment.stamp, () => environment.parseSources(files, settings), source, { readsInParts: true }, reads);
  const read = readsRecorded(files);
  return cachedPolicySources(location, settings, environment.stamp, () => environment.parseSources(read.files, settings), source, { readsInParts: true, keepable: (_sources, heldContent, covered) => read.within(heldContent, covered) }, reads);
}

/** The zone every policy agrees a path may have at most: a lock in any of them holds, then "outside". */
function narrowest(policies: readonly RepositoryPolicy[]): Pick<RepositoryPolicy, 'zoneOf' | 'zoneOfFolder'> {
  const rank = (answer: ZoneAnswer) => (answer.zone === 'locked' ? 2 : answer.zone === 'outside' ? 1 : 0);
  return {
    zoneOf: (relPath) => policies.map((policy) => policy.zoneOf(relPath)).reduce((narrow, answer) => (rank(answer) > rank(narrow) ? answer : narrow)),
    zoneOfFolder: (relPath) => (policies.some((policy) => policy.zoneOfFolder(relPath) === 'locked') ? 'locked' : undefined),
  };
}
