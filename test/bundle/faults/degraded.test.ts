// A degraded answer made clear where only a real process meets it: a closed pipe.
// Each zone lists a pilot with no e-mail: whoever commits could be them, so the staged review runs (see zoneBinding).
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { tempRepo } from '../../unit/helpers/tempRepo';
import { built, childEnv } from '../support/program';

const ZONE = '## PM zone\n### PMs may edit\n- `**/*.md`\n### Engineering only\n- `**/auth/**`\n### Pilot PMs\n- @alice `docs/**`\n';

describe('faults: degraded answers made clear (the built program)', function () {
  this.timeout(60_000);

  it('pm-zone explain --json | head: a closed pipe ends the program quietly', async () => {
    const repo = await tempRepo({ commits: [{ message: 'zone', files: { 'CLAUDE.md': ZONE } }] });
    const paths = Array.from({ length: 20_000 }, (_, i) => `src/f${i}.md`);
    const child = spawn(process.execPath, [built('cli.js'), 'explain', '--json', '--stdin', '--cwd', repo.root], { env: childEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(paths.join('\n'));
    // Like `head -1`: read a little, then close the pipe.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.doesNotMatch(stderr, /EPIPE|at .+:\d+:\d+|internal error/);
    assert.ok(code === 0 || code === null, `exit ${code}`);
  });

  it('pm-zone review | head under set -o pipefail: the blocked review still exits 1, whatever became of its output', async () => {
    const repo = await tempRepo({
      commits: [{ message: 'zone', files: { 'CLAUDE.md': ZONE, 'src/auth/a.ts': 'a\n' } }],
      staged: Object.fromEntries(Array.from({ length: 36 }, (_, i) => [`src/auth/f${i}.ts`, 'x\n'])),
    });
    // `true` reads nothing and exits at once: every write of the review meets a closed pipe.
    const script = `set -o pipefail; "${process.execPath}" "${built('cli.js')}" review --staged --cwd "${repo.root}" | true`;
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn('bash', ['-c', script], { env: childEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    assert.equal(run.code, 1, run.stderr);
    assert.doesNotMatch(run.stderr, /EPIPE|internal error/);
  });
});
