import * as assert from 'node:assert/strict';
import type { Finding } from '../../../../src/core/types';
import { findPii, findPiiInAnyLine, isInPiiScope, piiCheck } from '../../../../src/core/review/checks/security/pii';
import { seededRandom } from '../../../support/seededRandom';
import { findPhoneNumbers, findPhoneShapes } from '../../../../src/core/review/checks/security/phones';
import { isPublicMailDomain } from '../../../../src/core/review/checks/security/publicMail';
import { TEST_CARD_NUMBERS, findCardNumbers, findEmailShapes, findEmails, findSsns, isRoleMailbox, luhnValid } from '../../../../src/core/review/checks/security/piiDetectors';
import { added, fixtureNames, makeContext, modified, readExpected, readFixture } from './context';

const RULE = 'pii';
/** Where each fixture sits in the change: copy, prompts and front-end code are in scope. */
const PLACE: Record<string, string> = {
  json: 'src/i18n/en.json',
  yaml: 'src/features/checkout/i18n/en.yaml',
  md: 'prompts/refund.md',
  tsx: 'src/features/checkout/components/Contact.tsx',
  ts: 'src/features/checkout/contact.ts',
};

function placeOf(name: string): string {
  return PLACE[name.slice(name.indexOf('.') + 1)] ?? name;
}

async function scan(...files: Parameters<typeof makeContext>[0]): Promise<Finding[]> {
  return piiCheck.run(makeContext(files));
}

const values = (found: { value: string }[]): string[] => found.map((match) => match.value);

describe('security.pii', () => {
  const expected = readExpected(RULE);

  for (const name of fixtureNames(RULE).filter((n) => n.startsWith('positives.'))) {
    it(`finds the personal data of ${name} on its exact lines and columns`, async () => {
      const text = readFixture(RULE, name);
      const lines = text.split('\n');
      const findings = await scan(added(placeOf(name), text));
      const want = expected[name] ?? [];
      assert.ok(want.length > 0, `expected.json lists ${name}`);
      assert.deepEqual(
        findings.map((f) => [f.line, f.column, f.message.slice(0, f.message.indexOf(' `'))]),
        want.map((e) => [e.line, lines[e.line - 1].indexOf(e.value ?? '') + 1, `Possible ${e.kind}`]),
      );
      for (const finding of findings) {
        assert.equal(finding.severity, 'error');
        assert.equal(finding.blocking, true);
      }
    });
  }

  for (const name of fixtureNames(RULE).filter((n) => n.startsWith('negatives.'))) {
    it(`finds nothing in the examples, test data and look-alikes of ${name}`, async () => {
      assert.deepEqual(await scan(added(placeOf(name), readFixture(RULE, name))), []);
    });
  }

  it('redacts every value: no finding contains one in full', async () => {
    for (const [name, wants] of Object.entries(expected)) {
      const output = JSON.stringify(await scan(added(placeOf(name), readFixture(RULE, name))));
      for (const want of wants) assert.ok(!output.includes(want.value ?? '?'), `${name}:${want.line} shows ${want.value}`);
    }
  });

  describe('scope: copy, prompts, markdown and front-end code', () => {
    const inScope = ['src/i18n/en.json', 'locales/fr/checkout.yml', 'prompts/refund.txt', 'README.md', 'docs/a.mdx', 'src/App.tsx', 'web/index.html', 'config/pt-BR.json', 'messages.json', 'resources/zh-Hant-TW.json', 'resources/sr-Latn.json', 'resources/pt_BR.yml', 'server/main.go', 'resources/views/welcome.blade.php', 'app/Http/Latest.php', 'templates/base.twig', 'app/views/users/show.html.erb', 'app/src/main/kotlin/Signup.kt'];
    const outOfScope = ['CLAUDE.md', '.github/CODEOWNERS', 'package.json', 'AUTHORS', 'SECURITY.md', 'config/app.yaml', '.github/workflows/ci.yml', 'server/main_test.go', 'spec/models/user_spec.rb', 'app/src/test/kotlin/SignupTest.kt', 'data/users.csv', 'src/signup.test.ts', 'tests/e2e/login.spec.ts', 'src/ui/Button.stories.tsx', 'prisma/seed/users.ts'];
    for (const path of inScope) it(`scans ${path}`, () => assert.equal(isInPiiScope(path), true));
    for (const path of outOfScope) it(`leaves ${path} alone`, () => assert.equal(isInPiiScope(path), false));

    it('reports nothing for an out-of-scope file with personal data', async () => {
      assert.deepEqual(await scan(added('config/app.yaml', 'owner: jane.doe@gmail.com\n')), []);
      assert.equal((await scan(added('src/i18n/en.yaml', 'owner: jane.doe@gmail.com\n'))).length, 1);
    });

    it('skips whole-line comments in code, not in markdown', async () => {
      assert.deepEqual(await scan(added('src/a.ts', '// jane.doe@gmail.com\n * jane.doe@gmail.com\n')), []);
      assert.equal((await scan(added('docs/a.md', '* jane.doe@gmail.com\n'))).length, 1);
    });
  });

  describe('copy in every language a product team ships: string literals and template text, not code or comments', () => {
    const ADDRESS = 'jane.doe@acme-corp.io';
    /** Each language: a file that writes the address as copy (on `line`), and one that writes it only in code or comments. */
    const LANGUAGES: { path: string; copy: string; line: number; notCopy: string }[] = [
      { path: 'server/handlers/contact.go', copy: `package handlers\n\nconst support = "Write to ${ADDRESS} for help"\n`, line: 3, notCopy: `package handlers\n\n// Maintained by ${ADDRESS}\n/* ${ADDRESS} */\n` },
      { path: 'app/Http/Controllers/ContactController.php', copy: `<?php\n$message = __('Write to ${ADDRESS}');\n`, line: 2, notCopy: `<?php\n// ${ADDRESS}\n# ${ADDRESS}\n/** @author ${ADDRESS} */\n` },
      { path: 'resources/views/contact.blade.php', copy: `{{-- contact page --}}\n<p>{{ __('Write to ${ADDRESS}') }}</p>\n`, line: 2, notCopy: `{{-- ${ADDRESS} --}}\n<!-- ${ADDRESS} -->\n<p>{{ $user->email }}</p>\n` },
      { path: 'resources/views/about.blade.php', copy: `<section>\n  <p>Questions? ${ADDRESS}</p>\n</section>\n`, line: 2, notCopy: '<p>@lang("contact.title")</p>\n' },
      { path: 'templates/contact.html.twig', copy: `{# contact #}\n<p>{{ 'Write to ${ADDRESS}'|trans }}</p>\n`, line: 2, notCopy: `{# ${ADDRESS} #}\n` },
      { path: 'app/templates/contact.jinja', copy: `{% block body %}\n<p>{{ _("Write to ${ADDRESS}") }}</p>\n{% endblock %}\n`, line: 2, notCopy: `{# ${ADDRESS} #}\n` },
      { path: 'app/views.py', copy: `def contact(request):\n    return render(request, "contact.html", {"help": _("Write to ${ADDRESS}")})\n`, line: 2, notCopy: `"""Views, by ${ADDRESS}."""\n# ${ADDRESS}\ndef contact(request):\n    """Ask ${ADDRESS}."""\n    return None\n` },
      { path: 'app/mailers/user_mailer.rb', copy: `class UserMailer\n  default from: "${ADDRESS}"\nend\n`, line: 2, notCopy: `# ${ADDRESS}\nclass UserMailer\nend\n` },
      { path: 'app/views/users/show.html.erb', copy: `<%# profile %>\n<p>Contact <%= link_to "${ADDRESS}", contact_path %></p>\n`, line: 2, notCopy: `<%# ${ADDRESS} %>\n<p><%= @user.email %></p>\n` },
      { path: 'app/src/main/kotlin/Support.kt', copy: `object Support {\n    val contact = "Write to \${name} at ${ADDRESS}"\n}\n`, line: 2, notCopy: `// ${ADDRESS}\n/** ${ADDRESS} */\nobject Support\n` },
      { path: 'App/Sources/Support.swift', copy: `enum Support {\n    static let contact = "Write to \\(name) at ${ADDRESS}"\n}\n`, line: 2, notCopy: `/// ${ADDRESS}\nenum Support {}\n` },
    ];

    for (const { path, copy, line, notCopy } of LANGUAGES) {
      it(`blocks the address written as copy in ${path}, at its line and column, and passes it in code or a comment`, async () => {
        const findings = await scan(added(path, copy));
        const column = copy.split('\n')[line - 1].indexOf(ADDRESS) + 1;
        assert.deepEqual(findings.map((f) => [f.line, f.column, f.blocking]), [[line, column, true]], path);
        assert.deepEqual(await scan(added(path, notCopy)), [], path);
      });
    }

    it('reads only the added lines of the new version, with CRLF line ends', async () => {
      const before = 'package main\r\n\r\nconst a = "hello"\r\n';
      const after = `package main\r\n\r\nconst a = "hello"\r\nconst b = "${ADDRESS}"\r\n`;
      assert.deepEqual((await scan(modified('main.go', before, after))).map((f) => [f.line, f.column]), [[4, 12]]);
      assert.deepEqual(await scan(modified('main.go', after, `${after}// more\r\n`)), []);
    });

    it('keeps the discipline of the front end: examples and role mailboxes pass, a placeholder example warns', async () => {
      assert.deepEqual(await scan(added('resources/views/signup.blade.php', '<p>{{ __("Write to support@acme-corp.io or name@example.com") }}</p>\n')), []);
      const [example] = await scan(added('templates/signup.html.twig', `<input placeholder="${ADDRESS}">\n`));
      assert.equal(example.severity, 'warning');
    });
  });

  describe('e-mail addresses', () => {
    it('finds personal addresses, with plus tags and subdomains', () => {
      assert.deepEqual(values(findEmails('a jane.doe@gmail.com, b j+x@mail.corp.io.')), ['jane.doe@gmail.com', 'j+x@mail.corp.io']);
    });
    it('passes RFC 2606 and 6761 names, role mailboxes, GitHub noreply, images and package specifiers', () => {
      const line =
        'x@example.com y@sub.example.org z@example.net a@shop.example b@x.test c@y.invalid d@host.localhost sender@maybe.local ops@db.internal ' +
        'noreply@acme.com no-reply@acme.com support@acme.com 1+me@users.noreply.github.com logo@2x.png react@18.2.0 @scope/pkg';
      assert.deepEqual(findEmails(line), []);
    });

    it('passes one letter at a one-letter domain, typed as a made-up address, and a generated descriptor\'s bytes', () => {
      assert.deepEqual(findEmails("->setEmail('s@d.com') ->setSupportEmail('d@d.com') a@b.co"), []);
      assert.deepEqual(findEmailShapes('"\\x06tokens\\x18\\x01 \\x03(\\v2@.memos.store.PersonalAccessTokensUserSetting.PersonalAccessTokenR"'), []);
      assert.deepEqual(values(findEmails('s@dm.com sd@d.com')), ['s@dm.com', 'sd@d.com']);
    });
    it('passes role mailboxes in any language and compound, but not a person beside a role word', () => {
      for (const role of ['hola', 'hallo', 'team', 'hello', 'noreply', 'do-not-reply', 'customer.care', 'support-eu2', 'kundenservice', 'sales+leads']) {
        assert.equal(isRoleMailbox(role), true, role);
      }
      for (const person of ['jane', 'jane.support', 'support.jane', 'customer', 'eu', 'j.doe', 'team.manager.maria']) {
        assert.equal(isRoleMailbox(person), false, person);
      }
    });
    it('reads every address a source string gives as its example, examples and role mailboxes included', () => {
      const line = 'name@example.com, support@acme.io, you@gmail.com, jane.doe@gmail.com, logo@2x.png';
      assert.deepEqual(values(findEmailShapes(line)), ['name@example.com', 'support@acme.io', 'you@gmail.com', 'jane.doe@gmail.com']);
      assert.deepEqual(values(findEmails(line)), ['jane.doe@gmail.com']);
    });
    it('knows the public mail providers, under any country domain and subdomain, and no company beside them', () => {
      for (const provider of ['gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.fr', 'hotmail.co.uk', 'live.com', 'yahoo.co.jp', 'mail.yahoo.com', 'icloud.com', 'me.com', 'proton.me', 'protonmail.com', 'gmx.at', 'aol.com', 'mail.ru', 'yandex.com.tr', 'qq.com', '163.com', 'web.de', 'orange.fr', 'docomo.ne.jp', 'GMAIL.COM']) {
        assert.equal(isPublicMailDomain(provider), true, provider);
      }
      for (const company of ['acme.com', 'formbricks.com', 'cal.com', 'example.com', 'gmail-support.io', 'mygmail.com', 'acme.co.uk', 'acme.me', 'mail.acme.com', 'live.acme.io', 'com', '']) {
        assert.equal(isPublicMailDomain(company), false, company);
      }
    });
    it('does not take example.com.evil.io for an example domain', () => {
      assert.deepEqual(values(findEmails('bob@example.com.evil.io')), ['bob@example.com.evil.io']);
    });
  });

  describe('card numbers', () => {
    it('implements Luhn', () => {
      assert.equal(luhnValid('79927398713'), true);
      assert.equal(luhnValid('79927398710'), false);
      assert.equal(luhnValid(''), false);
    });
    it('lists only Luhn-valid test numbers, and passes each of them', () => {
      for (const card of TEST_CARD_NUMBERS) {
        assert.equal(luhnValid(card), true, card);
        assert.deepEqual(findCardNumbers(`card ${card}`), [], card);
      }
    });
    it('finds plain, spaced and dashed numbers and the Amex layout', () => {
      assert.deepEqual(
        values(findCardNumbers('4532015112830366 / 4532 0151 1283 0366 / 4532-0151-1283-0366 / 3759 876543 21004')),
        ['4532015112830366', '4532 0151 1283 0366', '4532-0151-1283-0366', '3759 876543 21004'],
      );
    });
    it('passes mixed separators, wrong checksums, unknown issuers, decimals and longer numbers', () => {
      const line = '4532 0151-1283 0366, 4532015112830367, 9532015112830363, 4532015112830366.5, 14532015112830366, 4532015112830366123456';
      assert.deepEqual(findCardNumbers(line), []);
    });
  });

  describe('US social security numbers', () => {
    it('finds a valid number', () => assert.deepEqual(values(findSsns('SSN: 536-22-1234.')), ['536-22-1234']));
    it('passes invalid areas, groups and serials, published examples and longer ids', () => {
      assert.deepEqual(findSsns('000-12-3456 666-12-3456 900-12-3456 999-12-3456 536-00-1234 536-22-0000 078-05-1120 123-45-6789 1536-22-1234 536-22-12345 A536-22-1234'), []);
    });
  });

  describe('phone numbers', () => {
    const phones = ['(415) 555-2671', '415-555-2671', '415.555.2671', '415 555 2671', '1-415-555-2671', '+1 415 555 2671', '+14155552671', '+44 20 7123 4567', '+49 30 12345678', '020 7123 4567', '06 12 34 56 78', '+33 6 12 34 56 78'];
    for (const phone of phones) {
      it(`finds ${phone}`, () => assert.deepEqual(values(findPhoneNumbers(`call ${phone} today`)), [phone]));
    }
    const notPhones = [
      'version 1.2.3.4 and 10.20.30', 'on 2024-01-15 or 15.01.2024 or 01/15/2024', 'at 12:30:45', 'costs $1,299.99 or €1 299', 'order 1234567890',
      'id 12345678901234', '15% of 200 000', '(123) 456-7890', '+1 (555) 010-0000', '555-0100', '(212) 555-0147', '020 7946 0018', '07700 900123',
      '+44 20 7946 0123', 'isbn 978-3-16-148410-0', 'ip 192.168.100.200', 'at 2024-01-15T12:30:00.123456Z',
    ];
    for (const text of notPhones) {
      it(`passes "${text}"`, () => assert.deepEqual(findPhoneNumbers(text), []));
    }
    it('reads the fictional and local numbers a source string gives as its example, which are no one’s', () => {
      const line = 'call 555-0100, (212) 555-0147 or +1 415 555 0123; we are at 415-555-2671; order 1234567890 on 2024-01-15';
      assert.deepEqual(values(findPhoneShapes(line)), ['555-0100', '(212) 555-0147', '+1 415 555 0123', '415-555-2671']);
      assert.deepEqual(values(findPhoneNumbers(line)), ['415-555-2671']);
    });
    it('finds the number of a tel: link', () => {
      assert.deepEqual(values(findPhoneNumbers('<a href="tel:+14155552671">')), ['+14155552671']);
    });
    it('finds a number next to a short neighbour, not the tail of a longer number', () => {
      assert.deepEqual(values(findPhoneNumbers('room 12 415-555-2671')), ['415-555-2671']);
      assert.deepEqual(findPhoneNumbers('4000 0000 0000 0077 and 4532 0151 1283 0367'), []);
    });
  });

  it('reports each span once, left to right', () => {
    assert.deepEqual(
      findPii('SSN 536-22-1234, card 4532 0151 1283 0366, jane.doe@gmail.com').map((m) => m.kind),
      ['US social security number', 'card number', 'e-mail address'],
    );
  });

  describe('a line without a digit or an @', () => {
    /** Characters personal data is written with, and the look-alikes a pattern must not take for them (other scripts' digits, a full-width @). */
    const ALPHABET = ['0', '1', '4', '5', '9', '@', '.', '-', ' ', '(', ')', '+', '/', ':', '_', 'a', 'e', 'j', 'x', 'Z', 'com', 'gmail', '٣', '४', '１', '＠', 'é', 'ж', '\t', '"', ','];
    const lineOf = (random: () => number, length: number, alphabet: readonly string[]): string =>
      Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    it('holds no personal data for any finder, and findPii answers as it does without that first look', () => {
      const random = seededRandom(142);
      const plain = ALPHABET.filter((part) => !/[0-9@]/.test(part));
      for (let round = 0; round < 3_000; round++) {
        const line = lineOf(random, 1 + Math.floor(random() * 60), round % 2 === 0 ? ALPHABET : plain);
        assert.deepEqual(findPii(line), findPiiInAnyLine(line), line);
        if (/[0-9@]/.test(line)) continue;
        for (const finder of [findEmailShapes, findEmails, findCardNumbers, findSsns, findPhoneNumbers, findPhoneShapes]) assert.deepEqual(finder(line), [], `${finder.name}: ${line}`);
      }
    });
    it('answers as before on the lines of the examples above', () => {
      for (const line of ['SSN 536-22-1234, card 4532 0151 1283 0366, jane.doe@gmail.com', 'call +1 (415) 555-2671', 'mail jane@acme.io', 'no data here', '٣٤٥-٢٢-١٢٣٤ ４５３２ ０１５１ １２８３ ０３６６ jane＠gmail.com']) {
        assert.deepEqual(findPii(line), findPiiInAnyLine(line), line);
      }
    });
  });

  describe('added lines only, and bad input', () => {
    it('ignores personal data the change removes or leaves untouched', async () => {
      const before = '{\n  "a": "jane.doe@gmail.com",\n  "b": "x"\n}\n';
      const after = '{\n  "a": "jane.doe@gmail.com",\n  "b": "y"\n}\n';
      assert.deepEqual(await scan(modified('src/i18n/en.json', before, after)), []);
      assert.deepEqual(await scan(modified('src/i18n/en.json', before, '{\n}\n')), []);
    });
    it('handles CRLF, a BOM, NUL bytes and empty files', async () => {
      const crlf = await scan(added('src/i18n/en.json', '\uFEFF{\r\n  "a": "jane.doe@gmail.com"\r\n}\r\n'));
      assert.deepEqual(crlf.map((f) => [f.line, f.column]), [[2, 9]]);
      assert.deepEqual((await scan(added('src/i18n/en.json', '\u0000jane.doe@gmail.com'))).map((f) => [f.line, f.column]), [[1, 2]], 'a NUL byte hides nothing');
      assert.deepEqual(await scan(added('src/i18n/en.json', '')), []);
    });
  });

  it('declares its id', () => assert.deepEqual(piiCheck.ids, ['security.pii']));
});

describe('security.pii: an example in an input\'s placeholder', () => {
  // The shape of a monitoring app's invite form: `placeholder="john@…"` shows what to type.
  it('warns on an address or phone number an empty input shows as its example, and still blocks one written as a value', async () => {
    const form = [
      '<Input type="email" placeholder="john@signoz.io" value={row.email} />',
      '<Input placeholder={"+1 415 555 2671"} />',
      'const owner = "john.smith@signoz.io";',
    ].join('\n');
    const findings = await piiCheck.run(makeContext([added('frontend/src/components/InviteMembersModal.tsx', `${form}\n`)]));
    assert.deepEqual(findings.map((found) => [found.line, found.severity]), [[1, 'warning'], [2, 'warning'], [3, 'error']]);
    assert.match(findings[0].message, /^Example e-mail address `joh…\(14\)` in an input's placeholder/);
  });
});
