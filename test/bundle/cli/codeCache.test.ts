// The built program compiles its bundles with the code cache it keeps beside
// them (src/cli/bundleCodeCache.ts): installed as npm lays it out, each
// command runs twice in the sample, and a preload notes every compile of a
// bundle (was a cache given, did V8 reject it). The first run keeps a cache for
// each bundle it compiled; the second takes a cache for each it compiles, and
// answers byte for byte as the first.
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

  async function run(argv: string[]): Promise<{ code: number; stdout: string; compiles: { bundle: string; given: boolean; rejected: boolean }[] }> {
    const compiles = path.join(scratch, 'compiles.jsonl');
    await fs.writeFile(compiles, '');
    const env = childEnv({ NODE_OPTIONS: `--require ${path.join(scratch, 'preload.cjs')}`, COMPILES_FILE: compiles });
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [cli, ...argv], { cwd: root, env, encoding: 'utf8' }, (error, out) => resolve({ code: error ? Number(error.code) : 0, stdout: out }));
    });
    const lines = (await fs.readFile(compiles, 'utf8')).split('\n').filter(Boolean);
    return { code, stdout, compiles: lines.map((line) => JSON.parse(line) as { bundle: string; given: boolean; rejected: boolean }) };
  }

  for (const argv of [['whoami'], ['explain', 'src/auth/login.ts', 'src/features/checkout/i18n/en.json'], ['check-config'], ['review'], ['owners', 'src/auth/login.ts']]) {
    it(`${argv[0]}: kept at the first run, taken at the second, the same answer`, async () => {
      const first = await run(argv);
      assert.ok(first.code === 0 || (argv[0] === 'review' && first.code === 1), `${argv[0]}: exit ${first.code}`);
      assert.ok(first.compiles.length > 0, 'a bundle compiled');
      const kept = await fs.readdir(path.join(scratch, 'node_modules', 'pm-zone', 'dist', CODE_CACHE_FOLDER));
      for (const { bundle } of first.compiles) assert.ok(kept.some((name) => name.startsWith(`${bundle}.`)), `no cache for ${bundle}: ${kept.join(', ')}`);
      const second = await run(argv);
      assert.deepEqual({ code: second.code, stdout: second.stdout }, { code: first.code, stdout: first.stdout });
      // The second run may need fewer (a policy read anew at the first loads the markdown parser): each it compiles was kept.
      assert.ok(second.compiles.length > 0 && second.compiles.every(({ bundle }) => first.compiles.some((compiled) => compiled.bundle === bundle)), JSON.stringify(second.compiles));
      assert.deepEqual(second.compiles, second.compiles.map(({ bundle }) => ({ bundle, given: true, rejected: false })));
    });
  }
});
