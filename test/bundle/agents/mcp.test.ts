// `pm-zone mcp` as VS Code starts it: dist/cli.js in a child process, MCP's
// JSON-RPC on stdin and stdout. `npm run test:bundle` builds dist/ first.
import * as assert from 'node:assert/strict';
import { ZONE_TOOL } from '../../../src/core/agents';
import { isolateGitConfig } from '../../unit/cli/support/cli';
import { sampleWorktree } from '../../unit/cli/support/sampleRepo';
import { childEnv, spawnCli } from '../support/program';

describe('pm-zone mcp, the built program on stdio', () => {
  isolateGitConfig();
  it("serves the zone tool in the repository it runs in, as the hooks answer", async () => {
    const root = await sampleWorktree();
    const input = [
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'vscode', version: '1.101' } } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: ZONE_TOOL.name, arguments: { paths: ['src/auth/session.ts', `${root}/src/features/checkout/i18n/en.json`] } } },
    ].map((message) => JSON.stringify(message)).join('\n');
    const run = await spawnCli(['mcp', '--cwd', root], { stdin: `${input}\n`, env: childEnv() });
    assert.equal(run.code, 0, run.stderr);
    const [, list, call] = run.stdout.trim().split('\n').map((line: string) => JSON.parse(line));
    assert.deepEqual(list.result.tools.map((tool: { name: string }) => tool.name), [ZONE_TOOL.name]);
    assert.deepEqual(list.result.tools[0].inputSchema, ZONE_TOOL.inputSchema);
    assert.equal(call.result.content[0].text, [
      'PM Zone, for @alice, a pilot PM (engineering DRI @dana), by the PM zone of CLAUDE.md:',
      "- src/auth/session.ts: locked, engineering-only: PM Zone's hooks refuse an agent's edit for the PM; the engineering DRI makes this change. Engineering only — `**/auth/**` (CLAUDE.md:31); owners @acme/security (.github/CODEOWNERS:9)",
      '- src/features/checkout/i18n/en.json: editable, the PM may edit it. PM-editable — `**/i18n/*.json` (CLAUDE.md:24); owners @dana (.github/CODEOWNERS:5)',
    ].join('\n'));
  });
});
