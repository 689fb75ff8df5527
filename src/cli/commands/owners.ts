import type { CliCommand } from '../commands';
import { inputPaths, writeJson } from '../paths';
import { openRepository } from '../repositoryContext';
import { normalizeRepoPath } from '../../core/policy';
import { STDIN_OPTION } from '../options';

export const ownersCommand: CliCommand = {
  name: 'owners',
  usage: 'owners PATH... [--stdin]',
  summary: 'the code owners of each path, with the CODEOWNERS line that decides it',
  operands: 'PATH...',
  options: STDIN_OPTION,
  async run(input) {
    const paths = await inputPaths(input);
    const { policy } = await openRepository(input.global);
    const rows = paths.map((path) => {
      // A path that leaves the repository has no owners to look up: saying "no rule matches" would be an answer.
      const inside = normalizeRepoPath(path) !== undefined;
      const match = inside ? policy.owners?.ownersOf(path) : undefined;
      return {
        path,
        ...(inside ? {} : { inRepository: false as const }),
        owners: match?.owners ?? [],
        line: match?.line ?? null,
        file: match?.line != null ? match.file : null,
        pattern: match?.pattern ?? null,
      };
    });
    if (input.global.json) writeJson(input, rows);
    else {
      for (const row of rows) {
        const where = row.inRepository === false ? 'not a file inside the repository'
          : row.line !== null ? `${row.file}:${row.line} ${row.pattern}`
          : policy.codeowners ? 'no rule matches'
            : policy.codeownersProblem ? `${policy.codeownersProblem.file} not loaded: ${policy.codeownersProblem.message}`
              : 'no CODEOWNERS file';
        input.io.stdout.write(`${row.path}\t${row.owners.join(' ') || '(no owners)'}\t${where}\n`);
      }
    }
    return rows.some((row) => row.inRepository === false) ? 1 : 0;
  },
};
