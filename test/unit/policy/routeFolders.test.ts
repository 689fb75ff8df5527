// Globs that name route folders the way Next.js, SvelteKit and Nuxt write
// them (`[locale]`, `(auth)`, `@modal`, `[...slug]`, `+page.svelte`). The
// layouts are those of public apps (a Next.js monorepo with `[locale]/(auth)`
// sign-in pages, route groups, catch-all and parallel routes; a SvelteKit
// app; a Nuxt app), made into small path lists: the benign probes must stay
// editable, the true violations must lock.
import * as assert from 'node:assert/strict';
import { parseZonePolicy, resolveZone, type ZoneAnswer } from '../../../src/core/policy';
import { globMatcher, isAmbiguousSegment } from '../../../src/core/policy/globReadings';
import { buildRepositoryPolicy, configProblems, DEFAULT_SETTINGS } from '../../../src/core/repository';
import { withNamesInRepository } from '../../../src/core/repository/namesInRepository';
import { GLOB_OPTIONS } from '../../../src/core/policy';
import { cli, isolateGitConfig, parsed } from '../cli/support/cli';
import { answerOf, guardIn } from '../agents/support';
import { tempRepo } from '../helpers/tempRepo';

const CLAUDE = [
  '# Acme', // 1
  '', // 2
  '## PM zone', // 3
  '', // 4
  '### PMs may edit', // 5
  '- `apps/web/src/app/[locale]/(marketing)/**`', // 6
  '- `apps/landing/src/app/[locale]/(main)/blog/[slug]/**`', // 7
  '- `src/routes/(marketing)/[slug]/+page.svelte`', // 8
  '- `pages/blog/[...slug].vue`', // 9
  '- `content/[ab]/**`', // 10
  '- `docs/[a-z]*.md`', // 11
  '', // 12
  '### Engineering only', // 13
  '- `apps/web/src/app/[locale]/(auth)/**`', // 14
  '- `app/@modal/(.)login/**`', // 15
  '- `app/api/auth/[...nextauth]/**`', // 16
  '- `apps/web/src/app/[locale]/(billing)/**`', // 17
  '', // 18
  '### Pilot PMs', // 19
  '| PM | feature folders | e-mail |', // 20
  '| --- | --- | --- |', // 21
  '| @alice | `apps/web/src/app/[locale]/(marketing)/pricing` | alice@acme.test |', // 22
  '',
].join('\n');

/** The repository's files: route folders as the apps name them. `(billing)` has no file yet. */
const PATHS = [
  'apps/web/src/app/[locale]/(auth)/login/page.tsx',
  'apps/web/src/app/[locale]/(auth)/forgot-password/components/forgot-password-form.tsx',
  'apps/web/src/app/[locale]/(auth)/layout.tsx',
  'apps/web/src/app/[locale]/(marketing)/pricing/page.tsx',
  'apps/web/src/app/[locale]/(marketing)/page.tsx',
  'apps/landing/src/app/[locale]/(main)/blog/[slug]/page.tsx',
  'apps/landing/src/app/[locale]/(main)/[...notFound]/page.tsx',
  'app/@modal/(.)login/page.tsx',
  'app/api/auth/[...nextauth]/route.ts',
  'src/routes/(marketing)/[slug]/+page.svelte',
  'pages/blog/[...slug].vue',
  'content/a/intro.md',
  'docs/intro.md',
];

function policyWith(names: string[] | undefined) {
  const zone = parseZonePolicy(CLAUDE, 'CLAUDE.md');
  return buildRepositoryPolicy({ ...DEFAULT_SETTINGS, email: 'alice@acme.test' }, names === undefined ? zone : { ...zone, namesInRepository: names }, undefined);
}

async function listedPolicy(paths: string[]) {
  const zone = await withNamesInRepository(parseZonePolicy(CLAUDE, 'CLAUDE.md'), { listFiles: async () => paths });
  return buildRepositoryPolicy({ ...DEFAULT_SETTINGS, email: 'alice@acme.test' }, zone, undefined);
}

const reasonsOf = (answer: ZoneAnswer) => answer.reasons.map((reason) => `${reason.line}: ${reason.message}`);

describe('route folders in policy globs', () => {
  it('reads bracket classes and extglobs as ambiguous, and wildcards as patterns meant', () => {
    for (const segment of ['[locale]', '[...slug]', '[[...slug]]', '[slug].vue', '[...slug].vue', '@(a|b)']) assert.ok(isAmbiguousSegment(segment), segment);
    for (const segment of ['(auth)', '@modal', '+page.svelte', '(.)login', '*.[jt]s', '[a-z]*.md', '**', '{a,b}', 'src']) assert.ok(!isAmbiguousSegment(segment), segment);
  });

  it('true violations: the sign-in pages, a parallel route and the auth API under their route folders lock, and say which reading matched', async () => {
    const policy = await listedPolicy(PATHS);
    for (const path of ['apps/web/src/app/[locale]/(auth)/login/page.tsx', 'apps/web/src/app/[locale]/(auth)/layout.tsx', 'app/@modal/(.)login/page.tsx', 'app/api/auth/[...nextauth]/route.ts']) {
      assert.equal(policy.zoneOf(path).zone, 'locked', path);
    }
    assert.deepEqual(reasonsOf(policy.zoneOf('apps/web/src/app/[locale]/(auth)/login/page.tsx')), [
      '14: Engineering only: matches `apps/web/src/app/[locale]/(auth)/**` (`[locale]` read as the name written)',
    ]);
  });

  it('a lock holds under either reading, and for a folder no file is in yet', async () => {
    const policy = await listedPolicy(PATHS);
    const answer = policy.zoneOf('apps/web/src/app/l/(auth)/login/page.tsx');
    assert.equal(answer.zone, 'locked');
    assert.match(reasonsOf(answer)[0], /`\[locale\]` read as a glob pattern; a lock holds under either reading/);
    assert.equal(policy.zoneOf('apps/web/src/app/[locale]/(billing)/invoices/page.tsx').zone, 'locked');
    assert.equal(policyWith(undefined).zoneOf('apps/web/src/app/[locale]/(auth)/login/page.tsx').zone, 'locked', 'with no listing too');
  });

  it('benign probes: pages under PM-editable route folders stay editable, and say how the glob was read', async () => {
    const policy = await listedPolicy(PATHS);
    for (const path of [
      'apps/web/src/app/[locale]/(marketing)/pricing/page.tsx',
      'apps/web/src/app/[locale]/(marketing)/page.tsx',
      'apps/landing/src/app/[locale]/(main)/blog/[slug]/page.tsx',
      'src/routes/(marketing)/[slug]/+page.svelte',
      'pages/blog/[...slug].vue',
      'docs/intro.md',
    ]) {
      assert.equal(policy.zoneOf(path).zone, 'editable', path);
    }
    assert.deepEqual(reasonsOf(policy.zoneOf('pages/blog/[...slug].vue')), ['9: PM-editable: matches `pages/blog/[...slug].vue` (`[...slug].vue` read as the name written, the narrower reading)']);
  });

  it('PM-editable: where the repository has the name, the name as written wins (narrower); where it has none, the pattern', async () => {
    const policy = await listedPolicy([...PATHS, 'apps/web/src/app/l/(marketing)/page.tsx']);
    assert.equal(policy.zoneOf('apps/web/src/app/l/(marketing)/page.tsx').zone, 'outside', 'the class reading is not taken when the folder [locale] exists');
    // `content/[ab]/**`: no folder is named `[ab]`, so it is the class its author wrote.
    assert.equal(policy.zoneOf('content/a/intro.md').zone, 'editable');
    assert.match(reasonsOf(policy.zoneOf('content/a/intro.md'))[0], /`\[ab\]` read as a glob pattern: no file or folder of the repository is named so/);
    assert.equal(policy.zoneOf('content/[ab]/intro.md').zone, 'outside');
  });

  it('PM-editable with no listing of the repository: the name as written, never the wider pattern', () => {
    const policy = policyWith(undefined);
    assert.equal(policy.zoneOf('apps/web/src/app/[locale]/(marketing)/page.tsx').zone, 'editable');
    assert.equal(policy.zoneOf('apps/web/src/app/l/(marketing)/page.tsx').zone, 'outside');
    assert.equal(policy.zoneOf('content/a/intro.md').zone, 'outside');
  });

  it('a feature folder with a route folder in it is read the same way: own-feature-folder planning docs', async () => {
    const policy = await listedPolicy(PATHS);
    const planning = policy.zoneOf('apps/web/src/app/[locale]/(marketing)/pricing/PLANNING.md');
    assert.equal(planning.zone, 'editable');
    assert.match(reasonsOf(planning)[0], /planning doc/);
    assert.equal(policy.zoneOf('apps/web/src/app/l/(marketing)/pricing/PLANNING.md').zone, 'outside');
  });

  it('a lock with more ambiguous segments than it tries one by one reads them as wildcards, locking at least both readings', () => {
    const glob = 'a/[b]/[c]/[d]/[e]/[f]/**';
    const matcher = globMatcher(glob, GLOB_OPTIONS, 'deny', undefined);
    assert.ok(matcher.match('a/[b]/[c]/[d]/[e]/[f]/x'));
    assert.ok(matcher.match('a/b/c/d/e/f/x'));
    assert.ok(matcher.match('a/[b]/c/[d]/e/[f]/x'));
  });

  it('check-config warns on every engineering-only and PM-editable glob that matches no file, on its line; a route folder glob matches', async () => {
    const policy = await listedPolicy(PATHS);
    const unmatched = configProblems(policy, PATHS).filter((problem) => problem.kind === 'matches-nothing');
    assert.deepEqual(unmatched.map((problem) => [problem.line, problem.severity]), [[17, 'warning']]);
    assert.match(unmatched[0].message, /^`apps\/web\/src\/app\/\[locale\]\/\(billing\)\/\*\*` \(engineering-only\) matches no file in the repository, so it locks nothing/);
    const gone = configProblems(policy, PATHS.filter((path) => !path.startsWith('docs/'))).filter((problem) => problem.kind === 'matches-nothing');
    assert.deepEqual(gone.map((problem) => problem.line), [11, 17]);
    assert.match(gone[0].message, /\(PM-editable\) matches no file in the repository, so it opens nothing/);
    assert.deepEqual(configProblems(policy, [], { complete: false }).filter((problem) => problem.kind === 'matches-nothing'), [], 'a list cut short says nothing');
  });

  it('the resolver answers the same for a policy object given the names directly', () => {
    const direct = resolveZone('apps/web/src/app/[locale]/(marketing)/page.tsx', { policy: { ...parseZonePolicy(CLAUDE, 'CLAUDE.md'), namesInRepository: ['[locale]'] }, policyFiles: ['CLAUDE.md'] });
    assert.equal(direct.zone, 'editable');
  });
});

describe('route folders through the command line and the coding agents\' guard', () => {
  isolateGitConfig();
  let root: string;

  before(async () => {
    const files = Object.fromEntries([...PATHS.map((path) => [path, 'export {};\n']), ['CLAUDE.md', CLAUDE]]);
    root = (await tempRepo({ commits: [{ message: 'routes', files }], config: { 'user.email': 'alice@acme.test' } })).root;
  });

  it('`explain` locks the sign-in page and says the folder name was read as written', async () => {
    const run = await cli(['explain', '--json', '--cwd', root, 'apps/web/src/app/[locale]/(auth)/login/page.tsx', 'apps/web/src/app/[locale]/(marketing)/page.tsx']);
    const answers = parsed<{ path: string; zone: string; reasons: { message: string }[] }[]>(run);
    assert.deepEqual(answers.map((answer) => [answer.path, answer.zone]), [
      ['apps/web/src/app/[locale]/(auth)/login/page.tsx', 'locked'],
      ['apps/web/src/app/[locale]/(marketing)/page.tsx', 'editable'],
    ]);
    assert.match(answers[0].reasons[0].message, /`\[locale\]` read as the name written/);
  });

  it('`check-config` names the glob that matches nothing, with its line', async () => {
    const run = await cli(['check-config', '--cwd', root]);
    assert.match(run.stdout, /^CLAUDE\.md:17:1 {2}warning {2}matches-nothing {2}`apps\/web\/src\/app\/\[locale\]\/\(billing\)\/\*\*`/m);
    assert.doesNotMatch(run.stdout, /CLAUDE\.md:14:/);
  });

  it('the guard denies an agent\'s Edit of the sign-in page', async () => {
    const guard = guardIn(root);
    const output = await guard.run('claude', {
      session_id: 's', transcript_path: '/t.jsonl', cwd: root, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_use_id: 't',
      tool_input: { file_path: `${root}/apps/web/src/app/[locale]/(auth)/login/page.tsx`, old_string: 'a', new_string: 'b', replace_all: false },
    });
    const answer = answerOf(output) as { hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string } };
    assert.equal(answer.hookSpecificOutput.permissionDecision, 'deny');
    assert.match(answer.hookSpecificOutput.permissionDecisionReason, /\[locale\]\/\(auth\)\/\*\*/);
  });
});
