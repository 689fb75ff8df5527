import type { CliCommand } from '../commands';
import { inputPaths, writeJson } from '../paths';
import { asking, openRepository } from '../repositoryContext';
import { describeZone, noZoneWords, zoneOnDisk } from '../../core/repository';
import { AS_OPTION, STDIN_OPTION } from '../options';

export const explainCommand: CliCommand = {
  name: 'explain',
  usage: 'explain PATH... [--as @handle] [--stdin]',
  summary: 'whether a PM may edit each path (editable, locked, outside), and every reason',
  operands: 'PATH...',
  options: { ...STDIN_OPTION, ...AS_OPTION },
  async run(input) {
    const paths = await inputPaths(input);
    const context = await openRepository(input.global, { ...asking(input), cached: true });
    // A path reached through a symbolic link is answered for the file git tracks.
    const answers = await Promise.all(paths.map(async (path) => {
      const answer = context.policy.zoneOf(path);
      return answer.reasons[0]?.rule === 'not-in-repository' ? answer : zoneOnDisk(context.policy, context.root, answer.path);
    }));
    if (input.global.json) {
      writeJson(input, answers.map((a) => ({ path: a.path, zone: a.zone, reasons: a.reasons, owners: a.owners, unenforced: a.unenforced })));
    } else {
      if (!context.policy.zone.defined) input.io.stdout.write(`${noZoneWords(context.policy, 'No')} (pm-zone init drafts one): every file needs an engineering co-author.\n`);
      for (const answer of answers) input.io.stdout.write(`${describeZone(answer)}\n`);
    }
    // Like owners: a path outside the repository is an answer the caller should not miss.
    return answers.every((answer) => answer.reasons[0]?.rule !== 'not-in-repository') ? 0 : 1;
  },
};
