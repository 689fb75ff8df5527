// What a planning doc's AI-assistance section means: did AI help or not?
// The label on the pull request, its body and the planning doc must agree,
// so "None. I wrote the new copy myself." must read as "no AI", and a
// section that says both ("no AI for the code, but Claude suggested the
// wording") must be asked about rather than guessed.

/**
 * `used`: the section says AI helped. `not-used`: it says AI did not.
 * `unclear`: it says something, but not plainly one or the other.
 * `unwritten`: no section, or only the template's prompts.
 */
export type AiStatement = 'used' | 'not-used' | 'unclear' | 'unwritten';

/** Words that name AI or an AI tool. */
const AI_WORDS = /\b(?:ai|a\.i\.|genai|llms?|claude|copilot|chat ?gpt|gpt(?:-?[\w.]+)?|cursor|gemini|codex|openai|anthropic|chatbot|language models?|machine[- ]generated|assistants?)\b/i;
/** Words that deny what follows or precedes them in the same clause. */
const NEGATION = /\b(?:no|not|never|none|without|nothing|neither|nor)\b|n't\b/i;
/** A whole clause that answers "no". */
const BARE_NO = /^(?:none|nothing|no|nope|n\/?a|not applicable|not used|nil|-+)$/i;
/** Writing it oneself: a weaker "no", outweighed by any mention of AI helping. */
const BY_HAND = /\b(?:myself|by hand|manually|hand[- ]written|handwritten|my own words)\b/i;

/**
 * Reads the meaning of an AI-assistance section's text (as written, with
 * markdown). The text is cut into clauses (sentences, `;`, and "but"); a
 * clause naming AI is a "yes" unless it also negates, a bare "None" or a
 * negated mention of AI is a "no", and writing it oneself is a weak "no".
 */
export function readAiStatement(content: string | undefined): AiStatement {
  const words = plainWords(content ?? '');
  if (words === '' || /\{\{|\bTODO\b|\bTBD\b|^(?:Describe|Explain|List)\b/m.test(words)) return 'unwritten';
  let yes = false;
  let no = false;
  let byHand = false;
  for (const clause of clauses(words)) {
    if (BARE_NO.test(clause)) no = true;
    else if (AI_WORDS.test(clause)) {
      if (NEGATION.test(clause)) no = true;
      else yes = true;
    } else if (BY_HAND.test(clause)) byHand = true;
  }
  if (yes) return no ? 'unclear' : 'used';
  return no || byHand ? 'not-used' : 'unclear';
}

/** The section's words: comments, unchecked boxes, list markers and emphasis gone. */
function plainWords(markdown: string): string {
  return markdown
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/^\s*[-*+]\s+\[ \].*$/gm, '')
    .replace(/^\s*(?:[-*+>]|\d+[.)])\s+(?:\[[xX]\]\s+)?/gm, '')
    .replace(/[*_`]/g, '')
    .trim();
}

function clauses(words: string): string[] {
  return words
    .split(/(?<=[.!?])\s+|[;\n]+|,?\s+\bbut\b\s+|\s+\bhowever\b,?\s+/i)
    .map((clause) => clause.trim().replace(/[.!?:,]+$/, '').trim())
    .filter((clause) => clause !== '');
}
