// The rule test cases of three public secret scanners (gitleaks, secretlint,
// detect-secrets), extracted by bench/secrets/extract-public-fixtures.py with
// the source of each: a corpus nobody here wrote, to measure recall and false
// positives on.
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
 * `EXAMPLE`, `12345678`, `abcdefgh`, a character eight times, `fake`,
 * `deadbeef`; and public IP addresses (detect-secrets reports those too).
 * PM Zone passes placeholders on purpose (they fill documentation), so
 * recall is also given without them.
 */
export const PLACEHOLDER_SHAPED = /x{4}|X{4}|EXAMPLE|[Ee]xample|12345678|abcdefgh|ABCDEFG|(.)\1{7}|fake|FAKE|dummy|deadbeef/;

export function isPlaceholderShaped(sample: PublicSample): boolean {
  return PLACEHOLDER_SHAPED.test(sample.text) || sample.source.includes('ip_public');
}

export function publicSamples(): PublicSample[] {
  const raw = JSON.parse(readFileSync(path.join(__dirname, 'public.json'), 'utf8')) as PublicSample[];
  return raw.map((sample) => ({ ...sample, text: sample.text.replaceAll('¦', '') }));
}

export interface PublicScore {
  scanner: string;
  bySource: Map<string, { positives: number; found: number; negatives: number; falsePositives: number }>;
  missed: PublicSample[];
  falseAlarms: PublicSample[];
}

/** A positive is found when the scanner blocks on one of its lines (its only line, for a one-line case); a negative is a false positive when it blocks anywhere. */
export async function scorePublic(name: string, scan: Scanner, samples = publicSamples()): Promise<PublicScore> {
  const score: PublicScore = { scanner: name, bySource: new Map(), missed: [], falseAlarms: [] };
  for (const sample of samples) {
    const source = sample.source.slice(0, sample.source.indexOf('@'));
    const row = score.bySource.get(source) ?? { positives: 0, found: 0, negatives: 0, falsePositives: 0 };
    const lines = await scan(`config/${sample.name ?? 'sample.txt'}`, sample.text.endsWith('\n') ? sample.text : `${sample.text}\n`);
    if (sample.positive) {
      row.positives++;
      const wanted = sample.lines ?? [1];
      if (lines.some((line) => wanted.includes(line) || (sample.lines === undefined && line > 0))) row.found++;
      else score.missed.push(sample);
    } else {
      row.negatives++;
      if (lines.length > 0) {
        row.falsePositives++;
        score.falseAlarms.push(sample);
      }
    }
    score.bySource.set(source, row);
  }
  return score;
}
