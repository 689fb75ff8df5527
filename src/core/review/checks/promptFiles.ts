// Which files are prompts, and the variables of each prompt in them.
//
// A prompt is what the zone calls one (a may-edit rule whose note or glob
// says "prompt"), a file in a `prompts/` folder, a `*.prompt.*` file, or a
// file named `prompt(s).ts` and the like. In code, a prompt is a string or a
// template literal: `${…}` in a template literal is a variable, and so is
// `{{var}}` inside any string. A file holding many prompts (an array of
// `{ name: 'summary', messages: [...] }`) is compared prompt by prompt, so a
// variable moved from one message of a prompt to another is no change.
import { codeTokens, literalValue, SCRIPT_FILE, type CodeToken } from '../../text/code';
import type { ZonePolicy } from '../../policy/model';
import { baseName, LineIndex, matchesAny } from './contentSupport';
import { templateVariables } from './promptVariables';

export const PROMPT_GLOBS: readonly string[] = ['**/prompts/**'];
/** `summary.prompt`, `rerank.prompt.md`, `prompts.ts`, `prompt.py`, `system_prompt.txt`. */
const PROMPT_NAME = /\.prompt(?:\.[a-z]+)?$|^(?:[\w-]*[_-])?prompts?\.(?:[cm]?[jt]s|py|md|txt|ya?ml|json|j2|jinja2?|hbs|mustache)$/i;
const ZONE_SAYS_PROMPT = /\bprompts?\b/i;

/** Whether `path` holds prompt templates, by its place or its name, or because the zone says so. */
export function isPromptFile(path: string, policy?: Pick<ZonePolicy, 'mayEdit'>): boolean {
  if (matchesAny(path, PROMPT_GLOBS) || PROMPT_NAME.test(baseName(path))) return true;
  return (policy?.mayEdit ?? []).some((rule) => (ZONE_SAYS_PROMPT.test(rule.note ?? '') || /prompt/i.test(rule.glob)) && matchesAny(path, [rule.glob]));
}

/** Each prompt of a file (`''` for a file that is one prompt) with its variables and the line of each one's first use. */
export type PromptVariables = Map<string, Map<string, number>>;

export function promptVariables(path: string, text: string): PromptVariables {
  if (!SCRIPT_FILE.test(path)) return new Map([['', templateVariables(text)]]);
  const tokens = codeTokens(text, { path });
  const lines = new LineIndex(text);
  const prompts: PromptVariables = new Map();
  const record = (prompt: string, variable: string, offset: number): void => {
    const variables = prompts.get(prompt) ?? new Map<string, number>();
    if (!variables.has(variable)) variables.set(variable, lines.positionOf(offset).line);
    prompts.set(prompt, variables);
  };
  const names = promptNames(tokens);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind !== 'string' && token.kind !== 'template') continue;
    const prompt = names[i];
    // A prompt with no variable left is still there: what it lost is a change.
    if (!prompts.has(prompt)) prompts.set(prompt, new Map());
    // `{{var}}` and Jinja inside the literal's text, with lines counted from where the literal starts.
    const startLine = lines.positionOf(token.start).line;
    for (const [variable, line] of templateVariables(token.text ?? '', { dollarBraces: false })) record(prompt, variable, lines.lineStart(startLine + line - 1) ?? token.start);
    // `${expression}`: the tokens between a template's head (or middle) and the next part.
    if (token.kind === 'template' && (token.part === 'head' || token.part === 'middle')) {
      const expression: string[] = [];
      let depth = 0;
      for (let j = i + 1; j < tokens.length; j++) {
        const next = tokens[j];
        if (next.kind === 'template' && depth === 0 && (next.part === 'middle' || next.part === 'tail')) break;
        if (next.raw === '{' || next.raw === '(' || next.raw === '[') depth++;
        if (next.raw === '}' || next.raw === ')' || next.raw === ']') depth--;
        expression.push(next.raw);
      }
      for (const [variable] of templateVariables(`\${${expression.join('')}}`)) record(prompt, variable, token.start + token.raw.length - 2);
    }
  }
  return prompts;
}

function innermost(frames: (string | undefined)[]): string | undefined {
  for (let i = frames.length - 1; i >= 0; i--) if (frames[i] !== undefined) return frames[i];
  return undefined;
}

/** Property names that name the prompt an object holds: `{ name: 'summary', messages: [...] }`. */
const NAMING_PROPERTIES = new Set(['name', 'id', 'key', 'action', 'slug', 'title']);

/**
 * For each token, the prompt it belongs to: the innermost object named by a
 * `name:` (or `id:`, `key:`…) string, else the top-level declaration it
 * sits in (`const SUMMARY_PROMPT = …`), else `''`.
 */
function promptNames(tokens: CodeToken[]): string[] {
  const names: string[] = [];
  const frames: (string | undefined)[] = [];
  let declaration = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'punctuator' && token.raw === '{') frames.push(undefined);
    else if (token.kind === 'punctuator' && token.raw === '}') frames.pop();
    else if (frames.length === 0 && token.kind === 'identifier' && /^(?:const|let|var|function)$/.test(token.raw) && tokens[i + 1]?.kind === 'identifier') declaration = tokens[i + 1].raw;
    else if (frames.length > 0 && frames[frames.length - 1] === undefined && NAMING_PROPERTIES.has(token.raw) && tokens[i + 1]?.raw === ':') {
      const value = literalValue(tokens[i + 2]);
      if (value !== undefined) frames[frames.length - 1] = value;
    }
    names.push(innermost(frames) ?? declaration);
  }
  return names;
}
