// `whoami`, `explain` and the other commands that ask who the user is one key
// at a time keep git's answer (`git config user.email`) in the git folder, as
// the guard keeps its own (test/unit/agents/emailCache.test.ts holds the
// cache to git's answer after every change to what git reads). Here: the
// commands take it from there, start no git process for it, and read a
// changed e-mail at once.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { CLI_EMAIL_CACHE_FILE } from '../../../src/core/agents';
import { cpuBound } from '../helpers/cpuBound';
import { loggingGitOnPath } from '../helpers/gitOnPath';
import { runGit } from '../helpers/tempRepo';
import { cli, isolateGitConfig, parsed } from './support/cli';
import { sampleRepo } from './support/sampleRepo';

/** What the cache waits for: each file git reads last changed two seconds or more before git ran. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 2_100));

describe('pm-zone whoami and explain: who the user is, kept in the git folder', function () {
  this.timeout(cpuBound(60_000));
  isolateGitConfig();
  let root: string;
  let git: Awaited<ReturnType<typeof loggingGitOnPath>>;

  /** One run with git on PATH through a wrapper that notes each of its commands. */
  const run = (argv: string[]) => git.withPath(() => cli(argv, { cwd: root }));
  const whoami = async () => parsed<{ known: boolean; handle: string | null; message: string }>(await run(['whoami', '--json']));
  /** The git commands run since the last call, by name. */
  const asked = () => git.asked();

  beforeEach(async () => {
    root = await sampleRepo();
    git = await loggingGitOnPath();
  });

  it('asks git once, then answers from the git folder; a changed user.email is read at once', async () => {
    await settle();
    const first = await whoami();
    assert.deepEqual([first.known, first.handle], [true, '@alice']);
    assert.ok((await asked()).includes('config'), 'the first run asks git who the user is');
    assert.ok(existsSync(path.join(root, '.git', CLI_EMAIL_CACHE_FILE)), 'git\'s answer is kept');

    assert.deepEqual(await whoami(), first);
    assert.deepEqual(await asked(), [], 'a run after it starts no git process: the repository is found as git finds it (topAsGitFinds)');
    const explained = await run(['explain', '--json', 'src/features/checkout/i18n/en.json']);
    assert.equal(explained.code, 0, explained.stderr);
    assert.deepEqual(await asked(), []);

    await runGit(root, ['config', 'user.email', 'someone@else.test']);
    const after = await whoami();
    assert.equal(after.known, false, 'the e-mail changed a moment ago is git\'s answer, not the kept one');
    assert.match(after.message, /user\.email someone@else\.test is not a pilot PM's/);
    assert.ok((await asked()).includes('config'));
  });

  it('--as asks git nothing about the user, and keeps nothing', async () => {
    await settle();
    const run1 = await run(['whoami', '--json', '--as', '@alice']);
    assert.equal(run1.code, 0, run1.stderr);
    assert.ok(!(await asked()).includes('config'));
    assert.equal(existsSync(path.join(root, '.git', CLI_EMAIL_CACHE_FILE)), false);
  });
});
