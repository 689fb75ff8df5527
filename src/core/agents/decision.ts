import type { ZoneAnswer } from '../policy/zoneModel';
import type { RepositoryPolicy } from '../repository/assemble';
import { zoneSummary } from '../repository/describe';
import type { GuardAnswer } from './model';
import type { WriteEffect } from './shellWrites';

/** One file a tool call would write, with its zone as the PM's badge shows it. */
export interface JudgedWrite {
  answer: ZoneAnswer;
  effect: WriteEffect;
  /** The file is known only when the command runs (see ShellTarget): the PM decides. */
  unnamed?: string;
}

/** Files named one by one in a reason; past this many, the count of the rest is given (never a list cut short without it). */
const LISTED = 50;

/** A lock that is PM Zone's own, not the policy's: what the guard itself stands on. */
export function builtInLock(shown: string, rule: string, message: string): ZoneAnswer {
  return { path: shown, zone: 'locked', reasons: [{ source: 'built-in', line: null, rule, message }], owners: [], ownersLine: null, ownersFile: null, unenforced: false, qualifiers: [] };
}

/**
 * The one decision every agent's adapter writes out: a write to a locked
 * file is refused, one outside the zone is the PM's to allow, the rest is
 * left alone. Going back to the last commit's version is never refused:
 * it is how an edit that should not have happened is undone.
 */
export function decideWrites(writes: readonly JudgedWrite[], policy: RepositoryPolicy): GuardAnswer {
  const counted = writes.filter((write) => write.effect !== 'restore-head');
  // A folder and the files in it may be judged by more than one target: each path is named once.
  const named = [...new Map(counted.filter((write) => write.unnamed === undefined).map((write) => [write.answer.path, write.answer])).values()];
  const unnamed = [...new Set(counted.flatMap((write) => (write.unnamed === undefined ? [] : [write.unnamed])))];
  const locked = named.filter((answer) => answer.zone === 'locked');
  if (locked.length > 0) return { kind: 'deny', reason: lockedReason(locked, policy) };
  const outside = named.filter((answer) => answer.zone === 'outside');
  if (outside.length > 0 || unnamed.length > 0) return { kind: 'ask', reason: [...(outside.length > 0 ? [outsideReason(outside, policy)] : []), ...(unnamed.length > 0 ? [unnamedReason(unnamed)] : [])].join('\n') };
  return { kind: 'silent' };
}

/** Files only the running command knows: the guard cannot tell their zone, and says so rather than lets them pass. */
function unnamedReason(unnamed: readonly string[]): string {
  const listed = unnamed.slice(0, LISTED).map((what) => (what.includes('`') ? what : `\`${what}\``)).join(', ');
  const more = unnamed.length > LISTED ? `, and ${unnamed.length - LISTED} more (${unnamed.length} in all)` : '';
  return [
    `PM Zone: this command writes files that are known only when it runs (${listed}${more}), so PM Zone cannot tell whether the PM may edit them.`,
    'The PM decides whether to go ahead. Naming each file in the command (or using the edit tool) lets PM Zone check it; engineering-only files stay the engineers\' to change.',
  ].join('\n');
}

function lockedReason(answers: ZoneAnswer[], policy: RepositoryPolicy): string {
  return [
    `PM Zone: ${subject(answers)} engineering-only, which the PM you work for may not edit: this edit was refused.`,
    ...why(answers),
    `Do not make this change another way (another tool, a shell command, a copy or a move). Tell the PM it needs engineering: ${nextStep(policy)}`,
  ].join('\n');
}

function outsideReason(answers: ZoneAnswer[], policy: RepositoryPolicy): string {
  const dri = policy.author?.engineeringDri;
  return [
    `PM Zone: ${subject(answers)} outside the PM zone: a change there needs an engineering co-author.`,
    ...why(answers),
    `The PM decides whether to go ahead; if they do, an engineer${dri ? ` (the engineering DRI, ${dri})` : ''} co-authors and reviews the change.`,
  ].join('\n');
}

/** A file that could not be judged: the PM decides, and is told why. */
export function unreadableEditReason(tool: string): string {
  return `PM Zone: could not tell which file the ${tool} tool writes from its input, so it cannot say whether the PM may edit it. The PM decides.`;
}

/** A file named as a URI no folder here holds: refused, since whether it is locked cannot be told. */
export function unplaceableEditReason(tool: string, given: string): string {
  return `PM Zone: the ${tool} tool names its file as ${given}, which PM Zone cannot place in the repository, so it cannot tell which file this is: this edit was refused. Give the file's path instead.`;
}

/** Files named past which a late answer also suggests smaller steps. */
const FEW_FILES = 20;

/**
 * A tool call not judged in time: refused, since an agent lets a hook that
 * times out pass; with the real reason. `named`: how many files the call was
 * found to write when time ran out (undefined while its command was still
 * being read): a call of a few files ran out of time because the machine is
 * busy, not because it is large.
 */
export function tooSlowReason(deadlineMs: number, named?: number): string {
  const limit = `${deadlineMs / 1000} s`;
  const refused = 'so it was refused: an unchecked edit could reach engineering-only files.';
  const what = named === undefined ? 'reading this command' : `checking the ${named === 1 ? 'file' : `${named} files`} this tool call writes`;
  // What ran out is time, whatever the count: a large call is told it may help to split it, never that it names too many files.
  const next = named !== undefined && named > FEW_FILES ? 'try the same call again, or make the change in smaller steps' : 'try the same call again';
  return `PM Zone: ${what} took longer than ${limit} (the computer is busy, or the repository is large), ${refused} Nothing was changed: ${next}.`;
}

/** A failure while judging a file edit: refused, with the failure, never let through unjudged. */
export function internalErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `PM Zone: this edit was refused because PM Zone could not check it against the PM zone (${message.trim().split(/\r?\n/)[0]}). Run \`pm-zone agents check\` to see what is wrong; an engineer can fix it.`;
}

function subject(answers: ZoneAnswer[]): string {
  const shown = answers.slice(0, LISTED).map((answer) => answer.path);
  const more = answers.length > LISTED ? `, and ${answers.length - LISTED} more files (${answers.length} in all)` : '';
  return answers.length === 1 ? `${shown[0]} is` : `${shown.join(', ')}${more} are`;
}

/** Why each file is what it is, one line per rule: files under the same rule share a line, every file named. */
function why(answers: ZoneAnswer[]): string[] {
  const byRule = new Map<string, string[]>();
  for (const answer of answers.slice(0, LISTED)) {
    const summary = zoneSummary(answer, { forPm: true });
    byRule.set(summary, [...(byRule.get(summary) ?? []), answer.path]);
  }
  return [...byRule].map(([summary, paths]) => `- ${paths.join(', ')}: ${summary}`);
}

/** The sanctioned way on: the engineering DRI named in CLAUDE.md, and the planning doc's hand-off. */
function nextStep(policy: RepositoryPolicy): string {
  const author = policy.author;
  const dri = author?.engineeringDri;
  const ask = dri ? `ask the engineering DRI, ${dri}` : `ask the engineering DRI named in ${policy.zone.file}`;
  const folders = author && author.featureFolders.length > 0 ? ` of the feature folder (${author.featureFolders.join(', ')})` : '';
  return `${ask}, and write what engineering needs to do into the PLANNING.md${folders} as a hand-off.`;
}
