import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SHELL_CACHE_FILE, shellWrites } from '../../../src/core/agents';
import { shellParseCache, type ShellCache } from '../../../src/core/agents/shellCache';
import { isolateGitConfig } from '../cli/support/cli';
import { git, sampleWorktree } from '../cli/support/sampleRepo';
import { answerOf, guardIn } from './support';

// What a shell line writes, kept between hook runs so that a line read once
// does not load bash's grammar again: it may only ever answer for the same
// text, read by the same program.

describe("the guard's cache of shell lines", () => {
  let gitDir: string;
  const line = 'cd src/auth && echo x > session.ts && rm -f ../../CLAUDE.md';

  beforeEach(async () => {
    gitDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pm-zone-shell-cache-'));
  });

  afterEach(async () => {
    await fs.rm(gitDir, { recursive: true, force: true });
  });

  /** The cache, with what each `get` found recorded. */
  function watched(cache: ShellCache): { cache: ShellCache; hits: boolean[] } {
    const hits: boolean[] = [];
    return { hits, cache: { get: async (command) => { const found = await cache.get(command); hits.push(found !== undefined); return found; }, put: (command, targets) => cache.put(command, targets) } };
  }

  it('answers a line it read before, in a later process too, with what reading it gave', async () => {
    const read = await shellWrites(line);
    const first = watched(shellParseCache(gitDir, { program: 'pm-zone test' }));
    assert.deepEqual(await shellWrites(line, first.cache), read);
    const later = watched(shellParseCache(gitDir, { program: 'pm-zone test' }));
    assert.deepEqual(await shellWrites(line, later.cache), read);
    assert.deepEqual([first.hits, later.hits], [[false], [true]]);
    assert.deepEqual(read.map((target) => [target.path, target.effect]), [['src/auth/session.ts', 'write'], ['CLAUDE.md', 'delete']]);
  });

  it('reads again a line that differs by one character, or read by another program', async () => {
    await shellWrites(line, shellParseCache(gitDir, { program: 'pm-zone test' }));
    const other = watched(shellParseCache(gitDir, { program: 'pm-zone test' }));
    const otherLine = `${line} `;
    assert.deepEqual(await shellWrites(otherLine, other.cache), await shellWrites(otherLine));
    const newer = watched(shellParseCache(gitDir, { program: 'pm-zone next' }));
    await shellWrites(line, newer.cache);
    assert.deepEqual([other.hits, newer.hits], [[false], [false]]);
  });

  it('does not use entries edited by hand', async () => {
    await shellWrites(line, shellParseCache(gitDir, { program: 'pm-zone test' }));
    const file = path.join(gitDir, SHELL_CACHE_FILE);
    await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replaceAll('CLAUDE.md', 'notes.txt'));
    const edited = watched(shellParseCache(gitDir, { program: 'pm-zone test' }));
    const targets = await shellWrites(line, edited.cache);
    assert.deepEqual(edited.hits, [false]);
    assert.ok(targets.some((target) => target.path.endsWith('CLAUDE.md')));
  });

  describe('in the guard', () => {
    isolateGitConfig();

    it("keeps a Bash call's line in the git folder, and answers it again from there", async () => {
      const root = await sampleWorktree();
      const guard = guardIn(root);
      const bash = { hook_event_name: 'PreToolUse', cwd: root, session_id: 's', tool_name: 'Bash', tool_input: { command: 'echo x > src/auth/session.ts' } };
      const decision = async () => (answerOf(await guard.run('claude', bash)) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision;
      assert.equal(await decision(), 'deny');
      const cache = path.join(path.resolve(root, (await git(root, 'rev-parse', '--git-dir')).trim()), SHELL_CACHE_FILE);
      assert.deepEqual((JSON.parse(await fs.readFile(cache, 'utf8')) as { entries: { command: string }[] }).entries.map((entry) => entry.command), ['echo x > src/auth/session.ts']);
      assert.equal(await decision(), 'deny');
    });
  });
});
