// Reads the PM PR Review skill file: YAML front matter (`name`,
// `description`) and `##` sections of `- [ ]` items, each mapped onto the
// built-in checks by an explicit marker or by its words. The checks come in
// as a vocabulary, not from the registry: the registry carries every check's
// code, which `pm-zone check-config` has no use for (see skillFileProblems.ts).
import type { Heading, List, ListItem, Nodes, Root } from 'mdast';
import { LineCounter, isMap } from 'yaml';
import { parseYaml } from '../../text/yaml';
import type { Problem } from '../../types';
import { parseMarkdown, plainText } from '../../text/markdown';
import type { Checklist, ChecklistItem, ChecklistSection } from './model';

/** `<!-- check: a, b -->`; `<!-- check: none -->` or `<!-- manual -->` make an item manual. */
const MARKER = /<!--\s*(?:check:\s*([^>]*?)|(manual))\s*-->/gi;
/** A section blocks when its title speaks of security or privacy, or says so. */
const BLOCKING_TITLE = /\b(?:security|secure|privacy|private|PII|PHI|protected data|blocking|blocker|hard block)\b/i;
const ALWAYS_ON_SECTION = 'Security and privacy (always on)';

/** What the reader knows of the built-in checks. */
export interface CheckVocabulary {
  /** Every check id, in the registry's order (the unknown-check problem lists them). */
  ids: readonly string[];
  /** The checks an item's words stand for, when it has no `<!-- check: -->` marker. */
  forText(text: string): string[];
  /** The always-on checks, in order, each with the item PM Zone adds for it when no item maps to it. */
  alwaysOn: readonly { id: string; item: string }[];
}

export function readSkillFile(text: string, file: string, checks: CheckVocabulary): Checklist {
  const problems: Problem[] = [];
  const problem = (line: number, column: number, severity: Problem['severity'], kind: string, message: string): void => {
    problems.push({ file, line, column, severity, kind, message });
  };
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { body, name, description } = readFrontMatter(source, problem);
  const sections = readSections(parseMarkdown(body), checks, problem);
  if (sections.every((section) => section.items.length === 0)) {
    problem(1, 1, 'warning', 'no-items', 'No checklist items found: write `## Section` headings followed by `- [ ] item` lines.');
  }
  addAlwaysOnItems(sections, checks);
  const checklist: Checklist = { file, sections: sections.filter((section) => section.items.length > 0), items: [], problems };
  checklist.items = checklist.sections.flatMap((section) => section.items);
  if (name !== undefined) checklist.name = name;
  if (description !== undefined) checklist.description = description;
  return checklist;
}

type Report = (line: number, column: number, severity: Problem['severity'], kind: string, message: string) => void;

/**
 * Splits off the front matter and parses it. The body keeps the front
 * matter's lines as blank lines, so markdown positions stay file lines.
 */
function readFrontMatter(source: string, problem: Report): { body: string; name?: string; description?: string } {
  const lines = source.split('\n');
  if (!/^---\s*$/.test(lines[0])) {
    problem(1, 1, 'warning', 'missing-front-matter', 'The skill file has no front matter (`---` lines with `name` and `description`).');
    return { body: source };
  }
  const close = lines.findIndex((line, index) => index > 0 && /^(?:---|\.\.\.)\s*$/.test(line));
  if (close < 0) {
    problem(1, 1, 'error', 'front-matter-unclosed', 'The front matter opened by `---` is never closed by another `---` line.');
    return { body: source };
  }
  const body = `${'\n'.repeat(close + 1)}${lines.slice(close + 1).join('\n')}`;
  const lineCounter = new LineCounter();
  const document = parseYaml(lines.slice(1, close).join('\n'), { lineCounter });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const position = error.linePos?.[0] ?? { line: 1, col: 1 };
      const message = error.message.split(/ at line \d+, column \d+/)[0].split('\n')[0];
      problem(position.line + 1, position.col, 'error', 'front-matter-yaml', `The front matter is not valid YAML: ${message}`);
    }
    return { body };
  }
  const contents = document.contents;
  if (contents !== null && !isMap(contents)) {
    problem(2, 1, 'error', 'front-matter-not-a-map', 'The front matter should be `key: value` lines (name, description).');
    return { body };
  }
  let data: Record<string, unknown>;
  try {
    data = (document.toJS({ maxAliasCount: 50 }) ?? {}) as Record<string, unknown>;
  } catch (error) {
    // A "billion laughs" of aliases: one problem on the file, and the checklist below it still applies.
    problem(2, 1, 'error', 'front-matter-yaml', `The front matter cannot be read: ${error instanceof Error ? error.message : String(error)}.`);
    return { body };
  }
  const result: { body: string; name?: string; description?: string } = { body };
  for (const key of ['name', 'description'] as const) {
    if (typeof data[key] === 'string' && data[key].trim() !== '') result[key] = data[key].trim();
    else problem(1, 1, 'warning', `missing-${key}`, `The front matter has no \`${key}\`: the skill needs one to be found.`);
  }
  return result;
}

function readSections(tree: Root, checks: CheckVocabulary, problem: Report): ChecklistSection[] {
  const sections: ChecklistSection[] = [];
  let current: ChecklistSection = { title: 'General', line: null, blocking: false, items: [] };
  sections.push(current);
  const usedIds = new Set<string>();
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth === 2) {
      const title = plainText(node as Heading).trim();
      current = { title, line: node.position?.start.line ?? null, blocking: BLOCKING_TITLE.test(title), items: [] };
      sections.push(current);
    } else if (node.type === 'list') {
      readList(node, current, usedIds, checks, problem);
    }
  }
  return sections;
}

function readList(list: List, section: ChecklistSection, usedIds: Set<string>, vocabulary: CheckVocabulary, problem: Report): void {
  const hasTasks = list.children.some((item) => typeof item.checked === 'boolean');
  for (const listItem of list.children) {
    if (typeof listItem.checked === 'boolean') {
      section.items.push(readItem(listItem, section, usedIds, vocabulary, problem));
    } else if (hasTasks) {
      const { line, column } = listItem.position?.start ?? { line: 1, column: 1 };
      problem(line, column, 'info', 'not-a-checkbox', 'This item has no checkbox (`- [ ]`), so it is not part of the checklist.');
    }
    for (const child of listItem.children) if (child.type === 'list') readList(child, section, usedIds, vocabulary, problem);
  }
}

function readItem(listItem: ListItem, section: ChecklistSection, usedIds: Set<string>, vocabulary: CheckVocabulary, problem: Report): ChecklistItem {
  const own = listItem.children.filter((child) => child.type !== 'list');
  const text = own.map(plainText).join(' ').replace(/\s+/g, ' ').trim();
  let checks: string[] = [];
  let marked = false;
  for (const html of own.flatMap(htmlNodes)) {
    for (const marker of html.value.matchAll(MARKER)) {
      marked = true;
      for (const id of (marker[1] ?? '').split(/[\s,]+/).filter((word) => word !== '' && word.toLowerCase() !== 'none')) {
        if (vocabulary.ids.includes(id)) checks.push(id);
        else {
          const { line, column } = html.position?.start ?? { line: 1, column: 1 };
          problem(line, column, 'warning', 'unknown-check', `Unknown check \`${id}\`, ignored. ${knownChecksLike(id, vocabulary.ids)}`);
        }
      }
    }
  }
  if (!marked) checks = vocabulary.forText(text);
  checks = [...new Set(checks)];
  return {
    id: uniqueId(`${slug(section.title) || 'general'}/${slug(text) || 'item'}`, usedIds),
    section: section.title,
    text,
    line: listItem.position?.start.line ?? null,
    checks,
    manual: checks.length === 0,
    blocking: section.blocking || checks.some((check) => vocabulary.alwaysOn.some((always) => always.id === check)),
  };
}

/** The always-on checks no item maps to get an item of their own, in a blocking section. */
function addAlwaysOnItems(sections: ChecklistSection[], checks: CheckVocabulary): void {
  const mapped = new Set(sections.flatMap((section) => section.items.flatMap((item) => item.checks)));
  const missing = checks.alwaysOn.filter((check) => !mapped.has(check.id));
  if (missing.length === 0) return;
  const section: ChecklistSection = { title: ALWAYS_ON_SECTION, line: null, blocking: true, items: [] };
  section.items = missing.map((check) => ({
    id: `${slug(ALWAYS_ON_SECTION)}/${slug(check.id)}`,
    section: ALWAYS_ON_SECTION,
    text: check.item,
    line: null,
    checks: [check.id],
    manual: false,
    blocking: true,
  }));
  sections.push(section);
}

/** The known checks of the same family (`zone.lockd` → the `zone.` checks), else the families. */
function knownChecksLike(id: string, known: readonly string[]): string {
  const family = id.split('.')[0];
  const sameFamily = known.filter((check) => check.startsWith(`${family}.`));
  if (sameFamily.length > 0) return `Known \`${family}\` checks: ${sameFamily.join(', ')}.`;
  return `Known check families: ${[...new Set(known.map((check) => check.split('.')[0]))].join(', ')}.`;
}

function htmlNodes(node: Nodes): { value: string; position?: Nodes['position'] }[] {
  if (node.type === 'html') return [node];
  if ('children' in node) return (node.children as Nodes[]).flatMap(htmlNodes);
  return [];
}

function slug(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (words.length <= 48) return words;
  const cut = words.slice(0, 48);
  return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut;
}

function uniqueId(id: string, used: Set<string>): string {
  let candidate = id;
  for (let n = 2; used.has(candidate); n++) candidate = `${id}-${n}`;
  used.add(candidate);
  return candidate;
}
