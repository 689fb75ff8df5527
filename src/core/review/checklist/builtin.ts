// The starter skill file PM Zone offers to write for a repository that has
// none, and the checklist used meanwhile. Every item names its check
// explicitly, so rewording an item never changes what it checks; the items
// are the checks' own (`item` in each definition), in the registry's order.
import { ALL_CHECK_IDS, aboutCheck } from '../registry';
import type { Checklist } from './model';
import { SKILL_FILE_PATH, parseSkillFile } from './parse';
import { STARTER_SECTIONS } from './starterSections';

/** Each section's items: the checks' (those with the same words as one item), then the PM's own. */
function starterSections(): string {
  return STARTER_SECTIONS.map(({ title, manual }) => {
    const checked = new Map<string, string[]>();
    for (const id of ALL_CHECK_IDS) {
      const { item } = aboutCheck(id)!;
      if (item.section === title) checked.set(item.text, [...(checked.get(item.text) ?? []), id]);
    }
    const lines = [
      ...[...checked].map(([text, ids]) => `- [ ] ${text} <!-- check: ${ids.join(', ')} -->`),
      ...manual.map((text) => `- [ ] ${text} <!-- manual -->`),
    ];
    return `## ${title}\n\n${lines.join('\n')}\n`;
  }).join('\n');
}

export const BUILTIN_CHECKLIST_MARKDOWN = `---
name: pm-pr-review
description: Review a PM-authored change before it goes to engineering review. Use it on every PM pull request - scope, planning, feature flags, analytics, copy, prompts, security and privacy, AI disclosure.
---

# PM PR Review

Run \`pm-zone review\` (or "Review my change" in VS Code) before asking for an
engineering review. Items with a \`check\` marker are checked automatically;
tick the others yourself. The Security and privacy section blocks the pull
request: fix every finding there first.

${starterSections()}`;

/** Where a command writes the starter file for an engineer to commit. */
export const BUILTIN_CHECKLIST_PATH = SKILL_FILE_PATH;

export function builtInChecklist(): Checklist {
  return parseSkillFile(BUILTIN_CHECKLIST_MARKDOWN, 'built-in');
}
