// The review the pre-commit hook runs, given too little time: the built
// program stops and exits 3, which the hook reads as "let the commit through".
import * as assert from 'node:assert/strict';
import { tempRepo } from '../../unit/helpers/tempRepo';
import { spawnCli } from '../support/program';

describe('faults: the review in the hook (the built program)', function () {
  this.timeout(60_000);

  it('a review that runs out of time exits 3 and says so', async () => {
    const repo = await tempRepo({
      commits: [{ message: 'base', files: { 'a.txt': 'a\n', 'CLAUDE.md': '## PM zone\n### PMs may edit\n- `**/*.txt`\n' } }],
      staged: { 'a.txt': 'b\n' },
    });
    const run = await spawnCli(['review', '--staged', '--time-limit', '0.001'], { cwd: repo.root });
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, /the review did not finish within 0\.001 s, so it was stopped \(exit 3\)/);
  });
});
