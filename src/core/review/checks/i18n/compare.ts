// How a translation's placeholders differ from its source string's, and how
// sure that is to break: a placeholder the code never fills, a printf
// position out of step or a message that does not parse is certainly wrong;
// a placeholder the translation leaves out may be the translator's choice.
import { readMessage, type Grammar, type Token } from './placeholders';
export type { Token } from './placeholders';
import { hasTagPair, tagNestingProblem } from './tagNesting';

export interface GrammarChoice {
  grammar: Grammar;
  printf: boolean;
}

export interface Difference {
  /** `error`: the string breaks when shown; `warning`: it may read wrong. */
  severity: 'error' | 'warning';
  /** `new {firstName}; missing {name}`, or why the message does not parse. */
  summary: string;
  /** What the compared string lacks that the other has: a translation's missing placeholders, a source string's removed ones. */
  missing?: Token[];
  /** What the compared string has that the other lacks. */
  extra?: Token[];
}

/** A placeholder the code fills by name (`{name}`, `{{inviterName}}`, `%{user}`): not a tag, a link, a position or a number on screen. */
export function isNamedArgument(token: Token): boolean {
  return token.kind === 'argument' && token.name !== undefined;
}

/** Whether `message` holds the placeholder `token` in `choice`'s grammar. */
export function holdsToken(message: string, token: Token, choice: GrammarChoice): boolean {
  const reading = readMessage(message, choice.grammar, choice);
  return reading.ok && reading.tokens.some((candidate) => candidate.text === token.text);
}

/** CLDR plural categories: a translation may have forms its source lacks. */
export const PLURAL_FORMS: ReadonlySet<string> = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

/**
 * The difference between a translation and its source string, or undefined
 * when they agree. `pluralForm`: the string is one plural form of a key
 * (`items_one`, `one:`), where leaving the count out ("One item") is normal.
 */
export function compareWithSource(source: string, translation: string, choice: GrammarChoice, options: { pluralForm?: boolean } = {}): Difference | undefined {
  const expected = readMessage(source, choice.grammar, choice);
  // A source that does not parse is reported where the source changed, not against each translation.
  if (!expected.ok) return undefined;
  const actual = readMessage(translation, choice.grammar, choice);
  if (!actual.ok) return { severity: 'error', summary: `does not parse (${actual.error})` };
  const broken = brokenTags(source, translation, choice.grammar);
  if (broken) return { severity: 'error', summary: broken };
  return describe(expected.tokens, actual.tokens, choice.grammar, options.pluralForm === true, translation, source);
}

/** Names of arguments that carry a number, whatever the message does with them. */
const COUNT_LIKE = /^(?:count|counts|n|num|number|total|amount|quantity|qty|x|y|value|percent(?:age)?|size|limit|max|min|current|remaining|days?|hours?|minutes?|seconds?|items?)$|count$|Count$|Number$|Total$/;

/**
 * Whether a placeholder a translation leaves out certainly breaks it: the
 * number it carries is gone (`{{count}}`, `{x, number}`, `{n, plural…}`), or
 * the translation writes it but ICU reads it as quoted text (`l'{action}`: an
 * apostrophe before a brace starts a quotation). Anything else may be the
 * translator's choice: a language without plural endings drops `{plural}`.
 */
function certainlyLost(token: Token, translation: string, grammar: Grammar): boolean {
  if (token.kind === 'shown') return true;
  if (token.kind !== 'argument' || token.name === undefined) return false;
  return token.numeric === true || COUNT_LIKE.test(token.name) || quotedAway(token, translation, grammar);
}

/**
 * A Laravel placeholder a machine translation broke apart (`:event` written
 * `: evento`, `Il campo: deve`): the translation has more colons that start no
 * placeholder than its source. Laravel replaces `:event` only as written, so
 * the value is lost, and the reader sees a stray colon instead.
 */
function brokenApart(source: string, translation: string, grammar: Grammar): boolean {
  if (grammar !== 'laravel') return false;
  const bare = (text: string) => (text.match(/:(?![A-Za-z_])/g) ?? []).length;
  return bare(translation) > bare(source);
}

/**
 * A Rails placeholder written without its `%` (`{count}`, or a translation
 * platform's `{{PLURAL|one={count} …}`): Rails fills `%{count}` only, so the
 * reader sees the braces and the name. No other grammar is read here.
 */
function writtenWithoutPercent(token: Token, translation: string, grammar: Grammar, source: string): boolean {
  if (grammar !== 'rails' || token.kind !== 'argument' || token.name === undefined) return false;
  // A source that writes `{count}` as text itself (for a script that fills it) is followed.
  const bare = new RegExp(`(?<!%)\\{${token.name}\\}`);
  return bare.test(translation) && !bare.test(source);
}

/** An ICU placeholder written in the text yet not read as one: an apostrophe before it quoted it. */
function quotedAway(token: Token, translation: string, grammar: Grammar): boolean {
  if (grammar !== 'icu' || token.kind !== 'argument' || token.name === undefined) return false;
  const written = translation.replace(/\{\s+/g, '{').replace(/\s+([},])/g, '$1');
  return written.includes(`{${token.name}}`) || written.includes(`{${token.name},`);
}

/**
 * For i18next, whose <Trans> renders a string's tags as components: tags that
 * no longer nest, where the string it is compared with nests them. A string
 * without a tag pair (`Press <Enter>`) holds text, not markup.
 */
function brokenTags(reference: string, message: string, grammar: Grammar): string | undefined {
  if (grammar !== 'i18next' || !hasTagPair(reference) || tagNestingProblem(reference) !== undefined) return undefined;
  const problem = tagNestingProblem(message);
  return problem ? `tags do not nest: ${problem}` : undefined;
}

/** The number a plural form is chosen by, however it is written: `{{count}}`, `%(num)d`, `{n, number}`, `%d`. */
function isCount(token: Token): boolean {
  if (token.kind === 'position') return /[diu]$/.test(token.text);
  return token.kind === 'argument' && token.name !== undefined && (token.numeric === true || COUNT_LIKE.test(token.name));
}

/** What a changed source string now asks for that it did not before; undefined when nothing changed. */
export function compareSourceVersions(before: string, after: string, choice: GrammarChoice): Difference | undefined {
  const now = readMessage(after, choice.grammar, choice);
  if (!now.ok) return { severity: 'error', summary: `does not parse (${now.error})` };
  const then = readMessage(before, choice.grammar, choice);
  if (!then.ok) return undefined;
  const broken = brokenTags(before, after, choice.grammar);
  if (broken) return { severity: 'error', summary: `does not parse (${broken})` };
  // What a source string shows on screen is its own business: the code fills arguments, not `#`.
  const added = missing(now.tokens, then.tokens).filter((token) => token.kind !== 'shown');
  const removed = missing(then.tokens, now.tokens).filter((token) => token.kind !== 'shown');
  if (added.length === 0 && removed.length === 0) return undefined;
  // The code fills what the string asked for before: a new argument is never filled. A tag, and a link to another string or
  // term (`$t(key)`, Fluent's `{ -brand-name }`), the library resolves itself.
  const severity = added.some((token) => token.kind === 'argument' || token.kind === 'position') ? 'error' : 'warning';
  return { severity, summary: summarize(added, removed), missing: removed, extra: added };
}

function describe(expected: Token[], actual: Token[], grammar: Grammar, pluralForm: boolean, translation: string, source: string): Difference | undefined {
  // A translation may show a count its source leaves out ("# éléments" for "items").
  const extra = missing(actual, expected).filter((token) => token.kind !== 'shown');
  // Whether a number is on screen matters for a plural's count: elsewhere the argument itself says it.
  const plurals = new Set(expected.filter((token) => token.kind === 'argument' && token.numeric).map((token) => token.name));
  const absent = missing(expected, actual).filter((token) => !(pluralForm && isCount(token) && !writtenWithoutPercent(token, translation, grammar, source)) && (token.kind !== 'shown' || plurals.has(token.name)));
  const positionsDiffer = extra.some((token) => token.kind === 'position') || absent.some((token) => token.kind === 'position');
  // `{count}` where Rails fills only `%{count}`: shown as text, wherever else the translation writes the placeholder right.
  const bare = missing(expected.filter((token) => writtenWithoutPercent(token, translation, grammar, source)), []);
  if (bare.length > 0) {
    const also = summarize(extra, absent.filter((token) => !bare.includes(token)));
    return { severity: 'error', summary: `${bare.map((token) => `${token.text.slice(1)} without its % (Rails shows it as text)`).join(', ')}${also ? `; ${also}` : ''}`, missing: [...new Set([...absent, ...bare])], extra };
  }
  if (extra.length === 0 && absent.length === 0) return undefined;
  // Unfilled arguments and printf positions out of step break the string; ICU also fails on a tag it has no component for.
  // A dropped number (`{{count}}` gone from a German string) or a placeholder quoted away loses it for every reader of that locale.
  const certain =
    positionsDiffer ||
    extra.some((token) => token.kind === 'argument' || (token.kind === 'tag' && grammar === 'icu')) ||
    absent.some((token) => certainlyLost(token, translation, grammar)) ||
    (absent.some(isNamedArgument) && brokenApart(source, translation, grammar));
  const quoted = absent.filter((token) => quotedAway(token, translation, grammar)).map((token) => token.text);
  const why = quoted.length > 0 ? ` (${quoted.join(', ')} follow${quoted.length > 1 ? '' : 's'} an apostrophe, which ICU reads as the start of quoted text: write '' for the apostrophe)` : '';
  return { severity: certain ? 'error' : 'warning', summary: `${summarize(extra, absent)}${why}`, missing: absent, extra };
}

/** Tokens of `from` that `to` lacks, each name once (positions are compared as a set of `%n$t` too). */
function missing(from: Token[], to: Token[]): Token[] {
  // Most strings hold no placeholder: nothing can be missing, and no set is made.
  if (from.length === 0) return [];
  const present = new Set(to.map((token) => token.text));
  const seen = new Set<string>();
  return from.filter((token) => {
    if (present.has(token.text) || seen.has(token.text)) return false;
    seen.add(token.text);
    return true;
  });
}

function summarize(extra: Token[], absent: Token[]): string {
  const parts: string[] = [];
  if (extra.length > 0) parts.push(`new ${extra.map((token) => token.text).join(', ')}`);
  if (absent.length > 0) parts.push(`missing ${absent.map((token) => token.text).join(', ')}`);
  return parts.join('; ');
}
