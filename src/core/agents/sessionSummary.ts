import type { GlobRule } from '../policy/model';
import type { RepositoryPolicy } from '../repository/assemble';

/**
 * What the agent reads at the start of a session, before it tries anything:
 * the PM's zone as CLAUDE.md writes it, in plain statements (Claude Code's
 * documentation asks for facts, not imperative "system" wording, which a
 * model may take for a prompt injection).
 */
export function sessionSummary(policy: RepositoryPolicy, committed?: RepositoryPolicy): string {
  const author = policy.author;
  const file = policy.zone.file;
  // The guard judges each edit under both the working tree's rules and the last commit's, the narrower
  // holding: when they differ, the agent is told the committed may-edit list and every lock of either.
  const changed = committed !== undefined && (globs(committed.zone.mayEdit) !== globs(policy.zone.mayEdit) || globs(committed.zone.engineeringOnly) !== globs(policy.zone.engineeringOnly));
  const mayEdit = changed ? committed.zone.mayEdit : policy.zone.mayEdit;
  const engineeringOnly = changed ? [...new Map([...committed.zone.engineeringOnly, ...policy.zone.engineeringOnly].map((rule) => [rule.glob, rule])).values()] : policy.zone.engineeringOnly;
  const lines = [
    `PM Zone: the person using this agent is ${author ? `${author.handle}, a pilot PM` : 'a pilot PM'} in this repository, working under the "PM zone" section of ${file}${policy.zone.line ? ` (line ${policy.zone.line})` : ''}${policy.zone.mode === 'regulated' ? ', regulated mode' : ''}.`,
    ...(changed ? [`The PM zone in the working tree's ${file} differs from the last commit's. Until the change is committed and reviewed, PM Zone holds to the narrower of the two: the files below are the last commit's may-edit list and the engineering-only files of both.`] : []),
    `Files the PM may edit: ${globs(mayEdit) || 'none are listed'}.`,
    `Engineering-only files (PM Zone refuses edits to them): ${globs(engineeringOnly) || 'none are listed'}; also the policy files (${file}, CODEOWNERS, the PM PR Review skill file, the planning template and the coding agents' hook settings).`,
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
