import type { Point, ReadContext } from './readContext';

const HANDLE = /^@[A-Za-z0-9][\w-]*(\/[\w.-]+)?$/;
const BARE_NAME = /^[A-Za-z0-9][\w-]*$/;
const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;

/** Handles, team handles and e-mails anywhere in a line of prose. */
export const HANDLE_IN_TEXT = /(?<![\w.@+-])@[A-Za-z0-9][\w-]*(?:\/[\w.-]+)?/;
export const EMAIL_IN_TEXT = /(?<![\w.+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

function unwrapped(text: string): string {
  return text.trim().replace(/^[*_`]+|[*_`]+$/g, '').trim();
}

/**
 * A `@handle` as written in a cell or after "DRI". A bare name is taken with
 * `@` added and reported with a fix; anything else is reported and dropped.
 * `at` is where the written text starts, for the problem and the fix.
 */
export function readHandle(written: string, at: Point, role: string, ctx: ReadContext): string | undefined {
  const text = unwrapped(written);
  if (text === '') return undefined;
  if (HANDLE.test(text)) return text;
  if (BARE_NAME.test(text)) {
    ctx.report(at, 'warning', 'invalid-handle', `The ${role} "${text}" has no \`@\`; read as @${text}.`, {
      endColumn: at.column + written.trimEnd().length,
      fix: { title: `Write @${text}`, start: at, end: at, text: '@' },
    });
    return `@${text}`;
  }
  ctx.report(at, 'error', 'invalid-handle', `The ${role} "${text}" is not a GitHub handle such as @alice.`, {
    endColumn: at.column + written.trimEnd().length,
  });
  return undefined;
}

export function readEmail(written: string, at: Point, ctx: ReadContext): string | undefined {
  const text = unwrapped(written).replace(/^<|>$/g, '').replace(/^mailto:/i, '');
  if (text === '') return undefined;
  if (EMAIL.test(text)) return text;
  ctx.report(at, 'warning', 'invalid-email', `"${text}" is not an e-mail address; it is ignored.`);
  return undefined;
}

/** `12345+alice@users.noreply.github.com` and `alice@users.noreply.github.com` → `@alice`. */
export function handleOfNoreplyEmail(email: string): string | undefined {
  const match = /^(?:\d+\+)?([A-Za-z0-9][A-Za-z0-9-]*)@users\.noreply\.github\.com$/i.exec(email.trim());
  return match ? `@${match[1]}` : undefined;
}

export interface Person {
  handle?: string;
  email?: string;
}

/**
 * A person as teams write one down in a cell or a list item: `@alice`,
 * `@alice (alice@acme.test)`, `Alice Smith <alice@acme.test> (@alice)`,
 * `@alice, alice@acme.test`, `alice@acme.test`, a GitHub noreply address.
 * The handle is the written one, else the noreply address's; a lone bare
 * word is read as a handle with a fix. A name without a handle is reported.
 */
export function readPerson(written: string, at: Point, role: string, ctx: ReadContext): Person {
  const text = unwrapped(written);
  if (text === '') return {};
  const email = EMAIL_IN_TEXT.exec(text)?.[0];
  const rest = email ? text.replace(email, ' ') : text;
  const handle = HANDLE_IN_TEXT.exec(rest)?.[0] ?? (email ? handleOfNoreplyEmail(email) : undefined);
  if (handle) return withEmail({ handle }, email);
  const leftover = rest.replace(/[<>()[\],;:]/g, ' ').trim();
  if (!email || BARE_NAME.test(leftover)) {
    // `alice`, or `alice <alice@acme.test>`: a bare name read as the handle, with its fix.
    return withEmail({ handle: readHandle(leftover || text, at, role, ctx) }, email);
  }
  ctx.report(at, 'error', 'invalid-handle', `The ${role} "${text}" has no GitHub handle: write it as @handle (for example "${leftover} (@handle)").`, {
    endColumn: at.column + written.trimEnd().length,
  });
  return withEmail({}, email);
}

function withEmail(person: Person, email: string | undefined): Person {
  return email ? { ...person, email } : person;
}
