// check-config keeps the skill file's problems in the git folder
// (src/cli/skillFileCache.ts): what it prints from there is what reading the
// file prints, and a changed file, or an entry edited by hand for another
// text, is read again.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { SKILL_FILE_CACHE_FILE } from '../../../src/cli/skillFileCache';
import type { Problem } from '../../../src/core/types';
import { cli, isolateGitConfig, parsed } from './support/cli';
import { git, sampleWorktree } from './support/sampleRepo';

const SKILL_FILE = '.claude/skills/pm-pr-review/SKILL.md';

async function skillProblems(root: string): Promise<string[]> {
  const { problems } = parsed<{ problems: Problem[] }>(await cli(['check-config', '--json', '--cwd', root]));
  return problems.filter((problem) => problem.file === SKILL_FILE).map((problem) => `${problem.line}:${problem.column} ${problem.severity} ${problem.kind} ${problem.message}`);
}

/** A working tree of the sample with the skill file written as `text`, and where check-config keeps its entry. */
async function withSkillFile(text: string): Promise<{ root: string; file: string; cache: string }> {
  const root = await sampleWorktree();
  const file = path.join(root, ...SKILL_FILE.split('/'));
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
  return { root, file, cache: path.join(path.resolve(root, (await git(root, 'rev-parse', '--git-dir')).trim()), SKILL_FILE_CACHE_FILE) };
}

describe('pm-zone check-config, the skill file kept in the git folder', function () {
  this.timeout(60_000);
  isolateGitConfig();

  it('answers from the entry while the file is the same, and reads a changed file again', async () => {
    const { root, file, cache } = await withSkillFile('---\nname: pm-pr-review\n---\n## Scope\n- [ ] Small <!-- check: zone.lockd -->\n');
    const first = await skillProblems(root);
    assert.equal(first.length, 2, first.join('\n'));
    assert.match(first.join('\n'), /missing-description/);
    assert.match(first.join('\n'), /unknown-check Unknown check `zone\.lockd`/);
    assert.ok((await fs.stat(cache)).isFile());
    assert.deepEqual(await skillProblems(root), first);
    await fs.writeFile(file, '---\nname: pm-pr-review\ndescription: d\n---\n## Scope\n- [ ] Small <!-- check: zone.locked -->\n');
    assert.deepEqual(await skillProblems(root), []);
  });

  it('does not take an entry that was written for another text', async () => {
    const { root, cache } = await withSkillFile('## Scope\n- [ ] Small\n');
    const found = await skillProblems(root);
    assert.match(found.join('\n'), /missing-front-matter/);
    const entry = JSON.parse(await fs.readFile(cache, 'utf8')) as { key: string; problems: Problem[] };
    await fs.writeFile(cache, JSON.stringify({ key: entry.key.replace(/^./, (c) => (c === '0' ? '1' : '0')), problems: [] }));
    assert.deepEqual(await skillProblems(root), found);
  });

  it('reads the file again where a FIFO stands in the entry\'s place, without waiting on it', async () => {
    const { root, cache } = await withSkillFile('## Scope\n- [ ] Small\n');
    const found = await skillProblems(root);
    await fs.rm(cache);
    execFileSync('mkfifo', [cache]);
    assert.deepEqual(await skillProblems(root), found);
    assert.ok((await fs.stat(cache)).isFile(), 'the entry written in its place');
  });
});
