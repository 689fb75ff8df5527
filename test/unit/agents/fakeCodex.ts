import { promises as fs } from 'node:fs';
import * as path from 'node:path';

// A stand-in for Codex CLI, for the unit tests that need Codex itself to
// answer (`agents init --me` and `agents check` ask it; the real Codex runs
// in test/clients): `codex app-server` answers `initialize`, then
// `hooks/list` with the hooks of each folder's project config
// (`.codex/config.toml` at the repository's top), each with its
// `[hooks.state]` key, a hash of its definition (the stand-in's own: its
// event, matcher and handler) and its trust as the user's config.toml says
// (`trusted_hash` the same hash: trusted; another: modified; none:
// untrusted; `enabled = false`: switched off); `codex debug prompt-input`
// renders the permission profile the user's config selects.

/** Writes `codex` into `bin`; returns its path. */
export async function installFakeCodex(bin: string): Promise<string> {
  const file = path.join(bin, 'codex');
  await fs.writeFile(file, fakeCodexScript(), { mode: 0o755 });
  return file;
}

function fakeCodexScript(): string {
  return `#!${process.execPath}
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const toml = require(${JSON.stringify(require.resolve('smol-toml'))});

const args = process.argv.slice(2).filter((arg, index, all) => arg !== '-c' && all[index - 1] !== '-c');
const userConfig = readToml(path.join(process.env.CODEX_HOME || path.join(os.homedir(), '.codex'), 'config.toml')) || {};
if (args[0] === 'app-server') appServer();
else if (args[0] === 'debug' && args[1] === 'prompt-input') promptInput();
else {
  process.stderr.write('codex (stand-in): ' + args.join(' ') + ' is not answered here\\n');
  process.exit(2);
}

function readToml(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return undefined;
  }
  return toml.parse(text);
}

function topOf(folder) {
  for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

const EVENTS = { PreToolUse: ['preToolUse', 'pre_tool_use'], SessionStart: ['sessionStart', 'session_start'], Stop: ['stop', 'stop'] };

function hooksFrom(folder) {
  const top = topOf(folder);
  if (!top) return [];
  let file = path.join(top, '.codex', 'config.toml');
  const config = readToml(file);
  if (!config || !config.hooks) return [];
  file = fs.realpathSync(file);
  const states = (userConfig.hooks && userConfig.hooks.state) || {};
  const hooks = [];
  for (const [event, [eventName, snake]] of Object.entries(EVENTS)) {
    (config.hooks[event] || []).forEach((group, g) => (group.hooks || []).forEach((handler, h) => {
      const key = file + ':' + snake + ':' + g + ':' + h;
      const currentHash = 'sha256:' + crypto.createHash('sha256').update(JSON.stringify({ event: snake, matcher: group.matcher === undefined ? null : group.matcher, handler })).digest('hex');
      const state = states[key] || {};
      const trustStatus = state.trusted_hash === undefined ? 'untrusted' : state.trusted_hash === currentHash ? 'trusted' : 'modified';
      hooks.push({ key, eventName, command: handler.command, sourcePath: file, source: 'project', enabled: state.enabled !== false, currentHash, trustStatus });
    }));
  }
  return hooks;
}

function appServer() {
  let buffer = '';
  process.stdin.setEncoding('utf8').on('data', (chunk) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\\n'); end >= 0; end = buffer.indexOf('\\n')) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      if (message.id === undefined) continue;
      const result = message.method === 'initialize' ? { userAgent: 'codex-stand-in' }
        : message.method === 'hooks/list' ? { data: message.params.cwds.map((cwd) => ({ cwd, hooks: hooksFrom(cwd), errors: [] })) }
        : undefined;
      process.stdout.write(JSON.stringify(result === undefined ? { id: message.id, error: { message: 'not answered: ' + message.method } } : { id: message.id, result }) + '\\n');
    }
  });
}

function promptInput() {
  const name = userConfig.default_permissions;
  const profile = name && userConfig.permissions && userConfig.permissions[name];
  const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const entries = Object.entries((profile && profile.filesystem) || {}).map(([file, access]) => '<entry access="' + access + '"><path>' + escape(file) + '</path></entry>').join('');
  const context = '<environment_context>' + (profile ? '<permission_profile name="' + escape(name) + '">' + entries + '</permission_profile>' : '') + '</environment_context>';
  process.stdout.write(JSON.stringify([{ type: 'message', role: 'user', content: [{ type: 'input_text', text: context }] }]) + '\\n');
}
`;
}
