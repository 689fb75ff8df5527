// The controls as a terminal reads them, and as Markdown and HTML: one line
// per control with its status, the evidence and the fix.

import type { ReportPage } from '../audit/html';
import { toHtml, toMarkdown, type Block } from './document';
import type { ControlsFix } from './fix';
import { CONTROL_TITLES, type ControlsReport, type ControlStatus } from './model';

const MARKS: Record<ControlStatus, string> = { enforced: '✅ enforced', missing: '❌ missing', unknown: '❔ unknown' };

/** "5 of 7 enforced, 1 missing, 1 unknown", with what unknown means in regulated mode. */
export function controlsHeadline(report: ControlsReport): string {
  const count = (status: ControlStatus) => report.controls.filter((control) => control.status === status).length;
  const regulated = report.regulated && count('unknown') > 0 ? ' (regulated mode: unknown counts as missing)' : '';
  return `${report.repository}, base ${report.base}: ${count('enforced')} of ${report.controls.length} controls enforced, ${count('missing')} missing, ${count('unknown')} unknown${regulated}`;
}

export function controlsText(report: ControlsReport): string {
  const lines = [controlsHeadline(report), ''];
  for (const control of report.controls) {
    lines.push(`${control.status.padEnd(9)} ${control.id.padEnd(24)} ${control.evidence}`);
    if (control.fix) lines.push(`${' '.repeat(34)}fix: ${control.fix}`);
  }
  lines.push('', 'What runs on a PM\'s machine (badges, the pre-commit hook, agent guards) can be switched off by its user; these are GitHub\'s controls, the lock.');
  return `${lines.join('\n')}\n`;
}

/** The controls table, as the report and the walkthrough's first part show it. */
export function controlsTable(report: ControlsReport): Block {
  return {
    table: {
      head: ['control', 'status', 'evidence', 'fix'],
      rows: report.controls.map((control) => [[{ code: control.id }, ` ${CONTROL_TITLES[control.id]}`], MARKS[control.status], control.evidence, control.fix ?? '—']),
    },
  };
}

function controlsBlocks(report: ControlsReport): Block[] {
  return [
    { heading: `Controls: ${report.repository}`, level: 1 },
    { paragraph: `${controlsHeadline(report)}.`, className: `decision ${report.controls.every((control) => control.status === 'enforced') ? 'success' : 'roll-back'}` },
    controlsTable(report),
    { paragraph: 'Unknown is never safe: it names the permission that would let PM Zone tell. What runs on a PM\'s machine (badges, the pre-commit hook, agent guards) can be switched off by its user; these are GitHub\'s controls, the lock.', className: 'note' },
  ];
}

export function controlsMarkdown(report: ControlsReport): string {
  return toMarkdown(controlsBlocks(report));
}

/** The report, and with a fix the ruleset and CODEOWNERS lines that would enforce what is missing (for the editor). */
export function controlsHtml(report: ControlsReport, fix?: ControlsFix): ReportPage {
  return toHtml([...controlsBlocks(report), ...(fix ? fixBlocks(fix) : [])]);
}

function fixBlocks(fix: ControlsFix): Block[] {
  const blocks: Block[] = [{ heading: 'The fix (printed, never applied)', level: 2 }];
  if (fix.ruleset) {
    blocks.push({ paragraph: ['A ruleset with no bypass actors: it adds to the rules already there and loosens none. An admin creates it with ', { code: `pm-zone controls --fix | ${fix.command}` }, ':'] });
    blocks.push({ code: JSON.stringify(fix.ruleset, null, 2) });
  } else {
    blocks.push({ paragraph: 'GitHub\'s rules already enforce every control a ruleset can: no ruleset to create.' });
  }
  if (fix.pushRuleset) {
    blocks.push({ paragraph: ['A push ruleset, so that GitHub itself refuses a pilot PM\'s push touching an engineering-only path, whatever ran on their machine. An admin creates it with ', { code: `pm-zone controls --fix --push | ${fix.command}` }, ':'] });
    blocks.push({ code: JSON.stringify(fix.pushRuleset, null, 2) });
  }
  if (fix.codeowners.lines.length > 0) {
    blocks.push({ paragraph: [`Lines to append to `, { code: fix.codeowners.file }, ' (the last matching rule wins), through a pull request; a commented line still needs its owner named:'] });
    blocks.push({ code: fix.codeowners.lines.map((line) => line.text).join('\n') });
  }
  if (fix.notes.length > 0) blocks.push({ list: fix.notes });
  return blocks;
}

