import type { CommandInput } from './run';
import { ownersCommand } from './commands/owners';
import { explainCommand } from './commands/explain';
import { checkConfigCommand } from './commands/checkConfig';
import { initCommand } from './commands/init';
import { reviewCommand } from './commands/review';
import { hookInstallCommand, hookUninstallCommand } from './commands/hook';
import { planningCheckCommand, planningNewCommand, startCommand } from './commands/planning';
import { prCommand } from './commands/pr';
import { whoamiCommand } from './commands/whoami';
import { ciInitCommand } from './commands/ci';
import { auditCommand } from './commands/audit';
import { readoutCommand } from './commands/readout';
import { controlsCommand } from './commands/controls';
import { guardCommand } from './commands/guard';
import { agentsCheckCommand, agentsInitCommand } from './commands/agents';
import { mcpCommand } from './commands/mcp';
import { completionCommand } from './commands/completion';
import type { CliOptions } from './options';

export interface CliCommand {
  /** One or two words, such as `explain` or `hook install`. */
  name: string;
  /** The synopsis after `pm-zone`: every option of `options` and nothing else (a test checks). */
  usage: string;
  summary: string;
  options: CliOptions;
  /** What the command takes besides options (`PATH...`); a command without it refuses stray words. */
  operands?: string;
  run(input: CommandInput): Promise<number>;
}

export const COMMANDS: CliCommand[] = [initCommand, explainCommand, ownersCommand, checkConfigCommand, reviewCommand, hookInstallCommand, hookUninstallCommand, startCommand, planningNewCommand, planningCheckCommand, prCommand, whoamiCommand, ciInitCommand, auditCommand, readoutCommand, controlsCommand, guardCommand, agentsInitCommand, agentsCheckCommand, mcpCommand, completionCommand(() => COMMANDS)];
