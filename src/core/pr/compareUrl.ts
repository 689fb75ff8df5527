// The fallback when PM Zone cannot open the pull request through the API (no
// sign-in, no network to the API, no permission): a link to GitHub's compare
// page with the pull request form already filled in. Browsers and GitHub cap
// URL length, so an over-long description is cut at a line boundary and says
// where the rest is.

export interface CompareUrlInput {
  /** `github.com` or a GitHub Enterprise host (`github.example.com`, a port allowed). */
  host?: string;
  owner: string;
  repo: string;
  base: string;
  /** The branch with the change; `user:branch` for a branch of a fork. */
  head: string;
  title?: string;
  body?: string;
  labels?: string[];
}

export interface CompareUrlOptions {
  /** The longest URL to produce; default 8000 characters. */
  maxLength?: number;
}

export interface CompareUrl {
  url: string;
  /** True when the body (or, in the extreme, the title) was shortened to fit. */
  trimmed: boolean;
}

export const TRIMMED_BODY_NOTE = '… the rest of this description was too long for a link: paste it from PM Zone';

/**
 * Best effort in the extreme: when even an empty body and a one-character
 * title do not fit (host and branch names alone too long), the URL is
 * returned over the limit, with `trimmed` set.
 */
export function compareUrl(input: CompareUrlInput, options: CompareUrlOptions = {}): CompareUrl {
  const maxLength = options.maxLength ?? 8000;
  for (const field of ['owner', 'repo', 'base', 'head'] as const) {
    if (!input[field]?.trim()) throw new Error(`compareUrl needs the ${field}.`);
  }
  const title = input.title ?? '';
  const body = input.body ?? '';
  const build = (bodyText: string, titleText = title) => buildUrl(input, titleText, bodyText);

  const whole = build(body);
  if (whole.length <= maxLength) return { url: whole, trimmed: false };

  const fits = (candidate: string) => candidate.length <= maxLength;
  const lines = body.match(/[^\n]*(?:\n|$)/g)?.filter((line) => line !== '') ?? [];
  const keptLines = largest(lines.length - 1, (count) => fits(build(cutBody(lines.slice(0, count).join('')))));
  if (keptLines > 0) return { url: build(cutBody(lines.slice(0, keptLines).join(''))), trimmed: true };

  // Not even the first line fits whole: cut inside it rather than lose it all.
  const firstLine = Array.from(lines[0] ?? '');
  const keptChars = largest(firstLine.length, (count) => fits(build(cutBody(firstLine.slice(0, count).join('')))));
  if (keptChars > 0 || fits(build(cutBody('')))) {
    return { url: build(cutBody(firstLine.slice(0, keptChars).join(''))), trimmed: true };
  }

  const titleChars = Array.from(title);
  const shortTitle = (count: number) => `${titleChars.slice(0, count).join('')}…`;
  const keptTitle = largest(titleChars.length, (count) => fits(build('', shortTitle(count))));
  return { url: build('', title ? shortTitle(keptTitle) : ''), trimmed: true };
}

function buildUrl(input: CompareUrlInput, title: string, body: string): string {
  const host = (input.host ?? 'github.com').trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '') || 'github.com';
  const path = `/${encode(input.owner.trim())}/${encode(input.repo.trim())}/compare/${encodeRef(input.base)}...${encodeRef(input.head)}`;
  const query = ['quick_pull=1'];
  if (title) query.push(`title=${encode(title)}`);
  if (body) query.push(`body=${encode(body)}`);
  const labels = [...new Set((input.labels ?? []).map((label) => label.trim()).filter((label) => label !== ''))];
  if (labels.length > 0) query.push(`labels=${labels.map(encode).join(',')}`);
  return `https://${host}${path}?${query.join('&')}`;
}

/** Branch names keep their slashes (and a fork's `user:`); everything else is encoded. */
function encodeRef(ref: string): string {
  return ref
    .trim()
    .split('/')
    .map((segment) => encode(segment).replace(/%3A/gi, ':'))
    .join('/');
}

/** encodeURIComponent, except that a broken surrogate becomes U+FFFD instead of throwing. */
function encode(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The kept text, a code fence closed if the cut fell inside one, then the note. */
function cutBody(kept: string): string {
  const text = kept.trimEnd();
  const fence = openFence(text);
  return `${text}${fence ? `\n${fence}` : ''}${text ? '\n\n' : ''}${TRIMMED_BODY_NOTE}`;
}

function openFence(text: string): string | undefined {
  let open: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (!marker) continue;
    if (open === undefined) open = marker;
    else if (marker[0] === open[0] && marker.length >= open.length && line.trim() === marker) open = undefined;
  }
  return open;
}

/** The largest n in [0, upTo] with `ok(n)`, assuming ok holds up to some point and not after. */
function largest(upTo: number, ok: (n: number) => boolean): number {
  let low = 0;
  let high = upTo;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (ok(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}
