// The content checks: feature flags, analytics, copy and i18n, prompts.
import type { Check } from '../model';
import { analyticsPiiCheck, analyticsRemovalCheck } from './analytics';
import { flagsFileCheck, flagsUngatedCheck } from './flags';
import { i18nCheck } from './i18n';
import { promptsCheck } from './prompts';

export { analyticsPiiCheck, analyticsRemovalCheck, flagsFileCheck, flagsUngatedCheck, i18nCheck, promptsCheck };

export const contentChecks: Check[] = [
  flagsFileCheck,
  flagsUngatedCheck,
  analyticsRemovalCheck,
  analyticsPiiCheck,
  i18nCheck,
  promptsCheck,
];
