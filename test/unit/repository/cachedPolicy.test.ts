// The policy kept in the git folder for the command line and the editor
// (cachedRepositoryPolicy): an answer from the cache is the answer a parse of
// the same files gives, after any change to a policy file, and an unsaved
// edit in an editor is read as the editor holds it and kept nowhere.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { EDITOR_POLICY_CACHE_FILE } from '../../../src/core/agents';
import { workingTreeFiles } from '../../../src/core/git/workingTree';
import { cachedRepositoryPolicy, DEFAULT_SETTINGS, loadRepositoryPolicy, type PolicySettings, type RepositoryPolicy } from '../../../src/core/repository';
import type { FileSource } from '../../../src/core/types';
import { isolateGitConfig } from '../cli/support/cli';
import { editFile, git, sampleWorktree, writeFiles } from '../cli/support/sampleRepo';

const STAMP = { program: 'pm-zone test editor', file: EDITOR_POLICY_CACHE_FILE };
const PATHS = ['src/auth/login.ts', 'src/features/checkout/i18n/en.json', 'src/features/checkout/Checkout.tsx', 'CLAUDE.md', 'AGENTS.md', 'docs/zone.md', 'docs/more.md', 'docs/policy.md', 'README.md', '.github/CODEOWNERS'];

/** Everything a badge, a tooltip or a diagnostic reads of a policy. */
function answers(policy: RepositoryPolicy, paths: readonly string[]): unknown {
  return JSON.parse(JSON.stringify({
    zones: paths.map((relPath) => [relPath, policy.zoneOf(relPath), policy.zoneOfFolder(path.posix.dirname(relPath))]),
    identity: policy.identity,
    problems: policy.zone.problems,
    codeownersProblem: policy.codeownersProblem ?? null,
    policyFiles: policy.policyFiles,
    defined: policy.zone.defined,
  }));
}

/** `files`, counting its reads of text. */
function counting(files: FileSource): FileSource & { reads: number } {
  const counted = { ...files, reads: 0, readText: (relPath: string) => ((counted.reads += 1), files.readText(relPath)) };
  return counted;
}

/** `files` with some paths as an editor holds them, unsaved. */
function withUnsaved(files: FileSource, unsaved: Record<string, string>): FileSource {
  return { ...files, readText: (relPath) => (relPath in unsaved ? Promise.resolve(unsaved[relPath]) : files.readText(relPath)) };
}

describe('the policy kept in the git folder (cachedRepositoryPolicy)', function () {
  this.timeout(60_000);
  isolateGitConfig();
  let root: string;
  let cacheFile: string;
  let paths: string[];
  const settings: PolicySettings = { ...DEFAULT_SETTINGS, email: 'alice@example.com' };
  const cached = (files: FileSource = workingTreeFiles(root), unsaved?: (relPath: string) => boolean) => cachedRepositoryPolicy(root, files, settings, STAMP, { unsaved });
  const plain = (files: FileSource = workingTreeFiles(root)) => loadRepositoryPolicy(files, settings);
  const kept = () => fs.readFile(cacheFile, 'utf8').catch(() => undefined);
  /** The cached read's answers, and the plain parse's of the same files. */
  const both = async (files?: FileSource, unsaved?: (relPath: string) => boolean) => [answers(await cached(files, unsaved), paths), answers(await plain(files), paths)];

  beforeEach(async () => {
    root = await sampleWorktree();
    cacheFile = path.join(path.resolve(root, (await git(root, 'rev-parse', '--git-dir')).trim()), EDITOR_POLICY_CACHE_FILE);
    paths = [...new Set([...(await git(root, 'ls-files')).split('\n').filter(Boolean), ...PATHS])];
  });

  it('answers from the cache as a parse does, reading no policy text the second time', async () => {
    const first = counting(workingTreeFiles(root));
    const [fromParse, expected] = await both(first);
    assert.deepEqual(fromParse, expected);
    assert.ok(first.reads > 0);
    const text = await kept();
    assert.ok(text, 'the parse was kept');
    const second = counting(workingTreeFiles(root));
    assert.deepEqual(answers(await cached(second), paths), expected);
    assert.equal(second.reads, 0, 'the second read parsed nothing');
    assert.equal(await kept(), text);
  });

  it('parses again after any policy file changed, and answers as the parse does', async () => {
    const changes: [string, () => Promise<void>][] = [
      ['CLAUDE.md loses a PM-editable glob', () => editFile(root, 'CLAUDE.md', '- `**/i18n/*.json`', '- `**/i18n/*.jsox`')],
      ['CODEOWNERS names another owner', () => editFile(root, '.github/CODEOWNERS', 'auth/                      @acme/security', 'auth/                      @acme/identity')],
      ['CLAUDE.md imports a file', async () => {
        await writeFiles(root, { 'docs/zone.md': 'More rules.\n' });
        await fs.appendFile(path.join(root, 'CLAUDE.md'), '\n@docs/zone.md\n');
      }],
      ['the imported file imports another', async () => {
        await writeFiles(root, { 'docs/more.md': 'Even more.\n', 'docs/zone.md': 'More rules.\n@more.md\n' });
      }],
      ['a second zone appears in AGENTS.md', async () => {
        await writeFiles(root, { 'AGENTS.md': await fs.readFile(path.join(root, 'CLAUDE.md'), 'utf8') });
      }],
      ['CLAUDE.md becomes a link to a policy elsewhere', async () => {
        await fs.rm(path.join(root, 'AGENTS.md'));
        await fs.rename(path.join(root, 'CLAUDE.md'), path.join(root, 'docs/policy.md'));
        await fs.symlink('docs/policy.md', path.join(root, 'CLAUDE.md'));
      }],
      ['the link names the same file by an absolute path (a link out of the repository, to the parse)', async () => {
        await fs.rm(path.join(root, 'CLAUDE.md'));
        await fs.symlink(path.join(root, 'docs/policy.md'), path.join(root, 'CLAUDE.md'));
      }],
      ['the link is relative again', async () => {
        await fs.rm(path.join(root, 'CLAUDE.md'));
        await fs.symlink('docs/policy.md', path.join(root, 'CLAUDE.md'));
      }],
      ['the linked file gains a PM-editable glob back', () => editFile(root, 'docs/policy.md', '- `**/i18n/*.jsox`', '- `**/i18n/*.json`')],
    ];
    const [warm, expected] = await both();
    assert.deepEqual(warm, expected);
    let before = JSON.stringify(expected);
    for (const [change, make] of changes) {
      await make();
      const [fromCache, fromParse] = await both();
      assert.deepEqual(fromCache, fromParse, change);
      assert.notEqual(JSON.stringify(fromParse), before, `${change}: the answers changed`);
      // Read again: from the entry the change's parse kept.
      assert.deepEqual((await both())[0], fromParse, `${change}, read again`);
      before = JSON.stringify(fromParse);
    }
  });

  it('reads an unsaved CLAUDE.md as the editor holds it, and keeps nothing of it', async () => {
    await cached();
    const text = await kept();
    const claudeMd = await fs.readFile(path.join(root, 'CLAUDE.md'), 'utf8');
    const files = withUnsaved(workingTreeFiles(root), { 'CLAUDE.md': claudeMd.replace('- `**/i18n/*.json`', '- `**/i18n/*.jsox`') });
    const [fromCache, fromParse] = await both(files, (relPath) => relPath === 'CLAUDE.md');
    assert.deepEqual(fromCache, fromParse);
    assert.notDeepEqual(fromParse, (await both())[1], 'the unsaved edit changes the answers');
    assert.equal((await cached(workingTreeFiles(root))).zoneOf('src/features/checkout/i18n/en.json').zone, 'editable', 'the saved file answers as before');
    assert.equal(await kept(), text, 'the cache file is as the saved files left it');
  });

  it('reads an unsaved file that CLAUDE.md imports as the editor holds it, from a kept entry or none, and keeps nothing of it', async () => {
    await writeFiles(root, { 'docs/zone.md': 'More rules.\n' });
    await fs.appendFile(path.join(root, 'CLAUDE.md'), '\n@docs/zone.md\n');
    const unsaved = { 'docs/zone.md': 'More rules.\n@more.md\n' };
    const isUnsaved = (relPath: string) => relPath in unsaved;
    const files = () => withUnsaved(workingTreeFiles(root), unsaved);
    // No entry yet: parsed as the editor holds it, and not kept.
    const [first, expected] = await both(files(), isUnsaved);
    assert.deepEqual(first, expected);
    assert.ok((expected as { policyFiles: unknown[] }).policyFiles.some((entry) => JSON.stringify(entry).includes('docs/more.md')), 'the unsaved import is a policy file');
    assert.equal(await kept(), undefined);
    // An entry kept from the saved files: not taken while the import is unsaved.
    await cached();
    const text = await kept();
    assert.ok(text);
    assert.deepEqual((await both(files(), isUnsaved))[0], expected);
    assert.equal(await kept(), text);
  });

  it('keeps no parse of a file that changed while it was parsed (read otherwise than the key holds it)', async () => {
    const claudeMd = await fs.readFile(path.join(root, 'CLAUDE.md'), 'utf8');
    // The parse reads a CLAUDE.md the key did not: saved between the two reads, say. Nothing is said unsaved.
    const widened = withUnsaved(workingTreeFiles(root), { 'CLAUDE.md': claudeMd.replace('- `**/auth/**`', '- `**/auth/**`\n- `src/features/search/**`') });
    const [fromCache, fromParse] = await both(widened);
    assert.deepEqual(fromCache, fromParse);
    assert.equal(await kept(), undefined, 'the parse of another CLAUDE.md than the key read was kept');
    // The files as they are: parsed, kept, and answered as a parse of them.
    const [again, expected] = await both();
    assert.deepEqual(again, expected);
    assert.ok(await kept());
  });

  it('keeps nothing for a folder inside a repository, and answers as a parse of it', async () => {
    const folder = path.join(root, 'src');
    const [fromCache, fromParse] = [answers(await cachedRepositoryPolicy(folder, workingTreeFiles(folder), settings, STAMP), paths), answers(await loadRepositoryPolicy(workingTreeFiles(folder), settings), paths)];
    assert.deepEqual(fromCache, fromParse);
    assert.equal(await kept(), undefined);
  });

  it("never reads the entry another build kept", async () => {
    await cached();
    const files = counting(workingTreeFiles(root));
    await cachedRepositoryPolicy(root, files, settings, { ...STAMP, program: 'pm-zone test editor, another build' });
    assert.ok(files.reads > 0, 'parsed');
  });
});
