// A scripted model: what a real agent CLI talks to in the agent clients'
// tier. A script is the list of turns the "model" plays, in order; the turn
// a request asks for is read from the conversation it carries (how many
// turns the model already took), so a client that retries a request gets
// the same turn again. Past the script's end the model says "Done." and the
// agent stops. Each API (Anthropic Messages, Gemini, OpenAI Responses) is a
// module of its own beside this one; this file is what they share: the
// turns, the HTTP server, and the log of what the client sent.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One tool call, in the agent's own tool names and arguments. */
export interface ToolCall {
  name: string;
  input: Record<string, unknown>;
}

/** A turn: the tool calls the model makes, or the text it ends with. */
export type Turn = { calls: ToolCall[] } | { say: string };

export const FINAL_WORDS = 'Done.';

/** What the model does on the turn after `taken` turns: the script's next one, or "Done.". */
export function turnAfter(script: readonly Turn[], taken: number): Turn {
  return script[taken] ?? { say: FINAL_WORDS };
}

/** What the client sent back for one tool call: the text the model reads. */
export interface ToolResult {
  /** The id the model gave the call. */
  id: string;
  /** The tool's name, as the call named it. */
  name: string;
  output: string;
  /** The client marked it as an error (where its API has such a flag). */
  isError: boolean;
}

export interface LoggedModelRequest {
  method: string;
  path: string;
  body: unknown;
  /** A request of the agent's own loop (it offers tools), not a side request such as a title. */
  main: boolean;
}

export interface ModelServer {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  url: string;
  requests: LoggedModelRequest[];
  /** The main requests' bodies, in order. */
  mainBodies(): unknown[];
  close(): Promise<void>;
}

/** A model server whose log also says what the client sent back for each tool call. */
export interface ScriptedModel extends ModelServer {
  /** Every tool result the client sent, each call once, in the order the calls were made. */
  toolResults(): ToolResult[];
}

export type Answer = (request: http.IncomingMessage, body: unknown, response: http.ServerResponse) => { main: boolean };

/** An HTTP server on 127.0.0.1 that logs every request and lets `answer` reply. */
export async function startModelServer(answer: Answer): Promise<ModelServer> {
  const requests: LoggedModelRequest[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // Not JSON: logged as text.
      }
      const path = (request.url ?? '/').split('?')[0]!;
      try {
        const { main } = answer(request, body, response);
        requests.push({ method: request.method ?? 'GET', path, body, main });
      } catch (error) {
        requests.push({ method: request.method ?? 'GET', path, body, main: false });
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: String(error) } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    mainBodies: () => requests.filter((request) => request.main).map((request) => request.body),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes server-sent events: `event:` lines where the API names them, one `data:` line of JSON each. */
export function sendEvents(response: http.ServerResponse, events: { event?: string; data: unknown }[]): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (const { event, data } of events) response.write(`${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
  response.end();
}

export function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Text from a content field that is a string or a list of `{type: 'text', text}` blocks. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((block) => (typeof block === 'string' ? block : textOf((block as { text?: unknown }).text ?? ''))).join('\n');
  return '';
}
