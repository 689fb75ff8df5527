// What git will not carry: each file PM Zone writes is asked of git, and an
// ignored one comes with the exact lines that let git carry it.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ignoredAdvice, ignoredFiles, unignore } from '../../../src/core/git/ignored';
import { tempRepo } from '../helpers/tempRepo';

const GUARD_FILES = ['.pmzone/guard.cjs', '.claude/settings.json', '.github/hooks/pm-zone.json', '.cursor/hooks.json', '.gemini/settings.json'];

async function repoIgnoring(gitignore: string, exclude = '') {
  const repo = await tempRepo({ commits: [{ message: 'base', files: { '.gitignore': gitignore, 'README.md': '# x\n' } }] });
  if (exclude) await fs.appendFile(repo.path('.git/info/exclude'), exclude);
  await repo.write(Object.fromEntries([...GUARD_FILES, '.claude/settings.local.json', '.claude/skills/pm-pr-review/SKILL.md'].map((file) => [file, '{}\n'])));
  return repo;
}

/** What `git add -A` would add, which is what every other clone gets. */
async function wouldAdd(repo: Awaited<ReturnType<typeof tempRepo>>): Promise<string[]> {
  return (await repo.run('add', '-A', '--dry-run')).split('\n').filter(Boolean).map((line) => line.replace(/^add '(.*)'$/, '$1'));
}

describe('files git will not carry', () => {
  it('names the ignored guard files, the rule that ignores each, and lines that let git carry exactly them', async () => {
    const repo = await repoIgnoring('node_modules/\n.claude/\n.cursor/\n');
    const ignored = await ignoredFiles(repo.git, GUARD_FILES);
    assert.deepEqual(ignored, [
      { file: '.claude/settings.json', rule: '.gitignore:2: .claude/', gitignore: '.gitignore', lines: ['!/.claude/', '/.claude/*', '!/.claude/settings.json'] },
      { file: '.cursor/hooks.json', rule: '.gitignore:3: .cursor/', gitignore: '.gitignore', lines: ['!/.cursor/', '/.cursor/*', '!/.cursor/hooks.json'] },
    ]);
    assert.equal(
      ignoredAdvice(ignored),
      [
        'git ignores 2 files PM Zone wrote for every clone, so `git add` leaves them out and other clones never get them: .claude/settings.json (.gitignore:2: .claude/), .cursor/hooks.json (.gitignore:3: .cursor/).',
        'Add to the end of .gitignore:',
        '!/.claude/',
        '/.claude/*',
        '!/.claude/settings.json',
        '!/.cursor/',
        '/.cursor/*',
        '!/.cursor/hooks.json',
        'Then commit them (or run again with --unignore, which adds these lines).',
      ].join('\n'),
    );
    // The lines do what they say: git now adds the guard files, and still not the rest of the folders.
    assert.deepEqual(await unignore(repo.git, repo.root, ignored), []);
    const added = await wouldAdd(repo);
    for (const file of GUARD_FILES) assert.ok(added.includes(file), `${file} is not added: ${added.join(', ')}`);
    assert.ok(!added.includes('.claude/settings.local.json'), 'the personal settings stay ignored');
    assert.ok(!added.includes('.claude/skills/pm-pr-review/SKILL.md'));
    // Added once: running again adds nothing.
    const once = await fs.readFile(repo.path('.gitignore'), 'utf8');
    await unignore(repo.git, repo.root, ignored);
    assert.equal(await fs.readFile(repo.path('.gitignore'), 'utf8'), once);
  });

  it('opens a folder ignored whole level by level for a file deep inside it', async () => {
    const repo = await repoIgnoring('.claude/\n');
    const [skill] = await ignoredFiles(repo.git, ['.claude/skills/pm-pr-review/SKILL.md']);
    assert.deepEqual(skill.lines, ['!/.claude/', '/.claude/*', '!/.claude/skills/', '/.claude/skills/*', '!/.claude/skills/pm-pr-review/', '/.claude/skills/pm-pr-review/*', '!/.claude/skills/pm-pr-review/SKILL.md']);
    assert.deepEqual(await unignore(repo.git, repo.root, [skill]), []);
    assert.ok((await wouldAdd(repo)).includes('.claude/skills/pm-pr-review/SKILL.md'));
  });

  it('a file pattern, .git/info/exclude and a nested .gitignore are each answered where they can be outranked', async () => {
    const repo = await repoIgnoring('*.json\n', '.pmzone/\n');
    await repo.write({ '.gemini/.gitignore': 'settings.json\n' });
    const ignored = await ignoredFiles(repo.git, GUARD_FILES);
    const byFile = Object.fromEntries(ignored.map((entry) => [entry.file, entry]));
    // The line in .git/info/exclude depends on the template git put there.
    assert.match(byFile['.pmzone/guard.cjs'].rule, /^\.git\/info\/exclude:\d+: \.pmzone\/$/);
    assert.deepEqual({ ...byFile['.pmzone/guard.cjs'], rule: undefined }, { file: '.pmzone/guard.cjs', rule: undefined, gitignore: '.gitignore', lines: ['!/.pmzone/', '/.pmzone/*', '!/.pmzone/guard.cjs'] });
    assert.deepEqual(byFile['.claude/settings.json'].lines, ['!/.claude/settings.json']);
    assert.deepEqual(byFile['.gemini/settings.json'], { file: '.gemini/settings.json', rule: '.gemini/.gitignore:1: settings.json', gitignore: '.gemini/.gitignore', lines: ['!/settings.json'] });
    assert.deepEqual(await unignore(repo.git, repo.root, ignored), []);
    const added = await wouldAdd(repo);
    for (const file of GUARD_FILES) assert.ok(added.includes(file), `${file} is not added: ${added.join(', ')}`);
  });

  it('a folder that holds tracked files is still excluded for new ones: it is opened too', async () => {
    const repo = await repoIgnoring('');
    await repo.run('add', '-f', '.claude/skills/pm-pr-review/SKILL.md');
    await repo.run('commit', '-q', '-m', 'skill');
    await fs.appendFile(repo.path('.gitignore'), '.claude/\n');
    const [settings] = await ignoredFiles(repo.git, ['.claude/settings.json']);
    assert.deepEqual(settings.lines, ['!/.claude/', '/.claude/*', '!/.claude/settings.json']);
    assert.ok(!(await wouldAdd(repo)).includes('.claude/settings.json'));
    assert.deepEqual(await unignore(repo.git, repo.root, [settings]), []);
    assert.ok((await wouldAdd(repo)).includes('.claude/settings.json'));
  });

  it('asks of a file named like pathspec magic as the file it is (check-ignore would read `:(top)x` as `x`)', async () => {
    const repo = await repoIgnoring(':*\n');
    await repo.write({ ':(top)POLICY.md': '# x\n', 'POLICY.md': '# x\n' });
    const ignored = await ignoredFiles(repo.git, [':(top)POLICY.md', 'POLICY.md']);
    assert.deepEqual(ignored.map(({ file, rule }) => [file, rule]), [[':(top)POLICY.md', '.gitignore:1: :*']]);
  });

  it('says nothing of tracked files, files nobody ignores, or a folder that is not a repository', async () => {
    const repo = await repoIgnoring('.claude/\n');
    await repo.run('add', '-f', '.claude/settings.json');
    assert.deepEqual(await ignoredFiles(repo.git, ['.claude/settings.json', 'README.md', '.github/hooks/pm-zone.json']), []);
    const plain = await tempRepo();
    await fs.rm(path.join(plain.root, '.git'), { recursive: true });
    assert.deepEqual(await ignoredFiles(plain.git, ['a.json']), []);
  });
});
