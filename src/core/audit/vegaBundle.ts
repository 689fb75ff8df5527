// The build's entry for dist/vega.js (2.5 MB): Vega and Vega-Lite's
// `compile`, loaded the first time a chart is drawn, so neither the core nor
// the extension parses them before. The core's `import('vega')` and
// `import('vega-lite')` both land here in the bundle.

export * from 'vega';
export { compile } from 'vega-lite';
