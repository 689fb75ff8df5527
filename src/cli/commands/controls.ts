// `pm-zone controls`: whether GitHub enforces the PM zone on the base branch
// (approvals, code-owner review, the last push approved, the gate required
// and reporting in the merge queue, its workflow protected, the engineering
// paths owned and locked against pushes, CODEOWNERS valid), the fix that
// would (`--fix`, printed, never applied: the branch ruleset on stdout, or
// with `--push` the push ruleset; without a token, drawn from the base's
// files alone and said so), and the compliance walkthrough
// document (`--walkthrough`).

import type { CliCommand } from '../commands';
import { CliFailure, UsageError } from '../errors';
import { githubToken, namedRepository, openGitHub } from '../githubHistory';
import { writeJson } from '../paths';
import { openRepository } from '../repositoryContext';
import type { CommandInput } from '../run';
import type { Git } from '../../core/git';
import type { PolicySettings } from '../../core/repository';
import { historyFailure, standalonePage } from '../../core/audit';
import { controlsExitStatus, controlsFromGitHub, controlsHtml, controlsMarkdown, controlsText, controlsWithoutGitHub, fixGuidance, walkthroughHtml, walkthroughMarkdown, type ControlsCheck } from '../../core/controls';
import { formatOption, GITHUB_OPTIONS, REPORT_FORMATS } from '../options';

export const controlsCommand: CliCommand = {
  name: 'controls',
  usage: 'controls [--format text|json|markdown|html] [--markdown] [--fix [--push]] [--walkthrough] [--base BRANCH] [--repo OWNER/NAME] [--api-url URL]',
  summary: 'whether GitHub enforces the PM zone on the base branch: each control enforced, missing or unknown, with the evidence and the fix (GITHUB_TOKEN or GH_TOKEN); --fix prints the ruleset and CODEOWNERS lines that enforce what is missing (--push: the push ruleset that locks the engineering-only paths instead); --walkthrough writes the compliance walkthrough; exit 1 when a control is missing (in regulated mode, or unknown), 2 when GitHub could not be asked',
  options: {
    ...formatOption(REPORT_FORMATS, 'the controls'),
    markdown: { type: 'boolean', description: 'the same as --format markdown' },
    fix: { type: 'boolean', description: 'print the ruleset and CODEOWNERS lines that enforce what is missing' },
    push: { type: 'boolean', description: 'with --fix: print only the push ruleset that locks the engineering-only paths, ready for gh api' },
    walkthrough: { type: 'boolean', description: "write the regulated proposal's pre-pilot compliance walkthrough" },
    base: { type: 'string', value: 'BRANCH', description: 'the branch whose rules are read (default: the default branch)' },
    ...GITHUB_OPTIONS,
  },
  async run(input) {
    const { values } = input;
    const format = values.markdown ? 'markdown' : ((values.format as string | undefined) ?? (input.global.json ? 'json' : values.walkthrough ? 'markdown' : 'text'));
    if (!['text', 'json', 'markdown', 'html'].includes(format)) throw new UsageError(`--format takes text, json, markdown or html, not '${format}'`);
    if (values.fix && values.walkthrough) throw new UsageError('--fix and --walkthrough print different documents: give one of them');
    if (values.push && !values.fix) throw new UsageError('--push says which ruleset --fix prints: give it with --fix');
    if (values.walkthrough && format !== 'markdown' && format !== 'html') throw new UsageError('--walkthrough writes markdown or html');
    const base = values.base === undefined ? undefined : String(values.base).trim();
    if (base !== undefined && !/^[^\s~^:?*[\\]+$/.test(base)) throw new UsageError(`--base takes a branch name, not '${base}'`);
    const context = await openRepository(input.global, { requireGit: true });
    if (values.fix && !githubToken(input)) return printFixWithoutGitHub(input, context.git!, context.policy.settings, base, format === 'json');
    const target = await openGitHub(input, context.git!, 'controls');
    let check: ControlsCheck;
    try {
      check = await controlsFromGitHub({ git: context.git!, settings: context.policy.settings, owner: target.owner, repo: target.repo, options: { token: target.token, apiUrl: target.apiUrl }, base });
    } catch (error) {
      const said = historyFailure(error, target.token);
      if (said !== undefined) throw new CliFailure(`${said} No control was judged.`);
      throw error;
    }
    const { report, fix, local } = check;
    if (values.fix) {
      if (format === 'json') writeJson(input, fix);
      else {
        const shown = values.push ? fix.pushRuleset : fix.ruleset;
        if (shown) input.io.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
        input.io.stderr.write(fixGuidance(fix, values.push ? 'push' : 'branch'));
      }
    } else if (values.walkthrough) {
      input.io.stdout.write(format === 'html' ? standalonePage(`Compliance walkthrough: ${report.repository}`, walkthroughHtml(report, local).html) : walkthroughMarkdown(report, local));
    } else if (format === 'json') writeJson(input, report);
    else if (format === 'html') input.io.stdout.write(standalonePage(`Controls: ${report.repository}`, controlsHtml(report).html));
    else input.io.stdout.write(format === 'markdown' ? controlsMarkdown(report) : controlsText(report));
    return controlsExitStatus(report);
  },
};

/**
 * `--fix` without a token: the rulesets and CODEOWNERS lines the base's files
 * call for, as if GitHub enforced nothing yet (said on stderr, so stdout still
 * pipes into gh api). Exit 0: nothing was judged, so nothing is missing.
 */
async function printFixWithoutGitHub(input: CommandInput, git: Git, settings: PolicySettings, base: string | undefined, json: boolean): Promise<number> {
  const repository = (await namedRepository(input, git)) ?? 'OWNER/NAME';
  const { fix, report } = await controlsWithoutGitHub({ git, settings, repository, why: 'no GITHUB_TOKEN or GH_TOKEN', ...(base ? { base } : {}) });
  if (json) {
    writeJson(input, { ...fix, checkedAgainstGitHub: false });
    return 0;
  }
  const shown = input.values.push ? fix.pushRuleset : fix.ruleset;
  if (shown) input.io.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
  input.io.stderr.write(`# Not checked against GitHub (no GITHUB_TOKEN or GH_TOKEN): drawn from the zone and CODEOWNERS at ${report.base} alone, as if ${repository} enforced none of it yet. With a token, pm-zone controls --fix prints only what is missing.\n`);
  input.io.stderr.write(fixGuidance(fix, input.values.push ? 'push' : 'branch'));
  return 0;
}
