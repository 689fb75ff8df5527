import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { serveMcp, type McpTool } from '../../../src/core/agents';

// The stdio MCP server: JSON-RPC 2.0, one message per line, the exchanges
// of the specification's lifecycle and tools pages. `pm-zone mcp` itself,
// the built program on stdio: test/bundle/agents/mcp.test.ts.

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
});
