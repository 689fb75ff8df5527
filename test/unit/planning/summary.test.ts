import * as assert from 'node:assert/strict';
import { readPlanningSummary } from '../../../src/core/planning';
import { fixture } from './helpers';

describe('planning: the summary the pull request is made from', () => {
  it('reads the front matter, the first paragraphs and the AI disclosure of a written doc', () => {
    assert.deepEqual(readPlanningSummary(fixture('filled-standard.md')), {
      title: 'Clearer card-declined message at checkout',
      flag: 'checkout_copy_v2',
      tier: 'production',
      author: '@alice',
      feature: 'src/features/checkout',
      status: 'ready',
      problem: 'Shoppers whose card is declined see "Error 402" and 38% of them leave the\ncheckout (support ticket SUP-1182, funnel dashboard, February).',
      intent: 'A declined card shows "Your card was declined. Try another card or contact\nyour bank." with a button back to the payment step.',
      aiAssistance: 'The French translation was drafted with Claude and checked by a native\nspeaker. The English copy was written by hand.',
      signOffs: { engineeringDri: '@dana' },
    });
  });

  it('reads the DRIs the Sign-offs section names, and none that is still a placeholder', () => {
    const doc = (lines: string) => `# Title\n\n## Sign-offs\n\n${lines}\n`;
    assert.deepEqual(readPlanningSummary(doc('- [ ] Engineering DRI: @dana\n- [x] Product DRI: **@erin**')).signOffs, { engineeringDri: '@dana', productDri: '@erin' });
    assert.deepEqual(readPlanningSummary(doc('- [ ] Product DRI — @acme/product-leads')).signOffs, { productDri: '@acme/product-leads' });
    assert.deepEqual(readPlanningSummary(doc('- [ ] Product DRI: TBD')).signOffs, {});
  });

  it('leaves out what is still template text', () => {
    const summary = readPlanningSummary(fixture('standard.expected.md'));
    assert.equal(summary.title, 'Clearer card-declined message at checkout');
    assert.equal(summary.status, 'draft');
    assert.equal(summary.problem, undefined);
    assert.equal(summary.intent, undefined);
    assert.equal(summary.aiAssistance, undefined);
  });

  it('takes the first heading when the front matter has no title, joins several flags, keeps the tier as written', () => {
    const summary = readPlanningSummary('---\nflag: [a, b]\ntier: Internal tool\n---\n\n# The *real* title\n\n## AI assistance\n\nNone.\n\nReally.\n');
    assert.equal(summary.title, 'The real title');
    assert.equal(summary.flag, 'a, b');
    assert.equal(summary.tier, 'Internal tool');
    assert.equal(summary.aiAssistance, 'None.\n\nReally.');
  });

  it('reads CRLF and BOM docs the same, and gives nothing for an empty one', () => {
    const text = fixture('filled-standard.md');
    assert.deepEqual(readPlanningSummary(`\uFEFF${text.replace(/\n/g, '\r\n')}`), readPlanningSummary(text));
    const { signOffs, ...rest } = readPlanningSummary('');
    assert.deepEqual(Object.values(rest), Array(9).fill(undefined));
    assert.deepEqual(signOffs, {});
  });
});
