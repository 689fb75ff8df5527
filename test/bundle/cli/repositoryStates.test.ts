// `pm-zone` where git is not installed: the built program, run by node's
// absolute path with an empty PATH, as a machine without git runs it.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../unit/helpers/tempRepo';
import { assertOneLineError } from '../../unit/cli/support/cli';
import { sampleRepo } from '../../unit/cli/support/sampleRepo';
import { childEnv, spawnCli } from '../support/program';

describe('pm-zone with no git on PATH (the built program, run by node\'s absolute path)', function () {
  this.timeout(30_000);

  let noGit: NodeJS.ProcessEnv;
  let repo: string;
  before(async () => {
    noGit = childEnv({ PATH: await tempDir('empty-path') });
    repo = await sampleRepo({ branch: 'alice/copy', commit: true });
  });

  it('explain and owners still answer in a repository, from its policy files', async () => {
    const run = await spawnCli(['explain', '--json', '--cwd', repo, 'src/auth/login.ts'], { env: noGit });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout)[0].zone, 'locked');
    const owners = await spawnCli(['owners', '--json', '--cwd', repo, 'src/auth/login.ts'], { env: noGit });
    assert.deepEqual(JSON.parse(owners.stdout)[0].owners, ['@acme/security']);
  });

  it('review and hook install say git is missing, in one line, exit 2', async () => {
    assertOneLineError(await spawnCli(['review', '--cwd', repo], { env: noGit }), 2, /git is not installed or not on PATH/);
    assertOneLineError(await spawnCli(['hook', 'install', '--cwd', repo], { env: noGit }), 2, /git is not installed or not on PATH/);
    await assert.rejects(fs.access(path.join(repo, '.git', 'hooks', 'pre-commit')), 'no hook was written');
  });
});
