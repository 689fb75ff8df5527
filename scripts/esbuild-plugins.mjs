// esbuild plugins shared by the build (scripts/build.mjs) and the tests that
// bundle the program the same way.
import { fileURLToPath } from 'node:url';

/**
 * vega-canvas's Node build awaits an optional `canvas` package at its top
 * level, which a CommonJS bundle cannot hold. The charts render to SVG with
 * Vega's headless renderer and need no canvas: take the browser build, which
 * finds no document in Node and answers null.
 */
export const vegaWithoutCanvas = {
  name: 'vega-without-canvas',
  setup(build) {
    build.onResolve({ filter: /^vega-canvas$/ }, () => ({ path: fileURLToPath(new URL('../node_modules/vega-canvas/build/vega-canvas.browser.js', import.meta.url)) }));
  },
};

/** The charts' libraries stay in dist/vega.js, required only when a chart is drawn. */
export const vegaApart = {
  name: 'vega-apart',
  setup(build) {
    build.onResolve({ filter: /^vega(-lite)?$/ }, (args) => (args.kind === 'dynamic-import' ? { path: './vega.js', external: true } : undefined));
  },
};

/**
 * Packages bundled from another entry than their main: jsonc-parser's main is
 * UMD, whose requires of its own files a bundle cannot follow; its ES module
 * build is the same code. Every bundle that may reach it takes these.
 */
export const bundleAliases = { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' };

