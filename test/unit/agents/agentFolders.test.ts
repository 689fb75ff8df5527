import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { agentFolder } from '../../../src/core/agents/agentFolders';
import { userSwitch, userSwitchFiles } from '../../../src/core/agents/guardSwitches';
import { userSettingsFile } from '../../../src/core/agents/personal/registry';

// Each agent's own folder, where its variable moves it: the guard locks the
// folder the agent really reads, and `agents init --me` writes there.

describe("the coding agents' own folders", () => {
  const home = path.resolve('/home/pat');
  const moved = {
    CLAUDE_CONFIG_DIR: '/srv/agents/claude-config',
    CODEX_HOME: '/srv/agents/codex',
    COPILOT_HOME: '/srv/agents/copilot',
    GEMINI_CLI_HOME: '/srv/agents/gemini-home',
  };

  it('are under the home folder by default, and where each agent\'s own variable says when it is set', () => {
    const expected = { claude: '.claude', codex: '.codex', copilot: '.copilot', cursor: '.cursor', gemini: '.gemini' } as const;
    for (const [agent, name] of Object.entries(expected)) assert.equal(agentFolder(agent as keyof typeof expected, home, {}), path.join(home, name), agent);
    assert.equal(agentFolder('claude', home, moved), path.resolve('/srv/agents/claude-config'));
    assert.equal(agentFolder('codex', home, moved), path.resolve('/srv/agents/codex'));
    assert.equal(agentFolder('copilot', home, moved), path.resolve('/srv/agents/copilot'));
    assert.equal(agentFolder('gemini', home, moved), path.join(path.resolve('/srv/agents/gemini-home'), '.gemini'), "Gemini CLI's variable stands in for the home folder");
    assert.equal(agentFolder('cursor', home, moved), path.join(home, '.cursor'));
    assert.equal(agentFolder('copilot', home, { COPILOT_HOME: '' }), path.join(home, '.copilot'), 'an empty variable is no folder');
    assert.equal(userSettingsFile('copilot', home, moved), path.resolve('/srv/agents/copilot/settings.json'));
    assert.equal(userSettingsFile('claude', home, moved), path.resolve('/srv/agents/claude-config/settings.json'));
    assert.equal(userSettingsFile('gemini', home, moved), path.resolve('/srv/agents/gemini-home/.gemini/settings.json'));
  });

  it("lock Copilot CLI's folder whole for a PM's agent: its hooks/ and mcp-config.json run programs in the next session, outside every sandbox", () => {
    for (const env of [{}, moved]) {
      const folder = agentFolder('copilot', home, env);
      for (const file of ['hooks/run.json', 'mcp-config.json', 'settings.json', 'config.json', 'copilot-instructions.md', 'skills/x/SKILL.md']) {
        const answer = userSwitch(path.join(folder, file), home, env);
        assert.equal(answer?.zone, 'locked', file);
        assert.match(answer?.reasons[0].message ?? '', /Copilot CLI's own folder/, file);
      }
      assert.ok(userSwitchFiles(home, env).includes(folder), 'held read-only by the sandboxes');
    }
    assert.equal(userSwitch(path.join(home, '.copilot', 'hooks', 'run.json'), home, moved), undefined, 'the folder Copilot no longer reads is not its switch');
  });

  it('lock the settings of the folder each agent reads, moved or not', () => {
    for (const file of ['/srv/agents/claude-config/settings.json', '/srv/agents/claude-config/settings.local.json', '/srv/agents/claude-config/.claude.json', '/srv/agents/gemini-home/.gemini/settings.json', '/srv/agents/codex/config.toml']) {
      assert.equal(userSwitch(path.resolve(file), home, moved)?.zone, 'locked', file);
    }
    assert.equal(userSwitch(path.join(home, '.claude.json'), home, moved)?.zone, 'locked', "Claude Code's config in the home folder stays locked: which one it reads is not guessed");
    assert.equal(userSwitch(path.join(home, 'notes.md'), home, moved), undefined);
  });
});
