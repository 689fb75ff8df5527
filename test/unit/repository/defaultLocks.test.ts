import * as assert from 'node:assert/strict';
import { workingTreeFiles } from '../../../src/core/git';
import { DEFAULT_SETTINGS, loadRepositoryPolicy } from '../../../src/core/repository';
import { tempRepo } from '../helpers/tempRepo';

const CLAUDE = '## PM zone\n### PMs may edit\n- `**/*.md`\n### Engineering only\n- `**/auth/**`\n';
// A PM's copy with the auth lock taken out, named by a committed `.vscode/settings.json`.
const LOOSE = '## PM zone\n### PMs may edit\n- `**/*.md`\n- `src/auth/**`\n### Engineering only\n- `**/payments/**`\n';

describe('another policy file cannot lift the locks of CLAUDE.md', () => {
  it('keeps CLAUDE.md\'s engineering-only globs, named at their line, when the settings name another policy file', async () => {
    const repo = await tempRepo({ commits: [{ message: 'zone', files: { 'CLAUDE.md': CLAUDE, 'docs/ZONE.md': LOOSE, 'src/auth/notes.md': 'x\n' } }] });
    const policy = await loadRepositoryPolicy(workingTreeFiles(repo.root), { ...DEFAULT_SETTINGS, policyFile: 'docs/ZONE.md' });
    const answer = policy.zoneOf('src/auth/notes.md');
    assert.equal(answer.zone, 'locked');
    assert.deepEqual(answer.reasons.map((reason) => [reason.source, reason.line, reason.rule]), [['CLAUDE.md', 5, '**/auth/**']]);
    assert.equal(policy.zoneOf('src/payments/x.ts').zone, 'locked', 'the named file\'s own locks hold too');
    assert.equal(policy.zoneOf('docs/guide.md').zone, 'editable');
  });

  it('reads the named file alone when CLAUDE.md has no zone, or is the named file', async () => {
    const repo = await tempRepo({ commits: [{ message: 'zone', files: { 'CLAUDE.md': '# Notes\n', 'AGENTS.md': LOOSE } }] });
    const policy = await loadRepositoryPolicy(workingTreeFiles(repo.root), { ...DEFAULT_SETTINGS, policyFile: 'AGENTS.md' });
    assert.equal(policy.zoneOf('src/auth/notes.md').zone, 'editable');
    assert.deepEqual(policy.zone.engineeringOnly.map((rule) => rule.glob), ['**/payments/**']);
  });
});

describe('a question the zone alone answers', () => {
  it('reads no CODEOWNERS when asked not to, and still knows the PM', async () => {
    const repo = await tempRepo({ commits: [{ message: 'zone', files: { 'CLAUDE.md': `${CLAUDE}### Pilot PMs\n| PM | feature folders | engineering DRI |\n| --- | --- | --- |\n| @alice (alice@acme.test) | \`src/features/checkout/**\` | @dana |\n`, '.github/CODEOWNERS': '* @acme/everyone\n' } }] });
    const files = workingTreeFiles(repo.root);
    const read: string[] = [];
    const spied = { ...files, readText: (relPath: string) => (read.push(relPath), files.readText(relPath)) };
    const policy = await loadRepositoryPolicy(spied, { ...DEFAULT_SETTINGS, email: 'alice@acme.test' }, { codeowners: false });
    assert.equal(policy.identity.known && policy.identity.pilot.handle, '@alice');
    assert.deepEqual(read.filter((file) => /CODEOWNERS$/.test(file)), []);
    await loadRepositoryPolicy(spied, { ...DEFAULT_SETTINGS, email: 'alice@acme.test' });
    assert.ok(read.some((file) => /CODEOWNERS$/.test(file)), 'read when the question needs the owners');
  });
});
