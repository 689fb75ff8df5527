// A path as git must read it: one definition for every git call that names
// a repository path, held here to git's own reading of awkward names.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { checkIgnoreAnswered, checkIgnorePath, excludedLiteralPathspec, literalPathspec, literalPathspecs } from '../../../src/core/git/pathspec';
import { Git } from '../../../src/core/git/runGit';
import { tempRepo } from '../helpers/tempRepo';

// Names that a plain pathspec reads as a glob or as magic, each beside the file it would also (or instead) name.
const AWKWARD = [
  'app/[id]/page.tsx', 'app/i/page.tsx',
  ':(top)POLICY.md', 'POLICY.md',
  ':!x', ':/y', ':^z', 'x', 'y', 'z',
  '*', 'star.md', 'a?c', 'abc', 'sp ace.md', 'back\\slash', ':(literal)q', 'q', 'colon:inside',
];

describe('a path as git must read it', () => {
  it('spells the same argument every git call spelled inline', () => {
    assert.equal(literalPathspec('src/auth/[id].ts'), ':(literal)src/auth/[id].ts');
    assert.equal(literalPathspec(':(top)x'), ':(literal):(top)x');
    assert.deepEqual(literalPathspecs(['a', 'b/c']), [':(literal)a', ':(literal)b/c']);
    assert.deepEqual(literalPathspecs([]), []);
    assert.equal(checkIgnorePath(':(top)POLICY.md'), './:(top)POLICY.md');
    assert.equal(checkIgnorePath('POLICY.md'), 'POLICY.md');
    assert.equal(checkIgnorePath('a/:b'), 'a/:b');
  });

  it('names each awkward path and nothing else, where the plain path names others or none', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: Object.fromEntries(AWKWARD.map((file) => [file, `${file}\n`])) }] });
    const commit = (await repo.run('rev-parse', 'HEAD')).trim();
    let plainDiffers = 0;
    for (const file of AWKWARD) {
      const listed = (await repo.run('ls-files', '-z', '--', literalPathspec(file))).split('\0').filter(Boolean);
      assert.deepEqual(listed, [file], `ls-files ${file}`);
      const tree = (await repo.run('ls-tree', '-z', '--name-only', '--full-tree', commit, '--', literalPathspec(file))).split('\0').filter(Boolean);
      assert.deepEqual(tree, [file], `ls-tree ${file}`);
      const plain = await repo.run('ls-files', '-z', '--', file).then((out) => out.split('\0').filter(Boolean), () => undefined);
      if (plain?.length !== 1 || plain[0] !== file) plainDiffers++;
    }
    // The test would catch a helper that passed the path through as it is.
    assert.ok(plainDiffers >= 8, `plain pathspecs misread ${plainDiffers} names`);
    const all = (await repo.run('ls-files', '-z', '--', ...literalPathspecs(AWKWARD))).split('\0').filter(Boolean).sort();
    assert.deepEqual(all, [...AWKWARD].sort());
    // Left out beside `:(top)`: each name and nothing else, from a folder below the top too.
    for (const file of AWKWARD) {
      const left = (await new Git(repo.path('app')).run(['ls-files', '-z', '--full-name', '--', ':(top)', excludedLiteralPathspec(file)])).split('\0').filter(Boolean).sort();
      assert.deepEqual(left, AWKWARD.filter((name) => name !== file).sort(), `left out: ${file}`);
    }
  });

  it('asks check-ignore of each awkward path as itself, and reads its answer back to the path asked', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { '.gitignore': ':*\n' } }] });
    for (const file of AWKWARD) {
      await fs.mkdir(path.dirname(repo.path(file)), { recursive: true });
      await fs.writeFile(repo.path(file), 'x\n');
    }
    const output = await repo.git.exec(['check-ignore', '--no-index', '--verbose', '--non-matching', '-z', '--stdin'], { input: `${AWKWARD.map(checkIgnorePath).join('\0')}\0`, okExitCodes: [1] });
    const fields = output.stdout.toString('utf8').split('\0');
    const answered = new Map<string, string>();
    for (let at = 0; at + 3 < fields.length; at += 4) answered.set(checkIgnoreAnswered(fields[at + 3]), fields[at + 2]);
    assert.deepEqual([...answered.keys()].sort(), [...AWKWARD].sort());
    for (const file of AWKWARD) assert.equal(answered.get(file), file.startsWith(':') ? ':*' : '', file);
    // On the command line too, and the pathspec form is refused there: why check-ignore has a form of its own.
    for (const file of AWKWARD.filter((name) => name.startsWith(':'))) {
      assert.equal((await repo.git.exec(['check-ignore', '--quiet', '--no-index', '--', checkIgnorePath(file)], { okExitCodes: [1] })).exitCode, 0, file);
    }
    await assert.rejects(repo.git.exec(['check-ignore', '--quiet', '--no-index', '--', literalPathspec(':x')], { okExitCodes: [1] }));
  });

  it('is the only spelling of a literal pathspec (named or left out) in the sources, and every check-ignore call uses its form', async () => {
    const src = path.join(__dirname, '..', '..', '..', 'src');
    const files = (await fs.readdir(src, { recursive: true })).filter((file) => file.endsWith('.ts')).map((file) => path.join(src, file));
    const spelled: string[] = [];
    const checkIgnore: string[] = [];
    for (const file of files) {
      const text = await fs.readFile(file, 'utf8');
      const relative = path.relative(src, file).split(path.sep).join('/');
      if (relative === 'core/git/pathspec.ts') continue;
      // Quoted or in a template: a comment may name it.
      if (/[`'"]:\([\w,]*literal/.test(text)) spelled.push(relative);
      if (text.includes("'check-ignore'") && !text.includes('checkIgnorePath')) checkIgnore.push(relative);
    }
    assert.deepEqual(spelled, []);
    assert.deepEqual(checkIgnore, []);
  });
});
