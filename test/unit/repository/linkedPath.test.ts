import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseZonePolicy } from '../../../src/core/policy';
import { buildRepositoryPolicy, DEFAULT_SETTINGS, trackedPathOf, zoneOnDisk } from '../../../src/core/repository';
import { tempDir } from '../helpers/tempRepo';

describe('zones through symbolic links', () => {
  const claude = '## PM zone\n### PMs may edit\n- `src/locales/*.json`\n- `packages/**/*.md`\n### Engineering only\n- `**/auth/**`\n';
  const policy = buildRepositoryPolicy({ ...DEFAULT_SETTINGS }, parseZonePolicy(claude, 'CLAUDE.md'), undefined);
  let root: string;

  before(async () => {
    const top = await tempDir('links');
    root = path.join(top, 'repo');
    await fs.mkdir(path.join(root, 'src', 'locales'), { recursive: true });
    await fs.mkdir(path.join(root, 'src', 'auth'), { recursive: true });
    await fs.mkdir(path.join(root, 'packages', 'i18n'), { recursive: true });
    await fs.writeFile(path.join(root, 'src', 'locales', 'en.json'), '{}\n');
    await fs.writeFile(path.join(root, 'src', 'auth', 'README.md'), '# auth\n');
    await fs.writeFile(path.join(top, 'outside.md'), '# not in the repository\n');
    // As a real monorepo links them: relative links, committed as links.
    await fs.symlink('../../src/locales', path.join(root, 'packages', 'i18n', 'locales'));
    await fs.symlink('../../src/auth/README.md', path.join(root, 'packages', 'i18n', 'AUTH.md'));
    await fs.symlink('../../../outside.md', path.join(root, 'packages', 'i18n', 'NOTES.md'));
    await fs.symlink('../../src/auth', path.join(root, 'packages', 'i18n', 'login'));
  });

  it('finds the path git tracks behind a link, and says when a link leaves the repository', async () => {
    assert.deepEqual(await trackedPathOf(root, 'src/locales/en.json'), { kind: 'same' });
    assert.deepEqual(await trackedPathOf(root, 'packages/i18n/locales/en.json'), { kind: 'linked', path: 'src/locales/en.json' });
    assert.deepEqual(await trackedPathOf(root, 'packages/i18n/NOTES.md'), { kind: 'escapes' });
    assert.deepEqual(await trackedPathOf(root, 'packages/i18n/none.md'), { kind: 'missing' });
  });

  it('answers a file reached through a link as the file git tracks: the locale is editable', async () => {
    assert.equal(policy.zoneOf('packages/i18n/locales/en.json').zone, 'outside', 'by its path alone');
    const answer = await zoneOnDisk(policy, root, 'packages/i18n/locales/en.json');
    assert.equal(answer.zone, 'editable');
    assert.equal(answer.path, 'packages/i18n/locales/en.json');
    assert.equal(answer.reasons[0].message, 'Reached through a link: git tracks this file as src/locales/en.json');
  });

  it('locks a link to a locked file, though its own path would be editable', async () => {
    assert.equal(policy.zoneOf('packages/i18n/AUTH.md').zone, 'editable', 'by its path alone');
    assert.equal((await zoneOnDisk(policy, root, 'packages/i18n/AUTH.md')).zone, 'locked');
  });

  it('locks a link to a locked folder, answered for the folder', async () => {
    assert.deepEqual(await trackedPathOf(root, 'packages/i18n/login'), { kind: 'linked', path: 'src/auth/' });
    assert.equal((await zoneOnDisk(policy, root, 'packages/i18n/login')).zone, 'locked');
  });

  it('never makes a link that leaves the repository editable', async () => {
    assert.equal(policy.zoneOf('packages/i18n/NOTES.md').zone, 'editable', 'by its path alone');
    const answer = await zoneOnDisk(policy, root, 'packages/i18n/NOTES.md');
    assert.equal(answer.zone, 'outside');
    assert.match(answer.reasons[0].message, /outside the repository: never PM-editable/);
  });
});
