// The CODEOWNERS lines `controls --fix` proposes for a lock on a route folder:
// GitHub reads an unescaped `[` or `]` as an invalid line (character ranges
// are not supported) and `\[locale\]` as the name itself, so the line is
// written escaped, and owns the files the lock holds.
import * as assert from 'node:assert/strict';
import { compileCodeowners, parseCodeowners } from '../../../src/core/codeowners';
import { patternsOf as codeownersPatternsOf } from '../../../src/core/codeowners/suggest';

describe('CODEOWNERS lines for route folders', () => {
  it('escapes a route folder\'s brackets, keeps parentheses, and leaves a real character class for a person', () => {
    assert.deepEqual(codeownersPatternsOf('apps/web/src/app/[locale]/(auth)/**'), ['apps/web/src/app/\\[locale\\]/(auth)/**']);
    assert.deepEqual(codeownersPatternsOf('app/api/auth/[...nextauth]/**'), ['app/api/auth/\\[...nextauth\\]/**']);
    assert.deepEqual(codeownersPatternsOf('src/**/*.[jt]s'), ['# src/**/*.[jt]s']);
  });

  it('GitHub\'s reading of the line owns the sign-in page, and of an unescaped one nothing', () => {
    const [pattern] = codeownersPatternsOf('apps/web/src/app/[locale]/(auth)/**');
    const escaped = parseCodeowners(`${pattern} @acme/security\n`);
    assert.deepEqual(escaped.problems, []);
    assert.deepEqual(compileCodeowners(escaped).ownersOf('apps/web/src/app/[locale]/(auth)/login/page.tsx').owners, ['@acme/security']);
    const raw = parseCodeowners('apps/web/src/app/[locale]/(auth)/** @acme/security\n');
    assert.equal(raw.problems.length, 1);
    assert.deepEqual(compileCodeowners(raw).ownersOf('apps/web/src/app/[locale]/(auth)/login/page.tsx').owners, []);
  });
});
