import * as assert from 'node:assert/strict';
import {
  checkPlanningDoc,
  featureFolderOf,
  planNewPlanningDoc,
  planningDefaults,
  scopeList,
  suggestFeatureFolders,
  suggestFlags,
  type NewPlanningInput,
} from '../../../src/core/planning';
import { ALICE, BOB, fixture, policyWith, REGULATED } from './helpers';

const INPUT: NewPlanningInput = {
  title: 'Clearer card-declined message at checkout',
  feature: 'src/features/checkout/**',
  flag: 'checkout_copy_v2',
  tier: 'production',
  metric: 'checkout completion after a declined card',
  created: '2025-03-04',
};

describe('planning: a new planning doc', () => {
  it('goes in the feature folder and fills the template from CLAUDE.md', () => {
    const planned = planNewPlanningDoc(INPUT, REGULATED, ALICE);
    assert.equal(planned.path, 'src/features/checkout/PLANNING.md');
    assert.deepEqual(planned.problems, []);
    assert.match(planned.text, /^author: "@alice"$/m);
    assert.match(planned.text, /^- \[ \] Engineering DRI: @dana$/m);
    assert.match(planned.text, /^- \[ \] Product DRI: @pat$/m);
    assert.match(planned.text, /^## Protected data$/m);
    assert.match(planned.text, /^- `src\/features\/checkout\/\*\*\/i18n\/\*\.json` \(user-facing strings\)$/m);
  });

  it('with no flag (`flag: none`), says how to roll back without one instead of "Turn off `none`"', () => {
    const planned = planNewPlanningDoc({ ...INPUT, flag: 'none' }, REGULATED, ALICE);
    assert.match(planned.text, /^flag: none$/m);
    assert.match(planned.text, /^## Rollback\n\n<!--.*-->\n\nNo feature flag to turn off: revert the pull request\.$/m);
    assert.doesNotMatch(planned.text, /Turn off `none`/);
    assert.match(planNewPlanningDoc(INPUT, REGULATED, ALICE).text, /^Turn off `checkout_copy_v2`\.$/m);
    assert.match(planNewPlanningDoc({ ...INPUT, flag: '' }, REGULATED, ALICE).text, /^Turn off `TBD`\.$/m, 'a flag not chosen yet is still asked for');
  });

  it('takes the product DRI from the zone when the pilot names none, and finds the pilot from a handle', () => {
    const policy = policyWith({ mode: 'regulated', productDri: '@quinn' });
    const planned = planNewPlanningDoc({ ...INPUT, authorHandle: 'BOB' }, policy);
    assert.match(planned.text, /^author: "@bob"$/m);
    assert.match(planned.text, /^- \[ \] Engineering DRI: @erin$/m);
    assert.match(planned.text, /^- \[ \] Product DRI: @quinn$/m);
  });

  it('names the PM as the product DRI when neither the pilot row nor the zone names one: their handle, else git\'s user.name, never TBD', () => {
    const noDri = policyWith({ mode: 'regulated', pilots: [{ ...BOB, productDri: undefined }, { handle: '@carol', featureFolders: ['src/features/search/**'], line: 14 }] });
    assert.match(planNewPlanningDoc({ ...INPUT, authorHandle: '@bob' }, noDri).text, /^- \[ \] Product DRI: @bob$/m);
    assert.match(planNewPlanningDoc({ ...INPUT, authorHandle: 'zed', userName: 'Zed PM' }, noDri).text, /^- \[ \] Product DRI: @zed$/m, 'a handle given, though not a pilot\'s');
    assert.match(planNewPlanningDoc({ ...INPUT, userName: 'Zed PM' }, noDri).text, /^- \[ \] Product DRI: Zed PM$/m);
    assert.match(planNewPlanningDoc(INPUT, noDri).text, /^- \[ \] Product DRI: TBD$/m, 'nobody known: still asked for');
  });

  it('pre-fills what PM Zone knows in one place: the first flag the PM owns, the product DRI', () => {
    assert.deepEqual(planningDefaults(REGULATED, ALICE, 'Alice PM'), { flag: 'checkout_copy_v2', productDri: '@pat' });
    assert.deepEqual(planningDefaults(policyWith({ pilots: [{ ...BOB, productDri: undefined }] }), '@bob'), { flag: 'search_ranking_v3', productDri: '@bob' });
    assert.deepEqual(planningDefaults(policyWith({ pilots: [], ownedFlags: [] }), undefined, 'Zed PM'), { flag: 'none', productDri: 'Zed PM' });
  });

  it('is made from a repository template when one is given, reporting its unknown placeholders', () => {
    const planned = planNewPlanningDoc({ ...INPUT, template: fixture('user-template.md') }, policyWith(), ALICE);
    assert.equal(planned.path, 'src/features/checkout/PLANNING.md');
    assert.equal(planned.problems.filter((problem) => problem.kind === 'unknown-placeholder').length, 4);
    assert.ok(planned.problems.every((problem) => problem.file === '.pmzone/PLANNING.template.md'));
  });

  it('has only the expected to-do problems once made: nothing about its structure', () => {
    const planned = planNewPlanningDoc(INPUT, policyWith(), ALICE);
    const kinds = new Set(checkPlanningDoc(planned.text, { file: planned.path, policy: policyWith(), author: ALICE }).map((problem) => problem.kind));
    assert.deepEqual([...kinds].sort(), ['incomplete-section', 'placeholder']);
  });

  it('turns a feature glob into its folder', () => {
    assert.equal(featureFolderOf('src/features/checkout/**'), 'src/features/checkout');
    assert.equal(featureFolderOf('./src/features/checkout/'), 'src/features/checkout');
    assert.equal(featureFolderOf('/apps/web/src/*/checkout/**'), 'apps/web/src');
    assert.equal(featureFolderOf('src\\features\\search'), 'src/features/search');
    assert.equal(featureFolderOf('**'), '');
    assert.equal(planNewPlanningDoc({ ...INPUT, feature: '**' }, policyWith(), ALICE).path, 'PLANNING.md');
  });

  it('scopes the may-edit globs that can apply inside the folder, narrowed to it', () => {
    assert.equal(
      scopeList(policyWith(), 'src/features/checkout'),
      [
        '- `src/features/checkout/**/i18n/*.json` (user-facing strings)',
        '- `src/features/checkout/**/prompts/*.md`',
        '- `src/features/checkout/**/flags.yaml` (owned flags only)',
      ].join('\n'),
    );
    assert.match(scopeList(policyWith(), 'docs/guides'), /^- `docs\/\*\*`$/m);
    const unanchored = policyWith({ mayEdit: [{ glob: '*.md', line: 3, qualifiers: [] }] });
    assert.equal(scopeList(unanchored, 'src/a'), '- `src/a/**/*.md`');
    assert.equal(scopeList(policyWith({ mayEdit: [] }), 'src/a'), '');
  });

  it('suggests the author\'s feature folders, and every pilot\'s when the author is unknown', () => {
    assert.deepEqual(suggestFeatureFolders(policyWith(), ALICE), [{ folder: 'src/features/checkout', glob: 'src/features/checkout/**', pilot: '@alice' }]);
    assert.deepEqual(suggestFeatureFolders(policyWith(), '@Bob').map((suggestion) => suggestion.folder), ['src/features/search', 'src/features/checkout']);
    assert.deepEqual(suggestFeatureFolders(policyWith(), '@nobody').map((suggestion) => suggestion.folder), ['src/features/checkout', 'src/features/search']);
    assert.deepEqual(suggestFeatureFolders(policyWith()).map((suggestion) => suggestion.pilot), ['@alice', '@bob']);
    assert.deepEqual(suggestFeatureFolders(policyWith({ pilots: [] }), ALICE), [{ folder: 'src/features/checkout', glob: 'src/features/checkout/**', pilot: '@alice' }]);
  });

  it('suggests only the flags the author owns', () => {
    assert.deepEqual(suggestFlags(policyWith(), ALICE), ['checkout_copy_v2']);
    assert.deepEqual(suggestFlags(policyWith(), 'bob'), ['search_ranking_v3']);
    assert.deepEqual(suggestFlags(policyWith(), BOB.handle), ['search_ranking_v3']);
    assert.deepEqual(suggestFlags(policyWith(), '@nobody'), []);
    assert.deepEqual(suggestFlags(policyWith()), []);
  });
});
