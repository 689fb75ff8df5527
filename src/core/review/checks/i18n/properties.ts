// Java's `.properties` resource bundles (Spring's `messages_de.properties`),
// read by dot-properties: continuation lines, `\uXXXX` escapes and `=`, `:`
// or space separators follow java.util.Properties. Spring fills them through
// MessageFormat: `{0}`, `{1,number}`, `{0,date,short}`.
import { parseLines, type Pair } from 'dot-properties';
import { LineIndex } from '../contentSupport';
import type { StringsLeaf, StringsScan } from './stringsFile';

export function scanProperties(text: string): StringsScan {
  const lines = new LineIndex(text);
  const leaves = new Map<string, StringsLeaf>();
  for (const node of parseLines(text, true)) {
    if (node.type !== 'PAIR') continue;
    const pair = node as Pair & { range: [number, number, number, number] };
    leaves.set(pair.key, { path: pair.key, value: pair.value, ...lines.positionOf(pair.range[0]) });
  }
  return { ok: true, leaves, grammar: 'messageformat' };
}
