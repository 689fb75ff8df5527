import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { BUILTIN_PLANNING_TEMPLATE, fillTemplate } from '../../../src/core/planning';
import { locateFrontMatter } from '../../../src/core/planning/frontMatterBlock';
import { fixture, goldenValues } from './helpers';

function frontMatterOf(text: string): Record<string, unknown> {
  const block = locateFrontMatter(text);
  assert.ok(block?.closed);
  const document = parseDocument(text.slice(block.contentStart, block.contentEnd), { version: '1.1' });
  assert.deepEqual(document.errors, [], text);
  return document.toJS() as Record<string, unknown>;
}

describe('planning template: fillTemplate', () => {
  const awkwardTitles = [
    'Fix: checkout # errors',
    'Say "hello" to \'everyone\'',
    '- starts like a list',
    '{{title}} and {{flag}}',
    'Costs $& and $1 and $$',
    'yes',
    'null',
    '2025-03-04',
    '@mention first',
    '[not, a, list]',
    '   padded   ',
    'two\nlines',
    'tab\there',
    'é ✓ 日本語',
  ];
  for (const title of awkwardTitles) {
    it(`reads back the title ${JSON.stringify(title)} exactly from the front matter (YAML 1.1 and 1.2)`, () => {
      const { text, problems } = fillTemplate(BUILTIN_PLANNING_TEMPLATE, goldenValues({ title }));
      assert.deepEqual(problems, []);
      assert.equal(frontMatterOf(text).title, title);
      const block = locateFrontMatter(text)!;
      assert.equal(parseDocument(text.slice(block.contentStart, block.contentEnd)).toJS().title, title);
    });
  }

  it('inserts values literally in the body: no re-expansion, no $ patterns', () => {
    const { text } = fillTemplate('# {{title}}\n{{flag}}\n', goldenValues({ title: '{{flag}} costs $& $1 $$', flag: 'f' }));
    assert.equal(text, '# {{flag}} costs $& $1 $$\nf\n');
  });

  it('writes TBD for an empty value in the body and "" in the front matter', () => {
    const { text } = fillTemplate(BUILTIN_PLANNING_TEMPLATE, goldenValues({ flag: '', metric: '', engineeringDri: undefined, scope: undefined }));
    assert.equal(frontMatterOf(text).flag, '');
    assert.match(text, /^Turn off `TBD`\.$/m);
    assert.match(text, /^- Metric: TBD$/m);
    assert.match(text, /^- \[ \] Engineering DRI: TBD$/m);
  });

  it('formats the created date as an ISO day from a Date (UTC) or an ISO string', () => {
    const fromDate = fillTemplate('{{created}}', goldenValues({ created: new Date(Date.UTC(2024, 11, 31, 23, 59)) }));
    assert.equal(fromDate.text, '2024-12-31');
    const fromString = fillTemplate('{{created}}', goldenValues({ created: '2024-02-29T10:00:00Z' }));
    assert.equal(fromString.text, '2024-02-29');
  });

  it('reports an invalid date instead of crashing', () => {
    const invalidDate = fillTemplate('{{created}}', goldenValues({ created: new Date('nonsense') }));
    assert.equal(invalidDate.problems[0]?.kind, 'invalid-date');
    const invalidString = fillTemplate('{{created}}', goldenValues({ created: 'last tuesday' }));
    assert.equal(invalidString.text, 'last tuesday');
    assert.equal(invalidString.problems[0]?.kind, 'invalid-date');
  });

  it('fills a user template, leaving unknown placeholders as written and reporting each with its position', () => {
    const { text, problems } = fillTemplate(fixture('user-template.md'), goldenValues({ title: 'Say "hi": #1' }));
    assert.equal(text, fixture('user-template.standard.expected.md'));
    assert.deepEqual(
      problems.map((problem) => [problem.kind, problem.line, problem.column, problem.endColumn, problem.severity, problem.file]),
      [
        ['unknown-placeholder', 4, 7, 15, 'warning', '.pmzone/PLANNING.template.md'],
        ['unknown-placeholder', 12, 9, 19, 'warning', '.pmzone/PLANNING.template.md'],
        ['unknown-placeholder', 18, 1, 10, 'warning', '.pmzone/PLANNING.template.md'],
        ['unknown-placeholder', 20, 1, 10, 'warning', '.pmzone/PLANNING.template.md'],
        ['unbalanced-block', 34, 1, 15, 'warning', '.pmzone/PLANNING.template.md'],
      ],
    );
    assert.match(problems[0].message, /\{\{team\}\}/);
  });

  it('keeps quoted front-matter values valid: escapes inside "…" and doubles quotes inside \'…\'', () => {
    const template = '---\na: "x {{title}} y"\nb: \'x {{title}} y\'\nc: [{{title}}]\nd: {{title}} # note\n---\n';
    const title = 'it\'s "quoted" \\ and # hash';
    const { text } = fillTemplate(template, goldenValues({ title }));
    assert.deepEqual(frontMatterOf(text), { a: `x ${title} y`, b: `x ${title} y`, c: [title], d: title });
    assert.match(text, /^d: .* # note$/m);
  });

  it('keeps the line endings of a CRLF template, and a BOM does not hide its front matter', () => {
    const crlf = '\uFEFF' + BUILTIN_PLANNING_TEMPLATE.replace(/\n/g, '\r\n');
    const { text, problems } = fillTemplate(crlf, goldenValues({ mode: 'regulated' }));
    assert.deepEqual(problems, []);
    assert.equal(text, fixture('regulated.expected.md').replace(/\n/g, '\r\n'));
  });

  it('nests blocks and handles inverted blocks inline', () => {
    const template = 'a{{#regulated}}R{{^regulated}}never{{/regulated}}{{/regulated}}{{^regulated}}S{{/regulated}}b';
    assert.equal(fillTemplate(template, goldenValues({ mode: 'regulated' })).text, 'aRb');
    assert.equal(fillTemplate(template, goldenValues({ mode: 'standard' })).text, 'aSb');
  });

  it('leaves an unclosed block open and reported, without dropping text', () => {
    const { text, problems } = fillTemplate('keep\n{{#regulated}}\nall of this\n', goldenValues());
    assert.equal(text, 'keep\n{{#regulated}}\nall of this\n');
    assert.deepEqual(problems.map((problem) => [problem.kind, problem.line, problem.column]), [['unbalanced-block', 2, 1]]);
  });

  it('accepts spaces inside the braces and survives empty, binary and untyped input', () => {
    assert.equal(fillTemplate('{{ title }}|{{  mode}}', goldenValues({ title: 'T' })).text, 'T|standard');
    assert.deepEqual(fillTemplate('', goldenValues()), { text: '', problems: [] });
    const binary = '\u0000\u0001{{\u0000}}\uFFFD{{title';
    assert.equal(fillTemplate(binary, goldenValues()).text, binary);
    const untyped = { ...goldenValues(), title: undefined, flag: null } as unknown as Parameters<typeof fillTemplate>[1];
    const filled = fillTemplate(BUILTIN_PLANNING_TEMPLATE, untyped);
    assert.equal(frontMatterOf(filled.text).title, '');
    assert.match(filled.text, /^# TBD$/m);
  });

  it('reports a user template whose front matter is not valid YAML', () => {
    const { problems } = fillTemplate('---\ntitle: {{title}}\n  bad: [\n---\n', goldenValues());
    assert.deepEqual(problems.map((problem) => problem.kind), ['invalid-front-matter']);
  });
});
