// Faults of the files PM Zone writes into a repository: a committed symbolic
// link at the target, or on the way to it, must not carry the write out of
// the repository; and what is engineering's to write is not written for a PM.
import * as assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ciWorkflow, WORKFLOW_PATH } from '../../../src/core/ci';
import { RepositoryWriteRefused, writeRepositoryFile } from '../../../src/core/git';
import { draftFilePath, writeDraftFile } from '../../../src/core/pr';
import { tempDir, tempRepo } from '../helpers/tempRepo';
import { assertOneLineError, cli } from '../cli/support/cli';
import { pilotZone } from './pilotZone';
import { cpuBound } from '../helpers/cpuBound';

const ZONE = pilotZone('.github/workflows/**', 'src/features/checkout/**');

async function outsideFile(text: string): Promise<string> {
  const file = path.join(await tempDir('outside'), 'precious.txt');
  await fs.writeFile(file, text);
  return file;
}

describe('faults: a write never follows a link out of the repository', function () {
  this.timeout(cpuBound(60_000));

  it('ci init --force replaces a committed link at the workflow, and the file it pointed to keeps its text', async () => {
    const precious = await outsideFile('keep me\n');
    const repo = await tempRepo({ commits: [{ message: 'link', files: { [WORKFLOW_PATH]: { symlink: precious } } }] });
    const run = await cli(['ci', 'init', '--force', '--cwd', repo.root]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(await fs.readFile(precious, 'utf8'), 'keep me\n');
    assert.equal((await fs.lstat(repo.path(WORKFLOW_PATH))).isSymbolicLink(), false);
    assert.equal(await repo.read(WORKFLOW_PATH), ciWorkflow());
  });

  it('ci init without --force leaves a link at the workflow alone, and says how to replace it', async () => {
    const precious = await outsideFile('keep me\n');
    const repo = await tempRepo({ commits: [{ message: 'link', files: { [WORKFLOW_PATH]: { symlink: precious } } }] });
    assertOneLineError(await cli(['ci', 'init', '--cwd', repo.root]), 1, /is not a text file PM Zone can compare \(a link or a binary file\): nothing was written\. Run pm-zone ci init --force/);
    assert.equal(await fs.readFile(precious, 'utf8'), 'keep me\n');
    assert.equal((await fs.lstat(repo.path(WORKFLOW_PATH))).isSymbolicLink(), true);
  });

  it('ci init refuses a .github/workflows that links out of the repository, in one line', async () => {
    const outside = await tempDir('outside-workflows');
    const repo = await tempRepo({ commits: [{ message: 'link', files: { '.github/workflows': { symlink: outside } } }] });
    assertOneLineError(await cli(['ci', 'init', '--cwd', repo.root]), 1, /\.github\/workflows is a link that leads out of the repository/);
    assert.deepEqual(await fs.readdir(outside), []);
  });

  it('planning new refuses a feature folder that links out of the repository', async () => {
    const outside = await tempDir('outside-feature');
    const repo = await tempRepo({ commits: [{ message: 'link', files: { 'CLAUDE.md': ZONE, 'src/features/checkout/linked': { symlink: outside } } }] });
    const run = await cli(['planning', 'new', '--title', 'Copy', '--feature', 'src/features/checkout/linked', '--as', '@alice', '--cwd', repo.root]);
    assertOneLineError(run, 1, /PLANNING\.md would be outside the PM zone/);
    assert.deepEqual(await fs.readdir(outside), []);
  });

  it('the core writer: a link at the target is taken (create) or replaced (replace), never followed; a folder linked inside the repository is fine', async () => {
    const precious = await outsideFile('keep me\n');
    const repo = await tempRepo({ files: { 'docs/a.md': { symlink: precious }, 'real/x.md': 'x\n', 'alias': { symlink: 'real' } } });
    assert.equal(await writeRepositoryFile(repo.root, 'docs/a.md', 'new\n'), 'exists');
    assert.equal(await writeRepositoryFile(repo.root, 'docs/a.md', 'new\n', { mode: 'replace' }), 'written');
    assert.equal(await fs.readFile(precious, 'utf8'), 'keep me\n');
    assert.equal(await writeRepositoryFile(repo.root, 'alias/y.md', 'y\n'), 'written');
    assert.equal(await repo.read('real/y.md'), 'y\n');
    await assert.rejects(writeRepositoryFile(repo.root, '../escape.md', 'x'), RepositoryWriteRefused);
  });

  it('the pull request draft in the git folder replaces a link there instead of writing through it', async () => {
    const precious = await outsideFile('keep me\n');
    const repo = await tempRepo({ commits: [{ message: 'first', files: { 'README.md': 'hi\n' } }] });
    const file = await draftFilePath(repo.git);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.symlink(precious, file);
    await writeDraftFile(file, { title: 'T', body: 'B\n', labels: [], reviewers: [], draft: false, base: 'main', head: 'alice/x' });
    assert.equal(await fs.readFile(precious, 'utf8'), 'keep me\n');
    assert.match(await fs.readFile(file, 'utf8'), /title: T/);
  });
});

describe('faults: what is engineering\'s to write is not written for a pilot PM', function () {
  this.timeout(cpuBound(30_000));

  it('ci init by a pilot PM writes nothing and prints the request to send', async () => {
    const repo = await tempRepo({ commits: [{ message: 'zone', files: { 'CLAUDE.md': ZONE } }] });
    const run = await cli(['ci', 'init', '--as', '@alice', '--cwd', repo.root]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^pm-zone: the CI gate is a GitHub workflow, \.github\/workflows\/pm-zone-review\.yml, which is engineering-only for PMs \(CLAUDE\.md:5\): an engineer adds it\. Ask your engineering DRI \(@dana\) to add it: nothing was written/);
    assert.match(run.stdout, /Run `npx pm-zone ci init`/);
    assert.equal(existsSync(repo.path(WORKFLOW_PATH)), false);
    const json = await cli(['ci', 'init', '--json', '--as', '@alice', '--cwd', repo.root]);
    assert.equal(json.code, 1);
    assert.equal(JSON.parse(json.stdout).status, 'engineering-only');
    assert.equal((await cli(['ci', 'init', '--cwd', repo.root])).code, 0, 'an engineer still writes it');
  });
});
