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
