// A translation vendor's drop, generated: one strings file per locale, every
// translation rewritten. What bench/translations.bench.ts reviews whole and
// bench/secrets.bench.ts scans for secrets; the secret screen's test reads it too.

export const LOCALE_CODES = ['en', 'ar', 'bg', 'ca', 'cs', 'da', 'de', 'el', 'es', 'fi', 'fr', 'he', 'hi', 'hu', 'id', 'it', 'ja', 'ko', 'nb', 'nl', 'pl', 'pt', 'ro', 'ru', 'sk', 'sv', 'th', 'tr', 'uk', 'vi', 'zh', 'fa', 'et', 'lt', 'lv', 'sl', 'sr', 'hr', 'ms', 'bn'];

/**
 * One locale's flat file of `keys` strings (ICU placeholders in one of ten);
 * `version` 1 is the drop that replaces version 0. English changes in one key
 * of fifty, every translation in all of them.
 */
export function localeFile(locale: string, version: number, keys: number): string {
  const lines = Array.from({ length: keys }, (_, k) => {
    const english = locale === 'en';
    const edition = english ? (k % 50 === 0 ? version : 0) : version;
    const words = `${english ? 'Text' : `${locale} text`} ${k} edition ${edition}`;
    const value = k % 10 === 0 ? `${words} for {name}, {count, plural, one {# item} other {# items}}` : words;
    return `  "section${Math.floor(k / 100)}.key${k}": ${JSON.stringify(value)}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

const WORDS = ['Delete', 'order', 'customer', 'Are you sure you want to', 'channel', 'warehouse', 'product type', 'SKU', 'discount', 'voucher', 'gift card', 'staff member', 'permission group', 'Save', 'Cancel', 'shipping zone', 'tax class', 'attribute', 'API key', 'token', 'webhook', 'app', 'password', 'https://docs.example.com/guide', 'dialog header', 'button', 'section header', 'description'];

/**
 * One locale's file as a dashboard's message extractor writes it: each key an
 * object of `context` and `string` (four lines a message), words of a shop's
 * back office in the strings, `{name}` placeholders, non-ASCII in the
 * translations.
 */
export function messagesFile(locale: string, messages: number): string {
  const accent = locale === 'en' ? '' : ` (${locale}: ü é ß ж 中)`;
  const entries = Array.from({ length: messages }, (_, m) => {
    const word = (i: number) => WORDS[(m * 7 + i * 13) % WORDS.length];
    const key = `${word(0)}${word(1).replace(/\W/g, '')} ${m}`.replace(/\s+/g, m % 3 === 0 ? '_' : ' ');
    const text = `${word(2)} ${word(3)} {name}${m % 4 === 0 ? ` ${word(4)} ${word(5)}.` : ''}${accent}`;
    return `  ${JSON.stringify(key)}: {\n    "context": ${JSON.stringify(`${word(6)} ${word(7)}`)},\n    "string": ${JSON.stringify(text)}\n  }`;
  });
  return `{\n${entries.join(',\n')}\n}\n`;
}
