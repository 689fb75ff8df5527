import type { Finding } from '../../../types';
import { defineCheck, type CheckContext, type ChangedFile } from '../../model';
import { isTestOrFixture } from '../testFiles';
import { addedTextLines, extensionOf, isCommentLine, matchAll, newTextLines } from './scan';

const CHECK_ID = 'security.dangerous-code';
const FRONT_END = new Set(['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.html', '.vue', '.svelte']);
const COMMENTS = ['//', '/*', '*', '<!--'];
const CONTINUATION_LINES = 20;

/** One string literal without interpolation: a value a reviewer can read. */
const LITERAL = /^(?:"[^"\\\r\n]*"|'[^'\\\r\n]*'|\x60[^\x60\\$]*\x60)/;
/**
 * Calls of the well-kept HTML sanitisers (DOMPurify, sanitize-html, js-xss),
 * whose result is safe to render: what engineering is asked to use.
 */
const SANITISER_CALL = /^(?:(?:DOMPurify|dompurify|purify)(?:\.default)?\.sanitize|sanitizeHtml|filterXSS)\s*\(/;
/** What may follow a whole value: the end of the statement or argument. */
const STATEMENT_END = /^\s*(?:[;,)]|$)/;
/** The object a React `__html` prop receives, up to its value. */
const HTML_PROP_START = /^\{\s*__html\s*:\s*/;
const HTML_PROP_END = /^\s*,?\s*\}\s*\}/;

interface SinkRule {
  pattern: RegExp;
  /** What is shown in the message. */
  name: string;
  /** Why it is dangerous and what to do instead. */
  why: string;
  /** True when the code after the match passes a literal or sanitised HTML, which is safe. */
  safeAfter?(rest: string): boolean;
}

/**
 * Front-end sinks that turn text into markup or code. Each is safe with a
 * literal a reviewer can read, the HTML sinks also with the whole value passed
 * through a sanitiser, and dangerous with anything else computed, which is how
 * user input reaches them.
 */
const SINKS: readonly SinkRule[] = [
  {
    pattern: /dangerouslySetInnerHTML\s*=\s*\{/g,
    name: 'dangerouslySetInnerHTML',
    why: 'it renders a computed value as HTML (cross-site scripting); render text, or have engineering sanitise the HTML',
    safeAfter: (rest) => {
      const start = HTML_PROP_START.exec(rest);
      return start !== null && isSafeValue(rest.slice(start[0].length), HTML_PROP_END);
    },
  },
  {
    pattern: /\.(?:inner|outer)HTML\s*\+?=(?!=)/g,
    name: 'innerHTML/outerHTML assignment',
    why: 'it parses a computed value as HTML (cross-site scripting); set textContent instead',
    safeAfter: (rest) => isSafeValue(rest, STATEMENT_END),
  },
  {
    pattern: /\.insertAdjacentHTML\s*\(\s*(?:"[^"]*"|'[^']*'|[\w.]+)\s*,/g,
    name: 'insertAdjacentHTML(',
    why: 'it parses a computed value as HTML (cross-site scripting); use insertAdjacentText or DOM nodes',
    safeAfter: (rest) => isSafeValue(rest, STATEMENT_END),
  },
  {
    pattern: /\bv-html\s*=\s*/g,
    name: 'v-html',
    why: 'it renders a computed value as HTML (cross-site scripting); use text interpolation',
    safeAfter: (rest) => /^(?:"'[^'"]*'"|'"[^'"]*"')/.test(rest),
  },
  {
    pattern: /\{@html\s+/g,
    name: '{@html …}',
    why: 'it renders a computed value as HTML (cross-site scripting); use text interpolation',
    safeAfter: (rest) => isSafeValue(rest, /^\s*\}/),
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
  run(ctx: CheckContext): Finding[] {
    // A test's code never runs in the product: `javascript:` there is what a sanitiser's test feeds it.
    return ctx.change.files.filter((file) => FRONT_END.has(extensionOf(file.path)) && !isTestOrFixture(file.path)).flatMap((file) => scanFile(ctx, file));
  },
});

function scanFile(ctx: CheckContext, file: ChangedFile): Finding[] {
  const findings: Finding[] = [];
  let lines: string[] | undefined;
  for (const { line, text } of addedTextLines(ctx, file)) {
    if (isCommentLine(text, COMMENTS)) continue;
    // The value of a sink may start on the next lines (`__html:` below `dangerouslySetInnerHTML={{`),
    // and a sanitiser's call may run over many (a ternary inside `DOMPurify.sanitize(`).
    const continuation = (): string => (lines ??= newTextLines(file)).slice(line, line + CONTINUATION_LINES).join(' ');
    for (const sink of SINKS) {
      for (const match of matchAll(sink.pattern, text)) {
        if (receivesSafeValue(sink, text.slice(match.start + match.text.length), continuation)) continue;
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

/** True when the sink receives a safe value, on this line or, when the line stops short, on the next ones. */
function receivesSafeValue(sink: SinkRule, rest: string, continuation: () => string): boolean {
  if (!sink.safeAfter) return false;
  if (sink.safeAfter(rest.trimStart())) return true;
  return /^\s*\{?\s*$/.test(rest) && sink.safeAfter(`${rest} ${continuation()}`.trimStart());
}

/**
 * True when `text` starts with a whole safe value (a literal or one sanitiser
 * call) followed by `end`. A translation (`t('help.html')`) is not safe: its
 * HTML comes from locale files, which are PM-editable, so rendering it raw is
 * the very path by which copy could become markup.
 */
function isSafeValue(text: string, end: RegExp): boolean {
  const literal = LITERAL.exec(text);
  if (literal) return end.test(text.slice(literal[0].length));
  const call = SANITISER_CALL.exec(text);
  if (!call) return false;
  const close = closingParenthesis(text, call[0].length);
  return close !== undefined && end.test(text.slice(close + 1));
}

/**
 * The offset of the parenthesis that closes the one opened just before
 * `from`, skipping string literals; undefined when the text ends first.
 */
function closingParenthesis(text: string, from: number): number | undefined {
  let depth = 1;
  let quote: string | undefined;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'" || char === '\x60') quote = char;
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return i;
  }
  return undefined;
}
