// Tracking calls wherever they are written: the payload of `track(…)`,
// `posthog.capture(…)`, `analytics.identify(…)`, `gtag(…)`,
// `mixpanel.people.set(…)` or a project's own wrapper of them
// (`capturePostHogEvent(…)`) leaves the product for an analytics vendor,
// whichever folder the call sits in.

import { nameWords } from './analyticsPii';

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
/** Any method of a vendor's SDK object, or of a project's tracker (`analytics.track`, `posthog.people.set`, `window.dataLayer.push`, AFFiNE's `track.$.doc.$.createDoc`). */
const VENDOR_METHOD = /(?<![\w$])(?:analytics|posthog|track|tracker|tracking|telemetry|mixpanel|amplitude|rudderanalytics|umami|plausible|dataLayer|_hsq|fbq|ttq)(?:\s*\??\.\s*[\w$]+)+\s*\(/g;
/**
 * Vendors whose SDK object shares its name with everyday code (a path's
 * `segment.replace(`, a priority queue's `heap.push(`): only a method of the
 * SDK itself counts, Segment's analytics.js and Heap's.
 */
const AMBIGUOUS_VENDOR_METHOD = /(?<![\w$])(?:segment|heap)\s*\??\.\s*(?:track|identify|page|screen|group|alias|trackLink|trackForm|addUserProperties|addEventProperties|setEventProperties)\s*\(/g;
/** A payload longer than this is read up to here: a call never hides a whole file. */
const MAX_CALL_LENGTH = 4000;

/** Any call by a plain or member name, to be judged by the words of the name (`capturePostHogEvent(`). */
const NAMED_CALL = /(?<![\w$])([A-Za-z_$][\w$]*)\s*\(/g;
/** What a wrapper of a vendor's call does, as its name says it first (`capture…`, `track…`, `identify…`, `log…Event`). */
const TRACKING_VERBS = new Set(['track', 'capture', 'identify', 'log', 'send', 'record', 'emit', 'fire']);
/** …and what it does it to: an event, or a vendor. */
const TRACKING_TOPIC = /event|analytic|telemetry|tracking|posthog|mixpanel|amplitude|segment|rudder|heap|gtag|plausible|umami/;

/**
 * A project's own wrapper of a vendor's call, by its name: a tracking verb
 * then an event or a vendor (`capturePostHogEvent`, `trackSignupEvent`,
 * `groupIdentifyPostHog`, `sendAnalyticsEvent`); `captureException` and
 * `logError` are not.
 */
export function isTrackingWrapper(name: string): boolean {
  const words = nameWords(name);
  const verb = words.findIndex((word) => TRACKING_VERBS.has(word));
  return verb >= 0 && TRACKING_TOPIC.test(words.slice(verb + 1).join(''));
}

export function trackingCalls(text: string): TrackingCall[] {
  const calls: TrackingCall[] = [];
  const add = (index: number, written: string): void => {
    const start = index + written.length - 1;
    if (calls.some((call) => call.start === start) || isDefinition(text, index)) return;
    calls.push({ callee: written.slice(0, -1).replace(/\s+/g, ''), start, end: closingParenthesis(text, start) });
  };
  for (const pattern of [VENDOR_METHOD, AMBIGUOUS_VENDOR_METHOD, TRACKING_FUNCTION]) for (const match of text.matchAll(pattern)) add(match.index, match[0]);
  for (const match of text.matchAll(NAMED_CALL)) if (isTrackingWrapper(match[1])) add(match.index, match[0]);
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
