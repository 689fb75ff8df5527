import type { Finding } from '../../../types';
import type { Check, CheckContext, ChangedFile } from '../../model';
import { addedTextLines, extensionOf, isCommentLine, matchAll, newTextLines } from './scan';

const CHECK_ID = 'security.dangerous-code';
const FRONT_END = new Set(['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.html', '.vue', '.svelte']);
const COMMENTS = ['//', '/*', '*', '<!--'];

/** One string literal without interpolation: the only value these sinks may take from a PM change. */
const LITERAL = String.raw`(?:"[^"\\\r\n]*"|'[^'\\\r\n]*'|\x60[^\x60\\$]*\x60)`;
/** A literal alone, up to the end of the statement. */
const LITERAL_STATEMENT = new RegExp(String.raw`^\s*${LITERAL}\s*(?:[;,)]|$)`);
/** A Svelte `{@html …}` block holding a literal. */
const LITERAL_BLOCK = new RegExp(String.raw`^${LITERAL}\s*\}`);
/** The object a React `__html` prop receives, when it is a literal. */
const LITERAL_HTML_PROP = new RegExp(String.raw`^\{\s*__html\s*:\s*${LITERAL}\s*,?\s*\}\s*\}`);

interface SinkRule {
  pattern: RegExp;
  /** What is shown in the message. */
  name: string;
  /** Why it is dangerous and what to do instead. */
  why: string;
  /** True when the code after the match passes a literal, which is safe. */
  literalAfter?(rest: string): boolean;
}

/**
 * Front-end sinks that turn text into markup or code. Each is safe with a
 * literal a reviewer can read and dangerous with anything computed, which is
 * how user input reaches them.
 */
const SINKS: readonly SinkRule[] = [
  {
    pattern: /dangerouslySetInnerHTML\s*=\s*\{/g,
    name: 'dangerouslySetInnerHTML',
    why: 'it renders a computed value as HTML (cross-site scripting); render text, or have engineering sanitise the HTML',
    literalAfter: (rest) => LITERAL_HTML_PROP.test(rest),
  },
  {
    pattern: /\.(?:inner|outer)HTML\s*\+?=(?!=)/g,
    name: 'innerHTML/outerHTML assignment',
    why: 'it parses a computed value as HTML (cross-site scripting); set textContent instead',
    literalAfter: (rest) => LITERAL_STATEMENT.test(rest),
  },
  {
    pattern: /\.insertAdjacentHTML\s*\(\s*(?:"[^"]*"|'[^']*'|[\w.]+)\s*,/g,
    name: 'insertAdjacentHTML(',
    why: 'it parses a computed value as HTML (cross-site scripting); use insertAdjacentText or DOM nodes',
    literalAfter: (rest) => LITERAL_STATEMENT.test(rest),
  },
  {
    pattern: /\bv-html\s*=\s*/g,
    name: 'v-html',
    why: 'it renders a computed value as HTML (cross-site scripting); use text interpolation',
    literalAfter: (rest) => /^(?:"'[^'"]*'"|'"[^'"]*"')/.test(rest),
  },
  {
    pattern: /\{@html\s+/g,
    name: '{@html …}',
    why: 'it renders a computed value as HTML (cross-site scripting); use text interpolation',
    literalAfter: (rest) => LITERAL_BLOCK.test(rest),
  },
  {
    pattern: /(?:(?<![\w$.])|(?<=\b(?:window|globalThis|self|global)\.))eval\s*\(/g,
    name: 'eval(',
    why: 'it runs text as code; use JSON.parse or a lookup table',
  },
  {
    pattern: /(?<![\w$.])(?:new\s+)?Function\s*\(/g,
    name: 'new Function(',
    why: 'it compiles text into code, like eval',
  },
  {
    pattern: /(?<![\w$])set(?:Timeout|Interval)\s*\(\s*["'\x60]/g,
    name: 'setTimeout/setInterval with a string',
    why: 'a string argument is run as code; pass a function',
  },
  {
    pattern: /(?<![\w$])document\.write(?:ln)?\s*\(/g,
    name: 'document.write(',
    why: 'it writes unescaped markup into the page and blocks rendering',
  },
  {
    pattern: /(?:(?:href|src|action|formaction|xlink:href)\s*=\s*[{"'\x60]?\s*|["'\x60]\s*)javascript:/gi,
    name: 'javascript: URL',
    why: 'it runs code when followed, which is how injected links run scripts; use a button with a click handler',
  },
];

/**
 * Dangerous front-end code in added lines. Whole-line comments are skipped;
 * anything subtler is left to engineering review rather than guessed at.
 */
export const dangerousCodeCheck: Check = {
  ids: [CHECK_ID],
  run(ctx: CheckContext): Finding[] {
    return ctx.change.files.filter((file) => FRONT_END.has(extensionOf(file.path))).flatMap((file) => scanFile(ctx, file));
  },
};

function scanFile(ctx: CheckContext, file: ChangedFile): Finding[] {
  const findings: Finding[] = [];
  let lines: string[] | undefined;
  for (const { line, text } of addedTextLines(ctx, file)) {
    if (isCommentLine(text, COMMENTS)) continue;
    // The value of a sink may start on the next lines (`__html:` below `dangerouslySetInnerHTML={{`).
    const continuation = (): string => (lines ??= newTextLines(file)).slice(line, line + 3).join(' ');
    for (const sink of SINKS) {
      for (const match of matchAll(sink.pattern, text)) {
        if (passesLiteral(sink, text.slice(match.start + match.text.length), continuation)) continue;
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
  return findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** True when the sink receives a literal, on this line or, when the line stops short, on the next ones. */
function passesLiteral(sink: SinkRule, rest: string, continuation: () => string): boolean {
  if (!sink.literalAfter) return false;
  if (sink.literalAfter(rest.trimStart())) return true;
  return /^\s*\{?\s*$/.test(rest) && sink.literalAfter(`${rest} ${continuation()}`.trimStart());
}
