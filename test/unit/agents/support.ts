// The guard as a hook runs it, in this process: an agent's payload in, its
// answer out, against a real repository (the "Acme Shop" sample) with the
// real parser. The PM is the sample's git e-mail (alice@acme.test) unless
// PM_ZONE_AS says otherwise.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { findRepository, runGuard, type AgentName, type GuardEnvironment, type HookOutput } from '../../../src/core/agents';
import type { RepositoryLocation } from '../../../src/core/agents/repositoryLocation';
import { parsePolicySources } from '../../../src/core/repository';

export interface GuardCall {
  parses: number;
  run(agent: AgentName, payload: object | string, env?: NodeJS.ProcessEnv): Promise<HookOutput>;
}

export function guardIn(root: string, settings: { policyFile?: string } = {}, program = 'pm-zone test', extra: Partial<GuardEnvironment> = {}): GuardCall {
  const call: GuardCall = {
    parses: 0,
    run: (agent, payload, env = {}) => runGuard(agent, typeof payload === 'string' ? payload : JSON.stringify(payload), {
      cwd: root,
      env,
      stamp: { program },
      parseSources: (files, policySettings) => {
        call.parses++;
        return parsePolicySources(files, policySettings);
      },
      settings,
      ...extra,
    }),
  };
  return call;
}

/** The JSON object an answer holds; fails on anything else on stdout. */
export function answerOf(output: HookOutput): Record<string, unknown> {
  if (output.exitCode !== 0) throw new Error(`expected exit 0, got ${output.exitCode}: ${output.stderr}`);
  if (!output.stdout.endsWith('\n') || output.stdout.trim().includes('\n')) throw new Error(`expected one line of JSON, got ${JSON.stringify(output.stdout)}`);
  return JSON.parse(output.stdout) as Record<string, unknown>;
}

export function silent(output: HookOutput): boolean {
  return output.exitCode === 0 && output.stdout === '' && output.stderr === '';
}

export function inRepo(root: string, relPath: string): string {
  return path.join(root, ...relPath.split('/'));
}

/** Where the repository at `root` is, as the policy cache takes it; a test fails where none is found. */
export async function locationOf(root: string): Promise<RepositoryLocation> {
  const found = await findRepository(root);
  assert.ok(found, `no repository at ${root}`);
  return found;
}

