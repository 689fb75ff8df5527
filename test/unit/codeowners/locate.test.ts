// Finding the CODEOWNERS file in the forge's order, with its size and binary checks.

import * as assert from 'node:assert/strict';
import { CODEOWNERS_MAX_BYTES, locateCodeowners } from '../../../src/core/codeowners';
import type { FileSource } from '../../../src/core/types';

/** An in-memory repository; `withSize` decides whether the port offers `size`. */
function repository(files: Record<string, string>, withSize = true): FileSource & { reads: string[] } {
  const reads: string[] = [];
  const source: FileSource & { reads: string[] } = {
    reads,
    async readText(path) {
      reads.push(path);
      return files[path];
    },
  };
  if (withSize) source.size = async (path) => (path in files ? Buffer.byteLength(files[path]) : undefined);
  return source;
}

describe('locateCodeowners', () => {
  it("follows GitHub's order: .github/, then the root, then docs/", async () => {
    const all = { '.github/CODEOWNERS': 'a', CODEOWNERS: 'b', 'docs/CODEOWNERS': 'c', '.gitlab/CODEOWNERS': 'd' };
    assert.deepEqual(await locateCodeowners(repository(all)), { path: '.github/CODEOWNERS', text: 'a' });
    const { '.github/CODEOWNERS': _github, ...rootAndDocs } = all;
    assert.deepEqual(await locateCodeowners(repository(rootAndDocs)), { path: 'CODEOWNERS', text: 'b' });
    assert.deepEqual(await locateCodeowners(repository({ 'docs/CODEOWNERS': 'c' })), { path: 'docs/CODEOWNERS', text: 'c' });
  });

  it('ignores .gitlab/ and nested files on GitHub', async () => {
    assert.equal(await locateCodeowners(repository({ '.gitlab/CODEOWNERS': 'd', 'src/CODEOWNERS': 'e' })), undefined);
  });

  it("follows GitLab's order when asked: the root, docs/, then .gitlab/", async () => {
    const all = { '.github/CODEOWNERS': 'a', CODEOWNERS: 'b', 'docs/CODEOWNERS': 'c', '.gitlab/CODEOWNERS': 'd' };
    assert.deepEqual(await locateCodeowners(repository(all), { flavor: 'gitlab' }), { path: 'CODEOWNERS', text: 'b' });
    assert.deepEqual(await locateCodeowners(repository({ '.gitlab/CODEOWNERS': 'd', 'docs/CODEOWNERS': 'c' }), { flavor: 'gitlab' }), { path: 'docs/CODEOWNERS', text: 'c' });
    assert.deepEqual(await locateCodeowners(repository({ '.gitlab/CODEOWNERS': 'd', '.github/CODEOWNERS': 'a' }), { flavor: 'gitlab' }), { path: '.gitlab/CODEOWNERS', text: 'd' });
  });

  it('returns undefined when there is no file', async () => {
    assert.equal(await locateCodeowners(repository({})), undefined);
    assert.equal(await locateCodeowners(repository({}, false)), undefined);
  });

  it('finds an empty file (it exists, it just has no rules)', async () => {
    assert.deepEqual(await locateCodeowners(repository({ CODEOWNERS: '' })), { path: 'CODEOWNERS', text: '' });
  });

  it('does not read a file of 3 MB or more when the port gives sizes, and does not fall back', async () => {
    const files = repository({ '.github/CODEOWNERS': 'x'.repeat(CODEOWNERS_MAX_BYTES), CODEOWNERS: '* @a' });
    const located = await locateCodeowners(files);
    assert.ok(located && 'problem' in located);
    assert.equal(located.path, '.github/CODEOWNERS');
    assert.equal(located.problem.kind, 'file-too-large');
    assert.equal(located.problem.file, '.github/CODEOWNERS');
    assert.deepEqual(files.reads, []);
  });

  it('measures the text in UTF-8 bytes when the port gives no sizes', async () => {
    const under = await locateCodeowners(repository({ CODEOWNERS: 'x'.repeat(CODEOWNERS_MAX_BYTES - 1) }, false));
    assert.ok(under && 'text' in under);
    const over = await locateCodeowners(repository({ CODEOWNERS: 'é'.repeat(CODEOWNERS_MAX_BYTES / 2) }, false));
    assert.ok(over && 'problem' in over);
    assert.equal(over.problem.kind, 'file-too-large');
  });

  it('reports a binary file instead of its text', async () => {
    const located = await locateCodeowners(repository({ '.github/CODEOWNERS': '* @a\u0000\u00ff' }));
    assert.ok(located && 'problem' in located);
    assert.deepEqual([located.problem.kind, located.problem.severity, located.problem.line], ['binary-file', 'error', 1]);
  });

  it('reports a location that has a size but no text as binary, instead of silently taking a later one', async () => {
    const source: FileSource = {
      readText: async (path) => (path === 'CODEOWNERS' ? '* @a' : undefined),
      size: async (path) => (path === '.github/CODEOWNERS' || path === 'CODEOWNERS' ? 10 : undefined),
    };
    const located = await locateCodeowners(source);
    assert.ok(located && 'problem' in located, 'the unreadable first location was skipped');
    assert.equal(located.path, '.github/CODEOWNERS');
    assert.equal(located.problem.kind, 'binary-file');
  });
});
