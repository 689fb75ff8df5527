import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Pilot, ZonePolicy } from '../../../src/core/policy/model';
import type { PlanningValues } from '../../../src/core/planning';

export const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'planning');

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

export const ALICE: Pilot = {
  handle: '@alice',
  featureFolders: ['src/features/checkout/**'],
  engineeringDri: '@dana',
  productDri: '@pat',
  line: 20,
};

export const BOB: Pilot = {
  handle: '@bob',
  featureFolders: ['src/features/search/**', 'src/features/checkout/**'],
  engineeringDri: '@erin',
  line: 21,
};

/** A CLAUDE.md PM zone as the policy parser would return it. */
export function policyWith(overrides: Partial<ZonePolicy> = {}): ZonePolicy {
  return {
    file: 'CLAUDE.md',
    defined: true,
    line: 1,
    mode: 'standard',
    mayEdit: [
      { glob: '**/i18n/*.json', line: 5, qualifiers: [], note: 'user-facing strings' },
      { glob: '**/prompts/*.md', line: 6, qualifiers: [] },
      { glob: '**/flags.yaml', line: 7, qualifiers: ['owned-flags-only'], note: 'owned flags only' },
      { glob: 'docs/**', line: 8, qualifiers: [] },
    ],
    engineeringOnly: [{ glob: '**/payments/**', line: 12, qualifiers: [] }],
    pilots: [ALICE, BOB],
    ownedFlags: [
      { flag: 'checkout_copy_v2', owner: '@alice', line: 30 },
      { flag: 'search_ranking_v3', owner: '@bob', line: 31 },
    ],
    problems: [],
    ...overrides,
  };
}

export const REGULATED = policyWith({ mode: 'regulated' });

/** The values of the golden files: the date is fixed. */
export function goldenValues(overrides: Partial<PlanningValues> = {}): PlanningValues {
  return {
    title: 'Clearer card-declined message at checkout',
    author: '@alice',
    feature: 'src/features/checkout',
    flag: 'checkout_copy_v2',
    tier: 'production',
    metric: 'checkout completion after a declined card',
    created: new Date(Date.UTC(2025, 2, 4, 23, 30)),
    scope: '- `src/features/checkout/**/i18n/*.json` (user-facing strings)\n- `src/features/checkout/**/prompts/*.md`',
    engineeringDri: '@dana',
    productDri: '@pat',
    mode: 'standard',
    ...overrides,
  };
}

/** Applies a problem's fix to the text, the way the editor would. */
export function applyFix(text: string, fix: { start: { line: number; column: number }; end: { line: number; column: number }; text: string }): string {
  const lines = text.split('\n');
  const offset = (at: { line: number; column: number }) =>
    lines.slice(0, at.line - 1).reduce((sum, line) => sum + line.length + 1, 0) + at.column - 1;
  return text.slice(0, offset(fix.start)) + fix.text + text.slice(offset(fix.end));
}
