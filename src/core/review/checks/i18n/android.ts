// Android's string resources (`res/values/strings.xml`, `res/values-de/…`):
// `<string name>`, `<plurals name>` with one `<item quantity>` per form
// (keys `name.one`, `name.other`), and `<string-array name>` (keys
// `name[0]`, `name[1]`, as a message names an item of a list). Strings
// marked `translatable="false"` are not translations. Java's Formatter fills them: `%1$s`, `%d`, `%.2f`.
import type { StringsLeaf, StringsScan } from './stringsFile';
import { childElements, localName, readXml, type XmlElement } from './xml';

export function scanAndroid(text: string): StringsScan {
  const reading = readXml(text);
  if (!reading.ok) return reading;
  const leaves = new Map<string, StringsLeaf>();
  const add = (key: string, element: XmlElement, form?: string) =>
    leaves.set(key, { path: key, value: androidText(element), line: element.line, column: element.column, ...(form ? { form } : {}) });
  for (const element of childElements(reading.root)) {
    const name = element.attributes.name;
    if (name === undefined || element.attributes.translatable === 'false') continue;
    const kind = localName(element.name);
    if (kind === 'string') add(name, element);
    else if (kind === 'plurals') for (const item of childElements(element, 'item')) add(`${name}.${item.attributes.quantity ?? ''}`, item, item.attributes.quantity);
    else if (kind === 'string-array') childElements(element, 'item').forEach((item, index) => add(`${name}[${index}]`, item));
  }
  return { ok: true, leaves, grammar: 'printf' };
}

/**
 * The string as the app shows it: Android's escapes resolved (`\'`, `\"`,
 * `\n`, `\@`, `\u00e9`), markup kept as tags (`<b>`), and `<xliff:g>`,
 * which only marks a span translators must keep, read through.
 */
function androidText(element: XmlElement): string {
  const inner = element.children
    .map((child) => {
      if (typeof child === 'string') return child;
      if (localName(child.name) === 'g') return androidText(child);
      return `<${child.name}>${androidText(child)}</${child.name}>`;
    })
    .join('');
  const quoted = /^\s*"([\s\S]*)"\s*$/.exec(inner);
  return (quoted ? quoted[1] : inner).replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, escaped: string) =>
    escaped.length === 5 ? String.fromCharCode(parseInt(escaped.slice(1), 16)) : escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped,
  );
}
