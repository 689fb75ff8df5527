// The built guard and `explain` on a CODEOWNERS long enough to be looked up
// by needle: once the policy entries are held (heldEntry.ts), a decision
// reads the lines its path's lookup tries, not the file, for the working
// tree's policy and the last commit's alike (the guard reads the working
// tree's entry first, which vouches for the bytes the commit's names).
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { AGENT_HOOKS, installedHooks, refuses, runHookCommand, writePayload } from '../../../src/core/agents';
import { copyTree, tempDir } from '../../unit/helpers/tempRepo';
import { cli, isolateGitConfig } from '../../unit/cli/support/cli';
import { git, sampleRepo } from '../../unit/cli/support/sampleRepo';
import { childEnv, installPackage } from '../support/program';

const RULES = 4000;

describe('a long CODEOWNERS, held, read a line at a time by the built guard and explain', () => {
  isolateGitConfig();
  let root: string;
  let scratch: string;

  before(async function () {
    if (process.platform === 'win32') this.skip();
    scratch = await tempDir('held-codeowners');
    root = path.join(scratch, 'shop');
    await copyTree(await sampleRepo(), root);
    const codeowners = path.join(root, '.github', 'CODEOWNERS');
    const generated = Array.from({ length: RULES }, (_, at) => `/area${at}/ @acme/team-${at % 89}`);
    await fs.writeFile(codeowners, `${generated.join('\n')}\n${await fs.readFile(codeowners, 'utf8')}`);
    await git(root, 'config', 'user.email', 'dana@acme.test');
    const init = await cli(['agents', 'init', '--cwd', root]);
    assert.equal(init.code, 0, init.stderr);
    await git(root, 'add', '-A');
    await git(root, '-c', 'user.name=Dana', 'commit', '--quiet', '--no-verify', '-m', 'Areas and the agents\' hooks');
    await installPackage(root);
    await git(root, 'config', 'user.email', 'alice@acme.test');
  });

  /** A preload that counts the bytes node reads from CODEOWNERS through any descriptor opened on it, written at exit. */
  const counting = async (record: string) => {
    const preload = path.join(scratch, 'count.js');
    await fs.writeFile(preload, [
      "const fs = require('fs');",
      `const file = ${JSON.stringify(path.join(root, '.github', 'CODEOWNERS'))};`,
      'const watched = new Set(); let bytes = 0; let whole = 0;',
      'const { openSync, readSync, readFileSync } = fs;',
      'fs.openSync = function (name, ...rest) { const fd = openSync.call(this, name, ...rest); if (String(name) === file) watched.add(fd); return fd; };',
      'fs.readSync = function (fd, ...rest) { const n = readSync.call(this, fd, ...rest); if (watched.has(fd)) bytes += n; return n; };',
      'fs.readFileSync = function (name, ...rest) { const out = readFileSync.call(this, name, ...rest); if (String(name) === file) whole += out.length; return out; };',
      `process.on('exit', () => fs.writeFileSync(${JSON.stringify(record)}, JSON.stringify({ bytes: bytes + whole })));`,
    ].join('\n'));
    return preload;
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 2200));

  it('the guard refuses a locked file from a few lines of it, as it did from the whole file', async () => {
    const hook = installedHooks('claude', await fs.readFile(path.join(root, AGENT_HOOKS.claude.file), 'utf8')).PreToolUse;
    assert.ok(hook, "Claude Code's PreToolUse hook is PM Zone's");
    const record = path.join(scratch, 'guard.json');
    const counted = hook.command.replace(/ node -e /, ` node -r '${await counting(record)}' -e `);
    assert.notEqual(counted, hook.command);
    const edit = writePayload('claude', root, path.join(root, 'src', 'auth', 'session.ts'));
    const decide = async () => {
      const answer = await runHookCommand('claude', counted, root, edit, hook.timeoutSeconds, childEnv());
      assert.ok(refuses('claude', answer), JSON.stringify(answer));
      assert.match(answer.stdout, /src\/auth\/session\.ts is engineering-only/);
      return { stdout: answer.stdout, bytes: (JSON.parse(await fs.readFile(record, 'utf8')) as { bytes: number }).bytes };
    };
    const size = (await fs.stat(path.join(root, '.github', 'CODEOWNERS'))).size;
    // Parsed; then, every file settled, checked by content (read whole and hashed), which holds the entries; then held.
    const parsed = await decide();
    await settle();
    const byContent = await decide();
    assert.ok(byContent.bytes >= size, `checked by content: ${byContent.bytes} bytes of ${size}`);
    const held = await decide();
    assert.ok(held.bytes > 0 && held.bytes < size / 10, `held: a few lines read, ${held.bytes} bytes of ${size}`);
    assert.equal(held.stdout, parsed.stdout);
  });

  it('explain gives the owners of the last rule and of a generated one from a few lines', async () => {
    const record = path.join(scratch, 'explain.json');
    const preload = await counting(record);
    const explain = async () => {
      const run = await new Promise<{ code: number; stdout: string }>((resolve) => {
        execFile(process.execPath, ['-r', preload, path.join(root, 'node_modules', 'pm-zone', 'dist', 'cli.js'), 'explain', 'src/auth/session.ts', 'area3999/main.c'], { cwd: root, env: childEnv(), encoding: 'utf8' }, (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }));
      });
      assert.equal(run.code, 0, run.stdout);
      return { stdout: run.stdout, bytes: (JSON.parse(await fs.readFile(record, 'utf8')) as { bytes: number }).bytes };
    };
    const size = (await fs.stat(path.join(root, '.github', 'CODEOWNERS'))).size;
    const parsed = await explain();
    assert.match(parsed.stdout, /CODEOWNERS:\d+ {2}\/area3999\/ {2}owners @acme\/team-83/);
    await settle();
    await explain();
    const held = await explain();
    assert.ok(held.bytes > 0 && held.bytes < size / 10, `held: a few lines read, ${held.bytes} bytes of ${size}`);
    assert.equal(held.stdout, parsed.stdout);
  });
});
