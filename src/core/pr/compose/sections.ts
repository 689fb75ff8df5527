// The plain sections of the pull request body: the summary, the planning
// doc, the files by zone, the code owners and the sign-offs. Each returns its
// lines without a heading; body.ts puts them in order and under the limit.

import { isNoFlag } from '../../planning/noFlag';
import type { RemoteRepository } from '../../git/remote';
import { isTier, TIER_LABELS, type PlanningSummary } from '../../planning';
import type { RepositoryPolicy } from '../../repository';
import type { ChangedFile } from '../../review';
import type { Zone } from '../../types';
import { blobUrl, cell, code, count, inline } from './markdown';
import type { SignOffs } from './people';
import type { PlanningText } from './types';

/** One paragraph: the planning doc's Problem and Intent. */
export function summaryLines(summary: PlanningSummary | undefined, planning: PlanningText | undefined): string[] {
  const problem = summary?.problem && flatten(summary.problem);
  const intent = summary?.intent && flatten(summary.intent);
  if (problem || intent) {
    return [[problem && `**Problem:** ${problem}`, intent && `**Intent:** ${intent}`].filter(Boolean).join(' ')];
  }
  return [planning
    ? `_${code(planning.path)} does not say yet what problem this solves or what changes._`
    : '_This change has no planning doc: every PM change starts with a PLANNING.md._'];
}

export function planningLines(planning: PlanningText | undefined, summary: PlanningSummary | undefined, remote: RemoteRepository | undefined, head: string): string[] {
  if (!planning) return ['No planning doc found for this change.'];
  const link = remote ? `[${code(planning.path)}](${blobUrl(remote, head, planning.path)})` : code(planning.path);
  const tier = summary?.tier && isTier(summary.tier) ? TIER_LABELS[summary.tier] : summary?.tier;
  return [
    link,
    '',
    `- Feature flag: ${summary?.flag ? (isNoFlag(summary.flag) ? 'none (a copy-only change)' : code(summary.flag)) : '_none named_'}`,
    `- Tier: ${tier ? inline(tier) : '_not stated_'}`,
  ];
}

const ZONE_LABELS: Readonly<Record<Zone, string>> = {
  editable: '✏️ PM zone',
  outside: '⚠️ outside the PM zone',
  locked: '🔒 engineering only',
};
const ZONE_ORDER: readonly Zone[] = ['locked', 'outside', 'editable'];

/** A table of the changed files, the files a reviewer must look at first on top. */
export function filesLines(files: readonly ChangedFile[], policy: RepositoryPolicy, maxRows: number): string[] {
  if (files.length === 0) return ['No files changed.'];
  const rows = files
    .map((file) => ({ file, answer: policy.zoneOf(file.path) }))
    .sort((a, b) => ZONE_ORDER.indexOf(a.answer.zone) - ZONE_ORDER.indexOf(b.answer.zone) || (a.file.path < b.file.path ? -1 : 1));
  const lines = ['| File | Change | Zone | Code owners |', '| --- | --- | --- | --- |'];
  for (const { file, answer } of rows.slice(0, maxRows)) {
    const name = file.oldPath ? `${code(file.oldPath)} → ${code(file.path)}` : code(file.path);
    const owners = answer.owners.length > 0 ? answer.owners.join(' ') : '—';
    lines.push(`| ${cell(name)} | ${file.status} | ${ZONE_LABELS[answer.zone]} | ${cell(inline(owners))} |`);
  }
  const byZone = ZONE_ORDER.map((zone) => [zone, rows.filter((row) => row.answer.zone === zone).length] as const).filter(([, n]) => n > 0);
  if (rows.length > maxRows) lines.push('', `…and ${count(rows.length - maxRows, 'more file')}.`);
  lines.push('', `${count(files.length, 'file')}: ${byZone.map(([zone, n]) => `${n} ${ZONE_LABELS[zone]}`).join(', ')}.`);
  return lines;
}

/** The union of the owners of every changed path (both sides of a rename), with the files each owns. */
export function ownersLines(files: readonly ChangedFile[], policy: RepositoryPolicy, maxFilesEach: number): string[] {
  const owned = new Map<string, string[]>();
  for (const file of files) {
    for (const path of new Set([file.path, ...(file.oldPath ? [file.oldPath] : [])])) {
      for (const owner of policy.zoneOf(path).owners) owned.set(owner, [...(owned.get(owner) ?? []), path]);
    }
  }
  if (owned.size === 0) {
    return [policy.owners ? 'No CODEOWNERS rule covers the changed files.' : 'This repository has no CODEOWNERS file.'];
  }
  return [...owned].map(([owner, paths]) => {
    const shown = paths.slice(0, maxFilesEach).map(code).join(', ');
    const more = paths.length > maxFilesEach ? ` and ${paths.length - maxFilesEach} more` : '';
    return `- ${inline(owner)}: ${shown}${more}`;
  });
}

/** Task boxes the DRIs tick; the product DRI's only in regulated mode. */
export function signOffLines(signOffs: SignOffs): string[] {
  const lines = [`- [ ] Engineering DRI ${signOffs.engineeringDri ?? '(not named in CLAUDE.md or PLANNING.md)'}`];
  if (signOffs.regulated) lines.push(`- [ ] Product DRI ${signOffs.productDri ?? '(not named in CLAUDE.md or PLANNING.md)'}`);
  return lines;
}

function flatten(markdown: string): string {
  return markdown.replace(/\s*\n\s*/g, ' ').trim();
}
