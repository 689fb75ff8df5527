// Finding the CODEOWNERS file the forge would use: the first one found in
// its search order. A file too large or binary is found but yields a problem
// instead of text; the search does not fall back to the next location.

import { CODEOWNERS_LOCATIONS as DEFAULT_CODEOWNERS_LOCATIONS } from '../defaults';
import type { FileSource, Problem } from '../types';
import { binaryProblem, isTooLarge, looksBinary, tooLargeProblem, utf8ByteLength } from './file-checks';
import type { CodeownersFlavor } from './model';

export type LocatedCodeowners = { path: string; text: string } | { path: string; problem: Problem };

/** Where each forge looks, in its order. */
export const CODEOWNERS_LOCATIONS: Readonly<Record<CodeownersFlavor, readonly string[]>> = DEFAULT_CODEOWNERS_LOCATIONS;

export async function locateCodeowners(
  files: FileSource,
  options: { flavor?: CodeownersFlavor } = {},
): Promise<LocatedCodeowners | undefined> {
  const flavor: CodeownersFlavor = options.flavor === 'gitlab' ? 'gitlab' : 'github';
  const locations = CODEOWNERS_LOCATIONS[flavor];
  // Every location asked at once (one git process at a commit), the first one there taken.
  const sizes = files.size ? await Promise.all(locations.map((path) => files.size?.(path))) : undefined;
  for (const [index, path] of locations.entries()) {
    if (sizes) {
      const bytes = sizes[index];
      if (bytes === undefined) continue;
      // Checked before reading, so a huge file is never loaded.
      if (isTooLarge(bytes)) return { path, problem: tooLargeProblem(path, bytes) };
    }
    const text = await files.readText(path);
    // A file that has a size but no text is one the source would not decode:
    // binary. Skipping it would silently take a later location instead.
    if (text === undefined && files.size) return { path, problem: binaryProblem(path) };
    if (text === undefined) continue;
    const bytes = utf8ByteLength(text);
    if (isTooLarge(bytes)) return { path, problem: tooLargeProblem(path, bytes) };
    if (looksBinary(text)) return { path, problem: binaryProblem(path) };
    return { path, text };
  }
  return undefined;
}
