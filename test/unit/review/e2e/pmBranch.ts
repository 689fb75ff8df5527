// The PM branches of the end-to-end review tests, on copies of the sample
// repository, and `pm-zone review` run on them as a PM would run it.
import type { Finding } from '../../../../src/core/types';
import type { SarifLog } from '../../../../src/core/review/report/sarif';
import { cli, parsed, type CliRun } from '../../cli/support/cli';
import { commitAll, sampleRepo, standaloneCopy, worktreeOf, writeFinishedPlanning } from '../../cli/support/sampleRepo';

export const PM_BRANCH = 'alice/checkout-copy';

let cleanTemplate: Promise<string> | undefined;

function cleanTemplateRoot(): Promise<string> {
  cleanTemplate ??= (async () => {
    const root = await sampleRepo({ branch: PM_BRANCH, commit: true });
    await writeFinishedPlanning(root);
    await commitAll(root, 'Planning: say "Confirm order" on the order button');
    return root;
  })();
  return cleanTemplate;
}

/**
 * A clean PM branch: the one-word copy change of the sample, and a finished
 * PLANNING.md (made with `pm-zone planning new`, then filled in), both
 * committed. A fresh working tree per call.
 */
export async function cleanPmBranch(): Promise<string> {
  return worktreeOf(await cleanTemplateRoot(), PM_BRANCH);
}

/** The clean PM branch as a standalone repository of its own (its own hooks folder). */
export async function cleanPmRepo(): Promise<string> {
  return standaloneCopy(await cleanTemplateRoot());
}

export interface ReviewJson {
  findings: Finding[];
  files: { path: string; zone: string; status: string }[];
  summary: { blockers: number; errors: number; warnings: number; infos: number; files: number; addedLines: number; removedLines: number };
}

export async function reviewJson(root: string, ...args: string[]): Promise<{ run: CliRun; review: ReviewJson }> {
  const run = await cli(['review', '--cwd', root, '--format', 'json', ...args]);
  return { run, review: parsed<ReviewJson>(run) };
}

/** `review --format sarif`: the SARIF log, which also carries each finding's column. */
export async function reviewSarif(root: string, ...args: string[]): Promise<SarifLog> {
  return parsed<SarifLog>(await cli(['review', '--cwd', root, '--format', 'sarif', ...args]));
}

/** The 1-based start columns SARIF gives the findings of one check. */
export async function sarifColumns(root: string, check: string): Promise<(number | undefined)[]> {
  const log = await reviewSarif(root);
  return log.runs[0].results.filter((r) => r.ruleId === check).map((r) => r.locations?.[0].physicalLocation.region?.startColumn);
}

/** Findings as `check file:line` strings, the notes about code owners left out (every change has them). */
export function places(review: ReviewJson): string[] {
  return review.findings.filter((f) => f.check !== 'zone.owners').map((f) => `${f.check} ${f.file ?? '-'}:${f.line ?? '-'}`);
}
