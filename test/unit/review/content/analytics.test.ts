import * as assert from 'node:assert/strict';
import { analyticsPiiCheck, analyticsRemovalCheck, isAnalyticsFile, nameWords, personalDataKind, propertyNames } from '../../../../src/core/review/checks/analytics';
import { isTrackingWrapper } from '../../../../src/core/review/checks/trackingCalls';
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

  it('reports an event renamed and a property removed, once per old line, at its nearest new line', async () => {
    const ctx = context([changed(EVENTS, events('events.before.ts'), events('events-renamed.after.ts'))], { policy: additionsOnly });
    const findings = await run(analyticsRemovalCheck, ctx);
    assert.deepEqual(brief(findings), [
      { check: 'analytics.removal', line: 5 },
      { check: 'analytics.removal', line: 9 },
    ]);
    assert.match(findings[0].message, /^`itemCount` and `'number'` \(line 5\) were renamed or changed \(line 5 now reads `properties: \{ plan: 'string' \},`\): this file takes additions only/);
    assert.match(findings[1].message, /^`'coupon_applied'` \(line 9\) was renamed or changed \(line 9 now reads `name: 'coupon_redeemed',`\)/);
    assert.equal(findings[0].rule, '**/analytics/events.ts (additions only)');
    assert.ok(findings.every((finding) => finding.severity === 'error' && finding.blocking));
  });

  it('accepts comments, imports, quotes and line breaks changed around the same events', async () => {
    const ctx = context([changed(EVENTS, events('events.before.ts'), events('events-reformatted.after.ts'))], { policy: additionsOnly });
    assert.deepEqual(await run(analyticsRemovalCheck, ctx), []);
  });

  it('gives the same lines for CRLF and BOM files', async () => {
    const ctx = context([changed(EVENTS, crlf(events('events.before.ts')), bom(crlf(events('events-renamed.after.ts'))))], { policy: additionsOnly });
    assert.deepEqual(brief(await run(analyticsRemovalCheck, ctx)).map((item) => item.line), [5, 9]);
  });

  it('reports a removed union member and a removed enum member, not a removed import', async () => {
    const before = "import { send } from './send';\n\nexport type CheckoutEvent =\n  | { name: 'checkout_viewed'; itemCount: number }\n  | { name: 'checkout_payment_failed'; reason: 'declined' | 'network' };\n\nexport enum Step {\n  Cart = 'cart',\n  Payment,\n}\n";
    const after = "export type CheckoutEvent =\n  | { name: 'checkout_viewed'; itemCount: number };\n\nexport enum Step {\n  Cart = 'cart',\n}\n";
    const findings = await run(analyticsRemovalCheck, context([changed(EVENTS, before, after)], { policy: additionsOnly }));
    assert.deepEqual(findings.map((finding) => finding.message.slice(0, finding.message.indexOf(') ') + 1)), [
      "`name`, `'checkout_payment_failed'`, `reason`, `'declined'` and `'network'` (line 5)",
      '`Payment` (line 9)',
    ]);
  });

  it('blames the removed line for a name that is also listed elsewhere', async () => {
    const before = "export type E =\n  | { name: 'viewed' }\n  | { name: 'failed'; reason: string };\n\nexport const NAMES = ['viewed', 'failed'] as const;\n";
    const after = "export type E =\n  | { name: 'viewed' };\n\nexport const NAMES = ['viewed', 'failed'] as const;\n";
    const findings = await run(analyticsRemovalCheck, context([changed(EVENTS, before, after)], { policy: additionsOnly }));
    assert.deepEqual(findings.map((finding) => finding.message.slice(0, finding.message.indexOf(') ') + 1)), ["`name`, `'failed'` and `reason` (line 3)"]);
  });

  it('compares files that are not code line by line', async () => {
    const yamlRule = policy({ mayEdit: [{ glob: '**/analytics/events.yaml', line: 9, qualifiers: ['additions-only'], note: 'additions only' }] });
    const path = 'src/analytics/events.yaml';
    const findings = await run(analyticsRemovalCheck, context([changed(path, 'events:\n  - checkout_started\n  - coupon_applied\n', 'events:\n  - checkout_started\n')], { policy: yamlRule }));
    assert.deepEqual(findings.map((finding) => /^Line 3 removed \(`- coupon_applied`\): this file takes additions only/.test(finding.message)), [true]);
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

  describe('tracking calls wherever they are written', () => {
    const FORM = 'src/features/signup/components/SignupForm.tsx';
    const form = (body: string) => `import posthog from 'posthog-js';\nimport { useForm } from 'react-hook-form';\n\nexport function SignupForm({ user }) {\n${body}\n}\n`;

    it('reports personal data in the payload of a vendor call, on its line and column', async () => {
      const after = form("  posthog.capture('signup_completed', { plan: user.plan, email: user.email });");
      const findings = await run(analyticsPiiCheck, context([changed(FORM, form(''), after)]));
      assert.deepEqual(brief(findings), [{ check: 'analytics.pii', line: 5, column: 58 }]);
      assert.equal(findings[0].message, 'Property `email` sent with `posthog.capture(…)` looks like personal data (e-mail address): analytics events must not capture personal or protected data.');
      assert.equal(findings[0].blocking, true);
    });

    it('follows a payload over several lines, and looks only at the added ones', async () => {
      const before = form("  analytics.identify(user.id, {\n    plan: user.plan,\n  });");
      const after = form("  analytics.identify(user.id, {\n    plan: user.plan,\n    phone: user.phone,\n  });");
      assert.deepEqual(brief(await run(analyticsPiiCheck, context([changed(FORM, before, after)]))), [{ check: 'analytics.pii', line: 7, column: 5 }]);
      const untouched = form("  analytics.identify(user.id, {\n    email: user.email,\n    plan: user.plan,\n  });");
      const edited = untouched.replace('plan: user.plan', 'plan: user.plan ?? "free"');
      assert.deepEqual(await run(analyticsPiiCheck, context([changed(FORM, untouched, edited)])), [], 'an existing property is not reported again');
    });

    it('knows the common SDKs and wrappers: track, gtag, mixpanel, amplitude, Segment', async () => {
      const calls = [
        "  track('checkout_completed', { customerEmail });",
        "  gtag('event', 'purchase', { user_email: user.email });",
        "  mixpanel.people.set({ $email: user.email, lastName: user.lastName });",
        "  amplitude.getInstance().logEvent('login', { ip_address: ip });",
        "  window.analytics.track('Order Completed', { address: order.address });",
        "  segment.identify(user.id, { email: user.email });",
        "  heap.addUserProperties({ phone: user.phone });",
      ];
      for (const call of calls) {
        const findings = await run(analyticsPiiCheck, context([changed(FORM, form(''), form(call))]));
        assert.ok(findings.length > 0, call);
      }
    });

    it('leaves alone what is not a tracking call: form fields, definitions, other libraries', async () => {
      const calls = [
        "  const { register } = useForm();\n  return <input {...register('email')} name=\"email\" />;",
        '  function track(event: { email: string; plan: string }) {\n    send(event);\n  }',
        "  Sentry.captureException(error, { extra: { email: user.email } });",
        "  track('plan_changed', { plan: user.plan, hasEmail: Boolean(user.email) });",
        "  const path = segment.replace(/:id/, String(user.id), { email: user.email });",
        "  heap.push({ address: node.address });",
      ];
      for (const call of calls) {
        assert.deepEqual(await run(analyticsPiiCheck, context([changed(FORM, form(''), form(call))])), [], call);
      }
    });
  });

  describe("a project's own wrapper of a vendor's call, outside any analytics folder", () => {
    // In the shape of formbricks' server actions calling its lib/posthog/capture.ts helpers.
    const ACTIONS = 'apps/web/app/(app)/environments/actions.ts';
    const base = fixture('analytics', 'organization-actions.ts');

    it('reads capturePostHogEvent(…) and groupIdentifyPostHog(…) as tracking calls: an address added to the payload blocks', async () => {
      const after = base.replace('organization_id: newOrganization.id,', 'organization_id: newOrganization.id,\n    email: ctx.user.email,');
      const findings = await run(analyticsPiiCheck, context([changed(ACTIONS, base, after)]));
      assert.deepEqual(brief(findings), [{ check: 'analytics.pii', line: 9, column: 5 }]);
      assert.match(findings[0].message, /sent with `capturePostHogEvent\(…\)`/);
      const identified = base.replace('name: newOrganization.name,', 'name: newOrganization.name,\n    owner_phone: ctx.user.phone,');
      assert.deepEqual(brief(await run(analyticsPiiCheck, context([changed(ACTIONS, base, identified)]))), [{ check: 'analytics.pii', line: 12, column: 5 }]);
    });

    it('an e-mail domain is a fact about an address, and a test’s mocked call sends nothing', async () => {
      assert.deepEqual(await run(analyticsPiiCheck, context([changed(ACTIONS, undefined, base)])), []);
      const test = "identifyPostHogPerson('user123', { email: 'user@example.com', name: 'Ada' });\n";
      assert.deepEqual(await run(analyticsPiiCheck, context([changed('apps/web/lib/posthog/capture.test.ts', undefined, test)])), []);
      assert.equal((await run(analyticsPiiCheck, context([changed('apps/web/lib/posthog/signup.ts', undefined, test)]))).length, 1);
    });

    it('a call rewrapped over several lines sends what it sent: only a property new to that call blocks', async () => {
      // formbricks 089f18d84f: `identifyPostHogPerson(user.id, { email: user.email, name: user.name })` split over lines, one property added.
      const before = "identifyPostHogPerson(user.id, { email: user.email, name: user.name });\n";
      const rewrapped = 'identifyPostHogPerson(user.id, {\n  email: user.email,\n  name: user.name,\n  email_domain: getEmailDomain(user.email),\n});\n';
      assert.deepEqual(await run(analyticsPiiCheck, context([changed(ACTIONS, before, rewrapped)])), []);
      const widened = rewrapped.replace('  name: user.name,\n', '  name: user.name,\n  phone: user.phone,\n');
      assert.deepEqual(brief(await run(analyticsPiiCheck, context([changed(ACTIONS, before, widened)]))), [{ check: 'analytics.pii', line: 4, column: 3 }]);
    });

    it("reads a project's typed tracker too: AFFiNE's track.$.docHistory.$.switchPageMode({ … })", async () => {
      const modal = 'packages/frontend/core/src/components/affine/page-history-modal/history-modal.tsx';
      const before = 'const onSwitch = (mode) => {\n  track.$.docHistory.$.switchPageMode({ mode });\n};\n';
      const after = before.replace('{ mode }', '{ mode, email: session.user.email }');
      assert.deepEqual(brief(await run(analyticsPiiCheck, context([changed(modal, before, after)]))), [{ check: 'analytics.pii', line: 2, column: 47 }]);
      assert.deepEqual(await run(analyticsPiiCheck, context([changed(modal, undefined, before)])), []);
    });

    it('names a wrapper by a tracking verb then an event or a vendor, and nothing else', () => {
      for (const name of ['capturePostHogEvent', 'groupIdentifyPostHog', 'identifyPostHogPerson', 'trackSignupEvent', 'sendAnalyticsEvent', 'logEvent']) assert.ok(isTrackingWrapper(name), name);
      for (const name of ['captureException', 'logError', 'getEmailDomain', 'trackBy', 'sendEmail', 'preventDefault']) assert.ok(!isTrackingWrapper(name), name);
    });
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
    for (const name of ['zipError', 'emailErrors', 'phoneLabel', 'addressPlaceholder', 'company', 'companyName', 'tooltip', 'shipping', 'expand', 'emailVerified', 'hasPhone', 'isEmailValid', 'emailCount', 'cardType', 'healthCheck', 'plan', 'userName', '']) {
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
});
