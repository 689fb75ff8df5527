// Faults that would run a repository's own program, met by the built program.
// Each zone lists a pilot with no e-mail: whoever commits could be them, so the staged review runs (see zoneBinding).
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { tempRepo } from '../../unit/helpers/tempRepo';
import { childEnv, spawnCli } from '../support/program';

describe("faults: git is never the repository's own program (the built program)", function () {
  this.timeout(60_000);

  it('reviews with an empty PATH entry without running a git committed to the repository', async () => {
    const repo = await tempRepo({
      commits: [{ message: 'base', files: { 'CLAUDE.md': '## PM zone\n### PMs may edit\n- `**/*.md`\n### Pilot PMs\n- @alice `docs/**`\n', 'git': { content: '#!/bin/sh\ntouch "$(dirname "$0")/PLANTED-GIT-RAN"\nexit 1\n', executable: true } } }],
      staged: { 'notes.md': 'hello\n' },
    });
    const env = childEnv({ PATH: `${path.delimiter}${process.env.PATH ?? ''}` });
    const run = await spawnCli(['review', '--staged', '--json'], { cwd: repo.root, env });
    assert.ok(!existsSync(path.join(repo.root, 'PLANTED-GIT-RAN')), "the repository's git ran");
    assert.equal(JSON.parse(run.stdout).files[0].path, 'notes.md', run.stderr);
  });
});
