// Whom the PM zone binds: the one decision of the hook, the Action, the guard and the editor.
import * as assert from 'node:assert/strict';
import { parseZonePolicy, resolveIdentity, zoneBinding } from '../../../src/core/policy';

const ZONE = '## PM zone\n### PMs may edit\n- `**/i18n/*.json`\n### Pilot PMs\n';
const BOTH_LISTED = `${ZONE}| PM | e-mail |\n| --- | --- |\n| @alice | alice@acme.test |\n| @bob | bob@acme.test |\n`;
const BOB_UNLISTED = `${ZONE}| PM | e-mail |\n| --- | --- |\n| @alice | alice@acme.test |\n| @bob | |\n`;

function binding(markdown: string, who: { handle?: string; email?: string }) {
  return zoneBinding(resolveIdentity(parseZonePolicy(markdown), who));
}

describe('zoneBinding: whom the PM zone restricts', () => {
  it('binds an identified pilot PM, by e-mail or by a chosen handle', () => {
    const byEmail = binding(BOTH_LISTED, { email: 'ALICE@acme.test' });
    assert.equal(byEmail.bound, true);
    assert.equal(byEmail.bound && byEmail.pilot?.handle, '@alice');
    assert.equal(binding(BOTH_LISTED, { handle: 'bob', email: 'dana@acme.test' }).bound, true);
  });

  it('does not bind an engineer whose e-mail no pilot has, and says so in the words whoami uses', () => {
    const engineer = binding(BOTH_LISTED, { email: 'dana@acme.test' });
    assert.deepEqual(engineer, {
      bound: false,
      why: 'not-a-pilot',
      message: "Not a pilot PM: the PM zone does not restrict you (git's user.email dana@acme.test is not a pilot PM's in CLAUDE.md:4).",
    });
  });

  it('does not bind someone who names themselves as no pilot (the Action names the pull request author so)', () => {
    const named = binding(BOB_UNLISTED, { handle: '@dana' });
    assert.equal(named.bound, false);
    assert.match(named.message, /^Not a pilot PM: the PM zone does not restrict you \(@dana is not a listed pilot PM \(CLAUDE\.md:4\)\)\.$/);
  });

  it('binds, failing closed, whoever could be a pilot PM: no e-mail at all', () => {
    const nobody = binding(BOTH_LISTED, {});
    assert.equal(nobody.bound, true);
    assert.equal(nobody.bound && nobody.pilot, undefined);
    assert.match(nobody.message, /^Git has no user\.email and no identity was chosen, so PM Zone cannot tell whether you are a pilot PM: you are held to the PM zone as a pilot PM would be \(set git user\.email, or name yourself with --as @handle\)\.$/);
  });

  it("binds an e-mail the policy cannot rule out, because a pilot's own is not listed", () => {
    const maybeBob = binding(BOB_UNLISTED, { email: 'dana@acme.test' });
    assert.equal(maybeBob.bound, true);
    assert.deepEqual(maybeBob.bound && !maybeBob.pilot ? maybeBob.couldBe : undefined, ['@bob']);
    assert.match(maybeBob.message, /but @bob has no e-mail there, so PM Zone cannot tell you are not them: you are held to the PM zone as a pilot PM would be \(an engineer lists every pilot's e-mail/);
  });

  it('a GitHub noreply address names its account, so it settles the question either way', () => {
    assert.equal(binding(BOB_UNLISTED, { email: '12+bob@users.noreply.github.com' }).bound, true);
    assert.equal(binding(BOB_UNLISTED, { email: '12+dana@users.noreply.github.com' }).bound, false);
  });

  it('binds nobody without a zone or without pilots', () => {
    assert.deepEqual(binding('# Notes\n', { email: 'alice@acme.test' }), {
      bound: false,
      why: 'no-zone',
      message: 'Not a pilot PM: the PM zone does not restrict you (CLAUDE.md defines no PM zone, so nobody is a pilot PM here).',
    });
    const noPilots = binding(ZONE, {});
    assert.equal(noPilots.bound, false);
    assert.equal(!noPilots.bound && noPilots.why, 'no-pilots');
  });
});
