/** What a subheading or bold label inside the PM zone section introduces. */
export type BlockKind = 'mayEdit' | 'engineeringOnly' | 'pilots' | 'flags';

function normalized(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2019`*_:()[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The heading of the zone section itself: "PM zone", "PM Zone boundaries",
 * "The PM zone", or the proposal's "Files Pilot PMs Can and Cannot Touch".
 */
export function isZoneHeading(text: string): boolean {
  const words = normalized(text);
  if (/\bpm[ -]zone\b/.test(words)) return true;
  return /\bpms?\b/.test(words) && /\bcan and cannot (touch|edit)\b/.test(words);
}

// Deny words are tested first: "cannot touch" contains "touch", and "not
// allowed" contains "allowed". Allow words before people words: "PMs may
// edit" names PMs but introduces globs.
const DENY = /\b(engineering[ -]only|engineering zone|eng[ -]only|cannot|can not|can't|may not|must not|never|locked|forbidden|off[ -]limits|not allowed|denied|deny|do not (touch|edit)|don't (touch|edit)|no[ -]go|restricted)\b/;
const ALLOW = /\b(may (edit|touch|change)|can (edit|touch|change)|allowed|allow|pm[ -]editable|editable|in scope)\b/;
const FLAGS = /\bflags?\b/;
const PEOPLE = /\b(pilot pms|pilots?|pms|product managers|people)\b/;

export function classifyTitle(text: string): BlockKind | undefined {
  const words = normalized(text);
  if (DENY.test(words)) return 'engineeringOnly';
  if (ALLOW.test(words)) return 'mayEdit';
  if (FLAGS.test(words)) return 'flags';
  if (PEOPLE.test(words)) return 'pilots';
  return undefined;
}
