import * as assert from 'node:assert/strict';
import { dangerousCodeCheck, piiCheck, secretCheck } from '../../../../src/core/review/checks/security';
import { ALWAYS_ON_CHECK_IDS } from '../../../../src/core/review/registry';
import { added, makeContext, unsplit } from './context';

const securityChecks = [secretCheck, piiCheck, dangerousCodeCheck];

describe('the security checks', () => {
  it('are always on, with the privacy check of analytics events', () => {
    assert.deepEqual(ALWAYS_ON_CHECK_IDS, ['security.secret', 'security.pii', 'security.dangerous-code', 'analytics.pii']);
  });

  it('each reports its own problem in one mixed change, and all of them block', async () => {
    const ctx = makeContext([
      added('src/features/checkout/components/Banner.tsx', `<div dangerouslySetInnerHTML={{ __html: note }} />\n`),
      added('src/i18n/en.json', '{ "help": "Write to jane.doe@gmail.com" }\n'),
      added('.env.example', `STRIPE_KEY=${unsplit('sk_live_26¦R08qzjI6GKFSufrdZSlB5e')}\n`),
    ]);
    const findings = (await Promise.all(securityChecks.map((check) => check.run(ctx)))).flat();
    assert.deepEqual(
      findings.map((f) => [f.check, f.file, f.blocking]),
      [
        ['security.secret', '.env.example', true],
        ['security.pii', 'src/i18n/en.json', true],
        ['security.dangerous-code', 'src/features/checkout/components/Banner.tsx', true],
      ],
    );
  });
});
