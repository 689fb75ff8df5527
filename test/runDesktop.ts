// `npm run test:desktop`: the integration tests in desktop VS Code, downloaded
// by @vscode/test-electron. Needs Microsoft's update servers; where they are
// out of reach, `npm run test:integration` runs the same suites in code-server.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runTests, TestRunFailedError } from '@vscode/test-electron';

type SampleRepoModule = typeof import('../scripts/sample-repo.mjs');

function repositoryRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'scripts', 'sample-repo.mjs'))) return dir;
  }
  throw new Error(`No PM Zone checkout above ${from}`);
}

async function main(): Promise<number> {
  const root = repositoryRoot(__dirname);
  const extensionTestsPath = join(root, 'out', 'integration', 'index');
  if (!existsSync(`${extensionTestsPath}.js`)) throw new Error('out/integration/index.js is missing: run node scripts/build-tests.mjs');
  const { createSampleRepo } = (await import(pathToFileURL(join(root, 'scripts', 'sample-repo.mjs')).href)) as SampleRepoModule;
  const scratch = mkdtempSync(join(tmpdir(), 'pm-zone-desktop-'));
  try {
    const { root: workspace } = createSampleRepo(join(scratch, 'acme-shop'));
    return await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(scratch, 'user-data')],
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof TestRunFailedError) {
      console.error(`Integration tests failed in desktop VS Code (${error.signal ?? `exit ${error.code}`}).`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`Could not run desktop VS Code: ${message}`);
      console.error('Desktop runs download VS Code from update.code.visualstudio.com. Without that access, run `npm run test:integration` (code-server from the npm registry).');
    }
    process.exit(1);
  },
);
