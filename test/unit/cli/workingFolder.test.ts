// The CLI's view of the working tree: files as text, and the names in a
// folder, never anything outside the repository.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { workingFolderFiles } from '../../../src/cli/workingFolder';
import { tempDir } from '../helpers/tempRepo';
import { isolateGitConfig } from './support/cli';
import { commitAll, editFile, writeFiles } from './support/sampleRepo';
import { cleanPmBranch, reviewJson } from '../review/e2e/pmBranch';

describe('the working folder the CLI reads', () => {
  isolateGitConfig();

  it('lists a folder, sorted, and the root as ""', async () => {
    const root = await tempDir('folder');
    await writeFiles(root, { 'i18n/fr.json': '{}', 'i18n/en.json': '{}', 'README.md': '# hi\n' });
    const files = workingFolderFiles(root);
    assert.deepEqual(await files.listDirectory('i18n'), ['en.json', 'fr.json']);
    assert.deepEqual(await files.listDirectory(''), ['README.md', 'i18n']);
    assert.equal(await files.listDirectory('missing'), undefined);
    assert.equal(await files.listDirectory('README.md'), undefined, 'a file is not a folder');
    assert.equal(await files.readText('i18n/en.json'), '{}');
    assert.equal(await files.size('README.md'), 5);
  });

  it('never lists outside the repository: .., absolute paths, NUL bytes, links that lead out', async () => {
    const outside = await tempDir('outside');
    await writeFiles(outside, { 'secret.txt': 'no' });
    const root = await tempDir('folder');
    await writeFiles(root, { 'a/b.txt': 'b' });
    await fs.symlink(outside, path.join(root, 'escape'));
    await fs.symlink(path.join(root, 'a'), path.join(root, 'inside-link'));
    const files = workingFolderFiles(root);
    for (const relDir of ['..', '../..', 'a/../..', outside, 'escape', 'a\0b', 'C:\\Windows']) {
      assert.equal(await files.listDirectory(relDir), undefined, relDir);
    }
    assert.deepEqual(await files.listDirectory('inside-link'), ['b.txt'], 'a link that stays inside is followed');
  });

  it('lets the review see every locale beside a strings file, not only common ones', async () => {
    const root = await cleanPmBranch();
    // Catalan and Basque are not among the locales guessed without a listing; the Basque one already lacks {total}.
    await writeFiles(root, {
      'src/features/checkout/i18n/ca.json': '{ "checkout": { "button": { "payAmount": "Paga {total}" } } }\n',
      'src/features/checkout/i18n/eu.json': '{ "checkout": { "button": { "payAmount": "Ordaindu orain" } } }\n',
    });
    await commitAll(root, 'Catalan and Basque');
    await editFile(root, 'src/features/checkout/i18n/en.json', '"Pay {total}"', '"Pay {total} now"');
    // Staged: only the English edit is the change; the Basque file is an untouched neighbour.
    execFileSync('git', ['add', 'src/features/checkout/i18n/en.json'], { cwd: root });
    const { review } = await reviewJson(root, '--staged');
    const notes = review.findings.filter((f) => f.check === 'i18n.placeholder-mismatch').map((f) => [f.severity, f.message]);
    assert.deepEqual(notes, [['info', '`checkout.button.payAmount` already differs from the source (en) in eu: missing {total}; not introduced by this change.']]);
  });
});
