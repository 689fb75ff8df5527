// A Model Context Protocol server over stdio, the subset PM Zone needs:
// initialize, ping, tools/list and tools/call, newline-delimited JSON-RPC 2.0
// messages (modelcontextprotocol.io, "Transports: stdio" and "Tools").
// The official SDK (1.32) bundles to 730 KB minified and adds about 170 ms
// to a start; this is a few kilobytes, tested against the messages the
// specification shows.

export const MCP_PROTOCOL_VERSIONS = ['2025-06-18', '2025-03-26', '2024-11-05'] as const;

export interface McpTool {
  name: string;
  title?: string;
  description: string;
  inputSchema: object;
  call(args: unknown): Promise<{ text: string; isError?: boolean }>;
}

export interface McpServerInfo {
  name: string;
  version: string;
  instructions?: string;
}

type Message = { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown };

const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;
const METHOD_NOT_FOUND = -32601;
const INVALID_PARAMS = -32602;

/** Serves until `input` ends, one message at a time, in order; each answer is one line handed to `write`. */
export async function serveMcp(input: AsyncIterable<string | Buffer>, write: (line: string) => void, info: McpServerInfo, tools: readonly McpTool[]): Promise<void> {
  let buffered = '';
  const answer = async (line: string) => {
    const reply = line === '' ? undefined : await answerLine(line, info, tools);
    if (reply) write(`${JSON.stringify(reply)}\n`);
  };
  for await (const chunk of input) {
    buffered += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      await answer(line);
    }
  }
  await answer(buffered.trim());
}

async function answerLine(line: string, info: McpServerInfo, tools: readonly McpTool[]): Promise<object | undefined> {
  let message: unknown;
  try {
    message = JSON.parse(line);
  } catch {
    return failure(null, PARSE_ERROR, 'Parse error: not JSON');
  }
  if (Array.isArray(message)) {
    const answers = (await Promise.all(message.map((one) => answerMessage(one, info, tools)))).filter((answer) => answer !== undefined);
    return answers.length > 0 ? answers : undefined;
  }
  return answerMessage(message, info, tools);
}

async function answerMessage(raw: unknown, info: McpServerInfo, tools: readonly McpTool[]): Promise<object | undefined> {
  const message = (raw !== null && typeof raw === 'object' ? raw : {}) as Message;
  const id = typeof message.id === 'string' || typeof message.id === 'number' ? message.id : undefined;
  // A response to a request of the server's: this server sends none, so there is nothing to match it with.
  if (message.method === undefined && ('result' in message || 'error' in message)) return undefined;
  if (message.jsonrpc !== '2.0' || typeof message.method !== 'string') return failure(id ?? null, INVALID_REQUEST, 'Invalid request');
  // A notification (no id) is never answered.
  if (id === undefined) return undefined;
  const params = (message.params !== null && typeof message.params === 'object' ? message.params : {}) as Record<string, unknown>;
  switch (message.method) {
    case 'initialize': {
      const asked = params.protocolVersion;
      const protocolVersion = MCP_PROTOCOL_VERSIONS.find((version) => version === asked) ?? MCP_PROTOCOL_VERSIONS[0];
      const { instructions, ...serverInfo } = info;
      return success(id, { protocolVersion, capabilities: { tools: { listChanged: false } }, serverInfo, ...(instructions ? { instructions } : {}) });
    }
    case 'ping':
      return success(id, {});
    case 'tools/list':
      return success(id, { tools: tools.map(({ name, title, description, inputSchema }) => ({ name, ...(title ? { title } : {}), description, inputSchema })) });
    case 'tools/call': {
      const tool = tools.find((candidate) => candidate.name === params.name);
      if (!tool) return failure(id, INVALID_PARAMS, `Unknown tool: ${String(params.name)}`);
      try {
        const { text, isError } = await tool.call(params.arguments ?? {});
        return success(id, { content: [{ type: 'text', text }], isError: isError === true });
      } catch (error) {
        // A tool's failure is its result, for the model to read (the specification's "tool execution error").
        return success(id, { content: [{ type: 'text', text: error instanceof Error ? error.message : String(error) }], isError: true });
      }
    }
    default:
      return failure(id, METHOD_NOT_FOUND, `Method not found: ${message.method}`);
  }
}

function success(id: string | number, result: object): object {
  return { jsonrpc: '2.0', id, result };
}

function failure(id: string | number | null, code: number, message: string): object {
  return { jsonrpc: '2.0', id, error: { code, message } };
}
