// The pre-pilot compliance walkthrough the regulated proposal commits to
// (its Appendix B): the control framework with each control's status and
// evidence, the CODEOWNERS rules that enforce the engineering zone, the PM PR
// Review skill file and what it catches, the PM zone as CLAUDE.md encodes it,
// and the audit trail from PLANNING.md commit to flag flip. The document a PM
// brings to that meeting, read from the base branch and GitHub.

import type { ReportPage } from '../audit/html';
import { MISSING_LINKS } from '../audit/model';
import { compileZonePolicy } from '../policy';
import { probePathFor } from '../policy/unenforced';
import { describeCheck } from '../review/report/rules';
import type { PolicyAtBase } from './atBase';
import { toHtml, toMarkdown, type Block, type Text } from './document';
import type { ControlsReport } from './model';
import { controlsHeadline, controlsTable } from './report';

export function walkthroughMarkdown(report: ControlsReport, local: PolicyAtBase | string): string {
  return toMarkdown(walkthroughBlocks(report, local));
}

export function walkthroughHtml(report: ControlsReport, local: PolicyAtBase | string): ReportPage {
  return toHtml(walkthroughBlocks(report, local));
}

function walkthroughBlocks(report: ControlsReport, local: PolicyAtBase | string): Block[] {
  const where = typeof local === 'string' ? report.base : `${local.ref} (${local.commit.slice(0, 7)})`;
  return [
    { heading: `Pre-pilot compliance walkthrough: ${report.repository}`, level: 1 },
    { paragraph: `The five parts of the walkthrough the pilot proposal commits to, read from ${where} and from GitHub's settings for ${report.base}. Each control says whether GitHub enforces it, from which setting, and what is missing; "unknown" is never safe.` },
    ...framework(report),
    ...(typeof local === 'string' ? [{ paragraph: `Parts 2 to 4 need the base branch's files: ${local}.` } satisfies Block] : [...codeownersPart(local), ...skillPart(local), ...zonePart(local)]),
    ...auditPart(),
  ];
}

function framework(report: ControlsReport): Block[] {
  return [
    { heading: '1. The control framework', level: 2 },
    { paragraph: `${controlsHeadline(report)}.`, className: report.controls.every((control) => control.status === 'enforced') ? 'decision success' : 'decision roll-back' },
    controlsTable(report),
    { paragraph: 'Where each part is enforced: the badges in the editor, the pre-commit hook and the coding-agent guard give a PM an early "no" on their own machine, and the PM can switch them off. The merge is the lock: GitHub itself requires the approval, the code owners\' review and the PM PR Review check, and only the controls above count as enforcement.' },
    { paragraph: pushRulesetWords(report) },
  ];
}

function codeownersPart(local: PolicyAtBase): Block[] {
  const { zone, owners, codeowners } = local.policy;
  const deny = compileZonePolicy(zone).deny;
  const rows: Text[][] = deny.map(({ rule, matcher }) => {
    const paths = local.paths.filter((path) => matcher.match(path));
    const probe = paths.length === 0 ? probePathFor({ rule, matcher }) : undefined;
    const asked = paths.length > 0 ? paths : probe ? [probe] : [];
    const matches = owners ? asked.map((path) => owners.ownersOf(path)) : [];
    const unowned = matches.length === 0 || matches.some((match) => match.owners.length === 0);
    const ownerSets = [...new Set(matches.filter((match) => match.owners.length > 0).map((match) => match.owners.join(' ')))];
    const lines = [...new Set(matches.filter((match) => match.line !== null).map((match) => `line ${match.line}: ${match.pattern}`))];
    return [
      [{ code: rule.glob }],
      `line ${rule.line}`,
      unowned ? `${ownerSets.length > 0 ? `${ownerSets.join('; ')}; ` : ''}❌ not owned${paths.length > 0 ? ` (${matches.filter((match) => match.owners.length === 0).length} of ${paths.length} files)` : ''}` : ownerSets.join('; '),
      lines.length > 0 ? lines.join('; ') : '—',
    ];
  });
  return [
    { heading: '2. The CODEOWNERS rules that enforce it', level: 2 },
    { paragraph: codeowners ? `Each engineering-only path of ${zone.file}, with the owners ${codeowners.file} gives its files (the last matching rule wins). With code-owner review required, no pull request changes these files without their owners' approval.` : `There is no CODEOWNERS file at ${local.ref}: no engineering-only path is enforced.` },
    rows.length > 0 ? { table: { head: ['engineering-only path', `${zone.file}`, 'owners', 'CODEOWNERS rule'], rows } } : { paragraph: `${zone.file} names no engineering-only path.` },
  ];
}

function skillPart(local: PolicyAtBase): Block[] {
  const { checklist } = local;
  const blocks: Block[] = [
    { heading: '3. The PM PR Review skill file and what it catches', level: 2 },
    { paragraph: checklist.file === 'built-in' ? 'The repository has no skill file: PM Zone\'s built-in checklist applies.' : [`The checklist of `, { code: checklist.file }, ` as PM Zone runs it in the editor, in the pre-commit hook and in the CI gate on every PM pull request. Items with a check are answered automatically; the others are ticked by the PM and recorded in the pull request.`] },
  ];
  for (const section of checklist.sections) {
    blocks.push({ heading: `${section.title}${section.blocking ? ' (blocks the pull request)' : ''}`, level: 3 });
    blocks.push({
      table: {
        head: ['item', 'checked automatically by'],
        rows: section.items.map((item) => [item.text, item.manual || item.checks.length === 0 ? 'manual: the PM ticks it, and the pull request records it' : item.checks.flatMap((check, index) => [...(index > 0 ? ['; '] : []), { code: check }, ` ${describeCheck(check).title}`])]),
      },
    });
  }
  return blocks;
}

function zonePart(local: PolicyAtBase): Block[] {
  const { zone } = local.policy;
  if (!zone.defined) return [{ heading: '4. The CLAUDE.md file and the PM zone it encodes', level: 2 }, { paragraph: `${zone.file} at ${local.ref} has no ## PM zone section: there is no PM zone yet.` }];
  const glob = (rule: { glob: string; note?: string; line: number }): Text => [{ code: rule.glob }, `${rule.note ? ` (${rule.note})` : ''}, line ${rule.line}`];
  return [
    { heading: `4. The ${zone.file} file and the PM zone it encodes`, level: 2 },
    { paragraph: `Mode: ${zone.mode}${zone.mode === 'regulated' ? ' (every PM change also needs the engineering DRI\'s and the product DRI\'s sign-off)' : ''}. A file is PM-editable when a may-edit glob matches it and no engineering-only glob does: the engineering-only globs always win.` },
    { heading: 'PMs may edit', level: 3 },
    { list: zone.mayEdit.map(glob) },
    { heading: 'Engineering only', level: 3 },
    { list: zone.engineeringOnly.map(glob) },
    { heading: 'Pilot PMs', level: 3 },
    { table: { head: ['PM', 'feature folders', 'engineering DRI'], rows: zone.pilots.map((pilot) => [pilot.handle, pilot.featureFolders.length === 0 ? '—' : pilot.featureFolders.flatMap((folder, index) => [...(index > 0 ? [', '] : []), { code: folder }]), pilot.engineeringDri ?? '—']) } },
    ...(zone.ownedFlags.length > 0 ? [{ heading: 'Owned flags', level: 3 } as const, { table: { head: ['flag', 'owner'], rows: zone.ownedFlags.map((flag) => [[{ code: flag.flag }], flag.owner]) } }] : []),
  ];
}

function auditPart(): Block[] {
  return [
    { heading: '5. The audit trail from PLANNING.md commit to flag flip', level: 2 },
    { paragraph: 'For every PM-authored pull request (labelled pm-authored, or opened by a pilot PM), PM Zone reads the chain back from git and GitHub: the commit that added its PLANNING.md (intent), the pull request with its reviews, the engineering DRI\'s approval, the PM PR Review at merge and the merge commit (implementation), and every change of its flags after the merge, from flags.yaml or the flag system\'s exported log (deployment). Any link that is missing is named:' },
    { list: Object.entries(MISSING_LINKS).map(([id, words]): Text => [{ code: id }, `: ${words}`]) },
    { paragraph: 'The command that shows it, as a table for this meeting (in regulated mode it exits 1 when anything is missing):' },
    { code: 'pm-zone audit --since 2026-03-01 --format markdown [--flag-log flips.jsonl]' },
  ];
}

/** The push ruleset, named in the meeting whatever its state: the one lock that holds before the merge. */
function pushRulesetWords(report: ControlsReport): Text {
  const locked = report.controls.find((control) => control.id === 'paths-locked-on-server');
  const state = !locked ? '' : locked.status === 'enforced' ? ' Here it is on: ' : locked.status === 'missing' ? ' Here it is not yet: ' : ' Here PM Zone cannot tell: ';
  return [
    'One lock holds before the merge: a push ruleset that restricts the engineering-only paths (',
    { code: 'paths-locked-on-server' },
    '). GitHub then refuses any push touching them by anyone not on its bypass list, to any branch of the repository and its forks, whatever ran on the pusher\'s machine; an engineer on the bypass list pushes such a change for a PM.',
    ...(locked ? [`${state}${locked.evidence}.`] : []),
    ...(locked && locked.status !== 'enforced' ? [' ', { code: 'pm-zone controls --fix --push' }, ' prints the ruleset to create.'] : []),
  ];
}
