// What every resource of the local GitHub API server shares: replies in
// GitHub's shape, its error body, its paging, and the route table's matching.
import type * as http from 'node:http';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One resource of the API (pull requests, issues, …): the routes it serves and how it answers them. */
export interface Resource<R extends string = string> {
  readonly routes: readonly R[];
  answer(route: R, params: Record<string, string>, query: URLSearchParams, body: unknown): Reply;
}

const DOCS = 'https://docs.github.com/rest';

/** GitHub's error body: `{ message, documentation_url, status }`, with `errors` for validation failures. */
export function errorBody(message: string, status: number, errors?: object[]): object {
  return { message, ...(errors ? { errors } : {}), documentation_url: DOCS, status: String(status) };
}

export function notFound(message = 'Not Found'): Reply {
  return { status: 404, body: errorBody(message, 404) };
}

export function invalid(errors: object[]): Reply {
  return { status: 422, body: errorBody('Validation Failed', 422, errors) };
}

/** GitHub pages lists (30 by default, at most 100), with a Link header to the next page. */
export function page<T>(apiUrl: string, query: URLSearchParams, all: T[], path: string, payload: (item: T) => object): Reply {
  const perPage = Math.min(100, Number(query.get('per_page') ?? 30));
  const number = Number(query.get('page') ?? 1);
  const shown = all.slice((number - 1) * perPage, number * perPage);
  const separator = path.endsWith('?') ? '' : '&';
  const next = number * perPage < all.length ? { link: `<${apiUrl}${path}${separator}per_page=${perPage}&page=${number + 1}>; rel="next"` } : undefined;
  return { status: 200, body: shown.map(payload), ...(next ? { headers: next } : {}) };
}

export interface RouteMatch<R extends string> {
  route: R;
  params: Record<string, string>;
}

/** The route `METHOD /path` names, `:name` segments read as parameters. */
export function matchRoute<R extends string>(routes: readonly R[], method: string, path: string): RouteMatch<R> | undefined {
  for (const route of routes) {
    const [routeMethod, template] = route.split(' ') as [string, string];
    const names: string[] = [];
    const pattern = template.replace(/:(\w+)/g, (_whole, name: string) => (names.push(name), '([^/]+)'));
    const found = new RegExp(`^${pattern}/?$`).exec(path);
    if (routeMethod === method && found) {
      return { route, params: Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(found[index + 1]!)])) };
    }
  }
  return undefined;
}

export function send(res: http.ServerResponse, reply: Reply): void {
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'x-github-request-id': 'FAKE:0001',
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    ...reply.headers,
  });
  res.end(text);
}

export const INVALID_JSON = Symbol('invalid JSON');

export function parseJson(raw: string): unknown {
  try {
    return raw ? JSON.parse(raw) : null;
  } catch {
    return INVALID_JSON;
  }
}

export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
