// Whom the PM zone restricts: the one rule the pre-commit hook, the GitHub
// Action, the coding agents' guard and the editor's automatic review all
// apply, so an engineer is never stopped by one of them and waved through by
// another. Light on purpose: the guard's bundle imports it.
import type { Identity } from './identity';
import type { Pilot } from './model';

/**
 * - an identified pilot PM is bound, and reviewed as that pilot;
 * - someone who could be a pilot PM (git has no e-mail, or an e-mail the
 *   policy cannot rule out because a pilot's own is not listed) is bound too,
 *   with PM Zone's narrower answers for an unknown PM: failing closed;
 * - everyone else (named as someone who is no pilot, an e-mail no pilot can
 *   have, a repository without a PM zone or without pilots) is not bound.
 */
export type ZoneBinding =
  | { bound: true; pilot: Pilot; message: string }
  | { bound: true; pilot?: undefined; couldBe: string[]; message: string }
  | { bound: false; why: 'no-zone' | 'no-pilots' | 'not-a-pilot'; message: string };

/** The words every surface uses for someone the zone does not restrict. */
export const NOT_RESTRICTED = 'not a pilot PM: the PM zone does not restrict you';

export function zoneBinding(identity: Identity): ZoneBinding {
  if (identity.known) return { bound: true, pilot: identity.pilot, message: identity.message };
  const why = withoutAdvice(identity.message);
  if (identity.why === 'no-zone') return { bound: false, why: 'no-zone', message: `${capital(NOT_RESTRICTED)} (${lowerFirst(why)}).` };
  if (identity.why === 'no-pilots') return { bound: false, why: 'no-pilots', message: `${capital(NOT_RESTRICTED)} (${lowerFirst(why)}).` };
  if (identity.couldBe.length === 0) return { bound: false, why: 'not-a-pilot', message: `${capital(NOT_RESTRICTED)} (${lowerFirst(why)}).` };
  if (identity.why === 'pilots-unreadable') return { bound: true, couldBe: identity.couldBe, message: `${why}: you are held to the PM zone as a pilot PM would be (an engineer fixes the table; pm-zone check-config shows where).` };
  const unlisted = identity.why === 'no-email'
    ? 'Git has no user.email and no identity was chosen, so PM Zone cannot tell whether you are a pilot PM'
    : `${why}, but ${names(identity.couldBe)} ${identity.couldBe.length === 1 ? 'has' : 'have'} no e-mail there, so PM Zone cannot tell you are not ${identity.couldBe.length === 1 ? 'them' : 'one of them'}`;
  const fix = identity.why === 'no-email'
    ? 'set git user.email, or name yourself with --as @handle'
    : "an engineer lists every pilot's e-mail in the Pilot PMs table, or name yourself with --as @handle";
  return { bound: true, couldBe: identity.couldBe, message: `${unlisted}: you are held to the PM zone as a pilot PM would be (${fix}).` };
}

/** Identity messages end with how to choose a pilot identity, which someone who is no pilot has no use for. */
function withoutAdvice(message: string): string {
  return message.replace(/[;.] (?:the pilots are|no pilot PM is listed).*$/s, '').replace(/\.$/, '');
}

function names(handles: readonly string[]): string {
  return handles.length <= 1 ? handles.join('') : `${handles.slice(0, -1).join(', ')} and ${handles[handles.length - 1]}`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  // "Git's user.email …" reads as a clause in parentheses; a file name (CLAUDE.md) keeps its case.
  return /^Git\b/.test(text) ? `git${text.slice(3)}` : text;
}
