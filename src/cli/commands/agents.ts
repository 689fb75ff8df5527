import type { CliCommand } from '../commands';
import type { CommandInput } from '../run';
import { CliFailure, UsageError } from '../errors';
import { writeJson } from '../paths';
import { openRepository } from '../repositoryContext';
import * as os from 'node:os';
import * as path from 'node:path';
import { AgentConfigError, checkAgents, checkPersonal, launcherOfAnotherBuild, GUARD_LAUNCHER, initAgents, initPersonalGuard, SettingsFileError, type AgentCheck, type AgentName, type PersonalAgentResult, type PersonalCheck, type PersonalOutcome } from '../../core/agents';
import { AGENTS, isAgentName } from '../../core/agents/model';
import type { CliOptions } from '../options';
import { checkCarried, UNIGNORE_OPTION } from '../carried';
import { detectPackageManager } from '../../core/repository';
import { guardFileProblems } from '../../core/repository';
import { CLI_VERSION } from '../version';

const AGENT_OPTION: CliOptions = { agent: { type: 'string', multiple: true, value: AGENTS.join('|'), choices: AGENTS, description: 'only this agent (repeatable; default: every agent PM Zone knows)' } };
const ME_OPTION: CliOptions = {
  ...AGENT_OPTION,
  me: { type: 'boolean', description: "the identified pilot PM's own guard: user-level hooks, each installed agent's sandbox (not committed)" },
};

/** `--agent claude --agent cursor`, or every agent PM Zone knows. */
function chosenAgents(input: CommandInput): AgentName[] {
  const given = input.values.agent;
  if (given === undefined) return [...AGENTS];
  const names = (Array.isArray(given) ? given : [given]).map(String);
  const unknown = names.find((name) => !isAgentName(name));
  if (unknown !== undefined) throw new UsageError(`--agent takes ${AGENTS.join(', ')}, not '${unknown}'`);
  return [...new Set(names as AgentName[])];
}

export const agentsInitCommand: CliCommand = {
  name: 'agents init',
  usage: `agents init [--me] [--agent ${AGENTS.join('|')}]... [--unignore]`,
  summary: "write the coding agents' hooks that run PM Zone's guard (.pmzone/guard.cjs and each agent's settings, merged into what is there); an engineer's act: a pilot PM gets the request to send; exit 1 when git ignores a file it wrote. With --me, the identified pilot PM turns the guard on for their own agents, in files of their own: user-level hooks (answering in any folder of this repository), each agent's sandbox with the locked area read-only, or srt for Gemini CLI",
  options: { ...ME_OPTION, ...UNIGNORE_OPTION },
  async run(input) {
    const context = await openRepository(input.global, { requireGit: true });
    if (input.values.me === true) return initMe(input, context.root, context.policy);
    const agents = chosenAgents(input);
    const manager = await detectPackageManager(context.files);
    let outcome;
    try {
      outcome = await initAgents(context.root, context.policy, agents, { policyFile: input.global.settings.policyFile, codeownersFlavor: input.global.settings.codeownersFlavor }, manager);
    } catch (error) {
      throw new CliFailure(error instanceof AgentConfigError ? error.message : `could not write the hook settings: ${(error as Error).message}`, 1);
    }
    if (outcome.status === 'refused') {
      if (input.global.json) writeJson(input, outcome);
      else input.io.stderr.write(`pm-zone: ${outcome.message}\n\nThe request to send:\n\n${outcome.request}\n`);
      return 1;
    }
    if (!input.global.json) {
      for (const { file, action } of outcome.files) input.io.stdout.write(`${file} ${action === 'create' ? 'created' : action === 'update' ? 'updated' : 'unchanged'}\n`);
      if (outcome.advice) input.io.stdout.write(`${outcome.advice}\n`);
    }
    // A guard file git leaves out never reaches a PM's clone: said with the lines that fix it, and a failure.
    const carried = await checkCarried(input, context.git, context.root, outcome.files.map((entry) => entry.file));
    if (input.global.json) writeJson(input, { ...outcome, ...carried });
    else if (carried.ignored.length === 0) input.io.stdout.write(`Commit them, then run ${manager.exec} agents check: it runs one decision through each agent's hook.\n`);
    return carried.ignored.length > 0 ? 1 : 0;
  },
};

async function initMe(input: CommandInput, root: string, policy: Parameters<typeof initPersonalGuard>[1]): Promise<number> {
  let outcome: PersonalOutcome;
  try {
    outcome = await initPersonalGuard(root, policy, {
      home: homeOf(input),
      env: input.io.env,
      ...(input.values.agent === undefined ? {} : { agents: chosenAgents(input) }),
      guardArguments: guardArguments(input),
      // This program's own guard, beside it, when the repository does not install PM Zone.
      fallbackGuard: path.join(__dirname, 'guard.js'),
    });
  } catch (error) {
    throw new CliFailure(error instanceof SettingsFileError ? error.message : `could not turn the guard on: ${(error as Error).message}`, 1);
  }
  if (input.global.json) {
    writeJson(input, outcome);
  } else if (outcome.status === 'refused') {
    input.io.stderr.write(`pm-zone: ${outcome.message}\n`);
  } else {
    for (const { file, action } of outcome.files) input.io.stdout.write(`${file} ${action === 'create' ? 'created' : action === 'update' ? 'updated' : 'unchanged'}\n`);
    for (const agent of outcome.agents) input.io.stdout.write(`${agent.label}: ${WALLS[agent.wall]}${agent.missing.length > 0 ? ` (missing: ${agent.missing.join(', ')})` : ''}\n`);
    if (outcome.install) input.io.stdout.write(`Install what the sandboxes need: ${outcome.install}\n`);
    for (const note of outcome.notes) input.io.stdout.write(`${note}\n`);
    input.io.stdout.write('This is the early "no" on your machine, not the lock: what GitHub enforces is. Run pm-zone agents check to see what is in force from a folder.\n');
  }
  return outcome.status === 'refused' ? 1 : 0;
}

const WALLS: Record<PersonalAgentResult['wall'], string> = {
  'own-sandbox': 'shell commands in its own sandbox, the locked area read-only; its edit tools refused there',
  'permission-profile': 'shell commands and patches in its own sandbox (a permission profile with absolute paths), the locked area read-only; the project and PM Zone\'s project hooks trusted',
  'srt-rewrite': 'shell commands that are not plainly read-only rewritten to run under srt, the locked area read-only',
  none: 'no sandbox: its shell commands are judged by their reading, the backstop reports the rest',
};

function homeOf(input: CommandInput): string {
  return input.io.env.HOME || os.homedir();
}

function guardArguments(input: CommandInput): string[] {
  const { policyFile, codeownersFlavor } = input.global.settings;
  return [...(policyFile && policyFile !== 'CLAUDE.md' ? ['--policy-file', policyFile] : []), ...(codeownersFlavor && codeownersFlavor !== 'github' ? ['--codeowners-flavor', codeownersFlavor] : [])];
}

export const agentsCheckCommand: CliCommand = {
  name: 'agents check',
  usage: `agents check [--agent ${AGENTS.join('|')}]...`,
  summary: "per agent: whether PM Zone's guard is in its hook settings, whether the hook can find PM Zone, and whether it answers (one decision run through the configured command line); and, from the folder it runs in, whether the project's hooks load, whether your own hooks (agents init --me) are in force, and whether the sandbox is",
  options: AGENT_OPTION,
  async run(input) {
    const agents = chosenAgents(input);
    const context = await openRepository(input.global, { requireGit: true });
    const checks = await checkAgents(context.root, context.policy, agents, { env: input.io.env });
    const personal = await checkPersonal(input.global.cwd, agents, homeOf(input), input.io.env);
    const setUp = checks.filter((check) => check.configured);
    // The guard's files as git carries them: one that is ignored or not committed guards this clone only.
    const files = context.git ? await guardFileProblems(context.git, context.root, setUp.map((check) => check.file)) : [];
    if (setUp.length > 0) files.push(...(await launcherOfAnotherBuild(context.root, CLI_VERSION)));
    if (input.global.json) writeJson(input, { agents: checks.map((check, index) => ({ ...check, here: personal[index] })), files: files.map(({ file, severity, kind, message }) => ({ file, severity, kind, message })) });
    else {
      for (const [index, check] of checks.entries()) input.io.stdout.write(`${checkLine(check)}\n${hereLine(personal[index])}\n`);
      for (const problem of files) input.io.stdout.write(`${problem.message}\n`);
    }
    // Agents the team does not use are not failures; a guard that is set up and does not answer, or that git will not carry, is, and so is a PM's own guard that is not in force.
    const failing = setUp.filter((check) => !check.installed || check.reachable === false || check.answering !== true);
    const mine = personal.filter((check) => check.userHooks !== 'absent');
    failing.push(...checks.filter((_, index) => mine.includes(personal[index]) && (personal[index].userHooks !== 'in-force' || !['in-force', 'none', 'unverified-from-subfolder'].includes(personal[index].sandbox))));
    if (setUp.length === 0 && mine.length > 0) return failing.length > 0 ? 1 : 0;
    return setUp.length === 0 || failing.length > 0 || files.some((problem) => problem.severity === 'error') ? 1 : 0;
  },
};

function hereLine(check: PersonalCheck): string {
  const project = { 'in-force': 'in force', 'not-from-here': 'not loaded from this folder', absent: 'none', untrusted: 'not trusted (skipped without a word)' }[check.projectHooks];
  const user = { 'in-force': 'in force', absent: 'none', stale: 'out of date', 'not-guarded-here': 'silent here' }[check.userHooks];
  const sandbox = { 'in-force': 'in force', 'settings-missing': 'not set up', 'programs-missing': 'cannot run', none: 'none', 'unverified-from-subfolder': 'depends on the version from a subfolder', 'switched-off': 'switched off here' }[check.sandbox];
  return `  from this folder: project hooks ${project}; your hooks ${user}; sandbox ${sandbox}${check.detail.length > 0 ? `\n${check.detail.map((line) => `    ${line}`).join('\n')}` : ''}`;
}

function checkLine(check: AgentCheck): string {
  if (!check.configured) return `${check.agent}: not set up (${check.file} runs no PM Zone hook): pm-zone agents init --agent ${check.agent}`;
  const installed = check.installed ? 'installed' : `partly installed (no hook for ${check.missing.join(', ')})`;
  const reachable = reachableText(check);
  const answering = check.answering === true ? 'answering' : check.answering === false ? 'not answering' : 'not run';
  return `${check.agent}: ${installed}; ${reachable}; ${answering}: ${check.detail} (${check.file})`;
}

function reachableText(check: AgentCheck): string {
  const version = check.guard?.version ? ` ${check.guard.version}` : '';
  switch (check.reachable) {
    case 'node_modules':
      return `reachable (node_modules/pm-zone${version})`;
    case 'yarn-pnp':
      return `reachable (pm-zone${version} unpacked by Yarn Plug'n'Play, ${check.guard?.folder})`;
    case 'extension':
      return `reachable (the PM Zone extension${version}, ${check.guard?.folder})`;
    case 'path':
      return `reachable (pm-zone${version} on PATH, ${check.guard?.folder})`;
    default:
      return check.guard?.refused
        ? `refused (${check.guard.folder ?? GUARD_LAUNCHER}: ${check.guard.refused})`
        : 'not reachable (no node_modules/pm-zone, no PM Zone extension, no pm-zone on PATH)';
  }
}
