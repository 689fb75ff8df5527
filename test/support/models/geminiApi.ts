// The Gemini API (`models/{model}:streamGenerateContent?alt=sse`,
// `:generateContent`, `:countTokens`) played from a script: what Gemini CLI
// talks to through GOOGLE_GEMINI_BASE_URL.
// https://ai.google.dev/api/generate-content
import type * as http from 'node:http';
import { sendEvents, sendJson, startModelServer, turnAfter, type ScriptedModel, type ToolResult, type Turn } from './script';

interface Part {
  text?: string;
  functionCall?: { id?: string; name: string; args?: unknown };
  functionResponse?: { id?: string; name: string; response?: unknown };
}
interface Content {
  role?: string;
  parts?: Part[];
}
interface GenerateRequest {
  contents?: Content[];
  tools?: { functionDeclarations?: unknown[] }[];
}

/** Serves `script` as the Gemini API; requests that declare no functions (the CLI's own checks) get a short text. */
export async function startGeminiServer(script: readonly Turn[]): Promise<ScriptedModel> {
  let calls = 0;
  const server = await startModelServer((request, body, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = url.pathname.split(':').pop();
    if (request.method === 'POST' && method === 'countTokens') {
      sendJson(response, 200, { totalTokens: 1000 });
      return { main: false };
    }
    if (request.method !== 'POST' || (method !== 'generateContent' && method !== 'streamGenerateContent')) {
      sendJson(response, 404, { error: { code: 404, message: `${request.method} ${url.pathname}`, status: 'NOT_FOUND' } });
      return { main: false };
    }
    const asked = (body ?? {}) as GenerateRequest;
    const main = (asked.tools ?? []).some((tool) => (tool.functionDeclarations ?? []).length > 0);
    const turn: Turn = main ? turnAfter(script, modelTurns(asked)) : { say: 'PM Zone test' };
    reply(response, method === 'streamGenerateContent', turn, () => `call_${String(++calls).padStart(4, '0')}`);
    return { main };
  });
  return { ...server, toolResults: () => toolResults(server.mainBodies() as GenerateRequest[]) };
}

/** The model turns the conversation already holds that the script played (a call made or words said). */
function modelTurns(asked: GenerateRequest): number {
  return (asked.contents ?? []).filter((content) => content.role === 'model' && (content.parts ?? []).some((part) => part.functionCall || part.text !== undefined)).length;
}

function reply(response: http.ServerResponse, streamed: boolean, turn: Turn, newId: () => string): void {
  const parts = 'say' in turn ? [{ text: turn.say }] : turn.calls.map((call) => ({ functionCall: { id: newId(), name: call.name, args: call.input } }));
  const chunk = {
    candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 1000, candidatesTokenCount: 20, totalTokenCount: 1020 },
    modelVersion: 'gemini-2.5-pro',
  };
  if (streamed) sendEvents(response, [{ data: chunk }]);
  else sendJson(response, 200, chunk);
}

/** The function responses of every main request, each call once, in the order the calls were made. */
function toolResults(bodies: GenerateRequest[]): ToolResult[] {
  const results = new Map<string, ToolResult>();
  for (const body of bodies) {
    for (const content of body.contents ?? []) {
      for (const part of content.parts ?? []) {
        const answered = part.functionResponse;
        if (!answered?.id || results.has(answered.id)) continue;
        const response = answered.response as { output?: unknown; error?: unknown } | undefined;
        const output = response?.output ?? response?.error ?? response;
        results.set(answered.id, { id: answered.id, name: answered.name, output: typeof output === 'string' ? output : JSON.stringify(output), isError: response?.error !== undefined });
      }
    }
  }
  return [...results.values()].sort((a, b) => a.id.localeCompare(b.id));
}
