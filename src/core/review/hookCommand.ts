import type { PolicySettings } from '../repository/settings';
import { DEFAULT_POLICY_FILE } from '../defaults';
import { DEFAULT_SETTINGS } from '../repository/settings';
import { DEFAULT_MAX_FILES, DEFAULT_MAX_LINES } from './checks/size';

/** What the staged review in the hook should know that the repository does not say itself. */
export interface HookReviewSettings extends Partial<Pick<PolicySettings, 'policyFile' | 'skillFile' | 'codeownersFlavor' | 'handle'>> {
  maxFiles?: number;
  maxLines?: number;
  sourceLocale?: string;
}

/** How long the hook's review may take before the commit goes ahead without it. */
export const HOOK_TIME_LIMIT_SECONDS = 120;

/**
 * What the pre-commit hook runs after `pm-zone`: `review --staged`, with the
 * settings that differ from the defaults written out as flags, so a commit
 * from a terminal is reviewed as the editor reviews it. The hook finds PM
 * Zone itself (see renderPreCommitHook); a committed hook line puts the
 * package manager's command before these.
 */
export function stagedReviewArgs(settings: HookReviewSettings = {}): string[] {
  const global: string[] = [];
  if (settings.policyFile && settings.policyFile !== DEFAULT_POLICY_FILE) global.push('--policy-file', settings.policyFile);
  if (settings.skillFile && settings.skillFile !== DEFAULT_SETTINGS.skillFile) global.push('--skill-file', settings.skillFile);
  if (settings.codeownersFlavor && settings.codeownersFlavor !== DEFAULT_SETTINGS.codeownersFlavor) global.push('--codeowners-flavor', settings.codeownersFlavor);
  const review = ['review', '--staged'];
  if (settings.handle) review.push('--as', settings.handle);
  if (settings.maxFiles !== undefined && settings.maxFiles !== DEFAULT_MAX_FILES) review.push('--max-files', String(settings.maxFiles));
  if (settings.maxLines !== undefined && settings.maxLines !== DEFAULT_MAX_LINES) review.push('--max-lines', String(settings.maxLines));
  if (settings.sourceLocale) review.push('--source-locale', settings.sourceLocale);
  // A review that hangs (a network file system, a huge change) must not hang `git commit`.
  review.push('--time-limit', String(HOOK_TIME_LIMIT_SECONDS));
  return [...global, ...review];
}
