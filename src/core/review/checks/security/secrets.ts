import type { Finding } from '../../../types';
import { defineCheck, type AddedLine, type CheckContext, type ChangedFile } from '../../model';
import { redactSecret } from '../../redact';
import { addedTextLines, extensionOf, matchAll, newTextLines, unreadReason } from './scan';
import { LineIndex } from '../contentSupport';
import { isTestOrFixture } from '../testFiles';
import { isCopyStringsFile } from './pii';
import { SECRET_RULES, adviceOf, isCredential, type MatchContext, type SecretRule } from './secretRules';

const CHECK_ID = 'security.secret';
/** Source code, where values are expressions unless quoted. */
const CODE = new Set(['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.vue', '.svelte', '.py', '.rb', '.go', '.java', '.kt', '.cs', '.php', '.swift']);

/**
 * Credentials in the lines a change adds. Removed lines are never scanned:
 * taking a secret out is the fix, not the problem (its rotation is another
 * matter, outside the change). Error findings block, always: the security and
 * privacy section of the checklist is a hard blocker.
 */
export const secretCheck = defineCheck({
  about: {
    'security.secret': {
      title: 'Secret in the change',
      description: 'The change contains what looks like a secret, credential or API key.',
      help: 'Remove it, rotate it if it was ever pushed, and read it from configuration instead.',
      item: { section: 'Security and privacy', text: 'No secrets, credentials or API keys' },
      defaultSeverity: 'error',
      words: /\bsecrets?\b|\bcredentials?\b|\bAPI keys?\b|\bpasswords?\b/i,
      alwaysOn: 'No secrets, credentials or API keys in the change',
    },
  },
  run(ctx: CheckContext): Finding[] {
    return ctx.change.files.flatMap((file) => scanFile(ctx, file));
  },
});

function scanFile(ctx: CheckContext, file: ChangedFile): Finding[] {
  return [...keyStoreWarning(file), ...scanText(ctx, file)];
}

function scanText(ctx: CheckContext, file: ChangedFile): Finding[] {
  const unread = unreadReason(file);
  if (unread !== undefined) return [notScanned(file.path, unread)];
  const added = addedTextLines(ctx, file);
  if (added.length === 0) return [];
  let lines: string[] | undefined;
  const text = (): string[] => (lines ??= newTextLines(file));
  const options: BlockOptions = {
    inCopy: isCopyStringsFile(file.path),
    inCode: CODE.has(extensionOf(file.path)),
    following: (line) => text().slice(line, line + 3),
    nearby: (line) => text().slice(Math.max(0, line - 1 - NEARBY), line + NEARBY),
    fileMatches: memoized((test) => test.test(file.newText ?? file.binaryText?.after ?? '')),
  };
  return consecutiveBlocks(added).flatMap((block) => scanBlock(file.path, block, options));
}

function memoized(test: (pattern: RegExp) => boolean): (pattern: RegExp) => boolean {
  const seen = new Map<RegExp, boolean>();
  return (pattern) => {
    let result = seen.get(pattern);
    if (result === undefined) seen.set(pattern, (result = test(pattern)));
    return result;
  };
}

/** Lines either side of a match that a rule may look at (an AWS key id beside its secret key). */
const NEARBY = 4;

/** Blocks stay small enough for a rule's quick test to rule most of them out. */
const MAX_BLOCK_CHARS = 8_192;

/** Consecutive added lines, joined: each rule searches a block once instead of every line on its own. */
export interface Block {
  firstLine: number;
  text: string;
  lines: LineIndex;
}

function consecutiveBlocks(added: readonly AddedLine[]): Block[] {
  const blocks: Block[] = [];
  let pending: AddedLine[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    const text = pending.map((line) => line.text).join('\n');
    blocks.push({ firstLine: pending[0].line, text, lines: new LineIndex(text) });
    pending = [];
  };
  let size = 0;
  for (const line of added) {
    if (pending.length > 0 && (line.line !== pending[pending.length - 1].line + 1 || size > MAX_BLOCK_CHARS)) {
      flush();
      size = 0;
    }
    pending.push(line);
    size += line.text.length + 1;
  }
  flush();
  return blocks;
}

export interface BlockOptions {
  /** The file is translated copy, prose: the generic rules stay out. */
  inCopy?: boolean;
  /** The file is source code. */
  inCode?: boolean;
  /** The lines after a 1-based line of the new text. */
  following?: (line: number) => string[];
  /** The lines around a 1-based line of the new text. */
  nearby?: (line: number) => string[];
  /** Whether the whole new text of the file matches a rule's `fileTest`. */
  fileMatches?: (test: RegExp) => boolean;
}

/** Findings of a block of lines: each span of text is reported by the first rule that matches it. */
export function scanBlock(path: string, block: Block, options: BlockOptions = {}): Finding[] {
  const taken: [number, number][] = [];
  const findings: Finding[] = [];
  const inTest = isTestOrFixture(path);
  for (const rule of SECRET_RULES) {
    if ((rule.notInCopy && options.inCopy) || (rule.notInCode && options.inCode)) continue;
    if (rule.fileTest && !options.fileMatches?.(rule.fileTest)) continue;
    if (rule.quickTest && !rule.quickTest.test(block.text)) continue;
    for (const match of matchAll(rule.pattern, block.text)) {
      const secret = rule.group === undefined ? match.text : match.groups[rule.group];
      const start = rule.group === undefined ? match.start : match.groupStarts[rule.group];
      if (secret === undefined || start === undefined) continue;
      const end = start + secret.length;
      if (taken.some(([from, to]) => start < to && end > from)) continue;
      const position = block.lines.positionOf(start);
      const line = block.firstLine + position.line - 1;
      const lineEnd = block.text.indexOf('\n', match.start);
      const name = rule.nameGroup === undefined ? undefined : match.groups[rule.nameGroup];
      const around: MatchContext = {
        after: block.text.slice(match.start + match.text.length, lineEnd < 0 ? undefined : lineEnd),
        get following() { return options.following?.(line) ?? []; },
        get nearby() { return options.nearby?.(line) ?? block.text.split('\n'); },
      };
      if (!isCredential(rule, secret, around, name)) continue;
      taken.push([start, end]);
      findings.push(toFinding(rule, path, line, position.column, secret, name, inTest));
    }
  }
  return findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/**
 * A test's `password: "Sup3rSecret!"` is a fixture: a value under a secret's
 * name warns there, and so does a Stripe test-mode key. A provider's live
 * token still blocks in a test: its shape says it opens something.
 */
function toFinding(rule: SecretRule, path: string, line: number, column: number, secret: string, name: string | undefined, inTest: boolean): Finding {
  const shown = rule.shown ? rule.shown(secret) : redactSecret(secret, rule.prefix?.exec(secret)?.[0]);
  const what = name ? `${rule.kind} for \`${name}\`` : rule.kind;
  const fixture = inTest && rule.warnsInTests === true;
  const severity = fixture ? 'warning' : rule.grade ? rule.grade(secret) : rule.severity;
  const unconfirmed = severity !== rule.severity && !fixture ? ' (its checksum does not hold, so it is probably a made-up sample)' : '';
  const advice = fixture ? `in a test or fixture, where it is probably made up; if it is real, ${adviceOf(rule)}` : `— ${adviceOf(rule)}`;
  return {
    check: CHECK_ID,
    severity,
    blocking: severity === 'error',
    file: path,
    line,
    column,
    message: `Possible ${what} \`${shown}\` added${unconfirmed} ${advice}`,
  };
}

/** Files that hold private keys sealed with a password: PKCS#12, Java and Android key stores, KeePass databases. */
const KEY_STORES = new Set(['.p12', '.pfx', '.jks', '.keystore', '.bks', '.jceks', '.kdbx']);

/**
 * A key store warns rather than blocks: its keys are sealed, and PM Zone
 * cannot check the password (every GCP `.p12` key has the published
 * `notasecret`; others a strong one). Outside the PM zone the zone check
 * also asks for an engineering co-author; in a locked folder it blocks.
 */
function keyStoreWarning(file: ChangedFile): Finding[] {
  if (file.status === 'deleted' || file.submodule || !KEY_STORES.has(extensionOf(file.path))) return [];
  return [{
    check: CHECK_ID,
    severity: 'warning',
    blocking: false,
    file: file.path,
    line: null,
    message: 'A key store: it holds private keys sealed with a password PM Zone cannot check (GCP\'s `.p12` keys all share the published `notasecret`). Keys do not belong in the repository; take it out of the change, or have engineering confirm it',
  }];
}

/** The security section never passes what it did not read. */
function notScanned(path: string, reason: string): Finding {
  return {
    check: CHECK_ID,
    severity: 'error',
    blocking: true,
    file: path,
    line: null,
    message: `Not scanned for secrets: ${reason}. The security checks cannot clear what they have not read; take the file out of the change, or have engineering add it`,
  };
}
