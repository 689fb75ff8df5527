import * as assert from 'node:assert/strict';
import { parseZonePolicy } from '../../../src/core/policy';
import { buildRepositoryPolicy, configProblems, DEFAULT_SETTINGS, problemsFor, untrackedPolicyProblems } from '../../../src/core/repository';
import { isolatedGit, tempDir } from '../helpers/tempRepo';
import { zoneSummary } from '../../../src/core/repository/describe';

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

describe('untrackedPolicyProblems', () => {
  it('makes up no problem where git cannot answer: a folder that is not a repository', async () => {
    const folder = await tempDir('not-a-repository');
    const policy = buildRepositoryPolicy({ ...DEFAULT_SETTINGS }, parseZonePolicy('## PM zone\n### PMs may edit\n- `**/*.md`\n', 'CLAUDE.md'), undefined);
    assert.deepEqual(await untrackedPolicyProblems(policy, isolatedGit(folder), async () => true), []);
  });
});
