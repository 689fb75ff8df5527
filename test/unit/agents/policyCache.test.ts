import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freezeParsedPolicies } from '../../../src/core/agents/policyCache';
import { HEAD_TREES_CACHE_FILE } from '../../../src/core/agents/headTreesCache';
import { cachedPolicySources, CLI_COMMITTED_POLICY_CACHE_FILE, COMMITTED_POLICY_CACHE_FILE, findRepository, policySourceFiles, POLICY_CACHE_FILE } from '../../../src/core/agents';
import { findGitProgram } from '../../../src/core/git/gitProgram';
import { DEFAULT_SETTINGS, parsePolicySources } from '../../../src/core/repository';
import { isolateGitConfig } from '../cli/support/cli';
import { git, sampleRepo, sampleWorktree } from '../cli/support/sampleRepo';
import { answerOf, guardIn, inRepo, silent, type GuardCall } from './support';
import { isolatedGit } from '../helpers/tempRepo';

// The parsed policy kept between hook runs must never answer for rules that
// changed: every byte the parse reads is in its key, committed or not.

/**
 * A git on PATH that logs each call's subcommand before it runs the real
 * one, until `restore()`: which git processes a decision starts.
 */
async function loggingGit(): Promise<{ commands(): Promise<string[]>; clear(): Promise<void>; restore(): Promise<void> }> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'pm-zone-git-log-'));
  const log = path.join(folder, 'commands');
  const real = findGitProgram();
  assert.ok(real);
  await fs.writeFile(path.join(folder, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
  const PATH = process.env.PATH;
  process.env.PATH = `${folder}${path.delimiter}${PATH ?? ''}`;
  return {
    commands: async () => (await fs.readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean).map((line) => line.replace(/^(-c \S+ )+/, '').split(' ')[0]),
    clear: () => fs.rm(log, { force: true }),
    restore: async () => {
      process.env.PATH = PATH;
      await fs.rm(folder, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

describe('the guard\'s policy cache', () => {
  isolateGitConfig();
  let root: string;
  let guard: GuardCall;
  const editSession = () => ({ hook_event_name: 'PreToolUse', cwd: root, session_id: 's', tool_name: 'Edit', tool_input: { file_path: inRepo(root, 'src/auth/session.ts') } });
  const decision = async () => (answerOf(await guard.run('claude', editSession())) as { hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string } }).hookSpecificOutput;
  const gitDir = async () => path.resolve(root, (await git(root, 'rev-parse', '--git-dir')).trim());

  beforeEach(async () => {
    root = await sampleWorktree();
    // Who the user is never kept (a clock before every file's time): these count the processes HEAD and the policy cost, beside git's one answer of it.
    guard = guardIn(root, {}, 'pm-zone test', { now: () => 0 });
  });

  it('parses the working tree\'s policy and the last commit\'s once each, then answers from the caches in the git folder', async () => {
    assert.equal((await decision()).permissionDecision, 'deny');
    assert.equal((await decision()).permissionDecision, 'deny');
    assert.equal(guard.parses, 2);
    assert.ok((await fs.stat(path.join(await gitDir(), POLICY_CACHE_FILE))).isFile());
    assert.ok((await fs.stat(path.join(await gitDir(), COMMITTED_POLICY_CACHE_FILE))).isFile());
  });

  it("keeps the last commit's policy across a commit that changed no policy file, and parses a commit's that changed one", async () => {
    await decision();
    assert.equal(guard.parses, 2);
    const commit = async (file: string, text: string) => {
      await fs.writeFile(inRepo(root, file), text);
      await git(root, 'add', '--', file);
      await git(root, 'commit', '--quiet', '--no-verify', '-m', `Change ${file}`);
    };
    await commit('docs/notes.md', 'Notes.\n');
    assert.equal((await decision()).permissionDecision, 'deny');
    assert.equal(guard.parses, 2, 'a commit of another file leaves both caches warm');
    await commit('.github/CODEOWNERS', (await fs.readFile(inRepo(root, '.github/CODEOWNERS'), 'utf8')).replace('auth/                      @acme/security', 'auth/                      @acme/identity'));
    assert.match((await decision()).permissionDecisionReason, /owners @acme\/identity/);
    assert.equal(guard.parses, 4, 'the working tree and the commit each parsed again');
  });

  const commitFiles = async (files: Record<string, string>, message: string) => {
    for (const [file, text] of Object.entries(files)) {
      await fs.mkdir(path.dirname(inRepo(root, file)), { recursive: true });
      await fs.writeFile(inRepo(root, file), text);
    }
    await git(root, 'add', '--', ...Object.keys(files));
    await git(root, 'commit', '--quiet', '--no-verify', '-m', message);
  };

  it("answers by a commit's CLAUDE.md at the first decision after it, though the working tree's is put back", async () => {
    const editStrings = { ...editSession(), tool_input: { file_path: inRepo(root, 'src/features/checkout/i18n/en.json') } };
    const text = await fs.readFile(inRepo(root, 'CLAUDE.md'), 'utf8');
    assert.ok(silent(await guard.run('claude', editStrings)));
    await commitFiles({ 'docs/notes.md': 'Notes.\n' }, 'Notes');
    assert.ok(silent(await guard.run('claude', editStrings)));
    assert.equal(guard.parses, 2, 'warm across a commit of another file');
    // The commit narrows the PM zone; the working tree goes back to the rules before it, uncommitted.
    await commitFiles({ 'CLAUDE.md': text.replace('- `**/i18n/*.json`', '- `**/i18n/*.jsox`') }, 'Narrow the zone');
    await fs.writeFile(inRepo(root, 'CLAUDE.md'), text);
    const answer = (answerOf(await guard.run('claude', editStrings)) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput;
    assert.equal(answer.permissionDecision, 'ask', "the commit's rules hold");
    assert.equal(guard.parses, 3, "only the commit's policy parsed again");
  });

  it('keeps no parse of a CLAUDE.md that changed while it was parsed, and answers by the files once they are back', async () => {
    const editStrings = { ...editSession(), tool_input: { file_path: inRepo(root, 'src/features/checkout/i18n/en.json') } };
    const wide = await fs.readFile(inRepo(root, 'CLAUDE.md'), 'utf8');
    const narrow = wide.replace('- `**/i18n/*.json`', '- `**/i18n/*.jsox`');
    // The parse reads the wider CLAUDE.md the commit holds (a branch switched mid-parse), and the narrower one is back at once after that read.
    let racing = false;
    let parses = 0;
    const raced = guardIn(root, {}, 'pm-zone test', {
      now: () => 0,
      parseSources: (files, settings) => (parses++, parsePolicySources({
        ...files,
        readText: async (relPath) => {
          if (!racing || relPath !== 'CLAUDE.md') return files.readText(relPath);
          racing = false;
          await fs.writeFile(inRepo(root, 'CLAUDE.md'), wide);
          try {
            return await files.readText(relPath);
          } finally {
            await fs.writeFile(inRepo(root, 'CLAUDE.md'), narrow);
          }
        },
      }, settings)),
    });
    assert.ok(silent(await raced.run('claude', editStrings)));
    await fs.writeFile(inRepo(root, 'CLAUDE.md'), narrow);
    const cacheFile = path.join(await gitDir(), POLICY_CACHE_FILE);
    const before = await fs.readFile(cacheFile);
    racing = true;
    await raced.run('claude', editStrings);
    assert.equal(racing, false, 'the parse read CLAUDE.md');
    assert.deepEqual(await fs.readFile(cacheFile), before, 'the parse of a CLAUDE.md the key did not read was kept');
    // The files as they are: the narrower zone, which a kept entry of the raced parse would answer as the wider one.
    const answer = (answerOf(await raced.run('claude', editStrings)) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput;
    assert.equal(answer.permissionDecision, 'ask');
    assert.equal(parses, 4, "the working tree's policy parsed again, no entry of the raced parse read");
  });

  it("sees a commit that changes a file CLAUDE.md imports from a folder of its own, though the working tree's is put back", async () => {
    const editLater = { ...editSession(), tool_input: { file_path: inRepo(root, 'docs/agents/later.md') } };
    const claudeMd = await fs.readFile(inRepo(root, 'CLAUDE.md'), 'utf8');
    await commitFiles({ 'CLAUDE.md': `${claudeMd}\n@docs/agents/rules.md\n`, 'docs/agents/rules.md': 'Read these too.\n', 'docs/agents/later.md': 'Not imported yet.\n' }, 'Rules');
    assert.ok(!(await guard.run('claude', editLater)).stdout.includes('"deny"'), 'later.md is not a policy file yet');
    await commitFiles({ 'docs/notes.md': 'Notes.\n' }, 'Notes');
    assert.ok(!(await guard.run('claude', editLater)).stdout.includes('"deny"'));
    const parses = guard.parses;
    await commitFiles({ 'docs/agents/rules.md': 'Read these too.\n@later.md\n' }, 'Import later.md');
    await fs.writeFile(inRepo(root, 'docs/agents/rules.md'), 'Read these too.\n');
    const answer = (answerOf(await guard.run('claude', editLater)) as { hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string } }).hookSpecificOutput;
    assert.equal(answer.permissionDecision, 'deny', answer.permissionDecisionReason);
    assert.equal(guard.parses, parses + 1, "only the commit's policy parsed again");
  });

  it("reads HEAD and its policy files' folders without git at the first decision after a commit of another file: the commit and the trees it changed loose, the others kept from the read before", async () => {
    const answer = await decision();
    await commitFiles({ 'docs/notes.md': 'Notes.\n' }, 'Notes');
    const loose = await gitCommands(() => decision());
    assert.deepEqual(loose.result, answer);
    assert.equal(guard.parses, 2);
    // Who the user is (config) alone: no cat-file, no ls-tree.
    assert.deepEqual(loose.commands, ['config']);
    // Packed, as a clone's objects are: the folders the next commit leaves alone are the trees kept from this read.
    await packObjects();
    await commitFiles({ 'docs/more.md': 'More.\n' }, 'More');
    const kept = await gitCommands(() => decision());
    assert.deepEqual([kept.result, kept.commands], [answer, ['config']]);
    assert.equal(guard.parses, 2);
  });

  it('asks git for HEAD and the policy files in one process where a tree the commit did not change is packed and not kept, or kept edited by hand', async () => {
    const answer = await decision();
    const keptFile = path.join(await gitDir(), HEAD_TREES_CACHE_FILE);
    const keptTrees = JSON.parse(await fs.readFile(keptFile, 'utf8')) as { trees: Record<string, string> };
    assert.ok(Object.keys(keptTrees.trees).length >= 2, 'the root and .github');
    for (const spoil of [() => fs.rm(keptFile), async () => {
      // Each kept tree replaced by another's bytes: none hashes to its id, so none is believed.
      const file = JSON.parse(await fs.readFile(keptFile, 'utf8')) as { trees: Record<string, string> };
      const ids = Object.keys(file.trees);
      await fs.writeFile(keptFile, JSON.stringify({ ...file, trees: Object.fromEntries(ids.map((id, at) => [id, file.trees[ids[(at + 1) % ids.length]]])) }));
    }]) {
      await packObjects();
      await spoil();
      await commitFiles({ 'docs/notes.md': `Notes ${Math.random()}.\n` }, 'Notes');
      const { result, commands } = await gitCommands(() => decision());
      assert.deepEqual(result, answer);
      // HEAD with the policy files' folders (cat-file), and who the user is (config): no git ls-tree.
      assert.deepEqual(commands, ['cat-file', 'config']);
    }
    assert.equal(guard.parses, 2);
  });

  /** The repository's objects in one pack, none loose: as a clone has them. */
  const packObjects = async () => {
    await git(root, 'repack', '-a', '-d', '-q');
    await git(root, 'prune-packed');
  };
  /** The subcommands of the git processes `run` starts, through a git on PATH that logs them. */
  const gitCommands = async <T>(run: () => Promise<T>): Promise<{ result: T; commands: string[] }> => {
    const logging = await loggingGit();
    try {
      const result = await run();
      return { result, commands: (await logging.commands()).sort() };
    } finally {
      await logging.restore();
    }
  };
  /** The same decision with HEAD asked of git: the last commit's entry no longer marked as found good for a commit the git folder named. */
  const decidedByGit = async (folder?: string) => {
    const file = path.join(folder ?? (await gitDir()), COMMITTED_POLICY_CACHE_FILE);
    await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace(',"plain":true', ''));
    // Nor the commit read from the git folder: packed, with no tree kept (a repository git cannot run, a reftable one, is not read there anyway).
    await packObjects().catch(() => undefined);
    await fs.rm(path.join(folder ?? (await gitDir()), HEAD_TREES_CACHE_FILE), { force: true });
    const { result, commands } = await gitCommands(() => guard.run('claude', editSession()));
    assert.ok(commands.includes('cat-file'), commands.join(' '));
    return result;
  };
  /** The branch HEAD names, as a file of the common git folder (the sample is a linked worktree). */
  const headRef = async () => path.join(path.resolve(root, (await git(root, 'rev-parse', '--git-common-dir')).trim()), ...(await fs.readFile(path.join(await gitDir(), 'HEAD'), 'utf8')).replace(/^ref: /, '').trim().split('/'));

  it('asks git nothing for HEAD when the git folder names the commit the last commit\'s entry was found good for, and answers as git would', async () => {
    await decision();
    const warm = await gitCommands(() => guard.run('claude', editSession()));
    assert.deepEqual(warm.commands, ['config'], 'who the user is, and no more');
    assert.match(warm.result.stdout, /"deny"/);
    assert.equal(guard.parses, 2);
    assert.deepEqual(await decidedByGit(), warm.result);
    assert.deepEqual((await gitCommands(() => guard.run('claude', editSession()))).commands, ['config'], 'marked again by the decision git answered');
    assert.equal(guard.parses, 2);
  });

  it('starts no git process at all for a warm decision once who the user is is kept, and answers as when git is asked', async () => {
    // A repository of its own: the shared sample's config is left alone.
    root = await sampleRepo();
    guard = guardIn(root, {}, 'pm-zone test', { now: () => 0 });
    const asked = await gitCommands(() => guard.run('claude', editSession()));
    // One logging git for every call: the git program is in the kept answer's key.
    const logging = await loggingGit();
    const keeping = guardIn(root, {}, 'pm-zone test', { now: () => Date.now() + 5000 });
    const logged = async (run: () => Promise<unknown>) => {
      await logging.clear();
      await run();
      return logging.commands();
    };
    try {
      await keeping.run('claude', editSession());
      await keeping.run('claude', editSession());
      let warm: Awaited<ReturnType<GuardCall['run']>> | undefined;
      assert.deepEqual(await logged(async () => (warm = await keeping.run('claude', editSession()))), []);
      assert.deepEqual(warm, asked.result);
      // The user changed: git is asked again, and the answer is the new user's, as git gives it.
      await git(root, 'config', 'user.email', 'someone-else@acme.test');
      let changed: Awaited<ReturnType<GuardCall['run']>> | undefined;
      assert.ok((await logged(async () => (changed = await keeping.run('claude', editSession())))).includes('config'));
      assert.deepEqual(changed, await guard.run('claude', editSession()));
      assert.notDeepEqual(changed, asked.result);
    } finally {
      await logging.restore();
    }
  });

  it("asks git where the git folder's files name another commit than git reads, or may: a tag's id in the branch file, a packed branch, a reftable repository", async () => {
    // A repository of its own: the shared sample's tags, refs and config are left alone.
    root = await sampleRepo();
    guard = guardIn(root, {}, 'pm-zone test', { now: () => 0 });
    const folder = await gitDir();
    await decision();
    const warm = await decision();
    const expectGit = async (what: string) => {
      const { result, commands } = await gitCommands(() => guard.run('claude', editSession()));
      assert.ok(commands.includes('cat-file'), `${what}: ${commands.join(' ')}`);
      return result;
    };
    const ref = await headRef();
    const head = (await fs.readFile(ref, 'utf8')).trim();
    await git(root, 'tag', '-a', '-m', 'A tag', 'v1');
    await fs.writeFile(ref, `${(await git(root, 'rev-parse', 'v1')).trim()}\n`);
    const tagged = await expectGit("a tag's id");
    assert.deepEqual(answerOf(tagged).hookSpecificOutput, warm, 'git peels the tag to the same commit');
    assert.deepEqual(await decidedByGit(), tagged);
    await fs.writeFile(ref, `${head}\n`);
    await git(root, 'pack-refs', '--all');
    assert.deepEqual(answerOf(await expectGit('a packed branch')).hookSpecificOutput, warm);
    await git(root, 'update-ref', 'refs/heads/pm-zone-test', head);
    await git(root, 'config', 'core.repositoryformatversion', '1');
    await git(root, 'config', 'extensions.refStorage', 'reftable');
    await fs.writeFile(path.join(folder, 'HEAD'), `${head}\n`);
    const reftable = await expectGit('a reftable repository');
    assert.deepEqual(await decidedByGit(folder), reftable);
    assert.equal(guard.parses, 2);
  });

  it("does not believe a last commit's entry edited by hand, though it names the commit HEAD is at", async () => {
    await decision();
    const file = path.join(await gitDir(), COMMITTED_POLICY_CACHE_FILE);
    const entry = JSON.parse(await fs.readFile(file, 'utf8')) as { at?: string; sources: { policyFiles: unknown[] } };
    assert.equal(typeof entry.at, 'string', 'the entry names the commit it was found good for');
    await fs.writeFile(file, JSON.stringify({ ...entry, sources: { ...entry.sources, policyFiles: [] } }));
    // In the process that parsed the policy its header names, that parse is the entry's policy: its text is not read.
    assert.equal((await decision()).permissionDecision, 'deny');
    assert.equal(guard.parses, 2, 'the parse this process holds');
    // A new process's decision, which holds no parse: the working tree's entry, read from its file, is the policy the header names.
    freezeParsedPolicies(false);
    assert.equal((await decision()).permissionDecision, 'deny');
    assert.equal(guard.parses, 2, "the working tree's entry read");
    // Where the working tree's policy is another (CODEOWNERS with a comment more), the last commit's entry is read from its text, which does not match its header: parsed again.
    freezeParsedPolicies(false);
    await fs.appendFile(inRepo(root, '.github/CODEOWNERS'), '# A comment.\n');
    assert.equal((await decision()).permissionDecision, 'deny');
    assert.equal(guard.parses, 4, "the working tree's policy parsed, and the last commit's again");
  });

  // The command line's own Git keeps its cat-file and lists the commit's paths from the trees it reads there; without it, git ls-tree does.
  for (const kept of [false, true]) {
    const through = kept ? ', listed through the command\'s kept cat-file' : '';
    const sourceGit = () => (kept ? { git: isolatedGit(root, { readConfigOnce: true }) } : {});
    it(`keeps a commit's policy read without HEAD's trees (the command line's) by the commit it was found good for, and believes no entry edited by hand${through}`, async () => {
      const location = await findRepository(root);
      assert.ok(location);
      let parses = 0;
      const read = async () => {
        const commit = (await git(root, 'rev-parse', 'HEAD')).trim();
        const source = { kind: 'commit' as const, commit, ...sourceGit() };
        return cachedPolicySources(location, DEFAULT_SETTINGS, { program: 'pm-zone test', commitFile: CLI_COMMITTED_POLICY_CACHE_FILE }, () => {
          parses++;
          return parsePolicySources(policySourceFiles(root, source), DEFAULT_SETTINGS);
        }, source);
      };
      const owners = async () => JSON.stringify((await read()).codeowners);
      const first = await owners();
      assert.equal(await owners(), first);
      assert.equal(parses, 1);
      const file = path.join(location.gitDir, CLI_COMMITTED_POLICY_CACHE_FILE);
      const entry = JSON.parse(await fs.readFile(file, 'utf8')) as { at?: string; sources: { policyFiles: unknown[] } };
      assert.equal(typeof entry.at, 'string', 'the entry names the commit it was found good for');
      await fs.writeFile(file, JSON.stringify({ ...entry, sources: { ...entry.sources, policyFiles: [] } }));
      assert.equal(await owners(), first);
      assert.equal(parses, 1, 'in the process that parsed the policy its header names, that parse');
      // A new process, which holds no parse.
      freezeParsedPolicies(false);
      assert.equal(await owners(), first);
      assert.equal(parses, 2, 'an entry edited by hand is parsed again, though it names the commit HEAD is at');
      await commitFiles({ 'docs/notes.md': 'Notes.\n' }, 'Notes');
      assert.equal(await owners(), first);
      assert.equal(parses, 2, 'a commit of another file keeps it');
      await commitFiles({ '.github/CODEOWNERS': (await fs.readFile(inRepo(root, '.github/CODEOWNERS'), 'utf8')).replace('auth/                      @acme/security', 'auth/                      @acme/identity') }, 'Owners');
      assert.match(await owners(), /@acme\/identity/);
      assert.equal(parses, 3);
    });

    it(`sees a commit that changes a policy file whose name git would read as pathspec magic, read without HEAD's trees${through}`, async () => {
      // ':(top)POLICY.md' asked of git as a pathspec is the top-level POLICY.md, so its own blob id would never be listed.
      const settings = { ...DEFAULT_SETTINGS, policyFile: ':(top)POLICY.md' };
      const claudeMd = await fs.readFile(inRepo(root, 'CLAUDE.md'), 'utf8');
      const commitLiterally = async (files: Record<string, string>, message: string) => {
        for (const [file, text] of Object.entries(files)) await fs.writeFile(inRepo(root, file), text);
        await git(root, 'add', '--', ...Object.keys(files).map((file) => `:(literal)${file}`));
        await git(root, 'commit', '--quiet', '--no-verify', '-m', message);
      };
      await fs.mkdir(inRepo(root, 'docs/agents'), { recursive: true });
      await commitLiterally({ ':(top)POLICY.md': claudeMd, 'POLICY.md': 'A decoy at the name git would read.\n' }, 'Policy');
      const location = await findRepository(root);
      assert.ok(location);
      let parses = 0;
      const zoneGlobs = async () => {
        const source = { kind: 'commit' as const, commit: (await git(root, 'rev-parse', 'HEAD')).trim(), ...sourceGit() };
        const sources = await cachedPolicySources(location, settings, { program: 'pm-zone test', commitFile: CLI_COMMITTED_POLICY_CACHE_FILE }, () => {
          parses++;
          return parsePolicySources(policySourceFiles(root, source), settings);
        }, source);
        return JSON.stringify(sources.policyFiles);
      };
      await zoneGlobs();
      assert.equal(parses, 1);
      await commitLiterally({ ':(top)POLICY.md': `${claudeMd}\n@docs/agents/rules.md\n`, 'docs/agents/rules.md': 'Read these too.\n' }, 'Import more rules');
      assert.match(await zoneGlobs(), /docs\/agents\/rules\.md/, "the commit's policy file is read again");
      assert.equal(parses, 2);
    });

  }

  it('answers by the uncommitted CLAUDE.md, even when the edit keeps its size and time', async () => {
    const editStrings = { ...editSession(), tool_input: { file_path: inRepo(root, 'src/features/checkout/i18n/en.json') } };
    assert.ok(silent(await guard.run('claude', editStrings)));
    const claudeMd = inRepo(root, 'CLAUDE.md');
    const before = await fs.stat(claudeMd);
    const text = await fs.readFile(claudeMd, 'utf8');
    // `**/i18n/*.json` becomes `**/i18n/*.jsox`: same length, and the file's time is put back.
    await fs.writeFile(claudeMd, text.replace('- `**/i18n/*.json`', '- `**/i18n/*.jsox`'));
    await fs.utimes(claudeMd, before.atime, before.mtime);
    assert.equal((await fs.stat(claudeMd)).size, before.size);
    const answer = (answerOf(await guard.run('claude', editStrings)) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput;
    assert.equal(answer.permissionDecision, 'ask');
    assert.equal(guard.parses, 3);
    await fs.writeFile(claudeMd, text);
    assert.ok(silent(await guard.run('claude', editStrings)));
    assert.equal(guard.parses, 4);
  });

  it('does not use a cached policy whose content was edited by hand', async () => {
    await decision();
    for (const file of [POLICY_CACHE_FILE, COMMITTED_POLICY_CACHE_FILE]) {
      const cache = path.join(await gitDir(), file);
      await fs.writeFile(cache, (await fs.readFile(cache, 'utf8')).replaceAll('"defined":true', '"defined":false'));
    }
    // In the process that parsed the policies the headers name, those parses: the texts are not read.
    assert.equal((await decision()).permissionDecision, 'deny');
    assert.equal(guard.parses, 2);
    // A new process, which holds no parse: both parsed again.
    freezeParsedPolicies(false);
    assert.equal((await decision()).permissionDecision, 'deny');
    assert.equal(guard.parses, 4);
  });

  it('answers by the current CODEOWNERS', async () => {
    assert.match((await decision()).permissionDecisionReason, /owners @acme\/security/);
    const codeowners = inRepo(root, '.github/CODEOWNERS');
    await fs.writeFile(codeowners, (await fs.readFile(codeowners, 'utf8')).replace('auth/                      @acme/security', 'auth/                      @acme/identity'));
    assert.match((await decision()).permissionDecisionReason, /owners @acme\/identity/);
  });

  it('reads a CODEOWNERS that appears at a location checked first', async () => {
    await decision();
    await fs.writeFile(inRepo(root, 'CODEOWNERS'), '* @acme/root-owners\n');
    // .github/CODEOWNERS comes first in GitHub's order: still its owners, and a new key all the same.
    assert.match((await decision()).permissionDecisionReason, /owners @acme\/security/);
    assert.equal(guard.parses, 3);
  });

  it('parses again when the cache is damaged, and when PM Zone changed', async () => {
    await decision();
    await fs.writeFile(path.join(await gitDir(), POLICY_CACHE_FILE), '{"key": "not json');
    assert.equal((await decision()).permissionDecision, 'deny');
    assert.equal(guard.parses, 3);
    const next = guardIn(root, {}, 'pm-zone next');
    assert.equal(answerOf(await next.run('claude', editSession())).hookSpecificOutput !== undefined, true);
    assert.equal(next.parses, 2);
  });

  it('denies an edit of the file CLAUDE.md links to, and of what it imports, and follows a changed import at once', async () => {
    const editOf = (file: string) => ({ ...editSession(), tool_input: { file_path: inRepo(root, file) } });
    const verdict = async (file: string) => (answerOf(await guard.run('claude', editOf(file))) as { hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string } }).hookSpecificOutput;
    // The sample's README.md is PM-editable as copy; linked from CLAUDE.md it is the policy file itself.
    await fs.mkdir(inRepo(root, 'docs/agents'), { recursive: true });
    await fs.writeFile(inRepo(root, 'docs/agents/AGENTS.md'), `${await fs.readFile(inRepo(root, 'CLAUDE.md'), 'utf8')}\n@rules.md\n`);
    await fs.writeFile(inRepo(root, 'docs/agents/rules.md'), 'Read these too.\n');
    await fs.writeFile(inRepo(root, 'docs/agents/later.md'), 'Not imported yet.\n');
    await fs.rm(inRepo(root, 'CLAUDE.md'));
    await fs.symlink('docs/agents/AGENTS.md', inRepo(root, 'CLAUDE.md'));
    for (const file of ['docs/agents/AGENTS.md', 'docs/agents/rules.md']) {
      const answer = await verdict(file);
      assert.equal(answer.permissionDecision, 'deny', `${file}: ${answer.permissionDecisionReason}`);
    }
    const before = await guard.run('claude', editOf('docs/agents/later.md'));
    assert.ok(silent(before) || answerOf(before).hookSpecificOutput !== undefined, 'later.md is not a policy file yet');
    assert.ok(!before.stdout.includes('"deny"'), before.stdout);
    // rules.md now imports later.md: CLAUDE.md's bytes are the same, yet the cache must not answer with the old list.
    await fs.writeFile(inRepo(root, 'docs/agents/rules.md'), 'Read these too.\n@later.md\n');
    const later = await verdict('docs/agents/later.md');
    assert.equal(later.permissionDecision, 'deny', later.permissionDecisionReason);
  });

  it('never changes a policy it read from a cache file: frozen, every kind of decision answers as the parse gave it', async () => {
    const payloads = [
      editSession(),
      { ...editSession(), tool_input: { file_path: inRepo(root, 'src/features/checkout/i18n/en.json') } },
      { ...editSession(), tool_name: 'Write', tool_input: { file_path: inRepo(root, 'src/features/new/notes.md'), content: 'x' } },
      { ...editSession(), tool_name: 'Bash', tool_input: { command: "sed -i 's/a/b/' src/auth/session.ts .github/CODEOWNERS" } },
      { ...editSession(), tool_name: 'Bash', tool_input: { command: 'git add -A && git commit -m copy' } },
    ];
    const answers = async (call: GuardCall) => {
      const outputs: string[] = [];
      for (const payload of payloads) outputs.push((await call.run('claude', payload)).stdout);
      return outputs;
    };
    const parsed = await answers(guard);
    assert.equal(guard.parses, 2);
    assert.match(parsed[0], /"deny"/);
    freezeParsedPolicies(true);
    try {
      // A new process's read: the entries are parsed from their files again, and frozen.
      const fresh = guardIn(root);
      assert.deepEqual(await answers(fresh), parsed);
      assert.equal(fresh.parses, 0, 'answered from the cache files');
      const location = await findRepository(root);
      assert.ok(location);
      const sources = await cachedPolicySources(location, DEFAULT_SETTINGS, { program: 'pm-zone test' }, () => parsePolicySources(policySourceFiles(root, { kind: 'working-tree' }), DEFAULT_SETTINGS));
      assert.ok(Object.isFrozen(sources.codeowners?.rules[0]), 'the test froze what it read');
    } finally {
      freezeParsedPolicies(false);
    }
  });
});
