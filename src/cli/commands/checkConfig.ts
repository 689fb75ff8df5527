import type { CliCommand } from '../commands';
import { writeJson } from '../paths';
import { openRepository, repositoryPaths } from '../repositoryContext';
import { configProblems, untrackedPolicyProblems } from '../../core/repository';
import type { Git } from '../../core/git';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { loadChecklist } from '../../core/review';
import { formatProblems, writeFormatted } from '../problems';

export const checkConfigCommand: CliCommand = {
  name: 'check-config',
  usage: 'check-config',
  summary: "problems in CLAUDE.md's PM zone, in CODEOWNERS and in the PM PR Review skill file (exit 1 on errors)",
  options: {},
  async run(input) {
    const context = await openRepository(input.global);
    const checklist = await loadChecklist(context.files, context.policy.settings.skillFile);
    const untracked = context.git ? await untrackedPolicyProblems(context.policy, context.git as Git, async (file) => existsSync(path.join(context.root, file))) : [];
    const problems = [...configProblems(context.policy, await repositoryPaths(context)), ...checklist.problems, ...untracked];
    if (input.global.json) writeJson(input, { problems: problems.map(({ file, line, column, severity, kind, message }) => ({ file, line, column, severity, kind, message })) });
    else {
      if (!context.policy.zone.defined) input.io.stdout.write(`No PM zone defined in ${context.policy.zone.file}.\n`);
      writeFormatted(input, formatProblems(problems, { color: input.global.color }));
    }
    return problems.some((p) => p.severity === 'error') ? 1 : 0;
  },
};
