// Benchmark of PM Zone's guard inside the real agent programs: what one tool
// call costs the PM with the guard's hook against the same call without it.
// Each agent (Claude Code, Gemini CLI, Copilot CLI, as the agent clients'
// tier installs and drives them) runs headless sessions against the
// scripted model on the sample repository: guarded (the hooks `pm-zone
// agents init` writes, PM Zone in node_modules) and unguarded (no hooks),
// in turn, pair by pair, each with N edits of an editable file (every one
// allowed, so the same work is done) and with none (the session's start and
// finish hooks alone). One guarded call costs
//   ((guarded N − guarded 0) − (unguarded N − unguarded 0)) / N
// more than an unguarded one; the ratio is (guarded N − guarded 0) / (unguarded N − unguarded 0).
//
//   npm run compile && npx tsx bench/agentClients.bench.ts [--agent NAME]... [--calls N] [--runs N]
//   npx tsx bench/agentClients.bench.ts --once guarded|unguarded --agent NAME [--calls N]   (one session, for an outside timer)
import { parseArgs } from 'node:util';
import type { AgentClientName } from '../scripts/agent-clients.mjs';
import type { Turn } from '../test/support/models/script';
import type { AgentTools } from '../test/clients/support/agents';
import { EDITABLE_FILE, guardedSample, inRepo, unguardedSample } from '../test/clients/support/sample';
import { describeRun, newUser, runSession } from '../test/clients/support/session';

const GUARDED_AGENTS: AgentClientName[] = ['claude', 'gemini', 'copilot'];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** N edits of the PM's strings file, back and forth, each one the guard allows. */
function edits(root: string, calls: number): (tools: AgentTools) => Turn[] {
  const words = ['"placeOrder": "Place order"', '"placeOrder": "Confirm order"'];
  return (tools) => Array.from({ length: calls }, (_, index) => ({ calls: [tools.edit(inRepo(root, EDITABLE_FILE.path), words[index % 2]!, words[(index + 1) % 2]!)] }));
}

/** One session's wall time in ms, on a fresh copy of the guarded or unguarded sample. */
async function session(agent: AgentClientName, guarded: boolean, calls: number): Promise<number> {
  const root = guarded ? await guardedSample() : await unguardedSample();
  const user = await newUser(agent, [root]);
  const run = await runSession(agent, { user, cwd: root, script: edits(root, calls) });
  const done = run.results.filter((result) => !result.isError).length;
  if (run.exitCode !== 0 || done !== calls) throw new Error(`${agent} (${guarded ? 'guarded' : 'unguarded'}) did ${done} of ${calls} edits: ${describeRun(run)}`);
  return run.durationMs;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { agent: { type: 'string', multiple: true }, calls: { type: 'string', default: '5' }, runs: { type: 'string', default: '7' }, once: { type: 'string' } } });
  const agents = (values.agent as AgentClientName[] | undefined) ?? GUARDED_AGENTS;
  const calls = Number(values.calls);
  if (values.once) {
    await session(agents[0]!, values.once === 'guarded', calls);
    return;
  }
  const runs = Number(values.runs);
  for (const agent of agents) {
    const times: Record<string, number[]> = { g0: [], u0: [], gN: [], uN: [] };
    await session(agent, true, 1); // warm-up: the program's first start, the sample built
    for (let run = 0; run < runs; run++) {
      times.gN!.push(await session(agent, true, calls));
      times.uN!.push(await session(agent, false, calls));
      times.g0!.push(await session(agent, true, 0));
      times.u0!.push(await session(agent, false, 0));
    }
    const [g0, u0, gN, uN] = [times.g0!, times.u0!, times.gN!, times.uN!].map(median) as [number, number, number, number];
    const perCall = (gN - g0 - (uN - u0)) / calls;
    console.log(
      `${agent}: session with ${calls} edits ${gN} ms guarded, ${uN} ms unguarded (${(gN / uN).toFixed(2)}×); with none ${g0} ms / ${u0} ms; ` +
        `one edit ${((gN - g0) / calls).toFixed(0)} ms guarded, ${((uN - u0) / calls).toFixed(0)} ms unguarded (${((gN - g0) / (uN - u0)).toFixed(2)}×), the guard's share ${perCall.toFixed(0)} ms (medians of ${runs})`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
