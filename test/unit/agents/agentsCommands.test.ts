import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { AGENT_CONFIG_FILES, runHookCommand } from '../../../src/core/agents';
import { copyTree, tempDir } from '../helpers/tempRepo';
import { cli, isolateGitConfig, parsed } from '../cli/support/cli';
import { isolatedGitEnv } from '../helpers/tempRepo';
import { git, sampleRepo } from '../cli/support/sampleRepo';

// `pm-zone agents init` on a real repository: what it writes, for whom, and
// where. The hooks it writes, run as each agent runs them, are in
// test/bundle/agents/hooks.test.ts: they run the built program.

describe('pm-zone agents init and agents check', () => {
  isolateGitConfig();
  let root: string;

  before(async () => {
    // A folder name with a space: the command lines quote the project folder.
    root = path.join(await tempDir('agents'), 'acme shop');
    await copyTree(await sampleRepo(), root);
  });

  it('writes nothing for a pilot PM, and gives the request to send to engineering', async () => {
    const run = await cli(['agents', 'init', '--cwd', root]);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^pm-zone: The coding agents' hook settings are policy files \(Engineering only — Policy files are not edited by those they bind[^\n]*\): an engineer adds them\. Ask your engineering DRI \(@dana\)/);
    assert.match(run.stderr, /1\. Run `npx pm-zone agents init`/);
    for (const file of AGENT_CONFIG_FILES) await assert.rejects(fs.stat(path.join(root, file)), `${file} was written`);
  });

  it('writes the launcher and every agent\'s settings for an engineer, merged into what is there', async () => {
    await git(root, 'config', 'user.email', 'dana@acme.test');
    await fs.mkdir(path.join(root, '.claude'), { recursive: true });
    await fs.writeFile(path.join(root, '.claude', 'settings.json'), '{\n  "permissions": { "deny": ["Read(./.env)"] }\n}\n');
    const run = await cli(['agents', 'init', '--json', '--cwd', root]);
    assert.equal(run.code, 0, run.stderr);
    const outcome = parsed<{ status: string; files: { file: string; action: string }[]; advice: string }>(run);
    assert.deepEqual(outcome.files, [
      { file: '.pmzone/guard.cjs', action: 'create' },
      { file: '.claude/settings.json', action: 'update' },
      { file: '.codex/config.toml', action: 'create' },
      { file: '.github/hooks/pm-zone.json', action: 'create' },
      { file: '.cursor/hooks.json', action: 'create' },
      { file: '.gemini/settings.json', action: 'create' },
    ]);
    assert.match(outcome.advice, /npm install --save-dev pm-zone/);
    assert.deepEqual(JSON.parse(await fs.readFile(path.join(root, '.claude', 'settings.json'), 'utf8')).permissions, { deny: ['Read(./.env)'] });
    for (const file of AGENT_CONFIG_FILES.filter((f) => !f.includes('local') && !f.includes('copilot/'))) {
      assert.doesNotMatch(await fs.readFile(path.join(root, file), 'utf8'), new RegExp(root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), `${file} names this machine's folder`);
    }
    const again = await cli(['agents', 'init', '--cwd', root]);
    assert.match(again.stdout, /^\.pmzone\/guard\.cjs unchanged\n\.claude\/settings\.json unchanged\n/);
  });

  it('makes the files it writes policy files: locked for PMs, in the zone answer and the review', async () => {
    const explain = await cli(['explain', '--json', '--as', '@alice', '--cwd', root, ...AGENT_CONFIG_FILES]);
    for (const row of parsed<{ path: string; zone: string; reasons: { message: string }[] }[]>(explain)) {
      assert.equal(row.zone, 'locked', row.path);
      assert.equal(row.reasons[0].message, 'Policy files are not edited by those they bind');
    }
    await git(root, 'add', '.pmzone/guard.cjs');
    const review = await cli(['review', '--staged', '--json', '--as', '@alice', '--cwd', root]);
    const findings = parsed<{ findings: { check: string; file: string; blocking: boolean }[] }>(review).findings;
    assert.ok(findings.some((f) => f.check === 'zone.locked' && f.file === '.pmzone/guard.cjs' && f.blocking), JSON.stringify(findings));
    await git(root, 'reset', '--quiet');
  });

  it('refuses a bad --agent and a settings file it cannot read, writing nothing', async () => {
    const bad = await cli(['agents', 'init', '--agent', 'aider', '--cwd', root]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^pm-zone: --agent takes claude, codex, copilot, cursor, gemini, not 'aider'\n$/);
    const folder = await sampleRepo();
    await git(folder, 'config', 'user.email', 'dana@acme.test');
    await fs.mkdir(path.join(folder, '.cursor'));
    await fs.writeFile(path.join(folder, '.cursor', 'hooks.json'), '{ "version": 1, ');
    const broken = await cli(['agents', 'init', '--cwd', folder]);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /^pm-zone: \.cursor\/hooks\.json is not valid JSON \(.*\); nothing was written\. Fix it, or move it aside and run again\.\n$/);
    await assert.rejects(fs.stat(path.join(folder, '.pmzone', 'guard.cjs')));
  });
});

describe('agents init writes inside the repository only', () => {
  isolateGitConfig();

  it('replaces a settings file that is a link rather than writing through it, and refuses a folder that leads out', async () => {
    const root = await sampleRepo();
    await git(root, 'config', 'user.email', 'dana@acme.test');
    const outside = path.join(await tempDir('outside'), 'settings.json');
    await fs.writeFile(outside, '{"theirs": true}\n');
    await fs.mkdir(path.join(root, '.claude'), { recursive: true });
    await fs.symlink(outside, path.join(root, '.claude', 'settings.json'));
    const run = await cli(['agents', 'init', '--agent', 'claude', '--cwd', root]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(await fs.readFile(outside, 'utf8'), '{"theirs": true}\n');
    assert.ok((await fs.lstat(path.join(root, '.claude', 'settings.json'))).isFile());

    const elsewhere = await tempDir('elsewhere');
    await fs.symlink(elsewhere, path.join(root, '.cursor'));
    await fs.rm(path.join(root, '.pmzone'), { recursive: true });
    const refused = await cli(['agents', 'init', '--cwd', root]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /\.cursor\/hooks\.json: its folder leads out of the repository through a link; nothing was written/);
    assert.deepEqual(await fs.readdir(elsewhere), []);
    await assert.rejects(fs.stat(path.join(root, '.pmzone', 'guard.cjs')), 'nothing is half written');
  });

  it('kills a hook that runs past its timeout, as the agents do', async () => {
    // The hook would print once it woke: killed at its timeout, it never does.
    const output = await runHookCommand('cursor', 'sleep 5; echo awake', await tempDir('timeout'), '{}', 0.3, isolatedGitEnv);
    assert.equal(output.timedOut, true);
    assert.equal(output.stdout, '');
  });
});
