import type { Finding } from '../../../types';
import { defineCheck, type CheckContext, type ChangedFile } from '../../model';
import { historyFindings } from './historySecrets';
import { addedTextLines, extensionOf, newTextLines, unreadReason } from './scan';
import { CHECK_ID, MAX_BLOCK_CHARS, scanAddedLines, scanBlocks, textSource, type SecretHit } from './secretScan';

/**
 * Credentials in the lines a change adds. Removed lines are never scanned:
 * taking a secret out is the fix, not the problem. But a branch's commits are
 * pushed with it, so where the review has the branch's history, each commit's
 * own added lines and its message are read too, and a secret a later commit
 * removed still blocks: it stays in history. Error findings block, always:
 * the security and privacy section of the checklist is a hard blocker.
 */
export const secretCheck = defineCheck({
  about: {
    'security.secret': {
      title: 'Secret in the change',
      description: 'The change, or a commit or commit message of its branch, contains what looks like a secret, credential or API key.',
      help: 'Remove it, rotate it if it was ever pushed, and read it from configuration instead. One that an earlier commit of the branch added stays in its history until that history is rewritten (an engineer squashes the branch).',
      item: { section: 'Security and privacy', text: 'No secrets, credentials or API keys' },
      defaultSeverity: 'error',
      words: /\bsecrets?\b|\bcredentials?\b|\bAPI keys?\b|\bpasswords?\b/i,
      alwaysOn: 'No secrets, credentials or API keys in the change',
    },
  },
  run(ctx: CheckContext): Finding[] | Promise<Finding[]> {
    const findings: Finding[] = [];
    const reported = new Set<string>();
    for (const file of ctx.change.files) {
      findings.push(...keyStoreWarning(file));
      const scanned = scanText(ctx, file);
      if (!Array.isArray(scanned)) {
        findings.push(scanned);
        continue;
      }
      for (const hit of scanned) {
        findings.push(hit.finding);
        reported.add(hit.secret);
      }
    }
    // Without history (staged edits, the editor's buffers alone) the answer stays synchronous, as it always was.
    if (!ctx.history) return findings;
    return historyFindings(ctx.history, ctx.change, reported).then((older) => [...findings, ...older]);
  },
});

function scanText(ctx: CheckContext, file: ChangedFile): SecretHit[] | Finding {
  const unread = unreadReason(file);
  if (unread !== undefined) return notScanned(file.path, unread);
  let lines: string[] | undefined;
  const whole = (): string => file.newText ?? file.binaryText?.after ?? '';
  const source = textSource(() => (lines ??= newTextLines(file)), whole);
  // A text file's added lines as the store keeps them: its blocks read from the new text, each line not made on its own.
  const runs = file.status !== 'deleted' && !file.binary && file.newText !== undefined ? ctx.addedRuns?.(file, MAX_BLOCK_CHARS) : undefined;
  return runs ? scanBlocks(file.path, runs, source) : scanAddedLines(file.path, addedTextLines(ctx, file), source);
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
