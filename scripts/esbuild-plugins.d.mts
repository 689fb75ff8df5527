import type { Plugin } from 'esbuild';

export const vegaWithoutCanvas: Plugin;
export const vegaApart: Plugin;
/** Packages bundled from another entry than their main (jsonc-parser's ES module build). */
export const bundleAliases: Record<string, string>;
