import type { CliCommand } from '../commands';
import { inputPaths, writeJson } from '../paths';
import { openRepository } from '../repositoryContext';

export const ownersCommand: CliCommand = {
  name: 'owners',
  usage: 'owners PATH... [--stdin]',
  summary: 'the code owners of each path, with the CODEOWNERS line that decides it',
  options: { stdin: { type: 'boolean' } },
  async run(input) {
    const paths = await inputPaths(input);
    const { policy } = await openRepository(input.global);
    const rows = paths.map((path) => {
      const match = policy.owners?.ownersOf(path);
      return {
        path,
        owners: match?.owners ?? [],
        line: match?.line ?? null,
        file: match?.line != null ? match.file : null,
        pattern: match?.pattern ?? null,
      };
    });
    if (input.global.json) writeJson(input, rows);
    else {
      for (const row of rows) {
        const where = row.line !== null ? `${row.file}:${row.line} ${row.pattern}`
          : policy.codeowners ? 'no rule matches'
            : policy.codeownersProblem ? `${policy.codeownersProblem.file} not loaded: ${policy.codeownersProblem.message}`
              : 'no CODEOWNERS file';
        input.io.stdout.write(`${row.path}\t${row.owners.join(' ') || '(no owners)'}\t${where}\n`);
      }
    }
    return 0;
  },
};
