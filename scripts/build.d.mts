import type { BuildOptions } from 'esbuild';

/** Every bundle the build writes, as esbuild options. */
export const builds: BuildOptions[];

/** Throws, naming the bundle and the place, when a bundle of `folder` (dist unless given) holds a byte past ASCII. */
export function checkReleaseIsAscii(folder?: string): void;
