import type { Finding } from '../../../types';
import { defineCheck, type CheckContext, type ChangedFile } from '../../model';
import { redactSecret } from '../../redact';
import { findPhoneNumbers } from './phones';
import { domainOf, findCardNumbers, findEmails, findSsns, type PiiMatch } from './piiDetectors';
import { isOwnDomain, ownDomains, type OwnDomains } from './ownDomains';
import { promptPiiFindings } from './promptPii';
import { isTestOrFixture } from '../testFiles';
import { PERSONAL_DATA_ITEM, PERSONAL_DATA_WORDS } from '../analyticsPii';
import { dataBeyondSource, sourceStringsByLine } from './translatedExamples';
import { isStringsFile, LOCALE } from '../i18n/stringsFile';
import { addedTextLines, baseName, extensionOf, isCommentLine, splitLines } from './scan';
import { copyLanguageOf, copyText } from '../../../text/copyText';

const CHECK_ID = 'security.pii';

/** Folders whose files are user-facing copy or prompt text, in any format. */
const COPY_FOLDERS = new Set(['i18n', 'l10n', 'locale', 'locales', 'lang', 'langs', 'translations', 'prompts']);
const MARKDOWN = new Set(['.md', '.mdx', '.markdown']);
const STRINGS = new Set(['.json', '.yaml', '.yml']);
/**
 * String tables kept outside a copy folder: `messages.json`, a locale with a
 * region or script such as `pt-BR.yml`, `zh-Hant-TW.json` or `sr-Latn.json`,
 * or a common language such as `en.json`. Bare two-letter names are not
 * enough on their own (`ci.yml`).
 */
const STRINGS_NAME = /^(?:strings|messages|copy|translations|en|fr|de|es|it|pt|nl|sv|da|fi|nb|no|pl|cs|ru|uk|tr|ar|he|ja|ko|zh|hi|id|th|vi|el|hu|ro)$/;

function isStringsTableName(name: string): boolean {
  const match = /^(.+)\.(?:json|ya?ml)$/.exec(name);
  if (!match) return false;
  const stem = match[1];
  return STRINGS_NAME.test(stem) || (/[-_]/.test(stem) && LOCALE.test(stem));
}
/**
 * Code where copy is written inline (JSX text, string literals). Lines that
 * are comments as a whole are skipped: `@author` tags are not copy. The other
 * languages a product team writes copy in (Go, PHP and Blade, Python and
 * Jinja, Ruby and ERB, Twig, Kotlin, Swift) are read through their tokens:
 * their string literals and template text only (`copyText`).
 */
const CODE = new Set(['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.vue', '.svelte', '.html']);
const CODE_COMMENTS = ['//', '/*', '*', '<!--'];
/** The comments of the languages read through their tokens (`copyText`), for a file too long to tokenize. */
const OTHER_COMMENTS = [...CODE_COMMENTS, '#', '{{--', '{#', '<%#'];
/**
 * Files whose purpose is to name people or contacts: the policy files (pilot
 * PMs, owners), package metadata and the project's contact pages.
 */
const CONTACT_FILES = /^(?:CLAUDE\.md|CODEOWNERS|package\.json|\.mailmap|(?:AUTHORS|CONTRIBUTORS|MAINTAINERS)(?:\.[a-z]+)?|SECURITY\.md|CODE_OF_CONDUCT\.md)$/i;

/**
 * Personal data written into copy, prompts, markdown and inline front-end
 * copy: e-mail addresses, card numbers, US social security numbers and phone
 * numbers; and prompt templates that interpolate it. Personal data in the
 * repository is a privacy incident whatever the file, so findings block.
 * Values are redacted in every message.
 */
export const piiCheck = defineCheck({
  about: {
    'security.pii': {
      title: 'Personal data in the change',
      description: 'The change contains what looks like personal or protected data.',
      help: 'Replace it with obviously fake data; never commit real customer data.',
      item: { section: 'Security and privacy', text: PERSONAL_DATA_ITEM },
      defaultSeverity: 'error',
      words: PERSONAL_DATA_WORDS,
      alwaysOn: 'No personal or protected data in code or fixtures',
    },
  },
  async run(ctx: CheckContext): Promise<Finding[]> {
    const prompts = promptPiiFindings(ctx, CHECK_ID);
    const files = ctx.change.files.filter((file) => isInPiiScope(file.path));
    if (files.length === 0) return prompts;
    const own = await ownDomains(ctx);
    const literals: Finding[] = [];
    for (const file of files) literals.push(...(await scanFile(ctx, file, own)));
    return [...literals, ...prompts];
  },
});

/**
 * A strings file of translated copy (a locale folder, `messages.json`,
 * `pt-BR.yml`; every other format the strings layer reads, by its own name:
 * `values-de/strings.xml`, `.po`, `.ftl`, `messages_de.properties`…): prose,
 * not configuration.
 */
export function isCopyStringsFile(path: string): boolean {
  if (!STRINGS.has(extensionOf(path))) return isStringsFile(path);
  const folders = path.split('/').slice(0, -1).map((folder) => folder.toLowerCase());
  return folders.some((folder) => COPY_FOLDERS.has(folder) && folder !== 'prompts') || isStringsTableName(baseName(path));
}

/** Whether personal-data literals are looked for in this file. */
export function isInPiiScope(path: string): boolean {
  const name = baseName(path);
  // Tests, fixtures, stories and seeds hold made-up people; what they hold reaches no user, log or vendor.
  if (CONTACT_FILES.test(name) || isTestOrFixture(path)) return false;
  const extension = extensionOf(path);
  if (MARKDOWN.has(extension) || CODE.has(extension) || copyLanguageOf(path) !== undefined) return true;
  if (path.split('/').slice(0, -1).some((folder) => COPY_FOLDERS.has(folder.toLowerCase()))) return true;
  // Strings files of every format the strings layer reads: Android's strings.xml, Apple's, XLIFF, `.properties`, Fluent.
  return (STRINGS.has(extension) && isStringsTableName(name)) || isStringsFile(path);
}

async function scanFile(ctx: CheckContext, file: ChangedFile, own: OwnDomains): Promise<Finding[]> {
  const tokenized = copyLanguageOf(file.path) !== undefined;
  const isCode = tokenized || CODE.has(extensionOf(file.path));
  const added = addedTextLines(ctx, file);
  // Go, PHP, Python, templates…: only their string literals and template text are read, at the file's own lines and columns.
  const copy = tokenized && added.length > 0 && file.newText !== undefined && !file.binary ? copyText(file.newText, file.path) : undefined;
  const copyLines = copy === undefined ? undefined : splitLines(copy);
  // One loop, and a line kept only when it holds something: a translation drop adds tens of thousands of lines, nearly all with nothing.
  const found: { line: number; text: string; matches: PiiMatch[] }[] = [];
  for (const { line, text } of added) {
    if (copyLines === undefined && isCode && isCommentLine(text, tokenized ? OTHER_COMMENTS : CODE_COMMENTS)) continue;
    const matches = findPii(copyLines ? (copyLines[line - 1] ?? text) : text);
    if (matches.length > 0) found.push({ line, text, matches });
  }
  if (found.length === 0) return [];
  // A translation's example is its source's example, in another language: judged where the source is written.
  const sources = await sourceStringsByLine(ctx, file);
  return found.flatMap(({ line, text, matches }) =>
    dataBeyondSource(matches, sources.get(line) ?? []).map((match) => (isCode && inPlaceholderAttribute(text, match) ? exampleFinding(file.path, line, match) : toFinding(file.path, line, match, own))),
  );
}

/** `placeholder="john@acme.io"`, `placeholder: '+1 555…'`: what an empty input shows as an example. */
const PLACEHOLDER_ATTRIBUTE = /\bplaceholder\s*[=:]\s*\{?\s*["'`][^"'`]*$/i;

function inPlaceholderAttribute(text: string, match: PiiMatch): boolean {
  return match.kind !== 'card number' && match.kind !== 'US social security number' && PLACEHOLDER_ATTRIBUTE.test(text.slice(0, match.start));
}

/** An input's placeholder shows an example to whoever fills it in: worth a look (is it someone's?), never a blocker. */
function exampleFinding(path: string, line: number, match: PiiMatch): Finding {
  return piiFinding(path, line, match, 'warning', `Example ${match.kind} \`${redactSecret(match.value)}\` in an input's placeholder: fine if it is made up; if it is someone's, ${ADVICE[match.kind]}`);
}

function piiFinding(path: string, line: number, match: PiiMatch, severity: 'error' | 'warning', message: string): Finding {
  return { check: CHECK_ID, severity, blocking: severity === 'error', file: path, line, column: match.start + 1, message };
}

/**
 * What every kind of personal data written in a line holds: an e-mail
 * address its `@`, and a card number, a social security number or a phone
 * number ASCII digits (their patterns' `\d`). A line without either holds none.
 */
const DIGIT_OR_AT = /[0-9@]/;

/** Personal-data literals of one line, left to right, each span once. */
export function findPii(text: string): PiiMatch[] {
  if (!DIGIT_OR_AT.test(text)) return [];
  return findPiiInAnyLine(text);
}

/** `findPii` without its first look for a digit or an `@` (exported for the tests that hold the two equal). */
export function findPiiInAnyLine(text: string): PiiMatch[] {
  const taken: [number, number][] = [];
  const found: PiiMatch[] = [];
  const candidates = [
    ...findEmails(text),
    ...findCardNumbers(text),
    ...findSsns(text),
    ...findPhoneNumbers(text).map((phone) => ({ ...phone, kind: 'phone number' as const })),
  ];
  for (const match of candidates) {
    const end = match.start + match.value.length;
    if (taken.some(([from, to]) => match.start < to && end > from)) continue;
    taken.push([match.start, end]);
    found.push(match);
  }
  return found.sort((a, b) => a.start - b.start);
}

const ADVICE: Record<PiiMatch['kind'], string> = {
  'e-mail address': 'use an address at example.com',
  'card number': 'use a documented test card such as 4242 4242 4242 4242',
  'US social security number': 'use an invalid number such as 000-00-0000',
  'phone number': 'use a number reserved for fiction, such as 555-0100',
};

function toFinding(path: string, line: number, match: PiiMatch, own: OwnDomains): Finding {
  const domain = match.kind === 'e-mail address' ? domainOf(match.value) : undefined;
  // The organisation's own address is a contact it gives its users; only a person's mailbox there needs a second look.
  if (domain !== undefined && isOwnDomain(domain, own)) {
    return piiFinding(path, line, match, 'warning', `E-mail address \`${redactSecret(match.value)}\` at the organisation's own domain (${domain}) added: fine for a team mailbox; if it is one person's, use a team address instead`);
  }
  return piiFinding(path, line, match, 'error', `Possible ${match.kind} \`${redactSecret(match.value)}\` added — personal data must not be committed; ${ADVICE[match.kind]}`);
}
