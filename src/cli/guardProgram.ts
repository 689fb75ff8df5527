// dist/guard.js: `pm-zone guard` as the hooks run it, on every tool call of
// a coding agent. It carries only the light part of the core (the zone of a
// path, CODEOWNERS matching, the agents' adapters) and reads the parsed
// policy from the cache in the git folder; the full core, with the markdown
// parser, is loaded from dist/core.js only when CLAUDE.md or CODEOWNERS
// changed since the last run. Same arguments and answers as `pm-zone guard`.
import { statSync } from 'node:fs';
import * as path from 'node:path';
import type * as Core from '../core/index';
import { runGuard, type GuardEnvironment } from '../core/agents/guard';
import { AGENTS, isAgentName } from '../core/agents/model';
import { loadSigned } from '../core/agents/guardKeys';
import { handedChain, keepGuardChain } from '../core/agents/guardChain';
import { startRecording, type Recording } from '../core/agents/answerRecorder';
import { keepAnswer, KEPT_ANSWERS_FORMAT } from '../core/agents/keptAnswers';
import { guardArguments } from './guardArguments';
import { handedPayload, readPayload } from './guardPayload';
import { commandOutput } from './standardOutput';
import { version as PACKAGE_VERSION } from '../../package.json';

// The answer goes to the descriptor itself where it is a file, a pipe or a socket (standardOutput.ts): an agent reads
// it through a pipe, for which node's stream loads its socket modules, a millisecond or two of every tool call. Only
// written once the payload was read to its end, so no agent waits on the guard's reading while the guard waits on its.
const stdout = commandOutput(1, () => process.stdout);
const stderr = commandOutput(2, () => process.stderr);

/** What is kept of the decision once its answer is out (keptAnswers.ts). */
let keepAfterAnswer: (() => void) | undefined;

async function main(): Promise<number> {
  // Named explicitly: run from a hook's `node -e` line (see launcherLine.ts), Node's default would count the launcher as an argument.
  const values = guardArguments(process.argv.slice(2));
  if (!isAgentName(values.agent)) return usage(`--agent ${AGENTS.join('|')}${values.agent ? `, not '${values.agent}'` : ''}`);
  const flavor = values['codeowners-flavor'];
  if (flavor !== undefined && flavor !== 'github' && flavor !== 'gitlab') return usage(`--codeowners-flavor github|gitlab, not '${flavor}'`);
  // Handed over by the hook line, which read it whole: no stream is made and read for it.
  const payload = handedPayload() ?? (await readPayload(process.stdin));
  // What the decision observes is noted, for the launcher to give its answer again where all of it holds (keptAnswers.ts).
  const chain = handedChain();
  const records = chain?.keptAnswers === KEPT_ANSWERS_FORMAT ? chain.records : undefined;
  const digest = chain?.package?.claims.files['guard.js'];
  const recording = records && digest && process.platform !== 'win32' ? startRecording() : undefined;
  let observed: Recording | undefined;
  const output = await runGuard(values.agent, payload, { ...environment(values['policy-file'], flavor), payloadObserved: recording?.payloadObserved }).finally(() => (observed = recording?.end()));
  // Kept once the answer is out (below): the agent does not wait for it.
  if (records && digest && output.toolCall && observed && observed.spoiled === undefined) {
    const api = recording!.api;
    const answer = { env: api.environmentKey(), cwd: process.cwd(), argv: JSON.stringify(process.argv.slice(2)), payload: observed.payload, observations: observed.observations, stdout: output.stdout, stderr: output.stderr, exitCode: output.exitCode };
    keepAfterAnswer = () => keepAnswer(records, api.answerStamp(digest), answer, api);
  }
  stdout.write(output.stdout);
  stderr.write(output.stderr);
  return output.exitCode;
}

function environment(policyFile: string | undefined, codeownersFlavor: 'github' | 'gitlab' | undefined): GuardEnvironment {
  // A rebuilt bundle of the same version parses differently: its size and time are in the cache key too.
  const bundle = statSync(__filename, { throwIfNoEntry: false });
  return {
    cwd: process.cwd(),
    env: process.env,
    stamp: { program: `pm-zone ${PACKAGE_VERSION} ${bundle?.size ?? 0}-${bundle?.mtimeMs ?? 0}` },
    parseSources: async (files, settings) => loadCore().repository.parsePolicySources(files, settings),
    settings: { ...(policyFile ? { policyFile } : {}), ...(codeownersFlavor ? { codeownersFlavor } : {}) },
  };
}

/**
 * dist/core.js beside this bundle, loaded only on a cache miss. Started by
 * the launcher, which verified this file's signed identity, it must hash to
 * what that identity says: a package that kept PM Zone's guard and changed
 * its core is refused like one that changed the guard.
 */
function loadCore(): typeof Core {
  const file = path.join(__dirname, 'core.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle beside this one
  return loadSigned(file, () => require(file) as typeof Core);
}

function usage(what: string): number {
  stderr.write(`pm-zone guard: give ${what}\n`);
  return 2;
}

// Exit 2 blocks the tool call on every agent: a guard that failed must not read as "no objection".
main().then(
  // Judging abandoned at its deadline may still have git and file reads under way: the answer is out, the agent must not wait for them.
  // Then the links of the chain checked before it, that held, are kept for the next call (guardChain.ts), and the answer
  // with what its decision observed (keptAnswers.ts).
  (code) => stdout.whenWritten(() => stderr.whenWritten(() => {
    keepGuardChain();
    keepAfterAnswer?.();
    process.exit(code);
  })),
  (error: unknown) => {
    stderr.write(`PM Zone: the guard failed (${error instanceof Error ? error.message : String(error)}); the tool call is refused. Run \`pm-zone agents check\`.\n`);
    process.exitCode = 2;
  },
);
