// PULL_REQUEST.md: the composed pull request as a document the PM reads and
// edits before anything is sent. YAML front matter holds what GitHub takes
// besides the text (title, base, head, labels, reviewers, draft); the body
// follows. Sending parses the document as it is then, so every edit counts.
// Plain text in, plain values out; the editor reaches it through the lazily
// loaded core, so the YAML library loads when a draft is first written or read.

import { Document, isMap, LineCounter, parseDocument, type Node } from 'yaml';

/** GitHub refuses longer titles. */
const MAX_TITLE_LENGTH = 256;

export interface PullRequestDraft {
  title: string;
  base: string;
  head: string;
  labels: string[];
  /** As CLAUDE.md writes them: `@dana`, `@acme/team`. */
  reviewers: string[];
  draft: boolean;
  body: string;
  /** The address of the pull request once it was opened from this draft. */
  sent?: string;
}

export type DraftReading =
  | { ok: true; draft: PullRequestDraft }
  /** `line` is 1-based, in the document as the PM sees it. */
  | { ok: false; line: number; message: string };

const GUIDANCE = [
  ' The pull request PM Zone will open. Edit anything: the',
  ' title, labels, reviewers, draft (true or false) and the',
  ' description below the second line of dashes. Nothing is',
  ' sent until you choose "Send pull request".',
];

export function renderDraft(draft: PullRequestDraft): string {
  const fields = new Document({
    title: draft.title,
    base: draft.base,
    head: draft.head,
    labels: draft.labels,
    reviewers: draft.reviewers,
    draft: draft.draft,
    ...(draft.sent ? { sent: draft.sent } : {}),
  });
  fields.commentBefore = GUIDANCE.join('\n');
  return `---\n${fields.toString({ lineWidth: 0 }).trimEnd()}\n---\n\n${draft.body.replace(/\r\n/g, '\n')}`;
}

interface Split {
  /** The front matter's text, without its dashes: its line 1 is the document's line 2. */
  yaml: string;
  body: string;
}

function split(text: string): Split | undefined {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  if (lines[0]?.trimEnd() !== '---') return undefined;
  const end = lines.findIndex((line, index) => index > 0 && /^(?:---|\.\.\.)\s*$/.test(line));
  if (end < 0) return undefined;
  const rest = lines.slice(end + 1);
  if (rest[0] === '') rest.shift();
  return { yaml: lines.slice(1, end).join('\n'), body: rest.join('\n') };
}

export function parseDraft(text: string): DraftReading {
  const parts = split(text);
  if (!parts) {
    return { ok: false, line: 1, message: 'The draft must start with its fields between two lines of three dashes (---), then the description.' };
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(parts.yaml, { lineCounter, uniqueKeys: true });
  // The opening dashes are line 1 of the document.
  const lineAt = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line) + 1;
  const [error] = document.errors;
  if (error) return { ok: false, line: (error.linePos?.[0].line ?? 1) + 1, message: `The fields are not valid YAML: ${firstLine(error.message)}` };
  if (!isMap(document.contents)) return { ok: false, line: 2, message: 'The fields must be "name: value" lines (title, base, head, labels, reviewers, draft).' };

  const fields = document.contents;
  const node = (key: string) => fields.get(key, true) as Node | undefined;
  // A missing field is reported where it would go: the end of the fields.
  const problem = (key: string, message: string): DraftReading => ({ ok: false, line: lineAt(node(key)?.range?.[0] ?? fields.range?.[1]), message });
  let values: Record<string, unknown>;
  try {
    values = document.toJS({ maxAliasCount: 50 }) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, line: 2, message: `The fields cannot be read: ${firstLine(error instanceof Error ? error.message : String(error))}.` };
  }

  const title = text1(values.title);
  if (!title) return problem('title', 'The title is missing: write it after "title:".');
  if (Array.from(title).length > MAX_TITLE_LENGTH) return problem('title', `The title is longer than GitHub allows (${MAX_TITLE_LENGTH} characters).`);
  const base = text1(values.base);
  if (!base || /\s/.test(base)) return problem('base', 'base must name the branch the change goes into, such as main.');
  const head = text1(values.head);
  if (!head || /\s/.test(head)) return problem('head', 'head must name the branch with the change.');
  const labels = names(values.labels);
  if (!labels) return problem('labels', 'labels must be a list of label names (one "- name" line each).');
  const reviewers = names(values.reviewers);
  if (!reviewers) return problem('reviewers', 'reviewers must be a list of GitHub accounts or teams (one "- @name" line each).');
  const draft = yesOrNo(values.draft);
  if (draft === undefined) return problem('draft', 'draft must be true (open as a draft) or false (ready for review).');
  const sent = text1(values.sent);
  return { ok: true, draft: { title, base, head, labels, reviewers, draft, body: parts.body, ...(sent ? { sent } : {}) } };
}

/** The draft's text with one field set, its comments and the rest kept. Undefined when the front matter cannot be read. */
export function withField(text: string, key: 'draft' | 'sent', value: boolean | string): string | undefined {
  const parts = split(text);
  if (!parts) return undefined;
  const document = parseDocument(parts.yaml);
  if (document.errors.length > 0 || !isMap(document.contents)) return undefined;
  document.set(key, value);
  return `---\n${document.toString({ lineWidth: 0 }).trimEnd()}\n---\n\n${parts.body}`;
}

function text1(value: unknown): string | undefined {
  if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim() || undefined;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** A list, a comma-separated line, or nothing (no labels); undefined when it is none of those. */
function names(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  const entries = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
  if (!entries || !entries.every((entry) => typeof entry === 'string' || typeof entry === 'number')) return undefined;
  return [...new Set(entries.map((entry) => String(entry).trim()).filter((entry) => entry !== ''))];
}

function yesOrNo(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === undefined || value === null) return false;
  if (typeof value === 'string' && /^(?:yes|true)$/i.test(value.trim())) return true;
  if (typeof value === 'string' && /^(?:no|false)$/i.test(value.trim())) return false;
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}
