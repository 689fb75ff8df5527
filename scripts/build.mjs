// Bundles the extension and the command line with esbuild. Type-checking is
// separate (`npm run typecheck`): esbuild only strips types, which keeps the
// watch loop instant.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // The extension host provides `vscode`; nothing else is external, so the
  // .vsix needs no node_modules.
  external: ['vscode'],
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    // Stamped before any bundled module runs, so activation time includes loading the code.
    banner: { js: 'globalThis.__pmZoneLoadStart = performance.now();' },
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  },
];

if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
  console.log('[watch] bundling on change');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
