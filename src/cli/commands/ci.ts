import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CliCommand } from '../commands';
import { CliFailure } from '../errors';
import { writeJson } from '../paths';
import { workflowWrite, WORKFLOW_PATH } from '../../core/ci';
import { Git, isGitError, root } from '../../core/git';

export const ciInitCommand: CliCommand = {
  name: 'ci init',
  usage: 'ci init [--force]',
  summary: `write ${WORKFLOW_PATH}: the PM PR Review on every pull request, with the base branch's rules (an engineer commits it; --force replaces an existing one)`,
  options: { force: { type: 'boolean' } },
  async run(input) {
    let top: string;
    try {
      top = await root(new Git(input.global.cwd));
    } catch (error) {
      throw new CliFailure(isGitError(error) ? error.message : String(error));
    }
    const file = path.join(top, ...WORKFLOW_PATH.split('/'));
    const settings = input.global.settings;
    const existing = await fs.readFile(file, 'utf8').catch(() => undefined);
    const { action, text } = workflowWrite(existing, { policyFile: settings.policyFile, skillFile: settings.skillFile, codeownersFlavor: settings.codeownersFlavor });
    if (action === 'differs' && input.values.force !== true) {
      throw new CliFailure(`${WORKFLOW_PATH} already exists and differs: nothing was written. Run pm-zone ci init --force to replace it.`, 1);
    }
    if (action !== 'unchanged') {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, text, 'utf8');
    }
    const status = action === 'create' ? 'created' : action === 'unchanged' ? 'unchanged' : 'replaced';
    if (input.global.json) writeJson(input, { status, file: WORKFLOW_PATH });
    else input.io.stdout.write(`${WORKFLOW_PATH} ${status}. Commit it, then require the "PM PR Review" check on your default branch.\n`);
    return 0;
  },
};
