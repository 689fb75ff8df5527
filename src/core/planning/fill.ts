import { DEFAULT_PLANNING_TEMPLATE } from '../defaults';
import { parseDocument, stringify } from 'yaml';
import type { Mode } from '../policy/model';
import type { Problem } from '../types';
import { locateFrontMatter } from './frontMatterBlock';
import { isNoFlag } from './noFlag';
import { positionOf } from '../text/lines';
import { findTags, isKnownValue, resolveBlocks, VALUE_PLACEHOLDERS, type Tag, type ValuePlaceholder } from './placeholders';
import type { Tier } from './tiers';

/** Where a repository keeps its own planning template. */
export const PLANNING_TEMPLATE_PATH = DEFAULT_PLANNING_TEMPLATE;

export interface PlanningValues {
  title: string;
  /** The PM's `@handle`. */
  author: string;
  /** The feature folder, such as `src/features/checkout`. */
  feature: string;
  flag: string;
  tier: Tier;
  metric: string;
  /** A `Date` (its UTC day is used) or an ISO date string. */
  created: Date | string;
  /** A markdown list of the globs or zones the change may touch. */
  scope?: string;
  engineeringDri?: string;
  productDri?: string;
  mode: Mode;
}

export interface FilledTemplate {
  text: string;
  problems: Problem[];
}

/**
 * Fills a planning template. Values go in literally (a `{{x}}` or `$&` inside a
 * value stays as written); in the front matter each value becomes a properly
 * quoted YAML scalar. A value left empty becomes `TBD` in the body, so the
 * checker points at it, and `""` in the front matter. Unknown placeholders
 * are kept and reported; this never throws.
 */
export function fillTemplate(template: string, values: PlanningValues, templateFile: string = PLANNING_TEMPLATE_PATH): FilledTemplate {
  const source = template.replace(/^\uFEFF/, '');
  const problems: Problem[] = [];
  const resolved = resolveBlocks(source, values.mode, { hasFlag: !isNoFlag(asText(values.flag)) });
  for (const tag of resolved.unknown) problems.push(tagProblem(source, tag, templateFile, 'unknown-placeholder', unknownMessage(tag)));
  for (const tag of resolved.unbalanced) {
    problems.push(tagProblem(source, tag, templateFile, 'unbalanced-block', `${tag.raw} has no matching ${partnerOf(tag)}: left as is.`));
  }
  const created = formatCreated(values.created);
  if (created.invalid) {
    problems.push({
      file: templateFile,
      line: 1,
      column: 1,
      severity: 'warning',
      kind: 'invalid-date',
      message: `"${String(values.created)}" is not a date: inserted as given.`,
    });
  }
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const text = substituteValues(resolved.text, valueTexts(values, created.text), eol);
  const frontMatterError = filledFrontMatterError(text);
  if (frontMatterError) {
    problems.push({
      file: templateFile,
      line: 1,
      column: 1,
      severity: 'warning',
      kind: 'invalid-front-matter',
      message: `The filled front matter is not valid YAML: ${frontMatterError}`,
    });
  }
  return { text, problems };
}

type ValueTexts = Readonly<Record<ValuePlaceholder, string>>;

function valueTexts(values: PlanningValues, created: string): ValueTexts {
  return {
    title: asText(values.title),
    author: asText(values.author),
    feature: asText(values.feature),
    flag: asText(values.flag),
    tier: asText(values.tier),
    created,
    metric: asText(values.metric),
    scope: asText(values.scope),
    engineeringDri: asText(values.engineeringDri),
    productDri: asText(values.productDri),
    mode: asText(values.mode),
  };
}

/** Values may come from untyped callers (a command's input box, JSON): never let one crash the fill. */
function asText(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function formatCreated(created: Date | string): { text: string; invalid: boolean } {
  if (created instanceof Date) {
    return Number.isNaN(created.getTime()) ? { text: '', invalid: true } : { text: created.toISOString().slice(0, 10), invalid: false };
  }
  const text = asText(created);
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return { text: text.slice(0, 10), invalid: false };
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? { text, invalid: true } : { text: new Date(parsed).toISOString().slice(0, 10), invalid: false };
}

function substituteValues(text: string, values: ValueTexts, eol: string): string {
  const frontMatter = locateFrontMatter(text);
  if (!frontMatter || !frontMatter.closed) return substituteBody(text, values, eol);
  const yamlPart = text
    .slice(frontMatter.contentStart, frontMatter.contentEnd)
    .split('\n')
    .map((line) => substituteFrontMatterLine(line, values))
    .join('\n');
  return (
    text.slice(0, frontMatter.contentStart) +
    yamlPart +
    text.slice(frontMatter.contentEnd, frontMatter.end) +
    substituteBody(text.slice(frontMatter.end), values, eol)
  );
}

/** A multi-line value (the scope list) takes the template's line endings. */
function substituteBody(text: string, values: ValueTexts, eol: string): string {
  return replaceKnownTags(text, (name) => (values[name] || 'TBD').replace(/\r?\n/g, eol));
}

/** Calls `replacement` for each known value tag; unknown tags stay as written. Replacements are never rescanned. */
function replaceKnownTags(text: string, replacement: (name: ValuePlaceholder) => string): string {
  return text.replace(/\{\{([^{}\n]*)\}\}/g, (whole: string, inner: string) => {
    const name = inner.trim();
    return (VALUE_PLACEHOLDERS as readonly string[]).includes(name) ? replacement(name as ValuePlaceholder) : whole;
  });
}

const KEY_OR_ITEM = /^([ \t]*(?:-[ \t]+)?(?:[\w.-]+|"[^"]*"|'[^']*')[ \t]*:[ \t]+|[ \t]*-[ \t]+)(.*)$/;

/** Fills one front-matter line so that the result stays the YAML the template meant, whatever the values hold. */
function substituteFrontMatterLine(rawLine: string, values: ValueTexts): string {
  const carriageReturn = rawLine.endsWith('\r') ? '\r' : '';
  const line = carriageReturn ? rawLine.slice(0, -1) : rawLine;
  if (!findTags(line).some(isKnownValue)) return rawLine;
  const parts = KEY_OR_ITEM.exec(line);
  if (!parts) return replaceKnownTags(line, (name) => values[name]) + carriageReturn;
  const [, prefix, value] = parts;
  return prefix + substituteYamlValue(value, values) + carriageReturn;
}

function substituteYamlValue(value: string, values: ValueTexts): string {
  const doubleQuoted = /^"(.*)"(\s+#.*)?\s*$/.exec(value);
  if (doubleQuoted) {
    const inner = replaceKnownTags(doubleQuoted[1], (name) => JSON.stringify(values[name]).slice(1, -1));
    return `"${inner}"${doubleQuoted[2] ?? ''}`;
  }
  const singleQuoted = /^'(.*)'(\s+#.*)?\s*$/.exec(value);
  if (singleQuoted) {
    const inner = replaceKnownTags(singleQuoted[1], (name) => values[name].replace(/'/g, "''").replace(/\r?\n/g, ' '));
    return `'${inner}'${singleQuoted[2] ?? ''}`;
  }
  if (/^[[{]/.test(value) && !/^\{\{/.test(value)) {
    return replaceKnownTags(value, (name) => JSON.stringify(values[name]));
  }
  const comment = /\s+#.*$/.exec(value);
  const plain = comment ? value.slice(0, comment.index) : value;
  return yamlScalar(replaceKnownTags(plain, (name) => values[name])) + (comment ? comment[0] : '');
}

/**
 * A one-line YAML scalar for any string. Quoted where YAML 1.1 would read
 * something else (`yes`, dates, `null`), so every YAML parser reads it back
 * as the same string.
 */
export function yamlScalar(value: string): string {
  return stringify(value, { version: '1.1', lineWidth: 0, blockQuote: false }).replace(/\n$/, '');
}

function filledFrontMatterError(text: string): string | undefined {
  const frontMatter = locateFrontMatter(text);
  if (!frontMatter || !frontMatter.closed) return undefined;
  const document = parseDocument(text.slice(frontMatter.contentStart, frontMatter.contentEnd), { prettyErrors: false });
  return document.errors[0]?.message;
}

function tagProblem(source: string, tag: Tag, file: string, kind: string, message: string): Problem {
  const { line, column } = positionOf(source, tag.start);
  return { file, line, column, endColumn: column + tag.raw.length, severity: 'warning', kind, message };
}

function unknownMessage(tag: Tag): string {
  const known = VALUE_PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ');
  return `Unknown placeholder ${tag.raw}: left as is. Known placeholders: ${known}, and the blocks {{#regulated}}…{{/regulated}}, {{^regulated}}…{{/regulated}}, {{#flag}}…{{/flag}} and {{^flag}}…{{/flag}}.`;
}

function partnerOf(tag: Tag): string {
  return tag.kind === 'close' ? `{{#${tag.name}}} or {{^${tag.name}}}` : `{{/${tag.name}}}`;
}
