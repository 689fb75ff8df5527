import type { Pilot, ZonePolicy } from './model';
import { handleOfNoreplyEmail } from './people';

/** Who is asking, as the front end knows it: `--as` / `pmZone.identity`, and git's user.email. */
export interface Asker {
  handle?: string;
  email?: string;
}

/**
 * Who the PM is, or exactly why PM Zone cannot tell. Every surface (the
 * editor, the command line, the hook) shows `message` as it is, so the PM
 * reads the same sentence everywhere.
 */
export type Identity =
  | { known: true; pilot: Pilot; from: 'handle' | 'email'; message: string }
  | {
      known: false;
      why: 'no-zone' | 'no-pilots' | 'not-a-pilot' | 'email-not-a-pilot' | 'no-email' | 'pilots-unreadable';
      message: string;
      /**
       * The pilots this person could still be, as far as the policy can
       * tell: every pilot when git has no e-mail, the pilots whose e-mail
       * the policy does not list when git's is nobody's. Empty when they
       * named themselves, or their e-mail settles it (see zoneBinding).
       */
      couldBe: string[];
    };

const bare = (handle: string) => handle.trim().replace(/^@/, '').toLowerCase();

/**
 * The pilot PM someone is. An explicit handle (`--as @alice`, with or without
 * `@`, any case) decides alone: naming someone who is not a pilot gives an
 * unknown identity that says so, never a different pilot found by e-mail.
 * Without a handle, git's user.email is matched against the pilots' e-mails
 * (ignoring case), and a GitHub noreply address against their handles.
 */
export function resolveIdentity(policy: ZonePolicy, who: Asker): Identity {
  const handle = who.handle?.trim() ? bare(who.handle) : undefined;
  const email = who.email?.trim().toLowerCase() || undefined;
  const where = pilotsWhere(policy);
  if (handle) {
    const pilot = policy.pilots.find((candidate) => bare(candidate.handle) === handle);
    if (pilot) return { known: true, pilot, from: 'handle', message: `You are ${pilot.handle} (chosen), a pilot PM of ${where}.` };
    if (!policy.defined) return unknown('no-zone', `${policy.file} defines no PM zone, so @${handle} is not a pilot PM there.`);
    return unknown('not-a-pilot', `@${handle} is not a listed pilot PM (${where})${listed(policy)}`);
  }
  if (!policy.defined) return unknown('no-zone', `${policy.file} defines no PM zone, so nobody is a pilot PM here.`);
  const unreadable = policy.pilotsUnreadable;
  if (unreadable !== undefined) {
    // The table cannot be read: anyone it does not show to be someone else could be on it (failing closed).
    const pilot = email ? pilotByEmail(policy, email) : undefined;
    if (pilot) return { known: true, pilot, from: 'email', message: `You are ${pilot.handle}: git's user.email ${who.email?.trim()} is theirs in ${where}.` };
    return unknown('pilots-unreadable', `The pilot PMs table of ${policy.file}:${unreadable} cannot be read, so PM Zone cannot tell whether you are a pilot PM`, [`anyone the table at ${policy.file}:${unreadable} lists`]);
  }
  if (policy.pilots.length === 0) return unknown('no-pilots', `${policy.file} lists no pilot PMs: its PM zone section has no "Pilot PMs" table or list.`);
  if (!email) return unknown('no-email', `Git has no user.email and no identity was chosen${listed(policy)}`, policy.pilots.map((candidate) => candidate.handle));
  const pilot = pilotByEmail(policy, email);
  if (pilot) return { known: true, pilot, from: 'email', message: `You are ${pilot.handle}: git's user.email ${who.email?.trim()} is theirs in ${where}.` };
  // A GitHub noreply address names its account: no other pilot can be behind it. Otherwise a pilot whose e-mail is not listed might be.
  const couldBe = handleOfNoreplyEmail(email) ? [] : policy.pilots.filter((candidate) => !candidate.email?.trim()).map((candidate) => candidate.handle);
  return unknown('email-not-a-pilot', `Git's user.email ${who.email?.trim()} is not a pilot PM's in ${where}${listed(policy)}`, couldBe);
}

/** The pilot `who` names, or undefined; see resolveIdentity for why. */
export function findPilot(policy: ZonePolicy, who: Asker): Pilot | undefined {
  const identity = resolveIdentity(policy, who);
  return identity.known ? identity.pilot : undefined;
}

function pilotByEmail(policy: ZonePolicy, email: string): Pilot | undefined {
  const exact = policy.pilots.find((pilot) => pilot.email?.trim().toLowerCase() === email);
  if (exact) return exact;
  const noreplyHandle = handleOfNoreplyEmail(email);
  return noreplyHandle ? policy.pilots.find((pilot) => bare(pilot.handle) === bare(noreplyHandle)) : undefined;
}

function unknown(why: Extract<Identity, { known: false }>['why'], message: string, couldBe: string[] = []): Identity {
  return { known: false, why, message, couldBe };
}

function pilotsWhere(policy: ZonePolicy): string {
  const line = policy.pilotsLine ?? policy.pilots[0]?.line ?? policy.line;
  return line === undefined ? policy.file : `${policy.file}:${line}`;
}

/** "; the pilots are @alice (alice@acme.test), @bob. Choose who you are: …" */
function listed(policy: ZonePolicy): string {
  const pilots = policy.pilots.map((pilot) => (pilot.email ? `${pilot.handle} (${pilot.email})` : pilot.handle));
  const names = pilots.length > 0 ? `; the pilots are ${pilots.join(', ')}` : '; no pilot PM is listed';
  return `${names}. Choose who you are: --as @handle on the command line, "PM Zone: Choose who I am" in the editor.`;
}
