import * as assert from 'node:assert/strict';
import { analyticsPiiCheck, analyticsRemovalCheck, isAnalyticsFile, nameWords, personalDataKind, propertyNames } from '../../../../src/core/review/checks/analytics';
import { bom, brief, changed, context, crlf, fixture, policy, run } from './context';

const EVENTS = 'src/features/checkout/analytics/events.ts';
const events = (name: string): string => fixture('analytics', name);
const additionsOnly = policy({
  mayEdit: [
    { glob: '**/i18n/*.json', line: 8, qualifiers: [] },
    { glob: '**/analytics/events.ts', line: 9, qualifiers: ['additions-only'], note: 'additions only' },
  ],
});

describe('analytics.removal', () => {
  it('accepts pure additions', async () => {
    const ctx = context([changed(EVENTS, events('events.before.ts'), events('events-added.after.ts'))], { policy: additionsOnly });
    assert.deepEqual(await run(analyticsRemovalCheck, ctx), []);
  });

  it('reports each removed or changed line at its nearest new line, but not a removed blank line', async () => {
    const ctx = context([changed(EVENTS, events('events.before.ts'), events('events-edited.after.ts'))], { policy: additionsOnly });
    const findings = await run(analyticsRemovalCheck, ctx);
    assert.deepEqual(brief(findings), [
      { check: 'analytics.removal', line: 1 },
      { check: 'analytics.removal', line: 8 },
    ]);
    assert.match(findings[0].message, /^Line 1 removed .*additions only/);
    assert.match(findings[1].message, /^Line 10 changed \(`properties: \{ couponCode: 'string' \},`\)/);
    assert.equal(findings[1].rule, '**/analytics/events.ts (additions only)');
    assert.ok(findings.every((finding) => finding.severity === 'error' && finding.blocking));
  });

  it('gives the same lines for CRLF and BOM files', async () => {
    const ctx = context([changed(EVENTS, crlf(events('events.before.ts')), bom(crlf(events('events-edited.after.ts'))))], { policy: additionsOnly });
    assert.deepEqual(brief(await run(analyticsRemovalCheck, ctx)), [
      { check: 'analytics.removal', line: 1 },
      { check: 'analytics.removal', line: 8 },
    ]);
  });

  it('does not count a moved or re-indented line as removed', async () => {
    const before = events('events.before.ts');
    const lines = before.split('\n');
    const moved = [lines[0], lines[1], ...lines.slice(7, 11), ...lines.slice(2, 7).map((line) => `  ${line}`), ...lines.slice(11)].join('\n');
    const ctx = context([changed(EVENTS, before, moved)], { policy: additionsOnly });
    assert.deepEqual(await run(analyticsRemovalCheck, ctx), []);
  });

  it('reports a deleted additions-only file once, at file level', async () => {
    const ctx = context([changed(EVENTS, events('events.before.ts'), undefined)], { policy: additionsOnly });
    assert.deepEqual(brief(await run(analyticsRemovalCheck, ctx)), [{ check: 'analytics.removal', line: null }]);
  });

  it('leaves files without the additions-only qualifier alone', async () => {
    const edit = changed(EVENTS, events('events.before.ts'), events('events-edited.after.ts'));
    assert.deepEqual(await run(analyticsRemovalCheck, context([edit])), []);
    const elsewhere = changed('src/features/checkout/i18n/en.json', '{"a": "x"}\n', '{"a": "y"}\n');
    assert.deepEqual(await run(analyticsRemovalCheck, context([elsewhere], { policy: additionsOnly })), []);
  });
});

describe('analytics.pii', () => {
  it('reports each added property that captures personal data, at its column', async () => {
    const ctx = context([changed(EVENTS, events('events.before.ts'), events('events-pii.after.ts'))]);
    const findings = await run(analyticsPiiCheck, ctx);
    assert.deepEqual(brief(findings), [
      { check: 'analytics.pii', line: 14, column: 19 },
      { check: 'analytics.pii', line: 14, column: 55 },
      { check: 'analytics.pii', line: 14, column: 62 },
      { check: 'analytics.pii', line: 15, column: 16 },
    ]);
    assert.match(findings[0].message, /`userEmail`.*e-mail address/);
    assert.match(findings[2].message, /`dateOfBirth`.*date of birth/);
    assert.match(findings[3].message, /`ip_address`.*IP address/);
    assert.ok(findings.every((finding) => finding.severity === 'error' && finding.blocking));
  });

  it('passes facts about personal data (verified, has…) and ordinary properties', async () => {
    const ctx = context([changed(EVENTS, events('events.before.ts'), events('events-added.after.ts'))]);
    assert.deepEqual(await run(analyticsPiiCheck, ctx), []);
  });

  it('looks only at added lines: existing properties are not re-reported', async () => {
    const after = events('events-pii.after.ts');
    const ctx = context([changed(EVENTS, after, `${after}// end\n`)]);
    assert.deepEqual(await run(analyticsPiiCheck, ctx), []);
  });

  it('reads JSON schemas under analytics/ too, and keeps columns with CRLF and BOM', async () => {
    const path = 'src/features/checkout/analytics/schema.json';
    const lf = await run(analyticsPiiCheck, context([changed(path, undefined, events('schema.after.json'))]));
    assert.deepEqual(brief(lf), [{ check: 'analytics.pii', line: 4, column: 8 }]);
    const other = await run(analyticsPiiCheck, context([changed(path, undefined, bom(crlf(events('schema.after.json'))))]));
    assert.deepEqual(brief(other), brief(lf));
    const firstLine = await run(analyticsPiiCheck, context([changed(path, undefined, bom('{"email": "string"}\n'))]));
    assert.deepEqual(brief(firstLine), [{ check: 'analytics.pii', line: 1, column: 3 }]);
  });

  it('ignores files outside analytics, deleted files and binary content', async () => {
    const pii = "export const e = { email: 'string' };\n";
    const ctx = context([
      changed('src/features/checkout/components/Form.tsx', undefined, pii),
      changed('src/analytics/old.ts', pii, undefined),
      { ...changed('src/analytics/blob.ts', undefined, `\u0000${pii}`), binary: true },
    ]);
    assert.deepEqual(await run(analyticsPiiCheck, ctx), []);
  });

  it('finds events.ts anywhere and files under any analytics folder', () => {
    assert.ok(isAnalyticsFile('src/events.ts'));
    assert.ok(isAnalyticsFile('lib/analytics/track.js'));
    assert.ok(!isAnalyticsFile('src/events/list.ts'));
    assert.ok(!isAnalyticsFile('src/myevents.ts'));
  });
});

describe('personal data in property names', () => {
  it('splits camelCase, snake_case, kebab-case and acronyms into words', () => {
    assert.deepEqual(nameWords('userIPAddress'), ['user', 'ip', 'address']);
    assert.deepEqual(nameWords('first_name'), ['first', 'name']);
    assert.deepEqual(nameWords('card-last4'), ['card', 'last', '4']);
  });

  it('recognises personal and protected data', () => {
    const personal = {
      email: 'e-mail address', customerEmailAddress: 'e-mail address', phone_number: 'phone number', ssn: 'social security number',
      socialSecurityNumber: 'social security number', dob: 'date of birth', birthDate: 'date of birth', street: 'postal address',
      postcode: 'postal address', cardNumber: 'payment card data', cvv: 'payment card data', pan: 'payment card data',
      diagnosis: 'health data', medicalHistory: 'health data', healthStatus: 'health data', ipAddress: 'IP address',
      lastName: "a person's name", fullName: "a person's name", passportNumber: 'passport number',
      driverLicenseId: 'licence number', licenseNumber: 'licence number', nationalId: 'national ID',
    };
    for (const [name, kind] of Object.entries(personal)) assert.equal(personalDataKind(name), kind, name);
  });

  it('does not match inside other words or facts about the data', () => {
    for (const name of ['company', 'companyName', 'tooltip', 'shipping', 'expand', 'emailVerified', 'hasPhone', 'isEmailValid', 'emailCount', 'cardType', 'healthCheck', 'plan', 'userName', '']) {
      assert.equal(personalDataKind(name), undefined, name);
    }
    assert.equal(personalDataKind('email', { booleanValue: true }), undefined);
  });

  it('finds keys, shorthand properties, read values and listed strings, skipping comments', () => {
    const names = (line: string) => propertyNames(line).map(({ name, column }) => [name, column]);
    assert.deepEqual(names("track('signup', { email, plan: form.phone });"), [['email', 19], ['plan', 26], ['phone', 37]]);
    assert.deepEqual(names("  fields: ['date_of_birth', \"plan\"],"), [['fields', 3], ['date_of_birth', 13], ['plan', 30]]);
    assert.deepEqual(names('  // email: string'), []);
    assert.deepEqual(names(' * phone: the number'), []);
    assert.deepEqual(names("  url: 'https://example.com/a', // phone"), [['url', 3]]);
  });

  it('reports a key and the value it reads once', async () => {
    const ctx = context([changed('src/analytics/events.ts', undefined, 'export const e = { phone_number: form.phone };\n')]);
    assert.deepEqual(brief(await run(analyticsPiiCheck, ctx)), [{ check: 'analytics.pii', line: 1, column: 20 }]);
  });

  it('scans a long added line in linear time', () => {
    const line = `{ ${'a'.repeat(50_000)}: x, ${'{ '.repeat(5_000)}`;
    const started = performance.now();
    propertyNames(line);
    assert.ok(performance.now() - started < 5000);
  });
});
