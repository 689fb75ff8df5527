// Which agents a run of the tier drives: all of them, or those named in
// PM_ZONE_AGENT_CLIENTS (`npm run test:agents -- --agent claude` sets it).
import { AGENT_CLIENT_NAMES, type AgentClientName } from '../../../scripts/agent-clients.mjs';

export const AGENT_CLIENTS_ENV = 'PM_ZONE_AGENT_CLIENTS';

/** The agents among `names` this run drives. An unknown name in the variable is an error, never a silent skip. */
export function chosenAgents(names: readonly AgentClientName[] = AGENT_CLIENT_NAMES): AgentClientName[] {
  const asked = (process.env[AGENT_CLIENTS_ENV] ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = asked.filter((name) => !(AGENT_CLIENT_NAMES as string[]).includes(name));
  if (unknown.length > 0) throw new Error(`${AGENT_CLIENTS_ENV} names no agent client: ${unknown.join(', ')} (one of ${AGENT_CLIENT_NAMES.join(', ')})`);
  return asked.length === 0 ? [...names] : names.filter((name) => asked.includes(name));
}
