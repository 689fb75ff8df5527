// OpenAI's Responses API (`POST /v1/responses`, streamed as server-sent
// events) played from a script: what Codex CLI talks to through a model
// provider's `base_url`. A call is a `function_call` (shell: `exec_command`)
// or, for `apply_patch`, a `custom_tool_call` whose input is the patch text.
// https://platform.openai.com/docs/api-reference/responses-streaming
import { sendEvents, sendJson, startModelServer, textOf, turnAfter, type ScriptedModel, type ToolResult, type Turn } from './script';

interface Item {
  type?: string;
  role?: string;
  call_id?: string;
  name?: string;
  output?: unknown;
}
interface ResponsesRequest {
  model?: string;
  input?: Item[];
  tools?: unknown[];
}

/** Tools whose input is free text (the patch), not JSON arguments. */
const CUSTOM_TOOLS = new Set(['apply_patch']);
const MODEL_ITEMS = new Set(['message', 'function_call', 'custom_tool_call', 'reasoning', 'local_shell_call']);

/**
 * Where a call's input names the session of the last program started with a
 * terminal (`write_stdin`'s `session_id`), whose number Codex chooses: the
 * number from the last "Process running with session ID N" the client sent.
 */
export const LAST_SESSION_ID = -1;

/** Serves `script` as the Responses API. `apply_patch` takes `{ patch }` as its input; a `session_id` of LAST_SESSION_ID is the last one Codex reported. */
export async function startResponsesServer(script: readonly Turn[]): Promise<ScriptedModel> {
  let calls = 0;
  const server = await startModelServer((request, body, response) => {
    const path = (request.url ?? '').split('?')[0]!;
    if (request.method !== 'POST' || !path.endsWith('/responses')) {
      sendJson(response, 404, { error: { message: `${request.method} ${path}`, type: 'invalid_request_error' } });
      return { main: false };
    }
    const asked = (body ?? {}) as ResponsesRequest;
    const main = Array.isArray(asked.tools) && asked.tools.length > 0;
    const turn: Turn = main ? turnAfter(script, modelTurns(asked.input ?? [])) : { say: 'PM Zone test' };
    const id = `resp_${Date.now()}`;
    const items = 'say' in turn
      ? [{ type: 'message', id: `msg_${id}`, role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: turn.say, annotations: [] }] }]
      : turn.calls.map((call) => {
          const callId = `call_${String(++calls).padStart(4, '0')}`;
          return CUSTOM_TOOLS.has(call.name)
            ? { type: 'custom_tool_call', id: `ctc_${callId}`, call_id: callId, name: call.name, input: String(call.input.patch), status: 'completed' }
            : { type: 'function_call', id: `fc_${callId}`, call_id: callId, name: call.name, arguments: JSON.stringify(withSession(call.input, asked.input ?? [])), status: 'completed' };
        });
    const usage = { input_tokens: 1000, input_tokens_details: { cached_tokens: 0 }, output_tokens: 20, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 1020 };
    sendEvents(response, [
      { event: 'response.created', data: { type: 'response.created', response: { id, object: 'response', status: 'in_progress', model: asked.model, output: [] } } },
      ...items.flatMap((item, index) => [
        { event: 'response.output_item.added', data: { type: 'response.output_item.added', output_index: index, item } },
        { event: 'response.output_item.done', data: { type: 'response.output_item.done', output_index: index, item } },
      ]),
      { event: 'response.completed', data: { type: 'response.completed', response: { id, object: 'response', status: 'completed', model: asked.model, output: items, usage } } },
    ]);
    return { main };
  });
  return { ...server, toolResults: () => toolResults(server.mainBodies() as ResponsesRequest[]) };
}

function withSession(input: Record<string, unknown>, items: Item[]): Record<string, unknown> {
  if (input.session_id !== LAST_SESSION_ID) return input;
  const reported = items.flatMap((item) => (typeof item.output === 'string' ? [...item.output.matchAll(/Process running with session ID (\d+)/g)].map((match) => Number(match[1])) : []));
  return { ...input, session_id: reported[reported.length - 1] ?? LAST_SESSION_ID };
}

/** How many times the model spoke in `input`: each run of the model's own items is one turn. */
function modelTurns(input: Item[]): number {
  let turns = 0;
  let previousWasModel = false;
  for (const item of input) {
    const isModel = MODEL_ITEMS.has(item.type ?? '') && (item.type !== 'message' || item.role === 'assistant');
    if (isModel && !previousWasModel) turns++;
    previousWasModel = isModel;
  }
  return turns;
}

function toolResults(bodies: ResponsesRequest[]): ToolResult[] {
  const names = new Map<string, string>();
  const results = new Map<string, ToolResult>();
  for (const body of bodies) {
    for (const item of body.input ?? []) {
      if ((item.type === 'function_call' || item.type === 'custom_tool_call') && item.call_id) names.set(item.call_id, item.name ?? '');
      if ((item.type === 'function_call_output' || item.type === 'custom_tool_call_output') && item.call_id && !results.has(item.call_id)) {
        const output = typeof item.output === 'string' ? item.output : textOf((item.output as { content?: unknown })?.content ?? item.output) || JSON.stringify(item.output);
        results.set(item.call_id, { id: item.call_id, name: names.get(item.call_id) ?? '', output, isError: false });
      }
    }
  }
  return [...results.values()].sort((a, b) => a.id.localeCompare(b.id));
}
