// XLIFF 1.2 and 2.0 (`.xlf`, `.xliff`: Angular, Symfony, Xcode's exports),
// read through the XML reader. A file carries each unit's source and its
// translation together, so each translation is compared with the source
// beside it. Inline codes are written back in a short form the placeholder
// grammar reads: a standalone code (`<x id="INTERPOLATION"/>`, `<ph id="1"/>`)
// is a placeholder, a paired one (`<g id="1">…</g>`, `<pc>`) a tag.
import type { StringsLeaf, StringsScan } from './stringsFile';
import { childElements, localName, readXml, type XmlElement } from './xml';

export function scanXliff(text: string): StringsScan {
  const reading = readXml(text);
  if (!reading.ok) return reading;
  const leaves = new Map<string, StringsLeaf>();
  const version2 = (reading.root.attributes.version ?? '').startsWith('2');
  const visit = (element: XmlElement, file: string | undefined): void => {
    const name = localName(element.name);
    if (name === 'file') file = element.attributes.original ?? element.attributes.id;
    if (!version2 && name === 'trans-unit') return unit12(element, file, leaves);
    if (version2 && name === 'unit') return unit20(element, file, leaves);
    for (const child of childElements(element)) visit(child, file);
  };
  visit(reading.root, undefined);
  return { ok: true, leaves, grammar: 'xliff' };
}

function keyOf(id: string, file: string | undefined, leaves: Map<string, StringsLeaf>): string {
  return leaves.has(id) && file ? `${file}#${id}` : id;
}

function unit12(unit: XmlElement, file: string | undefined, leaves: Map<string, StringsLeaf>): void {
  if (unit.attributes.translate === 'no') return;
  const [source] = childElements(unit, 'source');
  const [target] = childElements(unit, 'target');
  if (!source) return;
  const key = keyOf(unit.attributes.id ?? unit.attributes.resname ?? inline(source), file, leaves);
  const at = target ?? source;
  // A target still `new` or `needs-translation` is not a translation yet.
  const untranslated = target === undefined || /^(?:new|needs-translation)$/.test(target.attributes.state ?? '');
  leaves.set(key, { path: key, value: untranslated ? '' : inline(target), line: at.line, column: at.column, source: inline(source), lines: [source.line, at.line] });
}

function unit20(unit: XmlElement, file: string | undefined, leaves: Map<string, StringsLeaf>): void {
  if (unit.attributes.translate === 'no') return;
  const segments = childElements(unit, 'segment');
  segments.forEach((segment, index) => {
    const [source] = childElements(segment, 'source');
    const [target] = childElements(segment, 'target');
    if (!source) return;
    const id = `${unit.attributes.id ?? ''}${segments.length > 1 ? `#${segment.attributes.id ?? index + 1}` : ''}`;
    const key = keyOf(id, file, leaves);
    const at = target ?? source;
    const untranslated = target === undefined || segment.attributes.state === 'initial';
    leaves.set(key, { path: key, value: untranslated ? '' : inline(target), line: at.line, column: at.column, source: inline(source), lines: [source.line, at.line] });
  });
}

/** XLIFF's standalone inline codes (1.2 and 2.0), and its paired ones. */
const STANDALONE = new Set(['x', 'ph', 'bx', 'ex', 'sc', 'ec', 'it', 'bpt', 'ept']);
const PAIRED = new Set(['g', 'pc']);

/** The text of a source or target, its inline codes written short: `<x id="INTERPOLATION"/>`, `<g id="1">…</g>`. */
function inline(element: XmlElement): string {
  return element.children
    .map((child) => {
      if (typeof child === 'string') return child;
      const name = localName(child.name);
      const id = child.attributes.id ?? '';
      if (STANDALONE.has(name)) return `<${name} id="${id}"/>`;
      if (PAIRED.has(name)) return `<${name} id="${id}">${inline(child)}</${name}>`;
      // `<mrk>`, `<sm>`…: annotations around text, read through.
      return inline(child);
    })
    .join('');
}
