// `pm-zone controls`: whether GitHub enforces the PM zone on the base branch
// (approvals, code-owner review, the last push approved, the gate required
// and reporting in the merge queue, its workflow protected, the engineering
// paths owned and locked against pushes, CODEOWNERS valid), the fix that
// would (`--fix`, printed, never applied: the branch ruleset on stdout, or
// with `--push` the push ruleset), and the compliance walkthrough
// document (`--walkthrough`).

import type { CliCommand } from '../commands';
import { CliFailure, UsageError } from '../errors';
import { openGitHub } from '../githubHistory';
import { writeJson } from '../paths';
import { openRepository } from '../repositoryContext';
import { historyFailure, standalonePage } from '../../core/audit';
import { controlsExitStatus, controlsFromGitHub, controlsHtml, controlsMarkdown, controlsText, fixGuidance, walkthroughHtml, walkthroughMarkdown, type ControlsCheck } from '../../core/controls';
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
