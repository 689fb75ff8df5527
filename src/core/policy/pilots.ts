import type { List, Node, Table, TableCell } from 'mdast';
import type { Pilot } from './model';
import { pathLikeWords } from './globText';
import { spanGlob, unquotedGlobsAt, validGlobs, type FoundGlob } from './globItems';
import { readItemText, textOutsideCode } from './listItems';
import { codeSpansIn, plainText } from '../text/markdown';
import { EMAIL_IN_TEXT, HANDLE_IN_TEXT, handleOfNoreplyEmail, readEmail, readHandle, readPerson, type Person } from './people';
import { startOf, type ReadContext } from './readContext';
import { readTable } from './tables';

const PILOT_COLUMNS = [
  { key: 'github' as const, header: /^(github(?: handles?| logins?| users?| usernames?)?|handles?|logins?|usernames?)$/ },
  { key: 'person' as const, header: /^(pms?|pilots?|pilot pms?|names?|who|product managers?|people|persons?)$/ },
  { key: 'featureFolders' as const, header: /^(feature folders?|folders?|features?|scope|paths?)$/ },
  { key: 'engineeringDri' as const, header: /^(engineering dri|eng dri|dri|reviewer|engineering reviewer)$/ },
  { key: 'productDri' as const, header: /^product dri$/ },
  { key: 'email' as const, header: /^(e-?mails?|mail|e-?mail address(?:es)?)$/ },
];

function cellText(cell: TableCell | undefined): { text: string; at: { line: number; column: number } } {
  if (!cell) return { text: '', at: { line: 1, column: 1 } };
  return { text: plainText(cell), at: startOf(cell.children[0] ?? cell) };
}

function cellHandle(cell: TableCell | undefined, role: string, ctx: ReadContext): string | undefined {
  const { text, at } = cellText(cell);
  return readHandle(text, at, role, ctx);
}

function foldersOf(handle: string, found: FoundGlob[], where: Node, ctx: ReadContext): string[] {
  const folders = validGlobs(found, ctx).map((folder) => folder.glob);
  if (folders.length === 0) {
    ctx.reportAt(where, 'warning', 'pilot-without-folders', `${handle} has no feature folders, so what is PM-editable only inside one's own feature folders is never editable for them.`);
  }
  return folders;
}

function withOptional(pilot: Pilot, optional: Partial<Pilot>): Pilot {
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (pilot as unknown as Record<string, unknown>)[key] = value;
  }
  return pilot;
}

/**
 * The pilots a table lists; `unreadableAt` (the table's line) when it has
 * rows but no column PM Zone reads a PM from, which is an error and never
 * "no pilots": whoever it cannot rule out is held to the zone (see
 * resolveIdentity), and a handle or e-mail its rows hold outside the DRI and
 * folder columns is read as a pilot with no feature folders.
 */
export function readPilotTable(table: Table, ctx: ReadContext): { pilots: Pilot[]; unreadableAt?: number } {
  const pilots: Pilot[] = [];
  const rows = readTable(table, PILOT_COLUMNS, [], 'pilot PMs', ctx);
  if (rows.length > 0 && !rows.some(({ cells }) => cells.github || cells.person)) {
    const columns = (table.children[0]?.children ?? []).map((cell) => `"${plainText(cell).trim()}"`);
    ctx.reportAt(table, 'error', 'missing-column', `The pilot PMs table has no PM column (its columns are ${columns.join(', ')}), so PM Zone cannot tell who the pilots are: everyone who is not shown to be someone else is held to the zone as a pilot PM would be. Name the column that holds the pilots' handles "PM" (or "GitHub").`);
    for (const { row, line, cells } of rows) {
      const notPeople = new Set([cells.engineeringDri, cells.productDri, cells.featureFolders]);
      const text = row.children.filter((cell) => !notPeople.has(cell)).map((cell) => plainText(cell)).join(' | ');
      const email = cells.email ? EMAIL_IN_TEXT.exec(plainText(cells.email))?.[0] : EMAIL_IN_TEXT.exec(text)?.[0];
      const handle = HANDLE_IN_TEXT.exec(text)?.[0] ?? (email ? handleOfNoreplyEmail(email) : undefined);
      if (handle) pilots.push({ handle, featureFolders: [], line, ...(email ? { email } : {}) });
    }
    return { pilots, unreadableAt: startOf(table).line };
  }
  for (const { row, line, cells } of rows) {
    const person = personOfRow(cells, ctx);
    if (!person.handle) {
      if (!person.email && cellText(cells.person).text.trim() === '' && cellText(cells.github).text.trim() === '') {
        ctx.reportAt(row, 'warning', 'missing-handle', 'This pilot row names no PM; it is ignored.');
      }
      continue;
    }
    const handle = person.handle;
    const folderCell = cells.featureFolders;
    const spans = folderCell ? codeSpansIn(folderCell) : [];
    const found = spans.length > 0 || !folderCell ? spans.map(spanGlob) : unquotedGlobsAt(ctx.sourceOf(folderCell), folderCell.position?.start.offset ?? 0, ctx, pathLikeWords);
    pilots.push(
      withOptional(
        { handle, featureFolders: foldersOf(handle, found, row, ctx), line },
        {
          email: person.email,
          engineeringDri: cellHandle(cells.engineeringDri, 'engineering DRI', ctx),
          productDri: cellHandle(cells.productDri, 'product DRI', ctx),
        },
      ),
    );
  }
  return { pilots };
}

/** The PM of a row: the GitHub column's handle, else the PM column's; the e-mail column's address, else one written beside the PM. */
function personOfRow(cells: Partial<Record<'github' | 'person' | 'email', TableCell>>, ctx: ReadContext): Person {
  const written = (cell: TableCell | undefined): Person => {
    const { text, at } = cellText(cell);
    return cell ? readPerson(text, at, 'pilot PM', ctx) : {};
  };
  // A GitHub column holds logins: `alice` there is @alice as surely as `@alice`.
  const login = /^@?([A-Za-z0-9][A-Za-z0-9-]*)$/.exec(cellText(cells.github).text.trim().replace(/^[*_`]+|[*_`]+$/g, ''));
  const github = login ? { handle: `@${login[1]}` } : cells.github ? written(cells.github) : {};
  // With a GitHub column the PM column may hold a plain name: it is not asked for a handle then.
  const person = cells.github && github.handle ? emailOnly(cellText(cells.person).text) : written(cells.person);
  const emailCell = cells.email ? readEmail(cellText(cells.email).text, cellText(cells.email).at, ctx) : undefined;
  const email = emailCell ?? github.email ?? person.email;
  const handle = github.handle ?? person.handle;
  return { ...(handle ? { handle } : {}), ...(email ? { email } : {}) };
}

function emailOnly(text: string): Person {
  const email = EMAIL_IN_TEXT.exec(text)?.[0];
  return email ? { email } : {};
}

const DRI_HANDLE = String.raw`[\s:,=-]*(@[A-Za-z0-9][\w-]*(?:\/[\w.-]+)?)`;
const PRODUCT_DRI = new RegExp(String.raw`\bproduct\s+DRI\b` + DRI_HANDLE, 'i');
const ENGINEERING_DRI = new RegExp(String.raw`\b(?:(?:engineering|eng)\s+)?(?:DRI|reviewer)\b` + DRI_HANDLE, 'i');

/** `- @alice (alice@acme.com): \`src/features/checkout/**\`, DRI @dana, product DRI @erin` */
export function readPilotList(list: List, ctx: ReadContext): Pilot[] {
  const pilots: Pilot[] = [];
  for (const listItem of list.children) {
    const item = readItemText(listItem, ctx);
    let words = textOutsideCode(item);
    const takeDri = (pattern: RegExp): string | undefined => {
      const match = pattern.exec(words);
      if (!match) return undefined;
      words = words.slice(0, match.index) + ' '.repeat(match[0].length) + words.slice(match.index + match[0].length);
      return match[1];
    };
    const productDri = takeDri(PRODUCT_DRI);
    const engineeringDri = takeDri(ENGINEERING_DRI);
    const email = EMAIL_IN_TEXT.exec(words)?.[0];
    if (email) words = words.replace(email, ' '.repeat(email.length));
    const handle = HANDLE_IN_TEXT.exec(words)?.[0] ?? (email ? handleOfNoreplyEmail(email) : undefined) ?? firstHandle(words, item.offset, ctx);
    if (!handle) {
      ctx.reportAt(listItem, 'warning', 'missing-handle', 'This pilot item names no PM as @handle; it is ignored.');
      continue;
    }
    const folderSpans = item.codeSpans.filter((span) => !span.value.includes('@'));
    const found = folderSpans.length > 0 ? folderSpans.map(spanGlob) : unquotedGlobsAt(item.text, item.offset, ctx, pathLikeWords);
    const line = startOf(listItem).line;
    pilots.push(withOptional({ handle, featureFolders: foldersOf(handle, found, listItem, ctx), line }, { email, engineeringDri, productDri }));
  }
  return pilots;
}

function firstHandle(words: string, offset: number, ctx: ReadContext): string | undefined {
  const written = HANDLE_IN_TEXT.exec(words);
  if (written) return written[0];
  const firstWord = /[^\s:,;()]+/.exec(words);
  if (!firstWord) return undefined;
  return readHandle(firstWord[0], ctx.pointAt(offset + firstWord.index), 'pilot PM', ctx);
}
