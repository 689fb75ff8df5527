import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { BUILTIN_PLANNING_TEMPLATE, fillTemplate, PLANNING_SECTIONS, TIER_LABELS, TIERS, VALUE_PLACEHOLDERS } from '../../../src/core/planning';
import { locateFrontMatter } from '../../../src/core/planning/frontMatterBlock';
import { fixture, goldenValues } from './helpers';

function frontMatterOf(text: string): Record<string, unknown> {
  const block = locateFrontMatter(text);
  assert.ok(block?.closed, 'the filled text has closed front matter');
  const document = parseDocument(text.slice(block.contentStart, block.contentEnd));
  assert.deepEqual(document.errors, []);
  return document.toJS() as Record<string, unknown>;
}

describe('planning template: the built-in template filled', () => {
  it('matches the standard golden file exactly', () => {
    const { text, problems } = fillTemplate(BUILTIN_PLANNING_TEMPLATE, goldenValues());
    assert.equal(text, fixture('standard.expected.md'));
    assert.deepEqual(problems, []);
  });

  it('matches the regulated golden file exactly', () => {
    const { text, problems } = fillTemplate(BUILTIN_PLANNING_TEMPLATE, goldenValues({ mode: 'regulated' }));
    assert.equal(text, fixture('regulated.expected.md'));
    assert.deepEqual(problems, []);
  });

  it('has every section heading in order, the regulated-only one inside a regulated block', () => {
    const headings = [...BUILTIN_PLANNING_TEMPLATE.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
    assert.deepEqual(headings, PLANNING_SECTIONS.map((section) => section.heading));
    assert.match(BUILTIN_PLANNING_TEMPLATE, /\{\{#regulated\}\}\n## Protected data\n/);
  });

  it('drops Protected data and the product DRI in standard mode, keeps them in regulated mode', () => {
    const standard = fillTemplate(BUILTIN_PLANNING_TEMPLATE, goldenValues()).text;
    const regulated = fillTemplate(BUILTIN_PLANNING_TEMPLATE, goldenValues({ mode: 'regulated' })).text;
    assert.doesNotMatch(standard, /Protected data|Product DRI|\{\{/);
    assert.match(regulated, /^## Protected data$/m);
    assert.match(regulated, /^- \[ \] Product DRI: @pat$/m);
    assert.doesNotMatch(regulated, /\{\{/);
  });

  it('pre-fills the rollback as a flag flip and the front matter fields', () => {
    const { text } = fillTemplate(BUILTIN_PLANNING_TEMPLATE, goldenValues({ flag: 'new_banner' }));
    assert.match(text, /^Turn off `new_banner`\.$/m);
    assert.deepEqual(frontMatterOf(text), {
      title: 'Clearer card-declined message at checkout',
      author: '@alice',
      feature: 'src/features/checkout',
      flag: 'new_banner',
      tier: 'production',
      created: '2025-03-04',
      status: 'draft',
    });
  });

  it('names every placeholder it uses in VALUE_PLACEHOLDERS', () => {
    const used = new Set([...BUILTIN_PLANNING_TEMPLATE.matchAll(/\{\{([a-zA-Z]+)\}\}/g)].map((match) => match[1]));
    for (const name of used) assert.ok((VALUE_PLACEHOLDERS as readonly string[]).includes(name), name);
  });

  it('labels each tier', () => {
    assert.deepEqual([...TIERS], ['prototype', 'internal-tool', 'production']);
    assert.deepEqual(TIERS.map((tier) => TIER_LABELS[tier]), ['Prototype', 'Internal tool', 'Production']);
  });
});
