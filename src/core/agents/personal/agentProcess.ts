import { promises as fs } from 'node:fs';

// Whether the agent that runs this hook can ask its user: Gemini CLI honours
// a hook's "ask" in an interactive session, and hangs on one when it runs
// headless (`-p`, or input that is not a terminal), waiting for an answer
// nobody can give. The hook is the agent's child (through a shell), so the
// agent is found among this process's ancestors by its command line, and
// its standard input is looked at. Linux only (/proc); anywhere it cannot
// tell, the answer is "headless": a refusal the user can read beats a
// session that never ends.

const MAX_DEPTH = 8;

export async function agentIsInteractive(program: string, pid = process.pid): Promise<boolean> {
  const found = await agentAncestor(program, pid);
  if (!found) return false;
  if (found.args.some((arg) => arg === '-p' || arg === '--prompt' || arg.startsWith('--prompt='))) return false;
  const input = await fs.readlink(`/proc/${found.pid}/fd/0`).catch(() => '');
  return /^\/dev\/(pts\/\d+|tty\w*)$/.test(input);
}

/** The agent's command line after its program (its subcommand and options), found among this process's ancestors; undefined where it cannot be told (no /proc). */
export async function ancestorCommandLine(program: string, pid = process.pid): Promise<string[] | undefined> {
  const found = await agentAncestor(program, pid);
  if (!found) return undefined;
  const at = found.args.findIndex((arg) => isProgram(arg, program));
  return found.args.slice(at + 1);
}

function isProgram(arg: string, program: string): boolean {
  return arg === program || arg.endsWith(`/${program}`) || arg.includes(`/${program}/`) || arg.includes(`/${program}-cli/`);
}

async function agentAncestor(program: string, pid: number): Promise<{ pid: number; args: string[] } | undefined> {
  let current = pid;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const parent = await parentOf(current);
    if (parent === undefined || parent <= 1) return undefined;
    const args = await commandLine(parent);
    if (args.some((arg) => isProgram(arg, program))) return { pid: parent, args };
    current = parent;
  }
  return undefined;
}

async function parentOf(pid: number): Promise<number | undefined> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  // The command name (field 2) is in parentheses and may hold spaces: the fields after its last ")" are fixed.
  const after = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  const parent = after ? Number(after[1]) : NaN;
  return Number.isInteger(parent) ? parent : undefined;
}

async function commandLine(pid: number): Promise<string[]> {
  const text = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return text.split('\0').filter(Boolean);
}
