import * as assert from 'node:assert/strict';
import { commitChange } from '../../../src/core/git/commitFiles';
import { secretCheck } from '../../../src/core/review/checks/security';
import { diffLines } from '../../../src/core/review/lineDiff';
import type { CheckContext } from '../../../src/core/review/model';
import { isolatedGit, tempRepo } from '../helpers/tempRepo';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

describe('commitChange: one commit as the review reads it', () => {
  it('gives a binary file the text that can be read in it, so the secret scan reads it instead of blocking as unread', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }, { message: 'splash screens', files: { 'res/splash.png': PNG } }] });
    const git = isolatedGit(repo.root);
    const head = (await git.run(['rev-parse', 'HEAD'])).trim();
    const change = await commitChange(git, head);
    const [png] = change.files;
    assert.equal(png.binary, true);
    assert.equal(typeof png.binaryText?.after, 'string');
    const ctx = { change, diff: (file) => diffLines(file.oldText, file.newText) } as CheckContext;
    assert.deepEqual(await secretCheck.run(ctx), []);
  });
});
