import * as assert from 'node:assert/strict';
import { findPilot, parseZonePolicy } from '../../../src/core/policy';
import { fixture } from './helpers';

const policy = parseZonePolicy(fixture('full-claude-md.md'));

describe('findPilot', () => {
  it('finds a pilot by handle, with or without @, in any case', () => {
    for (const handle of ['@alice', 'alice', 'ALICE', ' @Alice ']) {
      assert.equal(findPilot(policy, { handle })?.handle, '@alice', handle);
    }
  });

  it('finds a pilot by e-mail, ignoring case, when no handle is given', () => {
    assert.equal(findPilot(policy, { email: 'bob@acme.com' })?.handle, '@bob');
    assert.equal(findPilot(policy, { email: ' ALICE@ACME.COM ' })?.handle, '@alice');
    assert.equal(findPilot(policy, { handle: '', email: 'bob@acme.com' })?.handle, '@bob');
  });

  it('lets an explicit handle decide alone', () => {
    assert.equal(findPilot(policy, { handle: '@mallory', email: 'alice@acme.com' }), undefined);
    assert.equal(findPilot(policy, { handle: '@bob', email: 'alice@acme.com' })?.handle, '@bob');
  });

  it('finds no one for unknown, empty or partial identities', () => {
    assert.equal(findPilot(policy, {}), undefined);
    assert.equal(findPilot(policy, { handle: '@' }), undefined);
    assert.equal(findPilot(policy, { handle: '@ali' }), undefined);
    assert.equal(findPilot(policy, { email: 'alice@acme.co' }), undefined);
    assert.equal(findPilot(policy, { email: '' }), undefined);
    assert.equal(findPilot(parseZonePolicy(''), { handle: 'alice' }), undefined);
  });

  it('does not match a pilot without an e-mail to an empty e-mail', () => {
    const noEmail = parseZonePolicy('## PM zone\n### Engineering only\n- `a/**`\n### Pilot PMs\n- @carol: `x/**`\n');
    assert.equal(findPilot(noEmail, { email: '   ' }), undefined);
    assert.equal(findPilot(noEmail, { email: 'undefined' }), undefined);
  });
});
