// A finished PLANNING.md for the checkout copy change of the sample
// repository: what a PM has written by the time the pull request opens. The
// editor's and the browser's pull request tests share it.

export const PLANNING_PATH = 'src/features/checkout/PLANNING.md';
export const PLANNING_TITLE = 'Say "Confirm order" on the order button';

export const PLANNING_TEXT = `---
title: ${PLANNING_TITLE}
author: "@alice"
feature: src/features/checkout
flag: checkout_copy_v2
tier: production
created: "2025-03-24"
status: ready
---

# ${PLANNING_TITLE}

## Problem

Shoppers hesitate at "Place order": support tickets say it is unclear whether they will be charged now.

## Intent

The button says "Confirm order" so shoppers know what happens next.

## Scope

- \`src/features/checkout/i18n/en.json\`

## Out of scope

The pay button and its amount stay as they are.

## Feature flag and rollout plan

Behind \`checkout_copy_v2\`: staff first, then 10% of sessions, then everyone.

## Primary metric and baseline

- Metric: checkout completion rate
- Baseline: 61% over the last four weeks
- Expected direction: up

## Analytics events

None added.

## Rollback

Turn off \`checkout_copy_v2\`.

## Risks

| Risk | Likelihood | Mitigation |
| --- | --- | --- |
| Shoppers misread the new word | Low | Rollout starts at 10% |

## AI assistance

None.

## Sign-offs

- [ ] Engineering DRI: @dana
`;
