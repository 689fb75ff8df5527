// Secrets in the branch's history: what each commit added, and each commit
// message. The change's own diff cannot see a token one commit added and a
// later one deleted, yet the push carries every commit, and a pushed secret
// is readable in history by anyone who can read the repository.
import type { Finding } from '../../../types';
import type { BranchAdditions, Change, CommitAdditions, CommitHistory, FileAdditions } from '../../model';
import { addedAsInChange, newTextsByPath } from '../../../git/asInChange';
import { redactSecret } from '../../redact';
import { addedReadableLines, splitLines } from './scan';
import { CHECK_ID, scanAddedLines, textSource, type LineSource, type SecretHit } from './secretScan';

/** How much of a commit's subject a finding quotes. */
const SUBJECT_CHARS = 60;

/**
 * Blockers for the secrets the branch's commits added that the change's
 * diff does not report: one per secret, named by the oldest commit that
 * added it. `reported` holds the secrets the diff's findings already name.
 * Warnings (a test's fixture, a token whose checksum fails) are not repeated
 * for history: the change's own diff already judged what is still there.
 */
export async function historyFindings(history: CommitHistory, change: Change, reported: ReadonlySet<string>): Promise<Finding[]> {
  let read: BranchAdditions;
  try {
    read = await history.read();
  } catch (error) {
    return [notFullyChecked([`git could not read it (${error instanceof Error ? error.message : String(error)})`])];
  }
  const named = new Set(reported);
  const findings: Finding[] = [];
  let newTexts: Map<string, string | undefined> | undefined;
  for (const [index, commit] of read.commits.entries()) {
    const inMessage = messageHits(commit);
    const known = new Set([...named, ...inMessage.map((hit) => hit.secret)]);
    const subject = shownSubject(commit.subject, known);
    // The newest commit's files that the change holds as it left them are not read again: a secret found in them is still in the change,
    // where its hit is passed over below. Only the commit's message, read after its files, could tell such a hit: with a secret there, they are read.
    const asInChange = index === read.commits.length - 1 && !inMessage.some((hit) => hit.finding.severity === 'error');
    const inFiles: { hit: SecretHit; file: string }[] = [];
    // Files the reader did not even name, as the change holds them: all the commit's files are read again when they must be scanned.
    const files = !asInChange && commit.allFiles ? await commit.allFiles() : commit.files;
    for (const file of files) {
      // The reader left out the lines of the files it found as in the change (`asInChange`): read again only when they must be scanned.
      if (asInChange && (file.asInChange || addedAsInChange((newTexts ??= newTextsByPath(change)), file))) continue;
      const lines = file.asInChange ? await file.asInChange.read() : file.lines;
      for (const hit of fileHits({ ...file, lines })) inFiles.push({ hit, file: file.path });
    }
    for (const { hit, file } of [...inFiles, ...inMessage.map((hit) => ({ hit, file: undefined }))]) {
      if (hit.finding.severity !== 'error' || named.has(hit.secret)) continue;
      named.add(hit.secret);
      // Still in a file of the change: its diff judged it there, where it can be fixed by an edit.
      if (file !== undefined && stillInChange(change, hit.secret)) continue;
      findings.push(historyFinding(commit, subject, hit, file, change.base));
    }
  }
  if (read.unread.length > 0) findings.push(notFullyChecked(read.unread));
  return findings;
}

function fileHits(file: FileAdditions): SecretHit[] {
  if (file.binaryText) {
    let lines: string[] | undefined;
    const after = file.binaryText.after ?? '';
    return scanAddedLines(file.path, addedReadableLines(file.binaryText), textSource(() => (lines ??= splitLines(after)), () => after));
  }
  const added = file.lines.filter((line) => line.added).map(({ line, text }) => ({ line, text }));
  return scanAddedLines(file.path, added, patchSource(file));
}

/** The lines a patch shows (git prints four around each added line): all a rule may look at, and all there is to read. */
function patchSource(file: FileAdditions): LineSource {
  const byNumber = new Map(file.lines.map(({ line, text }) => [line, text]));
  let whole: string | undefined;
  return {
    slice(from, count) {
      const lines: string[] = [];
      for (let line = from; line < from + count; line++) {
        const text = byNumber.get(line);
        if (text !== undefined) lines.push(text);
      }
      return lines;
    },
    whole: () => (whole ??= file.lines.map((line) => line.text).join('\n')),
  };
}

/** A commit message is prose: only credentials a provider's shape gives away, never a word after `password:`. */
function messageHits(commit: CommitAdditions): SecretHit[] {
  const lines = splitLines(commit.message);
  const added = lines.map((text, index) => ({ line: index + 1, text }));
  return scanAddedLines('', added, textSource(() => lines, () => commit.message), true);
}

function stillInChange(change: Change, secret: string): boolean {
  return change.files.some((file) => (file.newText ?? file.binaryText?.after ?? '').includes(secret));
}

function historyFinding(commit: CommitAdditions, subject: string, hit: SecretHit, file: string | undefined, base: string | undefined): Finding {
  const short = commit.sha.slice(0, 7);
  const onto = base === undefined ? 'the base branch' : base;
  const message = file === undefined
    ? `Possible ${hit.what} \`${hit.shown}\` in the message of commit ${short} "${subject}" — commit messages go into the repository's history with the branch. Rotate it, then have the message rewritten before this merges: ask an engineer to reword that commit, or to squash the branch into one commit with a new message`
    : `Possible ${hit.what} \`${hit.shown}\` added in commit ${short} "${subject}" (line ${hit.finding.line}) — a later commit removed it, but it stays in the branch's history, where anyone who can read the repository finds it once it is pushed. Rotate it (removing it did not make it safe), then have the history rewritten before this merges: ask an engineer to squash the branch into one commit, or to recreate it from ${onto} with only its final files`;
  return { check: CHECK_ID, severity: 'error', blocking: true, file: file ?? null, line: null, message };
}

/** The security checks never pass what they did not read: an unread part of the history blocks, and says why. */
function notFullyChecked(reasons: string[]): Finding {
  const shown = reasons.length > 3 ? [...reasons.slice(0, 3), `${reasons.length - 3} more`] : reasons;
  return {
    check: CHECK_ID,
    severity: 'error',
    blocking: true,
    file: null,
    line: null,
    message: `The branch's history could not be fully checked for secrets: ${shown.join('; ')}. A secret in a commit left unread would be pushed with the branch all the same; ask an engineer to check those commits (git log -p) or to squash the branch into fewer commits`,
  };
}

/** A subject short enough to quote, with every secret the review knows of redacted: a finding never prints one. */
function shownSubject(subject: string, secrets: ReadonlySet<string>): string {
  let shown = subject;
  for (const secret of secrets) shown = shown.split(secret).join(redactSecret(secret));
  const chars = [...shown];
  return chars.length > SUBJECT_CHARS ? `${chars.slice(0, SUBJECT_CHARS - 1).join('')}…` : shown;
}
