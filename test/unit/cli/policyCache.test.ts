// `whoami`, `explain` and `check-config` keep the parsed policy in the git folder between
// runs, as the guard does: an answer from the cache is the answer a parse
// gives, and any change to the policy files, or to the cache by hand, is a
// parse again.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CLI_POLICY_CACHE_FILE } from '../../../src/core/agents';
import { cli, isolateGitConfig, parsed } from './support/cli';
import { git, sampleWorktree } from './support/sampleRepo';

describe('pm-zone whoami, explain and check-config: the policy kept in the git folder', function () {
  this.timeout(60_000);
  isolateGitConfig();
  let root: string;
  let cache: string;
  const paths = ['src/auth/login.ts', 'src/features/checkout/i18n/en.json'];
  const explain = async () => parsed<{ path: string; zone: string; reasons: { rule: string }[]; owners: string[] }[]>(await cli(['explain', '--json', ...paths], { cwd: root }));
  const whoami = async () => parsed<{ known: boolean; handle: string | null }>(await cli(['whoami', '--json'], { cwd: root }));
  const kept = async () => JSON.parse(await fs.readFile(cache, 'utf8')) as { partial?: boolean; sources: { codeowners?: unknown } };

  beforeEach(async () => {
    root = await sampleWorktree();
    cache = path.join(path.resolve(root, (await git(root, 'rev-parse', '--git-dir')).trim()), CLI_POLICY_CACHE_FILE);
  });

  it('answers from the cache as from a parse', async () => {
    const first = await explain();
    const text = await fs.readFile(cache, 'utf8');
    assert.deepEqual(await explain(), first);
    assert.equal(await fs.readFile(cache, 'utf8'), text, 'the second run read the cache and kept it');
    assert.deepEqual(first.map((answer) => [answer.zone, answer.owners]), [['locked', ['@acme/security']], ['editable', ['@dana']]]);
  });

  it("whoami keeps an entry without CODEOWNERS, which explain does not take; whoami takes explain's", async () => {
    const identity = await whoami();
    assert.equal(identity.handle, '@alice');
    assert.equal((await kept()).partial, true);
    assert.equal((await kept()).sources.codeowners, undefined);
    const answers = await explain();
    assert.deepEqual(answers.map((answer) => answer.owners), [['@acme/security'], ['@dana']], "explain parsed CODEOWNERS instead of taking whoami's entry");
    assert.equal((await kept()).partial, undefined);
    const text = await fs.readFile(cache, 'utf8');
    assert.deepEqual(await whoami(), identity);
    assert.equal(await fs.readFile(cache, 'utf8'), text, "whoami answered from explain's entry and kept it");
  });

  it('check-config reports from the cache what it reports from a parse', async () => {
    root = await sampleWorktree({ unenforced: true });
    const first = await cli(['check-config', '--json'], { cwd: root });
    assert.match(first.stdout, /"unenforced"/);
    const text = await fs.readFile(path.join(path.resolve(root, (await git(root, 'rev-parse', '--git-dir')).trim()), CLI_POLICY_CACHE_FILE), 'utf8');
    assert.deepEqual(await cli(['check-config', '--json'], { cwd: root }), first);
    assert.equal(await fs.readFile(path.join(path.resolve(root, (await git(root, 'rev-parse', '--git-dir')).trim()), CLI_POLICY_CACHE_FILE), 'utf8'), text);
  });

  it('answers by the CLAUDE.md on disk, even when an edit keeps its size and time', async () => {
    assert.equal((await explain())[1].zone, 'editable');
    const claudeMd = path.join(root, 'CLAUDE.md');
    const before = await fs.stat(claudeMd);
    await fs.writeFile(claudeMd, (await fs.readFile(claudeMd, 'utf8')).replace('- `**/i18n/*.json`', '- `**/i18n/*.jsox`'));
    await fs.utimes(claudeMd, before.atime, before.mtime);
    assert.equal((await explain())[1].zone, 'outside');
  });

  it('answers by the current CODEOWNERS', async () => {
    await explain();
    const codeowners = path.join(root, '.github/CODEOWNERS');
    await fs.writeFile(codeowners, (await fs.readFile(codeowners, 'utf8')).replace('auth/                      @acme/security', 'auth/                      @acme/identity'));
    assert.deepEqual((await explain())[0].owners, ['@acme/identity']);
  });

  it('parses again a cache edited by hand, its entry without CODEOWNERS marked whole included', async () => {
    await explain();
    await fs.writeFile(cache, (await fs.readFile(cache, 'utf8')).replaceAll('"defined":true', '"defined":false'));
    assert.equal((await explain())[1].zone, 'editable');
    await whoami();
    await fs.writeFile(cache, (await fs.readFile(cache, 'utf8')).replace(',"partial":true', ''));
    assert.deepEqual((await explain()).map((answer) => answer.owners), [['@acme/security'], ['@dana']]);
  });
});
