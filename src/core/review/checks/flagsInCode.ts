// Flags kept in code: an object of flags (`export const AFFINE_FLAGS = {
// enable_ai: { defaultState: true }, … }`), a map of booleans
// (`const features: Record<Beta, boolean> = { noDubLink: false }`) or an enum
// (`enum Flags { NewEditor = 'new-editor' }`). Read with the tokenizer, so
// comments and strings never pass for flags.
import { closingIndex, codeTokens, literalValue, nesting, type CodeToken } from '../../text/code';
import { LineIndex } from './contentSupport';
import { ROLLOUT_KEYS, type FlagEntry } from './flagsFile';

/** Declarations whose name says they hold flags. */
const FLAGS_NAME = /flag|feature|toggle|experiment|switch/i;
const ENABLED_KEYS = new Set(['enabled', 'defaultState', 'default', 'defaultValue', 'on', 'value']);

/**
 * The flags of a script: the members of the objects or enums declarations
 * named for flags hold, else of the one object or enum the file declares at
 * its top.
 * Undefined when the file declares none, or several and none named for
 * flags: then PM Zone cannot tell which members are flags.
 */
export function flagsInCode(path: string, text: string): FlagEntry[] | undefined {
  const tokens = codeTokens(text, { path });
  const declared = declarations(tokens);
  const named = declared.filter((declaration) => FLAGS_NAME.test(declaration.name));
  const topLevel = declared.filter((declaration) => declaration.depth === 0);
  const chosen = named.length > 0 ? named : topLevel.length === 1 ? topLevel : [];
  if (chosen.length === 0) return undefined;
  const lines = new LineIndex(text);
  return chosen.flatMap((declaration) => members(tokens, declaration.open, lines, declaration.isEnum));
}

interface Declaration {
  name: string;
  /** The index of the `{` that opens its body. */
  open: number;
  isEnum: boolean;
  /** 0 at the top of the file; a flags object may also sit inside a function. */
  depth: number;
}

/** `const NAME = {`, `const NAME: Type = {`, `NAME = { … } as const`, `enum NAME {`, `export default {`. */
function declarations(tokens: CodeToken[]): Declaration[] {
  const found: Declaration[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'identifier') {
      if (token.raw === 'enum' && tokens[i + 1]?.kind === 'identifier' && tokens[i + 2]?.raw === '{') found.push({ name: tokens[i + 1].raw, open: i + 2, isEnum: true, depth });
      else if (/^(?:const|let|var)$/.test(token.raw) && tokens[i + 1]?.kind === 'identifier') {
        const open = objectAfterAssignment(tokens, i + 2);
        if (open !== undefined) found.push({ name: tokens[i + 1].raw, open, isEnum: false, depth });
      } else if (token.raw === 'default' && tokens[i - 1]?.raw === 'export' && tokens[i + 1]?.raw === '{') found.push({ name: 'default', open: i + 1, isEnum: false, depth });
    }
    depth += nesting(token);
  }
  return found;
}

/** The `{` an assignment starting at `at` (a type annotation, then `=`) opens, if its value is an object literal. */
function objectAfterAssignment(tokens: CodeToken[], at: number): number | undefined {
  let i = at;
  let depth = 0;
  // Skip a type annotation (`: Record<Flag, boolean>`) up to the `=` outside any brackets.
  for (; i < tokens.length; i++) {
    if (depth === 0 && tokens[i].raw === '=') break;
    if (depth === 0 && (tokens[i].raw === ';' || tokens[i].raw === ',')) return undefined;
    depth += nesting(tokens[i]) + (tokens[i].raw === '<' ? 1 : tokens[i].raw === '>' ? -1 : 0);
  }
  return tokens[i + 1]?.raw === '{' ? i + 1 : undefined;
}

/** Each member of the object or enum whose `{` is at `open`, with the text of its value. */
function members(tokens: CodeToken[], open: number, lines: LineIndex, isEnum: boolean): FlagEntry[] {
  const close = closingIndex(tokens, open);
  const flags: FlagEntry[] = [];
  let i = open + 1;
  while (i < close) {
    const key = tokens[i];
    if (key.raw === '...') {
      i = endOfMember(tokens, i, close) + 1;
      continue;
    }
    // A computed key (`[Flag.NewEditor]: true`) is named as written: no owner can be found for it, so it fails closed.
    const keyEnd = key.raw === '[' ? closingIndex(tokens, i) : i;
    const name = key.kind === 'identifier' ? key.raw : (literalValue(key) ?? tokens.slice(i, keyEnd + 1).map((token) => token.raw).join(''));
    const separator = tokens[keyEnd + 1]?.raw;
    const valueStart = separator === ':' || (isEnum && separator === '=') ? keyEnd + 2 : keyEnd + 1;
    const end = endOfMember(tokens, valueStart, close);
    const value = tokens.slice(valueStart, end).map((token) => token.raw);
    flags.push({ name, owner: null, ...settingsOf(value), line: lines.positionOf(key.start).line, value: value.join(' ') });
    i = end + 1;
  }
  return flags;
}

/** The index of the `,` (or the closing `}`) that ends the member starting at `at`. */
function endOfMember(tokens: CodeToken[], at: number, close: number): number {
  let depth = 0;
  for (let i = at; i < close; i++) {
    if (depth === 0 && tokens[i].raw === ',') return i;
    depth += nesting(tokens[i]);
  }
  return close;
}

/** Whether a flag's value turns it on, and its rollout: `true`, `{ defaultState: true }`, `{ rollout: 25 }`. */
function settingsOf(value: string[]): Pick<FlagEntry, 'enabled' | 'rollout'> {
  const settings: Pick<FlagEntry, 'enabled' | 'rollout'> = { enabled: null, rollout: null };
  if (value.length === 1 && (value[0] === 'true' || value[0] === 'false')) settings.enabled = value[0] === 'true';
  for (let i = 0; i + 2 < value.length; i++) {
    if (value[i + 1] !== ':') continue;
    const key = value[i].replace(/^['"]|['"]$/g, '');
    if (ENABLED_KEYS.has(key) && (value[i + 2] === 'true' || value[i + 2] === 'false')) settings.enabled = value[i + 2] === 'true';
    if (ROLLOUT_KEYS.includes(key) && /^\d+(?:\.\d+)?$/.test(value[i + 2])) settings.rollout = Number(value[i + 2]);
  }
  return settings;
}
