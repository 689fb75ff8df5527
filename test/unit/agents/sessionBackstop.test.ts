import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isolateGitConfig } from '../cli/support/cli';
import { git, sampleRepo } from '../cli/support/sampleRepo';
import { tempDir } from '../helpers/tempRepo';
import { answerOf, guardIn, inRepo, silent, type GuardCall } from './support';

// The backstop measures the session against its own start, not against the
// last commit: the ways an agent could hide a locked change from `git
// status` (commit it, mark it in the index, make it in another worktree and
// merge it, write it into the index by git's plumbing) are each reported
// before it finishes, with the command that undoes it; what the session
// merely brought in (a branch that existed before it) is not its change.

describe('the backstop, against the state the session began with', () => {
  isolateGitConfig();
  let root: string;
  let guard: GuardCall;
  const start = (session = 's') => guard.run('claude', { session_id: session, cwd: root, hook_event_name: 'SessionStart', source: 'startup' });
  const stop = async (session = 's') => guard.run('claude', { session_id: session, cwd: root, hook_event_name: 'Stop', stop_hook_active: false });
  const reasonAtStop = async (session = 's') => {
    const answer = answerOf(await stop(session));
    assert.equal(answer.decision, 'block');
    return String(answer.reason);
  };
  const commit = (message: string, cwd = root) => git(cwd, '-c', 'user.name=Alice', 'commit', '--quiet', '-am', message);

  beforeEach(async () => {
    // A repository of its own: no other test's worktrees or branches in it.
    root = await sampleRepo();
    guard = guardIn(root);
    answerOf(await start());
  });

  it('reports a locked change written and then committed, with the revert', async () => {
    await fs.appendFile(inRepo(root, 'src/auth/session.ts'), '// widened the session\n');
    await commit('Tidy the session');
    const sha = (await git(root, 'rev-parse', '--short=12', 'HEAD')).trim();
    const reason = await reasonAtStop();
    assert.match(reason, new RegExp(`^- src/auth/session\\.ts \\(committed in ${sha} "Tidy the session"\\): Engineering only`, 'm'));
    assert.match(reason, new RegExp(`^  git revert --no-edit ${sha}$`, 'm'));
  });

  it('reports a file marked assume-unchanged through an alias, and one marked skip-worktree, and how to unmark them', async () => {
    await git(root, '-c', 'alias.hide=update-index --assume-unchanged', 'hide', 'src/auth/session.ts');
    await fs.appendFile(inRepo(root, 'src/auth/session.ts'), '// hidden\n');
    await git(root, 'update-index', '--skip-worktree', 'src/payments/stripe.ts');
    await fs.appendFile(inRepo(root, 'src/payments/stripe.ts'), '// hidden too\n');
    assert.equal((await git(root, 'status', '--porcelain')).trim(), '', 'git status shows nothing');
    const reason = await reasonAtStop();
    assert.match(reason, /^- src\/auth\/session\.ts: Engineering only/m);
    assert.match(reason, /^- src\/auth\/session\.ts \(marked assume-unchanged in the index, which hides its changes from git status\)/m);
    assert.match(reason, /^ {2}git update-index --no-assume-unchanged -- src\/auth\/session\.ts$/m);
    assert.match(reason, /^ {2}git update-index --no-skip-worktree -- src\/payments\/stripe\.ts$/m);
    assert.match(reason, /^ {2}git checkout HEAD -- src\/auth\/session\.ts$/m);
  });

  it('reports a change made in another worktree and merged back, and one left uncommitted there', async () => {
    const other = path.join(await tempDir('other-worktree'), 'side');
    await git(root, 'worktree', 'add', '--quiet', '-b', 'side', other);
    await fs.appendFile(inRepo(other, 'src/auth/session.ts'), '// from the side\n');
    await commit('Side work', other);
    await git(root, 'merge', '--quiet', '--no-edit', 'side');
    await fs.appendFile(inRepo(other, 'src/payments/stripe.ts'), '// left here\n');
    const reason = await reasonAtStop();
    assert.match(reason, /^- src\/auth\/session\.ts \(committed in [0-9a-f]{12} "Side work"\)/m);
    assert.match(reason, new RegExp(`^- src/payments/stripe\\.ts \\(in the worktree ${(await fs.realpath(other)).replace(/[/.]/g, '\\$&')}\\)`, 'm'));
    assert.match(reason, /^ {2}git -C \S+ checkout -- src\/payments\/stripe\.ts$/m);
  });

  it("reports a locked change written into the index and committed with git's plumbing, the working tree untouched", async () => {
    const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: root, input: 'export const bypass = true;\n', encoding: 'utf8' }).trim();
    await git(root, 'update-index', '--cacheinfo', `100644,${blob},src/auth/session.ts`);
    const staged = await reasonAtStop();
    assert.match(staged, /^- src\/auth\/session\.ts \(staged in the index\)/m);
    assert.match(staged, /^ {2}git update-index --cacheinfo 100644,[0-9a-f]{40},src\/auth\/session\.ts$/m);
    await git(root, '-c', 'user.name=Alice', 'commit', '--quiet', '-m', 'plumbing');
    assert.match(await reasonAtStop(), /^- src\/auth\/session\.ts \(committed in [0-9a-f]{12} "plumbing"\)/m);
  });

  it('leaves alone what the session only brought in: a branch that existed before it, merged or checked out', async () => {
    await git(root, 'checkout', '--quiet', '-b', 'engineering');
    await fs.appendFile(inRepo(root, 'src/auth/session.ts'), '// reviewed engineering work\n');
    await commit('Engineering work');
    await git(root, 'checkout', '--quiet', 'main');
    answerOf(await start('later'));
    await git(root, 'merge', '--quiet', '--no-edit', 'engineering');
    assert.ok(silent(await stop('later')), 'a fast-forward onto existing work');
    await git(root, 'checkout', '--quiet', 'HEAD~1');
    assert.ok(silent(await stop('later')), 'checking out an older commit');
  });

  describe('reads every ref the PM can push, against the refs as they were at the start', () => {
    const lockedCommitOn = async (branch: string) => {
      await git(root, 'checkout', '--quiet', '-b', branch);
      await fs.appendFile(inRepo(root, 'src/auth/session.ts'), '// widened\n');
      await commit('Widen the session');
      const sha = (await git(root, 'rev-parse', 'HEAD')).trim();
      await git(root, 'checkout', '--quiet', 'main');
      return sha;
    };
    const committedLine = (sha: string) => new RegExp(`^- src/auth/session\\.ts \\(committed in ${sha.slice(0, 12)} "Widen the session"\\)`, 'm');

    it('a remote-tracking ref written during the session hides nothing', async () => {
      const sha = await lockedCommitOn('pm/hotfix');
      await git(root, 'update-ref', 'refs/remotes/origin/hotfix', sha);
      assert.match(await reasonAtStop(), committedLine(sha));
    });

    it('a tag, a note and a ref of its own are read', async () => {
      const sha = await lockedCommitOn('pm/tagged');
      await git(root, 'tag', '-a', '-m', 'release', 'v9', sha);
      await git(root, 'update-ref', 'refs/custom/carrier', sha);
      await git(root, 'branch', '--quiet', '-D', 'pm/tagged');
      assert.match(await reasonAtStop(), committedLine(sha), 'an annotated tag and a custom ref');
      await git(root, 'tag', '-d', 'v9');
      await git(root, 'update-ref', '-d', 'refs/custom/carrier');
      await git(root, 'update-ref', 'refs/notes/commits', sha);
      assert.match(await reasonAtStop(), committedLine(sha), 'a notes ref');
    });

    it('the stash itself, and an entry below its top', async () => {
      await fs.appendFile(inRepo(root, 'src/auth/session.ts'), '// stashed\n');
      await git(root, '-c', 'user.name=Alice', 'stash', '--quiet');
      await fs.appendFile(inRepo(root, 'src/features/checkout/i18n/en.json'), '\n');
      await git(root, '-c', 'user.name=Alice', 'stash', '--quiet');
      assert.equal((await git(root, 'status', '--porcelain')).trim(), '');
      assert.match(await reasonAtStop(), /^- src\/auth\/session\.ts \(committed in [0-9a-f]{12} "(WIP|index) on main/m);
    });

    it('a replace object shows no innocent twin', async () => {
      const sha = await lockedCommitOn('pm/replaced');
      await git(root, 'checkout', '--quiet', 'pm/replaced');
      const twin = (await git(root, '-c', 'user.name=Alice', 'commit-tree', '-p', `${sha}~1`, '-m', 'Widen the session', `${sha}~1^{tree}`)).trim();
      await git(root, 'replace', sha, twin);
      await git(root, 'checkout', '--quiet', 'main');
      assert.match(await reasonAtStop(), committedLine(sha));
    });
  });

  describe("engineering's commits fetched from the remote during the session", () => {
    let engineer: string;
    beforeEach(async () => {
      // A real remote (a bare repository) the clone tracks, and an engineer's clone of it that pushes while the session runs.
      const remote = path.join(await tempDir('remote'), 'shop.git');
      await git(root, 'clone', '--quiet', '--bare', '.', remote);
      await git(root, 'remote', 'set-url', 'origin', remote);
      await git(root, 'fetch', '--quiet', 'origin');
      await git(root, 'branch', '--quiet', '--set-upstream-to=origin/main');
      engineer = path.join(await tempDir('engineer'), 'shop');
      await git(root, 'clone', '--quiet', remote, engineer);
      answerOf(await start('fetched'));
    });
    const engineerPushes = async (line: string) => {
      await fs.appendFile(inRepo(engineer, 'src/auth/session.ts'), `${line}\n`);
      await git(engineer, '-c', 'user.name=Bob', '-c', 'user.email=bob@acme.test', 'commit', '--quiet', '-am', 'Engineering: session timeout');
      await git(engineer, 'push', '--quiet', 'origin', 'HEAD:main');
      return (await git(engineer, 'rev-parse', '--short=12', 'HEAD')).trim();
    };
    const pull = () => git(root, '-c', 'user.name=Alice', 'pull', '--quiet', '--no-rebase', '--no-edit', 'origin', 'main');

    it('a fast-forward pull of the default branch is not the session\'s change; a locked commit of the PM\'s on top of it is', async () => {
      const theirs = await engineerPushes('// timeout 30m');
      await pull();
      assert.ok(silent(await stop('fetched')));
      await fs.appendFile(inRepo(root, 'src/auth/session.ts'), '// widened\n');
      await commit('Widen the session');
      const reason = await reasonAtStop('fetched');
      assert.match(reason, /^- src\/auth\/session\.ts \(committed in [0-9a-f]{12} "Widen the session"\)/m);
      assert.doesNotMatch(reason, new RegExp(theirs));
    });

    it('a pull merged into the PM\'s own commits, and a push made after it that the clone has not fetched', async () => {
      await fs.writeFile(inRepo(root, 'src/features/checkout/i18n/en.json'), '{"placeOrder":"Confirm order"}\n');
      await commit('Copy');
      await engineerPushes('// timeout 30m');
      await pull();
      await engineerPushes('// timeout 45m');
      assert.ok(silent(await stop('fetched')));
    });

    it('a remote-tracking ref of the default branch made up during the session hides nothing', async () => {
      await fs.appendFile(inRepo(root, 'src/auth/session.ts'), '// widened\n');
      await commit('Widen the session');
      const sha = (await git(root, 'rev-parse', 'HEAD')).trim();
      await git(root, 'push', '--quiet', 'origin', 'HEAD:pm/widen');
      await git(root, 'update-ref', 'refs/remotes/origin/main', sha);
      await git(root, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
      assert.match(await reasonAtStop('fetched'), new RegExp(`^- src/auth/session\\.ts \\(committed in ${sha.slice(0, 12)} "Widen the session"\\)`, 'm'));
    });
  });

  it('sees a locked folder that core.excludesFile hides, and a mode changed by an interpreter', async () => {
    const excludes = path.join(await tempDir('excludes'), 'ignore');
    await fs.writeFile(excludes, 'src/payments/\ntools/\n');
    // A folder that is not locked whole, hidden whole, with a file locked at any depth in it.
    await fs.mkdir(inRepo(root, 'tools/release'), { recursive: true });
    await fs.writeFile(inRepo(root, 'tools/release/package.json'), '{"scripts":{"postinstall":"node x"}}\n');
    await git(root, 'config', 'core.excludesFile', excludes);
    await fs.writeFile(inRepo(root, 'src/payments/refund.ts'), 'export const refundAll = true;\n');
    execFileSync('perl', ['-e', 'chmod 0755, "src/auth/session.ts"'], { cwd: root });
    const reason = await reasonAtStop();
    assert.match(reason, /^- src\/payments\/refund\.ts: Engineering only/m);
    assert.match(reason, /^- src\/auth\/session\.ts: Engineering only/m);
    assert.match(reason, /^- tools\/release\/package\.json: /m);
  });

  it('says nothing when the session changed no locked file, committing editable ones', async () => {
    await fs.writeFile(inRepo(root, 'src/features/checkout/i18n/en.json'), '{"placeOrder":"Confirm order"}\n');
    await commit('Copy');
    assert.ok(silent(await stop()));
  });
});
