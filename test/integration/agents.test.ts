import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { agentsInitWrites, launcherScript, GUARD_LAUNCHER, ZONE_TOOL, type PersonalOutcome } from '../../src/core/agents';
import { answeringQuickInput, chooseIdentity, closeAllEditors, decorationOf, fileUri, pmZone, requestScreenshot, until, workspaceGit } from './support';

/** The newer language model API, described here: the extension's types are VS Code 1.90's. */
interface LanguageModelApi {
  registerTool?: unknown;
  registerMcpServerDefinitionProvider?: unknown;
  tools?: readonly { name: string; description: string }[];
  invokeTool?(name: string, options: { input: object; toolInvocationToken: undefined }): Thenable<{ content: { value?: string }[] }>;
}

describe('Guard my coding agents (agents init --me)', () => {
  const local = ['.claude/settings.local.json', '.github/copilot/settings.local.json'];
  let home: string;

  before(() => {
    home = mkdtempSync(join(tmpdir(), 'pm-zone-home-'));
  });

  after(async () => {
    await chooseIdentity(undefined);
    for (const file of local) rmSync(fileUri(file).fsPath, { force: true });
    rmSync(home, { recursive: true, force: true });
  });

  it("turns the guard on for the pilot PM's own agents: their user hooks and sandbox, nothing committed", async () => {
    await pmZone();
    await chooseIdentity('@alice');
    await until('the pilot PM', async () => (await (await pmZone()).repositories.all())[0].policy?.author?.handle === '@alice');
    const outcome = await vscode.commands.executeCommand<PersonalOutcome | undefined>('pmZone.guardMyAgents', undefined, ['claude', 'gemini'], home);
    assert.equal(outcome?.status, 'written', JSON.stringify(outcome));
    // What the PM reads: the message, in the notification centre, beside the sandbox settings written for them.
    await vscode.window.showTextDocument(fileUri('.claude/settings.local.json'), { preview: true });
    await vscode.commands.executeCommand('notifications.showList');
    await requestScreenshot('guard-my-agents');
    await vscode.commands.executeCommand('notifications.hideList');
    const sandbox = JSON.parse(readFileSync(fileUri('.claude/settings.local.json').fsPath, 'utf8')).sandbox;
    assert.deepEqual([sandbox.enabled, sandbox.failIfUnavailable, sandbox.allowUnsandboxedCommands], [true, true, false]);
    assert.ok(sandbox.filesystem.denyWrite.some((entry: string) => entry.endsWith('/src/auth')), JSON.stringify(sandbox.filesystem.denyWrite));
    const user = JSON.parse(readFileSync(join(home, '.claude', 'settings.json'), 'utf8'));
    assert.match(user.hooks.PreToolUse[0].hooks[0].command, /user-guard\.cjs' claude/);
    assert.ok(existsSync(join(home, '.gemini', 'settings.json')));
    assert.equal(workspaceGit('status', '--porcelain', '--', '.claude').trim(), '', 'the sandbox settings are not offered to a commit');
  });

  it('writes nothing for an engineer, and says why', async () => {
    const engineerHome = mkdtempSync(join(tmpdir(), 'pm-zone-home-'));
    await chooseIdentity('@dana');
    await until('an engineer (not a pilot)', async () => (await (await pmZone()).repositories.all())[0].policy?.identity.known === false);
    const outcome = await vscode.commands.executeCommand<PersonalOutcome | undefined>('pmZone.guardMyAgents', undefined, ['claude'], engineerHome);
    assert.equal(outcome?.status, 'refused');
    assert.deepEqual(readdirSync(engineerHome), []);
    rmSync(engineerHome, { recursive: true, force: true });
  });
});

describe('The coding agents', () => {
  const written = ['.pmzone/guard.cjs', '.claude/settings.json', '.codex/config.toml', '.github/hooks/pm-zone.json', '.cursor/hooks.json', '.gemini/settings.json'];

  after(async () => {
    await chooseIdentity(undefined);
    await closeAllEditors();
    for (const file of written) rmSync(fileUri(file).fsPath, { force: true });
  });

  it('Guard coding agents writes nothing for a pilot PM: the hook settings are an engineer\'s', async () => {
    const api = await pmZone();
    assert.equal((await api.repositories.all())[0].policy?.author?.handle, '@alice');
    assert.equal(await vscode.commands.executeCommand('pmZone.guardAgents', undefined, ['claude']), undefined);
    for (const file of written) assert.equal(existsSync(fileUri(file).fsPath), false, `a PM wrote ${file}`);
  });

  it('writes what pm-zone agents init writes for an engineer, for the agents picked; then the files are locked for a PM', async () => {
    await chooseIdentity('@dana');
    await until('an engineer (not a pilot)', async () => (await (await pmZone()).repositories.all())[0].policy?.identity.known === false);
    // The quick pick offers every agent, all picked: accepting it guards them all.
    const picking = vscode.commands.executeCommand<string[] | undefined>('pmZone.guardAgents');
    await requestScreenshot('guard-agents-picker');
    const result = await answeringQuickInput(picking);
    assert.deepEqual(result, written.map((file) => `${file} create`));
    const expected = agentsInitWrites({}, ['claude', 'codex', 'copilot', 'cursor', 'gemini']);
    for (const { file, text } of expected) assert.equal(readFileSync(fileUri(file).fsPath, 'utf8'), text, file);
    assert.equal(readFileSync(fileUri(GUARD_LAUNCHER).fsPath, 'utf8'), launcherScript());
    assert.deepEqual(await vscode.commands.executeCommand('pmZone.guardAgents', undefined, ['claude']), ['.pmzone/guard.cjs unchanged', '.claude/settings.json unchanged']);

    await chooseIdentity('@alice');
    const api = await pmZone();
    for (const file of written) {
      const decoration = await until(`the lock on ${file}`, async () => (await decorationOf(api, file))?.badge === '🔒' && (await decorationOf(api, file)));
      assert.match(String(decoration.tooltip), /Policy files are not edited by those they bind/);
    }
  });

  it('offers the zone to VS Code\'s agent as a tool where this VS Code takes one, and as an MCP server where it takes that', async () => {
    const api = await pmZone();
    const lm = vscode.lm as unknown as LanguageModelApi;
    console.log(`  VS Code ${vscode.version}: language model tools ${typeof lm.registerTool === 'function' ? 'present' : 'absent'}, the MCP server definition provider function ${typeof lm.registerMcpServerDefinitionProvider === 'function' ? 'present' : 'absent'} (final from 1.101)`);
    assert.equal(api.agentTools.tool, typeof lm.registerTool === 'function');
    // Finalized in VS Code 1.101; 1.100 has a proposal by another contribution name, which PM Zone leaves alone.
    const [major, minor] = vscode.version.split('.').map(Number);
    assert.equal(api.agentTools.mcp, typeof lm.registerMcpServerDefinitionProvider === 'function' && (major > 1 || minor >= 101));
    if (api.agentTools.mcp) await startsTheMcpServer(api.agentTools.mcpDefinitions);
    if (!api.agentTools.tool || !lm.invokeTool) return;
    const listed = await until('the tool among the language model tools', () => lm.tools?.find((tool) => tool.name === ZONE_TOOL.name));
    assert.equal(listed.description, ZONE_TOOL.description);
    const answer = await lm.invokeTool(ZONE_TOOL.name, { input: { paths: ['src/auth/session.ts', fileUri('src/features/checkout/i18n/en.json').fsPath] }, toolInvocationToken: undefined });
    const text = answer.content.map((part) => part.value ?? '').join('');
    assert.match(text, /^PM Zone, for @alice, a pilot PM \(engineering DRI @dana\), by the PM zone of CLAUDE\.md:/);
    assert.match(text, /- src\/auth\/session\.ts: locked, engineering-only/);
    assert.match(text, /- src\/features\/checkout\/i18n\/en\.json: editable, the PM may edit it/);
  });
});

/** Starts the server each definition names, as VS Code would, and asks it for the zone over MCP's stdio JSON-RPC. */
async function startsTheMcpServer(definitions: (() => Promise<unknown[]>) | undefined): Promise<void> {
  assert.ok(definitions, 'the MCP definitions are registered but not reachable');
  const [definition] = (await definitions()) as Array<{ label: string; command: string; args: string[]; env: Record<string, string>; cwd?: vscode.Uri }>;
  assert.match(definition.label, /^PM Zone \(acme-shop\)$/);
  const server = spawn(definition.command, definition.args, { cwd: definition.cwd?.fsPath, env: { ...process.env, ...definition.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    const replies = new Map<number, unknown>();
    let buffered = '';
    server.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
        const message = JSON.parse(buffered.slice(0, end)) as { id?: number };
        buffered = buffered.slice(end + 1);
        if (typeof message.id === 'number') replies.set(message.id, message);
      }
    });
    const ask = async (id: number, method: string, params: object) => {
      server.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
      return until(`the MCP server's answer to ${method}`, async () => replies.get(id) as { result?: Record<string, unknown> } | undefined);
    };
    const initialized = await ask(1, 'initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '0' } });
    assert.ok(initialized.result?.serverInfo, JSON.stringify(initialized));
    server.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
    const listed = await ask(2, 'tools/list', {});
    assert.deepEqual((listed.result?.tools as Array<{ name: string }>).map((tool) => tool.name), [ZONE_TOOL.name]);
    const called = await ask(3, 'tools/call', { name: ZONE_TOOL.name, arguments: { paths: ['src/auth/session.ts'] } });
    assert.match(JSON.stringify(called.result), /src\/auth\/session\.ts: locked, engineering-only/);
  } finally {
    server.kill();
  }
}
