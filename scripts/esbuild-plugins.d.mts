import type { Plugin } from 'esbuild';

export const vegaWithoutCanvas: Plugin;
export const vegaApart: Plugin;
