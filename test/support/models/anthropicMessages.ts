// The Anthropic Messages API (`POST /v1/messages`, streamed as server-sent
// events or answered whole) played from a script: what Claude Code talks to
// through ANTHROPIC_BASE_URL, and Copilot CLI through its Anthropic provider.
// https://docs.anthropic.com/en/api/messages-streaming
import type * as http from 'node:http';
import { sendEvents, sendJson, startModelServer, textOf, turnAfter, type ScriptedModel, type ToolResult, type Turn } from './script';

interface Block {
  type: string;
  id?: string;
  name?: string;
  tool_use_id?: string;
  content?: unknown;
  is_error?: boolean;
  text?: string;
}
interface Message {
  role: string;
  content: string | Block[];
}
interface MessagesRequest {
  model?: string;
  stream?: boolean;
  tools?: unknown[];
  messages?: Message[];
}

/** Serves `script` as Anthropic's Messages API; requests that offer no tools (titles, checks) get a short text. */
export async function startAnthropicServer(script: readonly Turn[]): Promise<ScriptedModel> {
  let calls = 0;
  const server = await startModelServer((request, body, response) => {
    const path = (request.url ?? '').split('?')[0]!;
    if (request.method === 'POST' && path.endsWith('/messages/count_tokens')) {
      sendJson(response, 200, { input_tokens: 1000 });
      return { main: false };
    }
    if (request.method !== 'POST' || !path.endsWith('/messages')) {
      sendJson(response, 404, { type: 'error', error: { type: 'not_found_error', message: `${request.method} ${path}` } });
      return { main: false };
    }
    const asked = (body ?? {}) as MessagesRequest;
    const main = Array.isArray(asked.tools) && asked.tools.length > 0;
    const taken = (asked.messages ?? []).filter((message) => message.role === 'assistant').length;
    const turn: Turn = main ? turnAfter(script, taken) : { say: 'PM Zone test' };
    answer(response, asked, turn, () => `toolu_${String(++calls).padStart(4, '0')}`);
    return { main };
  });
  return { ...server, toolResults: () => toolResults(server.mainBodies() as MessagesRequest[]) };
}

function answer(response: http.ServerResponse, asked: MessagesRequest, turn: Turn, newId: () => string): void {
  type Content = { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };
  const content: Content[] = 'say' in turn ? [{ type: 'text', text: turn.say }] : turn.calls.map((call) => ({ type: 'tool_use', id: newId(), name: call.name, input: call.input }));
  const stopReason = 'say' in turn ? 'end_turn' : 'tool_use';
  const message = { id: `msg_${Date.now()}`, type: 'message', role: 'assistant', model: asked.model ?? 'claude-sonnet-4-5', stop_sequence: null, usage: { input_tokens: 1000, output_tokens: 20 } };
  if (!asked.stream) {
    sendJson(response, 200, { ...message, content, stop_reason: stopReason });
    return;
  }
  const events: { event: string; data: unknown }[] = [{ event: 'message_start', data: { type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { input_tokens: 1000, output_tokens: 1 } } } }];
  content.forEach((block, index) => {
    if (block.type === 'text') {
      events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { type: 'text', text: '' } } });
      events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'text_delta', text: block.text } } });
    } else {
      events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { ...block, input: {} } } });
      events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) } } });
    }
    events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  });
  events.push({ event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 20 } } });
  events.push({ event: 'message_stop', data: { type: 'message_stop' } });
  sendEvents(response, events);
}

/** The tool results of every main request, each call once, in the order the calls were made. */
function toolResults(bodies: MessagesRequest[]): ToolResult[] {
  const names = new Map<string, string>();
  const results = new Map<string, ToolResult>();
  for (const body of bodies) {
    for (const message of body.messages ?? []) {
      if (typeof message.content === 'string') continue;
      for (const block of message.content) {
        if (block.type === 'tool_use' && block.id) names.set(block.id, block.name ?? '');
        if (block.type === 'tool_result' && block.tool_use_id && !results.has(block.tool_use_id)) {
          results.set(block.tool_use_id, { id: block.tool_use_id, name: names.get(block.tool_use_id) ?? '', output: textOf(block.content), isError: block.is_error === true });
        }
      }
    }
  }
  return [...results.values()].sort((a, b) => a.id.localeCompare(b.id));
}
