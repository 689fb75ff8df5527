import type { List, Table } from 'mdast';
import type { OwnedFlag } from './model';
import { readItemText, textOutsideCode } from './listItems';
import { plainText } from '../text/markdown';
import { HANDLE_IN_TEXT, readHandle } from './people';
import { startOf, type ReadContext } from './readContext';
import { readTable } from './tables';

const FLAG_COLUMNS = [
  { key: 'flag' as const, header: /^(flags?|names?|keys?|flag names?|feature flags?)$/ },
  { key: 'owner' as const, header: /^(owners?|pms?|owned by|owner pm)$/ },
];

const FLAG_NAME = /^[\w.:/-]+$/;

export function readFlagTable(table: Table, ctx: ReadContext): OwnedFlag[] {
  const flags: OwnedFlag[] = [];
  for (const { row, line, cells } of readTable(table, FLAG_COLUMNS, ['flag', 'owner'], 'owned flags', ctx)) {
    const flag = cells.flag ? plainText(cells.flag).trim() : '';
    if (!FLAG_NAME.test(flag)) {
      ctx.reportAt(cells.flag ?? row, 'warning', 'invalid-flag', flag ? `"${flag}" is not a flag name; this row is ignored.` : 'This row names no flag; it is ignored.');
      continue;
    }
    const ownerCell = cells.owner;
    const owner = ownerCell ? readHandle(plainText(ownerCell), startOf(ownerCell.children[0] ?? ownerCell), 'flag owner', ctx) : undefined;
    if (!owner) {
      if (!ownerCell || plainText(ownerCell).trim() === '') ctx.reportAt(row, 'warning', 'flag-without-owner', `The flag \`${flag}\` has no owner; no PM may edit it.`);
      continue;
    }
    flags.push({ flag, owner, line });
  }
  return flags;
}

/** `- \`checkout_copy_v2\` (@alice)`, `- \`checkout_copy_v2\`: @alice`, `- checkout_copy_v2 owned by @alice` */
export function readFlagList(list: List, ctx: ReadContext): OwnedFlag[] {
  const flags: OwnedFlag[] = [];
  for (const listItem of list.children) {
    const item = readItemText(listItem, ctx);
    const words = textOutsideCode(item);
    const firstWord = /^\s*([^\s:,;()]+)/.exec(words)?.[1] ?? '';
    const flag = item.codeSpans[0]?.value.trim() ?? (firstWord.startsWith('@') ? '' : firstWord.replace(/[.]+$/, ''));
    if (!FLAG_NAME.test(flag)) {
      ctx.reportAt(listItem, 'warning', 'invalid-flag', 'This item names no flag (write it in backticks); it is ignored.');
      continue;
    }
    const owner = HANDLE_IN_TEXT.exec(words)?.[0];
    if (!owner) {
      ctx.reportAt(listItem, 'warning', 'flag-without-owner', `The flag \`${flag}\` has no owner written as @handle; no PM may edit it.`);
      continue;
    }
    flags.push({ flag, owner, line: startOf(listItem).line });
  }
  return flags;
}
