import type { Finding } from '../../types';
import type { Check, CheckContext } from '../model';
import { DEFAULT_POLICY_FILES, resolveZone, type ZoneAnswer } from '../../policy';
import { zoneSummary } from '../../repository/describe';

/** The zone of every path the change touches: a rename touches its old path too. */
function touchedZones(ctx: CheckContext): ZoneAnswer[] {
  const context = { policy: ctx.policy, owners: ctx.owners, author: ctx.author, policyFiles: ctx.policyFiles ?? DEFAULT_POLICY_FILES };
  const paths = new Set<string>();
  for (const file of ctx.change.files) {
    paths.add(file.path);
    if (file.oldPath) paths.add(file.oldPath);
  }
  return [...paths].map((path) => resolveZone(path, context));
}

export const zoneLockedCheck: Check = {
  ids: ['zone.locked'],
  run(ctx) {
    return touchedZones(ctx)
      .filter((answer) => answer.zone === 'locked')
      .map((answer): Finding => ({
        check: 'zone.locked',
        severity: 'error',
        blocking: true,
        file: answer.path,
        line: null,
        message: `${answer.path} is locked to PMs: ${zoneSummary(answer)}. Undo this change or ask an engineer to make it.`,
        rule: answer.reasons[0]?.rule,
      }));
  },
};

export const zoneOutsideCheck: Check = {
  ids: ['zone.outside'],
  run(ctx) {
    const regulated = ctx.policy.mode === 'regulated';
    return touchedZones(ctx)
      .filter((answer) => answer.zone === 'outside')
      .map((answer): Finding => ({
        check: 'zone.outside',
        severity: regulated ? 'error' : 'warning',
        blocking: regulated,
        file: answer.path,
        line: null,
        message: `${answer.path} is outside your PM zone: ${answer.reasons.map((r) => r.message).join('; ')}. Pair with an engineer (the pull request can open as a draft labelled for pairing).`,
        rule: answer.reasons[0]?.rule,
      }));
  },
};

export const zoneOwnersCheck: Check = {
  ids: ['zone.owners'],
  run(ctx) {
    return touchedZones(ctx)
      .filter((answer) => answer.owners.length > 0)
      .map((answer): Finding => ({
        check: 'zone.owners',
        severity: 'info',
        blocking: false,
        file: answer.path,
        line: null,
        message: `Code owners who must review: ${answer.owners.join(' ')} (${answer.ownersFile}:${answer.ownersLine})`,
      }));
  },
};

export const zoneChecks: Check[] = [zoneLockedCheck, zoneOutsideCheck, zoneOwnersCheck];
