// Which analytics property names capture personal or protected data.
//
// Names are split into lower-case words (camelCase, snake_case, kebab-case,
// `IPAddress` → ip address) and matched word by word, never by substring,
// so `company` does not match `pan` and `tooltip` does not match `ip`.
//
// A fact about a datum is not the datum: `emailVerified`, `hasPhone`,
// `emailCount` or a boolean-typed property say whether or how many, not what,
// so they pass. The datum itself (`email`, `user.email`) does not.

/** A checklist item about personal data stands for both privacy checks: in the change, and in analytics events. */
export const PERSONAL_DATA_WORDS = /\bpersonal data\b|\bPII\b|\bPHI\b|\bprotected data\b/i;
/** Both privacy checks answer the one item of the starter skill file. */
export const PERSONAL_DATA_ITEM = 'No personal or protected data in code, fixtures or analytics events';

interface PersonalDataTerm {
  label: string;
  /** Each entry is a run of consecutive words. */
  words: string[][];
  /** Runs that make a match harmless (`health check`). */
  unless?: string[][];
}

/** Checked in order: `emailAddress` is an e-mail, not a postal address. */
const TERMS: readonly PersonalDataTerm[] = [
  { label: 'e-mail address', words: [['email'], ['e', 'mail'], ['emailaddress'], ['mail', 'address']] },
  { label: 'IP address', words: [['ip'], ['ipaddress'], ['ipv4'], ['ipv6']] },
  { label: 'phone number', words: [['phone'], ['phonenumber'], ['telephone'], ['mobile', 'number'], ['msisdn']] },
  { label: 'social security number', words: [['ssn'], ['social', 'security']] },
  {
    label: 'date of birth',
    words: [['dob'], ['date', 'of', 'birth'], ['birth', 'date'], ['birthdate'], ['birthday'], ['dateofbirth']],
  },
  {
    label: 'payment card data',
    words: [['card', 'number'], ['cardnumber'], ['credit', 'card'], ['creditcard'], ['debit', 'card'], ['pan'], ['cvv'], ['cvc'], ['iban']],
  },
  {
    label: 'postal address',
    words: [['address'], ['street'], ['zip'], ['zipcode'], ['postcode'], ['postal', 'code'], ['postalcode']],
  },
  {
    label: "a person's name",
    words: [['full', 'name'], ['fullname'], ['first', 'name'], ['firstname'], ['last', 'name'], ['lastname'], ['surname'], ['given', 'name'], ['family', 'name']],
  },
  {
    label: 'health data',
    words: [['diagnosis'], ['diagnoses'], ['medical'], ['health'], ['medication'], ['prescription'], ['patient']],
    unless: [['health', 'check']],
  },
  { label: 'passport number', words: [['passport']] },
  {
    label: 'licence number',
    words: [['license', 'number'], ['licence', 'number'], ['driver', 'license'], ['drivers', 'license'], ['driving', 'licence'], ['driving', 'license']],
  },
  { label: 'national ID', words: [['national', 'id'], ['tax', 'id']] },
];

const FACT_PREFIXES = new Set(['is', 'has', 'was', 'did', 'can', 'should', 'needs', 'wants', 'allow', 'allows']);
const FACT_SUFFIXES = new Set([
  'verified', 'valid', 'validated', 'present', 'provided', 'set', 'enabled', 'disabled', 'confirmed', 'opted', 'optin',
  'consent', 'consented', 'count', 'length', 'changed', 'updated', 'required', 'visible', 'shown', 'clicked', 'opened',
  'entered', 'submitted', 'focused', 'exists', 'missing',
  // The kind of datum, not the datum: `emailDomain` is gmail.com for a million people.
  'domain', 'provider', 'type', 'kind', 'format',
  // The copy of a form's field, not what is typed into it: `zipError` is "Enter a valid ZIP code".
  'error', 'errors', 'label', 'placeholder',
]);

/** `userIPAddress` → `['user', 'ip', 'address']`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])([0-9])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** The kind of personal data a property name stands for, or undefined. */
export function personalDataKind(name: string, options: { booleanValue?: boolean } = {}): string | undefined {
  const words = nameWords(name);
  if (words.length === 0 || options.booleanValue) return undefined;
  if (FACT_PREFIXES.has(words[0]) && words.length > 1) return undefined;
  if (FACT_SUFFIXES.has(words[words.length - 1]) && words.length > 1) return undefined;
  for (const term of TERMS) {
    if (term.unless?.some((run) => containsRun(words, run))) continue;
    if (term.words.some((run) => containsRun(words, run))) return term.label;
  }
  return undefined;
}

function containsRun(words: string[], run: string[]): boolean {
  for (let start = 0; start + run.length <= words.length; start++) {
    if (run.every((word, offset) => words[start + offset] === word)) return true;
  }
  return false;
}

/** A name an added line gives to an event property, and where. */
export interface PropertyName {
  name: string;
  /** 1-based column of the name's first character. */
  column: number;
  booleanValue: boolean;
  /** For a value that reads a variable (`plan: user.email`), the key it is given to. */
  givenTo?: string;
}

const KEY = /(?<![\w$.])(['"]?)([A-Za-z_$][\w$-]*)\1\s*\??\s*:(?!:)/g;
const SHORTHAND = /[{,]\s*([A-Za-z_$][\w$]*)\s*(?=[,}])/g;
const ARRAY_STRING = /[[,]\s*(['"])([A-Za-z_$][\w$ .-]*)\1(?=\s*[,\]])/g;
const REFERENCE_VALUE = /^\s*((?:[A-Za-z_$][\w$]*\s*\??\.\s*)*)([A-Za-z_$][\w$]*)\s*(?:[,;}]|$)/;
const BOOLEAN_VALUE = /^\s*(?:(['"]?)(?:boolean|bool)\1(?![\w$])|true\b|false\b|!|Boolean\s*\(|z\.boolean\s*\()/;
const TYPE_OR_LITERAL = /^\s*(?:string|number|bigint|null|undefined|unknown)\b/;
const NOT_KEYS = new Set(['case', 'default', 'http', 'https']);

/**
 * The property names one line of an events file gives: keys (`email:`,
 * `'user_email':`), shorthand properties (`{ email }`), the variable a value
 * reads when the value is a plain reference (`plan: user.email` → `email`),
 * and strings listed in an array (`['email', 'plan']`). Comments are skipped.
 */
export function propertyNames(line: string): PropertyName[] {
  const code = withoutComment(line);
  if (code === '') return [];
  const names: PropertyName[] = [];
  for (const match of code.matchAll(KEY)) {
    const name = match[2];
    if (NOT_KEYS.has(name)) continue;
    const valueStart = match.index + match[0].length;
    const value = code.slice(valueStart);
    const booleanValue = BOOLEAN_VALUE.test(value);
    names.push({ name, column: match.index + match[1].length + 1, booleanValue });
    const reference = REFERENCE_VALUE.exec(value);
    if (reference && !booleanValue && !TYPE_OR_LITERAL.test(value)) {
      const leadingSpace = value.length - value.trimStart().length;
      names.push({ name: reference[2], column: valueStart + leadingSpace + reference[1].length + 1, booleanValue: false, givenTo: name });
    }
  }
  for (const match of code.matchAll(SHORTHAND)) {
    names.push({ name: match[1], column: match.index + match[0].indexOf(match[1]) + 1, booleanValue: false });
  }
  for (const match of code.matchAll(ARRAY_STRING)) {
    names.push({ name: match[2], column: match.index + match[0].indexOf(match[1]) + 2, booleanValue: false });
  }
  return names.sort((a, b) => a.column - b.column);
}

/** The line without a trailing `//` comment; empty for lines inside or starting a block comment. */
function withoutComment(line: string): string {
  const trimmed = line.trimStart();
  if (trimmed.startsWith('*') || trimmed.startsWith('/*')) return '';
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'" || char === '`') {
      quote = char;
    } else if (char === '/' && line[i + 1] === '/') {
      return line.slice(0, i);
    }
  }
  return line;
}
