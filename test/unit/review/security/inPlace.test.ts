// Personal data and secrets judged where they are: a test's made-up users, a
// translation's example address, the organisation's own mailboxes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dangerousCodeCheck, piiCheck, secretCheck } from '../../../../src/core/review/checks/security';
import { added, makeContext, modified, unsplit } from './context';

const FOLDER = path.join(__dirname, '../../../fixtures/review/security/in-place');
const read = (name: string): string => unsplit(fs.readFileSync(path.join(FOLDER, name), 'utf8'));
const brief = (findings: { check: string; line: number | null; blocking: boolean }[]) => findings.map(({ check, line, blocking }) => `${check}:${line}:${blocking ? 'blocks' : 'warns'}`);

describe('security checks in tests and fixtures', () => {
  const test = added('apps/web/modules/auth/signup/signup-invite.integration.test.ts', read('signup-invite.integration.test.ts'));

  it('personal data: a test’s users reach no one, not even one at a real mail provider', async () => {
    assert.deepEqual(await piiCheck.run(makeContext([test])), []);
    const same = added('apps/web/modules/auth/signup/invite.ts', read('signup-invite.integration.test.ts'));
    assert.deepEqual(brief(await piiCheck.run(makeContext([same]))), ['security.pii:4:blocks'], 'the same line outside a test blocks');
  });

  it('secrets: a password under a secret’s name warns in a test, and still blocks elsewhere', async () => {
    const findings = await secretCheck.run(makeContext([test]));
    assert.deepEqual(brief(findings), ['security.secret:8:warns', 'security.secret:10:warns']);
    assert.match(findings[0].message, /in a test or fixture, where it is probably made up; if it is real, move it to a secret store/);
    const same = added('apps/web/modules/auth/signup/invite.ts', read('signup-invite.integration.test.ts'));
    assert.deepEqual(brief(await secretCheck.run(makeContext([same]))), ['security.secret:8:blocks', 'security.secret:10:blocks']);
  });

  it('a provider token still blocks in a test: its shape says it opens something', async () => {
    const token = ['shpat', '_', '8f3a9c2e7b1d4f6a0c5e9b2d7a4f1c3e'].join('');
    const findings = await secretCheck.run(makeContext([added('src/api.test.ts', `const token = "${token}";\n`)]));
    assert.deepEqual(findings.map((item) => item.blocking), [true]);
  });

  it('dangerous code: a sanitiser’s test feeds it `javascript:` on purpose', async () => {
    assert.deepEqual(await dangerousCodeCheck.run(makeContext([added('apps/web/modules/email/lib/survey-response-email.test.ts', read('survey-response-email.test.ts'))])), []);
    assert.equal((await dangerousCodeCheck.run(makeContext([added('apps/web/modules/email/lib/survey-response-email.ts', read('survey-response-email.test.ts'))]))).length, 2);
  });
});

describe('security.pii in translations and the organisation’s own addresses', () => {
  it('a translation of a source example (`team@example.com` → `csapat@pelda.hu`, `name@company.com` → `jmeno@spolecnost.cz`) is the source’s example', async () => {
    const hungarian = makeContext([added('apps/web/locales/hu-HU.json', read('locales/hu-HU.json'))], { existing: { 'apps/web/locales/en-US.json': read('locales/en-US.json') } });
    assert.deepEqual(await piiCheck.run(hungarian), []);
    const czech = makeContext([added('packages/i18n/src/locales/cs/auth.json', read('i18n/cs/auth.json'))], { existing: { 'packages/i18n/src/locales/en/auth.json': read('i18n/en/auth.json') } });
    assert.deepEqual(await piiCheck.run(czech), []);
  });

  it('a translation that puts an address where its source has none is judged on its own', async () => {
    const source = read('locales/en-US.json');
    const translation = read('locales/hu-HU.json').replace('"Az összefoglalót erre a címre küldjük"', '"Írjon Kovács Annának: anna.kovacs@gmail.com"');
    const ctx = makeContext([added('apps/web/locales/hu-HU.json', translation)], { existing: { 'apps/web/locales/en-US.json': source } });
    assert.deepEqual(brief(await piiCheck.run(ctx)), ['security.pii:4:blocks']);
  });

  it('the source’s own example is still judged: a real-looking address in the source locale blocks', async () => {
    const source = read('locales/en-US.json').replace('team@example.com', 'maria.lopez@gmail.com');
    const ctx = makeContext([modified('apps/web/locales/en-US.json', read('locales/en-US.json'), source)], { existing: { 'apps/web/locales/hu-HU.json': read('locales/hu-HU.json') } });
    assert.deepEqual(brief(await piiCheck.run(ctx)), ['security.pii:3:blocks']);
  });

  describe('a translation excuses only what its source holds: the same kind of datum, as many as the source has', () => {
    const source = 'Questions? Write to name@example.com or call 555-0100';
    const review = (en: string, fr: string) => {
      const strings = (contact: string) => `{\n  "help": {\n    "contact": ${JSON.stringify(contact)}\n  }\n}\n`;
      const ctx = makeContext([added('src/features/help/i18n/fr.json', strings(fr))], { existing: { 'src/features/help/i18n/en.json': strings(en) } });
      return piiCheck.run(ctx);
    };
    const kinds = async (en: string, fr: string) => (await review(en, fr)).map(({ message, blocking }) => `${/Possible ([\w -]+?) `/.exec(message)?.[1]}:${blocking ? 'blocks' : 'warns'}`);

    it('the source’s example address and number, written in French, pass; a real address and a card number beside them block', async () => {
      assert.deepEqual(await review(source, 'Des questions ? Écrivez à nom@exemple.fr ou appelez le 01 23 45 67 89'), []);
      const real = 'Des questions ? Écrivez à jean.dupont@gmail.com ou +33 6 12 34 56 78, carte 4539 1488 0343 6467';
      assert.deepEqual(await kinds(source, real), ['e-mail address:blocks', 'card number:blocks']);
      assert.deepEqual(await kinds('Questions?', real), ['e-mail address:blocks', 'phone number:blocks', 'card number:blocks'], 'without an example in the source, all three');
    });

    it('an address is not excused by a number, nor a number by an address, nor a second one by the first', async () => {
      assert.deepEqual(await kinds('Write to name@example.com', 'Appelez le 06 12 34 56 78'), ['phone number:blocks']);
      assert.deepEqual(await kinds('Call 555-0100', 'Écrivez à jean.dupont@dupont-conseil.fr'), ['e-mail address:blocks']);
      assert.deepEqual(await kinds('Write to name@example.com', 'Écrivez à nom@exemple.fr ou à jean.dupont@dupont-conseil.fr'), ['e-mail address:blocks']);
    });

    it('an address at a public mail provider stands only for the source’s address at that provider', async () => {
      assert.deepEqual(await kinds('For example you@gmail.com', 'Par exemple vous@gmail.com'), []);
      assert.deepEqual(await kinds('For example you@gmail.com', 'Par exemple vous@outlook.fr'), ['e-mail address:blocks']);
    });
  });

  describe('what makes a domain the organisation’s own', () => {
    const copy = (text: string) => `{\n  "a": "${text}"\n}\n`;
    const strings = (text: string) => added('apps/web/locales/en-US.json', copy(text));

    it('a public mail provider never is: not through a role mailbox, the homepage or a pilot’s address', async () => {
      assert.deepEqual(brief(await piiCheck.run(makeContext([strings('Ask jane.doe@gmail.com, or support@gmail.com')]))), ['security.pii:2:blocks']);
      const homepage = { 'package.json': '{ "name": "acme-shop", "homepage": "https://gmail.com/acme" }' };
      assert.deepEqual(brief(await piiCheck.run(makeContext([strings('Ask jane.doe@gmail.com')], { existing: homepage }))), ['security.pii:2:blocks']);
      const pilots = makeContext([strings('Ask jane.doe@gmail.com')]);
      pilots.policy = { ...pilots.policy, pilots: [{ handle: '@alice', email: 'alice.pm@gmail.com', featureFolders: [], line: 1 }] };
      assert.deepEqual(brief(await piiCheck.run(pilots)), ['security.pii:2:blocks']);
    });

    it('a role mailbox vouches for its domain only when it was there before the change', async () => {
      const person = 'Ask jane@acme-mail.io';
      assert.deepEqual(brief(await piiCheck.run(makeContext([strings(`${person}, or support@acme-mail.io`)]))), ['security.pii:2:blocks']);
      const before = modified('apps/web/locales/en-US.json', copy('Write to support@acme-mail.io'), copy(`${person}, or support@acme-mail.io`));
      assert.deepEqual(brief(await piiCheck.run(makeContext([before]))), ['security.pii:2:warns']);
    });

    it('so does a homepage: the manifest is read as it was before the change', async () => {
      const manifest = modified('package.json', '{ "name": "acme-shop" }', '{ "name": "acme-shop", "homepage": "https://dupont-conseil.fr" }');
      const existing = { 'package.json': manifest.newText ?? '' };
      assert.deepEqual(brief(await piiCheck.run(makeContext([manifest, strings('Ask jean@dupont-conseil.fr')], { existing }))), ['security.pii:2:blocks']);
    });
  });

  it('role mailboxes of any name a company gives (`priority@`, `docs@`) pass; another address at its own domain warns, never blocks', async () => {
    const copy = (text: string) => added('apps/web/locales/en-US.json', `{\n  "a": "${text}"\n}\n`);
    assert.deepEqual(await piiCheck.run(makeContext([copy('Enterprise customers: priority@cal.com, or docs@formbricks.com')])), []);
    const existing = { 'package.json': '{ "name": "formbricks", "private": true }' };
    const own = await piiCheck.run(makeContext([copy('Questions? Ask johannes@formbricks.com')], { existing }));
    assert.deepEqual(brief(own), ['security.pii:2:warns']);
    assert.match(own[0].message, /at the organisation's own domain \(formbricks\.com\)/);
    assert.deepEqual(brief(await piiCheck.run(makeContext([copy('Questions? Ask johannes@gmail.com')], { existing }))), ['security.pii:2:blocks']);
  });
});
