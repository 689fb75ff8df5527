import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { EMAIL_CACHE_FILE } from '../../../src/core/agents/emailCache';
import { HEAD_TREES_CACHE_FILE } from '../../../src/core/agents/headTreesCache';
import { heldFileOf } from '../../../src/core/agents/heldEntry';
import { COMMITTED_POLICY_CACHE_FILE } from '../../../src/core/agents/policyCache';
import { SHELL_CACHE_FILE } from '../../../src/core/agents/shellCache';
import { isolatedGitEnv, tempRepo } from '../helpers/tempRepo';
import { sampleRepo } from '../cli/support/sampleRepo';

const source = (relPath: string) => JSON.stringify(path.resolve(__dirname, '../../../src/core', relPath));

/**
 * The readers of the guard's caches in the git folder, each with a FIFO in
 * its file's place, in a process of their own: a read that waited on a FIFO
 * would hold the process (a blocked read holds the thread, so only a child
 * killed at its time limit shows it). Each answers as for a cache that is
 * not there.
 */
describe('the guard\'s caches in the git folder: a FIFO in a cache\'s place is never waited on', function () {
  this.timeout(60_000);

  it('the kept HEAD trees, the last commit\'s policy header, a held record, the kept e-mail and the shell lines read each answer as for a miss', async function () {
    // mkfifo: POSIX only.
    if (process.platform === 'win32') this.skip();
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'CLAUDE.md': '# Team\n' } }] });
    const gitDir = path.join(repo.root, '.git');
    await fs.mkdir(path.join(gitDir, 'pm-zone'), { recursive: true });
    const scratch = path.join(gitDir, 'pm-zone', 'scratch.json');
    await fs.writeFile(scratch, '{}');
    for (const file of [HEAD_TREES_CACHE_FILE, COMMITTED_POLICY_CACHE_FILE, EMAIL_CACHE_FILE, SHELL_CACHE_FILE]) execFileSync('mkfifo', [path.join(gitDir, file)]);
    execFileSync('mkfifo', [heldFileOf(scratch)]);
    const script = `
      const { findRepository } = require(${source('agents/repositoryLocation.ts')});
      const { keptHeadTrees } = require(${source('agents/headTreesCache.ts')});
      const { committedPolicyPaths } = require(${source('agents/policyCache.ts')});
      const { heldEntry } = require(${source('agents/heldEntry.ts')});
      const { userEmailKept } = require(${source('agents/emailCache.ts')});
      const { shellParseCache } = require(${source('agents/shellCache.ts')});
      const { DEFAULT_SETTINGS } = require(${source('repository/settings.ts')});
      const { Git } = require(${source('git/runGit.ts')});
      (async () => {
        const location = await findRepository(process.cwd());
        const answers = {
          trees: keptHeadTrees(location).size,
          paths: committedPolicyPaths(location, DEFAULT_SETTINGS, { program: 'test' }, undefined).includes('CLAUDE.md'),
          held: heldEntry(${JSON.stringify(scratch)}, location.root, 'base') === undefined,
          email: await userEmailKept(location, new Git(location.root), async () => 'asked@example.com', { fromListing: () => undefined }),
          shell: (await shellParseCache(location.gitDir, { program: 'test' }).get('git add -A')) === undefined,
        };
        process.stdout.write(JSON.stringify(answers));
      })();`;
    const output = execFileSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], { cwd: repo.root, env: { ...process.env, ...isolatedGitEnv }, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' });
    assert.deepEqual(JSON.parse(output), { trees: 0, paths: true, held: true, email: 'asked@example.com', shell: true });
  });

  // A policy file is read where the policy cache's key hashes it (policyCache.ts) and where the parse reads it
  // (workingTree.ts): each read through the thread pool waited on a FIFO for good, and whoami never answered.
  it('a FIFO in a policy file\'s place (CLAUDE.md, CODEOWNERS) reads as no file: whoami, explain and check-config answer', async function () {
    if (process.platform === 'win32') this.skip();
    const root = await sampleRepo();
    for (const file of ['CLAUDE.md', path.join('.github', 'CODEOWNERS')]) {
      await fs.rm(path.join(root, file));
      execFileSync('mkfifo', [path.join(root, file)]);
    }
    const cli = path.resolve(__dirname, '../../../src/cli/main.ts');
    const run = (...argv: string[]) => execFileSync(process.execPath, ['--require', require.resolve('tsx/cjs'), cli, ...argv], { cwd: root, env: { ...process.env, ...isolatedGitEnv }, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' });
    // Parsed, then read through the cache the first run kept.
    for (let twice = 0; twice < 2; twice++) assert.match(run('whoami'), /CLAUDE\.md defines no PM zone/);
    assert.match(run('explain', 'src/auth/session.ts'), /^src\/auth\/session\.ts: outside$/m);
    assert.match(run('check-config'), /No ## PM zone section in CLAUDE\.md/);
  });

  // Written at once (storeCacheFile), a write that opened a FIFO would hold the thread, and with it the decision's own time
  // limit; one that followed a link would write wherever it led. The temporary name is the process's: planted both ways here.
  it('a cache write removes a FIFO or a link planted at its temporary name, and writes only in the git folder', async function () {
    if (process.platform === 'win32') this.skip();
    const repo = await tempRepo();
    const cache = path.join(repo.root, '.git', 'pm-zone', 'guard-policy.json');
    const outside = path.join(repo.root, 'outside.txt');
    await fs.writeFile(outside, 'untouched\n');
    const script = `
      const { execFileSync } = require('node:child_process');
      const fs = require('node:fs');
      const { storeCacheFile } = require(${source('agents/policyCache.ts')});
      (async () => {
        fs.mkdirSync(${JSON.stringify(path.dirname(cache))}, { recursive: true });
        const temporary = ${JSON.stringify(cache)} + '.' + process.pid + '.tmp';
        execFileSync('mkfifo', [temporary]);
        await storeCacheFile(${JSON.stringify(cache)}, '{"first":true}');
        fs.symlinkSync(${JSON.stringify(outside)}, temporary);
        await storeCacheFile(${JSON.stringify(cache)}, '{"second":true}');
        process.stdout.write(fs.readFileSync(${JSON.stringify(cache)}, 'utf8'));
      })();`;
    const output = execFileSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], { cwd: repo.root, env: { ...process.env, ...isolatedGitEnv }, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' });
    assert.equal(output, '{"second":true}');
    assert.equal(await fs.readFile(outside, 'utf8'), 'untouched\n');
    assert.equal((await fs.lstat(cache)).isFile(), true);
  });
});
