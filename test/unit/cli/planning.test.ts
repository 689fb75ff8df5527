// `pm-zone planning new` and `planning check`: the planning doc from the
// template, never overwritten, and its problems as the editor shows them.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Finding, Problem } from '../../../src/core/types';
import { assertOneLineError, cli, isolateGitConfig, parsed } from './support/cli';
import { fixture, policyFolder } from './support/folders';
import { commitAll, editFile, git, PLANNING_FILE, readFile, sampleRepo, sampleWorktree, writeFiles } from './support/sampleRepo';

const SKILL_FILE = '.claude/skills/pm-pr-review/SKILL.md';

const planningFixture = (name: string) => fixture(`../planning/${name}`);

describe('pm-zone planning', () => {
  isolateGitConfig();

  describe('planning new', () => {
    it('writes the PM\'s feature folder\'s PLANNING.md and answers {"path", "status", "problems", "ignored", "unignored"}', async () => {
      const root = await sampleWorktree();
      const run = await cli(['planning', 'new', '--cwd', root, '--json', '--title', 'Clearer order button']);
      assert.equal(run.code, 0);
      assert.deepEqual(parsed(run), { path: PLANNING_FILE, status: 'created', problems: [], ignored: [], unignored: [] });
      const text = await readFile(root, PLANNING_FILE);
      assert.match(text, /^---\ntitle: Clearer order button\nauthor: "@alice"\nfeature: src\/features\/checkout\nflag: checkout_copy_v2\ntier: production\n/);
      assert.ok(!text.includes('\r'));
    });

    it('says what it wrote without --json', async () => {
      const root = await sampleWorktree();
      const run = await cli(['planning', 'new', '--cwd', root, '--title', 'T']);
      assert.equal(run.code, 0);
      assert.match(run.stdout, /src\/features\/checkout\/PLANNING\.md/);
    });

    it('never overwrites: exit 1, one line, the existing file unchanged byte for byte', async () => {
      const root = await sampleWorktree();
      const mine = Buffer.from('\uFEFF# My own notes\r\nkeep me\r\n\u0000binary tail', 'utf8');
      await writeFiles(root, { [PLANNING_FILE]: mine });
      for (const args of [['--title', 'Again'], ['--title', 'Again', '--json']]) {
        assertOneLineError(await cli(['planning', 'new', '--cwd', root, ...args]), 1, /PLANNING\.md/);
        assert.deepEqual(await fs.readFile(path.join(root, PLANNING_FILE)), mine);
      }
    });

    it('takes the PM from --as, the folder from --feature, and the flag, tier and metric', async () => {
      const root = await sampleWorktree();
      const bob = parsed<{ path: string }>(await cli(['planning', 'new', '--cwd', root, '--json', '--title', 'Ranking', '--as', '@bob']));
      assert.equal(bob.path, 'src/features/search/PLANNING.md');
      assert.match(await readFile(root, bob.path), /author: "@bob"\nfeature: src\/features\/search\nflag: search_ranking_v3\n/);
      const custom = parsed<{ path: string }>(
        await cli(['planning', 'new', '--cwd', root, '--json', '--title', 'Docs', '--feature', 'docs/onboarding', '--flag', 'checkout_copy_v2', '--tier', 'prototype', '--metric', 'activation rate']),
      );
      assert.equal(custom.path, 'docs/onboarding/PLANNING.md');
      const text = await readFile(root, custom.path);
      assert.match(text, /tier: prototype/);
      assert.match(text, /activation rate/);
    });

    it('writes relative to the repository root when --cwd is a folder inside it', async () => {
      const root = await sampleWorktree();
      const run = await cli(['planning', 'new', '--cwd', path.join(root, 'src', 'features'), '--json', '--title', 'T']);
      assert.equal(parsed<{ path: string }>(run).path, PLANNING_FILE);
      await fs.access(path.join(root, PLANNING_FILE));
    });

    it("writes the doc only where its author may edit it: the pilot's folder even when the zone names only components", async () => {
      const root = await sampleWorktree();
      const claude = (await readFile(root, 'CLAUDE.md')).replace(/^- `\*\*\/\*\.md`.*\n/m, '');
      assert.doesNotMatch(claude, /\*\*\/\*\.md/);
      await writeFiles(root, { 'CLAUDE.md': claude });
      assert.equal(parsed<{ path: string }>(await cli(['planning', 'new', '--cwd', root, '--json', '--title', 'T'])).path, PLANNING_FILE);
      const explained = await cli(['explain', PLANNING_FILE, '--cwd', root]);
      assert.match(explained.stdout, /editable/);
      assert.match(explained.stdout, /a planning doc of a feature/);
      for (const [feature, words] of [['docs/onboarding', /outside the PM zone: a planning doc goes in one of your feature folders/], ['src/features/search', /outside the PM zone/], ['src/auth', /engineering zone/]] as const) {
        assertOneLineError(await cli(['planning', 'new', '--cwd', root, '--title', 'T', '--feature', feature]), 1, words);
        await assert.rejects(fs.access(path.join(root, feature, 'PLANNING.md')), feature);
      }
    });

    it('asks for --feature, in one line, when the PM has no feature folder', async () => {
      const root = await sampleWorktree();
      assertOneLineError(await cli(['planning', 'new', '--cwd', root, '--title', 'T', '--as', '@zoe']), 2, /--feature DIR/);
      assertOneLineError(await cli(['planning', 'new', '--cwd', root, '--title', '   ']), 2, /--title is required/);
    });
  });

  describe('planning check', () => {
    async function check(root: string, args: string[] = []): Promise<{ code: number; problems: Problem[] }> {
      const run = await cli(['planning', 'check', '--cwd', root, '--json', ...args]);
      return { code: run.code, problems: parsed<{ problems: Problem[] }>(run).problems };
    }

    it('finds nothing in a finished doc, and reads the PM\'s own doc by default', async () => {
      const root = await sampleWorktree();
      await writeFiles(root, { [PLANNING_FILE]: await planningFixture('filled-standard.md') });
      assert.deepEqual(await check(root), { code: 0, problems: [] });
      assert.deepEqual(await check(root, [PLANNING_FILE]), { code: 0, problems: [] });
      assert.equal((await cli(['planning', 'check', '--cwd', root])).stdout, 'No problems.\n');
    });

    it('reads a doc with a byte-order mark and CRLF line endings like an LF one', async () => {
      const root = await sampleWorktree();
      const crlf = `\uFEFF${(await planningFixture('filled-standard.md')).toString('utf8').replace(/\n/g, '\r\n')}`;
      await writeFiles(root, { [PLANNING_FILE]: crlf });
      assert.deepEqual(await check(root), { code: 0, problems: [] });
    });

    it('answers {"problems"} with exactly the documented keys; warnings only exit 0', async () => {
      const root = await sampleWorktree();
      await writeFiles(root, { [PLANNING_FILE]: await planningFixture('incomplete.md') });
      const { code, problems } = await check(root);
      assert.equal(code, 0);
      assert.deepEqual(problems.map((p) => `${p.line} ${p.severity} ${p.kind}`), ['11 warning incomplete-section', '15 warning incomplete-section', '22 warning incomplete-section']);
      for (const problem of problems) assert.deepEqual(Object.keys(problem), ['file', 'line', 'column', 'severity', 'kind', 'message']);
      assert.ok(problems.every((p) => p.file === PLANNING_FILE));
    });

    it('exits 1 on errors, and prints them on their lines without --json', async () => {
      const root = await sampleWorktree();
      // Broken front matter is a gap of the doc: an error where the team's checklist blocks on the planning doc.
      await editFile(root, SKILL_FILE, '## Planning\n', '## Planning (blocking)\n');
      await writeFiles(root, { 'docs/PLANNING.md': await planningFixture('front-matter-broken.md') });
      const { code, problems } = await check(root, ['docs/PLANNING.md']);
      assert.equal(code, 1);
      assert.deepEqual(problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.kind}`), ['2:38 error invalid-front-matter', '4:1 error invalid-front-matter']);
      const text = await cli(['planning', 'check', '--cwd', root, './docs/PLANNING.md']);
      assert.equal(text.code, 1);
      assert.match(text.stdout, /^docs\/PLANNING\.md:2:38 {2}error {2}invalid-front-matter {2}.*\n.*\n2 errors, 0 warnings\n$/);
    });

    it('exits 1 with one line when the doc does not exist', async () => {
      const root = await sampleWorktree();
      assertOneLineError(await cli(['planning', 'check', '--cwd', root]), 1, /no planning doc at src\/features\/checkout\/PLANNING\.md/);
      assertOneLineError(await cli(['planning', 'check', '--cwd', root, '--json', 'nope/PLANNING.md']), 1, /nope\/PLANNING\.md/);
    });

    it('gives a gap the review\'s one severity: a warning, an error where the team\'s checklist blocks on the planning doc', async () => {
      const root = await sampleRepo({ regulated: true, branch: 'alice/protected', commit: true });
      const doc = (await planningFixture('filled-regulated.md')).toString('utf8').replace(/(## Protected data\n\n)[^#]*/, '$1');
      await commitAll(root, 'Planning', { [PLANNING_FILE]: doc });
      const severities = async () => {
        const planned = (await check(root)).problems.find((problem) => problem.kind === 'protected-data');
        const reviewed = parsed<{ findings: Finding[] }>(await cli(['review', '--cwd', root, '--format', 'json'])).findings.find((found) => found.check === 'planning.incomplete' && /Protected data/.test(found.message));
        return [planned?.severity, reviewed?.severity];
      };
      assert.deepEqual(await severities(), ['warning', 'warning']);
      assert.equal((await check(root)).code, 0);
      // The team's checklist is the base's: an engineer makes Planning blocking on main, and the PM's branch takes it in.
      await git(root, 'checkout', '--quiet', 'main');
      await editFile(root, SKILL_FILE, '## Planning\n', '## Planning (blocking)\n');
      await commitAll(root, 'Planning blocks');
      await git(root, 'checkout', '--quiet', 'alice/protected');
      await git(root, 'merge', '--quiet', '--no-edit', 'main');
      assert.deepEqual(await severities(), ['error', 'error']);
      assert.equal((await check(root)).code, 1);
    });

    it('works in a folder that is not a git repository', async () => {
      const root = await policyFolder({ 'CLAUDE.md': await fixture('policy/CLAUDE.standard.md'), 'PLANNING.md': await planningFixture('no-front-matter.md') });
      const { code, problems } = await check(root, ['PLANNING.md']);
      // A gap, a warning as the review has it: the built-in checklist does not block on the planning doc.
      assert.deepEqual([code, problems[0].kind, problems[0].severity], [0, 'missing-front-matter', 'warning']);
    });
  });
});
