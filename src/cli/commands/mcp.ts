import type { CliCommand } from '../commands';
import { UsageError } from '../errors';
import { asking, openRepository } from '../repositoryContext';
import { CLI_VERSION } from '../version';
import { serveMcp, toolPaths, zoneToolText } from '../../core/agents';
import { ZONE_TOOL } from '../../core/agents/zoneToolDefinition';
import { AS_OPTION } from '../options';

export const mcpCommand: CliCommand = {
  name: 'mcp',
  usage: 'mcp [--as @handle]',
  summary: `serve the zone to a coding agent as an MCP tool over stdio (${ZONE_TOOL.name}: may the PM edit these files, and why); advice only, the hooks refuse edits`,
  options: AS_OPTION,
  async run(input) {
    if (!input.io.stdin) throw new UsageError('mcp serves on standard input and output, and there is no standard input');
    const tool = {
      ...ZONE_TOOL,
      // Read again on every call: the rules are what CLAUDE.md and CODEOWNERS say now.
      call: async (args: unknown) => {
        const context = await openRepository(input.global, asking(input));
        return { text: await zoneToolText(context.root, context.policy, toolPaths(args)) };
      },
    };
    const info = { name: 'pm-zone', version: CLI_VERSION, instructions: `Before editing files for a product manager, call ${ZONE_TOOL.name} with their paths: PM Zone says which the PM may edit.` };
    await serveMcp(input.io.stdin, (line) => input.io.stdout.write(line), info, [tool]);
    return 0;
  },
};
