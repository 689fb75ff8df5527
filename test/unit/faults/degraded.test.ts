// Faults that did not lose anything but left the user with a wrong or
// frightening answer: each now says what happened and what to do.
import * as assert from 'node:assert/strict';
import { tempDir, tempRepo, runGit } from '../helpers/tempRepo';
import { assertOneLineError, cli } from '../cli/support/cli';
import { cpuBound } from '../helpers/cpuBound';

const ZONE = '## PM zone\n### PMs may edit\n- `**/*.md`\n### Engineering only\n- `**/auth/**`\n';

describe('faults: degraded answers made clear', function () {
  this.timeout(cpuBound(60_000));

  it('a shallow clone without the merge base says so, and --deepen fetches what is missing', async () => {
    const origin = await tempRepo({
      commits: [
        { message: 'one', files: { 'CLAUDE.md': ZONE, 'a.md': '1\n' } },
        { message: 'two', files: { 'a.md': '2\n' } },
        { branch: 'feature', message: 'copy', files: { 'b.md': 'copy\n' } },
        { branch: 'main', message: 'three', files: { 'a.md': '3\n' } },
      ],
    });
    const clone = `${await tempDir('shallow')}/clone`;
    await runGit(origin.root, ['clone', '--quiet', '--depth', '1', '--branch', 'feature', `file://${origin.root}`, clone]);
    await runGit(clone, ['fetch', '--quiet', '--depth', '1', 'origin', 'main:refs/remotes/origin/main']);
    const refused = await cli(['review', '--base', 'main', '--cwd', clone]);
    assertOneLineError(refused, 2, /This is a shallow clone, and the history back to where this branch left 'main' is not in it: fetch more history \(git fetch --deepen=200 origin/);
    const deepened = await cli(['review', '--base', 'main', '--deepen', '--json', '--cwd', clone]);
    assert.deepEqual(JSON.parse(deepened.stdout).files.map((file: { path: string }) => file.path), ['b.md'], deepened.stderr);
  });

  it('a path outside the repository is said to be outside, by owners and explain, with exit 1', async () => {
    const repo = await tempRepo({ commits: [{ message: 'zone', files: { 'CLAUDE.md': ZONE, CODEOWNERS: '* @root\n' } }] });
    const owners = await cli(['owners', '--cwd', repo.root, '../../etc/passwd', 'a.md']);
    assert.equal(owners.code, 1);
    assert.equal(owners.stdout, '../../etc/passwd\t(no owners)\tnot a file inside the repository\na.md\t@root\tCODEOWNERS:1 *\n');
    const json = JSON.parse((await cli(['owners', '--json', '--cwd', repo.root, '../x'])).stdout);
    assert.deepEqual(json, [{ path: '../x', inRepository: false, owners: [], line: null, file: null, pattern: null }]);
    assert.equal((await cli(['explain', '--cwd', repo.root, '../x'])).code, 1);
  });

  it('usage mistakes are usage errors (exit 2, one line), never "internal error"', async () => {
    const repo = await tempRepo({ commits: [{ message: 'zone', files: { 'CLAUDE.md': ZONE } }] });
    assertOneLineError(await cli(['review', 'stray', '--cwd', repo.root]), 2, /review takes no argument besides its options, not 'stray'/);
    assertOneLineError(await cli(['check-config', 'x', '--cwd', repo.root]), 2, /check-config takes no argument/);
    assertOneLineError(await cli(['planning', 'new', '--title', 'T', '--feature', '../../etc', '--cwd', repo.root]), 2, /--feature takes a folder inside the repository, relative to its root, not '\.\.\/\.\.\/etc'/);
    assertOneLineError(await cli(['review', '--time-limit', 'soon', '--cwd', repo.root]), 2, /--time-limit takes a number of seconds above 0/);
  });

  it('a YAML bomb in the skill file is a problem on it; reviews still run', async () => {
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]', ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n');
    const repo = await tempRepo({
      // A pilot with no e-mail listed: whoever commits could be them, so the staged review runs.
      commits: [{ message: 'zone', files: { 'CLAUDE.md': `${ZONE}### Pilot PMs\n- @alice \`docs/**\`\n`, '.claude/skills/pm-pr-review/SKILL.md': `---\n${bomb}\nname: pm-pr-review\n---\n## Scope\n- [ ] One thing\n` } }],
      staged: { 'notes.md': 'hello\n' },
    });
    const review = await cli(['review', '--staged', '--json', '--cwd', repo.root]);
    assert.equal(review.stderr, '');
    assert.deepEqual(JSON.parse(review.stdout).files.map((file: { path: string }) => file.path), ['notes.md']);
    const config = await cli(['check-config', '--cwd', repo.root]);
    assert.equal(config.code, 1);
    assert.match(config.stdout, /SKILL\.md:2:1 +error +front-matter-yaml +The front matter cannot be read: Excessive alias count/);
  });
});
