// The review of a large change holds V8's heap growth in a process of its
// own: the command line's review and the GitHub Action, through one
// function, never the editor's extension host.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { runGate, type GatePullRequest } from '../../../src/core/ci';
import { heapForChangeOf, LARGE_CHANGE_FILES } from '../../../src/core/review';
import { pilotZone } from '../faults/pilotZone';
import { tempRepo } from '../helpers/tempRepo';

const pullRequest: GatePullRequest = {
  number: 1, author: 'alice', labels: ['pm-authored'], body: '', draft: false, baseRef: 'main', headSha: 'y', repository: 'acme/shop', headRepository: 'acme/shop',
};

describe("a large change's review holds the heap's growth in a process of its own", () => {
  it('sets the flag from LARGE_CHANGE_FILES files on, and not below', () => {
    // node:v8 as the module's own code reaches it (its namespace as imported here is read-only).
    const v8 = createRequire(__filename)('node:v8') as { setFlagsFromString(flag: string): void };
    const set = v8.setFlagsFromString;
    const flags: string[] = [];
    v8.setFlagsFromString = (flag) => flags.push(flag);
    try {
      heapForChangeOf(0);
      heapForChangeOf(LARGE_CHANGE_FILES - 1);
      assert.deepEqual(flags, []);
      heapForChangeOf(LARGE_CHANGE_FILES);
      heapForChangeOf(20_000);
    } finally {
      v8.setFlagsFromString = set;
    }
    assert.equal(LARGE_CHANGE_FILES, 5_000);
    assert.deepEqual(flags, ['--heap-growing-percent=50', '--heap-growing-percent=50']);
  });

  it("the gate tells the Action how many files the change holds, once, before the review", async () => {
    const repo = await tempRepo({
      commits: [
        { message: 'zone', files: { 'CLAUDE.md': pilotZone() } },
        { branch: 'alice/copy', message: 'copy', files: { 'README.md': 'hi\n', 'docs/a.md': 'a\n', 'docs/b.md': 'b\n' } },
      ],
    });
    const told: number[] = [];
    const outcome = await runGate(repo.git, repo.root, pullRequest, { onListed: (files) => told.push(files) });
    assert.deepEqual(told, [3]);
    assert.equal(outcome.review?.files.length, 3);
    // Without it, the gate reviews as it did: the same outcome.
    const plain = await runGate(repo.git, repo.root, pullRequest);
    assert.deepEqual({ ...plain, review: undefined }, { ...outcome, review: undefined });
  });

  it('is called only where the process is its own: the command line and the Action, never the editor', async () => {
    const src = path.join(__dirname, '..', '..', '..', 'src');
    const callers: string[] = [];
    for (const file of (await fs.readdir(src, { recursive: true })).filter((name) => name.endsWith('.ts'))) {
      const relative = file.split(path.sep).join('/');
      if (relative === 'core/review/largeChangeHeap.ts' || relative === 'core/review/index.ts') continue;
      const text = await fs.readFile(path.join(src, file), 'utf8');
      if (text.includes('heapForChangeOf') || text.includes('heap-growing-percent')) callers.push(relative);
    }
    assert.deepEqual(callers.sort(), ['action/main.ts', 'cli/commands/review.ts']);
  });
});
