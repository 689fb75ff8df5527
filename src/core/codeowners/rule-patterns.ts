// The compiled patterns of a parse, remembered so that compiling a matcher
// does not compile every pattern a second time. Kept per rules array (one
// entry per parse, cheap for the garbage collector), checked against the
// pattern text in case a rule was edited or replaced since.

import type { CodeownersFlavor, CodeownersRule } from './model';
import { compilePattern, type CompiledPattern } from './pattern';

interface Remembered {
  sources: string[];
  patterns: CompiledPattern[];
}

const rememberedByRules = new WeakMap<readonly CodeownersRule[], Remembered>();

/** Records `patterns[i]` as the compiled pattern of `rules[i]`. */
export function rememberPatterns(rules: readonly CodeownersRule[], patterns: CompiledPattern[]): void {
  rememberedByRules.set(rules, { sources: rules.map((rule) => rule.pattern), patterns });
}

/** Each rule's compiled pattern, or undefined when it is invalid (such a rule never matches, as on GitHub). */
export function patternsOf(rules: readonly CodeownersRule[], flavor: CodeownersFlavor): (CompiledPattern | undefined)[] {
  return rules.map((_, index) => patternAt(rules, index, flavor));
}

/** The compiled pattern of `rules[index]` alone, or undefined when it is invalid. */
export function patternAt(rules: readonly CodeownersRule[], index: number, flavor: CodeownersFlavor): CompiledPattern | undefined {
  const remembered = rememberedByRules.get(rules);
  const rule = rules[index];
  if (remembered && remembered.sources[index] === rule.pattern) return remembered.patterns[index];
  const check = compilePattern(rule.pattern, { allowEscapedLeadingHash: flavor === 'gitlab' });
  return check.ok ? check.pattern : undefined;
}
