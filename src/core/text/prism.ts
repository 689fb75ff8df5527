// Prism's tokens for the languages of prismGrammars.ts, whose code (Prism's
// core and its grammars) runs on the first call: a review of copy in JSON or
// in JavaScript alone never loads it.
import type Prism from 'prismjs/components/prism-core';

export type PrismGrammarName = 'markup' | 'go' | 'php' | 'python' | 'ruby' | 'erb' | 'twig' | 'django' | 'kotlin' | 'swift';

export type PrismToken = string | Prism.Token;

let grammars: typeof import('./prismGrammars') | undefined;

/** The tokens of `text` in one of the loaded grammars. */
export function prismTokens(text: string, grammar: PrismGrammarName): PrismToken[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- required on first use, see above
  const loaded = (grammars ??= require('./prismGrammars') as typeof import('./prismGrammars')).Prism;
  const rules = loaded.languages[grammar];
  if (!rules) throw new Error(`Prism grammar ${grammar} is not loaded`);
  return loaded.tokenize(text, rules);
}
