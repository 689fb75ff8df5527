import * as assert from 'node:assert/strict';
import { commitFiles, workingTreeFiles } from '../../../src/core/git';
import { committedPolicy, configProblems, DEFAULT_SETTINGS, loadRepositoryPolicy, zoneLocation } from '../../../src/core/repository';
import { tempRepo } from '../helpers/tempRepo';

// Where the zone lives, found the same way for the working tree and a
// commit's tree: the instruction file that holds `## PM zone`.
const ZONE = (lock: string, pilot = '@alice') => `# Agents\n\n## PM zone\n### PMs may edit\n- \`**/*.md\`\n### Engineering only\n- \`**/${lock}/**\`\n### Pilot PMs\n| PM | Feature folders | E-mail |\n| --- | --- | --- |\n| ${pilot} | \`src/a\` | ${pilot.slice(1)}@acme.test |\n`;

describe('zoneLocation: where the PM zone lives', () => {
  it('finds the zone in AGENTS.md when that is the file the repository keeps, and the policy reads it with no setting', async () => {
    const repo = await tempRepo({ commits: [{ message: 'zone', files: { 'AGENTS.md': ZONE('auth'), 'src/auth/x.md': 'x\n' } }] });
    const files = workingTreeFiles(repo.root);
    assert.deepEqual(await zoneLocation(files, DEFAULT_SETTINGS), { file: 'AGENTS.md', how: 'found', holders: ['AGENTS.md'] });
    const policy = await loadRepositoryPolicy(files, DEFAULT_SETTINGS);
    assert.equal(policy.zone.file, 'AGENTS.md');
    assert.equal(policy.zoneOf('src/auth/x.md').zone, 'locked');
    assert.equal(policy.zoneOf('docs/x.md').zone, 'editable');
  });

  it('follows CLAUDE.md\'s @AGENTS.md import and a CLAUDE.md that is a link to AGENTS.md, and takes GEMINI.md', async () => {
    const imported = await tempRepo({ commits: [{ message: 'zone', files: { 'CLAUDE.md': '# Claude\n\n@AGENTS.md\n', 'AGENTS.md': ZONE('auth') } }] });
    assert.equal((await zoneLocation(workingTreeFiles(imported.root), DEFAULT_SETTINGS)).file, 'AGENTS.md');
    const nested = await tempRepo({ commits: [{ message: 'zone', files: { 'CLAUDE.md': 'See @docs/agents/rules.md\n', 'docs/agents/rules.md': ZONE('auth') } }] });
    assert.equal((await zoneLocation(workingTreeFiles(nested.root), DEFAULT_SETTINGS)).file, 'docs/agents/rules.md');
    const linked = await tempRepo({ commits: [{ message: 'zone', files: { 'CLAUDE.md': { symlink: 'AGENTS.md' }, 'AGENTS.md': ZONE('auth') } }] });
    assert.deepEqual(await zoneLocation(workingTreeFiles(linked.root), DEFAULT_SETTINGS), { file: 'CLAUDE.md', how: 'found', holders: ['CLAUDE.md'] });
    const gemini = await tempRepo({ commits: [{ message: 'zone', files: { 'AGENTS.md': '# no zone\n', 'GEMINI.md': ZONE('auth') } }] });
    assert.equal((await loadRepositoryPolicy(workingTreeFiles(gemini.root), DEFAULT_SETTINGS)).zone.file, 'GEMINI.md');
  });

  it('with no zone anywhere, names the instruction file the repository keeps (where init writes it), else CLAUDE.md', async () => {
    const agents = await tempRepo({ commits: [{ message: 'one', files: { 'AGENTS.md': '# Agents\n' } }] });
    assert.deepEqual(await zoneLocation(workingTreeFiles(agents.root), DEFAULT_SETTINGS), { file: 'AGENTS.md', how: 'none', holders: [] });
    const bare = await tempRepo({ commits: [{ message: 'one', files: { 'README.md': '# hi\n' } }] });
    assert.deepEqual(await zoneLocation(workingTreeFiles(bare.root), DEFAULT_SETTINGS), { file: 'CLAUDE.md', how: 'none', holders: [] });
  });

  it('zones in two files are an error naming both: nothing is PM-editable, every lock of each holds, a pilot of either is bound', async () => {
    const repo = await tempRepo({ commits: [{ message: 'zone', files: { 'CLAUDE.md': ZONE('auth'), 'AGENTS.md': ZONE('payments', '@bob') } }] });
    const files = workingTreeFiles(repo.root);
    assert.deepEqual(await zoneLocation(files, DEFAULT_SETTINGS), { file: 'CLAUDE.md', how: 'ambiguous', holders: ['CLAUDE.md', 'AGENTS.md'] });
    const policy = await loadRepositoryPolicy(files, { ...DEFAULT_SETTINGS, email: 'bob@acme.test' });
    const errors = configProblems(policy, []).filter((problem) => problem.severity === 'error');
    assert.deepEqual(errors.map((problem) => problem.kind), ['two-zones']);
    assert.match(errors[0].message, /in both CLAUDE\.md and AGENTS\.md/);
    assert.match(errors[0].message, /--policy-file/);
    assert.equal(policy.zoneOf('docs/x.md').zone, 'outside');
    assert.equal(policy.zoneOf('src/auth/x.ts').zone, 'locked');
    assert.equal(policy.zoneOf('src/payments/x.ts').zone, 'locked');
    assert.equal(policy.author?.handle, '@bob');
    // Named by the setting, the file is read, and the other's locks still hold.
    const named = await loadRepositoryPolicy(files, { ...DEFAULT_SETTINGS, policyFile: 'AGENTS.md' });
    assert.equal(named.zone.file, 'AGENTS.md');
    assert.equal(configProblems(named, []).filter((problem) => problem.severity === 'error').length, 0);
    assert.equal(named.zoneOf('docs/x.md').zone, 'editable');
    assert.equal(named.zoneOf('src/auth/x.ts').zone, 'locked');
  });

  it("reads the commit's tree where the commit keeps it: a zone moved to AGENTS.md in the working tree does not move the review's rules", async () => {
    const repo = await tempRepo({ commits: [{ message: 'zone', files: { 'AGENTS.md': ZONE('auth') } }] });
    await repo.write({ 'AGENTS.md': '# Agents\n', 'CLAUDE.md': ZONE('nothing') });
    const files = workingTreeFiles(repo.root);
    const current = await loadRepositoryPolicy(files, DEFAULT_SETTINGS);
    assert.equal(current.zone.file, 'CLAUDE.md');
    const head = (await repo.run('rev-parse', 'HEAD')).trim();
    const { policy } = await committedPolicy(repo.git, head, { policy: current, files });
    assert.equal(policy.zone.file, 'AGENTS.md');
    assert.equal(policy.zoneOf('src/auth/x.ts').zone, 'locked');
    assert.equal((await zoneLocation(commitFiles(repo.git, head), DEFAULT_SETTINGS)).file, 'AGENTS.md');
  });
});
