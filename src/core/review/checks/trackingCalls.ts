// Tracking calls wherever they are written: the payload of `track(…)`,
// `posthog.capture(…)`, `analytics.identify(…)`, `gtag(…)` or
// `mixpanel.people.set(…)` leaves the product for an analytics vendor,
// whichever folder the call sits in.

/** A tracking call's argument list: from its opening parenthesis to the matching one. */
export interface TrackingCall {
  /** The callee as written: `posthog.capture`, `track`. */
  callee: string;
  /** 0-based offsets in the text: the `(` and just after the `)` (or where reading stopped). */
  start: number;
  end: number;
}

/** Functions that send a payload to an analytics vendor, by the names the vendors' SDKs and common wrappers use. */
const TRACKING_FUNCTION = /(?<![\w$])(?:track|trackEvent|identify|capture|logEvent|gtag|sendAnalytics)\s*\(/g;
/** Any method of a vendor's SDK object (`analytics.track`, `posthog.people.set`, `window.dataLayer.push`). */
const VENDOR_METHOD = /(?<![\w$])(?:analytics|posthog|mixpanel|amplitude|rudderanalytics|segment|heap|umami|plausible|dataLayer|_hsq|fbq|ttq)(?:\s*\??\.\s*[\w$]+)+\s*\(/g;
/** A payload longer than this is read up to here: a call never hides a whole file. */
const MAX_CALL_LENGTH = 4000;

export function trackingCalls(text: string): TrackingCall[] {
  const calls: TrackingCall[] = [];
  for (const pattern of [VENDOR_METHOD, TRACKING_FUNCTION]) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index + match[0].length - 1;
      if (calls.some((call) => call.start === start) || isDefinition(text, match.index)) continue;
      calls.push({ callee: match[0].slice(0, -1).replace(/\s+/g, ''), start, end: closingParenthesis(text, start) });
    }
  }
  return calls.sort((a, b) => a.start - b.start);
}

/** `function track(` and `track(event: Event): void {` declare the function; they send nothing. */
function isDefinition(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 12), at);
  return /\bfunction\s*$/.test(before) || /(?:^|\n)\s*(?:async\s+)?$/.test(before) && /^[\w$]+\s*\([^)]*\)\s*(?::[^{;=]+)?\{/.test(text.slice(at, at + 200));
}

/** Just after the `)` that closes the `(` at `open`, skipping strings and comments; bounded by MAX_CALL_LENGTH. */
function closingParenthesis(text: string, open: number): number {
  const limit = Math.min(text.length, open + MAX_CALL_LENGTH);
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const char = text[i];
    if (char === '"' || char === "'" || char === '`') {
      for (i++; i < limit && text[i] !== char; i++) if (text[i] === '\\') i++;
    } else if (char === '/' && text[i + 1] === '/') {
      while (i < limit && text[i] !== '\n') i++;
    } else if (char === '(') {
      depth++;
    } else if (char === ')' && --depth === 0) {
      return i + 1;
    }
  }
  return limit;
}
