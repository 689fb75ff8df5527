import type { Table, TableCell, TableRow } from 'mdast';
import { plainText } from '../text/markdown';
import { startOf, type ReadContext } from './readContext';

export interface ColumnSpec<K extends string> {
  key: K;
  /** Tested against the header text, lower-cased and trimmed. */
  header: RegExp;
}

export interface RowRead<K extends string> {
  row: TableRow;
  line: number;
  cells: Partial<Record<K, TableCell>>;
}

/** Columns people add for their own reading; understood, and not read. */
const COMMENT_COLUMN = /^(notes?|descriptions?|comments?|why|details?|purpose)$/;

/**
 * The body rows of a table, each cell filed under the column its header
 * names. An unknown column is reported and its cells ignored; a missing
 * required column is reported and the table is not read.
 */
export function readTable<K extends string>(
  table: Table,
  columns: ColumnSpec<K>[],
  required: K[],
  what: string,
  ctx: ReadContext,
): RowRead<K>[] {
  const [header, ...body] = table.children;
  if (!header) return [];
  const keyOfColumn: (K | undefined)[] = [];
  for (const cell of header.children) {
    const name = plainText(cell).trim().toLowerCase();
    const spec = columns.find((column) => column.header.test(name) && !keyOfColumn.includes(column.key));
    keyOfColumn.push(spec?.key);
    if (!spec && !COMMENT_COLUMN.test(name)) {
      ctx.reportAt(cell.children[0] ?? cell, 'warning', 'unknown-column', `Column "${name}" of the ${what} table is not understood; its cells are ignored.`);
    }
  }
  const missing = required.filter((key) => !keyOfColumn.includes(key));
  if (missing.length > 0) {
    const names = missing.join(', ');
    ctx.reportAt(table, 'error', 'missing-column', `The ${what} table has no ${names} column, so it is not read.`);
    return [];
  }
  return body.map((row) => {
    const cells: Partial<Record<K, TableCell>> = {};
    row.children.forEach((cell, index) => {
      if (index >= header.children.length) {
        ctx.reportAt(cell.children[0] ?? cell, 'warning', 'extra-cell', `This cell is beyond the ${what} table's columns and is ignored.`);
        return;
      }
      const key = keyOfColumn[index];
      if (key !== undefined) cells[key] = cell;
    });
    return { row, line: startOf(row).line, cells };
  });
}
