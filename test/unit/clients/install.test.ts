// The agent clients' tier installs each agent program from npm on first use;
// one that cannot be installed fails the tier, saying which and why, and is
// tried again next time (never remembered as installed, never skipped).
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { agentClientPaths, ensureAgentClient } from '../../../scripts/agent-clients.mjs';
import { tempDir } from '../helpers/tempRepo';
import { cpuBound } from '../helpers/cpuBound';

describe('installing an agent program for the agent clients’ tier', function () {
  this.timeout(cpuBound(60_000));

  it('fails naming the package, npm’s reason and the command to try, when the registry cannot be reached', async () => {
    const root = await tempDir('agent-clients');
    // A registry nothing listens on, and an empty npm cache, so npm has nowhere to find the package.
    const env = { npm_config_registry: 'http://127.0.0.1:9/', npm_config_cache: path.join(root, 'npm-cache'), npm_config_fetch_retries: '0' };
    const paths = agentClientPaths('claude', root);
    for (let attempt = 1; attempt <= 2; attempt++) {
      await assert.rejects(ensureAgentClient('claude', { root, env, log: () => {} }), (error: Error) => {
        assert.match(error.message, /^Could not install Claude Code \(@anthropic-ai\/claude-code@2\.1\.331\), which the agent clients’ tier needs: npm install @anthropic-ai\/claude-code@2\.1\.331 failed/);
        assert.match(error.message, /ECONNREFUSED/);
        assert.ok(error.message.endsWith(`To try by hand: npm install --prefix ${paths.installDir} @anthropic-ai/claude-code@2.1.331`), error.message);
        return true;
      });
      assert.equal(existsSync(paths.marker), false, `attempt ${attempt} left no mark of an install`);
    }
  });

  it('refuses an agent it does not know', () => {
    assert.throws(() => agentClientPaths('cursor' as never), /^Error: Unknown agent client: cursor \(one of claude, gemini, copilot, codex\)$/);
  });
});
