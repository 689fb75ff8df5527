// The review of a large generated change (700 files on a PM branch of three
// commits, with a token added and removed in its history, translation
// problems in every locale set, a removed key still in use and an edit not
// committed) gives the findings the review gave before its memory was
// bounded: the history's reader leaving out the newest commit's lines the
// change holds, the checks run one after another, the translation check
// looking for 128 files' locale sets at a time and reading 64 sets at a
// time (140 files and 70 sets here), and the strings read kept for the last
// 128 files (the size check reads the others again). The expectation is
// what the build before those changes printed for this change; a file or a
// locale set lost or read twice changes the counts, and any other
// difference the digest.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildBigChange } from '../../../../bench/bigChange';
import { cli, isolateGitConfig } from '../../cli/support/cli';
import { commitAll, editFile, git } from '../../cli/support/sampleRepo';
import { cpuBound } from '../../helpers/cpuBound';
import { fakeSecrets } from './fakeSecrets';

const FEATURES = 70;

/** What the build before printed for the change below: findings by check, and the digest of the whole JSON (commit ids named by their order). */
const EXPECTED = {
  exitCode: 1,
  counts: {
    'flags.unowned': 770,
    'i18n.invalid-json': 1,
    'i18n.placeholder-mismatch': 69,
    'i18n.removed-key': 1,
    'planning.missing': 1,
    'prompts.variables': 1,
    'security.secret': 1,
    'size.large': 1,
    'zone.outside': 210,
  },
  digest: '852571a20264bba4275829b6ef6f90b87de1ebd5fe87cf251940448f35be7e4d',
};

async function buildChange(root: string): Promise<string[]> {
  buildBigChange(root, { features: FEATURES });
  const notes = 'src/features/gen1/docs/notes.md';
  const token = fakeSecrets.githubToken(41);
  await editFile(root, notes, '- Note 3: ', `- Token: ${token}\n- Note 3: `);
  await commitAll(root, 'Add the service token to the notes');
  await editFile(root, notes, `- Token: ${token}\n`, '');
  // In every feature, a translation whose placeholder differs from its source's (a locale set left out would lose its finding);
  // a key removed that a component still uses, a strings file that no longer parses.
  for (let feature = 0; feature < FEATURES; feature++) {
    await editFile(root, `src/features/gen${feature}/i18n/fr.json`, `"key5": "Reworded string 5 of feature ${feature} {name}"`, `"key5": "Reworded string 5 of feature ${feature} {nom}"`);
  }
  for (const locale of ['en', 'fr']) await editFile(root, `src/features/gen4/i18n/${locale}.json`, '  "key3": "Reworded string 3 of feature 4 {name}",\n', '');
  await editFile(root, 'src/features/gen6/i18n/fr.json', '  "last": "The end"\n}', '  "last": "The end"\n');
  await commitAll(root, 'Take the token out, fix the copy');
  // Saved, not committed: the newest commit's version of this file is not the change's.
  await editFile(root, 'src/features/gen7/prompts/prompt0.md', 'Step 2: ', 'Uncommitted rule: keep {{topic_9}} short.\nStep 2: ');
  return (await git(root, 'rev-list', 'main..HEAD')).trim().split('\n').reverse();
}

describe('pm-zone review of a large generated change (the findings the review gave before its memory was bounded)', function () {
  this.timeout(cpuBound(120_000));
  isolateGitConfig();
  let root: string;

  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'pm-zone-large-change-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('gives the same findings, files and summary, byte for byte', async () => {
    const commits = await buildChange(root);
    assert.equal(commits.length, 3);
    const run = await cli(['review', '--json', '--cwd', root]);
    assert.equal(run.stderr, '');
    let output = run.stdout;
    for (const [index, sha] of commits.entries()) output = output.split(sha.slice(0, 7)).join(`<commit ${index + 1}>`);
    const review = JSON.parse(output) as { findings: { check: string }[]; files: unknown[] };
    const counts: Record<string, number> = {};
    for (const finding of review.findings) counts[finding.check] = (counts[finding.check] ?? 0) + 1;
    assert.equal(review.files.length, FEATURES * 10);
    assert.deepEqual(
      { exitCode: run.code, counts, digest: createHash('sha256').update(output).digest('hex') },
      EXPECTED,
    );
  });
});
