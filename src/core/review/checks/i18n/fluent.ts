// Project Fluent's `.ftl` files, read by @fluent/syntax (Mozilla's own
// parser): each message and term by its id, each attribute as `id.attr`,
// the pattern as written (its select expressions and placeables kept), so
// a translation is read with the same parser. An entry Fluent cannot read
// is Junk to it: the file does not parse.
import { FluentParser, type Entry, type Pattern } from '@fluent/syntax';
import { LineIndex } from '../contentSupport';
import type { StringsLeaf, StringsScan } from './stringsFile';

// Made on the first Fluent file: a review without one does not load the library (the command line's bundle keeps it apart).
let fluentParser: FluentParser | undefined;
const parser = (): FluentParser => (fluentParser ??= new FluentParser({ withSpans: true }));

export function scanFluent(text: string): StringsScan {
  const lines = new LineIndex(text);
  const leaves = new Map<string, StringsLeaf>();
  const resource = parser().parse(text);
  for (const entry of resource.body as Entry[]) {
    if (entry.type === 'Junk') {
      const annotation = entry.annotations[0];
      return { ok: false, error: { ...lines.positionOf(annotation?.span?.start ?? entry.span?.start ?? 0), message: annotation?.message ?? 'not Fluent syntax' } };
    }
    if (entry.type !== 'Message' && entry.type !== 'Term') continue;
    const id = `${entry.type === 'Term' ? '-' : ''}${entry.id.name}`;
    const add = (key: string, pattern: Pattern | null, at: number) => {
      if (!pattern?.span) return;
      leaves.set(key, { path: key, value: text.slice(pattern.span.start, pattern.span.end), ...lines.positionOf(at) });
    };
    add(id, entry.value, entry.id.span?.start ?? 0);
    for (const attribute of entry.attributes) add(`${id}.${attribute.id.name}`, attribute.value, attribute.id.span?.start ?? 0);
  }
  return { ok: true, leaves, grammar: 'fluent' };
}

/**
 * The placeables of one Fluent pattern: variables (`{ $name }`, also inside
 * a selector or a function's arguments), terms (`{ -brand }`) and messages
 * (`{ other-message }`) it refers to. Undefined when it does not parse.
 */
export function fluentReferences(pattern: string): { variables: string[]; references: string[] } | undefined {
  const entry = parser().parseEntry(`m = ${pattern.includes('\n') ? `\n    ${pattern.replace(/\n/g, '\n    ')}` : pattern}\n`);
  if (entry.type !== 'Message') return undefined;
  const variables: string[] = [];
  const references: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const typed = node as { type?: string; id?: { name: string } };
    if (typed.type === 'VariableReference' && typed.id) variables.push(typed.id.name);
    else if (typed.type === 'TermReference' && typed.id) references.push(`-${typed.id.name}`);
    else if (typed.type === 'MessageReference' && typed.id) references.push(typed.id.name);
    for (const [field, value] of Object.entries(node)) if (field !== 'span') visit(value);
  };
  visit(entry.value);
  return { variables, references };
}
