import type { CliCommand } from '../commands';
import { CliFailure } from '../errors';
import { writeJson } from '../paths';
import { asking, openRepository } from '../repositoryContext';
import { gateAlreadyCommitted, outdatedWorkflowMessage, pilotMayNotWriteWorkflow, workflowText, workflowWrite } from '../../core/ci';
import { WORKFLOW_PATH } from '../../core/defaults';
import { commitFiles, headSha, RepositoryWriteRefused, writeRepositoryFile } from '../../core/git';
import { detectPackageManager } from '../../core/repository';
import { AS_OPTION } from '../options';
import { checkCarried, UNIGNORE_OPTION } from '../carried';

export const ciInitCommand: CliCommand = {
  name: 'ci init',
  usage: 'ci init [--update | --force] [--as @handle] [--unignore]',
  summary: `write ${WORKFLOW_PATH}: the PM PR Review on every pull request, with the base branch's rules (an engineer commits it; --update moves an earlier workflow's pinned actions to PM Zone's, --force replaces an existing one; a pilot PM gets the request to send instead)`,
  options: {
    force: { type: 'boolean', description: 'replace a workflow that differs (a link is replaced, never written through)' },
    update: { type: 'boolean', description: "move only the pinned actions of a workflow an earlier ci init wrote, keeping every other line" },
    ...AS_OPTION,
    ...UNIGNORE_OPTION,
  },
  async run(input) {
    const context = await openRepository(input.global, { ...asking(input), requireGit: true });
    const manager = await detectPackageManager(context.files);
    const refusal = pilotMayNotWriteWorkflow(context.policy, manager);
    if (refusal) {
      // A workflow the last commit already holds needs nobody to add it.
      const head = context.git ? await headSha(context.git) : null;
      const inPlace = head && context.git ? gateAlreadyCommitted(await commitFiles(context.git, head).readText(WORKFLOW_PATH), manager) : undefined;
      if (inPlace) {
        if (input.global.json) writeJson(input, { status: 'committed', file: WORKFLOW_PATH, message: inPlace });
        else input.io.stdout.write(`${inPlace}\n`);
        return 0;
      }
      if (input.global.json) {
        writeJson(input, { status: 'engineering-only', file: WORKFLOW_PATH, message: refusal.message, request: refusal.request });
        return 1;
      }
      // The request goes to standard output, ready to paste; why, on standard error.
      input.io.stdout.write(`${refusal.request}\n`);
      throw new CliFailure(`${refusal.message}: nothing was written; send them the request above.`, 1);
    }
    const settings = input.global.settings;
    const existing = await context.files.readText(WORKFLOW_PATH);
    const write = workflowWrite(existing, { policyFile: settings.policyFile, skillFile: settings.skillFile, codeownersFlavor: settings.codeownersFlavor });
    const { action } = write;
    const force = input.values.force === true;
    if (action === 'outdated' && !force && input.values.update !== true) {
      if (input.global.json) {
        writeJson(input, { status: 'outdated', file: WORKFLOW_PATH, pins: write.pins, mergeQueue: write.mergeQueue });
        return 1;
      }
      throw new CliFailure(`${outdatedWorkflowMessage(write.pins, write.mergeQueue)}. Nothing was written: run pm-zone ci init --update to ${write.pins.length > 0 ? 'move the pins' : 'add the merge queue trigger'} (the rest of the file stays as it is), or --force to replace the file.`, 1);
    }
    if (action === 'differs' && !force) {
      throw new CliFailure(`${WORKFLOW_PATH} already exists and differs: nothing was written. Run pm-zone ci init --force to replace it.`, 1);
    }
    const text = workflowText(write, force ? 'replace' : 'update');
    if (action !== 'unchanged') {
      const written = await writeRepositoryFile(context.root, WORKFLOW_PATH, text, { mode: action === 'create' && input.values.force !== true ? 'create' : 'replace' }).catch((error: unknown) => {
        throw error instanceof RepositoryWriteRefused ? new CliFailure(error.message, 1) : error;
      });
      if (written === 'exists') {
        throw new CliFailure(`${WORKFLOW_PATH} exists but is not a text file PM Zone can compare (a link or a binary file): nothing was written. Run pm-zone ci init --force to replace it.`, 1);
      }
    }
    const status = action === 'create' ? 'created' : action === 'unchanged' ? 'unchanged' : action === 'outdated' && !force ? 'updated' : 'replaced';
    const carried = await checkCarried(input, context.git, context.root, [WORKFLOW_PATH]);
    if (input.global.json) writeJson(input, { status, file: WORKFLOW_PATH, ...(action === 'outdated' ? { pins: write.pins } : {}), ...carried });
    else if (carried.ignored.length === 0) input.io.stdout.write(`${WORKFLOW_PATH} ${status}. Commit it, then require the "PM PR Review" check on your default branch.\n`);
    return carried.ignored.length > 0 ? 1 : 0;
  },
};
