import * as assert from 'node:assert/strict';
import { parseZonePolicy } from '../../../src/core/policy';
import { buildRepositoryPolicy, configProblems, DEFAULT_SETTINGS, problemsFor, untrackedPolicyProblems } from '../../../src/core/repository';
import { isolatedGit, tempDir, tempRepo } from '../helpers/tempRepo';
import { globInWords, noteOfReason, reasonWords, zoneHover, zoneInWords, zoneSummary } from '../../../src/core/repository/describe';

describe('problemsFor', () => {
  // `**/auth/**` is engineering-only, and there is no CODEOWNERS: a boundary by convention only.
  const claude = '## PM zone\n### PMs may edit\n- `**/*.md`\n### Engineering only\n- `**/auth/**`\n- `not a glob ((`\n### Pilot PMs\n| PM | feature folders | e-mail |\n| --- | --- | --- |\n| @alice | `src/features/checkout/**` | alice@acme.test |\n';
  const policyAs = (email: string | undefined) => buildRepositoryPolicy({ ...DEFAULT_SETTINGS, email }, parseZonePolicy(claude, 'CLAUDE.md'), undefined);

  it("keeps engineering's to-do list (unenforced boundaries) from an identified pilot PM, and shows the rest", () => {
    const pm = policyAs('alice@acme.test');
    const all = configProblems(pm, ['src/auth/session.ts']);
    assert.ok(all.some((problem) => problem.kind === 'no-codeowners'), JSON.stringify(all));
    const shown = problemsFor(pm, all);
    const engineerings = new Set(['no-codeowners', 'unenforced', 'matches-nothing']);
    assert.ok(all.some((problem) => problem.kind === 'matches-nothing'), 'no Markdown file: `**/*.md` matches nothing');
    assert.ok(!shown.some((problem) => engineerings.has(problem.kind)));
    assert.equal(shown.length, all.filter((problem) => !engineerings.has(problem.kind)).length);
  });

  it('shows everything to someone who is not an identified pilot PM: an engineer', () => {
    const engineer = policyAs('dana@acme.test');
    const all = configProblems(engineer, ['src/auth/session.ts']);
    assert.deepEqual(problemsFor(engineer, all), all);
  });
});

describe('configProblems: owned flags only where flags cannot be read', () => {
  const claude = '## PM zone\n### PMs may edit\n- `**/flags.yaml` (owned flags only)\n- `src/flags.ts` (owned flags only)\n- `config/features/*.toml` (owned flags only)\n- `**/*.md`\n';
  const policy = buildRepositoryPolicy({ ...DEFAULT_SETTINGS }, parseZonePolicy(claude, 'CLAUDE.md'), undefined);

  it('says the qualifier cannot be checked on files whose flags PM Zone cannot read, on the glob’s line', () => {
    const problems = configProblems(policy, []).filter((problem) => problem.kind === 'uncheckable-qualifier');
    assert.deepEqual(problems.map(({ line, severity }) => [line, severity]), [[5, 'warning']]);
    assert.match(problems[0].message, /`config\/features\/\*\.toml` \(owned flags only\): PM Zone reads flags from YAML, JSON, and TypeScript or JavaScript objects and enums/);
  });
});

describe('zoneSummary', () => {
  const claude = '## PM zone\n### PMs may edit\n- `**/*.md`\n### Engineering only\n- `**/auth/**`\n';
  const policy = buildRepositoryPolicy({ ...DEFAULT_SETTINGS }, parseZonePolicy(claude, 'CLAUDE.md'), undefined);
  const answer = policy.zoneOf('src/auth/session.ts');

  it('tells an engineer that a boundary is not enforced, and a PM only what holds for them', () => {
    assert.equal(answer.unenforced, true);
    assert.match(zoneSummary(answer), /not enforced: no CODEOWNERS rule owns it/);
    assert.doesNotMatch(zoneSummary(answer, { forPm: true }), /enforced/);
    assert.match(zoneSummary(answer, { forPm: true }), /`\*\*\/auth\/\*\*` \(CLAUDE\.md:5\)/);
  });
});

describe('zoneHover', () => {
  const claude = '## PM zone\n### PMs may edit\n- `**/i18n/*.json` (user-facing strings)\n- `**/components/*.tsx` (inside own feature folder)\n### Engineering only\n- `**/auth/**`\n### Pilot PMs\n| PM | feature folders | e-mail |\n| --- | --- | --- |\n| @alice | `src/features/checkout/**` | alice@acme.test |\n';
  const policy = buildRepositoryPolicy({ ...DEFAULT_SETTINGS, email: 'alice@acme.test' }, parseZonePolicy(claude, 'CLAUDE.md'), undefined);
  const hover = (path: string) => zoneHover(policy.zoneOf(path), noteOfReason(policy.zone));

  it('leads with the answer: the zone, the rule in words (the line\'s own note first), then the glob and its line', () => {
    assert.equal(hover('src/features/checkout/i18n/en.json'), 'PM-editable: user-facing strings, .json files in a folder named i18n (rule `**/i18n/*.json`, CLAUDE.md:3).');
    assert.equal(hover('src/auth/session.ts'), 'Engineering only: anything in a folder named auth (rule `**/auth/**`, CLAUDE.md:6). Not enforced: no CODEOWNERS rule owns it.');
    assert.match(hover('src/components/Button.tsx'), /^Outside the PM zone: PM-editable only inside your own feature folders, and this file is not in them \(.*\) \(rule `\*\*\/components\/\*\.tsx`, CLAUDE\.md:4\)\./);
    assert.match(hover('CLAUDE.md'), /^Engineering only: Policy files are not edited by those they bind\./);
    // A built-in reason keeps what it says before its colon; only a repeated zone title goes.
    const linked = { ...policy.zoneOf('AGENTS.md'), reasons: [{ source: 'built-in', line: null, rule: 'AGENTS.md', message: 'A policy file (CLAUDE.md is a link to this file): policy files are not edited by those they bind' }] };
    assert.equal(zoneHover(linked), 'Engineering only: A policy file (CLAUDE.md is a link to this file): policy files are not edited by those they bind.');
    const planning = { ...policy.zoneOf('x'), zone: 'editable' as const, reasons: [{ source: 'built-in', line: null, rule: 'planning-doc', message: 'PM-editable: a planning doc of a feature (yours)' }] };
    assert.equal(zoneHover(planning), 'PM-editable: a planning doc of a feature (yours).');
  });

  it('says the same in words alone for a PM (the locked-file warning, "Why is this file locked?"): no glob', () => {
    const words = (path: string) => zoneInWords(policy.zoneOf(path), noteOfReason(policy.zone));
    assert.equal(words('src/auth/session.ts'), 'Engineering only: anything in a folder named auth (CLAUDE.md:6).');
    assert.equal(words('src/features/checkout/i18n/en.json'), 'PM-editable: user-facing strings, .json files in a folder named i18n (CLAUDE.md:3).');
    assert.doesNotMatch(words('src/components/Button.tsx'), /`|components\/\*/);
    const [reason] = policy.zoneOf('src/auth/session.ts').reasons;
    assert.equal(reasonWords(reason), 'anything in a folder named auth');
    assert.equal(reasonWords({ source: 'CLAUDE.md', line: 9, rule: 'src/**/*.{ts,tsx}', message: 'Engineering only: matches `src/**/*.{ts,tsx}`' }), 'a rule of CLAUDE.md');
  });

  it('says the common shapes of a glob in words, and leaves the rest as written', () => {
    assert.equal(globInWords('**/auth/**'), 'anything in a folder named auth');
    assert.equal(globInWords('/.github/workflows/**'), 'anything in .github/workflows/');
    assert.equal(globInWords('**/*.md'), 'every .md file');
    assert.equal(globInWords('**/analytics/events.ts'), 'every events.ts in a folder named analytics');
    assert.equal(globInWords('**/flags.yaml'), 'every file named flags.yaml');
    assert.equal(globInWords('CLAUDE.md'), 'the file CLAUDE.md');
    assert.equal(globInWords('src/**/*.{ts,tsx}'), undefined);
  });
});

describe('untrackedPolicyProblems', () => {
  it('makes up no problem where git cannot answer: a folder that is not a repository', async () => {
    const folder = await tempDir('not-a-repository');
    const policy = buildRepositoryPolicy({ ...DEFAULT_SETTINGS }, parseZonePolicy('## PM zone\n### PMs may edit\n- `**/*.md`\n', 'CLAUDE.md'), undefined);
    assert.deepEqual(await untrackedPolicyProblems(policy, isolatedGit(folder), async () => true), []);
  });

  it('asks git of a policy file named like pathspec magic as the file it is: `:(top)POLICY.md`, ignored by `:*`, is said to be ignored', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { '.gitignore': ':*\n', 'README.md': '# x\n' } }] });
    await repo.write({ ':(top)POLICY.md': '## PM zone\n' });
    const policy = buildRepositoryPolicy({ ...DEFAULT_SETTINGS }, parseZonePolicy('## PM zone\n### PMs may edit\n- `**/*.md`\n', ':(top)POLICY.md'), undefined);
    const [problem] = await untrackedPolicyProblems(policy, repo.git, async (file) => file === ':(top)POLICY.md');
    assert.equal(problem?.file, ':(top)POLICY.md');
    assert.match(problem.message, /^:\(top\)POLICY\.md is not tracked by git \(\.gitignore ignores it\):.*\(git add -f :\(top\)POLICY\.md\)\.$/);
  });
});
