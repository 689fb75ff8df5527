import creditCardType from 'credit-card-type';
import { matchAll } from './scan';

/** One personal-data literal found in a line. */
export interface PiiMatch {
  /** 0-based offset in the line. */
  start: number;
  value: string;
  kind: 'e-mail address' | 'card number' | 'US social security number' | 'phone number';
}

/**
 * Not after `/`, nor after `:` but in `mailto:`: `https://key@sentry.io/1` and
 * `postgres://user:pass@host` are URLs, not addresses. A domain starts with a
 * letter or digit: `\v2@.memos.store…` in a generated file's bytes is none.
 */
const EMAIL = /(?<![A-Za-z0-9._%+/-])(?<!(?<!mailto):)[A-Za-z0-9_%+-][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9][A-Za-z0-9.-]{0,252}/g;

/** RFC 2606 and RFC 6761 names, RFC 6762's `.local` and ICANN's private `.internal`: they never reach a person. */
const RESERVED_DOMAIN = /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost|local|internal)$/;
/** Domains written to stand for any company's, or for no one's: `name@company.com`, `you@yourdomain.com`, `user@test.com`. */
const STAND_IN_DOMAIN = /^(?:[\w-]+\.)?(?:(?:your|my)-?(?:company|domain|org|organization|organisation|business|site|website|work)|company|domain|example-?(?:company|corp)|placeholder|test|testing|fake|dummy|mock)\.[a-z]{2,}$/;
/** GitHub's private commit addresses, Google calendar ids, service accounts: addresses of systems, not people. */
const SYSTEM_DOMAIN = /(?:^|\.)(?:users\.noreply\.github\.com|noreply\.github\.com|calendar\.google\.com|gserviceaccount\.com)$/;
/** Addresses written to stand for anyone: `you@`, `your.name@`, `dummyemail@`, `demo@`, `test123@`. */
const PLACEHOLDER_MAILBOX = /^(?:you|your|yourname|your[._-]?(?:name|email|mail)|name|user|username|someone|somebody|nobody|firstname[._-]?lastname|first[._-]?last|dummy|fake|demo|test|sample|example|foo|bar|placeholder)(?:[._-]?(?:email|mail|user|name|address))?\d*$/;
/**
 * Role mailboxes belong to the company, not to a person, and are ordinary in
 * copy ("write to support@…"), in any language the copy is written in.
 */
const ROLE_WORDS = new Set([
  'noreply', 'donotreply', 'reply', 'replies', 'support', 'help', 'helpdesk', 'desk', 'info', 'infos', 'information',
  'contact', 'contacts', 'hello', 'hi', 'hey', 'welcome', 'privacy', 'security', 'legal', 'billing', 'invoices', 'invoice',
  'receipts', 'payments', 'refunds', 'returns', 'orders', 'order', 'shipping', 'delivery', 'sales', 'feedback', 'team',
  'admin', 'abuse', 'postmaster', 'webmaster', 'hostmaster', 'mailer', 'daemon', 'bounce', 'bounces', 'press', 'media',
  'news', 'newsletter', 'marketing', 'careers', 'jobs', 'recruiting', 'hr', 'notifications', 'notification', 'alerts',
  'updates', 'status', 'service', 'services', 'care', 'office', 'accounts', 'accounting', 'finance', 'partners',
  'partnerships', 'community', 'developers', 'dev', 'ops', 'devops', 'compliance', 'dpo', 'gdpr', 'enquiries', 'inquiries',
  'questions', 'ask', 'bookings', 'reservations', 'events', 'rsvp', 'shop', 'store', 'mail', 'email', 'git', 'bot', 'robot',
  'system', 'investors', 'ir', 'pr', 'priority', 'docs', 'documentation', 'enterprise', 'licensing', 'license', 'trust',
  'success', 'onboarding', 'sponsors', 'sponsorship', 'founders', 'hiring', 'talent', 'bugs', 'issues', 'report', 'reports',
  // The same mailboxes in the languages copy is translated into.
  'hola', 'hallo', 'bonjour', 'ciao', 'ola', 'oi', 'hej', 'moi', 'merhaba', 'kontakt', 'contacto', 'contato', 'contatto',
  'soporte', 'suporte', 'supporto', 'ayuda', 'ajuda', 'aiuto', 'hilfe', 'aide', 'assistance', 'kundenservice',
  'kundendienst', 'kundeservice', 'kundservice', 'klantenservice', 'servicio', 'atencion', 'atendimento', 'equipo',
  'equipe', 'facturacion', 'rechnungen', 'presse', 'prensa', 'imprensa', 'datenschutz', 'privacidad', 'impressum',
]);
/** Words that join role words or name a region: `customer-service`, `do-not-reply`, `support-eu`. */
const ROLE_JOINERS = new Set([
  'no', 'do', 'not', 'customer', 'customers', 'client', 'clients', 'the', 'and', 'cs', 'eu', 'us', 'uk', 'de', 'fr', 'es',
  'it', 'nl', 'pt', 'br', 'mx', 'jp', 'au', 'ca', 'in', 'emea', 'apac', 'latam', 'amer', 'global', 'intl', 'en', 'app',
]);

/** True for a role mailbox such as `support`, `no-reply`, `customer.care`, `hola`, `support-eu2`. */
export function isRoleMailbox(local: string): boolean {
  const words = local.toLowerCase().replace(/\+.*$/, '').split(/[._-]+/).map((word) => word.replace(/\d+$/, '')).filter(Boolean);
  return words.some((word) => ROLE_WORDS.has(word)) && words.every((word) => ROLE_WORDS.has(word) || ROLE_JOINERS.has(word));
}
/** `logo@2x.png` is an image, not an address. */
const FILE_EXTENSION_TLD = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'ico', 'js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx', 'css', 'scss', 'json', 'yaml', 'yml', 'html', 'map', 'txt']);

/**
 * Every address as written, examples, placeholders and role mailboxes
 * included (not images such as `logo@2x.png`): what a source string gives
 * as its example.
 */
export function findEmailShapes(line: string): PiiMatch[] {
  const found: PiiMatch[] = [];
  // Most lines have no `@`: the pattern, with its lookbehinds at every offset, is not worth running.
  if (!line.includes('@')) return found;
  for (const match of matchAll(EMAIL, line)) {
    const at = match.text.indexOf('@');
    const domain = match.text.slice(at + 1).replace(/[.-]+$/, '').toLowerCase();
    const tld = domain.slice(domain.lastIndexOf('.') + 1);
    if (!domain.includes('.') || !/^[a-z]{2,24}$/.test(tld) || FILE_EXTENSION_TLD.has(tld)) continue;
    found.push({ start: match.start, value: `${match.text.slice(0, at)}@${domain}`, kind: 'e-mail address' });
  }
  return found;
}

/** The domain of an address found by `findEmailShapes`, lower case. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/** `a@b.com`, `s@d.co`: one letter at a one-letter name is how a made-up address is typed, not anyone's mailbox. */
const ONE_LETTER_ADDRESS = /^[a-z0-9]@[a-z0-9]\.[a-z]{2,3}$/i;

/** Addresses that may reach a person: not examples, placeholders, systems or role mailboxes. */
export function findEmails(line: string): PiiMatch[] {
  return findEmailShapes(line).filter(({ value }) => {
    const local = value.slice(0, value.lastIndexOf('@'));
    const domain = domainOf(value);
    if (ONE_LETTER_ADDRESS.test(value)) return false;
    if (RESERVED_DOMAIN.test(domain) || SYSTEM_DOMAIN.test(domain) || STAND_IN_DOMAIN.test(domain)) return false;
    return !isRoleMailbox(local) && !PLACEHOLDER_MAILBOX.test(local.toLowerCase());
  });
}

/**
 * Card numbers as people write them: plain, 4-4-4-4(-3) or Amex/Diners 4-6-5/4-6-4,
 * with one kind of separator (the back-reference), not inside a longer number.
 */
const CARD =
  /(?<![\w.,+-])(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d\d\d)?|\d{4}([ -])\d{6}\2\d{4,5})(?!\w|[.,]\d)/g;

/**
 * Test numbers published by card networks and payment providers (Stripe,
 * Adyen, Braintree, PayPal): they charge nothing and identify no one.
 */
export const TEST_CARD_NUMBERS: ReadonlySet<string> = new Set([
  '4242424242424242', '4000056655665556', '4111111111111111', '4012888888881881', '4222222222222',
  '4000000000000002', '4000000000000077', '4000000000000341', '4000000000009995', '4000002500003155',
  '4000000000003220', '5555555555554444', '2223003122003222', '5200828282828210', '5105105105105100',
  '5425233430109903', '2222420000001113', '2223000048410010', '378282246310005', '371449635398431',
  '378734493671000', '6011111111111117', '6011000990139424', '6011981111111113', '3056930009020004',
  '30569309025904', '38520000023237', '36227206271667', '3566002020360505', '3530111333300000',
  '6200000000000005',
]);

/** The networks whose numbers are told by prefix and length alone; Maestro, Elo and others claim prefixes too broad to tell an id from a card. */
const NETWORKS: ReadonlySet<string> = new Set(['visa', 'mastercard', 'american-express', 'diners-club', 'discover', 'jcb', 'unionpay', 'mir']);
/** Lengths a network issues beyond those credit-card-type lists: Visa's 13-digit cards. */
const MORE_LENGTHS: Readonly<Record<string, readonly number[]>> = { visa: [13] };

/**
 * Whether the digits are a number a major network issues: its prefix (IIN
 * range) and one of that network's lengths, from Braintree's
 * `credit-card-type` (Visa 4 with 13, 16, 18 or 19 digits; Mastercard
 * 51–55 and 2221–2720 with 16; Amex 34 and 37 with 15; …). A 15-digit id
 * that starts with 4 passes Luhn one time in ten and is still no card.
 */
export function isIssuedCardNumber(digits: string): boolean {
  return creditCardType(digits).some((network) => NETWORKS.has(network.type) && (network.lengths.includes(digits.length) || (MORE_LENGTHS[network.type] ?? []).includes(digits.length)));
}

/**
 * A number written as an identifier, not as a card: the value of a key or
 * variable that says id (`presetId`, `app_id`, `"id":`, `ids: [`), a barcode
 * or order number (`ean`, `gtin`, `sku`, `order`), or a part of a URL.
 */
const ID_NAME = /(?:\b(?:[Ii][Dd][Ss]?|ean|EAN|gtin|GTIN|upc|UPC|isbn|ISBN|sku|SKU|barcode|order|invoice|tracking|ref)|[a-z0-9](?:Id|ID|Ids|IDs)|_(?:id|ids|ID|IDS))["'`]?\s*[:=]\s*(?:\[\s*)?(?:["'`]?[\w-]*["'`]?\s*,\s*)*["'`]?$/;

function inIdContext(line: string, start: number, end: number): boolean {
  const before = line.slice(Math.max(0, start - 120), start);
  if (ID_NAME.test(before)) return true;
  // The run of non-space characters holding the number: a URL's path or query (`https://…/presets/4312…`, `?id=4312…`).
  const runStart = line.slice(0, start).search(/\S*$/);
  const runEnd = end + (/^\S*/.exec(line.slice(end))?.[0].length ?? 0);
  return /(?:https?:\/\/|www\.)/i.test(line.slice(runStart, runEnd));
}

export function findCardNumbers(line: string): PiiMatch[] {
  const found: PiiMatch[] = [];
  for (const match of matchAll(CARD, line)) {
    const digits = match.text.replace(/\D/g, '');
    if (!luhnValid(digits) || !isIssuedCardNumber(digits)) continue;
    // Six equal digits in a row are how test numbers are made (4000 0000 0000 0077).
    if (TEST_CARD_NUMBERS.has(digits) || /(\d)\1{5}/.test(digits)) continue;
    if (inIdContext(line, match.start, match.start + match.text.length)) continue;
    found.push({ start: match.start, value: match.text, kind: 'card number' });
  }
  return found;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

const SSN = /(?<![\w-])(\d{3})-(\d{2})-(\d{4})(?![\w-])/g;
/** Numbers published as examples (the Woolworth wallet card, the SSA's own sample) and the universal dummy. */
const EXAMPLE_SSNS = new Set(['078-05-1120', '219-09-9999', '123-45-6789']);

export function findSsns(line: string): PiiMatch[] {
  return matchAll(SSN, line)
    .filter(({ text, groups }) => {
      const [area = '', group = '', serial = ''] = groups.slice(1);
      const invalid = area === '000' || area === '666' || area.startsWith('9') || group === '00' || serial === '0000';
      return !invalid && !EXAMPLE_SSNS.has(text);
    })
    .map(({ start, text }) => ({ start, value: text, kind: 'US social security number' as const }));
}
