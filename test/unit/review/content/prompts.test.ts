import * as assert from 'node:assert/strict';
import { promptsCheck, templateVariables } from '../../../../src/core/review/checks/prompts';
import { bom, brief, changed, context, crlf, fixture, policy, run } from './context';

const SUMMARY = 'src/features/checkout/prompts/summary.md';
const prompt = (name: string): string => fixture('prompts', name);

describe('prompts.variables', () => {
  it('reports added variables at their first line and removed ones at their nearest line', async () => {
    const findings = await run(promptsCheck, context([changed(SUMMARY, prompt('summary.before.md'), prompt('summary.after.md'))]));
    assert.deepEqual(brief(findings), [
      { check: 'prompts.variables', line: 3 },
      { check: 'prompts.variables', line: 6 },
    ]);
    assert.match(findings[0].message, /^Template variables added: `locale` and `currency`\./);
    assert.match(findings[1].message, /^Template variable removed: `tone`\./);
    assert.ok(findings.every((finding) => finding.severity === 'warning' && !finding.blocking));
  });

  it('stays quiet when only the wording changes (spacing inside tags and comments too)', async () => {
    const ctx = context([changed(SUMMARY, prompt('summary.before.md'), prompt('summary-reworded.after.md'))]);
    assert.deepEqual(await run(promptsCheck, ctx), []);
  });

  it('reads Jinja statements: conditions and loop sources', async () => {
    const path = 'services/support/prompts/support.j2';
    const findings = await run(promptsCheck, context([changed(path, prompt('support.before.j2'), prompt('support.after.j2'))]));
    assert.deepEqual(brief(findings), [
      { check: 'prompts.variables', line: 1 },
      { check: 'prompts.variables', line: 1 },
    ]);
    assert.match(findings[0].message, /`region` and `recent_orders`/);
    assert.match(findings[1].message, /`user\.name` and `orders`/);
  });

  it('gives the same lines with CRLF and a byte-order mark', async () => {
    const ctx = context([changed(SUMMARY, crlf(prompt('summary.before.md')), bom(crlf(prompt('summary.after.md'))))]);
    assert.deepEqual(brief(await run(promptsCheck, ctx)), [
      { check: 'prompts.variables', line: 3 },
      { check: 'prompts.variables', line: 6 },
    ]);
  });

  it('ignores new, deleted, binary and non-prompt files', async () => {
    const ctx = context([
      changed('src/prompts/new.md', undefined, 'Hi {{name}}\n'),
      changed('src/prompts/old.md', 'Hi {{name}}\n', undefined),
      { ...changed('src/prompts/blob.bin', 'a\u0000{{x}}', 'b\u0000{{y}}'), binary: true },
      changed('docs/summary.md', 'Hi {{name}}\n', 'Hi {{who}}\n'),
    ]);
    assert.deepEqual(await run(promptsCheck, ctx), []);
  });
});

describe('prompts.variables in code: template literals and named prompts', () => {
  it('reads {{var}} inside a template literal and ${…} in one, never in a comment', async () => {
    // NextChat keeps its prompts in app/constant.ts: the zone names the file as prompts.
    const zone = policy({ mayEdit: [{ glob: 'app/constant.ts', line: 9, qualifiers: [], note: 'system prompts' }] });
    const findings = await run(promptsCheck, context([changed('app/constant.ts', prompt('constant.before.ts'), prompt('constant.after.ts'))], { policy: zone }));
    assert.deepEqual(findings.map(({ line, message }) => [line, message.slice(0, message.indexOf('.'))]), [
      [11, 'Template variable added in prompt `DEFAULT_SYSTEM_TEMPLATE`: `lang`'],
      [16, 'Template variable removed in prompt `summarizePrompt`: `lang`'],
    ]);
  });

  it('compares a file of many prompts prompt by prompt: a variable moved between messages of one prompt is no change', async () => {
    // {{content}} moves to a new user message of `Summary`, which also gains {{language}} that another prompt already had.
    const findings = await run(promptsCheck, context([changed('src/plugins/copilot/prompt/prompts.ts', prompt('prompts.before.ts'), prompt('prompts.after.ts'))]));
    assert.deepEqual(findings.map(({ line, message }) => [line, message.slice(0, message.indexOf('.'))]), [[10, 'Template variable added in prompt `Summary`: `language`']]);
  });

  it('follows what the zone calls a prompt, whatever the file is named', async () => {
    const path = 'src/ai/instructions.ts';
    const edit = [changed(path, prompt('constant.before.ts'), prompt('constant.after.ts'))];
    assert.deepEqual(await run(promptsCheck, context(edit)), [], 'not a prompt by its name or place');
    const zone = policy({ mayEdit: [{ glob: 'src/ai/*.ts', line: 9, qualifiers: [], note: 'AI prompt templates' }] });
    assert.equal((await run(promptsCheck, context(edit, { policy: zone }))).length, 2);
  });
});

describe('templateVariables', () => {
  const variables = (text: string) => Object.fromEntries(templateVariables(text));

  it('reads Mustache and Handlebars tags, blocks and triple braces', () => {
    assert.deepEqual(variables('{{a}}\n{{{ raw }}}\n{{#if b}}x{{else}}y{{/if}}\n{{^empty}}{{/empty}}\n{{#each list as |item|}}{{item.x}}{{/each}}'), {
      a: 1,
      raw: 2,
      b: 3,
      empty: 4,
      list: 5,
      'item.x': 5,
    });
  });

  it('skips comments, partials, data variables, strings and keywords', () => {
    assert.deepEqual(variables('{{! name }}{{> header}}{{@index}}{{#if (eq kind "gift")}}{{/if}}{{ this }}'), { eq: 1, kind: 1 });
  });

  it('reads ${} and Jinja filters', () => {
    assert.deepEqual(variables('Hi ${ user.name }\n{{ title | upper }}\n{% elif premium %}'), { 'user.name': 1, title: 2, premium: 3 });
  });

  it('handles empty text and unclosed tags', () => {
    assert.deepEqual(variables(''), {});
    assert.deepEqual(variables('{{ open\n{% if x'), {});
  });

  it('scans a large prompt (its time: bench/limits.bench.ts)', () => {
    const text = `${'word {{ '.repeat(20_000)}\n${'{{v}} '.repeat(20_000)}`;
    assert.equal(templateVariables(text).get('v'), 2);
  });
});
