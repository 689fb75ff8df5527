// The working agreement of the sample repository: CLAUDE.md with its PM zone,
// CODEOWNERS that enforces the engineering zone, and the PM PR Review skill file.

/** CLAUDE.md, in the format of the PM Zone specification. */
export function claudeMd({ regulated = false, unenforced = false } = {}) {
  const modeLines = regulated ? 'Mode: regulated\nProduct DRI: @erin\n' : 'Mode: standard\n';
  const unenforcedGlob = unenforced ? '- `**/audit/**` (audit trail)\n' : '';
  return `# Acme Shop

Guidance for people and coding agents working in this repository.

## Commands

- \`npm run dev\` starts the shop on http://localhost:3000
- \`npm test\` runs the unit tests; \`npm run lint\` checks style
- Feature flags live next to each feature in \`flags.yaml\`

## Conventions

- TypeScript everywhere, React function components, no default exports.
- User-facing strings go through \`t()\` and live in \`i18n/<locale>.json\`;
  every key exists in every locale, with the same \`{placeholders}\`.
- New behaviour ships behind a feature flag; rollout is a percentage of sessions.

## PM zone
${modeLines}Style guide: docs/style-guide.md

### PMs may edit
- \`**/*.md\` (documentation and planning)
- \`**/i18n/*.json\` (user-facing strings)
- \`**/prompts/*.md\`
- \`**/flags.yaml\` (owned flags only)
- \`**/analytics/events.ts\` (additions only)
- \`**/components/*.tsx\` (inside own feature folder, non-breaking)

### Engineering only
- \`**/auth/**\`
- \`**/payments/**\`
- \`**/migrations/**\`
- \`**/infra/**\`
- \`.github/workflows/**\`
${unenforcedGlob}- \`CLAUDE.md\`
- \`.github/CODEOWNERS\`
- \`.claude/**\`

### Pilot PMs
| PM | feature folders | engineering DRI | e-mail |
| --- | --- | --- | --- |
| @alice | \`src/features/checkout/**\` | @dana | alice@acme.test |
| @bob | \`src/features/search/**\` | @erin | bob@acme.test |

### Owned flags
| flag | owner |
| --- | --- |
| \`checkout_copy_v2\` | @alice |
| \`search_ranking_v3\` | @bob |
`;
}

/**
 * CODEOWNERS protects every engineering-only glob of CLAUDE.md with a team,
 * except the audit folder that `unenforced` adds to CLAUDE.md only.
 */
export const codeowners = `# Code owners of Acme Shop. The last matching rule wins.
# Engineering-only paths are enforced here, not by convention (see CLAUDE.md).

# Pilot feature folders: the engineering DRI reviews every change.
/src/features/checkout/    @dana
/src/features/search/      @erin

# Engineering zone
auth/                      @acme/security
payments/                  @acme/payments @acme/security
migrations/                @acme/platform
infra/                     @acme/platform
/.github/workflows/        @acme/platform

# The working agreement itself
/CLAUDE.md                 @acme/eng-leads
/.github/CODEOWNERS        @acme/eng-leads
/.claude/                  @acme/eng-leads
`;

/** The PM PR Review checklist; `check:` markers name the built-in check behind an item. */
export const pmPrReviewSkill = `---
name: pm-pr-review
description: >-
  The PM PR Review checklist. Run it on every PM-authored change before asking
  engineering for review. The security and privacy section blocks the PR.
---

# PM PR Review

Work through every item before you request a review. An item you cannot tick
is a question for your engineering DRI, not something to skip.

## Scope
- [ ] No file in the engineering zone is touched <!-- check: zone.locked -->
- [ ] Files outside the PM zone have an engineering co-author <!-- check: zone.outside -->
- [ ] The change stays inside my own feature folder <!-- check: zone.outside -->
- [ ] The change does one thing and stays small <!-- check: size.large -->

## Planning
- [ ] A PLANNING.md for this change is on the branch <!-- check: planning.missing -->
- [ ] Every section of PLANNING.md is filled in, with no placeholders left <!-- check: planning.incomplete -->
- [ ] My engineering DRI approved the planning PR <!-- manual -->

## Feature flags
- [ ] The change is gated behind a feature flag <!-- check: flags.ungated -->
- [ ] I only changed flags I own <!-- check: flags.unowned -->
- [ ] Rollout percentages are numbers from 0 to 100 <!-- check: flags.invalid -->

## Analytics
- [ ] Event changes are additions only <!-- check: analytics.removal -->
- [ ] No event captures personal or payment data <!-- check: analytics.pii -->
- [ ] The dashboard for new events is linked from PLANNING.md <!-- manual -->

## Copy and i18n
- [ ] Every locale file is valid JSON <!-- check: i18n.invalid-json -->
- [ ] No string key was removed <!-- check: i18n.removed-key -->
- [ ] Placeholders such as \`{name}\` match before and after, and across locales <!-- check: i18n.placeholder-mismatch -->
- [ ] Prompt templates keep their variables <!-- check: prompts.variables -->
- [ ] The copy follows docs/style-guide.md <!-- manual -->

## Security and privacy (blocking)
- [ ] No secrets, tokens or keys in the change <!-- check: security.secret -->
- [ ] No personal data (e-mail addresses, phone or card numbers) in code or fixtures <!-- check: security.pii -->
- [ ] No dangerous front-end code such as \`dangerouslySetInnerHTML\` or \`eval\` <!-- check: security.dangerous-code -->

## AI assistance
- [ ] The PR says which parts were written with AI assistance <!-- check: ai.undisclosed -->
- [ ] I read every line the assistant wrote <!-- manual -->
- [ ] I tested the change in the staging environment <!-- manual -->
`;
