import * as assert from 'node:assert/strict';
import { parseZonePolicy, resolveIdentity } from '../../../src/core/policy';
import { zoneBinding } from '../../../src/core/policy/binding';
import { cli, isolateGitConfig, parsed } from '../cli/support/cli';
import { policyFolder } from '../cli/support/folders';

// A policy PM Zone cannot read fails closed and is an error: a pilot PMs
// table markdown does not read as a table binds whoever it could name, and a
// glob cut short by a backtick still locks.
const POLICY = [
  '## PM zone',
  '### PMs may edit',
  '- `**/i18n/*.json`',
  '- `src/features/**',
  '### Engineering only',
  '- `**/payments/**`',
  '- `**/migrations/',
  '### Pilot PMs',
  '| PM | Feature folders | E-mail |',
  '| --- | --- |',
  '| @alice | `src/features/checkout` | alice@acme.test |',
  '| @bob | `src/features/search` | |',
  '',
].join('\n');

describe('a policy that cannot be read fails closed', () => {
  isolateGitConfig();

  it('a pilot PMs table with too few delimiter cells is an error, and binds its pilots and anyone it cannot rule out', () => {
    const policy = parseZonePolicy(POLICY);
    const problem = policy.problems.find((entry) => entry.kind === 'unreadable-pilots');
    assert.equal(problem?.severity, 'error');
    assert.equal(problem?.line, 9);
    assert.match(problem?.message ?? '', /second row has 2 cells for 3 columns/);
    assert.deepEqual(policy.pilots.map((pilot) => [pilot.handle, pilot.email ?? null, pilot.featureFolders]), [['@alice', 'alice@acme.test', []], ['@bob', null, []]]);
    const alice = zoneBinding(resolveIdentity(policy, { email: 'alice@acme.test' }));
    assert.equal(alice.bound && alice.pilot?.handle, '@alice');
    const someone = zoneBinding(resolveIdentity(policy, { email: 'eng@acme.test' }));
    assert.equal(someone.bound, true);
    assert.match(someone.message, /pilot PMs table of CLAUDE\.md:9 cannot be read/);
  });

  it('a pilot PMs table with no PM column is an error naming its columns, and binds its people and anyone it cannot rule out', () => {
    const policy = parseZonePolicy([
      '## PM zone',
      '### Engineering only',
      '- `**/payments/**`',
      '### Pilot PMs',
      '| Product manager person | Feature folders | Engineering DRI | E-mail |',
      '| --- | --- | --- | --- |',
      '| Alice (@alice) | `src/features/checkout` | @dana | alice@acme.test |',
      '| Bob | `packages/@acme/search` | @dana | bob@acme.test |',
      '',
    ].join('\n'));
    const problem = policy.problems.find((entry) => entry.kind === 'missing-column');
    assert.equal(problem?.severity, 'error');
    assert.equal(problem?.line, 5);
    assert.match(problem?.message ?? '', /no PM column \(its columns are "Product manager person", "Feature folders", "Engineering DRI", "E-mail"\)/);
    assert.match(problem?.message ?? '', /held to the zone as a pilot PM would be/);
    assert.equal(policy.pilotsUnreadable, 5);
    // The DRI and folder columns name no pilot; @alice is read from her row, with no feature folders.
    assert.deepEqual(policy.pilots.map((pilot) => [pilot.handle, pilot.email ?? null, pilot.featureFolders]), [['@alice', 'alice@acme.test', []]]);
    const alice = zoneBinding(resolveIdentity(policy, { email: 'alice@acme.test' }));
    assert.equal(alice.bound && alice.pilot?.handle, '@alice');
    for (const email of ['bob@acme.test', 'eng@acme.test']) {
      const someone = zoneBinding(resolveIdentity(policy, { email }));
      assert.equal(someone.bound, true, email);
      assert.match(someone.message, /pilot PMs table of CLAUDE\.md:5 cannot be read/);
    }
  });

  it('a glob with an unclosed backtick is an error: an engineering-only one still locks, a PM-editable one opens nothing', () => {
    const policy = parseZonePolicy(POLICY);
    assert.deepEqual(policy.problems.filter((entry) => entry.kind === 'unclosed-backtick').map((entry) => [entry.line, entry.severity]), [[4, 'error'], [7, 'error']]);
    assert.deepEqual(policy.engineeringOnly.map((rule) => rule.glob), ['**/payments/**', '**/migrations/**']);
    assert.deepEqual(policy.mayEdit.map((rule) => rule.glob), ['**/i18n/*.json']);
  });

  it('check-config exits 1 on both, and explain locks the migrations', async () => {
    const root = await policyFolder({ 'CLAUDE.md': POLICY, '.github/CODEOWNERS': '* @acme/eng\n', 'db/migrations/001.sql': 'select 1;\n' });
    const run = await cli(['check-config', '--json', '--cwd', root]);
    assert.equal(run.code, 1);
    const kinds = parsed<{ problems: { kind: string; severity: string }[] }>(run).problems.filter((entry) => entry.severity === 'error').map((entry) => entry.kind);
    assert.deepEqual(kinds.sort(), ['unclosed-backtick', 'unclosed-backtick', 'unreadable-pilots']);
    const [answer] = parsed<{ zone: string }[]>(await cli(['explain', '--json', 'db/migrations/001.sql', '--cwd', root]));
    assert.equal(answer.zone, 'locked');
  });

  it('an engineering-only folder written with its slash locks what is in it; a PM-editable one opens nothing', () => {
    const policy = parseZonePolicy(['## PM zone', '### PMs may edit', '- `src/features/`', '### Engineering only', '- `**/migrations/`', '- `infra/`', ''].join('\n'));
    assert.deepEqual(policy.engineeringOnly.map((rule) => rule.glob), ['**/migrations/**', 'infra/**']);
    assert.deepEqual(policy.mayEdit.map((rule) => rule.glob), ['src/features/']);
  });
});
