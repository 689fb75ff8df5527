// Which built-in checks an item written in plain words stands for, when it has
// no explicit `<!-- check: id -->` marker. Matching is by whole words,
// case-insensitive; an item can map to several checks.
import type { CheckId } from './checkIds';

interface KeywordRule {
  words: RegExp;
  checks: CheckId[];
  /** Words that mean the item speaks of something else. */
  unless?: RegExp;
}

const KEYWORD_RULES: readonly KeywordRule[] = [
  { words: /\bowned flags?\b|\bflags? (?:you|they|I|we) own\b/i, checks: ['flags.unowned'] },
  { words: /\bfeature[- ]flags?\b|\bbehind a (?:feature )?flag\b|\bflagged\b/i, checks: ['flags.ungated'] },
  { words: /\brollouts?\b|\bflags\.ya?ml\b/i, checks: ['flags.invalid'] },
  { words: /\bPLANNING\.md\b|\bplanning doc(?:ument)?s?\b/i, checks: ['planning.missing', 'planning.incomplete'] },
  { words: /\bsecrets?\b|\bcredentials?\b|\bAPI keys?\b|\bpasswords?\b/i, checks: ['security.secret'] },
  { words: /\bpersonal data\b|\bPII\b|\bPHI\b|\bprotected data\b/i, checks: ['security.pii', 'analytics.pii'] },
  { words: /\binnerHTML\b|\bXSS\b|\beval\b|\bdangerouslySetInnerHTML\b/i, checks: ['security.dangerous-code'] },
  // "No placeholders left in PLANNING.md" speaks of the planning doc, not of translations.
  { words: /\bplaceholders?\b|\btranslations?\b|\blocales?\b/i, checks: ['i18n.placeholder-mismatch'], unless: /\bplanning\b/i },
  { words: /\bremoved keys?\b|\bkeys? (?:were |was |are |is )?removed\b/i, checks: ['i18n.removed-key'] },
  { words: /\bJSON\b/i, checks: ['i18n.invalid-json'] },
  { words: /\b(?:prompt|template) variables?\b/i, checks: ['prompts.variables'] },
  { words: /\badditions[- ]only\b|\bremov(?:e|ing) events?\b/i, checks: ['analytics.removal'] },
  { words: /\bsmall\b|\bone thing\b|\bscoped\b/i, checks: ['size.large'] },
  { words: /\bAI\b|\bgenerated\b/i, checks: ['ai.undisclosed'] },
  { words: /\bCODEOWNERS\b|\blocked\b|\bengineering[- ]only\b/i, checks: ['zone.locked'] },
  { words: /\boutside\b|\bfeature folders?\b/i, checks: ['zone.outside'] },
  { words: /\breviewers?\b|\bcode owners\b/i, checks: ['zone.owners'] },
];

/** The checks an item's words map to, in table order, without repeats. */
export function checksForText(text: string): CheckId[] {
  const checks = new Set<CheckId>();
  for (const rule of KEYWORD_RULES) {
    if (rule.words.test(text) && !rule.unless?.test(text)) rule.checks.forEach((check) => checks.add(check));
  }
  return [...checks];
}
