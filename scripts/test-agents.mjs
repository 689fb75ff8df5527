#!/usr/bin/env node
// `npm run test:agents`: the agent clients' tier. The real Claude Code,
// Gemini CLI, Copilot CLI and Codex CLI, pinned and installed from npm on
// first use (scripts/agent-clients.mjs), each driven headless against a
// scripted model on 127.0.0.1 (test/support/models/), on copies of the
// sample repository with PM Zone from dist/ (build it first: npm run
// test:agents does). The package managers whose repositories the guard must
// serve (pnpm, Yarn 1, Yarn 4, Bun) are installed the same way, pinned, and
// set up a repository each (test/clients/packageManagers.test.ts). No
// network beyond the npm registry.
//
//   node scripts/test-agents.mjs [--agent claude|gemini|copilot|codex]... [--grep PATTERN]
//
// --agent (repeatable, or comma-separated) drives only those agents;
// --grep runs only the tests whose full title matches (mocha's --grep).
// A program that cannot be installed fails the run with npm's reason.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AGENT_CLIENT_NAMES, ensureAgentClient, ensurePackageManagerProgram, PACKAGE_MANAGER_PROGRAM_NAMES, repositoryRoot } from './agent-clients.mjs';
import { installMissingPrerequisites, requirePrerequisites } from './vscode-host/prerequisites.mjs';

/**
 * The Debian packages the tier needs: git for the sample, strace to see what
 * each program connects to, and what the agents' sandboxes run in.
 */
export const AGENT_TIER_PREREQUISITES = ['git', 'strace', 'ca-certificates', 'bubblewrap', 'socat', 'slirp4netns', 'iptables', 'ripgrep'];
const AGENT_CLIENTS_ENV = 'PM_ZONE_AGENT_CLIENTS';

function fail(message) {
  console.error(`test:agents: ${message}`);
  process.exit(1);
}

let options;
try {
  ({ values: options } = parseArgs({ options: { agent: { type: 'string', multiple: true }, grep: { type: 'string' } } }));
} catch (error) {
  fail(error.message);
}
const agents = (options.agent ?? []).flatMap((value) => value.split(',')).map((name) => name.trim()).filter(Boolean);
const unknown = agents.filter((name) => !AGENT_CLIENT_NAMES.includes(name));
if (unknown.length > 0) fail(`--agent takes ${AGENT_CLIENT_NAMES.join(', ')}, not ${unknown.join(', ')}`);
const chosen = agents.length > 0 ? agents : AGENT_CLIENT_NAMES;

if (!existsSync(join(repositoryRoot, 'dist', 'guard.js'))) fail('dist/ is missing: build first (node scripts/build.mjs), as npm run test:agents does.');
try {
  installMissingPrerequisites(AGENT_TIER_PREREQUISITES, (line) => console.log(line));
  requirePrerequisites(AGENT_TIER_PREREQUISITES);
  for (const name of chosen) await ensureAgentClient(name);
  for (const name of PACKAGE_MANAGER_PROGRAM_NAMES) await ensurePackageManagerProgram(name);
} catch (error) {
  fail(error.message);
}

const mocha = join(repositoryRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
const args = [mocha, '--no-config', '--require', 'tsx/cjs', '--extension', 'ts', '--reporter', 'spec', '--timeout', '300000', ...(options.grep ? ['--grep', options.grep] : []), 'test/clients/**/*.test.ts'];
const started = Date.now();
const child = spawn(process.execPath, args, { cwd: repositoryRoot, stdio: 'inherit', env: { ...process.env, [AGENT_CLIENTS_ENV]: chosen.join(',') } });
child.on('exit', (code, signal) => {
  console.log(`test:agents: ${chosen.join(', ')} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exit(code ?? (signal ? 1 : 0));
});
