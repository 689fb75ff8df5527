// The part of gettext-parser (which ships no types) the strings layer reads.
declare module 'gettext-parser' {
  export interface PoEntry {
    msgctxt?: string;
    msgid: string;
    msgid_plural?: string;
    /** Absent where the catalog gives the entry none (a msgid cut short). */
    msgstr?: string[];
    comments?: { flag?: string; extracted?: string; reference?: string; translator?: string; previous?: string };
  }
  export interface PoCatalog {
    charset: string;
    /** Absent where the catalog has no header entry. */
    headers?: Record<string, string>;
    translations: Record<string, Record<string, PoEntry>>;
    obsolete?: Record<string, Record<string, PoEntry>>;
  }
  export const po: { parse(input: string, options?: { defaultCharset?: string; validation?: boolean }): PoCatalog };
}
