// The starter skill file PM Zone offers to write for a repository that has
// none, and the checklist used meanwhile. Every item names its check
// explicitly, so rewording an item never changes what it checks.
import type { Checklist } from './model';
import { SKILL_FILE_PATH, parseSkillFile } from './parse';

export const BUILTIN_CHECKLIST_MARKDOWN = `---
name: pm-pr-review
description: Review a PM-authored change before it goes to engineering review. Use it on every PM pull request - scope, planning, feature flags, analytics, copy, prompts, security and privacy, AI disclosure.
---

# PM PR Review

Run \`pm-zone review\` (or "Review my change" in VS Code) before asking for an
engineering review. Items with a \`check\` marker are checked automatically;
tick the others yourself. The Security and privacy section blocks the pull
request: fix every finding there first.

## Scope

- [ ] No file is engineering-only (locked by CODEOWNERS) <!-- check: zone.locked -->
- [ ] Files outside my feature folder have an engineering co-author <!-- check: zone.outside -->
- [ ] The code owners of every changed file are requested as reviewers <!-- check: zone.owners -->
- [ ] The change is small and does one thing <!-- check: size.large -->

## Planning

- [ ] PLANNING.md says why, what, and how we will know it worked, with no placeholders left <!-- check: planning.missing, planning.incomplete -->
- [ ] The engineering DRI has read the planning doc <!-- manual -->

## Feature flags

- [ ] The change is behind a feature flag <!-- check: flags.ungated -->
- [ ] I changed only flags I own <!-- check: flags.unowned -->
- [ ] flags.yaml is valid and every rollout is between 0 and 100 <!-- check: flags.invalid -->

## Analytics

- [ ] Events are only added, never changed or removed <!-- check: analytics.removal -->
- [ ] The dashboard that reads the new events is linked from PLANNING.md <!-- manual -->

## Copy and i18n

- [ ] Strings files are valid JSON <!-- check: i18n.invalid-json -->
- [ ] No key the product still uses was removed <!-- check: i18n.removed-key -->
- [ ] Placeholders match before and after, and across locales <!-- check: i18n.placeholder-mismatch -->
- [ ] The copy follows the style guide <!-- manual -->

## Prompts

- [ ] Template variables still match what the code passes <!-- check: prompts.variables -->
- [ ] I tried the changed prompt on real examples <!-- manual -->

## Security and privacy

- [ ] No secrets, credentials or API keys <!-- check: security.secret -->
- [ ] No personal or protected data in code, fixtures or analytics events <!-- check: security.pii, analytics.pii -->
- [ ] No dangerous front-end code (innerHTML, eval) <!-- check: security.dangerous-code -->

## AI assistance

- [ ] What the AI generated is labelled, and I understand every line I ship <!-- check: ai.undisclosed -->
`;

/** Where a command writes the starter file for an engineer to commit. */
export const BUILTIN_CHECKLIST_PATH = SKILL_FILE_PATH;

export function builtInChecklist(): Checklist {
  return parseSkillFile(BUILTIN_CHECKLIST_MARKDOWN, 'built-in');
}
