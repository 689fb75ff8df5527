import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freezeParsedPolicies } from '../../../src/core/agents/policyCache';
import { cachedPolicySources, COMMITTED_POLICY_CACHE_FILE, policySourceFiles, POLICY_CACHE_FILE, type PolicySource } from '../../../src/core/agents';
import type { RepositoryLocation } from '../../../src/core/agents/repositoryLocation';
import { compileCodeowners } from '../../../src/core/codeowners';
import { DEFAULT_SETTINGS, parsePolicySources, type PolicySources } from '../../../src/core/repository';
import { isolateGitConfig } from '../cli/support/cli';
import { git, sampleWorktree } from '../cli/support/sampleRepo';
import { answerOf, guardIn, inRepo, locationOf } from './support';

// The cache entry names CODEOWNERS by the hash of the working tree's bytes
// instead of holding its text: every answer read through it must be the
// uncached parse's, whatever happened to the file between two reads.

const PATHS = ['src/auth/session.ts', 'src/auth', 'src/features/checkout/i18n/en.json', 'docs/notes.md', 'README.md', '.github/CODEOWNERS', 'CLAUDE.md', 'a/b/c.txt', 'payments/x.ts'];

describe("the policy cache's CODEOWNERS, kept as the hash of the working tree's bytes", () => {
  isolateGitConfig();
  let root: string;
  let location: RepositoryLocation;
  let parses: number;
  const codeownersFile = () => inRepo(root, '.github/CODEOWNERS');
  const program = { program: 'pm-zone test' };

  beforeEach(async () => {
    root = await sampleWorktree();
    location = await locationOf(root);
    parses = 0;
  });

  const head = async (): Promise<PolicySource> => ({ kind: 'commit', commit: (await git(root, 'rev-parse', 'HEAD')).trim() });
  const uncached = (source: PolicySource) => parsePolicySources(policySourceFiles(root, source), DEFAULT_SETTINGS);
  // Each read as a process of its own reads it: nothing parsed by an earlier one is at hand.
  const cached = (source: PolicySource) => (freezeParsedPolicies(false), cachedPolicySources)(location, DEFAULT_SETTINGS, program, () => {
    parses++;
    return uncached(source);
  }, source);

  /** What a policy answers: everything but CODEOWNERS as JSON, and CODEOWNERS by its rules, problems and each path's owners. */
  const answers = (sources: PolicySources) => {
    const { codeowners, ...rest } = sources;
    const matcher = codeowners && compileCodeowners(codeowners, 'scan');
    return JSON.stringify({
      rest,
      codeowners: codeowners && { file: codeowners.file, flavor: codeowners.flavor, rules: codeowners.rules, sections: codeowners.sections, problems: codeowners.problems },
      owners: matcher && PATHS.map((relPath) => matcher.ownersOf(relPath)),
    });
  };
  /** Read through the cache (twice: the second from the entry) and held equal to the uncached parse. */
  const holds = async (source: PolicySource, message: string) => {
    const expected = answers(await uncached(source));
    assert.equal(answers(await cached(source)), expected, message);
    const before = parses;
    assert.equal(answers(await cached(source)), expected, `${message}, read again`);
    assert.equal(parses, before, `${message}: the second read is the entry's`);
    return expected;
  };
  const entry = async (file: string) => fs.readFile(path.join(location.gitDir, file), 'utf8');
  const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');
  const commitFiles = async (files: Record<string, string>, message: string) => {
    for (const [file, text] of Object.entries(files)) await fs.writeFile(inRepo(root, file), text);
    await git(root, 'add', '--', ...Object.keys(files));
    await git(root, 'commit', '--quiet', '--no-verify', '-m', message);
  };
  const widened = (text: string) => text.replace('auth/                      @acme/security', 'auth/                      @acme/identity');

  it("keeps no CODEOWNERS text in the entry, only the hash of the file's bytes, and answers as the parse", async () => {
    const text = await fs.readFile(codeownersFile(), 'utf8');
    await holds({ kind: 'working-tree' }, 'the working tree');
    const kept = await entry(POLICY_CACHE_FILE);
    assert.ok(!kept.includes('@acme/security'), 'no rule of the text in the entry');
    assert.ok(kept.includes(`"bytes":"${sha256(await fs.readFile(codeownersFile()))}"`));
    assert.ok(text.includes('@acme/security'));
    assert.equal(parses, 1);
  });

  it("serves a read without CODEOWNERS (whoami's) from a whole entry as the parse without it answers", async () => {
    await holds({ kind: 'working-tree' }, 'whole');
    const without = { codeowners: false };
    freezeParsedPolicies(false);
    const read = await cachedPolicySources(location, DEFAULT_SETTINGS, program, () => {
      parses++;
      return parsePolicySources(policySourceFiles(root, { kind: 'working-tree' }), DEFAULT_SETTINGS, without);
    }, { kind: 'working-tree' }, without);
    assert.equal(JSON.stringify(read), JSON.stringify(await parsePolicySources(policySourceFiles(root, { kind: 'working-tree' }), DEFAULT_SETTINGS, without)));
    assert.equal(read.codeowners, undefined);
    assert.equal(parses, 1, 'the whole entry served it');
  });

  it('parses again when CODEOWNERS changed between two runs, even with its size and time put back', async () => {
    await holds({ kind: 'working-tree' }, 'before');
    const before = await fs.stat(codeownersFile());
    const text = await fs.readFile(codeownersFile(), 'utf8');
    // `security` becomes `securitx`: same size, the time put back.
    await fs.writeFile(codeownersFile(), text.replace('@acme/security', '@acme/securitx'));
    await fs.utimes(codeownersFile(), before.atime, before.mtime);
    const after = await holds({ kind: 'working-tree' }, 'after the edit');
    assert.match(after, /securitx/);
    assert.equal(parses, 2);
    await fs.writeFile(codeownersFile(), text);
    await holds({ kind: 'working-tree' }, 'put back');
    assert.equal(parses, 3);
  });

  it('answers as the parse when CODEOWNERS is missing, and when it comes back', async () => {
    const text = await fs.readFile(codeownersFile(), 'utf8');
    await holds({ kind: 'working-tree' }, 'present');
    await fs.rm(codeownersFile());
    const missing = await holds({ kind: 'working-tree' }, 'missing');
    assert.ok(!missing.includes('@acme/security'));
    await fs.writeFile(inRepo(root, 'docs/CODEOWNERS'), '* @acme/docs\n');
    assert.match(await holds({ kind: 'working-tree' }, 'at a later location'), /@acme\/docs/);
    await fs.writeFile(codeownersFile(), text);
    assert.match(await holds({ kind: 'working-tree' }, 'back'), /@acme\/security/);
    assert.equal(parses, 4);
  });

  it('answers as the parse when CODEOWNERS is a symbolic link, re-pointed, its target changed, or leading outside the repository', async () => {
    const text = await fs.readFile(codeownersFile(), 'utf8');
    await fs.writeFile(inRepo(root, 'owners-a.txt'), text);
    await fs.writeFile(inRepo(root, 'owners-b.txt'), widened(text));
    await fs.rm(codeownersFile());
    await fs.symlink('../owners-a.txt', codeownersFile());
    assert.match(await holds({ kind: 'working-tree' }, 'a link'), /@acme\/security/);
    await fs.rm(codeownersFile());
    await fs.symlink('../owners-b.txt', codeownersFile());
    assert.match(await holds({ kind: 'working-tree' }, 're-pointed'), /@acme\/identity/);
    await fs.writeFile(inRepo(root, 'owners-b.txt'), text);
    assert.match(await holds({ kind: 'working-tree' }, 'its target changed'), /@acme\/security/);
    // A link leading outside is read as absent: no CODEOWNERS at all, though the bytes behind it are a whole file.
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'pm-zone-owners-'));
    await fs.writeFile(path.join(outside, 'CODEOWNERS'), text);
    await fs.rm(codeownersFile());
    await fs.symlink(path.join(outside, 'CODEOWNERS'), codeownersFile());
    assert.ok(!(await holds({ kind: 'working-tree' }, 'a link outside')).includes('@acme/security'));
    assert.ok(!(await entry(POLICY_CACHE_FILE)).includes('"bytes"'), 'nothing named by bytes the parse did not read');
    assert.equal(parses, 4);
    await fs.rm(outside, { recursive: true, force: true });
  });

  it("keeps the last commit's entry across a commit that did not change CODEOWNERS, reads its text from the working tree, and parses again after one that did", async () => {
    await holds(await head(), 'the commit');
    const kept = await entry(COMMITTED_POLICY_CACHE_FILE);
    assert.ok(!kept.includes('@acme/security') && kept.includes('"bytes"'), "the commit's entry names the working tree's bytes");
    await commitFiles({ 'docs/notes.md': 'Notes.\n' }, 'Notes');
    await holds(await head(), 'a commit of another file');
    assert.equal(parses, 1, 'still warm');
    await commitFiles({ '.github/CODEOWNERS': widened(await fs.readFile(codeownersFile(), 'utf8')) }, 'Owners');
    assert.match(await holds(await head(), 'a commit of CODEOWNERS'), /@acme\/identity/);
    assert.equal(parses, 2);
  });

  it("answers by the commit's CODEOWNERS when the working tree's was edited and not committed, and keeps its text in the entry then", async () => {
    const text = await fs.readFile(codeownersFile(), 'utf8');
    await holds(await head(), 'the commit');
    assert.equal(parses, 1);
    await fs.writeFile(codeownersFile(), widened(text));
    // The entry names bytes the working tree no longer holds: parsed again from the commit, its text kept.
    assert.match(await holds(await head(), 'the working tree edited'), /@acme\/security/);
    assert.equal(parses, 2);
    assert.ok((await entry(COMMITTED_POLICY_CACHE_FILE)).includes('@acme/security'));
    assert.ok(!(await entry(COMMITTED_POLICY_CACHE_FILE)).includes('"bytes"'));
    await fs.rm(codeownersFile());
    assert.match(await holds(await head(), 'the working tree without CODEOWNERS'), /@acme\/security/);
    assert.equal(parses, 2, 'the text kept in the entry needs no working-tree file');
  });

  it('parses again an entry whose bytes or file were changed by hand, and one naming bytes the file does not hold', async () => {
    const expected = await holds({ kind: 'working-tree' }, 'first');
    const file = path.join(location.gitDir, POLICY_CACHE_FILE);
    const original = await entry(POLICY_CACHE_FILE);
    const other = '* @acme/everyone\n';
    await fs.writeFile(inRepo(root, 'CODEOWNERS'), other);
    for (const edit of [
      (text: string) => text.replace(/"bytes":"[0-9a-f]+"/, `"bytes":"${sha256(other)}"`),
      (text: string) => text.replace('"file":".github/CODEOWNERS"', '"file":"CODEOWNERS"'),
      (text: string) => text.replace(/"bytes":"[0-9a-f]+"/, `"text":${JSON.stringify(other)}`),
    ]) {
      const edited = edit(original);
      assert.notEqual(edited, original);
      await fs.writeFile(file, edited);
      const before = parses;
      assert.equal(answers(await cached({ kind: 'working-tree' })), answers(await uncached({ kind: 'working-tree' })));
      assert.equal(parses, before + 1, 'parsed again');
    }
    // An entry whose digest was made to fit, naming bytes of another file: the bytes read must hash to it.
    const header = JSON.parse(original.slice(0, original.indexOf(',"sources":')) + '}') as { digest: string };
    const sources = original.slice(original.indexOf(',"sources":') + ',"sources":'.length, -1).replace(/"bytes":"[0-9a-f]+"/, `"bytes":"${sha256(other)}"`);
    const digest = createHash('sha256').update('whole\n').update(sources).digest('hex');
    await fs.writeFile(file, `${JSON.stringify({ ...header, digest }).slice(0, -1)},"sources":${sources}}`);
    const before = parses;
    assert.equal(answers(await cached({ kind: 'working-tree' })), answers(await uncached({ kind: 'working-tree' })));
    assert.equal(parses, before + 1, 'bytes the file does not hold are a miss');
    await fs.rm(inRepo(root, 'CODEOWNERS'));
    assert.equal(answers(await cached({ kind: 'working-tree' })), expected);
  });

  it("keeps a lock of the commit's CODEOWNERS in the guard's decision when the working tree's is widened and not committed", async () => {
    const guard = guardIn(root);
    const edit = { hook_event_name: 'PreToolUse', cwd: root, session_id: 's', tool_name: 'Edit', tool_input: { file_path: inRepo(root, 'src/auth/session.ts') } };
    const decision = async () => (freezeParsedPolicies(false), answerOf(await guard.run('claude', edit)) as { hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string } }).hookSpecificOutput;
    const first = await decision();
    assert.equal(first.permissionDecision, 'deny');
    assert.equal(guard.parses, 2);
    assert.deepEqual(await decision(), first);
    assert.equal(guard.parses, 2);
    await fs.writeFile(codeownersFile(), (await fs.readFile(codeownersFile(), 'utf8')).replace(/^.*auth.*$/gm, ''));
    assert.equal((await decision()).permissionDecision, 'deny', "the commit's rules still hold");
    assert.equal(guard.parses, 4, 'both parsed again: the commit\'s entry named bytes the working tree no longer holds');
    assert.equal((await decision()).permissionDecision, 'deny');
    assert.equal(guard.parses, 4, 'then warm, the commit\'s text in its entry');
  });
});
