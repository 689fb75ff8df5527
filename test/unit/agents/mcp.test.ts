import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { serveMcp, ZONE_TOOL, type McpTool } from '../../../src/core/agents';
import { childEnv, isolateGitConfig, spawnCli } from '../cli/support/cli';
import { sampleWorktree } from '../cli/support/sampleRepo';

// The stdio MCP server: JSON-RPC 2.0, one message per line, the exchanges
// of the specification's lifecycle and tools pages.

async function exchange(lines: string[], tools: McpTool[] = []): Promise<unknown[]> {
  const answers: string[] = [];
  await serveMcp(Readable.from([lines.join('\n') + '\n']), (line) => answers.push(line), { name: 'pm-zone', version: '1.2.3' }, tools);
  return answers.map((line) => {
    assert.ok(line.endsWith('\n') && !line.slice(0, -1).includes('\n'), 'one message per line');
    return JSON.parse(line);
  });
}

const echo: McpTool = { name: 'echo', description: 'says it back', inputSchema: { type: 'object' }, call: async (args) => ({ text: JSON.stringify(args) }) };

describe('the MCP server', () => {
  it('negotiates the protocol version, lists and calls tools, and answers nothing to notifications', async () => {
    const answers = await exchange([
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'c', version: '1' } } }),
      JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
      JSON.stringify({ jsonrpc: '2.0', id: 'two', method: 'tools/list' }),
      JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'echo', arguments: { a: 1 } } }),
      JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'ping' }),
    ], [echo]);
    assert.deepEqual(answers, [
      { jsonrpc: '2.0', id: 1, result: { protocolVersion: '2025-03-26', capabilities: { tools: { listChanged: false } }, serverInfo: { name: 'pm-zone', version: '1.2.3' } } },
      { jsonrpc: '2.0', id: 'two', result: { tools: [{ name: 'echo', description: 'says it back', inputSchema: { type: 'object' } }] } },
      { jsonrpc: '2.0', id: 3, result: { content: [{ type: 'text', text: '{"a":1}' }], isError: false } },
      { jsonrpc: '2.0', id: 4, result: {} },
    ]);
  });

  it('offers its newest version to a client asking for one it does not know', async () => {
    const [answer] = await exchange([JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2099-01-01' } })]) as { result: { protocolVersion: string } }[];
    assert.equal(answer.result.protocolVersion, '2025-06-18');
  });

  it('answers bad input with JSON-RPC errors, and a failing tool with an error result', async () => {
    const failing: McpTool = { ...echo, name: 'fails', call: () => Promise.reject(new Error('CLAUDE.md could not be read')) };
    const answers = await exchange(['{not json', JSON.stringify({ id: 5, method: 'ping' }), JSON.stringify({ jsonrpc: '2.0', id: 6, method: 'resources/list' }), JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'nope' } }), JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'tools/call', params: { name: 'fails' } })], [failing]);
    assert.deepEqual(answers, [
      { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error: not JSON' } },
      { jsonrpc: '2.0', id: 5, error: { code: -32600, message: 'Invalid request' } },
      { jsonrpc: '2.0', id: 6, error: { code: -32601, message: 'Method not found: resources/list' } },
      { jsonrpc: '2.0', id: 7, error: { code: -32602, message: 'Unknown tool: nope' } },
      { jsonrpc: '2.0', id: 8, result: { content: [{ type: 'text', text: 'CLAUDE.md could not be read' }], isError: true } },
    ]);
  });

  describe('pm-zone mcp', () => {
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
      const [, list, call] = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
      assert.deepEqual(list.result.tools.map((tool: { name: string }) => tool.name), [ZONE_TOOL.name]);
      assert.deepEqual(list.result.tools[0].inputSchema, ZONE_TOOL.inputSchema);
      assert.equal(call.result.content[0].text, [
        'PM Zone, for @alice, a pilot PM (engineering DRI @dana), by the PM zone of CLAUDE.md:',
        "- src/auth/session.ts: locked, engineering-only: PM Zone's hooks refuse an agent's edit for the PM; the engineering DRI makes this change. Engineering only — `**/auth/**` (CLAUDE.md:31); owners @acme/security (.github/CODEOWNERS:9)",
        '- src/features/checkout/i18n/en.json: editable, the PM may edit it. PM-editable — `**/i18n/*.json` (CLAUDE.md:24); owners @dana (.github/CODEOWNERS:5)',
      ].join('\n'));
    });
  });
});
