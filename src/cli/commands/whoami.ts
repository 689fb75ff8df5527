import type { CliCommand } from '../commands';
import { writeJson } from '../paths';
import { asking, openRepository } from '../repositoryContext';
import { AS_OPTION } from '../options';
import { zoneBinding } from '../../core/policy';

export const whoamiCommand: CliCommand = {
  name: 'whoami',
  usage: 'whoami [--as @handle]',
  summary: 'which pilot PM you are taken to be (from --as, else git user.email), that the PM zone does not restrict you, or exactly why PM Zone cannot tell; exit 1 only when it cannot',
  options: AS_OPTION,
  async run(input) {
    // Who the PM is comes from the zone alone: CODEOWNERS, which can be large, is not read.
    const context = await openRepository(input.global, { ...asking(input), warn: undefined, codeowners: false, cached: true });
    const { identity } = context.policy;
    // The same decision as the hook's, the Action's and the guard's: someone who is no pilot PM is simply not restricted.
    const binding = zoneBinding(identity);
    const message = identity.known ? identity.message : binding.message;
    if (input.global.json) {
      const pilot = identity.known ? identity.pilot : undefined;
      writeJson(input, {
        known: identity.known,
        restricted: binding.bound,
        handle: pilot?.handle ?? null,
        from: identity.known ? identity.from : null,
        why: identity.known ? null : identity.why,
        featureFolders: pilot?.featureFolders ?? [],
        engineeringDri: pilot?.engineeringDri ?? null,
        message,
      });
    } else {
      input.io.stdout.write(`${message}\n`);
      if (!identity.known && binding.bound) input.io.stdout.write(`${identity.message}\n`);
    }
    return identity.known || !binding.bound ? 0 : 1;
  },
};
