// The three outputs of `pm-zone review` say the same thing: text for people,
// stable JSON for scripts, SARIF 2.1.0 for code-scanning tools.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { assertOneLineError, cli, isolateGitConfig, parsed } from '../../cli/support/cli';
import { commitAll, editFile, PLANNING_FILE, readFile } from '../../cli/support/sampleRepo';
import { cleanPmBranch, reviewJson, reviewSarif, type ReviewJson } from './pmBranch';
import { textEntries } from './textEntries';
import { cpuBound } from '../../helpers/cpuBound';

const STRINGS = 'src/features/checkout/i18n/en.json';
const FLAGS = 'src/features/checkout/flags.yaml';

describe('pm-zone review output formats', function () {
  this.timeout(cpuBound(30_000));
  isolateGitConfig();

  /** A branch with a blocker on a line, a warning on a line, a file-level note and a change-wide warning. */
  let root: string;
  /** The planning doc's lines, the new copy and the new rollout. */
  let addedLines: number;
  before(async () => {
    root = await cleanPmBranch();
    await editFile(root, FLAGS, 'rollout: 10', 'rollout: 150');
    await editFile(root, STRINGS, '      "heading": "Order summary",\n', '');
    await commitAll(root, 'Rollout and copy');
    addedLines = (await readFile(root, PLANNING_FILE)).split('\n').length - 1 + 2;
  });

  it('JSON: findings with exactly the documented keys, files with their zone, and a summary', async () => {
    const { run, review } = await reviewJson(root);
    assert.equal(run.code, 1);
    assert.deepEqual(Object.keys(review), ['findings', 'files', 'summary']);
    for (const finding of review.findings) assert.deepEqual(Object.keys(finding), ['check', 'severity', 'blocking', 'file', 'line', 'message']);
    assert.deepEqual(review.files.map((f) => [f.path, f.zone, f.status]), [
      [PLANNING_FILE, 'editable', 'added'],
      [FLAGS, 'editable', 'modified'],
      [STRINGS, 'editable', 'modified'],
    ]);
    // Two notes: the removed key, and one for the code owners of the three files (one set of owners, one note).
    assert.deepEqual(review.summary, { blockers: 1, errors: 1, warnings: 0, infos: 2, files: 3, addedLines, removedLines: 3 });
    assert.deepEqual(await cli(['review', '--cwd', root, '--json']), run, '--json is --format json');
  });

  it('SARIF 2.1.0: one rule per check used, one result per finding, at the same place', async () => {
    const { review } = await reviewJson(root);
    const log = await reviewSarif(root);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    const [sarifRun] = log.runs;
    assert.equal(sarifRun.tool.driver.name, 'PM Zone');
    assert.deepEqual(sarifRun.tool.driver.rules.map((r) => r.id), [...new Set(review.findings.map((f) => f.check))]);
    const levels = { error: 'error', warning: 'warning', info: 'note' } as const;
    assert.deepEqual(
      sarifRun.results.map((r) => [r.ruleId, r.level, r.properties.blocking, r.locations?.[0].physicalLocation.artifactLocation.uri ?? null, r.locations?.[0].physicalLocation.region?.startLine ?? null]),
      review.findings.map((f) => [f.check, levels[f.severity], f.blocking, f.file, f.line]),
    );
    for (const result of sarifRun.results) assert.equal(sarifRun.tool.driver.rules[result.ruleIndex].id, result.ruleId);
  });

  it('text: a first line naming the blocker, then each finding under its kind, then a count', async () => {
    const run = await cli(['review', '--cwd', root]);
    assert.equal(run.code, 1);
    const flagsLineOf = async (folder: string) => (await readFile(folder, FLAGS)).split('\n').findIndex((line) => line.includes('rollout: 150')) + 1;
    assert.equal(run.stdout.split('\n')[0], `PM Zone blocks this change: invalid flags file (flags.yaml:${await flagsLineOf(root)}).`);
    const entries = textEntries(run.stdout);
    assert.deepEqual(entries.find((entry) => entry.check === 'flags.invalid'), {
      kind: 'blocker',
      location: `${FLAGS}:${await flagsLineOf(root)}`,
      check: 'flags.invalid',
      message: 'Rollout of flag `checkout_copy_v2` must be a number from 0 to 100, found `150`.',
    });
    const removed = entries.find((entry) => entry.check === 'i18n.removed-key');
    assert.equal(removed?.kind, 'note');
    assert.match(removed?.message ?? '', /^1 key removed; no translation call names it .*: `checkout\.summary\.heading`\.$/);
    assert.match(run.stdout, new RegExp(`\\n\\n1 blocker, \\d+ notes in 3 files \\(\\+${addedLines} -3 lines\\)\\.\\n$`));
    assert.ok(run.stdout.split('\n').every((line) => line.length <= 100));
  });

  it('reviews as the PM given with --as', async () => {
    const asBob = await reviewJson(root, '--as', '@bob');
    assert.ok(asBob.review.findings.some((f) => f.check === 'zone.owners'));
    assert.ok(asBob.review.files.every((f) => f.zone === 'editable'), 'copy, flags and planning docs are editable by any pilot');
    const asNobody = await cli(['review', '--cwd', root, '--format', 'json', '--as', '@nobody']);
    assert.equal(asNobody.code, 1);
    // Said once, on stderr, in the words the editor uses: never "cannot tell who you are".
    assert.match(asNobody.stderr, /^pm-zone: warning: @nobody is not a listed pilot PM \(CLAUDE\.md:\d+\); the pilots are @alice \(alice@acme\.test\), @bob/);
    assert.doesNotMatch(asNobody.stdout, /cannot tell who you are/);
  });

  it('exits 2 with one line when git cannot read the repository', async () => {
    const broken = await cleanPmBranch();
    const gitFile = path.join(broken, '.git');
    await fs.writeFile(gitFile, 'gitdir: /nowhere/at/all\n');
    assertOneLineError(await cli(['review', '--cwd', broken]), 2);
    assertOneLineError(await cli(['review', '--staged', '--format', 'sarif', '--cwd', broken]), 2);
  });

  it('keeps JSON findings stable: the same branch reviewed twice prints the same bytes', async () => {
    const first = await cli(['review', '--cwd', root, '--format', 'json']);
    const second = await cli(['review', '--cwd', root, '--format', 'json']);
    assert.equal(first.stdout, second.stdout);
    const review = parsed<ReviewJson>(first);
    const order = review.findings.map((f) => `${f.file ?? ''}\u0000${String(f.line ?? 0).padStart(6, '0')}\u0000${f.check}`);
    assert.deepEqual(order, [...order].sort(), 'by file (code points), line and check');
  });
});
