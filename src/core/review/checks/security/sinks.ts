// Front-end sinks that turn text into markup or code, each in every form
// that reaches it: `el.innerHTML =`, `el['inner' + 'HTML'] =`,
// `Object.assign(el, { innerHTML })`; `eval(`, `window.eval(`, `(0, eval)(`.
// A lookbehind that spans whitespace is put behind a lookahead on the word
// it guards: tried at every offset of a long blank run, it would cost the
// square of the run's length.
import { STATEMENT_END, isSafeValue } from './sinkValues';

export interface SinkRule {
  pattern: RegExp;
  /** What is shown in the message. */
  name: string;
  /** Why it is dangerous and what to do instead. */
  why: string;
  /** False when the matched text is not the sink after all (a key spelled otherwise). */
  accepts?(match: string): boolean;
  /** True when the code after the match passes a literal or sanitised HTML, which is safe. */
  safeAfter?(rest: string): boolean;
}

/** The object a React `__html` prop receives, up to its value. */
const HTML_PROP_START = /^\{\s*__html\s*:\s*/;
const HTML_PROP_END = /^\s*,?\s*\}\s*\}/;
/** A Vue attribute bound to one quoted literal: `v-html="'<b>Hi</b>'"`. */
const VUE_LITERAL = /^(?:"'[^'"]*'"|'"[^'"]*"')/;
/** What may follow a property's value in an object literal. */
const OBJECT_VALUE_END = /^\s*(?:[,}]|$)/;
/** After `innerHTML:`, a type rather than a value: `innerHTML: string;` in an interface. */
const TYPE = String.raw`(?:string|any|unknown)\b(?:\s*\|\s*(?:string|null|undefined))*\s*(?:[;,}]|$)`;
/** The name it is read into: `const { innerHTML: markup } = el`, a parameter `({ innerHTML: h }) =>`. */
const READ_INTO = String.raw`[\w$]+\s*(?:,[^(){}]*)?\}\s*(?:=(?![=>])|:|\)\s*(?:=>|\{))`;
/** A function, which makes the object a description rather than an element's properties (excalidraw's embeds: `srcdoc: (theme) => createSrcDoc(…)`). */
const FUNCTION = String.raw`(?:async\s+)?(?:function\b|\([^()]*\)\s*(?::[^=]*)?=>|[\w$]+\s*=>)`;
/** What follows a key that takes HTML without writing a value to it. */
const NOT_WRITTEN = new RegExp(`^(?:${TYPE}|${READ_INTO}|${FUNCTION})`);
/** A key spelled from string literals: `['innerHTML']`, `["inner" + 'HTML']`. */
const LITERAL_PIECE = /(["'\x60])([\w$]*)\1/g;

const HTML = {
  name: 'innerHTML/outerHTML assignment',
  why: 'it parses a computed value as HTML (cross-site scripting); set textContent instead',
};
const SRCDOC = {
  name: 'srcdoc',
  why: 'it renders a computed value as a page inside a frame (cross-site scripting); give the frame a URL in src, or have engineering sanitise the HTML',
};
const HTML_PARSING = 'it parses a computed value as HTML whose scripts run once inserted (cross-site scripting); build DOM nodes, or have engineering sanitise the HTML';

/** A property that takes HTML, written by name or by a key spelled from literals, or set from an object literal. */
function htmlProperty(keys: readonly string[], about: { name: string; why: string }): SinkRule[] {
  const names = keys.join('|');
  return [
    {
      ...about,
      pattern: new RegExp(String.raw`(?:\.(?:${names})|\[\s*(?:(["'\x60])[\w$]*\1\s*(?:\+\s*)?)+\])\s*\+?=(?!=)`, 'g'),
      accepts: (match) => keys.includes(match.startsWith('.') ? match.slice(1).replace(/[^\w$].*$/s, '') : [...match.matchAll(LITERAL_PIECE)].map((piece) => piece[2]).join('')),
      safeAfter: (rest) => isSafeValue(rest, STATEMENT_END),
    },
    {
      // Handed to Object.assign, Vue 2's domProps or a hyperscript h(): set on the element all the same.
      ...about,
      pattern: new RegExp(String.raw`(?=["']?(?:${names}))(?<=(?:^|[{,])\s*)(["']?)(?:${names})\1\s*:(?!:)\s*`, 'g'),
      safeAfter: (rest) => NOT_WRITTEN.test(rest) || isSafeValue(rest, OBJECT_VALUE_END),
    },
  ];
}

/** A call that parses its argument as HTML. */
function htmlParsingCall(name: string): SinkRule {
  return { pattern: new RegExp(String.raw`(?<![\w$])${name}\s*\(`, 'g'), name: `${name}(`, why: HTML_PARSING, safeAfter: (rest) => isSafeValue(rest, STATEMENT_END) };
}

/**
 * Each is safe with a literal a reviewer can read, the HTML sinks also with
 * the whole value passed through a sanitiser, and dangerous with anything
 * else computed, which is how user input reaches them.
 */
export const SINKS: readonly SinkRule[] = [
  {
    pattern: /dangerouslySetInnerHTML\s*=\s*\{/g,
    name: 'dangerouslySetInnerHTML',
    why: 'it renders a computed value as HTML (cross-site scripting); render text, or have engineering sanitise the HTML',
    safeAfter: (rest) => {
      const start = HTML_PROP_START.exec(rest);
      return start !== null && isSafeValue(rest.slice(start[0].length), HTML_PROP_END);
    },
  },
  ...htmlProperty(['innerHTML', 'outerHTML'], HTML),
  {
    pattern: /\.insertAdjacentHTML\s*\(\s*(?:"[^"]*"|'[^']*'|[\w.]+)\s*,/g,
    name: 'insertAdjacentHTML(',
    why: 'it parses a computed value as HTML (cross-site scripting); use insertAdjacentText or DOM nodes',
    safeAfter: (rest) => isSafeValue(rest, STATEMENT_END),
  },
  htmlParsingCall('createContextualFragment'),
  htmlParsingCall('setHTMLUnsafe'),
  htmlParsingCall('parseHTMLUnsafe'),
  ...htmlProperty(['srcdoc'], SRCDOC),
  {
    // React's srcDoc={…} and HTML's srcdoc="…"; not a variable of that name.
    ...SRCDOC,
    pattern: /(?=srcdoc)(?<![\w$.:-])(?<!\b(?:const|let|var)\s+)srcdoc\s*=(?![=>])\s*/gi,
    safeAfter: (rest) => (rest.startsWith('{') ? isSafeValue(rest.slice(1).trimStart(), /^\s*\}/) : isSafeValue(rest, /^(?:[\s/>]|$)/)),
  },
  { ...SRCDOC, pattern: /(?<![\w-])(?:v-bind)?:srcdoc\s*=\s*/gi, safeAfter: (rest) => VUE_LITERAL.test(rest) },
  { ...SRCDOC, pattern: /\.setAttribute\s*\(\s*(["'\x60])srcdoc\1\s*,\s*/gi, safeAfter: (rest) => isSafeValue(rest, STATEMENT_END) },
  {
    pattern: /\bv-html\s*=\s*/g,
    name: 'v-html',
    why: 'it renders a computed value as HTML (cross-site scripting); use text interpolation',
    safeAfter: (rest) => VUE_LITERAL.test(rest),
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
    // `(0, eval)(code)`, `const run = eval`, `window['eval']`: eval taken as a value, to be called elsewhere.
    pattern: /(?=(?:(?:window|globalThis|self|global)\.)?eval\b)(?<=(?:^|[(,=[:?&|]|\breturn)\s*)(?:(?:window|globalThis|self|global)\.)?eval(?=\s*(?:[),;\]}]|$))|\b(?:window|globalThis|self|global)\s*\[\s*(["'\x60])eval\1\s*\]/g,
    name: 'indirect eval',
    why: 'it runs text as code, as eval( does; use JSON.parse or a lookup table',
  },
  {
    pattern: /(?:(?<![\w$.])|(?<=\b(?:window|globalThis|self|global)\.))(?:new\s+)?Function\s*\(/g,
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
