import * as assert from 'node:assert/strict';
import { detectGrammar, i18nCheck, isStringsFile, KeyPaths, readMessage, scanJson, type Grammar } from '../../../../src/core/review/checks/i18n';
import { LineIndex } from '../../../../src/core/text/lines';
import { seededRandom } from '../../../support/seededRandom';
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

describe('i18n: strings files', () => {
  it('accepts copy edits that keep every key and placeholder', async () => {
    const ctx = context([changed(EN, strings('en.before.json'), strings('copy-only.after.json'))], { repo: { [FR]: strings('fr.json') } });
    assert.deepEqual(await run(i18nCheck, ctx), []);
  });

  it('gives the same findings for CRLF and BOM files', async () => {
    const edit = (text: string) => text.replace('Hello {name}', 'Hello {firstName}');
    const lf = await run(i18nCheck, context([changed(EN, strings('en.before.json'), edit(strings('en.before.json')))], { repo: { [FR]: strings('fr.json') } }));
    const other = await run(
      i18nCheck,
      context([changed(EN, bom(crlf(strings('en.before.json'))), bom(crlf(edit(strings('en.before.json')))))], { repo: { [FR]: bom(crlf(strings('fr.json'))) } }),
    );
    assert.equal(lf.length, 1);
    assert.deepEqual(other, lf);
  });

  it('finds locales in per-locale folders (locales/<locale>/<name>.json) and compares with the source there', async () => {
    const ctx = context([changed('web/locales/fr/common.json', '{"hi": "Salut {name}"}\n', '{"hi": "Salut {nom}"}\n')], {
      repo: { 'web/locales/en/common.json': '{"hi": "Hi {name}"}\n', 'web/locales/de/other.json': '{"hi": "Hallo {x}"}\n' },
    });
    const findings = await run(i18nCheck, ctx);
    assert.deepEqual(findings.map((finding) => finding.message), ['`hi` differs from the source (en) in fr: new {nom}; missing {name}.']);
  });

  it('finds locales named after a file (devise.en.yml beside devise.fr.yml)', async () => {
    const ctx = context([changed('config/locales/devise.fr.yml', 'fr:\n  hi: "Salut %{name}"\n', 'fr:\n  hi: "Salut %{nom}"\n')], {
      repo: { 'config/locales/devise.en.yml': 'en:\n  hi: "Hi %{name}"\n', 'config/locales/en.yml': 'en:\n  hi: "Hi %{other}"\n' },
      listing: true,
    });
    const findings = await run(i18nCheck, ctx);
    assert.deepEqual(findings.map((finding) => [finding.line, finding.message]), [[2, '`hi` differs from the source (en) in fr: new %{nom}; missing %{name}.']]);
  });

  it('asks a file source that can list folders instead of guessing locale names', async () => {
    const files = [changed('app/lang/sw.json', '{"hi": "Habari {name}"}\n', '{"hi": "Habari {jina}"}\n')];
    const repo = { 'app/lang/en.json': '{"hi": "Hi {name}"}\n', 'app/lang/README.md': '# strings\n' };
    const listed = context(files, { repo, listing: true });
    assert.deepEqual(brief(await run(i18nCheck, listed)), [{ check: 'i18n.placeholder-mismatch', line: 1, column: 2 }]);
    assert.deepEqual(listed.reads, ['app/lang/en.json']);
  });

  it('reports a deleted source file and skips files that are not strings', async () => {
    const ctx = context([
      changed(EN, strings('en.before.json'), undefined),
      changed('src/config/settings.json', undefined, '{ broken'),
      changed('src/features/checkout/i18n/README.md', undefined, '{ broken'),
    ]);
    const findings = await run(i18nCheck, ctx);
    assert.deepEqual(brief(findings), [{ check: 'i18n.removed-key', line: null }]);
    assert.match(findings[0].message, /6 keys removed, and the code could not be searched/);
  });

  it('blocks a strings file git reads as binary: the app cannot load it', async () => {
    const ctx = context([{ ...changed(EN, undefined, '\u0000\u0001{'), binary: true }]);
    assert.deepEqual((await run(i18nCheck, ctx)).map(({ check, file, blocking }) => [check, file, blocking]), [['i18n.invalid-json', EN, true]]);
  });

  it('reports a YAML strings file that does not parse, on its line', async () => {
    const findings = await run(i18nCheck, context([changed('config/locales/en.yml', 'en:\n  a: b\n', 'en:\n  a: b\n  a: c\n')]));
    assert.deepEqual(findings.map(({ check, line, blocking }) => [check, line, blocking]), [['i18n.invalid-json', 3, true]]);
    assert.match(findings[0].message, /^Not valid YAML: /);
  });

  it('matches strings files by folder, JSON and YAML alike', () => {
    assert.ok(isStringsFile('src/i18n/en.json'));
    assert.ok(isStringsFile('a/b/locales/fr/checkout.json'));
    assert.ok(isStringsFile('lang/de.json'));
    assert.ok(isStringsFile('src/i18n/en.yaml'));
    assert.ok(isStringsFile('config/locales/devise.en.yml'));
    assert.ok(isStringsFile('public/intl/messages/en-US.json'));
    assert.ok(isStringsFile('messages/en.json'));
    assert.ok(!isStringsFile('src/messages/errors.json'));
    assert.ok(!isStringsFile('src/language/en.json'));
    assert.ok(!isStringsFile('src/i18n/index.ts'));
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
    // Its time: bench/limits.bench.ts.
    const scan = scanJson(big);
    assert.ok(scan.ok);
    assert.equal(scan.leaves.get('key_19999')?.line, 20_001);
  });

  it('puts every leaf at its key\'s line and column as LineIndex counts them, on random documents with LF, CRLF, tabs and non-ASCII (it counts lines as it reads on)', () => {
    const random = seededRandom(82);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const space = () => pick(['', ' ', '\n', '\r\n', '\t', '\n    ', ' \r\n  \n']);
    const word = () => pick(['a', 'key', 'é', 'ж 中', 'say "hi"', 'line\nbreak', 'back\\slash', '😀', 'x.y']);
    for (let run = 0; run < 200; run++) {
      let text = '';
      const expected: [string, number][] = [];
      const write = (path: string, keyAt: number, depth: number): void => {
        const roll = random();
        if (depth < 4 && roll < 0.3) {
          text += `{${space()}`;
          const keys = new Set<string>();
          const count = Math.floor(random() * 4);
          for (let k = 0; k < count; k++) {
            const key = `${word()}${k}`;
            if (keys.has(key)) continue;
            keys.add(key);
            if (keys.size > 1) text += `,${space()}`;
            const at = text.length;
            text += `${JSON.stringify(key)}${space()}:${space()}`;
            write(path === '' ? key : `${path}.${key}`, at, depth + 1);
            text += space();
          }
          text += '}';
        } else if (depth < 4 && roll < 0.45) {
          text += `[${space()}`;
          const count = Math.floor(random() * 3);
          for (let k = 0; k < count; k++) {
            if (k > 0) text += `,${space()}`;
            write(path === '' ? String(k) : `${path}.${k}`, text.length, depth + 1);
            text += space();
          }
          text += ']';
        } else {
          text += pick(['"v"', '"ü é"', '1', '-2.5e3', 'true', 'null', '"tab\\there"']);
          if (path !== '') expected.push([path, keyAt]);
        }
      };
      text += space();
      write('', 0, 0);
      text += space();
      const scan = scanJson(text, { leavesOnly: random() < 0.5 });
      assert.ok(scan.ok, text);
      const lines = new LineIndex(text);
      const want = new Map(expected.map(([path, at]) => [path, lines.positionOf(at)]));
      assert.deepEqual(new Map([...scan.leaves].map(([path, leaf]) => [path, { line: leaf.line, column: leaf.column }])), want, text);
    }
  });

  it('shares key paths through keyPaths: the leaves of a reading without it, each path held once across readings, and a fresh start past its bound', () => {
    const version = (keys: number, from = 0, nested = true) =>
      `{${Array.from({ length: keys }, (_, i) => (nested ? `\n  "screen_${from + i}": {"context": "c ${i}", "string": "Текст ${i}", "list": ["a", "b"]}` : `\n  "key_${from + i}": "v ${i}"`)).join(',')}\n}`;
    const readings = [version(300), version(300, 100), version(50, 0, false)];
    const keyPaths = new KeyPaths();
    const paths = new Set<string>();
    for (const text of readings) {
      const alone = scanJson(text, { leavesOnly: true });
      const shared = scanJson(text, { leavesOnly: true, keyPaths });
      assert.ok(alone.ok && shared.ok);
      assert.deepEqual([...shared.leaves], [...alone.leaves]);
      // Each leaf's path and the paths of the objects and arrays above it (these keys hold no dot).
      for (const path of alone.leaves.keys()) path.split('.').forEach((_key, at, keys) => paths.add(keys.slice(0, at + 1).join('.')));
    }
    // 400 screens of a context, a string and a list of two, and 50 flat keys: each path once, whatever version read it first.
    assert.equal(paths.size, 400 * 6 + 50);
    assert.deepEqual(new Set(keyPaths.held()), paths);
    assert.equal(keyPaths.size, paths.size);
    // Past 65,536 paths the table starts again rather than keep every key of a change of thousands of strings files.
    const large = scanJson(version(70_000, 0, false), { leavesOnly: true, keyPaths });
    assert.ok(large.ok);
    assert.equal(large.leaves.size, 70_000);
    assert.equal(large.leaves.get('key_69999')?.line, 70_001);
    assert.ok(keyPaths.size <= 65_536, `${keyPaths.size} paths kept`);
    assert.ok([...keyPaths.held()].includes('key_69999'));
  });

  it('checkOnly answers whether it parses as the whole reading does, at the same place, and keeps nothing', () => {
    const texts = [
      '{\n  "a": {\n    "b": "x",\n    "list": ["y",\n      "z"]\n  },\n  "n": 1, "t": true, "u": null\n}',
      '{"q": "say \\"hi\\" \\u00e9\\n", "e": [], "o": {}, "num": -1.5e3}',
      '{"a": 1,}', "{'a': 1}", '{"a": 01}', '{"a": "\\x"}', '{"a": "tab\there"}', '[1] [2]', '{"a": tru}', '{"a" 1}', '', '  ', '{"a": "open',
      `${'['.repeat(600)}${']'.repeat(600)}`, `${'['.repeat(512)}${']'.repeat(512)}`, `{"a": ${'1'.repeat(500)}}`,
    ];
    for (const text of texts) {
      const whole = scanJson(text, { leavesOnly: true });
      const checked = scanJson(text, { checkOnly: true });
      assert.deepEqual(checked.ok ? { ok: true } : checked, whole.ok ? { ok: true } : whole, text.slice(0, 40));
      if (checked.ok) assert.equal(checked.leaves.size, 0);
    }
  });
});

describe('readMessage: each grammar reads its own placeholders', () => {
  const cases: [Grammar, string, string[] | 'error'][] = [
    ['icu', 'Hello {name}', ['{name}']],
    ['icu', '{count, plural, one {# item} other {# items}}', ['{count}']],
    ['icu', '{count, plural, one {{who} has # item} other {{who} has # items}}', ['{count}', '{who}']],
    ['icu', '{gender, select, female {She} male {He} other {They}} replied', ['{gender}']],
    ['icu', '{n, plural, =0 {none} other {{m, plural, one {# x} other {# {unit}}}}}', ['{m}', '{n}', '{unit}']],
    ['icu', "It''s '{'literal'}' and {x}", ['{x}']],
    ['icu', "Use '{braces}' literally", []],
    ['icu', '{amount, number, ::currency/EUR} on {day, date, short}', ['{amount}', '{day}']],
    ['icu', 'Remove <b>{target}</b>? <link>Learn more</link>', ['<b>', '<link>', '{target}']],
    ['icu', 'Line one<br>line two {x}', ['<br>', '{x}']],
    ['icu', '{0} of {1}', ['{0}', '{1}']],
    ['icu', 'An unclosed {brace', 'error'],
    ['i18next', 'Hello {{name}} and {{ name }}', ['{{name}}']],
    ['i18next', '{{count, number}} items, {{- html}}', ['{{count}}', '{{html}}']],
    ['i18next', 'See $t(common.help) or $t(common.faq, {"count": 2})', ['$t(common.faq)', '$t(common.help)']],
    ['i18next', 'Read our <0>blog</0> and <1>docs</1><br/>', ['<0>', '<1>', '<br/>']],
    ['i18next', 'Saved to {filename}', []],
    ['vue-i18n', 'Header {count} of {1}', ['{1}', '{count}']],
    ['vue-i18n', '@:action.save done, @.lower:action.clear', ['@:action.clear', '@:action.save']],
    ['vue-i18n', "Write to {'@'}support or {'{'}", []],
    ['vue-i18n', 'no items | {count} item | {count} items', ['{count}']],
    ['rails', '%{attribute} %{message}', ['%{attribute}', '%{message}']],
    ['rails', 'is too long (maximum is %<count>d characters)', ['%{count}']],
    ['printf', 'Try in %d seconds, %s', ['%1$d', '%2$s']],
    ['printf', '%2$s then %1$s', ['%1$s', '%2$s']],
    ['printf', '%(name)s has %(count)d', ['%(count)d', '%(name)s']],
    ['printf', '100%% sure, 50% off', []],
  ];
  for (const [grammar, message, expected] of cases) {
    it(`${grammar}: ${JSON.stringify(message)}`, () => {
      const reading = readMessage(message, grammar);
      if (expected === 'error') {
        assert.equal(reading.ok, false);
        return;
      }
      assert.ok(reading.ok, JSON.stringify(reading));
      assert.deepEqual([...new Set(reading.tokens.filter((token) => token.kind !== 'shown').map((token) => token.text))].sort(), expected);
    });
  }

  it('icu: says which numbers a message puts on screen: a plural’s # in its "other" form, an argument on its own', () => {
    const onScreen = (message: string) => {
      const reading = readMessage(message, 'icu');
      return reading.ok ? reading.tokens.filter((token) => token.kind === 'shown').map((token) => token.text) : [];
    };
    assert.deepEqual(onScreen('{count, plural, one {# item} other {# items}}'), ['{count} on screen']);
    assert.deepEqual(onScreen('{count, plural, one {an item} other {items}}'), []);
    assert.deepEqual(onScreen('トライアル終了まであと{days}日'), ['{days} on screen']);
  });
});

describe('detectGrammar: from the source strings, or nothing', () => {
  const cases: [string, string[], 'json' | 'yaml', string | undefined][] = [
    ['i18next', ['{{count}} elements', 'Paste'], 'json', 'i18next'],
    ['ICU, single-argument branches included', ['{g, select, male {{name}} other {{name}}}', 'Last {x} days'], 'json', 'icu'],
    ['vue-i18n links', ['@:action.save done', 'Header {count}'], 'json', 'vue-i18n'],
    ['vue-i18n literals', ["Write to user{'@'}example.com", 'Header {count}'], 'json', 'vue-i18n'],
    // Plane's work-item-type.json: one tooltip quotes braces the ICU way among plural messages.
    ['ICU quoting is not a vue-i18n literal', ["Enter a formula using '{'Field Name'}' syntax.", '{count, plural, one {sub-work item} other {sub-work items}}'], 'json', 'icu'],
    ['Rails YAML', ['%{count} characters'], 'yaml', 'rails'],
    ['printf', ['%s selected', 'Try in %1$d seconds'], 'json', 'printf'],
    ['no placeholders', ['Save', 'Cancel'], 'json', undefined],
    ['an unknown syntax ($NAME$, __x__)', ['Hello $NAME$', 'Hi __user__'], 'json', undefined],
  ];
  for (const [name, messages, format, expected] of cases) {
    it(name, () => assert.equal(detectGrammar(messages, format)?.grammar, expected));
  }
});
