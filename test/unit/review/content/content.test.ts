import * as assert from 'node:assert/strict';
import type { Check } from '../../../../src/core/review/model';
import { isCheckId } from '../../../../src/core/review/registry';
import { analyticsPiiCheck, analyticsRemovalCheck } from '../../../../src/core/review/checks/analytics';
import { flagsFileCheck, flagsUngatedCheck } from '../../../../src/core/review/checks/flags';
import { i18nCheck } from '../../../../src/core/review/checks/i18n';
import { promptsCheck } from '../../../../src/core/review/checks/prompts';
import { changed, context, fixture } from './context';

/** The content checks: feature flags, analytics, copy and i18n, prompts. */
const contentChecks: readonly Check[] = [flagsFileCheck, flagsUngatedCheck, analyticsRemovalCheck, analyticsPiiCheck, i18nCheck, promptsCheck];

describe('the content checks', () => {
  it('cover the flags, analytics, i18n and prompts ids, each once, all of them known', () => {
    const ids = contentChecks.flatMap((check) => [...check.ids]);
    assert.deepEqual([...ids].sort(), [
      'analytics.pii', 'analytics.removal', 'flags.invalid', 'flags.ungated', 'flags.unowned',
      'i18n.invalid-json', 'i18n.placeholder-mismatch', 'i18n.removed-key', 'prompts.variables',
    ]);
    assert.deepEqual(ids.filter((id) => !isCheckId(id)), []);
  });

  it('emits only the ids each check declares, on a change that touches every kind of file', async () => {
    const ctx = context([
      changed('src/features/checkout/flags.yaml', fixture('flags', 'owned-change.before.yaml'), fixture('flags', 'invalid-rollout.after.yaml')),
      changed('src/features/checkout/components/Banner.tsx', fixture('flags', 'Banner.before.tsx'), fixture('flags', 'Banner.after.tsx')),
      changed('src/features/checkout/analytics/events.ts', fixture('analytics', 'events.before.ts'), fixture('analytics', 'events-pii.after.ts')),
      changed('src/features/checkout/i18n/en.json', fixture('i18n', 'en.before.json'), fixture('i18n', 'en.after.json')),
      changed('src/features/checkout/prompts/summary.md', fixture('prompts', 'summary.before.md'), fixture('prompts', 'summary.after.md')),
    ]);
    const seen = new Set<string>();
    for (const check of contentChecks) {
      for (const finding of await check.run(ctx)) {
        assert.ok(check.ids.includes(finding.check), `${finding.check} from ${check.ids.join(',')}`);
        seen.add(finding.check);
      }
    }
    assert.deepEqual([...seen].sort(), [
      'analytics.pii', 'flags.invalid', 'flags.unowned', 'i18n.placeholder-mismatch', 'i18n.removed-key', 'prompts.variables',
    ]);
  });

  it('finds nothing in an empty change', async () => {
    for (const check of contentChecks) assert.deepEqual(await check.run(context([])), []);
  });
});
