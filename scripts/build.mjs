// Bundles the extension and the command line with esbuild. Type-checking is
// separate (`npm run typecheck`): esbuild only strips types, which keeps the
// watch loop instant.
import { realpathSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { bundleAliases, subtagIndexesCompact, vegaApart, vegaWithoutCanvas } from './esbuild-plugins.mjs';

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
  // Nothing is external but what each bundle names, so the .vsix needs no node_modules.
  plugins: [vegaWithoutCanvas, vegaApart, subtagIndexesCompact],
  alias: bundleAliases,
};

/**
 * Only the extension host provides `vscode`: the core, the command line and
 * the Action run in plain Node, so their bundles fail on an import of it
 * instead of shipping one that crashes when it runs.
 */
const noVscode = {
  name: 'no-vscode',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => ({
      errors: [{ text: `${args.importer.replace(/^.*?(?=src\/)/, '')} imports 'vscode': only src/vscode/ and src/extension.ts may; the core, the command line and the Action run without VS Code` }],
    }));
  },
};

/**
 * Points the imports of the core that `route` picks at dist/core.js:
 * `require('./core.js').<domain>`. The core is bundled once, shared by the
 * editor and the command line.
 * - The editor reaches it through `await import('…/core/<domain>/index.js')`,
 *   so the core's libraries load on first use instead of during activation.
 * - The command line imports it by domain (`…/core/git`).
 */
function coreFromBundle(name, route) {
  return {
    name,
    setup(build) {
      build.onResolve({ filter: /(?:^|\/)core\/\w+(?:\/index\.js)?$/ }, (args) => {
        const domain = route(args);
        return domain ? { path: domain, namespace: 'pm-zone-core' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'pm-zone-core' }, (args) => ({
        contents: `module.exports = require('./core.js').${args.path};`,
        loader: 'js',
      }));
    },
  };
}

const lazyCore = coreFromBundle('lazy-core', (args) => (args.kind === 'dynamic-import' ? /\/core\/(\w+)\/index\.js$/.exec(args.path)?.[1] : undefined));
const sharedCore = coreFromBundle('shared-core', (args) => (args.importer.includes('/src/cli/') ? /(?:^|\/)core\/(\w+)$/.exec(args.path)?.[1] : undefined));

/** Every bundle the build writes, as esbuild options; the test of the walls builds with them too. */
export const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    // The extension host provides `vscode`.
    external: ['vscode', './core.js'],
    plugins: [lazyCore, vegaWithoutCanvas, vegaApart, subtagIndexesCompact],
    // Stamped before any bundled module runs, so activation time includes loading the code.
    banner: { js: 'globalThis.__pmZoneLoadStart = performance.now();' },
  },
  { ...common, plugins: [noVscode, ...common.plugins], entryPoints: ['src/core/index.ts'], outfile: 'dist/core.js' },
  { ...common, plugins: [noVscode, vegaWithoutCanvas], entryPoints: ['src/core/audit/vegaBundle.ts'], outfile: 'dist/vega.js' },
  // The GitHub Action runs from a checkout of this repository with no npm install: one file, the core inside.
  { ...common, plugins: [noVscode, ...common.plugins], entryPoints: ['src/action/main.ts'], outfile: 'dist/action.js' },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    external: ['./core.js'],
    plugins: [noVscode, sharedCore, vegaWithoutCanvas, vegaApart, subtagIndexesCompact],
    banner: { js: '#!/usr/bin/env node' },
  },
  // What the coding agents' hooks run on every tool call: the light part of the core, dist/core.js only on a cache miss.
  { ...common, plugins: [noVscode, ...common.plugins], entryPoints: ['src/cli/guardProgram.ts'], outfile: 'dist/guard.js', external: ['./core.js'] },
];

/**
 * Libraries the extension may only reach through the lazily loaded core: if
 * one of them lands in dist/extension.js, activation pays for it again.
 */
const LAZY_ONLY = /node_modules\/(yaml|unified|remark-[\w-]+|micromark[\w-]*|mdast-[\w-]+|minimatch|diff|@octokit\/[\w-]+)\//;

function checkExtensionStaysLight(metafile) {
  const heavy = Object.keys(metafile.outputs['dist/extension.js']?.inputs ?? {}).filter((input) => LAZY_ONLY.test(input));
  if (heavy.length === 0) return;
  const importers = Object.entries(metafile.inputs)
    .filter(([, input]) => input.imports.some((imported) => LAZY_ONLY.test(imported.path) && imported.kind !== 'dynamic-import'))
    .map(([path]) => path)
    .filter((path) => !LAZY_ONLY.test(path));
  throw new Error(`dist/extension.js bundles ${[...new Set(heavy.map((input) => LAZY_ONLY.exec(input)[1]))].join(', ')}: reach the core through await import('…/core/<domain>/index.js') instead (imported by ${importers.join(', ') || 'a core module imported statically'})`);
}

/**
 * The core modules the extension bundles a copy of, on purpose: small,
 * stateless, needed synchronously while the explorer paints its first
 * badges, before the lazily loaded core is there. Each holds functions and
 * constants only (a class compared with instanceof would differ between the
 * copies; GitError is also recognised by name). Anything else of the core is
 * reached through await import('…/core/<domain>/index.js').
 */
const EAGER_CORE = new Set([
  'src/core/agents/configPaths.ts',
  'src/core/defaults.ts',
  'src/core/git/binaryText.ts',
  'src/core/git/folders.ts',
  'src/core/git/gitError.ts',
  'src/core/git/textContent.ts',
  'src/core/planning/noFlag.ts',
  'src/core/planning/planningPlace.ts',
  'src/core/planning/tiers.ts',
  'src/core/policy/repoPath.ts',
  'src/core/pr/draftLocation.ts',
  'src/core/repository/describe.ts',
  'src/core/repository/linkedPath.ts',
]);

function checkEagerCoreIsChosen(metafile) {
  const copied = Object.keys(metafile.outputs['dist/extension.js']?.inputs ?? {}).filter((input) => input.startsWith('src/core/') && !EAGER_CORE.has(input));
  if (copied.length > 0) throw new Error(`dist/extension.js bundles a copy of ${copied.slice(0, 5).join(', ')}: reach it through await import('…/core/<domain>/index.js'), or add it to EAGER_CORE in scripts/build.mjs if activation needs it synchronously`);
}

/** The command line reaches the core only through dist/core.js: a second copy would double the package. */
function checkCliSharesCore(metafile) {
  const copied = Object.keys(metafile.outputs['dist/cli.js']?.inputs ?? {}).filter((input) => input.startsWith('src/core/') || LAZY_ONLY.test(input));
  if (copied.length > 0) throw new Error(`dist/cli.js bundles ${copied.slice(0, 5).join(', ')}: import the core by domain (…/core/<domain>) from src/cli`);
}

/** Libraries dist/guard.js must not carry: the markdown and YAML parsers, diffs, the GitHub client. */
const GUARD_EXCLUDES = /node_modules\/(yaml|unified|remark-[\w-]+|micromark[\w-]*|mdast-[\w-]+|diff|@octokit\/[\w-]+|vega[\w-]*)\//;

function checkGuardStaysLight(metafile) {
  const heavy = Object.keys(metafile.outputs['dist/guard.js']?.inputs ?? {}).filter((input) => GUARD_EXCLUDES.test(input));
  if (heavy.length > 0) throw new Error(`dist/guard.js bundles ${[...new Set(heavy.map((input) => GUARD_EXCLUDES.exec(input)[1]))].join(', ')}: a hook runs it on every tool call; import the core's modules by file, and reach parsers through require('./core.js')`);
}

async function main() {
  if (watch) {
    for (const options of builds) {
      const context = await esbuild.context(options);
      await context.watch();
    }
    console.log('[watch] bundling on change');
    return;
  }
  try {
    const results = await Promise.all(builds.map((options) => esbuild.build({ ...options, metafile: options.outfile !== 'dist/core.js' })));
    const metafileOf = (outfile) => results[builds.findIndex((options) => options.outfile === outfile)].metafile;
    checkExtensionStaysLight(metafileOf('dist/extension.js'));
    checkEagerCoreIsChosen(metafileOf('dist/extension.js'));
    checkCliSharesCore(metafileOf('dist/cli.js'));
    checkGuardStaysLight(metafileOf('dist/guard.js'));
  } catch (error) {
    console.error(`build failed: ${error.message}`);
    process.exit(1);
  }
}

// Run as a program, not when the test of the walls imports the bundles' options.
if (process.argv[1] && realpathSync(process.argv[1]) === import.meta.filename) void main();
