import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { yamlPosition, type FrontMatter } from './planningDoc';

export interface Position {
  line: number;
  column: number;
}

/** One `key: value` of the front matter, with where its value is written. */
export interface FrontMatterField {
  key: string;
  /** The value as YAML reads it. */
  value: unknown;
  /** Where the key is. */
  keyAt: Position;
  /** The value's range (the key's end when the value is empty). */
  valueStart: Position;
  valueEnd: Position;
  node: Node | null;
}

/** The field `key` of a front matter that parsed as a mapping, if present. */
export function frontMatterField(frontMatter: FrontMatter, key: string): FrontMatterField | undefined {
  const contents = frontMatter.yaml?.contents;
  if (!isMap(contents)) return undefined;
  const pair = contents.items.find((item) => isScalar(item.key) && item.key.value === key);
  if (!pair || !isScalar(pair.key) || !pair.key.range) return undefined;
  const keyAt = yamlPosition(frontMatter, pair.key.range[0]);
  const valueNode = (pair.value ?? null) as Node | null;
  const keyEnd = pair.key.range[1];
  // An empty value has a zero-width range that YAML places on the next line; the key's end is where it belongs.
  const range = valueNode?.range && valueNode.range[0] !== valueNode.range[1] ? valueNode.range : [keyEnd, keyEnd];
  const value = isScalar(valueNode) ? valueNode.value : valueNode ? valueNode.toJSON() : null;
  return { key, value, keyAt, valueStart: yamlPosition(frontMatter, range[0]), valueEnd: yamlPosition(frontMatter, range[1]), node: valueNode };
}

/** A scalar field as trimmed text; undefined when absent, empty or not a scalar. */
export function fieldText(field: FrontMatterField | undefined): string | undefined {
  if (!field || field.value === null || field.value === undefined || typeof field.value === 'object') return undefined;
  const text = String(field.value).trim();
  return text.length > 0 ? text : undefined;
}

/** The scalar items of a field written as one value or as a list, each with its position. */
export function fieldItems(frontMatter: FrontMatter, field: FrontMatterField): Array<{ text: string; start: Position; end: Position }> {
  const nodes = isSeq(field.node) ? field.node.items : [field.node];
  const items: Array<{ text: string; start: Position; end: Position }> = [];
  for (const node of nodes) {
    if (!isScalar(node) || node.value === null || !node.range) continue;
    const text = String(node.value).trim();
    if (text.length === 0) continue;
    items.push({ text, start: yamlPosition(frontMatter, node.range[0]), end: yamlPosition(frontMatter, node.range[1]) });
  }
  return items;
}

export function isCollection(field: FrontMatterField | undefined): boolean {
  return field !== undefined && field.value !== null && typeof field.value === 'object';
}
