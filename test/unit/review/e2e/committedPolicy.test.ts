// The review holds a change to the rules of the commit it is compared with,
// read from git's objects as the CI gate reads them: a working tree's
// CLAUDE.md that a change garbles (a `.gitattributes` encoding) or widens
// without staging it opens nothing.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../helpers/tempRepo';
import { isolateGitConfig } from '../../cli/support/cli';
import { commitAll, editFile, git, writeFiles } from '../../cli/support/sampleRepo';
import { cleanPmRepo, places, reviewJson } from './pmBranch';
import { cpuBound } from '../../helpers/cpuBound';

const LOCKED = 'src/auth/login.ts';

describe('pm-zone review reads the rules from the commit it compares with', function () {
  this.timeout(cpuBound(30_000));
  isolateGitConfig();

  it('blocks a locked edit beside a .gitattributes that checks CLAUDE.md out in UTF-16, staged and in a fresh clone', async () => {
    const root = await cleanPmRepo();
    await writeFiles(root, { '.gitattributes': 'CLAUDE.md working-tree-encoding=UTF-16LE\n' });
    await git(root, 'add', '.gitattributes');
    // Checked out again, as a fresh clone does: the working tree's CLAUDE.md is no longer UTF-8.
    await fs.rm(path.join(root, 'CLAUDE.md'));
    await git(root, 'checkout', '--', 'CLAUDE.md');
    assert.ok((await fs.readFile(path.join(root, 'CLAUDE.md'))).includes(Buffer.from([0x23, 0x00])), 'CLAUDE.md is not UTF-16 in the working tree');
    await fs.appendFile(path.join(root, LOCKED), '// changed\n');
    await git(root, 'add', '--all');

    const staged = await reviewJson(root, '--staged');
    assert.deepEqual(places(staged.review).filter((place) => place.startsWith('zone.locked')), ['zone.locked .gitattributes:-', `zone.locked ${LOCKED}:-`]);
    assert.equal(staged.run.code, 1);

    await git(root, 'commit', '--quiet', '--no-verify', '-m', 'Copy');
    const clone = path.join(await tempDir('clone'), 'repo');
    await git(root, 'clone', '--quiet', '--no-local', root, clone);
    const branch = await reviewJson(clone, '--base', 'origin/main', '--as', '@alice');
    assert.deepEqual(places(branch.review).filter((place) => place.startsWith('zone.locked')), ['zone.locked .gitattributes:-', `zone.locked ${LOCKED}:-`]);
    assert.equal(branch.run.code, 1);
  });

  it('does not let an unstaged edit of CLAUDE.md open a staged locked file', async () => {
    const root = await cleanPmRepo();
    await fs.appendFile(path.join(root, LOCKED), '// changed\n');
    await git(root, 'add', LOCKED);
    await editFile(root, 'CLAUDE.md', '- `**/auth/**`\n', '');
    const { run, review } = await reviewJson(root, '--staged');
    assert.deepEqual(places(review).filter((place) => place.startsWith('zone.')), [`zone.locked ${LOCKED}:-`]);
    assert.equal(run.code, 1);
  });

  it("reads the working tree's rules where the commit has no PM zone yet", async () => {
    const root = await cleanPmRepo();
    const claude = await fs.readFile(path.join(root, 'CLAUDE.md'), 'utf8');
    // The history knows no PM zone: CLAUDE.md is committed without it, and the zone is being adopted.
    await commitAll(root, 'No zone yet', { 'CLAUDE.md': claude.slice(0, claude.indexOf('## PM zone')) });
    await writeFiles(root, { 'CLAUDE.md': claude });
    await fs.appendFile(path.join(root, LOCKED), '// changed\n');
    await git(root, 'add', LOCKED);
    const { review } = await reviewJson(root, '--staged');
    assert.deepEqual(places(review).filter((place) => place.startsWith('zone.')), [`zone.locked ${LOCKED}:-`]);
  });
});
