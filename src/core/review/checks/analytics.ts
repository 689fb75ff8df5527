// Analytics checks: additions-only files keep every existing line, and new
// event properties never capture personal or protected data.
import type { Finding } from '../../types';
import type { Check } from '../model';
import { baseName, finding, matchesAny, readableText, stripBom } from './contentSupport';
import { personalDataKind, propertyNames } from './analyticsPii';

export { personalDataKind, propertyNames, nameWords } from './analyticsPii';

export const ANALYTICS_GLOBS: readonly string[] = ['**/analytics/**'];

export function isAnalyticsFile(path: string): boolean {
  return /^events\.[cm]?[jt]sx?$/.test(baseName(path)) || matchesAny(path, ANALYTICS_GLOBS);
}

/** analytics.removal: a line removed or changed in a file the policy opens for additions only. */
export const analyticsRemovalCheck: Check = {
  ids: ['analytics.removal'],
  run(ctx) {
    const additionsOnly = ctx.policy.mayEdit.filter((rule) => rule.qualifiers.includes('additions-only'));
    if (additionsOnly.length === 0) return [];
    const findings: Finding[] = [];
    for (const file of ctx.change.files) {
      const rule = additionsOnly.find((candidate) => matchesAny(file.path, [candidate.glob]));
      if (!rule || file.binary) continue;
      const ruleText = `${rule.glob} (additions only)`;
      if (file.status === 'deleted') {
        findings.push(finding('analytics.removal', 'error', file.path, null, `This file is deleted, but it takes additions only (\`${rule.glob}\`): existing events must stay.`, { rule: ruleText }));
        continue;
      }
      if (file.oldText === undefined || file.newText === undefined) continue;
      const diff = ctx.diff(file);
      const addedLines = new Set(diff.added.map((added) => added.line));
      const survivors = diff.added.map((added) => normalized(added.text));
      for (const removed of diff.removed) {
        // A blank line carries no event, and a line whose text is added back
        // (moved, re-indented, byte-order mark added) still holds its event.
        const survivor = survivors.indexOf(normalized(removed.text));
        if (removed.text.trim() === '' || survivor >= 0) {
          if (survivor >= 0) survivors.splice(survivor, 1);
          continue;
        }
        const verb = addedLines.has(removed.nearestNewLine) ? 'changed' : 'removed';
        const shown = removed.text.trim().length > 60 ? `${removed.text.trim().slice(0, 60)}…` : removed.text.trim();
        findings.push(
          finding(
            'analytics.removal',
            'error',
            file.path,
            removed.nearestNewLine,
            `Line ${removed.oldLine} ${verb} (\`${shown}\`): this file takes additions only (\`${rule.glob}\`), so existing events stay as they are; add a new event instead.`,
            { rule: ruleText },
          ),
        );
      }
    }
    return findings;
  },
};

function normalized(line: string): string {
  return stripBom(line).trim().replace(/\s+/g, ' ');
}

/** analytics.pii: an added event property that captures personal or protected data. A privacy check: always blocking. */
export const analyticsPiiCheck: Check = {
  ids: ['analytics.pii'],
  run(ctx) {
    const findings: Finding[] = [];
    for (const file of ctx.change.files) {
      if (file.status === 'deleted' || !isAnalyticsFile(file.path) || readableText(file.newText, file) === undefined) continue;
      for (const added of ctx.diff(file).added) {
        const flaggedKeys = new Set<string>();
        for (const property of propertyNames(added.line === 1 ? stripBom(added.text) : added.text)) {
          const kind = personalDataKind(property.name, { booleanValue: property.booleanValue });
          // One finding per property: `email: user.email` is one capture, not two.
          if (kind === undefined || (property.givenTo !== undefined && flaggedKeys.has(property.givenTo))) continue;
          if (property.givenTo === undefined) flaggedKeys.add(property.name);
          findings.push(
            finding(
              'analytics.pii',
              'error',
              file.path,
              added.line,
              `Event property \`${property.name}\` looks like personal data (${kind}): analytics events must not capture personal or protected data.`,
              { column: property.column, blocking: true },
            ),
          );
        }
      }
    }
    return findings;
  },
};
