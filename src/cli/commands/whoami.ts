import type { CliCommand } from '../commands';
import { writeJson } from '../paths';
import { asking, openRepository } from '../repositoryContext';
import { AS_OPTION } from '../options';

export const whoamiCommand: CliCommand = {
  name: 'whoami',
  usage: 'whoami [--as @handle]',
  summary: 'which pilot PM you are taken to be (from --as, else git user.email), or exactly why PM Zone cannot tell; exit 1 when unknown',
  options: AS_OPTION,
  async run(input) {
    const context = await openRepository(input.global, { ...asking(input), warn: undefined });
    const { identity } = context.policy;
    if (input.global.json) {
      const pilot = identity.known ? identity.pilot : undefined;
      writeJson(input, {
        known: identity.known,
        handle: pilot?.handle ?? null,
        from: identity.known ? identity.from : null,
        why: identity.known ? null : identity.why,
        featureFolders: pilot?.featureFolders ?? [],
        engineeringDri: pilot?.engineeringDri ?? null,
        message: identity.message,
      });
    } else {
      input.io.stdout.write(`${identity.message}\n`);
    }
    return identity.known ? 0 : 1;
  },
};
