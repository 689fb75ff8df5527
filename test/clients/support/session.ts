// One headless session of a real agent CLI: a user of its own (a fresh home
// folder and temporary folder, the repository trusted as its user would
// have trusted it), a scripted model started for it, the program run with
// only the variables set here (nothing of the machine's environment leaks
// in: no CI, no proxy, no git settings), and what came of it: the exit, what
// the program printed, every request it sent the model and the tool results
// among them.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { agentClientPaths, ensureAgentClient, repositoryRoot } from '../../../scripts/agent-clients.mjs';
import type { ToolResult, Turn } from '../../support/models/script';
import { tempDir } from '../../unit/helpers/tempRepo';
import { AGENT_DRIVERS, type AgentClientName, type AgentTools, type ScriptedModel } from './agents';

/**
 * A user of the agent: their home folder and their temporary folder, outside
 * every repository. Their own programs folder (`~/.local/bin`) holds srt,
 * the sandbox a pilot PM's guard runs Gemini CLI's shell commands under, as
 * `npm install --global @anthropic-ai/sandbox-runtime` would (the project's
 * devDependency).
 */
export interface AgentUser {
  home: string;
  tmp: string;
}

export interface SessionRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** The model's log: every request, the main ones' bodies. */
  model: ScriptedModel;
  /** What the client sent back for each tool call, in order. */
  results: ToolResult[];
  durationMs: number;
}

/** A new user of `agent` who trusts `trusted` (the repository), as after the program's first-run question; in `folder` when given. */
export async function newUser(agent: AgentClientName, trusted: string[], folder?: string): Promise<AgentUser> {
  const root = folder ?? (await tempDir(`${agent}-user`));
  const user = { home: path.join(root, 'home'), tmp: path.join(root, 'tmp') };
  await fs.mkdir(user.home, { recursive: true });
  await fs.mkdir(user.tmp, { recursive: true });
  await fs.mkdir(path.join(user.home, '.local', 'bin'), { recursive: true });
  await fs.symlink(path.join(repositoryRoot, 'node_modules', '.bin', 'srt'), path.join(user.home, '.local', 'bin', 'srt'));
  await AGENT_DRIVERS[agent].prepareHome(user.home, trusted);
  return user;
}

/**
 * The environment every session of `agent` starts from: a shell's basics and
 * nothing of this machine's. On PATH: the agent's program, the user's own
 * programs, node, the system's.
 */
export function baseEnvironment(agent: AgentClientName, user: AgentUser): Record<string, string> {
  return {
    PATH: [path.dirname(agentClientPaths(agent).program), path.join(user.home, '.local', 'bin'), path.dirname(process.execPath), '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'].join(path.delimiter),
    HOME: user.home,
    TMPDIR: user.tmp,
    USER: 'pm',
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    NO_COLOR: '1',
    // Git reads the repository's configuration and the user's (empty) one, not the machine's.
    GIT_CONFIG_NOSYSTEM: '1',
  };
}

export interface SessionOptions {
  user: AgentUser;
  /** Where the agent is started: the repository root or one of its folders. */
  cwd: string;
  /** The model's turns, written with the agent's tools. */
  script: (tools: AgentTools) => Turn[];
  prompt?: string;
  /** Added to the environment. */
  env?: Record<string, string>;
  /** Added to the program's arguments (after its subcommand, if any). */
  args?: string[];
  /** A session that runs longer is killed (with the processes it started) and reported as timed out. */
  timeoutMs?: number;
  /** Runs the program under strace, writing every connection and datagram it and its children address to this file. */
  traceConnections?: string;
}

/** Runs one headless session of `agent` and returns what came of it. The model server is closed after. */
export async function runSession(agent: AgentClientName, options: SessionOptions): Promise<SessionRun> {
  const driver = AGENT_DRIVERS[agent];
  const program = await ensureAgentClient(agent);
  const model = await driver.startModel(options.script(driver.tools));
  const started = Date.now();
  try {
    const env = { ...baseEnvironment(agent, options.user), ...driver.env(options.user.home, model), ...options.env };
    const args = driver.args(options.prompt ?? 'Make the change the PM asked for.', model, options.args ?? []);
    const traced = options.traceConnections ? ['strace', ['-f', '-qq', '-e', 'trace=connect,sendto,sendmsg,sendmmsg', '-o', options.traceConnections, program, ...args]] as const : [program, args] as const;
    const run = await runProgram(traced[0], [...traced[1]], options.cwd, env, options.timeoutMs ?? 120_000);
    return { ...run, model, results: model.toolResults(), durationMs: Date.now() - started };
  } finally {
    await model.close();
  }
}

function runProgram(program: string, args: string[], cwd: string, env: Record<string, string>, timeoutMs: number) {
  return new Promise<Pick<SessionRun, 'exitCode' | 'signal' | 'timedOut' | 'stdout' | 'stderr'>>((resolve, reject) => {
    // A process group of its own, so a session out of time is ended with everything it started.
    const child = spawn(program, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      // Whatever it left running in the background (a shell, a language server) goes with it.
      killGroup(child.pid);
      resolve({ exitCode, signal, timedOut, stdout, stderr });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** A line for an assertion's message: how the session ended and the end of what it printed. */
export function describeRun(run: SessionRun): string {
  const ending = run.timedOut ? 'never ended (killed when its time ran out)' : run.signal ? `killed by ${run.signal}` : `exit ${run.exitCode}`;
  return `${ending} after ${run.durationMs} ms; tool results: ${JSON.stringify(run.results)}\n--- stderr (end) ---\n${run.stderr.slice(-2000)}`;
}
