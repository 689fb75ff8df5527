// The controls report and the walkthrough as a few plain blocks (headings,
// paragraphs, tables, code), written once and rendered as Markdown for the
// meeting's notes and as HTML (the readout's style) for the editor and print.

import type { ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { link, page, type ReportPage } from '../audit/html';
import { escapeMarkdownText } from '../text/markdown';

/** A run of text: plain, code, or a link. */
export type Inline = string | { code: string } | { link: string; text: string };
export type Text = string | readonly Inline[];

export type Block =
  | { heading: string; level: 1 | 2 | 3 }
  | { paragraph: Text; className?: string }
  | { list: readonly Text[] }
  | { table: { head: readonly string[]; rows: readonly (readonly Text[])[] } }
  | { code: string };

const runs = (text: Text): readonly Inline[] => (typeof text === 'string' ? [text] : text);

function inlineMarkdown(text: Text): string {
  return runs(text)
    .map((run) => {
      if (typeof run === 'string') return escapeMarkdownText(run);
      if ('code' in run) return run.code.includes('`') ? `\`\` ${run.code} \`\`` : `\`${run.code}\``;
      return `[${escapeMarkdownText(run.text)}](${run.link})`;
    })
    .join('')
    .replace(/\s*\n\s*/g, ' ');
}

export function toMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const block of blocks) {
    if ('heading' in block) out.push(`${'#'.repeat(block.level)} ${escapeMarkdownText(block.heading)}`, '');
    else if ('paragraph' in block) out.push(inlineMarkdown(block.paragraph), '');
    else if ('list' in block) out.push(...block.list.map((item) => `- ${inlineMarkdown(item)}`), '');
    else if ('code' in block) out.push('```', block.code.trimEnd(), '```', '');
    else {
      const { head, rows } = block.table;
      out.push(`| ${head.map(escapeMarkdownText).join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`);
      for (const row of rows) out.push(`| ${row.map((cell) => inlineMarkdown(cell).replace(/\|/g, '\\|').replace(/\\\\\|/g, '\\|')).join(' | ')} |`);
      out.push('');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function inlineHtml(text: Text): ElementContent[] {
  return runs(text).map((run): ElementContent => {
    if (typeof run === 'string') return { type: 'text', value: run };
    if ('code' in run) return h('code', run.code);
    // A link the report may not hold (not http(s)) is its words alone.
    const anchor = link(run.link, run.text);
    return typeof anchor === 'string' ? { type: 'text', value: anchor } : anchor;
  });
}

export function toHtml(blocks: readonly Block[]): ReportPage {
  const tree: Root = h(null, blocks.map((block) => {
    if ('heading' in block) return h(`h${block.level}`, block.heading);
    if ('paragraph' in block) return h('p', block.className ? { className: block.className.split(' ') } : {}, inlineHtml(block.paragraph));
    if ('list' in block) return h('ul', block.list.map((item) => h('li', inlineHtml(item))));
    if ('code' in block) return h('pre', h('code', block.code));
    return h('table', [
      h('thead', h('tr', block.table.head.map((title) => h('th', title)))),
      h('tbody', block.table.rows.map((row) => h('tr', row.map((cell) => h('td', inlineHtml(cell)))))),
    ]);
  }));
  return page(tree);
}
