import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { freezeParsedPolicies, policyReads } from '../../../src/core/agents/policyCache';
import { HELD_BYTES_MAX, heldBytesFileOf, heldEntry, heldFileOf, holdEntry } from '../../../src/core/agents/heldEntry';
import { cachedPolicySources, policySourceFiles, POLICY_CACHE_FILE } from '../../../src/core/agents';
import type { RepositoryLocation } from '../../../src/core/agents/repositoryLocation';
import { compileCodeowners } from '../../../src/core/codeowners';
import { DEFAULT_SETTINGS, parsePolicySources, type PolicySources } from '../../../src/core/repository';
import { isolateGitConfig } from '../cli/support/cli';
import { sampleWorktree } from '../cli/support/sampleRepo';
import { inRepo, locationOf } from './support';

// A working tree's entry, held by the state of every file it was found good
// for (heldEntry.ts), is read without reading any of them: every answer it
// gives must be the uncached parse's, whatever happened to any of them, or
// to the entry, since.

const PATHS = ['src/auth/session.ts', 'src/features/checkout/i18n/en.json', 'docs/notes.md', 'README.md', '.github/CODEOWNERS', 'CLAUDE.md', 'payments/x.ts'];

describe('the policy entry held by the state of its files', () => {
  isolateGitConfig();
  let root: string;
  let location: RepositoryLocation;
  let parses: number;
  const program = { program: 'pm-zone test' };
  const heldFile = () => heldFileOf(path.join(location.gitDir, POLICY_CACHE_FILE));

  beforeEach(async () => {
    root = await sampleWorktree();
    location = await locationOf(root);
    parses = 0;
  });

  const uncached = (codeowners?: false) => parsePolicySources(policySourceFiles(root, { kind: 'working-tree' }), DEFAULT_SETTINGS, { codeowners });
  /**
   * A read as a process of its own makes it (nothing parsed by an earlier one
   * at hand), started `startedMs` (by default five seconds from now: every
   * file then settled, as after a wait); what it answered, and how many
   * files it read for its key.
   */
  const read = async (options: { startedMs?: number; codeowners?: false; unsaved?: (relPath: string) => boolean } = {}) => {
    freezeParsedPolicies(false);
    const reads = policyReads();
    const sources = await cachedPolicySources(location, DEFAULT_SETTINGS, program, () => {
      parses++;
      return uncached(options.codeowners);
    }, { kind: 'working-tree' }, { codeowners: options.codeowners, unsaved: options.unsaved, startedMs: options.startedMs ?? Date.now() + 5000 }, reads);
    return { sources, filesRead: reads.size };
  };
  const answers = (sources: PolicySources) => {
    const { codeowners, ...rest } = sources;
    const matcher = codeowners && compileCodeowners(codeowners, 'scan');
    return JSON.stringify({ rest, codeowners: codeowners && { file: codeowners.file, rules: codeowners.rules, problems: codeowners.problems }, owners: matcher && PATHS.map((relPath) => matcher.ownersOf(relPath)) });
  };
  /** Read until held (within three reads: a parse, a read by content that holds the entry, a held read), answering as the parse. */
  const held = async (codeowners?: false) => {
    const expected = answers(await uncached(codeowners));
    const parsed = parses;
    let last = await read({ codeowners });
    for (let reads = 1; reads < 3 && last.filesRead > 0; reads++) last = await read({ codeowners });
    assert.equal(last.filesRead, 0, 'held: no file read for the key');
    assert.equal(answers(last.sources), expected);
    assert.ok(parses <= parsed + 1, 'parsed once at most');
    return expected;
  };
  /** A read that is not held: it reads the files, and answers as the parse. */
  const readsByContent = async (message: string) => {
    const { sources, filesRead } = await read();
    assert.ok(filesRead > 0, `${message}: read by content`);
    assert.equal(answers(sources), answers(await uncached()), `${message}: as the parse`);
    return answers(sources);
  };

  it('answers from a held entry without reading a policy file, with CODEOWNERS as parsed, and for whoami without it', async () => {
    // A parse, then a read by content that finds the entry good and holds it, then a held read.
    assert.ok((await read()).filesRead > 0);
    assert.equal(parses, 1);
    assert.ok((await read()).filesRead > 0, 'the second read checks the entry by content');
    assert.equal(parses, 1);
    const expected = await held();
    assert.equal(parses, 1);
    assert.match(expected, /@acme\/security/);
    const record = JSON.parse(await fs.readFile(heldFile(), 'utf8')) as { files: string[] };
    for (const file of ['CLAUDE.md', 'AGENTS.md', '.github/CODEOWNERS', 'CODEOWNERS', '.claude/settings.json']) assert.ok(record.files.includes(file), `${file} held`);
    // A whole entry serves whoami's read (without CODEOWNERS) from the record as well.
    const without = await read({ codeowners: false });
    assert.equal(without.filesRead, 0);
    assert.equal(JSON.stringify(without.sources), JSON.stringify(await uncached(false)));
  });

  it('holds nothing while a file changed within two seconds of the start, and nothing for a read the editor holds unsaved', async () => {
    await read({ startedMs: Date.now() });
    await read({ startedMs: Date.now() });
    await assert.rejects(fs.stat(heldFile()), 'nothing held');
    assert.ok((await read({ startedMs: Date.now() })).filesRead > 0);
    // Once settled: read by content once more, which holds the entry, then held.
    assert.ok((await read()).filesRead > 0);
    assert.equal((await read()).filesRead, 0);
    assert.equal(parses, 1);
    await read({ unsaved: (relPath) => relPath === 'CLAUDE.md' });
    assert.equal(parses, 2, 'an unsaved policy file is parsed as the editor holds it, not answered from the record');
  });

  it('reads by content after any held file changed, even with its size and times put back, appeared or went away', async () => {
    await held();
    const claude = inRepo(root, 'CLAUDE.md');
    const before = await fs.stat(claude);
    const text = await fs.readFile(claude, 'utf8');
    const edited = text.replace('`**/flags.yaml`', '`**/flags.yamx`');
    assert.notEqual(edited, text);
    assert.equal(edited.length, text.length);
    await fs.writeFile(claude, edited);
    await fs.utimes(claude, before.atime, before.mtime);
    assert.match(await readsByContent('CLAUDE.md edited, same size and time'), /flags\.yamx/);
    await fs.writeFile(claude, text);
    await readsByContent('put back');
    await held();
    // A file the parse went on to read (the agents' settings), and a CODEOWNERS location that was missing.
    await fs.writeFile(inRepo(root, '.claude/settings.json'), '{"permissions":{"allow":["Bash(*)"]}}\n');
    await readsByContent('an agent settings file changed');
    await held();
    const owners = await fs.readFile(inRepo(root, '.github/CODEOWNERS'), 'utf8');
    await fs.rm(inRepo(root, '.github/CODEOWNERS'));
    await fs.writeFile(inRepo(root, 'CODEOWNERS'), owners.replace('@acme/security', '@acme/identity'));
    assert.match(await readsByContent('CODEOWNERS moved to a location that was missing'), /@acme\/identity/);
  });

  it('answers an entry whose files were written again with the same bytes by comparing them with the bytes kept, and holds it again for their new states', async () => {
    const expected = await held();
    const parsed = parses;
    const record = await fs.readFile(heldFile(), 'utf8');
    // Saved again unchanged, as an editor or a checkout may: new states, the same bytes.
    for (const file of ['CLAUDE.md', '.github/CODEOWNERS', '.claude/skills/pm-pr-review/SKILL.md']) await fs.writeFile(inRepo(root, file), await fs.readFile(inRepo(root, file)));
    const again = await read();
    assert.equal(again.filesRead, 0, 'compared with the bytes kept: nothing read for the key');
    assert.equal(answers(again.sources), expected);
    assert.equal(parses, parsed, 'not parsed');
    assert.notEqual(await fs.readFile(heldFile(), 'utf8'), record, 'held again, for the states the files are in now');
    assert.equal((await read()).filesRead, 0);
    // whoami's read (without CODEOWNERS) too.
    await fs.writeFile(inRepo(root, 'CLAUDE.md'), await fs.readFile(inRepo(root, 'CLAUDE.md')));
    const without = await read({ codeowners: false });
    assert.equal(without.filesRead, 0);
    assert.equal(JSON.stringify(without.sources), JSON.stringify(await uncached(false)));
    assert.equal(parses, parsed);
  });

  it('reads by content where the same bytes are not enough: the entry written again, a file that appeared, one now reached through a link, bytes kept for another record', async () => {
    await held();
    const entryFile = path.join(location.gitDir, POLICY_CACHE_FILE);
    await fs.writeFile(entryFile, await fs.readFile(entryFile));
    await readsByContent('the entry written again, unchanged');
    await held();
    // A zone file that was missing, now there (empty): its state names no bytes kept.
    await fs.writeFile(inRepo(root, 'GEMINI.md'), '');
    await readsByContent('a missing file appeared');
    await fs.rm(inRepo(root, 'GEMINI.md'));
    await readsByContent('and went away again');
    await held();
    // The same bytes, now through a link: the parse reads where it leads.
    const claude = inRepo(root, 'CLAUDE.md');
    await fs.writeFile(inRepo(root, 'docs/claude-policy.md'), await fs.readFile(claude));
    await fs.rm(claude);
    await fs.symlink('docs/claude-policy.md', claude);
    await readsByContent('the same bytes through a link');
    await fs.rm(claude);
    await fs.rename(inRepo(root, 'docs/claude-policy.md'), claude);
    await readsByContent('put back');
    await held();
    // Bytes that name another record's key, or other bytes for a file: not taken.
    const bytesFile = heldBytesFileOf(entryFile);
    const kept = JSON.parse(await fs.readFile(bytesFile, 'utf8')) as { key: string; contents: (string | null)[] };
    const record = JSON.parse(await fs.readFile(heldFile(), 'utf8')) as { files: string[] };
    const at = record.files.indexOf('CLAUDE.md');
    const edits = [
      JSON.stringify({ ...kept, key: `${kept.key} ` }),
      JSON.stringify({ ...kept, contents: kept.contents.map((content, index) => (index === at ? Buffer.from('# another policy\n').toString('base64') : content)) }),
      JSON.stringify({ ...kept, contents: kept.contents.map((content, index) => (index === at ? 42 : content)) }),
      '{',
    ];
    for (const edit of edits) {
      await fs.writeFile(bytesFile, edit);
      await fs.writeFile(claude, await fs.readFile(claude));
      await readsByContent('the kept bytes edited');
      await held();
    }
  });

  it('keeps no bytes where the files hold more than HELD_BYTES_MAX: a file written again unchanged is read by content', async () => {
    const owners = inRepo(root, '.github/CODEOWNERS');
    await fs.writeFile(owners, `${await fs.readFile(owners, 'utf8')}${'# padding\n'.repeat(Math.ceil(HELD_BYTES_MAX / 10))}`);
    await held();
    const bytesFile = heldBytesFileOf(path.join(location.gitDir, POLICY_CACHE_FILE));
    await assert.rejects(fs.stat(bytesFile), 'no bytes kept');
    await fs.writeFile(owners, await fs.readFile(owners));
    await readsByContent('a large CODEOWNERS written again');
  });

  it('reads by content after the entry or the record was edited by hand, and never holds a record naming a path outside', async () => {
    await held();
    const entryFile = path.join(location.gitDir, POLICY_CACHE_FILE);
    const entry = await fs.readFile(entryFile, 'utf8');
    // The entry's policy widened by hand, its digest left: read by content, whose digest check refuses it.
    const widened = entry.replace('"**/auth/**"', '"**/autz/**"');
    assert.notEqual(widened, entry);
    await fs.writeFile(entryFile, widened);
    await readsByContent('the entry edited');
    assert.equal(parses, 2, 'parsed again');
    await held().catch(() => undefined);
    parses = 0;
    await read();
    await read();
    const record = await fs.readFile(heldFile(), 'utf8');
    for (const edit of [
      (text: string) => text.replace('"CLAUDE.md"', '"../CLAUDE.md"'),
      (text: string) => text.replace(/"key":"/, '"key":"x'),
      (text: string) => text.replace('"format":1', '"format":2'),
      () => '{',
    ]) {
      await fs.writeFile(heldFile(), edit(record));
      await readsByContent('the record edited');
    }
  });

  it('holds nothing where a policy file is reached through a link, and reads a re-pointed link by content', async () => {
    const claude = inRepo(root, 'CLAUDE.md');
    await fs.rename(claude, inRepo(root, 'docs/claude-policy.md'));
    await fs.symlink('docs/claude-policy.md', claude);
    const expected = answers(await uncached());
    await read();
    await read();
    await read();
    await assert.rejects(fs.stat(heldFile()), 'nothing held for a linked policy file');
    assert.equal(answers((await read()).sources), expected);
  });

  it('holds nothing for a policy path that is not a regular file: a FIFO, a folder', async () => {
    const cacheFile = path.join(location.gitDir, 'pm-zone', 'scratch.json');
    await fs.mkdir(path.dirname(cacheFile), { recursive: true });
    await fs.writeFile(cacheFile, '{}');
    const startedMs = Date.now() + 5000;
    execFileSync('mkfifo', [inRepo(root, 'GEMINI.md')]);
    await fs.mkdir(inRepo(root, 'AGENTS.md'));
    for (const file of ['GEMINI.md', 'AGENTS.md']) {
      await holdEntry(cacheFile, root, 'base', ['CLAUDE.md', file], startedMs, 'linux');
      await assert.rejects(fs.stat(heldFileOf(cacheFile)), file);
    }
    // The same files but those: held.
    await holdEntry(cacheFile, root, 'base', ['CLAUDE.md', 'docs/notes.md'], startedMs, 'linux');
    assert.equal(heldEntry(cacheFile, root, 'base', 'linux')?.text, '{}');
  });

  it('holds nothing on Windows, where a process that may write a file may set its change time', async () => {
    const cacheFile = path.join(location.gitDir, 'pm-zone', 'scratch.json');
    await fs.mkdir(path.dirname(cacheFile), { recursive: true });
    await fs.writeFile(cacheFile, '{}');
    const startedMs = Date.now() + 5000;
    await holdEntry(cacheFile, root, 'base', ['CLAUDE.md'], startedMs, 'win32');
    await assert.rejects(fs.stat(heldFileOf(cacheFile)));
    await holdEntry(cacheFile, root, 'base', ['CLAUDE.md'], startedMs, 'linux');
    assert.equal(heldEntry(cacheFile, root, 'base', 'linux')?.text, '{}');
    assert.equal(heldEntry(cacheFile, root, 'other base', 'linux'), undefined);
    assert.equal(heldEntry(cacheFile, root, 'base', 'win32'), undefined);
  });
});
