// check-config reads two keys of git's configuration, who the user is and
// where the hooks are, and keeps git's answers in the git folder as the
// e-mail is kept for whoami (keptEmail.test.ts), in one entry with the keys a
// review reads and the names of the filter drivers set. Here: a warm run
// starts git for the file listing only, and a changed key is read at once.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CLI_CONFIG_CACHE_FILE } from '../../../src/core/agents';
import { cpuBound } from '../helpers/cpuBound';
import { loggingGitOnPath } from '../helpers/gitOnPath';
import { runGit } from '../helpers/tempRepo';
import { cli, isolateGitConfig } from './support/cli';
import { sampleRepo } from './support/sampleRepo';

/** What the cache waits for: each file git reads last changed two seconds or more before git ran. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 2_100));

describe('pm-zone check-config: the keys it reads, kept in the git folder', function () {
  this.timeout(cpuBound(60_000));
  isolateGitConfig();
  let root: string;
  let git: Awaited<ReturnType<typeof loggingGitOnPath>>;

  /** One run of check-config --json with git on PATH through a wrapper that notes each of its commands. */
  const checkConfig = async () => {
    const run = await git.withPath(() => cli(['check-config', '--json'], { cwd: root }));
    return { code: run.code, problems: (JSON.parse(run.stdout) as { problems: { kind: string; message: string }[] }).problems };
  };
  /** The git commands run since the last call, by name. */
  const asked = () => git.asked();
  /** The kept answers of check-config's two keys, and the filter drivers' names. */
  const kept = async () => {
    const { answer } = JSON.parse(await fs.readFile(path.join(root, '.git', CLI_CONFIG_CACHE_FILE), 'utf8')) as { answer?: { values: Record<string, string | null>; filters: string[] } };
    return answer && { 'user.email': answer.values['user.email'], 'core.hooksPath': answer.values['core.hooksPath'], filters: answer.filters };
  };

  beforeEach(async () => {
    root = await sampleRepo();
    git = await loggingGitOnPath();
  });

  it('asks git once, then lists the files only; a changed core.hooksPath is read at once, and git is asked where it leads', async () => {
    await settle();
    const first = await checkConfig();
    assert.equal(first.code, 0, JSON.stringify(first.problems));
    assert.deepEqual(await asked(), ['config', 'ls-files'], 'the configuration listed once, with its files\' names: the answers read from it');
    assert.deepEqual(await kept(), { 'user.email': 'alice@acme.test', 'core.hooksPath': null, filters: [] });

    assert.deepEqual(await checkConfig(), first);
    assert.deepEqual(await asked(), ['ls-files'], 'no rev-parse (the folders are found as git finds them), no configuration read');

    // A hook manager's folder: the kept answer is not used for a config changed since, and git resolves the folder.
    await runGit(root, ['config', 'core.hooksPath', '.githooks']);
    await fs.mkdir(path.join(root, '.githooks'));
    await fs.writeFile(path.join(root, '.githooks', 'pre-commit'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const hooked = await checkConfig();
    assert.ok((await asked()).includes('config'));
    await settle();
    assert.deepEqual(await checkConfig(), hooked);
    assert.deepEqual(await kept(), { 'user.email': 'alice@acme.test', 'core.hooksPath': '.githooks', filters: [] });
    await asked();
    assert.deepEqual(await checkConfig(), hooked);
    assert.deepEqual(await asked(), ['ls-files', 'rev-parse', 'ls-files'], 'the folder core.hooksPath names is git\'s to resolve; then whether git tracks the hook found there');
  });

  it('run from a folder below the top, asks git nothing more', async () => {
    await settle();
    const below = async () => {
      const run = await git.withPath(() => cli(['check-config', '--json', '--cwd', path.join(root, 'src', 'auth')], { cwd: root }));
      return { code: run.code, stdout: run.stdout };
    };
    const first = await below();
    assert.equal(first.code, 0, first.stdout);
    await asked();
    assert.deepEqual(await below(), first);
    assert.deepEqual(await asked(), ['ls-files'], 'the Git that runs from the top finds its folders there, and takes the kept keys');
  });

  it('a kept entry for another e-mail, or a damaged one, is not taken', async () => {
    await settle();
    await checkConfig();
    await asked();
    const file = path.join(root, '.git', CLI_CONFIG_CACHE_FILE);
    const entry = JSON.parse(await fs.readFile(file, 'utf8')) as { answer: { values: Record<string, unknown>; filters: unknown } };
    const { values } = entry.answer;
    for (const damaged of [
      { ...entry, answer: { values: { ...values, 'user.email': 7 }, filters: [] } },
      { ...entry, answer: { values: { 'user.email': 'alice@acme.test' }, filters: [] } },
      { ...entry, answer: { values, filters: 'lfs' } },
      { ...entry, answer: { values } },
      // The shape before the filter drivers were kept.
      { ...entry, answer: { 'user.email': 'alice@acme.test', 'core.hooksPath': null } },
      { ...entry, format: 1 },
    ]) {
      await fs.writeFile(file, JSON.stringify(damaged));
      assert.equal((await checkConfig()).code, 0);
      assert.ok((await asked()).includes('config'), JSON.stringify(damaged));
    }
  });
});
