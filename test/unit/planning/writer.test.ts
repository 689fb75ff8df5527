import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createFileExclusive, loadPlanningTemplate, nodePlanningWriter, writeNewPlanningDoc, BUILTIN_PLANNING_TEMPLATE, type PlanningWriter } from '../../../src/core/planning';

describe('planning: writing a new planning doc', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'pmzone-planning-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates the file and its parent folders', async () => {
    const result = await writeNewPlanningDoc(nodePlanningWriter(root), 'src/features/checkout/PLANNING.md', 'hello\n');
    assert.equal(result.status, 'created');
    assert.equal(readFileSync(path.join(root, 'src/features/checkout/PLANNING.md'), 'utf8'), 'hello\n');
  });

  it('never overwrites an existing file: reports exists and leaves it byte for byte', async () => {
    const target = path.join(root, 'src/PLANNING.md');
    mkdirSync(path.dirname(target));
    const original = Buffer.from([0xef, 0xbb, 0xbf, 0x23, 0x0d, 0x0a, 0x00, 0xff]);
    writeFileSync(target, original);
    const result = await writeNewPlanningDoc(nodePlanningWriter(root), 'src/PLANNING.md', 'new text');
    assert.equal(result.status, 'exists');
    assert.match(result.message, /already exists: it was left unchanged/);
    assert.deepEqual(readFileSync(target), original);
  });

  it('creates exclusively even when exists() raced and said no', async () => {
    writeFileSync(path.join(root, 'PLANNING.md'), 'first');
    assert.equal(await createFileExclusive(root, 'PLANNING.md', 'second'), 'exists');
    assert.equal(readFileSync(path.join(root, 'PLANNING.md'), 'utf8'), 'first');
    const racing: PlanningWriter = { exists: async () => false, createExclusive: (relPath, text) => createFileExclusive(root, relPath, text) };
    assert.equal((await writeNewPlanningDoc(racing, 'PLANNING.md', 'third')).status, 'exists');
    assert.equal(readFileSync(path.join(root, 'PLANNING.md'), 'utf8'), 'first');
  });

  it('uses the injected writer only', async () => {
    const calls: string[] = [];
    const writer: PlanningWriter = {
      exists: async (relPath) => (calls.push(`exists ${relPath}`), false),
      createExclusive: async (relPath) => (calls.push(`create ${relPath}`), 'created'),
    };
    assert.equal((await writeNewPlanningDoc(writer, 'a/PLANNING.md', 'x')).status, 'created');
    assert.deepEqual(calls, ['exists a/PLANNING.md', 'create a/PLANNING.md']);
  });

  it('refuses paths outside the repository', async () => {
    await assert.rejects(createFileExclusive(root, '../escape.md', 'x'), /not a path inside the repository/);
    await assert.rejects(createFileExclusive(root, path.join(root, 'abs.md'), 'x'), /not a path inside the repository/);
    await assert.rejects(nodePlanningWriter(root).exists('../../etc'), /not a path inside the repository/);
  });

  it('says a path under a file does not exist', async () => {
    writeFileSync(path.join(root, 'file'), 'x');
    assert.equal(await nodePlanningWriter(root).exists('file/PLANNING.md'), false);
  });
});

describe('planning: loading the template', () => {
  const filesWith = (files: Record<string, string>) => ({ readText: async (relPath: string) => files[relPath] });

  it('reads the repository template, without its BOM', async () => {
    const loaded = await loadPlanningTemplate(filesWith({ '.pmzone/PLANNING.template.md': '\uFEFF# {{title}}\n' }));
    assert.deepEqual(loaded, { text: '# {{title}}\n', source: 'repository', path: '.pmzone/PLANNING.template.md' });
  });

  it('falls back to the built-in template when the file is missing or blank', async () => {
    assert.deepEqual(await loadPlanningTemplate(filesWith({})), { text: BUILTIN_PLANNING_TEMPLATE, source: 'built-in', path: 'built-in' });
    assert.equal((await loadPlanningTemplate(filesWith({ '.pmzone/PLANNING.template.md': ' \r\n\uFEFF' }))).source, 'built-in');
  });
});
