// Bundles the tests that run inside VS Code: test/integration/index.ts (the
// mocha entry point) and every test/integration/**/*.test.ts, into
// out/integration/ as CommonJS for the extension host; and test/runDesktop.ts
// into out/test/ for `npm run test:desktop`.
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { repositoryRoot } from './code-server.mjs';
import { bundleAliases, subtagIndexesCompact, vegaWithoutCanvas } from './esbuild-plugins.mjs';

const integrationDir = join(repositoryRoot, 'test', 'integration');
export const integrationOutDir = join(repositoryRoot, 'out', 'integration');
/** The module the extension host loads: `extensionTestsPath`, without its extension. */
export const integrationEntry = join(integrationOutDir, 'index');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: repositoryRoot,
  // The charts' libraries are bundled in: a test file has no dist/vega.js beside it.
  plugins: [vegaWithoutCanvas, subtagIndexesCompact],
  alias: bundleAliases,
};

export async function buildTests() {
  rmSync(integrationOutDir, { recursive: true, force: true });
  const testFiles = readdirSync(integrationDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => join(integrationDir, file));
  await build({
    ...common,
    entryPoints: [join(integrationDir, 'index.ts'), ...testFiles],
    outbase: integrationDir,
    outdir: integrationOutDir,
    // vscode exists only inside the host. mocha is bundled in: its CommonJS entry
    // requires its ES modules, which the Node of the oldest VS Code (20.9) cannot.
    external: ['vscode'],
    // Only mocha's parallel mode resolves files beside itself, and the host runs serially.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  await build({
    ...common,
    entryPoints: [join(repositoryRoot, 'test', 'runDesktop.ts')],
    outfile: join(repositoryRoot, 'out', 'test', 'runDesktop.js'),
    packages: 'external',
  });
  return { testFiles: testFiles.map((file) => relative(repositoryRoot, file)) };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { testFiles } = await buildTests();
  console.log(`Bundled ${testFiles.length} integration test file(s) into ${relative(repositoryRoot, integrationOutDir)}/`);
}
