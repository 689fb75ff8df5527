import type { CliCommand } from '../commands';
import { writeJson } from '../paths';
import { openRepository, repositoryPaths } from '../repositoryContext';
import { configProblems, detectPackageManager, enforceLines, guardFileCandidates, guardFileProblems, noZoneWords, policyFileCandidates, presentGuardFiles, trackedAmongOnce, untrackedPolicyProblems } from '../../core/repository';
import { hookWiringProblems, type Git } from '../../core/git';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { launcherProblems } from '../../core/agents';
import { formatProblems, writeFormatted } from '../problems';
import { cachedSkillFileProblems } from '../skillFileCache';

export const checkConfigCommand: CliCommand = {
  name: 'check-config',
  usage: 'check-config',
  summary: "problems in CLAUDE.md's PM zone, in CODEOWNERS, in the PM PR Review skill file, in the guard files git must carry, a hook manager no install wires into a fresh clone, and hook lines that do not verify the guard's launcher (exit 1 on errors), with the CODEOWNERS lines that enforce each unenforced glob",
  options: {},
  async run(input) {
    // The keys it reads (who the user is, where the hooks are) kept between runs, with a review's: no git process for them while the configuration is as it was.
    const context = await openRepository(input.global, { cached: true, readsConfigOnce: true, keepsConfig: true });
    // The skill file's problems, read without the review's checks (and kept while the file does not change).
    const skillFile = await cachedSkillFileProblems(context);
    const git = context.git as Git | undefined;
    const guardNamed = await presentGuardFiles(context.root);
    // Whether git tracks the policy files and the guard files: one git process for both questions.
    const trackedOf = git ? trackedAmongOnce(git, [...policyFileCandidates(context.policy), ...guardFileCandidates(guardNamed)]) : undefined;
    const untracked = git ? await untrackedPolicyProblems(context.policy, git, async (file) => existsSync(path.join(context.root, file)), trackedOf) : [];
    const guardFiles = git ? await guardFileProblems(git, context.root, guardNamed, trackedOf) : [];
    const launcher = await launcherProblems(context.root);
    // Whether the committed hook runs in a fresh clone: a hook manager no install wires runs nothing there.
    const wiring = git && context.policy.zone.defined ? await hookWiringProblems(git, await detectPackageManager(context.files)) : [];
    const paths = await repositoryPaths(context);
    const problems = [...configProblems(context.policy, paths), ...skillFile, ...untracked, ...guardFiles, ...launcher, ...wiring];
    // Offline: the lines come from the working files; `pm-zone controls` says whether GitHub enforces them.
    const lines = context.policy.zone.defined ? enforceLines(context.policy, paths) : undefined;
    if (input.global.json) {
      writeJson(input, {
        problems: problems.map(({ file, line, column, severity, kind, message }) => ({ file, line, column, severity, kind, message })),
        codeowners: lines && lines.lines.length > 0 ? { file: lines.file, lines: lines.lines.map((entry) => entry.text) } : null,
      });
    } else {
      if (!context.policy.zone.defined) input.io.stdout.write(`${noZoneWords(context.policy, 'No')}: pm-zone init drafts one from this repository.\n`);
      writeFormatted(input, formatProblems(problems, { color: input.global.color }));
      if (lines && lines.lines.length > 0) {
        input.io.stdout.write(`\nThe CODEOWNERS lines that give ${lines.globs.length === 1 ? 'it an owner' : 'each an owner'}, for the top of ${lines.file} (above its rules: the last matching rule wins, so no existing owner changes; pm-zone init writes them):\n`);
        for (const entry of lines.lines) input.io.stdout.write(`${entry.text}${entry.from ? `    # owners as in ${entry.from}` : entry.owners.length > 0 ? '    # the owners of the most rules: check them' : ''}\n`);
      }
    }
    return problems.some((p) => p.severity === 'error') ? 1 : 0;
  },
};
