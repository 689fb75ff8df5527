import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { committedPolicyHeld, freezeParsedPolicies, policyReads, type PolicyReads } from '../../../src/core/agents/policyCache';
import { heldFileOf } from '../../../src/core/agents/heldEntry';
import { cachedPolicySources, COMMITTED_POLICY_CACHE_FILE, policySourceFiles, POLICY_CACHE_FILE, type PolicySource } from '../../../src/core/agents';
import type { RepositoryLocation } from '../../../src/core/agents/repositoryLocation';
import { compileCodeowners } from '../../../src/core/codeowners';
import { DEFAULT_SETTINGS, parsePolicySources, type PolicySources } from '../../../src/core/repository';
import { isolateGitConfig } from '../cli/support/cli';
import { git, sampleWorktree } from '../cli/support/sampleRepo';
import { inRepo, locationOf } from './support';

// node's own fs module, whose functions the core calls by their property at each call: counted by replacing them.
const fsSync = createRequire(__filename)('node:fs') as typeof import('node:fs');

// A held entry's CODEOWNERS (heldEntry.ts), when each of its bytes is a
// character of its text, is read a line at a time where a lookup needs one,
// not whole: nuttx's is 1.8 MB, of which two paths' owners read a few lines.
// Every answer must still be the parse's, and a line read after the file
// changed must never be taken for the one found good.

const RULES = 3000;
const PATHS = ['src/auth/session.ts', 'src/auth', 'src/features/checkout/i18n/en.json', 'docs/notes.md', 'README.md', 'area1234/x.c', 'area7/deep/er/file.h', 'payments/x.ts', 'nowhere/at/all'];

/** A CODEOWNERS long enough to be looked up by needle (past 1,024 lines), with the sample's locks after its generated rules. */
function longCodeowners(extra = ''): string {
  const lines = ['# Generated areas, one team each'];
  for (let at = 0; at < RULES; at++) lines.push(`/area${at}/ @acme/team-${at % 97}${at % 500 === 0 ? ' # a comment' : ''}`);
  lines.push('*.md @acme/docs', '/src/auth/ @acme/security', 'payments/ @acme/payments', `/docs/ @acme/docs${extra}`);
  return `${lines.join('\n')}\n`;
}

describe("a held entry's CODEOWNERS, read a line at a time", () => {
  isolateGitConfig();
  let root: string;
  let location: RepositoryLocation;
  const program = { program: 'pm-zone test' };
  const codeownersFile = () => inRepo(root, '.github/CODEOWNERS');

  beforeEach(async () => {
    root = await sampleWorktree();
    location = await locationOf(root);
    await fs.writeFile(codeownersFile(), longCodeowners());
    await git(root, 'add', '--', '.github/CODEOWNERS');
    await git(root, 'commit', '--quiet', '--no-verify', '-m', 'Owners');
  });

  const head = async (): Promise<PolicySource> => ({ kind: 'commit', commit: (await git(root, 'rev-parse', 'HEAD')).trim() });
  const uncached = (source: PolicySource) => parsePolicySources(policySourceFiles(root, source), DEFAULT_SETTINGS);
  /** A read as a process of its own makes it, started five seconds from now: every file settled, as after a wait. */
  const read = (source: PolicySource, reads: PolicyReads = policyReads(), readsInParts = true) => {
    freezeParsedPolicies(false);
    return cachedPolicySources(location, DEFAULT_SETTINGS, program, () => uncached(source), source, { startedMs: Date.now() + 5000, readsInParts }, reads);
  };
  const owners = (sources: PolicySources) => {
    const matcher = compileCodeowners(sources.codeowners!, 'scan');
    return PATHS.map((relPath) => matcher.ownersOf(relPath));
  };
  /** The working tree's entry read until held (a parse, a read by content that holds it, a held read). */
  const held = async () => {
    for (let reads = 0; reads < 2; reads++) await read({ kind: 'working-tree' });
    const reads = policyReads();
    await read({ kind: 'working-tree' }, reads);
    assert.equal(reads.size, 0, 'held: no file read for the key');
  };

  /** Bytes read from `file` (CODEOWNERS) while `run` runs, by any of node's reads of a descriptor opened on it. */
  async function bytesReadOf<T>(run: () => Promise<T>, file = codeownersFile()): Promise<{ result: T; bytes: number }> {
    const open = fsSync.openSync;
    const readSync = fsSync.readSync;
    const readFileSync = fsSync.readFileSync;
    const watched = new Set<number>();
    let bytes = 0;
    const mutable = fsSync as { openSync: typeof open; readSync: typeof readSync; readFileSync: typeof readFileSync };
    mutable.openSync = ((opened: import('node:fs').PathLike, ...rest: unknown[]) => {
      const descriptor = (open as (...args: unknown[]) => number)(opened, ...rest);
      if (String(opened) === file) watched.add(descriptor);
      return descriptor;
    }) as typeof open;
    // Node's readFileSync of a descriptor reads through readSync, counted there; one of a path is counted whole.
    let inReadFile = false;
    mutable.readSync = ((descriptor: number, ...rest: unknown[]) => {
      const count = (readSync as (...args: unknown[]) => number)(descriptor, ...rest);
      if (watched.has(descriptor) && !inReadFile) bytes += count;
      return count;
    }) as typeof readSync;
    mutable.readFileSync = ((read: import('node:fs').PathOrFileDescriptor, ...rest: unknown[]) => {
      inReadFile = typeof read !== 'number';
      try {
        const content = (readFileSync as (...args: unknown[]) => Buffer | string)(read, ...rest);
        if (String(read) === file) bytes += content.length;
        return content;
      } finally {
        inReadFile = false;
      }
    }) as typeof readFileSync;
    try {
      return { result: await run(), bytes };
    } finally {
      Object.assign(mutable, { openSync: open, readSync, readFileSync });
    }
  }

  it("answers each path's owners as the parse from a few lines, and reads the rest only when all the rules are asked for", async () => {
    const expected = owners(await uncached({ kind: 'working-tree' }));
    const expectedRules = JSON.stringify((await uncached({ kind: 'working-tree' })).codeowners!.rules);
    await held();
    assert.match(await fs.readFile(path.join(location.gitDir, POLICY_CACHE_FILE), 'utf8'), /"byteForCharacter":true/);
    const size = (await fs.stat(codeownersFile())).size;
    const { result: sources, bytes } = await bytesReadOf(async () => {
      const sources = await read({ kind: 'working-tree' });
      assert.deepEqual(owners(sources), expected);
      return sources;
    });
    assert.ok(bytes > 0 && bytes < size / 10, `a few lines read: ${bytes} bytes of ${size}`);
    assert.equal(JSON.stringify(sources.codeowners!.rules), expectedRules, 'the rules, read whole when asked for');
  });

  it("reads the last commit's CODEOWNERS lines from the working tree's file a held entry vouched for, without reading it whole", async () => {
    const commit = await head();
    const expected = owners(await uncached(commit));
    await read(commit);
    await held();
    assert.match(await fs.readFile(path.join(location.gitDir, COMMITTED_POLICY_CACHE_FILE), 'utf8'), /"byteForCharacter":true/);
    const size = (await fs.stat(codeownersFile())).size;
    // As the guard reads them: the working tree's entry first, then the commit's, with the same reads.
    const { bytes } = await bytesReadOf(async () => {
      const reads = policyReads();
      const working = await read({ kind: 'working-tree' }, reads);
      const committed = await read(commit, reads);
      assert.deepEqual(owners(working), expected);
      assert.deepEqual(owners(committed), expected);
    });
    assert.ok(bytes > 0 && bytes < size / 5, `lines read, not the file: ${bytes} bytes of ${size}`);
  });

  /** The working tree's entry, then the last commit's, as one decision reads them (one process: what it parsed, it holds). */
  async function decision(commit: string): Promise<{ working: PolicySources; held?: PolicySources; committed: PolicySources }> {
    freezeParsedPolicies(false);
    const reads = policyReads();
    const reading = { startedMs: Date.now() + 5000, readsInParts: true };
    const working = await cachedPolicySources(location, DEFAULT_SETTINGS, program, () => uncached({ kind: 'working-tree' }), { kind: 'working-tree' }, reading, reads);
    const held = await committedPolicyHeld(location, DEFAULT_SETTINGS, program, commit, reads);
    const source: PolicySource = { kind: 'commit', commit, plain: true };
    const committed = await cachedPolicySources(location, DEFAULT_SETTINGS, program, () => uncached(source), source, reading, reads);
    return { working, ...(held ? { held } : {}), committed };
  }

  it("takes the last commit's entry by its header where the process parsed the policy it names, reading none of its text", async () => {
    const commit = (await git(root, 'rev-parse', 'HEAD')).trim();
    const expected = owners(await uncached({ kind: 'commit', commit }));
    await read({ kind: 'commit', commit, plain: true });
    await held();
    const entry = path.join(location.gitDir, COMMITTED_POLICY_CACHE_FILE);
    const size = (await fs.stat(entry)).size;
    assert.ok(size > 2 * 16 * 1024, `an entry past what its header's read takes: ${size} bytes`);
    const { result, bytes } = await bytesReadOf(() => decision(commit), entry);
    assert.ok(result.held, "the guard's read of the last commit's entry found it");
    for (const sources of [result.working, result.held, result.committed]) assert.deepEqual(owners(sources), expected);
    assert.ok(bytes > 0 && bytes <= 2 * 16 * 1024, `its header read, not its text: ${bytes} bytes of ${size}`);
  });

  it("reads the last commit's entry whole where the working tree's policy is another, and answers the commit's", async () => {
    const commit = (await git(root, 'rev-parse', 'HEAD')).trim();
    const source: PolicySource = { kind: 'commit', commit, plain: true };
    const expected = owners(await uncached(source));
    await read(source);
    // The working tree's CODEOWNERS gives the sign-in code to everyone; the commit's does not.
    await fs.writeFile(codeownersFile(), `${longCodeowners()}/src/auth/ @acme/everyone\n`);
    const entry = path.join(location.gitDir, COMMITTED_POLICY_CACHE_FILE);
    const size = (await fs.stat(entry)).size;
    const { result, bytes } = await bytesReadOf(() => decision(commit), entry);
    assert.deepEqual(compileCodeowners(result.working.codeowners!, 'scan').ownersOf('src/auth/session.ts')?.owners, ['@acme/everyone']);
    // The guard's read: the CODEOWNERS bytes the entry names are not the working tree's now, so it asks git for HEAD's trees.
    assert.equal(result.held, undefined);
    assert.deepEqual(owners(result.committed), expected, "the commit's owners");
    assert.ok(bytes >= size, `read whole: ${bytes} bytes of ${size}`);
  });

  it("reads it whole for the editor, which keeps a policy until it reads it again: a held file's change is not refused there", async () => {
    await held();
    const size = (await fs.stat(codeownersFile())).size;
    const { result, bytes } = await bytesReadOf(() => read({ kind: 'working-tree' }, policyReads(), false));
    assert.equal(bytes, size, 'read whole');
    await fs.appendFile(codeownersFile(), '/late/ @acme/late\n');
    assert.deepEqual(owners(result), owners(await uncached({ kind: 'commit', commit: (await git(root, 'rev-parse', 'HEAD')).trim() })), 'the text read answers');
  });

  it('refuses a line read after the file changed, even with its size and times put back, and reads by content the next time', async () => {
    await held();
    const sources = await read({ kind: 'working-tree' });
    const stats = await fs.stat(codeownersFile());
    // The same length, a lock widened; its times put back: only its change time tells.
    const widened = longCodeowners().replace('/src/auth/ @acme/security', '/src/auth/ @acme/everyone');
    assert.equal(widened.length, longCodeowners().length);
    await fs.writeFile(codeownersFile(), widened);
    await fs.utimes(codeownersFile(), stats.atime, stats.mtime);
    const matcher = compileCodeowners(sources.codeowners!, 'scan');
    assert.throws(() => matcher.ownersOf('src/auth/session.ts'), /\.github\/CODEOWNERS changed while PM Zone was reading it/);
    assert.throws(() => sources.codeowners!.rules, /changed while PM Zone was reading it/);
    const again = await read({ kind: 'working-tree' });
    assert.deepEqual(owners(again), owners(await uncached({ kind: 'working-tree' })));
    assert.deepEqual(compileCodeowners(again.codeowners!, 'scan').ownersOf('src/auth/session.ts')?.owners, ['@acme/everyone']);
  });

  it('reads a CODEOWNERS whose bytes are not its characters (a byte order mark, an owner outside ASCII) whole, as the parse', async () => {
    for (const text of [`\ufeff${longCodeowners()}`, longCodeowners(' @acme/dökümantasyon')]) {
      await fs.writeFile(codeownersFile(), text);
      await held();
      assert.doesNotMatch(await fs.readFile(path.join(location.gitDir, POLICY_CACHE_FILE), 'utf8'), /byteForCharacter/);
      const size = (await fs.stat(codeownersFile())).size;
      const { result, bytes } = await bytesReadOf(() => read({ kind: 'working-tree' }));
      assert.equal(bytes, size, 'read whole');
      assert.deepEqual(owners(result), owners(await uncached({ kind: 'working-tree' })));
    }
  });

  it('reads the file whole and hashes it once the held record is gone, answering as the parse', async () => {
    await held();
    await fs.rm(heldFileOf(path.join(location.gitDir, POLICY_CACHE_FILE)));
    const size = (await fs.stat(codeownersFile())).size;
    const { result, bytes } = await bytesReadOf(() => read({ kind: 'working-tree' }));
    assert.ok(bytes >= size, 'checked by content: read whole and hashed');
    assert.deepEqual(owners(result), owners(await uncached({ kind: 'working-tree' })));
  });
});
