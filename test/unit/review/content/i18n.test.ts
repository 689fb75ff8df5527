import * as assert from 'node:assert/strict';
import { i18nCheck, isStringsFile, placeholdersOf, scanJson } from '../../../../src/core/review/checks/i18n';
import { bom, brief, changed, context, crlf, fixture, run } from './context';

const EN = 'src/features/checkout/i18n/en.json';
const FR = 'src/features/checkout/i18n/fr.json';
const strings = (name: string): string => fixture('i18n', name);

describe('i18n.invalid-json', () => {
  const cases: [string, number, number, RegExp][] = [
    ['trailing-comma', 4, 3, /double-quoted key, found `\}`/],
    ['missing-comma', 3, 3, /Expected ',' or '\}'/],
    ['bare-word', 1, 12, /Expected a value, found `C`/],
    ['unterminated', 2, 12, /not closed/],
  ];
  for (const [name, line, column, message] of cases) {
    it(`reports ${name} at line ${line}, column ${column} (LF, CRLF and BOM alike)`, async () => {
      for (const text of [strings(`${name}.after.json`), crlf(strings(`${name}.after.json`)), bom(crlf(strings(`${name}.after.json`)))]) {
        const findings = await run(i18nCheck, context([changed(EN, strings('en.before.json'), text)]));
        assert.deepEqual(brief(findings), [{ check: 'i18n.invalid-json', line, column }]);
        assert.match(findings[0].message, message);
        assert.equal(findings[0].blocking, true);
      }
    });
  }

  it('reports an empty strings file', async () => {
    const findings = await run(i18nCheck, context([changed(EN, undefined, '')]));
    assert.deepEqual(brief(findings), [{ check: 'i18n.invalid-json', line: 1, column: 1 }]);
  });
});

describe('i18n.removed-key and i18n.placeholder-mismatch', () => {
  it('accepts copy edits that keep every key and placeholder', async () => {
    const ctx = context([changed(EN, strings('en.before.json'), strings('copy-only.after.json'))], { repo: { [FR]: strings('fr.json') } });
    assert.deepEqual(await run(i18nCheck, ctx), []);
  });

  it('reports removed keys, placeholders changed from before, and differences with another locale', async () => {
    const ctx = context([changed(EN, strings('en.before.json'), strings('en.after.json'))], { repo: { [FR]: strings('fr.json') } });
    const findings = await run(i18nCheck, ctx);
    assert.deepEqual(brief(findings), [
      { check: 'i18n.removed-key', line: 10 },
      { check: 'i18n.placeholder-mismatch', line: 4, column: 5 },
      { check: 'i18n.placeholder-mismatch', line: 5, column: 5 },
      { check: 'i18n.placeholder-mismatch', line: 4, column: 5 },
      { check: 'i18n.placeholder-mismatch', line: 5, column: 5 },
      { check: 'i18n.placeholder-mismatch', line: 7, column: 5 },
    ]);
    const messages = findings.map((finding) => finding.message);
    assert.match(messages[0], /`errors\.retry` was removed/);
    assert.match(messages[1], /`checkout\.greeting` changed: missing \{name\}; new \{firstName\}/);
    assert.match(messages[2], /`checkout\.items` changed: new \{cart\}/);
    assert.match(messages[3], /`checkout\.greeting` differ from src\/features\/checkout\/i18n\/fr\.json: missing \{name\}; new \{firstName\}/);
    assert.match(messages[5], /`checkout\.cta` differ from .*fr\.json: missing \{amount\}; new \{\{amount\}\}/);
    assert.equal(findings[0].severity, 'warning');
    assert.ok(findings.slice(1).every((finding) => finding.severity === 'error'));
  });

  it('gives the same findings for CRLF and BOM files', async () => {
    const lf = await run(i18nCheck, context([changed(EN, strings('en.before.json'), strings('en.after.json'))], { repo: { [FR]: strings('fr.json') } }));
    const other = await run(
      i18nCheck,
      context([changed(EN, bom(crlf(strings('en.before.json'))), bom(crlf(strings('en.after.json'))))], { repo: { [FR]: bom(crlf(strings('fr.json'))) } }),
    );
    assert.deepEqual(other, lf);
  });

  it('compares only keys this change touched with the other locales', async () => {
    const before = strings('en.before.json');
    const ctx = context([changed(EN, before, before.replace('Your card was declined.', 'Card declined.'))], {
      repo: { [FR]: '{"checkout": {"greeting": "Bonjour {prenom}"}, "errors": {"card_declined": "Carte refusée."}}' },
    });
    assert.deepEqual(await run(i18nCheck, ctx), []);
  });

  it('finds locales in per-locale folders (locales/<locale>/<name>.json)', async () => {
    const ctx = context([changed('web/locales/en/common.json', '{"hi": "Hi"}\n', '{"hi": "Hi {name}"}\n')], {
      repo: { 'web/locales/fr/common.json': '{"hi": "Salut"}\n', 'web/locales/de/other.json': '{"hi": "Hallo"}\n' },
    });
    const findings = await run(i18nCheck, ctx);
    assert.deepEqual(findings.map((finding) => finding.message), [
      'Placeholders of `hi` changed: new {name}. The code fills the old ones.',
      'Placeholders of `hi` differ from web/locales/fr/common.json: new {name}.',
    ]);
  });

  it('asks a file source that can list folders instead of guessing locale names', async () => {
    const files = [changed('app/lang/en.json', undefined, '{"hi": "Hi {name}"}\n')];
    const repo = { 'app/lang/sw.json': '{"hi": "Habari"}\n', 'app/lang/README.md': '# strings\n' };
    const listed = context(files, { repo, listing: true });
    assert.deepEqual(brief(await run(i18nCheck, listed)), [{ check: 'i18n.placeholder-mismatch', line: 1, column: 2 }]);
    assert.deepEqual(listed.reads, ['app/lang/sw.json']);
    const guessed = context(files, { repo });
    assert.deepEqual(await run(i18nCheck, guessed), [], 'sw is not among the common locales');
  });

  it('reports a deleted strings file once and skips files that are not strings', async () => {
    const ctx = context([
      changed(EN, strings('en.before.json'), undefined),
      changed('src/config/settings.json', undefined, '{ broken'),
      changed('src/features/checkout/i18n/README.md', undefined, '{ broken'),
    ]);
    const findings = await run(i18nCheck, ctx);
    assert.deepEqual(brief(findings), [{ check: 'i18n.removed-key', line: null }]);
    assert.match(findings[0].message, /6 keys are gone/);
  });

  it('skips binary content', async () => {
    const ctx = context([{ ...changed(EN, undefined, '\u0000\u0001{'), binary: true }, changed(FR, undefined, '\u0000{')]);
    assert.deepEqual(await run(i18nCheck, ctx), []);
  });

  it('matches the strings folders by glob', () => {
    assert.ok(isStringsFile('src/i18n/en.json'));
    assert.ok(isStringsFile('a/b/locales/fr/checkout.json'));
    assert.ok(isStringsFile('lang/de.json'));
    assert.ok(!isStringsFile('src/i18n/en.yaml'));
    assert.ok(!isStringsFile('src/language/en.json'));
  });
});

describe('scanJson', () => {
  it('maps nested keys and array elements to their lines', () => {
    const scan = scanJson('{\n  "a": {\n    "b": "x",\n    "list": ["y",\n      "z"]\n  },\n  "n": 1, "t": true, "u": null\n}');
    assert.ok(scan.ok);
    assert.deepEqual([...scan.leaves.values()].map((leaf) => [leaf.path, leaf.line, leaf.column, leaf.value]), [
      ['a.b', 3, 5, 'x'],
      ['a.list.0', 4, 14, 'y'],
      ['a.list.1', 5, 7, 'z'],
      ['n', 7, 3, 1],
      ['t', 7, 11, true],
      ['u', 7, 22, null],
    ]);
  });

  it('agrees with JSON.parse on values, escapes included', () => {
    const text = '{"q": "say \\"hi\\" \\u00e9\\n", "e": [], "o": {}, "num": -1.5e3}';
    const scan = scanJson(text);
    assert.ok(scan.ok);
    assert.deepEqual(scan.value, JSON.parse(text));
  });

  it('rejects what JSON rejects', () => {
    for (const text of ['{"a": 1,}', "{'a': 1}", '{"a": 01}', '{"a": "\\x"}', '{"a": "tab\there"}', '[1] [2]', '{"a": tru}', '{"a" 1}']) {
      const scan = scanJson(text);
      assert.equal(scan.ok, false, text);
      assert.throws(() => JSON.parse(text));
    }
  });

  it('survives deep nesting and large files', () => {
    assert.equal(scanJson(`${'['.repeat(10_000)}${']'.repeat(10_000)}`).ok, false);
    const big = `{${Array.from({ length: 20_000 }, (_, i) => `\n  "key_${i}": "Value {n} ${i}"`).join(',')}\n}`;
    const started = performance.now();
    const scan = scanJson(big);
    assert.ok(scan.ok);
    assert.equal(scan.leaves.get('key_19999')?.line, 20_001);
    assert.ok(performance.now() - started < 5000);
  });
});

describe('placeholdersOf', () => {
  const cases: [string, string[]][] = [
    ['Hello {name}', ['{name}']],
    ['Hello {{name}} and {{ name }}', ['{{name}}']],
    ['{{count, number}} items', ['{{count}}']],
    ['{count, plural, one {# item} other {# items}}', ['{count}']],
    ['{count, plural, one {{who} has # item} other {{who} has # items}}', ['{count}', '{who}']],
    ['{gender, select, female {She} male {He} other {They}} replied', ['{gender}']],
    ['{n, plural, =0 {none} other {{m, plural, one {# x} other {# {unit}}}}}', ['{m}', '{n}', '{unit}']],
    ['Try in %d seconds, %s', ['%d', '%s']],
    ['%s and %s', ['%s', '%s']],
    ['%(name)s has %(count)d', ['%(count)d', '%(name)s']],
    ['%1$s then %2$s', ['%1$s', '%2$s']],
    ['100%% sure, 50% off', []],
    ["Use '{braces}' literally", []],
    ['{0} of {1}', ['{0}', '{1}']],
    ['An unclosed { brace', []],
    ['', []],
  ];
  for (const [message, expected] of cases) {
    it(`reads ${JSON.stringify(message)}`, () => assert.deepEqual(placeholdersOf(message), expected));
  }
});
