import * as path from 'node:path';
import type { RepositoryPolicy } from '../repository/assemble';
import { zoneSummary } from '../repository/describe';
import { zoneThroughLinks } from '../repository/linkedPath';
import { noZoneWords } from '../repository/zoneLocation';
import type { Zone } from '../types';
import { findRepository, repositoryWrite } from './repositoryLocation';
import { ZONE_TOOL } from './zoneToolDefinition';

// The zone offered to an agent as a tool it can call before it edits: the
// same answer as the badges and the hooks, for the editor's own agent (a
// VS Code language model tool) and any agent that speaks MCP (`pm-zone mcp`).
// Advice only: the hooks are where an edit is refused.

export { ZONE_TOOL };

const WHAT_IT_MEANS: Record<Zone, string> = {
  editable: 'the PM may edit it',
  locked: "engineering-only: PM Zone's hooks refuse an agent's edit for the PM; the engineering DRI makes this change",
  outside: 'outside the PM zone: the PM is asked before an edit, and the change needs an engineering co-author',
};

/** The tool's answer, as text a model reads. */
export async function zoneToolText(root: string, policy: RepositoryPolicy, paths: readonly string[]): Promise<string> {
  if (!policy.zone.defined) return `No PM zone is defined here (${noZoneWords(policy)}): PM Zone has nothing to say about these files.`;
  const who = policy.author
    ? `${policy.author.handle}, a pilot PM${policy.author.engineeringDri ? ` (engineering DRI ${policy.author.engineeringDri})` : ''}`
    : `someone PM Zone cannot identify as a pilot PM (${policy.identity.message}); the answers are those for any pilot PM`;
  const lines = [`PM Zone, for ${who}, by the PM zone of ${policy.zone.file}:`];
  if (paths.length === 0) {
    lines.push(`May edit: ${policy.zone.mayEdit.map((rule) => `\`${rule.glob}\``).join(', ') || 'nothing listed'}.`);
    lines.push(`Engineering-only: ${policy.zone.engineeringOnly.map((rule) => `\`${rule.glob}\``).join(', ') || 'nothing listed'}, and the policy files.`);
    if (policy.author?.featureFolders.length) lines.push(`Feature folders: ${policy.author.featureFolders.join(', ')}.`);
    return lines.join('\n');
  }
  const location = await findRepository(root);
  for (const given of paths) {
    const absolute = path.resolve(root, given);
    const write = location ? await repositoryWrite(location, absolute) : undefined;
    if (!write) {
      lines.push(`- ${given}: not in this repository; PM Zone has nothing to say about it.`);
      continue;
    }
    const answer = zoneThroughLinks(policy, write.relPath, write.tracked);
    lines.push(`- ${answer.path}: ${answer.zone}, ${WHAT_IT_MEANS[answer.zone]}. ${zoneSummary(answer, { forPm: true })}`);
  }
  return lines.join('\n');
}

/** The `paths` of the tool's input, whatever the caller sent. */
export function toolPaths(input: unknown): string[] {
  const paths = (input as { paths?: unknown } | null | undefined)?.paths;
  return Array.isArray(paths) ? paths.filter((p): p is string => typeof p === 'string' && p !== '') : [];
}
