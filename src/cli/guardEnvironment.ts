import { type GuardEnvironment } from '../core/agents';
import { parsePolicySources } from '../core/repository';
import type { GlobalOptions } from './run';
import { CLI_VERSION } from './version';

/** The guard as the command line runs it: the parser at hand, the cache keyed by this version. */
export function guardEnvironment(cwd: string, env: NodeJS.ProcessEnv, settings: GlobalOptions['settings']): GuardEnvironment {
  return {
    cwd,
    env,
    stamp: { program: `pm-zone ${CLI_VERSION}` },
    parseSources: (files, policySettings) => parsePolicySources(files, policySettings),
    settings: { ...(settings.policyFile ? { policyFile: settings.policyFile } : {}), ...(settings.codeownersFlavor ? { codeownersFlavor: settings.codeownersFlavor } : {}) },
  };
}
