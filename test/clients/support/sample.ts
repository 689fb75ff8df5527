// The sample repository as a team with PM Zone's agent guard has it: an
// engineer ran `pm-zone agents init` and committed what it wrote, PM Zone
// is installed in node_modules from dist/ (what `npm install --save-dev
// pm-zone` lays out), and git's e-mail says who works in this clone. Built
// once per run; every session gets its own copy.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { childEnv, installPackage, spawnCli } from '../../bundle/support/program';
import { cli } from '../../unit/cli/support/cli';
import { git, sampleRepo, standaloneCopy } from '../../unit/cli/support/sampleRepo';
import type { AgentClientName } from './agents';
import { baseEnvironment, type AgentUser } from './session';

export const PM_EMAIL = 'alice@acme.test';
export const ENGINEER_EMAIL = 'dana@acme.test';

/** Files of the sample the scripts touch, with a line each holds once. */
export const LOCKED_FILE = { path: 'src/auth/session.ts', line: 'const SESSION_TTL_MS = 30 * 60 * 1000;' };
export const EDITABLE_FILE = { path: 'src/features/checkout/i18n/en.json', line: '"placeOrder": "Place order"' };
export const FEATURE_FOLDER = 'src/features/checkout';

let template: Promise<string> | undefined;

async function buildTemplate(): Promise<string> {
  const root = await sampleRepo();
  await git(root, 'config', 'user.email', ENGINEER_EMAIL);
  const init = await cli(['agents', 'init', '--cwd', root], { env: isolatedEnv() });
  assert.equal(init.code, 0, `agents init: ${init.stdout}${init.stderr}`);
  await git(root, 'add', '--all');
  await git(root, 'commit', '--quiet', '--no-verify', '-m', 'Guard the coding agents with PM Zone');
  await installPackage(root);
  return root;
}

function isolatedEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
}

/** A fresh copy of the guarded sample, where `email` (the pilot PM by default) works. */
export async function guardedSample(email = PM_EMAIL): Promise<string> {
  const root = await standaloneCopy(await (template ??= buildTemplate()));
  await git(root, 'config', 'user.email', email);
  return root;
}

/** A fresh copy of the sample with no agent guard set up (the peer of the guarded one), where `email` works. */
export async function unguardedSample(email = PM_EMAIL): Promise<string> {
  const root = await sampleRepo();
  await git(root, 'config', 'user.email', email);
  return root;
}

/**
 * The pilot PM turns the guard on for their own `agent`: `pm-zone agents
 * init --me`, the built program run in the PM's environment (their home),
 * writes user-level hooks and the agent's sandbox settings.
 */
export async function turnGuardOn(agent: AgentClientName, root: string, user: AgentUser): Promise<void> {
  const on = await spawnCli(['agents', 'init', '--me', '--agent', agent, '--cwd', root], { env: childEnv({ ...baseEnvironment(agent, user), GIT_CONFIG_GLOBAL: path.join(user.home, '.gitconfig') }) });
  assert.equal(on.code, 0, `pm-zone agents init --me: ${on.stdout}${on.stderr}`);
}

/** `file` of the repository at `root`, as an absolute path. */
export function inRepo(root: string, file: string): string {
  return path.join(root, ...file.split('/'));
}
