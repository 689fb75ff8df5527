import * as assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { draftFilePath, parseDraft, pushBranch, pushEnvironment, pushFailure, withField, withoutCredentials, writeDraftFile } from '../../../../src/core/pr';
import { runGit, tempDir, tempRepo } from '../../helpers/tempRepo';
import { gitFailure } from '../../helpers/gitFailure';

async function repoWithBareOrigin() {
  const bare = path.join(await tempDir('origin'), 'shop.git');
  await runGit(path.dirname(bare), ['init', '--quiet', '--bare', bare]);
  const repo = await tempRepo({ commits: [{ message: 'base', files: { 'README.md': '# Shop\n' } }, { branch: 'alice/copy', message: 'copy', files: { 'docs/a.md': 'a\n' } }] });
  await repo.run('remote', 'add', 'origin', bare);
  return { repo, bare };
}


describe('pushBranch', () => {
  it('pushes the branch with its upstream, then knows there is nothing left to push', async () => {
    const { repo, bare } = await repoWithBareOrigin();
    assert.deepEqual(await pushBranch(repo.git, 'alice/copy'), { pushed: true, remote: 'origin', branch: 'alice/copy' });
    assert.equal((await runGit(bare, ['rev-parse', 'refs/heads/alice/copy'])).trim(), (await repo.run('rev-parse', 'HEAD')).trim());
    assert.equal((await repo.run('rev-parse', '--abbrev-ref', '@{upstream}')).trim(), 'origin/alice/copy');
    assert.equal((await pushBranch(repo.git, 'alice/copy')).pushed, false);
    await repo.commit('more', { 'docs/b.md': 'b\n' });
    assert.equal((await pushBranch(repo.git, 'alice/copy')).pushed, true);
  });

  it('runs the pre-push hook, as the PM’s own git push would', async () => {
    const { repo } = await repoWithBareOrigin();
    await repo.write({ '.git/hooks/pre-push': { content: '#!/bin/sh\necho "tests failed" >&2\nexit 1\n', executable: true } });
    const error = await gitFailure(pushBranch(repo.git, 'alice/copy'));
    assert.match(error.message, /^Pushing alice\/copy to origin failed: the push was stopped before reaching the remote \(a pre-push hook\?\): tests failed\.$/);
  });

  it('says to bring in the remote’s commits when the push is rejected', async () => {
    const { repo, bare } = await repoWithBareOrigin();
    await pushBranch(repo.git, 'alice/copy');
    const other = path.join(await tempDir('other'), 'clone');
    await runGit(path.dirname(other), ['clone', '--quiet', '--branch', 'alice/copy', bare, other]);
    await runGit(other, ['-c', 'user.name=O', '-c', 'user.email=o@x.test', 'commit', '--quiet', '--allow-empty', '-m', 'theirs']);
    await runGit(other, ['push', '--quiet', 'origin', 'alice/copy']);
    await repo.commit('mine', { 'docs/c.md': 'c\n' });
    const error = await gitFailure(pushBranch(repo.git, 'alice/copy'));
    assert.match(error.message, /has commits this one does not have: bring them in first \(git pull --rebase\)/);
  });

  it('without an origin remote, says so', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.md': 'a\n' } }], branch: 'alice/copy' });
    assert.match((await gitFailure(pushBranch(repo.git, 'alice/copy'))).message, /There is no git remote named origin/);
  });

  it('never shows the credentials of a remote URL', async () => {
    const { repo } = await repoWithBareOrigin();
    await repo.run('remote', 'set-url', 'origin', 'https://alice:ghp_SecretSecretSecret123@127.0.0.1:1/acme/shop.git');
    const error = await gitFailure(pushBranch(repo.git, 'alice/copy'));
    assert.ok(!error.message.includes('ghp_SecretSecretSecret123'), error.message);
    assert.ok(!JSON.stringify(error.details).includes('ghp_SecretSecretSecret123'));
    assert.match(error.message, /^Pushing alice\/copy to origin failed: /);
  });

  it('refuses what is not a branch name', async () => {
    const { repo } = await repoWithBareOrigin();
    assert.match((await gitFailure(pushBranch(repo.git, '--force'))).message, /not a branch name/);
  });
});

describe('push failures and transport settings', () => {
  it('turns git’s words into a next step', () => {
    assert.match(pushFailure(' ! [rejected]        x -> x (fetch first)\nerror: failed to push some refs'), /git pull --rebase/);
    assert.match(pushFailure("fatal: Authentication failed for 'https://github.com/acme/shop.git/'"), /could not sign in/);
    assert.match(pushFailure('git@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository.'), /could not sign in/);
    assert.match(pushFailure("fatal: unable to access 'https://github.com/x/': Could not resolve host: github.com"), /cannot be reached/);
    assert.equal(pushFailure("fatal: 'https://u:p@example.test/x.git' does not appear to be a git repository"), "'https://***@example.test/x.git' does not appear to be a git repository.");
    assert.equal(pushFailure(''), 'git gave no reason.');
    // Git's own refusal of a name, before any hook ran, is not taken for a hook's.
    assert.equal(pushFailure("error: src refspec main matches more than one\nerror: failed to push some refs to '../origin.git'\n"), 'git could not tell what to push (src refspec main matches more than one).');
    assert.equal(pushFailure("error: src refspec nosuch does not match any\nerror: failed to push some refs to 'https://u:p@example.test/x.git'\n"), 'git could not tell what to push (src refspec nosuch does not match any).');
  });

  it('removes credentials from any URL in a text', () => {
    assert.equal(withoutCredentials('see https://x-access-token:abc@github.com/a and ssh://git@host/b'), 'see https://***@github.com/a and ssh://***@host/b');
  });

  it('keeps only the user’s transport variables for the push', () => {
    assert.deepEqual(pushEnvironment({ GIT_SSH_COMMAND: 'ssh -i key', GIT_DIR: '/elsewhere', GIT_ASKPASS: '', PATH: '/bin' }), { GIT_SSH_COMMAND: 'ssh -i key' });
  });
});

describe('the pull request draft file', () => {
  const draft = { title: 'Copy fix', body: '## Body\n\nAll of it.\n', labels: ['pm-authored'], reviewers: ['@dana'], draft: true, base: 'main', head: 'alice/copy' };

  it('lives in the git folder of the working tree, where no commit picks it up', async () => {
    const { repo } = await repoWithBareOrigin();
    const file = await draftFilePath(repo.git);
    assert.equal(file, path.join(repo.root, '.git', 'pm-zone', 'PULL_REQUEST.md'));
    await writeDraftFile(file, draft);
    const reading = parseDraft(await readFile(file, 'utf8'));
    assert.ok(reading.ok);
    assert.deepEqual(reading.draft, draft);
    assert.equal((await repo.run('status', '--porcelain')).trim(), '', 'nothing in the working tree changed');
  });

  it('keeps every hand-edited unsent draft aside, each under its own name, but not its own text, a sent one or the same text', async () => {
    const { repo } = await repoWithBareOrigin();
    const file = await draftFilePath(repo.git);
    const folder = path.dirname(file);
    assert.deepEqual(await writeDraftFile(file, draft), {});
    assert.deepEqual(await writeDraftFile(file, draft), {}, 'the same text again');
    assert.deepEqual(await writeDraftFile(file, { ...draft, body: 'recomposed, untouched\n' }), {}, 'a draft nobody edited is simply replaced');
    const edited = (await readFile(file, 'utf8')).replace('Copy fix', 'My words');
    await writeFile(file, edited);
    assert.deepEqual(await writeDraftFile(file, { ...draft, body: 'second\n' }), { keptAs: 'PULL_REQUEST.previous.md' });
    assert.equal(await readFile(path.join(folder, 'PULL_REQUEST.previous.md'), 'utf8'), edited);
    // GitHub still unreachable, the PM edits again and recomposes: the first edit is not overwritten.
    const editedAgain = (await readFile(file, 'utf8')).replace('Copy fix', 'Better words');
    await writeFile(file, editedAgain);
    assert.deepEqual(await writeDraftFile(file, { ...draft, body: 'third\n' }), { keptAs: 'PULL_REQUEST.previous-2.md' });
    assert.equal(await readFile(path.join(folder, 'PULL_REQUEST.previous.md'), 'utf8'), edited);
    assert.equal(await readFile(path.join(folder, 'PULL_REQUEST.previous-2.md'), 'utf8'), editedAgain);
    const sent = withField(await readFile(file, 'utf8'), 'sent', 'https://github.com/acme/shop/pull/1') as string;
    await writeFile(file, sent);
    assert.deepEqual(await writeDraftFile(file, draft), {}, 'a sent draft is on GitHub already');
  });
});
