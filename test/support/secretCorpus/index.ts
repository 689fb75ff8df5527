// Measures a secret scanner on the corpus: recall on the provider tokens,
// false positives on their look-alikes and on natural language.
import { GENERIC_POSITIVES, NATURAL_LANGUAGE_NEGATIVES, SECRET_CORPUS } from './samples';
import { embedAll, type CorpusFile } from './syntaxes';

export { GENERIC_POSITIVES, NATURAL_LANGUAGE_NEGATIVES, SECRET_CORPUS, type ProviderSamples, type SecretSample } from './samples';
export { SYNTAXES, embed, embedAll, type CorpusFile, type Syntax } from './syntaxes';

/** What a scanner reports for one file: the 1-based lines it would block on. */
export type Scanner = (path: string, text: string) => Promise<number[]>;

export interface CorpusScore {
  positives: number;
  found: number;
  negatives: number;
  falsePositives: number;
  missed: CorpusFile[];
  falseAlarms: CorpusFile[];
}

export function corpusFiles(): { positives: CorpusFile[]; negatives: CorpusFile[] } {
  return {
    positives: [...embedAll(SECRET_CORPUS.flatMap((provider) => provider.positives)), ...embedAll(GENERIC_POSITIVES)],
    negatives: [...embedAll(SECRET_CORPUS.flatMap((provider) => provider.negatives)), ...embedAll(NATURAL_LANGUAGE_NEGATIVES)],
  };
}

/**
 * A positive is found when the scanner blocks on the line its value starts
 * on; a negative is a false positive when the scanner blocks anywhere in it
 * (its other lines are ordinary settings).
 */
export async function scoreScanner(scan: Scanner): Promise<CorpusScore> {
  const { positives, negatives } = corpusFiles();
  const missed: CorpusFile[] = [];
  const falseAlarms: CorpusFile[] = [];
  for (const file of positives) if (!(await scan(file.path, file.text)).includes(file.line)) missed.push(file);
  for (const file of negatives) if ((await scan(file.path, file.text)).length > 0) falseAlarms.push(file);
  return {
    positives: positives.length,
    found: positives.length - missed.length,
    negatives: negatives.length,
    falsePositives: falseAlarms.length,
    missed,
    falseAlarms,
  };
}
