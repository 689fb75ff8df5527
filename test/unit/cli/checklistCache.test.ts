// The review keeps the parsed checklist in the git folder
// (src/cli/checklistCache.ts): the skill file's, and the built-in one a
// repository without a skill file is reviewed with; what it answers from
// there is what parsing answers.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { cachedChecklist } from '../../../src/cli/checklistCache';
import { CHECKED_SUFFIX } from '../../../src/core/git/checkedState';
import { builtInChecklist, parseSkillFile } from '../../../src/core/review';
import type { FileSource } from '../../../src/core/types';
import { tempRepo } from '../helpers/tempRepo';

const SKILL_FILE = '.claude/skills/pm-pr-review/SKILL.md';

function filesOf(root: string): FileSource {
  return { readText: (relPath) => fs.readFile(path.join(root, relPath), 'utf8').catch(() => undefined) };
}

describe('review: the checklist kept in the git folder', () => {
  it('without a skill file: the built-in checklist, parsed once and then read from the git folder', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'README.md': '# hi\n' } }] });
    const cache = path.join(repo.root, '.git', 'pm-zone', 'cli-checklist.json');
    assert.deepEqual(await cachedChecklist(repo.root, filesOf(repo.root), SKILL_FILE), builtInChecklist());
    const entry = JSON.parse(await fs.readFile(cache, 'utf8')) as { checklist: unknown };
    assert.deepEqual(entry.checklist, builtInChecklist());
    assert.deepEqual(await cachedChecklist(repo.root, filesOf(repo.root), SKILL_FILE), builtInChecklist());
    // The skill file, once written, is what the review reads.
    const text = '---\nname: pm-pr-review\ndescription: d\n---\n## Scope\n- [ ] Small <!-- check: zone.locked -->\n';
    await repo.write({ [SKILL_FILE]: text });
    assert.deepEqual(await cachedChecklist(repo.root, filesOf(repo.root), SKILL_FILE), parseSkillFile(text, SKILL_FILE));
    assert.deepEqual(await cachedChecklist(repo.root, filesOf(repo.root), SKILL_FILE), parseSkillFile(text, SKILL_FILE));
    await repo.write({ [SKILL_FILE]: null });
    assert.deepEqual(await cachedChecklist(repo.root, filesOf(repo.root), SKILL_FILE), builtInChecklist());
  });

  it('keyed by the skill file\'s whole text, not a hash of it; a checklist that does not match its checksum is parsed again', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'README.md': '# hi\n' } }] });
    const cache = path.join(repo.root, '.git', 'pm-zone', 'cli-checklist.json');
    const text = '---\nname: pm-pr-review\ndescription: d\n---\n## Scope\n- [ ] Small <!-- check: zone.locked -->\n';
    await repo.write({ [SKILL_FILE]: text });
    const parsed = parseSkillFile(text, SKILL_FILE);
    assert.deepEqual(await cachedChecklist(repo.root, filesOf(repo.root), SKILL_FILE), parsed);
    const entry = JSON.parse(await fs.readFile(cache, 'utf8')) as { key: string; checksum: string; checklist: { sections: { title: string }[] } };
    assert.ok(entry.key.includes(JSON.stringify(text).slice(1, -1)), 'the key holds the text itself');
    // Another title in the kept checklist, its checksum left: damaged, so parsed again (and kept anew).
    const damaged = { ...entry, checklist: { ...entry.checklist, sections: entry.checklist.sections.map((section) => ({ ...section, title: 'Another' })) } };
    await fs.writeFile(cache, JSON.stringify(damaged));
    assert.deepEqual(await cachedChecklist(repo.root, filesOf(repo.root), SKILL_FILE), parsed);
    assert.deepEqual((JSON.parse(await fs.readFile(cache, 'utf8')) as typeof entry).checklist, entry.checklist);
    // The skill file rewritten to another text of the same length: the kept checklist (good, for the text before) is not taken.
    const other = text.replace('Small', 'Large');
    await repo.write({ [SKILL_FILE]: other });
    assert.deepEqual(await cachedChecklist(repo.root, filesOf(repo.root), SKILL_FILE), parseSkillFile(other, SKILL_FILE));
    assert.ok((JSON.parse(await fs.readFile(cache, 'utf8')) as typeof entry).key.includes('Large'));
  });

  it('once its checksum has held, the kept checklist is taken in the same state without it; written since, it is checked again', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'README.md': '# hi\n' } }] });
    const cache = path.join(repo.root, '.git', 'pm-zone', 'cli-checklist.json');
    const checked = `${cache}${CHECKED_SUFFIX}`;
    // As a command begun after the checklist was kept: it has settled.
    const later = () => Date.now() + 5000;
    assert.deepEqual(await cachedChecklist(repo.root, filesOf(repo.root), SKILL_FILE), builtInChecklist());
    await assert.rejects(fs.stat(checked), { code: 'ENOENT' }, 'kept just now, in this process: not settled');
    assert.deepEqual(await cachedChecklist(repo.root, filesOf(repo.root), SKILL_FILE, later()), builtInChecklist());
    const stats = await fs.stat(cache, { bigint: true });
    assert.equal(await fs.readFile(checked, 'latin1'), `${stats.dev}:${stats.ino}:${stats.uid}:${stats.mode}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`);
    // Its checksum made wrong, and the state kept made that of the file as it now is: taken as it is, unchecked.
    const entry = JSON.parse(await fs.readFile(cache, 'utf8')) as { checksum: string };
    await fs.writeFile(cache, JSON.stringify({ ...entry, checksum: 'not the checksum' }));
    const now = await fs.stat(cache, { bigint: true });
    await fs.writeFile(checked, `${now.dev}:${now.ino}:${now.uid}:${now.mode}:${now.size}:${now.mtimeNs}:${now.ctimeNs}`);
    assert.deepEqual(await cachedChecklist(repo.root, filesOf(repo.root), SKILL_FILE, later()), builtInChecklist());
    assert.equal((JSON.parse(await fs.readFile(cache, 'utf8')) as { checksum: string }).checksum, 'not the checksum', 'not checked, so not written again');
    // Written since (its state moved): checked, found damaged, parsed and kept anew.
    await fs.writeFile(cache, JSON.stringify({ ...entry, checksum: 'still not the checksum' }));
    assert.deepEqual(await cachedChecklist(repo.root, filesOf(repo.root), SKILL_FILE, later()), builtInChecklist());
    assert.equal((JSON.parse(await fs.readFile(cache, 'utf8')) as { checksum: string }).checksum, entry.checksum);
  });
});
