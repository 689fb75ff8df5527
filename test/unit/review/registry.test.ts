// The registry is the one list of checks every surface reads. A check defined
// and left out of it would run nowhere and be named nowhere, silently: this
// file is what fails instead.
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Change, Check } from '../../../src/core/review/model';
import { ALL_CHECK_IDS, BUILT_IN_CHECKS, aboutCheck, applicableChecks, checksForText } from '../../../src/core/review/registry';
import { parseZonePolicy } from '../../../src/core/policy';

const CHECKS_FOLDER = path.join(__dirname, '../../../src/core/review/checks');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function isCheck(value: unknown): value is Check {
  return typeof value === 'object' && value !== null && 'about' in value && 'run' in value && typeof (value as Check).run === 'function';
}

describe('the registry of checks', () => {
  it('registers every check defined under checks/', () => {
    const registered = new Set<unknown>(BUILT_IN_CHECKS);
    const unregistered: string[] = [];
    for (const file of sourceFiles(CHECKS_FOLDER)) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- every module of the folder, whatever it is named
      for (const [name, value] of Object.entries(require(file) as Record<string, unknown>)) {
        if (isCheck(value) && !registered.has(value)) unregistered.push(`${name} (${path.relative(CHECKS_FOLDER, file)})`);
      }
    }
    assert.deepEqual(unregistered, []);
  });

  it('names each id once, as family.name', () => {
    assert.equal(new Set(ALL_CHECK_IDS).size, ALL_CHECK_IDS.length);
    for (const id of ALL_CHECK_IDS) assert.match(id, /^[a-z0-9]+\.[a-z0-9-]+$/, id);
  });

  it('describes every id in words: title, description, what to do, its starter item', () => {
    for (const id of ALL_CHECK_IDS) {
      const about = aboutCheck(id)!;
      for (const [field, words] of Object.entries({ title: about.title, description: about.description, help: about.help, item: about.item.text })) {
        assert.ok(words.trim().length > 0, `${id} has no ${field}`);
      }
    }
    assert.equal(aboutCheck('custom.thing'), undefined);
  });

  it('maps an item written in plain words onto every check its words name, in the registry order', () => {
    assert.deepEqual(checksForText('No personal data in events'), ['security.pii', 'analytics.pii']);
    assert.deepEqual(checksForText('PLANNING.md has no placeholders'), ['planning.missing', 'planning.incomplete']);
    assert.deepEqual(checksForText('The copy reads well'), []);
    // What the badges already know is the engine's to tick, not the PM's.
    assert.deepEqual(checksForText('Every changed file is inside the PM zone'), ['zone.locked', 'zone.outside']);
  });

  it("asks each check whether it has something to look at: files it reads, else any file, and commits for AI's", () => {
    const policy = parseZonePolicy('# Team\n');
    const change = (paths: string[], commits = 0): Change => ({
      mode: 'branch',
      files: paths.map((file) => ({ path: file, status: 'modified', oldText: '', newText: '' })),
      commits: Array.from({ length: commits }, () => ({ sha: 'a'.repeat(40), subject: 'Change', body: '', trailers: [], files: [] })),
    });
    assert.deepEqual([...applicableChecks(change([]), policy)], []);
    assert.deepEqual([...applicableChecks(change([], 1), policy)], ['ai.undisclosed']);
    const copy = applicableChecks(change(['src/i18n/en.json']), policy);
    assert.ok(copy.has('i18n.placeholder-mismatch') && copy.has('security.secret') && !copy.has('prompts.variables') && !copy.has('planning.incomplete'));
  });
});
