// Each agent program, as the tier drives it, reaches nothing but the
// scripted model on 127.0.0.1: its telemetry, update checks, sign-in and
// error reports, plugin catalogues are switched off or pointed at nothing.
// strace lists every connection the program and the processes it starts
// open and every datagram they address: a name lookup shows as one to the
// resolver.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../unit/helpers/tempRepo';
import { chosenAgents } from './support/choice';
import { guardedSample } from './support/sample';
import { describeRun, newUser, runSession } from './support/session';

/** The inet addresses strace saw connected to or sent to (a datagram to the resolver too), as `address:port`. */
export function connectedAddresses(trace: string): string[] {
  const addresses: string[] = [];
  for (const line of trace.split('\n')) {
    const inet = /sa_family=AF_INET, sin_port=htons\((\d+)\), sin_addr=inet_addr\("([^"]+)"\)/.exec(line);
    const inet6 = /sa_family=AF_INET6, sin6_port=htons\((\d+)\),[^)]*inet_pton\(AF_INET6, "([^"]+)"/.exec(line);
    const found = inet ?? inet6;
    if (found) addresses.push(`${found[2]}:${found[1]}`);
  }
  return addresses;
}

describe('the agent programs reach nothing but the scripted model', function () {
  this.timeout(240_000);

  for (const agent of chosenAgents()) {
    it(`${agent}: every connection it opens goes to the model on 127.0.0.1`, async () => {
      const root = await guardedSample();
      const user = await newUser(agent, [root]);
      const trace = path.join(await tempDir(`${agent}-trace`), 'connections.txt');
      const run = await runSession(agent, { user, cwd: root, script: () => [{ say: 'Hello.' }], traceConnections: trace });
      assert.ok(!run.timedOut && run.exitCode === 0, describeRun(run));
      const port = new URL(run.model.url).port;
      const addresses = connectedAddresses(await fs.readFile(trace, 'utf8'));
      assert.ok(addresses.includes(`127.0.0.1:${port}`), `the program talked to the model: ${addresses.join(', ')}`);
      assert.deepEqual(addresses.filter((address) => address !== `127.0.0.1:${port}`), [], 'no other connection');
    });
  }
});
