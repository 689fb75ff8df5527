import type { CliCommand } from '../commands';
import type { CommandInput } from '../run';
import { CliFailure, UsageError } from '../errors';
import { writeJson } from '../paths';
import { openRepository } from '../repositoryContext';
import { AGENTS, AgentConfigError, checkAgents, GUARD_LAUNCHER, initAgents, isAgentName, type AgentCheck, type AgentName } from '../../core/agents';
import type { CliOptions } from '../options';

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
  usage: `agents init [--agent ${AGENTS.join('|')}]...`,
  summary: "write the coding agents' hooks that run PM Zone's guard (.pmzone/guard.cjs and each agent's settings, merged into what is there); an engineer's act: a pilot PM gets the request to send",
  options: AGENT_OPTION,
  async run(input) {
    const agents = chosenAgents(input);
    const context = await openRepository(input.global, { requireGit: true });
    let outcome;
    try {
      outcome = await initAgents(context.root, context.policy, agents, { policyFile: input.global.settings.policyFile, codeownersFlavor: input.global.settings.codeownersFlavor });
    } catch (error) {
      throw new CliFailure(error instanceof AgentConfigError ? error.message : `could not write the hook settings: ${(error as Error).message}`, 1);
    }
    if (input.global.json) {
      writeJson(input, outcome);
    } else if (outcome.status === 'refused') {
      input.io.stderr.write(`pm-zone: ${outcome.message}\n\nThe request to send:\n\n${outcome.request}\n`);
    } else {
      for (const { file, action } of outcome.files) input.io.stdout.write(`${file} ${action === 'create' ? 'created' : action === 'update' ? 'updated' : 'unchanged'}\n`);
      if (outcome.advice) input.io.stdout.write(`${outcome.advice}\n`);
      input.io.stdout.write('Commit them, then run pm-zone agents check: it runs one decision through each agent\'s hook.\n');
    }
    return outcome.status === 'refused' ? 1 : 0;
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
    if (input.global.json) writeJson(input, { agents: checks });
    else for (const check of checks) input.io.stdout.write(`${checkLine(check)}\n`);
    // Agents the team does not use are not failures; a guard that is set up and does not answer is.
    const failing = setUp.filter((check) => !check.installed || check.reachable === false || check.answering !== true);
    return setUp.length === 0 || failing.length > 0 ? 1 : 0;
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
