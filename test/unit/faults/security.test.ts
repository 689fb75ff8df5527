// Faults that would leak the token or run a repository's own program.
import * as assert from 'node:assert/strict';
import { chmod, writeFile } from 'node:fs/promises';
import * as net from 'node:net';
import * as path from 'node:path';
import { findGitProgram } from '../../../src/core/git';
import { tokenDestination } from '../../../src/core/pr';
import { runGit, tempRepo } from '../helpers/tempRepo';
import { cli, sample } from '../cli/support/prSample';
import { cpuBound } from '../helpers/cpuBound';

describe('faults: the token goes only where the user says', function () {
  this.timeout(cpuBound(60_000));

  it('never sends GITHUB_TOKEN to a host the origin remote names; offers the compare link instead', async () => {
    // Something listening where the repository points: it must never see a connection.
    const connections: string[] = [];
    const listener = net.createServer((socket) => {
      connections.push('connected');
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port } = listener.address() as net.AddressInfo;
    try {
      const shop = await sample();
      await runGit(shop.root, ['remote', 'set-url', 'origin', `https://127.0.0.1:${port}/acme/shop.git`]);
      // The default branch known locally, as a clone records it: without it git itself asks the remote
      // (ls-remote, git's own credentials, never GITHUB_TOKEN), and this test holds PM Zone's own connections.
      await runGit(shop.root, ['update-ref', 'refs/remotes/origin/main', 'main']);
      await runGit(shop.root, ['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main']);
      const run = await cli(shop.root, ['--no-push']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`^https://127\\.0\\.0\\.1:${port}/acme/shop/compare/main\\.\\.\\.`));
      assert.match(run.stderr, /sends your GitHub token only to api\.github\.com or to a GitHub Enterprise API you name yourself \(--api-url https:\/\/127\.0\.0\.1:\d+\/api\/v3, or GITHUB_API_URL/);
      assert.deepEqual(connections, [], 'something connected to the host the repository chose');
    } finally {
      listener.close();
    }
  });

  it('lets the user name an Enterprise API, by flag or GITHUB_API_URL, and only then', () => {
    const enterprise = { host: 'ghe.acme.test', owner: 'acme', repo: 'shop' };
    assert.deepEqual(tokenDestination(enterprise, 'https://ghe.acme.test/api/v3'), { ok: true, apiUrl: 'https://ghe.acme.test/api/v3' });
    assert.equal(tokenDestination(enterprise, undefined).ok, false);
    assert.deepEqual(tokenDestination({ ...enterprise, host: 'github.com' }, undefined), { ok: true, apiUrl: 'https://api.github.com' });
  });
});

describe("faults: git is never the repository's own program", function () {
  this.timeout(cpuBound(60_000));

  it('skips empty and relative PATH entries and folders inside the repository', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'README.md': '# x\n' } }] });
    const planted = path.join(repo.root, 'git');
    await writeFile(planted, '#!/bin/sh\necho planted\n');
    await chmod(planted, 0o755);
    const real = findGitProgram(undefined);
    assert.ok(real && path.isAbsolute(real));
    const hostile = { PATH: ['', '.', 'bin', repo.root, path.dirname(real)].join(path.delimiter) };
    assert.equal(findGitProgram(repo.root, hostile), real);
    assert.equal(findGitProgram(repo.root, { PATH: ['', '.', repo.root].join(path.delimiter) }), undefined);
  });
});
