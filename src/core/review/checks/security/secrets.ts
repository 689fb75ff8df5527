import type { Finding } from '../../../types';
import type { Check, CheckContext, ChangedFile } from '../../model';
import { redactSecret } from '../../redact';
import { addedTextLines, matchAll, newTextLines, unreadReason } from './scan';
import { isCopyStringsFile } from './pii';
import { SECRET_RULES, adviceOf, isCredential, type MatchContext, type SecretRule } from './secretRules';

const CHECK_ID = 'security.secret';

/**
 * Credentials in the lines a change adds. Removed lines are never scanned:
 * taking a secret out is the fix, not the problem (its rotation is another
 * matter, outside the change). Error findings block, always: the security and
 * privacy section of the checklist is a hard blocker.
 */
export const secretCheck: Check = {
  ids: [CHECK_ID],
  run(ctx: CheckContext): Finding[] {
    return ctx.change.files.flatMap((file) => scanFile(ctx, file));
  },
};

function scanFile(ctx: CheckContext, file: ChangedFile): Finding[] {
  const unread = unreadReason(file);
  if (unread !== undefined) return [notScanned(file.path, unread)];
  const added = addedTextLines(ctx, file);
  if (added.length === 0) return [];
  let lines: string[] | undefined;
  const text = (): string[] => (lines ??= newTextLines(file));
  const inCopy = isCopyStringsFile(file.path);
  const findings: Finding[] = [];
  for (const { line, text: lineText } of added) {
    findings.push(
      ...scanLine(file.path, line, lineText, {
        inCopy,
        following: () => text().slice(line, line + 3),
        nearby: () => text().slice(Math.max(0, line - 1 - NEARBY), line + NEARBY),
      }),
    );
  }
  return findings;
}

/** Lines either side of a match that a rule may look at (an AWS key id beside its secret key). */
const NEARBY = 4;

export interface LineOptions {
  /** The line is translated copy, prose: the generic rules stay out. */
  inCopy?: boolean;
  following?: () => string[];
  nearby?: () => string[];
}

/**
 * Every rule's quick test in one pattern: a line that matches none of them
 * (most lines) skips those rules at the cost of one search.
 */
const SCREEN = new RegExp(SECRET_RULES.flatMap((rule) => (rule.quickTest ? [rule.quickTest.source] : [])).join('|'));

/** Findings of one line: each span of text is reported by the first rule that matches it. */
export function scanLine(path: string, line: number, text: string, options: LineOptions = {}): Finding[] {
  const taken: [number, number][] = [];
  const findings: Finding[] = [];
  const screened = SCREEN.test(text);
  for (const rule of SECRET_RULES) {
    if (rule.notInCopy && options.inCopy) continue;
    if (rule.quickTest && (!screened || !rule.quickTest.test(text))) continue;
    for (const match of matchAll(rule.pattern, text)) {
      const secret = rule.group === undefined ? match.text : match.groups[rule.group];
      const start = rule.group === undefined ? match.start : match.groupStarts[rule.group];
      if (secret === undefined || start === undefined) continue;
      const end = start + secret.length;
      if (taken.some(([from, to]) => start < to && end > from)) continue;
      const name = rule.nameGroup === undefined ? undefined : match.groups[rule.nameGroup];
      const around: MatchContext = {
        after: text.slice(match.start + match.text.length),
        get following() { return options.following?.() ?? []; },
        get nearby() { return options.nearby?.() ?? [text]; },
      };
      if (!isCredential(rule, secret, around, name)) continue;
      taken.push([start, end]);
      findings.push(toFinding(rule, path, line, start + 1, secret, name));
    }
  }
  return findings.sort((a, b) => (a.column ?? 0) - (b.column ?? 0));
}

function toFinding(rule: SecretRule, path: string, line: number, column: number, secret: string, name: string | undefined): Finding {
  const shown = rule.shown ? rule.shown(secret) : redactSecret(secret, rule.prefix?.exec(secret)?.[0]);
  const what = name ? `${rule.kind} for \`${name}\`` : rule.kind;
  const severity = rule.grade ? rule.grade(secret) : rule.severity;
  const unconfirmed = severity !== rule.severity ? ' (its checksum does not hold, so it is probably a made-up sample)' : '';
  return {
    check: CHECK_ID,
    severity,
    blocking: severity === 'error',
    file: path,
    line,
    column,
    message: `Possible ${what} \`${shown}\` added${unconfirmed} — ${adviceOf(rule)}`,
  };
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
