import type { Reason, Zone } from '../types';
import type { ZoneAnswer } from '../policy';
import type { ZonePolicy } from '../policy/model';

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

/**
 * A hover that leads with the answer: the zone, then the rule in plain
 * words (the CLAUDE.md line's own note first, "user-facing strings"), then
 * the glob and where it is written, then the owners: "PM-editable:
 * user-facing strings, .json files in a folder named i18n (rule
 * `**\/i18n/*.json`, CLAUDE.md:34). Owners: @dana (.github/CODEOWNERS:5)".
 * `noteOf` gives the note of the CLAUDE.md line behind a reason, if any.
 */
export function zoneHover(answer: ZoneAnswer, noteOf: (reason: Reason) => string | undefined = () => undefined): string {
  const policyReasons = answer.reasons.filter((r) => !isOwnersReason(r, answer));
  const main = policyReasons[0];
  const more = policyReasons.length > 1 ? ` (and ${policyReasons.length - 1} more rule${policyReasons.length === 2 ? '' : 's'})` : '';
  const owners = answer.owners.length > 0 ? ` Owners: ${answer.owners.join(' ')} (${answer.ownersFile}:${answer.ownersLine}).` : '';
  const unenforced = answer.unenforced ? ' Not enforced: no CODEOWNERS rule owns it.' : '';
  return `${ZONE_TITLES[answer.zone]}${main ? `: ${reasonInWords(main, noteOf(main))}` : '.'}${more}${owners}${unenforced}`;
}

/** A reason in words first, its glob and line after: "anything in a folder named auth (rule `**\/auth/**`, CLAUDE.md:31)." */
function reasonInWords(reason: Reason, note: string | undefined): string {
  // "PM-editable: a planning doc of a feature": the zone is said once, before it.
  if (reason.line === null) return `${reasonWords(reason, note)}.`;
  const where = `rule \`${reason.rule}\`, ${reasonLocation(reason)}`;
  const words = plainWords(reason, note);
  return words ? `${words} (${where}).` : `${where}.`;
}

/**
 * A reason in plain words only, no glob and no line: "user-facing strings,
 * .json files in a folder named i18n"; "anything in a folder named auth".
 * A rule whose glob has no words and no note is "a rule of CLAUDE.md".
 */
export function reasonWords(reason: Reason, note?: string): string {
  return plainWords(reason, note) ?? `a rule of ${reason.source}`;
}

function plainWords(reason: Reason, note: string | undefined): string | undefined {
  if (reason.line === null) return sentence(reason.message.replace(/^(?:PM-editable|Engineering only|Outside the PM zone|Not in the PM zone): /, ''));
  const quoted = `\`${reason.rule}\` `;
  // "`**/components/*.tsx` is PM-editable only inside your own feature folders…": the sentence without its glob.
  if (reason.message.startsWith(quoted)) return sentence(reason.message.slice(quoted.length).replace(/^is /, ''));
  return [note, globInWords(reason.rule)].filter((part): part is string => Boolean(part)).join(', ') || undefined;
}

/**
 * The zone and its main reason in a PM's words, with where the rule is
 * written and no glob: "Engineering only: anything in a folder named auth
 * (CLAUDE.md:31)." The hover's words, for messages a PM reads.
 */
export function zoneInWords(answer: ZoneAnswer, noteOf: (reason: Reason) => string | undefined = () => undefined): string {
  const main = answer.reasons.filter((r) => !isOwnersReason(r, answer))[0];
  if (!main) return `${ZONE_TITLES[answer.zone]}.`;
  return `${ZONE_TITLES[answer.zone]}: ${reasonWords(main, noteOf(main))}${main.line === null ? '' : ` (${reasonLocation(main)})`}.`;
}

function sentence(text: string): string {
  return text.replace(/\.$/, '');
}

/**
 * A glob in words, for the common shapes of a PM zone; undefined for the
 * rest, which are shown as written. `**\/auth/**` → "anything in a folder
 * named auth"; `**\/i18n/*.json` → ".json files in a folder named i18n";
 * `.github/workflows/**` → "anything in .github/workflows/".
 */
export function globInWords(glob: string): string | undefined {
  const path = glob.replace(/^\//, '');
  const wild = (part: string) => /[*?[\]{}!]/.test(part);
  let match: RegExpExecArray | null;
  if ((match = /^\*\*\/([^/]+)\/\*\*$/.exec(path)) && !wild(match[1])) return `anything in a folder named ${match[1]}`;
  if ((match = /^(.+)\/\*\*$/.exec(path)) && !wild(match[1])) return `anything in ${match[1]}/`;
  if ((match = /^\*\*\/([^/]+)\/\*(\.[\w.-]+)$/.exec(path)) && !wild(match[1])) return `${match[2]} files in a folder named ${match[1]}`;
  if ((match = /^\*\*\/\*(\.[\w.-]+)$/.exec(path))) return `every ${match[1]} file`;
  if ((match = /^\*\*\/([^/*?[\]{}!]+)\/([^/*?[\]{}!]+)$/.exec(path))) return `every ${match[2]} in a folder named ${match[1]}`;
  if ((match = /^\*\*\/([^/*?[\]{}!]+)$/.exec(path))) return `every file named ${match[1]}`;
  if (!wild(path)) return `the file ${path}`;
  return undefined;
}

/** The note of the CLAUDE.md line behind a reason ("user-facing strings"), for `zoneHover`. */
export function noteOfReason(policy: Pick<ZonePolicy, 'file' | 'mayEdit' | 'engineeringOnly'>): (reason: Reason) => string | undefined {
  return (reason) => {
    if (reason.line === null) return undefined;
    const rules = [...policy.mayEdit, ...policy.engineeringOnly];
    return rules.find((rule) => rule.line === reason.line && rule.glob === reason.rule && (rule.file ?? policy.file) === reason.source)?.note?.trim() || undefined;
  };
}
