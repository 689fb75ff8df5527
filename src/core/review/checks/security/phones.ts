import { matchAll } from './scan';

/**
 * Runs of digits with phone separators. The lookarounds keep out identifiers
 * (`v1.2.3`), prices (`$1 299`), paths and percentages (a `tel:` link is
 * still read); the shapes below decide the rest, times and dates included.
 */
const CANDIDATE = /(?<![\w.+/$\u20ac\u00a3\u00a5#@-])\+?\(?\d[\d ().-]{5,22}\d(?![\w/:%@-])/g;

/** North American numbers: (415) 555-2671, 415-555-2671, 415.555.2671, 1 415 555 2671. */
const NANP = /^(?:1[ .-]|1)?(?:\([2-9]\d\d\) ?|[2-9]\d\d[ .-])[2-9]\d\d[ .-]\d{4}$/;
/** Numbers with a trunk 0: 020 7946 0018, 07700 900123, 030 12345678. */
const TRUNK_ZERO = /^0[1-9]\d{0,3}[ -]\d{3,4}[ -]?\d{3,4}$/;
/** French style pairs: 06 12 34 56 78, 06.12.34.56.78. */
const PAIRS = /^0[1-9][ .]\d\d[ .]\d\d[ .]\d\d[ .]\d\d$/;
/** International: +CC then groups; 8 to 15 digits in all (E.164). */
const INTERNATIONAL = /^\+[1-9][\d ().-]{6,22}$/;

/** A local number without its area code, as examples give it: 555-0100. */
const LOCAL_NUMBER = /^[2-9]\d\d[ .-]\d{4}$/;

/** Phone numbers in a line, as 0-based offsets and the text as written. */
export function findPhoneNumbers(line: string): { start: number; value: string }[] {
  return phonesIn(line, isPhoneNumber).filter((phone) => !isFictional(phone.value));
}

/**
 * Numbers written as phone numbers, fictional and local ones included
 * (555-0100, +1 415 555 0123): what a source string gives as its example.
 */
export function findPhoneShapes(line: string): { start: number; value: string }[] {
  return phonesIn(line, (candidate) => isPhoneNumber(candidate) || LOCAL_NUMBER.test(candidate));
}

function phonesIn(line: string, accepts: (candidate: string) => boolean): { start: number; value: string }[] {
  const found: { start: number; value: string }[] = [];
  for (const match of matchAll(CANDIDATE, line)) {
    const phone = longestPhoneIn(match.text, accepts);
    if (phone) found.push({ start: match.start + phone.offset, value: phone.value });
  }
  return found;
}

/**
 * The longest run of space-separated groups that is a phone number. A run of
 * digits also catches short neighbours ("room 12 415-555-2671", "open 7 days"),
 * which may be left out; longer groups may not, or the tail of a card or an id
 * would pass for a phone number.
 */
function longestPhoneIn(candidate: string, accepts: (value: string) => boolean): { offset: number; value: string } | undefined {
  const groups = [...candidate.matchAll(/[^ ]+/g)].map((m) => ({ from: m.index, to: m.index + m[0].length }));
  const droppable = (group: { from: number; to: number }): boolean => candidate.slice(group.from, group.to).replace(/\D/g, '').length <= 2;
  let best: { offset: number; value: string } | undefined;
  for (let first = 0; first < groups.length; first++) {
    for (let last = groups.length - 1; last >= first; last--) {
      const from = groups[first].from;
      const value = candidate.slice(from, groups[last].to);
      if (/\d$/.test(value) && (!best || value.length > best.value.length) && accepts(value)) {
        best = { offset: from, value };
      }
      if (!droppable(groups[last])) break;
    }
    if (!droppable(groups[first])) break;
  }
  return best;
}

export function isPhoneNumber(candidate: string): boolean {
  if (/[ .()-]{2}/.test(candidate.replace(/\) /g, ')'))) return false;
  const digits = candidate.replace(/\D/g, '');
  if (candidate.startsWith('+')) {
    if (!INTERNATIONAL.test(candidate) || digits.length < 8 || digits.length > 15) return false;
    if (digits.startsWith('1')) return digits.length === 11 && /^1[2-9]\d\d[2-9]/.test(digits);
    return true;
  }
  return NANP.test(candidate) || TRUNK_ZERO.test(candidate) || PAIRS.test(candidate);
}

/**
 * Ranges set aside for films and documentation: NANP 555-0100..0199 and the
 * unassigned area code 555; Ofcom's drama ranges in the UK.
 */
export function isFictional(candidate: string): boolean {
  let digits = candidate.replace(/\D/g, '');
  if (candidate.startsWith('+44')) digits = `0${digits.slice(2)}`;
  else if (candidate.startsWith('+1') || (digits.length === 11 && digits.startsWith('1'))) digits = digits.slice(1);
  if (digits.length === 10 && !digits.startsWith('0')) {
    const area = digits.slice(0, 3);
    const exchange = digits.slice(3, 6);
    const line = Number(digits.slice(6));
    return area === '555' || (exchange === '555' && line >= 100 && line <= 199);
  }
  return /^(?:07700900|02079460|01632960|01(?:1\d|\d1)4960)/.test(digits);
}
