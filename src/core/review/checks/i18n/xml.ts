// The XML strings files are read with (Android's strings.xml, iOS's
// .stringsdict plists, XLIFF), through sax: a small, maintained streaming
// parser that says where each element starts and where the text stopped
// being XML. Built into a small tree of elements, each with its line.
import { parser as saxParser } from 'sax';

export interface XmlElement {
  /** As written, with its prefix (`xliff:g`). */
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
  /** 1-based, where the opening tag ends (sax reports positions as it reads). */
  line: number;
  column: number;
}

export type XmlReading = { ok: true; root: XmlElement } | { ok: false; error: { line: number; column: number; message: string } };

/** Reads `text` as XML: strict, with entities and CDATA resolved. */
export function readXml(text: string): XmlReading {
  const sax = saxParser(true, { position: true, trim: false, normalize: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let failure: { line: number; column: number; message: string } | undefined;
  sax.onopentag = (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes)) attributes[name] = typeof value === 'string' ? value : value.value;
    const element: XmlElement = { name: tag.name, attributes, children: [], line: sax.line + 1, column: sax.column };
    stack[stack.length - 1]?.children.push(element);
    root ??= element;
    stack.push(element);
  };
  sax.onclosetag = () => {
    stack.pop();
  };
  const text_ = (value: string) => stack[stack.length - 1]?.children.push(value);
  sax.ontext = text_;
  sax.oncdata = text_;
  sax.onerror = (error) => {
    failure ??= { line: sax.line + 1, column: sax.column, message: error.message.split('\n')[0] };
    // Stop at the first error: the rest is not read.
    throw error;
  };
  try {
    sax.write(text).close();
  } catch {
    // Reported through `failure`.
  }
  if (failure) return { ok: false, error: failure };
  if (!root) return { ok: false, error: { line: 1, column: 1, message: 'no root element' } };
  return { ok: true, root };
}

/** The element children of `element`, by name (`*`: all). */
export function childElements(element: XmlElement, name = '*'): XmlElement[] {
  return element.children.filter((child): child is XmlElement => typeof child !== 'string' && (name === '*' || localName(child.name) === name));
}

/** A name without its prefix: `xliff:g` → `g`. */
export function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/** The text an element holds, its children's markup left out. */
export function textOf(element: XmlElement): string {
  return element.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}
