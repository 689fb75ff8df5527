// The zone tool's definition alone, with no import: `pm-zone mcp`'s help names
// the tool, and the command line copies this file instead of loading the agents' domain for it.

/** The tool's definition, named once: package.json's `languageModelTools` and the MCP server's tools/list say the same (a test checks). */
export const ZONE_TOOL = {
  name: 'check_pm_zone',
  title: 'PM Zone: may the PM edit these files?',
  description:
    "Says, for each file path, whether the product manager using this agent may edit it under the repository's PM zone (CLAUDE.md and CODEOWNERS): editable, locked (engineering-only: PM Zone's hooks refuse the edit) or outside the zone (needs an engineering co-author; the PM is asked first), with the rule and line behind it, the owners, and what to do instead. Call it before editing files for a PM. With no paths, it describes the PM's zone.",
  inputSchema: {
    type: 'object',
    properties: {
      paths: {
        type: 'array',
        items: { type: 'string' },
        description: 'Files to check: absolute paths, or paths relative to the repository root.',
      },
    },
  },
} as const;
