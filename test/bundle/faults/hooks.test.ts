// The review the pre-commit hook runs, given too little time: the built
// program stops and exits 3, which the hook reads as "blocked: the review did
// not finish in time".
// Each zone lists a pilot with no e-mail: whoever commits could be them, so the staged review runs (see zoneBinding).
import * as assert from 'node:assert/strict';
import { tempRepo } from '../../unit/helpers/tempRepo';
import { spawnCli } from '../support/program';

describe('faults: the review in the hook (the built program)', function () {
  this.timeout(60_000);

  it('a review that runs out of time exits 3 and says so', async () => {
    const repo = await tempRepo({
      commits: [{ message: 'base', files: { 'a.txt': 'a\n', 'CLAUDE.md': '## PM zone\n### PMs may edit\n- `**/*.txt`\n### Pilot PMs\n- @alice `docs/**`\n' } }],
      staged: { 'a.txt': 'b\n' },
    });
    const run = await spawnCli(['review', '--staged', '--time-limit', '0.001'], { cwd: repo.root });
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, /the review did not finish within 0\.001 s, so it was stopped \(exit 3\)/);
  });

  it('a flags.yaml nested 1,500 levels deep is a flags.invalid blocker, answered without the parser', async () => {
    let deep = '';
    for (let level = 0; level < 1_500; level++) deep += `${' '.repeat(level)}k${level}:\n`;
    const repo = await tempRepo({
      commits: [{ message: 'base', files: { 'CLAUDE.md': '## PM zone\n### PMs may edit\n- `**/flags.yaml`\n### Pilot PMs\n- @alice `docs/**`\n' } }],
      staged: { 'flags.yaml': `${deep}${' '.repeat(1_500)}v\n` },
    });
    const run = await spawnCli(['review', '--staged', '--json', '--time-limit', '50'], { cwd: repo.root });
    assert.equal(run.code, 1, run.stderr);
    const invalid = JSON.parse(run.stdout).findings.find((finding: { check: string }) => finding.check === 'flags.invalid');
    assert.match(invalid?.message ?? '', /Nested more than 100 levels deep, which PM Zone does not read/);
    assert.equal(invalid.line, 101);
  });
});
