// The built program compiles its bundles with the code cache it keeps beside
// them (src/cli/bundleCodeCache.ts): installed as npm lays it out, each
// command runs three times in the sample, and a preload notes every compile of
// a bundle (was a cache given, did V8 reject it). The first run keeps a cache
// for each bundle it compiled; the second compiles without those and keeps its
// own; the third takes a cache for each it compiles, and answers byte for byte
// as the first.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CODE_CACHE_FOLDER } from '../../../src/cli/bundleCodeCache';
import { childEnv, installPackage } from '../support/program';
import { sampleWorktree } from '../../unit/cli/support/sampleRepo';

const PRELOAD = `
const vm = require('node:vm');
const Script = vm.Script;
vm.Script = class extends Script {
  constructor(source, options) {
    super(source, options);
    const name = /dist[\\\\/]([\\w-]+\\.js)$/.exec((options && options.filename) || '');
    if (name) require('node:fs').appendFileSync(process.env.COMPILES_FILE, JSON.stringify({ bundle: name[1], given: options.cachedData !== undefined, rejected: this.cachedDataRejected === true }) + '\\n');
  }
};
process.on('exit', () => require('node:fs').writeFileSync(process.env.COMPILES_FILE + '.modules', JSON.stringify(process.moduleLoadList)));
`;

describe('pm-zone, the built program: its bundles compiled with the code cache it keeps beside them', function () {
  this.timeout(120_000);
  let scratch: string;
  let cli: string;
  let root: string;

  before(async () => {
    scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'pm-zone-code-cache-'));
    await installPackage(scratch);
    cli = path.join(scratch, 'node_modules', 'pm-zone', 'dist', 'cli.js');
    await fs.writeFile(path.join(scratch, 'preload.cjs'), PRELOAD);
    root = await sampleWorktree({ branch: 'alice/code-cache', commit: true });
    // A cache is kept only for a bundle that last changed two seconds before the run began: the copies just made.
    await new Promise((resolve) => setTimeout(resolve, 2200));
  });

  after(async () => {
    await fs.rm(scratch, { recursive: true, force: true });
  });

  const folder = () => path.join(scratch, 'node_modules', 'pm-zone', 'dist', CODE_CACHE_FOLDER);

  /** Which run of its bundle made the cache kept for `bundle`. */
  async function madeBy(bundle: string): Promise<number | undefined> {
    const name = (await fs.readdir(folder())).find((file) => file.startsWith(`${bundle}.`) && file.endsWith('.cache'));
    if (!name) return undefined;
    const bytes = await fs.readFile(path.join(folder(), name));
    return (JSON.parse(bytes.subarray(0, bytes.indexOf(10)).toString('utf8')) as { run?: number }).run;
  }

  /** A run, checked against the caches it found: each bundle given its cache only where a later run made it, and each left with a cache a run made. */
  async function runKeeping(argv: string[], earlier: { code: number; stdout: string } | undefined): Promise<Awaited<ReturnType<typeof run>>> {
    const found = new Map<string, number | undefined>();
    for (const name of await fs.readdir(folder()).catch(() => [] as string[])) {
      const bundle = name.slice(0, name.indexOf('.js.') + 3);
      found.set(bundle, await madeBy(bundle));
    }
    const ran = await run(argv);
    if (earlier) assert.deepEqual({ code: ran.code, stdout: ran.stdout }, { code: earlier.code, stdout: earlier.stdout });
    for (const { bundle, given, rejected } of ran.compiles) {
      const before = found.get(bundle);
      assert.deepEqual({ given, rejected }, { given: before === 2, rejected: false }, `${bundle}: its cache given only where a later run made it (found: ${before})`);
      assert.equal(await madeBy(bundle), before === undefined ? 1 : 2, `${bundle}: the cache left, found ${before}`);
    }
    return ran;
  }

  async function run(argv: string[]): Promise<{ code: number; stdout: string; compiles: { bundle: string; given: boolean; rejected: boolean }[]; zlib: boolean }> {
    const compiles = path.join(scratch, 'compiles.jsonl');
    await fs.writeFile(compiles, '');
    const env = childEnv({ NODE_OPTIONS: `--require ${path.join(scratch, 'preload.cjs')}`, COMPILES_FILE: compiles });
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [cli, ...argv], { cwd: root, env, encoding: 'utf8' }, (error, out) => resolve({ code: error ? Number(error.code) : 0, stdout: out }));
    });
    const lines = (await fs.readFile(compiles, 'utf8')).split('\n').filter(Boolean);
    const loaded = JSON.parse(await fs.readFile(`${compiles}.modules`, 'utf8')) as string[];
    return { code, stdout, compiles: lines.map((line) => JSON.parse(line) as { bundle: string; given: boolean; rejected: boolean }), zlib: loaded.includes('NativeModule zlib') };
  }

  for (const argv of [['whoami'], ['explain', 'src/auth/login.ts', 'src/features/checkout/i18n/en.json'], ['check-config'], ['review'], ['owners', 'src/auth/login.ts']]) {
    it(`${argv[0]}: kept at the first run, made again at the second, taken at the third, the same answer`, async () => {
      // A bundle's first run keeps a cache marked so; it is not taken (src/cli/bundleCodeCache.ts: it holds what only a
      // first run calls), and the next run compiles without it and keeps its own. Bundles an earlier command shares
      // (zone.js, the markdown parser's) may be past their first run already.
      const first = await runKeeping(argv, undefined);
      assert.ok(first.code === 0 || (argv[0] === 'review' && first.code === 1), `${argv[0]}: exit ${first.code}`);
      assert.ok(first.compiles.length > 0, 'a bundle compiled');
      const second = await runKeeping(argv, first);
      const third = await run(argv);
      assert.deepEqual({ code: third.code, stdout: third.stdout }, { code: first.code, stdout: first.stdout });
      // The later runs may need fewer (a policy read anew at the first loads the markdown parser): each they compile was kept.
      assert.ok(third.compiles.length > 0 && third.compiles.every(({ bundle }) => second.compiles.some((compiled) => compiled.bundle === bundle)), JSON.stringify(third.compiles));
      assert.deepEqual(third.compiles, third.compiles.map(({ bundle }) => ({ bundle, given: true, rejected: false })));
    });
  }

  // Each cache's checksum (zlib's CRC-32) holds once, in a run that begins after the cache settled; its state is kept
  // beside it then (src/core/git/checkedState.ts), and the runs after take it unchecked, without loading node's zlib
  // module, whose load with node's streams is about a tenth of node's start. The review's checklist, kept in the git
  // folder with its own checksum, is held the same way.
  it('once each cache\'s checksum has held, the commands take their caches unchecked and load no zlib module, with the same answer', async () => {
    const commands = [['whoami'], ['explain', 'src/auth/login.ts', 'src/features/checkout/i18n/en.json'], ['check-config'], ['review'], ['owners', 'src/auth/login.ts']];
    await new Promise((resolve) => setTimeout(resolve, 2200));
    const checked = [];
    for (const argv of commands) checked.push(await run(argv));
    const states = (await fs.readdir(folder())).filter((name) => name.endsWith('.cache.checked'));
    assert.ok(states.length >= 3, `a state kept for each cache: ${states.join(', ')}`);
    for (const [at, argv] of commands.entries()) {
      const held = await run(argv);
      assert.deepEqual({ code: held.code, stdout: held.stdout, zlib: held.zlib }, { code: checked[at].code, stdout: checked[at].stdout, zlib: false }, argv[0]);
      assert.deepEqual(held.compiles, held.compiles.map(({ bundle }) => ({ bundle, given: true, rejected: false })));
    }
  });
});
