import { parseArgs } from 'node:util';
import { isAgentName } from '../core/agents/model';

export interface GuardArguments {
  agent?: string;
  'policy-file'?: string;
  'codeowners-flavor'?: string;
}

/**
 * The guard's options as `parseArgs` reads them (strict: an unknown option
 * or a missing value throws). The hooks' own line, `--agent NAME` with a
 * known agent, is read without loading Node's argument parser, which every
 * tool call would otherwise load for it; a test holds the two equal.
 */
export function guardArguments(args: readonly string[]): GuardArguments {
  if (args.length === 2 && args[0] === '--agent' && isAgentName(args[1])) return { agent: args[1] };
  const { values } = parseArgs({
    args: [...args],
    options: { agent: { type: 'string' }, 'policy-file': { type: 'string' }, 'codeowners-flavor': { type: 'string' } },
    strict: true,
  });
  return values;
}
