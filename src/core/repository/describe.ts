import type { Reason, Zone } from '../types';
import type { ZoneAnswer } from '../policy';

export const ZONE_TITLES: Record<Zone, string> = {
  editable: 'PM-editable',
  locked: 'Engineering only',
  outside: 'Outside the PM zone',
};

/** `CLAUDE.md:31` or `built-in`. */
export function reasonLocation(reason: Reason): string {
  return reason.line === null ? reason.source : `${reason.source}:${reason.line}`;
}

/**
 * One line a PM reads in a tooltip: "Engineering only — `**\/auth/**`
 * (CLAUDE.md:31); owners @acme/security (.github/CODEOWNERS:2)".
 */
export function zoneSummary(answer: ZoneAnswer, options: { forPm?: boolean } = {}): string {
  const policyReasons = answer.reasons.filter((r) => !isOwnersReason(r, answer));
  const main = policyReasons[0];
  const because = main ? (main.line === null ? ` — ${main.message}` : ` — \`${main.rule}\` (${reasonLocation(main)})`) : '';
  const more = policyReasons.length > 1 ? ` and ${policyReasons.length - 1} more` : '';
  const owners = answer.owners.length > 0 ? `; owners ${answer.owners.join(' ')} (${answer.ownersFile}:${answer.ownersLine})` : '';
  // Enforcement is engineering's to fix; a PM is told only what holds for them.
  const unenforced = answer.unenforced && !options.forPm ? '; not enforced: no CODEOWNERS rule owns it' : '';
  return `${ZONE_TITLES[answer.zone]}${because}${more}${owners}${unenforced}`;
}

export function isOwnersReason(reason: Reason, answer: ZoneAnswer): boolean {
  return answer.ownersFile !== null && reason.source === answer.ownersFile && reason.line === answer.ownersLine;
}

/** Several lines for the terminal: the path, its zone, then every reason with its location. */
export function describeZone(answer: ZoneAnswer): string {
  const lines = [`${answer.path}: ${answer.zone}${answer.unenforced ? ' (unenforced)' : ''}`];
  for (const reason of answer.reasons) lines.push(`  ${reasonLocation(reason)}  ${reason.rule ? `${reason.rule}  ` : ''}${reason.message}`);
  return lines.join('\n');
}
