import type { Finding } from '../../../types';
import { defineCheck, type CheckContext, type ChangedFile } from '../../model';
import { isTestOrFixture } from '../testFiles';
import { isMinifiedLine, notHandWritten } from './generatedFiles';
import { extensionOf, isCommentLine, matchAll, newTextLines, rewrittenLines } from './scan';
import { SINKS, type SinkRule } from './sinks';

const CHECK_ID = 'security.dangerous-code';
const FRONT_END = new Set(['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.html', '.vue', '.svelte']);
const COMMENTS = ['//', '/*', '*', '<!--'];
const CONTINUATION_LINES = 20;

/**
 * Dangerous front-end code in added lines, not counting a removed line only
 * re-indented or moved. Whole-line comments are skipped;
 * anything subtler is left to engineering review rather than guessed at.
 */
export const dangerousCodeCheck = defineCheck({
  about: {
    'security.dangerous-code': {
      title: 'Dangerous front-end code',
      description: 'The change uses a construct that can inject code, such as innerHTML or eval.',
      help: 'Use the design-system components, which escape content, or ask engineering.',
      item: { section: 'Security and privacy', text: 'No dangerous front-end code (innerHTML, eval)' },
      defaultSeverity: 'error',
      words: /\binnerHTML\b|\bXSS\b|\beval\b|\bdangerouslySetInnerHTML\b/i,
      alwaysOn: 'No dangerous front-end code (innerHTML, eval)',
    },
  },
  async run(ctx: CheckContext): Promise<Finding[]> {
    // A test's code never runs in the product: `javascript:` there is what a sanitiser's test feeds it.
    const files = ctx.change.files.filter((file) => FRONT_END.has(extensionOf(file.path)) && !isTestOrFixture(file.path) && file.status !== 'deleted');
    const findings: Finding[] = [];
    // Told apart all at once: the attributes files of many folders are read in few turns.
    const told = await Promise.all(files.map((file) => notHandWritten(file, ctx.files)));
    for (const [index, file] of files.entries()) {
      const generated = told[index];
      if (generated && generated.longerThan === undefined) {
        findings.push(notScanned(file, generated.why, 'was not scanned'));
        continue;
      }
      const scanned = scanFile(ctx, file, generated?.longerThan);
      findings.push(...scanned.findings);
      if (generated && scanned.skipped > 0) findings.push(notScanned(file, generated.why, `had ${scanned.skipped} minified line${scanned.skipped > 1 ? 's' : ''} not scanned (its other lines were)`));
    }
    return findings;
  },
});

/** One note per file the check did not read: worth an engineer's look when a PM adds it, never a blocker per sink inside. */
function notScanned(file: ChangedFile, why: string, what: string): Finding {
  return {
    check: CHECK_ID,
    severity: file.status === 'added' ? 'warning' : 'info',
    blocking: false,
    file: file.path,
    line: null,
    message: `This file is ${why}, so it ${what} for dangerous code: code nobody wrote by hand (a third-party bundle, a generated file) is the library's own.${file.status === 'added' ? ' A PM adding one is worth an engineer\'s look: where it comes from, and whether the product should load it.' : ''}`,
  };
}

function scanFile(ctx: CheckContext, file: ChangedFile, longerThan: number | undefined): { findings: Finding[]; skipped: number } {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  let lines: string[] | undefined;
  // A sink the change only moved or re-indented was there before: not added by this change.
  for (const { line, text } of rewrittenLines(ctx, file)) {
    if (longerThan !== undefined && isMinifiedLine(text)) {
      skipped++;
      continue;
    }
    if (isCommentLine(text, COMMENTS)) continue;
    // The value of a sink may start on the next lines (`__html:` below `dangerouslySetInnerHTML={{`),
    // and a sanitiser's call may run over many (a ternary inside `DOMPurify.sanitize(`).
    const continuation = (): string => (lines ??= newTextLines(file)).slice(line, line + CONTINUATION_LINES).join(' ');
    for (const sink of SINKS) {
      for (const match of matchAll(sink.pattern, text)) {
        if (sink.accepts?.(match.text) === false || receivesSafeValue(sink, text.slice(match.start + match.text.length), continuation)) continue;
        // Each place once, whichever rules match it.
        const place = `${line}:${match.start}`;
        if (seen.has(place)) continue;
        seen.add(place);
        findings.push({
          check: CHECK_ID,
          severity: 'error',
          blocking: true,
          file: file.path,
          line,
          column: match.start + 1,
          message: `\`${sink.name}\` added — ${sink.why}`,
        });
      }
    }
  }
  return { findings: findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)), skipped };
}

/** True when the sink receives a safe value, on this line or, when the line stops short, on the next ones. */
function receivesSafeValue(sink: SinkRule, rest: string, continuation: () => string): boolean {
  if (!sink.safeAfter) return false;
  if (sink.safeAfter(rest.trimStart())) return true;
  return /^\s*\{?\s*$/.test(rest) && sink.safeAfter(`${rest} ${continuation()}`.trimStart());
}
