import type { CliCommand } from '../commands';
import { UsageError } from '../errors';
import { guardEnvironment } from '../guardEnvironment';
import { runGuard } from '../../core/agents';
import { AGENTS, isAgentName } from '../../core/agents/model';

export const guardCommand: CliCommand = {
  name: 'guard',
  usage: `guard --agent ${AGENTS.join('|')}`,
  summary: "answer a coding agent's hook: the JSON payload on stdin, the agent's own answer on stdout (deny a locked file, ask about one outside the zone, the zone at session start, a backstop before the agent stops)",
  options: { agent: { type: 'string', value: AGENTS.join('|'), choices: AGENTS, description: 'the agent whose hook payload arrives on standard input, answered in its shape' } },
  async run(input) {
    const agent = input.values.agent;
    if (!isAgentName(agent)) throw new UsageError(`guard takes --agent ${AGENTS.join('|')}${typeof agent === 'string' ? `, not '${agent}'` : ''}`);
    if (!input.io.stdin) throw new UsageError("guard reads the agent's hook payload on standard input, and there is none");
    let payload = '';
    for await (const chunk of input.io.stdin) payload += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    const output = await runGuard(agent, payload, guardEnvironment(input.global.cwd, input.io.env, input.global.settings));
    input.io.stdout.write(output.stdout);
    input.io.stderr.write(output.stderr);
    return output.exitCode;
  },
};
