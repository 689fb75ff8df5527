// What the built program prints does not depend on what its standard output
// is: a socket (a parent node's pipe), a file, or a pipe another program left
// non-blocking, smaller than the text. `whoami`, `explain`, a review and
// `check-config` write to the descriptor itself there (src/cli/standardOutput.ts).
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, promises as fs, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tempRepo } from '../../unit/helpers/tempRepo';
import { built, childEnv, spawnCli } from '../support/program';

const ZONE = '## PM zone\n### PMs may edit\n- `**/*.md`\n### Engineering only\n- `**/auth/**`\n### Pilot PMs\n- @alice `docs/**`\n';
const PATHS = Array.from({ length: 6_000 }, (_, i) => (i % 3 === 0 ? `src/auth/f${i}.ts` : `docs/page-${i}.md`)).join('\n');

/** Runs dist/cli.js with standard output on `fd` (the parent's copy closed once it started), `input` on standard input. */
function runOn(fd: number, args: string[], input: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [built('cli.js'), ...args], { env: childEnv(), stdio: ['pipe', fd, 'pipe'] });
  closeSync(fd);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin!.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('the built program: its answer, whatever its standard output is', function () {
  this.timeout(60_000);
  let scratch = '';
  beforeEach(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'pm-zone-output-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('explain of 6,000 paths: the same bytes and status through a socket, into a file, and through a non-blocking pipe', async function () {
    if (process.platform === 'win32') this.skip();
    const repo = await tempRepo({ commits: [{ message: 'zone', files: { 'CLAUDE.md': ZONE } }] });
    const args = ['explain', '--json', '--stdin', '--cwd', repo.root];
    const socket = await spawnCli(args, { stdin: PATHS });
    assert.equal(socket.code, 0, socket.stderr);
    assert.ok(Buffer.byteLength(socket.stdout) > 200_000, 'more than a pipe holds');

    const file = path.join(scratch, 'answer.json');
    const intoFile = await runOn(openSync(file, 'w'), args, PATHS);
    assert.equal(intoFile.code, 0, intoFile.stderr);
    assert.equal(readFileSync(file, 'utf8'), socket.stdout);

    // Both ends in one non-blocking description, as a program that set O_NONBLOCK on a shared pipe leaves it; the
    // reader starts a little later, so the program's writes meet a full pipe first.
    const fifo = path.join(scratch, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const drained = path.join(scratch, 'drained.json');
    const reader = spawn('sh', ['-c', 'sleep 0.3; exec cat "$0" > "$1"', fifo, drained], { stdio: 'ignore' });
    const read = new Promise<number | null>((resolve) => reader.on('close', resolve));
    const throughPipe = await runOn(openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK), args, PATHS);
    assert.equal(await read, 0);
    assert.equal(throughPipe.code, 0, throughPipe.stderr);
    assert.equal(throughPipe.stderr, '');
    assert.equal(readFileSync(drained, 'utf8'), socket.stdout);
  });

  it('whoami into a file loads none of node\'s stream or socket modules for its one line, with standard error a pipe or the null device', async function () {
    if (process.platform === 'win32') this.skip();
    const repo = await tempRepo({ commits: [{ message: 'zone', files: { 'CLAUDE.md': ZONE } }] });
    const loaded = path.join(scratch, 'loaded.json');
    const preload = path.join(scratch, 'record.js');
    writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(loaded)}, JSON.stringify(process.moduleLoadList)));\n`);
    // Named with --as, git is not asked for an e-mail: this run starts no child process (whose modules hold node's sockets).
    const args = ['whoami', '--as', '@alice', '--cwd', repo.root];
    const expected = await spawnCli(args);
    // Standard error a socket (written directly), or the null device (node's stream, made only if something is written there).
    for (const stderr of ['pipe', 'ignore'] as const) {
      const file = path.join(scratch, 'whoami.txt');
      const out = openSync(file, 'w');
      const child = spawn(process.execPath, ['-r', preload, built('cli.js'), ...args], { env: childEnv(), stdio: ['ignore', out, stderr] });
      closeSync(out);
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(code, expected.code);
      assert.equal(await fs.readFile(file, 'utf8'), expected.stdout);
      const modules = JSON.parse(readFileSync(loaded, 'utf8')) as string[];
      for (const module of ['NativeModule net', 'NativeModule tty', 'NativeModule internal/fs/sync_write_stream']) assert.ok(!modules.includes(module), `${module} was loaded (standard error: ${stderr})`);
    }
  });
});
