// .pmzone/guard.cjs run by real node against packages laid out as npm and
// the editors lay them out: it runs PM Zone's guard only when PM Zone's build
// signed it, finds it in node_modules, in each editor's extension folder
// (newest first) and on PATH, and refuses anything else that calls itself
// pm-zone. The packages here are small stand-ins signed the way the build
// signs (scripts/identity.mjs); test/bundle/agents/hooks.test.ts runs the
// real build.
import * as assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { EDITOR_EXTENSION_FOLDERS, GUARD_LAUNCHER, launcherScript, trustedGuardKeys } from '../../../src/core/agents';
import { GUARD_CODE_CACHE } from '../../../src/core/agents/guardRunner';
import { keepGuardChain, type ChainHanded, type ChainRecord } from '../../../src/core/agents/guardChain';
import { findRepository } from '../../../src/core/agents/repositoryLocation';
import { writeIdentity } from '../../../scripts/identity.mjs';
import { development, makePackage } from '../helpers/signedPackage';
import { tempDir } from '../helpers/tempRepo';
import { cpuBound } from '../helpers/cpuBound';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('the guard launcher (.pmzone/guard.cjs)', function () {
  this.timeout(cpuBound(30_000));
  let project: string;
  let home: string;

  beforeEach(async () => {
    const base = await tempDir('launcher');
    project = path.join(base, 'project');
    home = path.join(base, 'home');
    await fs.mkdir(path.join(project, '.pmzone'), { recursive: true });
    await fs.mkdir(home, { recursive: true });
    await writeLauncher();
  });

  const writeLauncher = (release = false) => fs.writeFile(path.join(project, ...GUARD_LAUNCHER.split('/')), launcherScript(trustedGuardKeys(release)));

  function run(args: string[], env: NodeJS.ProcessEnv = {}, stdin = JSON.stringify({ session_id: `s-${Math.random()}`, tool_name: 'Write', tool_input: { file_path: 'x' } })): Promise<Run> {
    return new Promise((resolve) => {
      const child = execFile(
        process.execPath,
        [path.join(project, ...GUARD_LAUNCHER.split('/')), ...args],
        // TMPDIR: the once-per-session marker of a missing guard stays in the test's folder.
        { cwd: project, env: { PATH: path.dirname(process.execPath), HOME: home, USERPROFILE: home, TMPDIR: home, ...env } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
      // A stand-in guard may answer and exit before it reads its input: the write then fails (EPIPE), which is not the test's matter.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(stdin);
    });
  }
  const locate = async (env: NodeJS.ProcessEnv = {}) => JSON.parse((await run(['--locate'], env)).stdout) as { from?: string; folder?: string; version?: string; refused?: string };

  it("runs the project's own signed copy in node_modules, with the hook's arguments", async () => {
    await makePackage(path.join(project, 'node_modules', 'pm-zone'), '1.2.3', development);
    assert.deepEqual(await run(['--agent', 'claude']), { code: 0, stdout: 'guard 1.2.3 --agent claude', stderr: '' });
    assert.deepEqual(await locate(), { from: 'node_modules', folder: path.join(project, 'node_modules', 'pm-zone'), guard: path.join(project, 'node_modules', 'pm-zone', 'dist', 'guard.js'), version: '1.2.3', key: 'development', files: (await locate() as { files: unknown }).files });
  });

  const impostors: [string, (folder: string) => Promise<void>, RegExp][] = [
    ['with no identity (a package that only calls itself pm-zone)', (folder) => makePackage(folder, '9.9.9', undefined), /carries no identity signed by PM Zone/],
    ['signed with a key nobody committed', (folder) => makePackage(folder, '9.9.9', { id: 'development', key: generateKeyPairSync('ed25519').privateKey, release: false }), /does not match its signature/],
    ['signed under a key name the launcher does not know', (folder) => makePackage(folder, '9.9.9', { id: 'someone-else', key: generateKeyPairSync('ed25519').privateKey, release: false }), /a key this launcher does not trust \("someone-else"\)/],
    ['installed under the name by an alias (npm:other-package)', (folder) => makePackage(folder, '9.9.9', development, 'other-package'), /its package\.json names "other-package", not pm-zone/],
    [
      'whose guard was changed after signing',
      async (folder) => {
        await makePackage(folder, '9.9.9', development);
        await fs.appendFile(path.join(folder, 'dist', 'guard.js'), "require('child_process');\n");
      },
      /its dist\/guard\.js is not the file its identity signs/,
    ],
  ];
  for (const [what, make, reason] of impostors) {
    it(`refuses every tool call, and runs nothing, for a pm-zone ${what}`, async () => {
      await make(path.join(project, 'node_modules', 'pm-zone'));
      // Even with PM Zone's real extension installed: what the project pins is not silently skipped.
      await makePackage(path.join(home, '.vscode', 'extensions', 'pm-zone.pm-zone-1.0.0'), '1.0.0', development);
      const payload = JSON.stringify({ session_id: 'one', tool_name: 'Write', tool_input: {} });
      for (let call = 0; call < 2; call++) {
        const refused = await run(['--agent', 'claude'], {}, payload);
        assert.equal(refused.code, 2);
        assert.equal(refused.stdout, '');
        assert.match(refused.stderr, /^PM Zone: node_modules\/pm-zone is not PM Zone's own build: /);
        assert.match(refused.stderr, reason);
        assert.match(refused.stderr, /this tool call is refused\. Reinstall PM Zone/);
      }
      assert.match((await locate()).refused ?? '', reason);
    });
  }

  it('a release launcher refuses a development build, which anyone can sign', async () => {
    await makePackage(path.join(project, 'node_modules', 'pm-zone'), '1.2.3', development);
    await writeLauncher(true);
    const refused = await run(['--agent', 'claude']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /signed with a key this launcher does not trust \("development"\)/);
  });

  it('a session start or a stop passes quietly when the package is refused: only tool calls are held', async () => {
    await makePackage(path.join(project, 'node_modules', 'pm-zone'), '9.9.9', undefined);
    assert.deepEqual(await run(['--agent', 'claude'], {}, JSON.stringify({ session_id: 'one', hook_event_name: 'Stop' })), { code: 0, stdout: '', stderr: '' });
  });

  const editors: [string, string, NodeJS.ProcessEnv?][] = [
    ['VS Code', '.vscode/extensions'],
    ['VS Code Insiders', '.vscode-insiders/extensions'],
    ['VS Code Server (Remote SSH, WSL, containers)', '.vscode-server/extensions'],
    ['Cursor', '.cursor/extensions'],
    ['Windsurf', '.windsurf/extensions'],
    ['code-server', '.local/share/code-server/extensions'],
    ['code-server with XDG_DATA_HOME', 'data/code-server/extensions', { XDG_DATA_HOME: 'data' }],
    ['VS Code with VSCODE_EXTENSIONS', 'elsewhere/exts', { VSCODE_EXTENSIONS: 'elsewhere/exts' }],
  ];
  for (const [editor, folder, env] of editors) {
    it(`with PM Zone installed only as the ${editor} extension, runs the extension's guard`, async () => {
      const absoluteEnv = Object.fromEntries(Object.entries(env ?? {}).map(([name, value]) => [name, path.join(home, value as string)]));
      const extension = path.join(home, ...folder.split('/'), 'pm-zone.pm-zone-0.4.1');
      await makePackage(extension, '0.4.1', development);
      assert.deepEqual(await run(['--agent', 'cursor'], absoluteEnv), { code: 0, stdout: 'guard 0.4.1 --agent cursor', stderr: '' });
      assert.deepEqual({ ...(await locate(absoluteEnv)), guard: undefined, files: undefined, key: undefined }, { from: 'extension', folder: extension, version: '0.4.1', guard: undefined, files: undefined, key: undefined });
    });
  }

  it('every editor folder the launcher names is one this test covers', () => {
    const covered = new Set(editors.map(([, folder]) => folder));
    for (const folder of ['.vscode/extensions', '.vscode-insiders/extensions', '.vscode-server/extensions', '.cursor/extensions', '.windsurf/extensions']) assert.ok(EDITOR_EXTENSION_FOLDERS.includes(folder) && covered.has(folder), folder);
  });

  it('the newest installed version first, across editors, skipping the versions VS Code marked obsolete', async () => {
    await makePackage(path.join(home, '.vscode', 'extensions', 'pm-zone.pm-zone-0.9.0'), '0.9.0', development);
    await makePackage(path.join(home, '.cursor', 'extensions', 'pm-zone.pm-zone-0.10.0'), '0.10.0', development);
    // Updated, the old folder waits for a restart to be deleted: .obsolete names it.
    await makePackage(path.join(home, '.vscode', 'extensions', 'pm-zone.pm-zone-0.11.0'), '0.11.0', development);
    await fs.writeFile(path.join(home, '.vscode', 'extensions', '.obsolete'), JSON.stringify({ 'pm-zone.pm-zone-0.11.0': true }));
    // Another publisher's extension of the same name is not PM Zone.
    await makePackage(path.join(home, '.vscode', 'extensions', 'someone.pm-zone-5.0.0'), '5.0.0', undefined);
    assert.equal((await run(['--agent', 'claude'])).stdout, 'guard 0.10.0 --agent claude');
  });

  it('node_modules wins over the extension: the project pins the version its CI runs', async () => {
    await makePackage(path.join(project, 'node_modules', 'pm-zone'), '0.1.0', development);
    await makePackage(path.join(home, '.vscode', 'extensions', 'pm-zone.pm-zone-0.9.0'), '0.9.0', development);
    assert.equal((await run(['--agent', 'claude'])).stdout, 'guard 0.1.0 --agent claude');
  });

  it('with node_modules/pm-zone there, reads no editor folder (every tool call would pay for them)', async function () {
    // mkfifo: POSIX only.
    if (process.platform === 'win32') this.skip();
    await makePackage(path.join(project, 'node_modules', 'pm-zone'), '0.1.0', development);
    // A launcher that still read the editors' folders would wait on this FIFO for a writer that never comes.
    const extensions = path.join(home, '.vscode', 'extensions');
    await fs.mkdir(extensions, { recursive: true });
    execFileSync('mkfifo', [path.join(extensions, '.obsolete')]);
    const answered = execFileSync(process.execPath, [path.join(project, ...GUARD_LAUNCHER.split('/')), '--agent', 'claude'], { cwd: project, env: { PATH: path.dirname(process.execPath), HOME: home, USERPROFILE: home, TMPDIR: home }, input: '{}', encoding: 'utf8', timeout: 15_000, killSignal: 'SIGKILL' });
    assert.equal(answered, 'guard 0.1.0 --agent claude');
  });

  describe("the guard's code cache, in the git folder's records folder", () => {
    const records = () => path.join(project, '.git', 'pm-zone');
    const cacheFile = () => path.join(records(), GUARD_CODE_CACHE);
    const signedDigest = async () => (JSON.parse(JSON.parse(await fs.readFile(path.join(project, 'node_modules', 'pm-zone', 'dist', 'identity.json'), 'utf8')).payload) as { files: Record<string, string> }).files['guard.js'];
    /** The cache file's header, and whether its data matches the header's sum and starts at a multiple of 16. */
    const kept = async () => {
      const bytes = await fs.readFile(cacheFile());
      const end = bytes.indexOf(10);
      const header = JSON.parse(bytes.subarray(0, end).toString('utf8')) as { stamp: string; sum: string };
      const data = bytes.subarray(end + 1);
      return { stamp: JSON.parse(header.stamp) as unknown[], summed: createHash('sha256').update(data).digest('hex') === header.sum, aligned: (end + 1) % 16 === 0, size: data.length };
    };
    const state = async () => {
      const stats = await fs.lstat(cacheFile());
      return { file: stats.isFile(), ino: stats.ino, mtimeMs: stats.mtimeMs };
    };
    const answers = async () => assert.deepEqual(await run(['--agent', 'claude']), { code: 0, stdout: 'guard 1.2.3 --agent claude', stderr: '' });

    beforeEach(async () => {
      await makePackage(path.join(project, 'node_modules', 'pm-zone'), '1.2.3', development);
      await fs.mkdir(records(), { recursive: true });
    });

    it('is written after the first run, for the guard its signature names, and taken as it is by the next', async () => {
      await answers();
      const first = await kept();
      assert.deepEqual(first.stamp, [1, await signedDigest(), process.version, process.arch]);
      assert.equal(first.summed, true);
      assert.equal(first.aligned, true);
      assert.ok(first.size > 0);
      const written = await state();
      // Not rewritten: the launcher writes it only where V8 was given none, or rejected the one it was given.
      await answers();
      assert.deepEqual(await state(), written);
    });

    it('a damaged cache, or one kept for another guard or another node, is not given to V8, and is written again', async () => {
      await answers();
      const damaged = await fs.readFile(cacheFile());
      damaged[damaged.length - 1] ^= 0xff;
      await fs.writeFile(cacheFile(), damaged);
      await answers();
      assert.equal((await kept()).summed, true);
      assert.notDeepEqual(await fs.readFile(cacheFile()), damaged);

      // The same data and a sum that matches it, under another guard's hash: a new release is compiled anew.
      const good = await fs.readFile(cacheFile());
      const end = good.indexOf(10);
      const header = JSON.parse(good.subarray(0, end).toString('utf8')) as { stamp: string; sum: string };
      const stamp = JSON.parse(header.stamp) as unknown[];
      for (const other of [[stamp[0], '0'.repeat(64), stamp[2], stamp[3]], [stamp[0], stamp[1], 'v0.0.1', stamp[3]]]) {
        const line = JSON.stringify({ ...header, stamp: JSON.stringify(other) });
        await fs.writeFile(cacheFile(), Buffer.concat([Buffer.from(`${line}${' '.repeat(15 - (line.length % 16))}\n`), good.subarray(end + 1)]));
        await answers();
        assert.deepEqual((await kept()).stamp, stamp);
      }
    });

    it('a link or a FIFO at its name is neither followed nor waited on, and is replaced; with no records folder nothing is kept', async function () {
      if (process.platform === 'win32') this.skip();
      await answers();
      const elsewhere = path.join(project, 'elsewhere.cache');
      await fs.rename(cacheFile(), elsewhere);
      await fs.symlink(elsewhere, cacheFile());
      await answers();
      // A link taken would have left it there: the launcher writes only where no cache was given.
      assert.equal((await state()).file, true);

      await fs.rm(cacheFile());
      execFileSync('mkfifo', [cacheFile()]);
      // A read that waited on the FIFO would hold the launcher until the test's time limit.
      await answers();
      assert.equal((await state()).file, true);

      await fs.rm(path.join(project, '.git'), { recursive: true });
      await answers();
      await assert.rejects(fs.lstat(path.join(project, '.git')), { code: 'ENOENT' });
      // A .git file naming a folder that is not there: nothing kept, the guard runs.
      await fs.writeFile(path.join(project, '.git'), 'gitdir: /elsewhere\n');
      await answers();
    });

    it("in a linked worktree, kept in the git folder its .git file names, where the guard keeps its records; a .git that is a link or a FIFO is not read", async function () {
      if (process.platform === 'win32') this.skip();
      // The worktree's git folder as git lays it out: <common>/worktrees/<name>, with HEAD and commondir.
      const common = path.join(path.dirname(project), 'main', '.git');
      const worktreeGit = path.join(common, 'worktrees', 'project');
      await fs.mkdir(path.join(worktreeGit, 'pm-zone'), { recursive: true });
      await fs.writeFile(path.join(worktreeGit, 'HEAD'), 'ref: refs/heads/feature\n');
      await fs.writeFile(path.join(worktreeGit, 'commondir'), '../..\n');
      await fs.rm(path.join(project, '.git'), { recursive: true });
      await fs.writeFile(path.join(project, '.git'), `gitdir: ${worktreeGit}\n`);
      assert.equal((await findRepository(project))?.gitDir, worktreeGit);
      const worktreeCache = path.join(worktreeGit, 'pm-zone', GUARD_CODE_CACHE);
      await answers();
      const written = await fs.lstat(worktreeCache);
      await answers();
      assert.equal((await fs.lstat(worktreeCache)).mtimeMs, written.mtimeMs);

      // A .git that is a link to that file, or a FIFO: neither followed nor waited on; the guard runs, nothing is read or written there.
      await fs.rm(worktreeCache);
      await fs.rename(path.join(project, '.git'), path.join(project, 'dot-git'));
      await fs.symlink(path.join(project, 'dot-git'), path.join(project, '.git'));
      await answers();
      await assert.rejects(fs.lstat(worktreeCache), { code: 'ENOENT' });
      await fs.rm(path.join(project, '.git'));
      execFileSync('mkfifo', [path.join(project, '.git')]);
      await answers();
      await assert.rejects(fs.lstat(worktreeCache), { code: 'ENOENT' });
    });

    it('runs the bytes it checked as a CommonJS module of its folder: its requires, __filename, and require.cache', async () => {
      const dist = path.join(project, 'node_modules', 'pm-zone', 'dist');
      await fs.writeFile(path.join(dist, 'guard.js'), "process.stdout.write([require('./version.json').v, __filename === require.resolve('./guard.js'), require.cache[__filename] === module, module.exports === exports, this === exports].join(' '));\n");
      writeIdentity(dist, ['guard.js', 'core.js', 'cli.js'], { name: 'pm-zone', version: '1.2.3' }, development);
      for (let run = 0; run < 2; run++) assert.deepEqual(await runGuard(), { code: 0, stdout: '1.2.3 true true true true', stderr: '' });
      assert.equal((await kept()).summed, true);
    });
    const runGuard = () => run(['--agent', 'claude']);
  });

  describe('the chain record (guardChain.ts): the package taken unchecked in the states it was verified in', () => {
    const folder = () => path.join(project, 'node_modules', 'pm-zone');
    const handedFile = () => path.join(project, 'handed.json');
    // A guard that says whether node's crypto module was loaded before it ran, and what was handed to it, as the real guard would keep it.
    const reporting = `const chain = globalThis[Symbol.for('pm-zone.chain')];\nrequire('fs').writeFileSync(${JSON.stringify(path.join('..', '..', '..', 'handed.json'))}.split('/').reduce((at, part) => require('path').join(at, part), __dirname), JSON.stringify(chain));\nprocess.stdout.write(JSON.stringify({ crypto: process.moduleLoadList.includes('NativeModule crypto'), held: chain.package.held, code: chain.code ? chain.code.held : null }));\n`;
    const sign = () => writeIdentity(path.join(folder(), 'dist'), ['guard.js', 'core.js', 'cli.js'], { name: 'pm-zone', version: '1.2.3' }, development);
    const answer = async () => {
      const answered = await run(['--agent', 'claude']);
      assert.equal(answered.code, 0, answered.stderr);
      return JSON.parse(answered.stdout) as { crypto: boolean; held: boolean; code: boolean | null };
    };
    // What the real guard does once it has answered, with what was handed to it, as if the files had settled.
    const keep = async () => assert.equal(keepGuardChain(JSON.parse(await fs.readFile(handedFile(), 'utf8')) as ChainHanded, Date.now() + 60_000, 'linux'), true);

    beforeEach(async function () {
      if (process.platform === 'win32') this.skip();
      await makePackage(folder(), '1.2.3', development);
      await fs.writeFile(path.join(folder(), 'dist', 'guard.js'), reporting);
      sign();
      await fs.mkdir(path.join(project, '.git', 'pm-zone'), { recursive: true });
    });

    it('verifies the identity, the guard and its code cache where no record names them, and takes them held, without crypto, where one does', async () => {
      // The first run keeps a code cache; the second checks it by its hash.
      assert.deepEqual(await answer(), { crypto: true, held: false, code: null });
      assert.deepEqual(await answer(), { crypto: true, held: false, code: false });
      await keep();
      assert.deepEqual(await answer(), { crypto: false, held: true, code: true });
    });

    it('checks again, and refuses, a guard or an identity changed since the record was kept', async () => {
      await answer();
      await answer();
      await keep();
      const guard = path.join(folder(), 'dist', 'guard.js');
      await fs.writeFile(guard, reporting.replace("'NativeModule crypto'", '"NativeModule crypto"'));
      const changed = await run(['--agent', 'claude']);
      assert.equal(changed.code, 2, changed.stdout);
      assert.match(changed.stderr, /its dist\/guard\.js is not the file its identity signs/);

      // Signed again with a key nobody committed: the identity's state is another, so its signature is checked.
      await fs.writeFile(guard, reporting);
      sign();
      await answer();
      await keep();
      writeIdentity(path.join(folder(), 'dist'), ['guard.js', 'core.js', 'cli.js'], { name: 'pm-zone', version: '1.2.3' }, { id: 'development', key: generateKeyPairSync('ed25519').privateKey, release: false });
      assert.match((await run(['--agent', 'claude'])).stderr, /does not match its signature/);
    });

    it('a release launcher takes no record of a package a development launcher verified', async () => {
      await answer();
      await answer();
      await keep();
      await writeLauncher(true);
      const refused = await run(['--agent', 'claude']);
      assert.equal(refused.code, 2, refused.stdout);
      assert.match(refused.stderr, /a key this launcher does not trust \("development"\)/);
    });

    it('takes no record kept for another folder, or through a link', async () => {
      await answer();
      await answer();
      await keep();
      const recordFile = path.join(project, '.git', 'pm-zone', 'guard-chain.json');
      const record = JSON.parse(await fs.readFile(recordFile, 'utf8')) as ChainRecord;
      await fs.writeFile(recordFile, JSON.stringify({ ...record, package: { ...record.package, folder: path.join(home, 'elsewhere') } }));
      assert.equal((await answer()).held, false);
      await fs.writeFile(path.join(project, 'elsewhere.json'), JSON.stringify(record));
      await fs.rm(recordFile);
      await fs.symlink(path.join(project, 'elsewhere.json'), recordFile);
      assert.equal((await answer()).held, false);
    });
  });

  it('a global install on PATH, found through the link npm makes, verified the same way', async () => {
    const prefix = path.join(home, 'npm-global');
    await makePackage(path.join(prefix, 'lib', 'node_modules', 'pm-zone'), '2.0.0', development);
    await fs.mkdir(path.join(prefix, 'bin'), { recursive: true });
    await fs.symlink(path.join('..', 'lib', 'node_modules', 'pm-zone', 'dist', 'cli.js'), path.join(prefix, 'bin', 'pm-zone'));
    const PATH = [path.join(prefix, 'bin'), path.dirname(process.execPath)].join(path.delimiter);
    assert.equal((await run(['--agent', 'gemini'], { PATH })).stdout, 'guard 2.0.0 --agent gemini');
    await fs.writeFile(path.join(prefix, 'lib', 'node_modules', 'pm-zone', 'dist', 'guard.js'), 'process.exit(0)\n');
    assert.match((await run(['--agent', 'gemini'], { PATH })).stderr, /npm-global.*is not PM Zone's own build: its dist\/guard\.js is not the file its identity signs/);
  });

  it('with PM Zone nowhere, the first tool call of a session is refused with the reason, the next ones pass', async () => {
    const payload = JSON.stringify({ session_id: `nowhere-${Date.now()}`, tool_name: 'Write', tool_input: {} });
    const first = await run(['--agent', 'claude'], {}, payload);
    assert.equal(first.code, 2);
    assert.match(first.stderr, /not installed here \(no node_modules\/pm-zone, no PM Zone extension in VS Code, Cursor or Windsurf, and no pm-zone on PATH\)/);
    assert.deepEqual(await run(['--agent', 'claude'], {}, payload), { code: 0, stdout: '', stderr: '' });
    assert.deepEqual(await locate(), {});
  });
});
