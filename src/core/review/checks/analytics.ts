// Analytics checks: additions-only files keep every event they define, and
// new event properties never capture personal or protected data, wherever
// the tracking call is.
import type { Finding } from '../../types';
import { defineCheck, type LineDiff } from '../model';
import { baseName, finding, LineIndex, matchesAny, newLineForOldLine, readableText, stripBom } from './contentSupport';
import { removedEventNames } from './analyticsEvents';
import { isTestOrFixture } from './testFiles';
import { trackingCalls } from './trackingCalls';
import { PERSONAL_DATA_ITEM, PERSONAL_DATA_WORDS, personalDataKind, propertyNames } from './analyticsPii';

export { personalDataKind, propertyNames, nameWords } from './analyticsPii';

export const ANALYTICS_GLOBS: readonly string[] = ['**/analytics/**'];

export function isAnalyticsFile(path: string): boolean {
  return /^events\.[cm]?[jt]sx?$/.test(baseName(path)) || matchesAny(path, ANALYTICS_GLOBS);
}

/**
 * analytics.removal: an event a file opened for additions only defined is
 * gone or renamed (an event-name string, an object key or `name:` field, an
 * enum member). Comments, imports and formatting are not events. Files that
 * are not code or JSON are compared line by line.
 */
export const analyticsRemovalCheck = defineCheck({
  about: {
    'analytics.removal': {
      title: 'Analytics event removed or renamed',
      description: 'A file open to additions only lost or renamed an event it defined.',
      help: 'Restore the existing events and add new ones instead; dashboards depend on the old names.',
      item: { section: 'Analytics', text: 'Events are only added, never changed or removed' },
      defaultSeverity: 'error',
      words: /\badditions[- ]only\b|\bremov(?:e|ing) events?\b/i,
    },
  },
  appliesTo(change, policy) {
    const additionsOnly = policy.mayEdit.filter((rule) => rule.qualifiers.includes('additions-only')).map((rule) => rule.glob);
    return change.files.some((file) => matchesAny(file.path, additionsOnly));
  },
  run(ctx) {
    const additionsOnly = ctx.policy.mayEdit.filter((rule) => rule.qualifiers.includes('additions-only'));
    if (additionsOnly.length === 0) return [];
    const findings: Finding[] = [];
    for (const file of ctx.change.files) {
      const rule = additionsOnly.find((candidate) => matchesAny(file.path, [candidate.glob]));
      if (!rule) continue;
      const ruleText = `${rule.glob} (additions only)`;
      if (file.binary) {
        // Unreadable now, so nothing says its events are still there: not cleared.
        if (file.status !== 'added' && !file.submodule) findings.push(finding('analytics.removal', 'error', file.path, null, `Git reads this file as binary now, so its events cannot be read: it takes additions only (\`${rule.glob}\`), and existing events must stay. Save it as text.`, { rule: ruleText }));
        continue;
      }
      if (file.status === 'deleted') {
        findings.push(finding('analytics.removal', 'error', file.path, null, `This file is deleted, but it takes additions only (\`${rule.glob}\`): existing events must stay.`, { rule: ruleText }));
        continue;
      }
      if (file.oldText === undefined || file.newText === undefined) continue;
      const removals = EVENT_CODE.test(file.path) ? removedNames(ctx.diff(file), file.oldText, file.newText) : removedLines(ctx.diff(file));
      for (const removal of removals) {
        findings.push(
          finding(
            'analytics.removal',
            'error',
            file.path,
            removal.line,
            `${removal.what}: this file takes additions only (\`${rule.glob}\`), so existing events stay as they are; add a new event instead.`,
            { rule: ruleText },
          ),
        );
      }
    }
    return findings;
  },
});

/** Files whose events are read as code (names), not as lines. */
const EVENT_CODE = /\.(?:[cm]?[jt]sx?|json)$/;

interface Removal {
  line: number;
  what: string;
}

/** One finding per old line that lost names: removing a union member loses its name and its fields at once. */
function removedNames(diff: LineDiff, before: string, after: string): Removal[] {
  const byLine = new Map<number, string[]>();
  const removedLines = new Set(diff.removed.map((removed) => removed.oldLine));
  for (const name of removedEventNames(stripBom(before), stripBom(after), removedLines)) byLine.set(name.line, [...(byLine.get(name.line) ?? []), `\`${name.text}\``]);
  const added = new Map(diff.added.map((line) => [line.line, line.text]));
  const removals: Removal[] = [];
  for (const [oldLine, names] of byLine) {
    const line = newLineForOldLine(diff, oldLine) ?? diff.removed[0]?.nearestNewLine ?? 1;
    const replacement = added.get(line)?.trim();
    const were = names.length === 1 ? 'was' : 'were';
    const verb = replacement ? `${were} renamed or changed (line ${line} now reads \`${shorten(replacement)}\`)` : `${were} removed`;
    removals.push({ line, what: `${listNames(names)} (line ${oldLine}) ${verb}` });
  }
  return removals;
}

/** `a`, `a and b`, `a, b and c`; past five, `a, b, c, d, e and 3 more`. */
function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  if (names.length > 5) return `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Line by line, for files that are not code: a removed line whose text is not added back elsewhere. */
function removedLines(diff: LineDiff): Removal[] {
  const removals: Removal[] = [];
  const addedLines = new Set(diff.added.map((added) => added.line));
  const survivors = diff.added.map((added) => normalized(added.text));
  for (const removed of diff.removed) {
    // A blank line carries no event, and a line whose text is added back (moved, re-indented) still holds its event.
    const survivor = survivors.indexOf(normalized(removed.text));
    if (removed.text.trim() === '' || survivor >= 0) {
      if (survivor >= 0) survivors.splice(survivor, 1);
      continue;
    }
    const verb = addedLines.has(removed.nearestNewLine) ? 'changed' : 'removed';
    removals.push({ line: removed.nearestNewLine, what: `Line ${removed.oldLine} ${verb} (\`${shorten(removed.text.trim())}\`)` });
  }
  return removals;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function normalized(line: string): string {
  return stripBom(line).trim().replace(/\s+/g, ' ');
}

/**
 * analytics.pii: an added event property that captures personal or protected
 * data, in event definitions (files under `analytics/`, `events.ts`) and in
 * the payload of any tracking call, wherever it is written. A privacy check:
 * always blocking.
 */
export const analyticsPiiCheck = defineCheck({
  about: {
    'analytics.pii': {
      title: 'Event captures personal data',
      description: 'A new analytics event property, or a tracking call anywhere, captures personal or protected data.',
      help: 'Remove the property or send a non-identifying fact instead (for example whether an e-mail was verified).',
      item: { section: 'Security and privacy', text: PERSONAL_DATA_ITEM },
      defaultSeverity: 'error',
      words: PERSONAL_DATA_WORDS,
      alwaysOn: 'No analytics event captures personal or protected data',
    },
  },
  // Tracking calls can be written in any code file.
  appliesTo: (change) => change.files.some((file) => isAnalyticsFile(file.path) || TRACKING_CODE.test(file.path)),
  run(ctx) {
    const findings: Finding[] = [];
    for (const file of ctx.change.files) {
      // A test's call goes to a mock: nothing it holds leaves for a vendor.
      if (file.status === 'deleted' || readableText(file.newText, file) === undefined || isTestOrFixture(file.path)) continue;
      if (isAnalyticsFile(file.path)) {
        for (const added of ctx.diff(file).added) findings.push(...personalDataIn(file.path, added.line, added.line === 1 ? stripBom(added.text) : added.text, 0));
      } else if (TRACKING_CODE.test(file.path)) {
        findings.push(...trackedPersonalData(ctx.diff(file), file.path, stripBom(file.newText as string), readableText(file.oldText, file)));
      }
    }
    return findings;
  },
});

/** Code where tracking calls are written. */
export const TRACKING_CODE = /\.(?:[cm]?[jt]sx?|vue|svelte|astro)$/;

/**
 * Personal data in the added lines of tracking calls' payloads. A property
 * a call of the same name already sent before the change is not new
 * exposure: a call rewrapped over several lines sends what it sent.
 */
function trackedPersonalData(diff: LineDiff, path: string, text: string, oldText: string | undefined): Finding[] {
  if (diff.added.length === 0) return [];
  const calls = trackingCalls(text);
  if (calls.length === 0) return [];
  const sentBefore = oldText === undefined ? new Set<string>() : sentProperties(stripBom(oldText));
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  for (const added of diff.added) {
    const lineStart = lines.lineStart(added.line) ?? 0;
    const lineEnd = lineStart + added.text.length;
    for (const call of calls) {
      const from = Math.max(call.start, lineStart);
      const to = Math.min(call.end, lineEnd);
      if (from >= to) continue;
      const sentAlready = (name: string) => sentBefore.has(`${call.callee}\n${name}`);
      findings.push(...personalDataIn(path, added.line, text.slice(from, to), from - lineStart, call.callee, sentAlready));
    }
  }
  return findings;
}

/** `callee\nproperty` for every property a tracking call of the text sends. */
function sentProperties(text: string): Set<string> {
  const sent = new Set<string>();
  for (const call of trackingCalls(text)) for (const property of propertyNames(text.slice(call.start, call.end).replace(/\s+/g, ' '))) sent.add(`${call.callee}\n${property.name}`);
  return sent;
}


/**
 * The one place event properties are judged: the property names a piece of
 * one line gives, kept when they name personal data. `offset`: where the
 * piece starts in its line, so columns are the line's.
 */
function personalDataIn(path: string, line: number, piece: string, offset: number, callee?: string, sentAlready?: (name: string) => boolean): Finding[] {
  const findings: Finding[] = [];
  const flaggedKeys = new Set<string>();
  for (const property of propertyNames(piece)) {
    if (sentAlready?.(property.name)) continue;
    const kind = personalDataKind(property.name, { booleanValue: property.booleanValue });
    // One finding per property: `email: user.email` is one capture, not two.
    if (kind === undefined || (property.givenTo !== undefined && flaggedKeys.has(property.givenTo))) continue;
    if (property.givenTo === undefined) flaggedKeys.add(property.name);
    findings.push(
      finding(
        'analytics.pii',
        'error',
        path,
        line,
        `${callee ? 'Property' : 'Event property'} \`${property.name}\` ${callee ? `sent with \`${callee}(…)\` ` : ''}looks like personal data (${kind}): analytics events must not capture personal or protected data.`,
        { column: offset + property.column, blocking: true },
      ),
    );
  }
  return findings;
}
