// `review` reads two policies from the cache in the git folder: the working
// tree's (openRepository) and a commit's (committedPolicyOf). They share one
// read of the working tree's policy files, as a guard decision's two entries
// do, and each answers as a parse of its own files would.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { freezeParsedPolicies } from '../../../src/core/agents/policyCache';
import { committedPolicy, loadRepositoryPolicy } from '../../../src/core/repository';
import { committedPolicyOf, openRepository } from '../../../src/cli/repositoryContext';
import { isolateGitConfig } from './support/cli';
import { git, sampleWorktree } from './support/sampleRepo';

// node's fs as the modules under test reach it at each call (an import's namespace cannot be patched).
const syncFs = createRequire(__filename)('node:fs') as typeof import('node:fs');

describe("review's two policies from the cache: one read of the working tree's files", function () {
  this.timeout(60_000);
  isolateGitConfig();

  /** The working tree's policy and HEAD's, as review reads them, counting the reads of CODEOWNERS. */
  async function bothPolicies(root: string) {
    // Each run as a process of its own starts it: nothing parsed by an earlier one at hand.
    freezeParsedPolicies(false);
    const codeowners = path.join(root, '.github', 'CODEOWNERS');
    // Read at once where it is a regular file (regularFileBytes opens it), else through the thread pool.
    const readFile = fs.readFile;
    const openSync = syncFs.openSync;
    let reads = 0;
    fs.readFile = ((file: Parameters<typeof readFile>[0], ...rest: unknown[]) => {
      if (file === codeowners) reads++;
      return (readFile as (...args: unknown[]) => unknown)(file, ...rest);
    }) as typeof readFile;
    syncFs.openSync = ((file: Parameters<typeof openSync>[0], ...rest: unknown[]) => {
      if (file === codeowners) reads++;
      return (openSync as (...args: unknown[]) => number)(file, ...rest);
    }) as typeof openSync;
    try {
      const context = await openRepository({ cwd: root }, { requireGit: true, cached: true, readsConfigOnce: true });
      const atHead = await committedPolicyOf(context, (await git(root, 'rev-parse', 'HEAD')).trim());
      return { context, atHead, reads };
    } finally {
      fs.readFile = readFile;
      syncFs.openSync = openSync;
    }
  }

  it("reads CODEOWNERS once where the working tree's policy differs from the commit's, and each answers as a plain read", async () => {
    const root = await sampleWorktree();
    const claudeMd = path.join(root, 'CLAUDE.md');
    await fs.writeFile(claudeMd, (await fs.readFile(claudeMd, 'utf8')).replace('- `**/i18n/*.json`', '- `**/i18n/*.jsox`'));
    // The first run writes both entries; the second reads them, each parsed apart (their policies differ).
    await bothPolicies(root);
    const { context, atHead, reads } = await bothPolicies(root);
    assert.equal(reads, 1, 'CODEOWNERS read once for both entries');
    const plainHere = await loadRepositoryPolicy(context.files, context.policy.settings);
    const plainAtHead = await committedPolicy(context.git, (await git(root, 'rev-parse', 'HEAD')).trim(), { policy: plainHere, files: context.files });
    const paths = [...(await git(root, 'ls-files')).split('\n').filter(Boolean), 'src/features/checkout/i18n/en.jsox', 'src/auth/new.ts'];
    assert.deepEqual(paths.map((file) => atHead.policy.zoneOf(file)), paths.map((file) => plainAtHead.policy.zoneOf(file)));
    assert.deepEqual(paths.map((file) => context.policy.zoneOf(file)), paths.map((file) => plainHere.zoneOf(file)));
    // The two differ where the edit does: the test reads two policies, not one twice.
    assert.notDeepEqual(atHead.policy.zoneOf('src/features/checkout/i18n/en.json').zone, context.policy.zoneOf('src/features/checkout/i18n/en.json').zone);
  });
});
