import { spawn } from 'node:child_process';
import * as path from 'node:path';

// What PM Zone asks Codex CLI itself, rather than guess: the hooks it would
// run from a folder, each with the hash it trusts hooks by and whether it
// trusts it (`codex app-server`, JSON-RPC over standard input and output,
// `initialize` then `hooks/list`), and the permission profile a session
// started in a folder would run under (`codex debug prompt-input`, which
// renders the session's context without a model or hooks).

/** One hook as `hooks/list` reports it. */
export interface CodexHook {
  /** `<config path>:<event>:<group>:<handler>`: the key of its `[hooks.state]` entry. */
  key: string;
  eventName: string;
  command?: string;
  sourcePath: string;
  source: string;
  enabled: boolean;
  currentHash: string;
  trustStatus: 'managed' | 'untrusted' | 'trusted' | 'modified' | string;
}

const APP_SERVER_TIMEOUT_MS = 30_000;
/** Asked with plugins off: their catalogue is fetched from the network at start, and PM Zone asks only about the project's hooks and the profile. */
const QUIET = ['-c', 'features.plugins=false'];

/** The hooks Codex would run from each of `folders`, as `codex app-server` lists them. */
export async function codexHooks(program: string, folders: readonly string[], env: NodeJS.ProcessEnv): Promise<CodexHook[]> {
  const answers = await appServer(program, folders[0] ?? process.cwd(), env, [['hooks/list', { cwds: folders }]]);
  const data = (answers[0] as { data?: { hooks?: CodexHook[]; errors?: { message?: string }[] }[] } | undefined)?.data ?? [];
  const errors = data.flatMap((entry) => entry.errors ?? []).map((error) => error.message ?? JSON.stringify(error));
  if (errors.length > 0) throw new Error(`Codex could not read its hooks: ${errors.join('; ')}`);
  return data.flatMap((entry) => entry.hooks ?? []);
}

/** Runs `codex app-server` in `cwd`, sends `calls` in turn after `initialize`, and returns each result. */
function appServer(program: string, cwd: string, env: NodeJS.ProcessEnv, calls: readonly [string, unknown][]): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, [...QUIET, 'app-server'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const results: unknown[] = [];
    let buffer = '';
    let stderr = '';
    let next = 0;
    const timer = setTimeout(() => finish(new Error(`codex app-server did not answer within ${APP_SERVER_TIMEOUT_MS / 1000} s`)), APP_SERVER_TIMEOUT_MS);
    const finish = (error?: Error) => {
      clearTimeout(timer);
      child.stdin.end();
      child.kill();
      if (error) reject(error);
      else resolve(results);
    };
    const send = (id: number, method: string, params: unknown) => child.stdin.write(`${JSON.stringify({ id, method, params })}\n`);
    child.on('error', (error) => finish(new Error(`could not run ${program} app-server: ${error.message}`)));
    child.on('close', (code) => {
      if (results.length < calls.length) finish(new Error(`codex app-server ended (exit ${code}) before it answered${stderr.trim() ? `: ${stderr.trim().split('\n').slice(-1)[0]}` : ''}`));
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 1);
        let message: { id?: number; result?: unknown; error?: { message?: string } };
        try {
          message = JSON.parse(line);
        } catch {
          continue;
        }
        if (message.id === undefined) continue;
        if (message.error) return finish(new Error(`codex app-server: ${message.error.message ?? JSON.stringify(message.error)}`));
        if (message.id > 0) results.push(message.result);
        if (message.id === 0) child.stdin.write(`${JSON.stringify({ method: 'initialized' })}\n`);
        if (next < calls.length) {
          const [method, params] = calls[next];
          next += 1;
          send(next, method, params);
        } else finish();
      }
    });
    child.stdin.on('error', () => undefined);
    send(0, 'initialize', { clientInfo: { name: 'pm-zone', title: 'PM Zone', version: '1' }, capabilities: null });
  });
}

/** One entry of the permission profile a session would run under. */
export interface ProfileEntry {
  access: string;
  /** An absolute path, or a special name (`:root`, `:slash_tmp`). */
  path: string;
}

/**
 * The filesystem entries of the permission profile a session started in
 * `folder` runs under, as Codex renders them into the model's context;
 * undefined when the session would run under no profile (a legacy sandbox
 * mode switches it off).
 */
export async function profileInForce(program: string, folder: string, env: NodeJS.ProcessEnv): Promise<ProfileEntry[] | undefined> {
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(program, [...QUIET, 'debug', 'prompt-input', 'PM Zone'], { cwd: folder, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), APP_SERVER_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => reject(new Error(`could not run ${program}: ${error.message}`)));
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${path.basename(program)} debug prompt-input failed (exit ${code}): ${(stderr.trim().split('\n').slice(-1)[0] ?? '').slice(0, 300)}`));
    });
  });
  const context = strings(JSON.parse(output)).find((text) => text.includes('<environment_context>'));
  const rendered = context === undefined ? undefined : /<permission_profile[^>]*>([\s\S]*?)<\/permission_profile>/.exec(context)?.[1];
  if (rendered === undefined) return undefined;
  return [...rendered.matchAll(/<entry access="(\w+)"[^>]*><(path|special)>([^<]*)<\/\2><\/entry>/g)].map((match) => ({ access: match[1], path: unescapeXml(match[3]) }));
}

/** Every string in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  return value !== null && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
