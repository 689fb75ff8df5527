// The rule test cases of three public secret scanners (gitleaks, secretlint,
// detect-secrets), extracted by bench/secrets/extract-public-fixtures.py with
// the source of each: a corpus nobody here wrote, to measure recall and false
// positives on.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Scanner } from './index';

export interface PublicSample {
  /** `owner/repo@commit:path rule`. */
  source: string;
  positive: boolean;
  /** With `¦` taken out. */
  text: string;
  /** A file name the case was written in (secretlint's `input.yml`), when it matters. */
  name?: string;
  /** For a positive of several lines: the lines its secrets are on. */
  lines?: number[];
}

/**
 * Positives written as placeholders, or that are no credential: `xxxx`,
 * `EXAMPLE`, `12345678`, eight letters of the alphabet in a row in either case
 * (`abcdefgh`, `aBcDeFgH`, `klmnopqr`), a character eight times, `fake`,
 * `deadbeef`; and public IP addresses (detect-secrets reports those too).
 * PM Zone passes placeholders on purpose (they fill documentation), so
 * recall is also given without them.
 */
export const PLACEHOLDER_SHAPED = /x{4}|X{4}|EXAMPLE|[Ee]xample|12345678|ABCDEFG|(.)\1{7}|fake|FAKE|dummy|deadbeef/;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';
const ALPHABET_RUN = new RegExp(Array.from({ length: ALPHABET.length - 7 }, (_, i) => ALPHABET.slice(i, i + 8)).join('|'), 'i');

export function isPlaceholderShaped(sample: PublicSample): boolean {
  return PLACEHOLDER_SHAPED.test(sample.text) || ALPHABET_RUN.test(sample.text) || sample.source.includes('ip_public');
}

/**
 * Keys published with their products so that anyone can sign a sample token:
 * jwt.io's default HMAC secrets (old and current) and the one `supabase start`
 * signs its local keys with. A token they verify opens nothing.
 */
const PUBLISHED_JWT_KEYS = ['your-256-bit-secret', 'a-string-secret-at-least-256-bits-long', 'super-secret-jwt-token-with-at-least-32-characters-long'];
const JWT = /\beyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)?/g;

function jsonPart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A JWT no one can use as a credential: unsigned (`alg: none`, or no signature), or signed with a published key. */
function isOpenJwt(token: string): boolean {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const alg = jsonPart(header)?.alg;
  if (signature === '' || (typeof alg === 'string' && alg.toLowerCase() === 'none')) return true;
  const hash = typeof alg === 'string' ? { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg] : undefined;
  return hash !== undefined && PUBLISHED_JWT_KEYS.some((key) => createHmac(hash, key).update(`${header}.${payload}`).digest('base64url') === signature);
}

/** Words that stand for a password in a URL: `https://username:password@host`. */
const PASSWORD_WORD = /^(?:pass(?:word)?|secret|pwd)$/i;

/**
 * Positives that hold no secret however they are written: JWTs that are
 * unsigned or signed with a published key, a URL whose password is the word
 * `password`, HTTP Basic credentials with an empty password (`browser:`).
 * Told by what the value is, checked by decoding it, never by the test case.
 */
export function carriesNoSecret(sample: PublicSample): boolean {
  const jwts = sample.text.match(JWT) ?? [];
  const urlPasswords = [...sample.text.matchAll(/:\/\/[^\s:@/]+:([^\s:@/]+)@/g)].map((match) => match[1]);
  const basic = [...sample.text.matchAll(/\bBasic\s+([A-Za-z0-9+/]+=*)/g)].map((match) => Buffer.from(match[1], 'base64').toString('latin1'));
  const open = [...jwts.map(isOpenJwt), ...urlPasswords.map((password) => PASSWORD_WORD.test(password)), ...basic.map((credentials) => /^[^:]*:$/.test(credentials))];
  return open.length > 0 && open.every(Boolean);
}

/**
 * The same credential labelled both ways: a negative holding a value of 20
 * characters or more that another case calls a secret (a GitHub token among
 * detect-secrets' GitLab negatives, an npm token written under a mistyped
 * registry). Such a case tests one rule's scope, not whether the value is a
 * secret, so it counts neither way for a scanner as a whole.
 */
export function contradictedNegatives(samples: readonly PublicSample[]): Set<PublicSample> {
  const values = (text: string): string[] => text.match(/[A-Za-z0-9_+.-]{20,}/g) ?? [];
  const secret = new Set(samples.filter((sample) => sample.positive).flatMap((sample) => values(sample.text)));
  return new Set(samples.filter((sample) => !sample.positive && values(sample.text).some((value) => secret.has(value))));
}

export function publicSamples(): PublicSample[] {
  const raw = JSON.parse(readFileSync(path.join(__dirname, 'public.json'), 'utf8')) as PublicSample[];
  return raw.map((sample) => ({ ...sample, text: sample.text.replaceAll('¦', '') }));
}

/** Counts of one source's cases; `credentials` leaves out placeholders and positives that carry no secret, `scoredNegatives` the contradicted negatives. */
export interface PublicRow {
  positives: number;
  found: number;
  credentials: number;
  credentialsFound: number;
  negatives: number;
  falsePositives: number;
  scoredNegatives: number;
  scoredFalsePositives: number;
}

export interface PublicScore {
  scanner: string;
  bySource: Map<string, PublicRow>;
  missed: PublicSample[];
  falseAlarms: PublicSample[];
}

export function isCredentialSample(sample: PublicSample): boolean {
  return sample.positive && !isPlaceholderShaped(sample) && !carriesNoSecret(sample);
}

/**
 * A positive is found when the scanner blocks on one of its lines (its only
 * line, for a one-line case); a negative is a false positive when it blocks
 * anywhere. Contradicted negatives are judged among all the samples given.
 */
export async function scorePublic(name: string, scan: Scanner, samples = publicSamples()): Promise<PublicScore> {
  const score: PublicScore = { scanner: name, bySource: new Map(), missed: [], falseAlarms: [] };
  const contradicted = contradictedNegatives(samples);
  for (const sample of samples) {
    const source = sample.source.slice(0, sample.source.indexOf('@'));
    const row = score.bySource.get(source) ?? { positives: 0, found: 0, credentials: 0, credentialsFound: 0, negatives: 0, falsePositives: 0, scoredNegatives: 0, scoredFalsePositives: 0 };
    const lines = await scan(`config/${sample.name ?? 'sample.txt'}`, sample.text.endsWith('\n') ? sample.text : `${sample.text}\n`);
    if (sample.positive) {
      const credential = isCredentialSample(sample);
      row.positives++;
      if (credential) row.credentials++;
      const wanted = sample.lines ?? [1];
      if (lines.some((line) => wanted.includes(line) || (sample.lines === undefined && line > 0))) {
        row.found++;
        if (credential) row.credentialsFound++;
      } else score.missed.push(sample);
    } else {
      const scored = !contradicted.has(sample);
      row.negatives++;
      if (scored) row.scoredNegatives++;
      if (lines.length > 0) {
        row.falsePositives++;
        if (scored) row.scoredFalsePositives++;
        score.falseAlarms.push(sample);
      }
    }
    score.bySource.set(source, row);
  }
  return score;
}
