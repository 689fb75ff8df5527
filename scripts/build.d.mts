import type { BuildOptions } from 'esbuild';

/** Every bundle the build writes, as esbuild options. */
export const builds: BuildOptions[];
