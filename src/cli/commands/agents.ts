import type { CliCommand } from '../commands';
import type { CommandInput } from '../run';
import { CliFailure, UsageError } from '../errors';
import { writeJson } from '../paths';
import { openRepository } from '../repositoryContext';
import { AGENTS, AgentConfigError, checkAgents, GUARD_LAUNCHER, initAgents, isAgentName, type AgentCheck, type AgentName } from '../../core/agents';
import type { CliOptions } from '../options';
import { checkCarried, UNIGNORE_OPTION } from '../carried';
import { detectPackageManager } from '../../core/repository';
import { guardFileProblems } from '../../core/repository';

const AGENT_OPTION: CliOptions = { agent: { type: 'string', multiple: true, value: AGENTS.join('|'), choices: AGENTS, description: 'only this agent (repeatable; default: every agent PM Zone knows)' } };

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
  usage: `agents init [--agent ${AGENTS.join('|')}]... [--unignore]`,
  summary: "write the coding agents' hooks that run PM Zone's guard (.pmzone/guard.cjs and each agent's settings, merged into what is there); an engineer's act: a pilot PM gets the request to send; exit 1 when git ignores a file it wrote",
  options: { ...AGENT_OPTION, ...UNIGNORE_OPTION },
  async run(input) {
    const agents = chosenAgents(input);
    const context = await openRepository(input.global, { requireGit: true });
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

export const agentsCheckCommand: CliCommand = {
  name: 'agents check',
  usage: `agents check [--agent ${AGENTS.join('|')}]...`,
  summary: "per agent: whether PM Zone's guard is in its hook settings, whether the hook can find PM Zone, and whether it answers (one decision run through the configured command line)",
  options: AGENT_OPTION,
  async run(input) {
    const agents = chosenAgents(input);
    const context = await openRepository(input.global, { requireGit: true });
    const checks = await checkAgents(context.root, context.policy, agents, { env: input.io.env });
    const setUp = checks.filter((check) => check.configured);
    // The guard's files as git carries them: one that is ignored or not committed guards this clone only.
    const files = context.git ? await guardFileProblems(context.git, context.root, setUp.map((check) => check.file)) : [];
    if (input.global.json) writeJson(input, { agents: checks, files: files.map(({ file, severity, kind, message }) => ({ file, severity, kind, message })) });
    else {
      for (const check of checks) input.io.stdout.write(`${checkLine(check)}\n`);
      for (const problem of files) input.io.stdout.write(`${problem.message}\n`);
    }
    // Agents the team does not use are not failures; a guard that is set up and does not answer, or that git will not carry, is.
    const failing = setUp.filter((check) => !check.installed || check.reachable === false || check.answering !== true);
    return setUp.length === 0 || failing.length > 0 || files.some((problem) => problem.severity === 'error') ? 1 : 0;
  },
};

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
