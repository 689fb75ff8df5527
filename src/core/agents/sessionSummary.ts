import type { GlobRule } from '../policy/model';
import type { RepositoryPolicy } from '../repository/assemble';

/**
 * What the agent reads at the start of a session, before it tries anything:
 * the PM's zone as CLAUDE.md writes it, in plain statements (Claude Code's
 * documentation asks for facts, not imperative "system" wording, which a
 * model may take for a prompt injection).
 */
export function sessionSummary(policy: RepositoryPolicy): string {
  const author = policy.author;
  const file = policy.zone.file;
  const lines = [
    `PM Zone: the person using this agent is ${author ? `${author.handle}, a pilot PM` : 'a pilot PM'} in this repository, working under the "PM zone" section of ${file}${policy.zone.line ? ` (line ${policy.zone.line})` : ''}${policy.zone.mode === 'regulated' ? ', regulated mode' : ''}.`,
    `Files the PM may edit: ${globs(policy.zone.mayEdit) || 'none are listed'}.`,
    `Engineering-only files (PM Zone refuses edits to them): ${globs(policy.zone.engineeringOnly) || 'none are listed'}; also the policy files (${file}, CODEOWNERS, the PM PR Review skill file, the planning template and the coding agents' hook settings).`,
    'Every other file is outside the PM zone: PM Zone asks the PM before an edit there, and such a change needs an engineering co-author.',
  ];
  if (author) {
    if (author.featureFolders.length > 0) lines.push(`The PM's feature folders: ${author.featureFolders.join(', ')}.`);
    if (author.engineeringDri) lines.push(`The PM's engineering DRI: ${author.engineeringDri}.`);
  }
  lines.push(`A change that needs engineering goes into the PLANNING.md of the feature folder as a hand-off to the engineering DRI, not into engineering's files.`);
  return lines.join('\n');
}

function globs(rules: readonly GlobRule[]): string {
  return rules.map((rule) => `\`${rule.glob}\`${rule.note ? ` (${rule.note})` : ''}`).join(', ');
}
