// The mocha entry point that VS Code loads in the extension host
// (`extensionTestsPath`). It runs every bundled `*.test.js` next to it, in the
// real host with the real `vscode` API, and settles when they are done: VS
// Code turns a rejection into exit code 1.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Printed around the run, so the runner can tell mocha's output from the workbench's own logging. */
export const OUTPUT_BEGIN = '--- pm-zone integration tests: begin ---';
export const OUTPUT_END = '--- pm-zone integration tests: end ---';

export function testFilesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort()
    .map((file) => join(dir, file));
}

export async function run(): Promise<void> {
  // The workbench relays console arguments one by one without applying format
  // strings, so mocha's "%d passing" would arrive unformatted.
  Mocha.reporters.Base.consoleLog = (...data: unknown[]) => console.log(format(...data));
  // Stack traces then point into test/integration/*.ts, not the bundles.
  process.setSourceMapsEnabled(true);
  // The host reports no colours, and ANSI codes would reach the page console verbatim.
  const grep = process.env.PM_ZONE_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, reporter: 'spec', color: false, ...(grep ? { grep } : {}) });
  for (const file of testFilesIn(__dirname)) mocha.addFile(file);
  console.log(OUTPUT_BEGIN);
  try {
    const { failures, tests } = await new Promise<{ failures: number; tests: number }>((resolve) => {
      const runner = mocha.run((failures) => resolve({ failures, tests: runner.stats?.tests ?? 0 }));
    });
    if (failures > 0) throw new Error(`${failures} of ${tests} integration tests failed`);
    if (tests === 0 && !grep) throw new Error('No integration test ran');
  } finally {
    console.log(OUTPUT_END);
  }
}
