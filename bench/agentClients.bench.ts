// Benchmark of PM Zone's guard inside the real agent programs: what one tool
// call costs the PM with the guard against the same call without it. Each
// agent (Claude Code, Gemini CLI, Copilot CLI, Codex CLI, as the agent clients' tier
// installs and drives them) runs headless sessions against the scripted
// model on the sample repository: guarded as a pilot PM works (the hooks
// `pm-zone agents init` writes, PM Zone in node_modules, and the PM's own
// `agents init --me`: user-level hooks, the agent's sandbox; for Codex the
// project's hooks trusted and its permission profile) and unguarded
// (no hooks, no sandbox), in turn, pair by pair, each with N edits of an
// editable file (every one allowed, so the same work is done) and with none
// (the session's start and finish alone). One guarded call costs
//   ((guarded N − guarded 0) − (unguarded N − unguarded 0)) / N
// more than an unguarded one; the ratio is (guarded N − guarded 0) / (unguarded N − unguarded 0).
//
//   npm run compile && npx tsx bench/agentClients.bench.ts [--agent NAME]... [--calls N (10)] [--runs N (7)]
//
// For an outside timer, the two set-ups are made once and each session is a process of its own:
//   npx tsx bench/agentClients.bench.ts --prepare DIR --agent NAME
//   npx tsx bench/agentClients.bench.ts --once guarded|unguarded --in DIR --agent NAME [--calls N]
// (N even: the edits go back and forth, so the file ends as it began.)
import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { AgentClientName } from '../scripts/agent-clients.mjs';
import type { Turn } from '../test/support/models/script';
import type { AgentTools } from '../test/clients/support/agents';
import { EDITABLE_FILE, guardedSample, inRepo, turnGuardOn, unguardedSample } from '../test/clients/support/sample';
import { describeRun, newUser, runSession, type AgentUser } from '../test/clients/support/session';
import { copyTree } from '../test/unit/helpers/tempRepo';

const GUARDED_AGENTS: AgentClientName[] = ['claude', 'gemini', 'copilot', 'codex'];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface SetUp {
  root: string;
  user: AgentUser;
}

/** The sample with the PM's guard on, or without any, for `agent`; in `folder` when given (kept), else in a temporary one. */
async function setUp(agent: AgentClientName, guarded: boolean, folder?: string): Promise<SetUp> {
  let root = guarded ? await guardedSample() : await unguardedSample();
  if (folder) {
    await copyTree(root, path.join(folder, 'repo'));
    root = path.join(folder, 'repo');
  }
  const user = await newUser(agent, [root], folder && path.join(folder, 'user'));
  if (guarded) await turnGuardOn(agent, root, user);
  return { root, user };
}

/** N edits of the PM's strings file, back and forth, each one the guard allows. */
function edits(root: string, calls: number): (tools: AgentTools) => Turn[] {
  const words = ['"placeOrder": "Place order"', '"placeOrder": "Confirm order"'];
  return (tools) => Array.from({ length: calls }, (_, index) => ({ calls: [tools.edit(inRepo(root, EDITABLE_FILE.path), words[index % 2]!, words[(index + 1) % 2]!)] }));
}

/** One session's wall time in ms. */
async function session(agent: AgentClientName, { root, user }: SetUp, calls: number, what: string): Promise<number> {
  const run = await runSession(agent, { user, cwd: root, script: edits(root, calls) });
  const done = run.results.filter((result) => !result.isError).length;
  if (run.exitCode !== 0 || done !== calls) throw new Error(`${agent} (${what}) made ${done} of ${calls} edits: ${describeRun(run)}`);
  return run.durationMs;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      agent: { type: 'string', multiple: true },
      calls: { type: 'string', default: '10' },
      runs: { type: 'string', default: '7' },
      once: { type: 'string' },
      prepare: { type: 'string' },
      in: { type: 'string' },
    },
  });
  const agents = (values.agent as AgentClientName[] | undefined) ?? GUARDED_AGENTS;
  const calls = Number(values.calls);
  if (values.prepare) {
    for (const mode of ['guarded', 'unguarded']) {
      const folder = path.join(path.resolve(values.prepare), mode);
      if (existsSync(folder)) throw new Error(`${folder} exists: prepare into a new folder`);
      mkdirSync(folder, { recursive: true });
      await setUp(agents[0]!, mode === 'guarded', folder);
    }
    return;
  }
  if (values.once) {
    const folder = path.join(path.resolve(values.in ?? '.'), values.once);
    await session(agents[0]!, { root: path.join(folder, 'repo'), user: { home: path.join(folder, 'user', 'home'), tmp: path.join(folder, 'user', 'tmp') } }, calls, values.once);
    return;
  }
  const runs = Number(values.runs);
  for (const agent of agents) {
    const guarded = await setUp(agent, true);
    const unguarded = await setUp(agent, false);
    const times: Record<'g0' | 'u0' | 'gN' | 'uN', number[]> = { g0: [], u0: [], gN: [], uN: [] };
    await session(agent, guarded, 2, 'warm-up'); // the program's first start
    for (let run = 0; run < runs; run++) {
      times.gN.push(await session(agent, guarded, calls, 'guarded'));
      times.uN.push(await session(agent, unguarded, calls, 'unguarded'));
      times.g0.push(await session(agent, guarded, 0, 'guarded'));
      times.u0.push(await session(agent, unguarded, 0, 'unguarded'));
    }
    const [g0, u0, gN, uN] = [times.g0, times.u0, times.gN, times.uN].map(median) as [number, number, number, number];
    console.log(
      `${agent}: ${calls} edits in ${gN} ms guarded, ${uN} ms unguarded (${(gN / uN).toFixed(2)}×); no edit ${g0} ms and ${u0} ms; ` +
        `one edit ${((gN - g0) / calls).toFixed(0)} ms guarded, ${((uN - u0) / calls).toFixed(0)} ms unguarded (${((gN - g0) / (uN - u0)).toFixed(2)}×), ` +
        `the guard's share ${((gN - g0 - (uN - u0)) / calls).toFixed(0)} ms (medians of ${runs})`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
