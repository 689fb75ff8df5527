import * as assert from 'node:assert/strict';
import type { Finding } from '../../../../src/core/types';
import { dangerousCodeCheck } from '../../../../src/core/review/checks/security/dangerousCode';
import { added, fixtureNames, makeContext, modified, readExpected, readFixture } from './context';

const RULE = 'dangerous-code';

async function scan(...files: Parameters<typeof makeContext>[0]): Promise<Finding[]> {
  return dangerousCodeCheck.run(makeContext(files));
}

/** The name a finding's message starts with, between backticks. */
const sinkOf = (finding: Finding): string => /^`([^`]+)`/.exec(finding.message)?.[1] ?? finding.message;

describe('security.dangerous-code', () => {
  const expected = readExpected(RULE);

  for (const name of fixtureNames(RULE).filter((n) => n.startsWith('positives.'))) {
    it(`finds each dangerous sink of ${name} on its exact line`, async () => {
      const findings = await scan(added(`src/features/banner/${name}`, readFixture(RULE, name)));
      const want = expected[name] ?? [];
      assert.ok(want.length > 0, `expected.json lists ${name}`);
      assert.deepEqual(
        findings.map((f) => [f.line, sinkOf(f)]),
        want.map((e) => [e.line, e.kind]),
      );
      for (const finding of findings) {
        assert.equal(finding.severity, 'error');
        assert.equal(finding.blocking, true);
      }
    });
  }

  for (const name of fixtureNames(RULE).filter((n) => n.startsWith('negatives.'))) {
    it(`passes the literals, safe look-alikes and comments of ${name}`, async () => {
      assert.deepEqual(await scan(added(`src/features/banner/${name}`, readFixture(RULE, name))), []);
    });
  }

  it('does not report a sink the change only re-indents, and does report one it writes anew', async () => {
    const before = 'export function Note({ html }) {\n  return (\n    <div dangerouslySetInnerHTML={{ __html: html }} />\n  );\n}\n';
    const wrapped = 'export function Note({ html }) {\n  return (\n    <section>\n\t\t\t<div  dangerouslySetInnerHTML={{ __html: html }} />\n    </section>\n  );\n}\n';
    assert.deepEqual(await scan(modified('src/features/banner/Note.tsx', before, wrapped)), []);
    const twice = wrapped.replace('    </section>', '      <p dangerouslySetInnerHTML={{ __html: html }} />\n    </section>');
    assert.deepEqual((await scan(modified('src/features/banner/Note.tsx', before, twice))).map((f) => [f.line, sinkOf(f)]), [[5, 'dangerouslySetInnerHTML']]);
  });

  it('points at the column of the sink and says what to do instead', async () => {
    const [finding] = await scan(added('src/a.ts', 'const x = 1; el.innerHTML = html;\n'));
    assert.deepEqual(finding, {
      check: 'security.dangerous-code',
      severity: 'error',
      blocking: true,
      file: 'src/a.ts',
      line: 1,
      column: 16,
      message: '`innerHTML/outerHTML assignment` added — it parses a computed value as HTML (cross-site scripting); set textContent instead',
    });
  });

  it('tells a literal from an interpolated template', async () => {
    assert.deepEqual(await scan(added('src/a.js', 'el.innerHTML = `<b>static</b>`;\n')), []);
    assert.equal((await scan(added('src/a.js', 'el.innerHTML = `<b>${name}</b>`;\n'))).length, 1);
    assert.equal((await scan(added('src/a.js', "el.innerHTML = '<b>' + name + '</b>';\n"))).length, 1);
  });

  it('only looks at front-end source files', async () => {
    const line = 'el.innerHTML = html; eval(code);\n';
    assert.deepEqual(await scan(added('docs/security.md', line), added('scripts/run.py', line), added('src/i18n/en.json', line)), []);
    assert.equal((await scan(added('src/a.mjs', line), added('src/b.cjs', line), added('src/c.jsx', line))).length, 6);
  });

  it('ignores lines the change removes or leaves untouched', async () => {
    const before = 'const a = eval(x);\nconst b = 1;\n';
    assert.deepEqual(await scan(modified('src/a.ts', before, 'const a = eval(x);\nconst b = 2;\n')), []);
    assert.deepEqual(await scan(modified('src/a.ts', before, 'const b = 1;\n')), []);
  });

  it('handles CRLF, NUL bytes and empty files', async () => {
    const crlf = await scan(added('src/a.ts', 'const a = 1;\r\nconst b = eval(x);\r\n'));
    assert.deepEqual(crlf.map((f) => [f.line, f.column]), [[2, 11]]);
    assert.deepEqual((await scan(added('src/a.js', '\u0000eval(x)'))).map((f) => [f.line, f.column]), [[1, 2]], 'a NUL byte hides nothing');
    assert.deepEqual(await scan(added('src/a.js', '')), []);
  });

  it('says a huge minified bundle line was not read, instead of a blocker per sink (its time: bench/limits.bench.ts)', async () => {
    const line = `${'a.innerHTML="x";'.repeat(20_000)}eval(z)`;
    const findings = await scan(added('dist/app.js', line));
    assert.deepEqual(findings.map((f) => [f.severity, f.line]), [['warning', null]]);
    assert.match(findings[0].message, /^This file is minified, so it had 1 minified line not scanned/);
  });

  it('finds the sinks after long runs of blanks, reading each run once: padding is not minified code (its time: bench/limits.bench.ts)', async () => {
    const lines = [`${' '.repeat(300_000)}innerHTML: html,`, `${'\t'.repeat(300_000)}run = eval;`, `${' '.repeat(300_000)}<iframe srcDoc={html} />`];
    const findings = await scan(added('dist/app.js', lines.join('\n')));
    assert.deepEqual(findings.map((f) => [f.line, f.column, sinkOf(f)]), [[1, 300_001, 'innerHTML/outerHTML assignment'], [2, 300_007, 'indirect eval'], [3, 300_009, 'srcdoc']]);
  });

  it('declares its id', () => assert.deepEqual(dangerousCodeCheck.ids, ['security.dangerous-code']));
});
