// Benchmark of the commands people and hooks run most, each against node's
// own start: the package as `npm pack` makes it, installed from the tarball
// into a project, each command a whole process from its start to its exit.
//
//   npx tsx bench/startup.bench.ts [--runs N] [--tarball FILE] [--keep-start-variables]
//
// Without NODE_EXTRA_CA_CERTS and the like (childCpu.ts), which add to every
// node start; with `--keep-start-variables`, with them as set.
// The figure is CPU seconds (user + system, the operating system's own
// account of the finished process and everything it waited for): on a shared
// machine it moves far less than the wall clock. Each command runs in turn
// with the peer, `node -e ''` (starting node and nothing else), pair by pair
// (A B A B …), and the ratio is the median of the pairs' ratios, so it holds
// while the machine's speed drifts. The commands, on the sample repository
// as a clone has it (origin/HEAD set), the agents' hooks committed on main,
// with a one-line copy change in the working tree:
// - `pm-zone --version`;
// - `pm-zone whoami`;
// - `pm-zone explain` of two paths (one in the PM zone, one locked);
// - `pm-zone check-config`;
// - `pm-zone review` of the one-line change;
// - a guard decision through the command line `agents init` writes for
//   Claude Code (`sh -c …`: the launcher verified by its hash, then run), an
//   Edit of a locked file (denied), the policy cache warm: given from the
//   answer the guard kept, where all its decision observed holds
//   (src/core/agents/keptAnswers.ts);
// - the same Edit decided by the guard (the kept answers removed before each
//   run);
// - the same for a Bash tool call (`git add … && git commit -m …`) the guard
//   read before, answered from its cache of shell lines in the git folder;
// - the same line read anew (that cache removed before each run: the bash
//   grammar loaded and the line read);
// - the same Edit as the first decision after a commit that changed no
//   policy file;
// - `pm-zone whoami` again with CLAUDE.md just written (the same bytes, a new
//   state: its policy entry found good by those bytes, compared with the ones
//   kept beside its held record, src/core/agents/heldEntry.ts).
// Then, where the benchmark corpus is found (`--corpus DIR`, see corpus.ts),
// `whoami`, `explain` of two paths, `review` of a one-line change and the
// guard's Edit again in a repository of nuttx's 27,017 paths (empty files)
// with its CODEOWNERS of 16,717 rules, the largest real one the corpus holds.
// A review must ask git what changed in the working tree, so each review is
// also run in turn with `git status`, which walks the same tree (every
// tracked file's state, every folder for untracked files) in one process:
// the figure says how much of the review is git's own walk, and where that
// walk alone costs more than a goal leaves, no code of PM Zone's can meet it.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createSampleRepo } from '../scripts/sample-repo.mjs';
import { argument, runsArgument } from './benchArguments';
import { childCpu, measuringEnvironment, MEASURING_SHELL } from './childCpu';
import { corpusDirectory, readCorpus } from './corpus';
import { installedPackage, packedTarball } from './packedInstall';

const repositoryRoot = path.resolve(__dirname, '..');
const RUNS = runsArgument(15);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One run's CPU seconds (bench/childCpu.ts: the command and every process it waited for), and what it printed. */
function cpuOnce(command: string[], input: string, cwd: string, env: NodeJS.ProcessEnv): { cpu: number; stdout: string } {
  const { cpu } = childCpu(command, { cwd, env: { ...env, IN: inputFile(input), OUT: outputFile }, input: true });
  return { cpu, stdout: readFileSync(outputFile, 'utf8') };
}

let scratch = '';
let outputFile = '';
const inputs = new Map<string, string>();
function inputFile(text: string): string {
  let file = inputs.get(text);
  if (!file) {
    file = path.join(scratch, `input-${inputs.size}`);
    writeFileSync(file, text);
    inputs.set(text, file);
  }
  return file;
}

interface Case {
  name: string;
  command: string[];
  input?: string;
  before?: () => void;
  expect: (stdout: string) => boolean;
  goal: number;
  /** Where it runs: the sample repository unless given. */
  cwd?: string;
  /**
   * A second peer, run in turn with the command and node, given the command's input: the part of the work the command
   * cannot skip. `startsNode` where the floor is itself a node process (its share holds node's start), else it is what
   * git takes beside it; `expect` tells a floor that did its work from one that failed.
   */
  floor?: Floor;
}

interface Floor {
  name: string;
  command: string[];
  startsNode?: boolean;
  /** Throws where the floor's run did not do the work it stands for. */
  expect: (stdout: string, cwd: string) => void;
  /** What the goal's rest is beyond, in the report: "node's start and the walk". */
  after: string;
}

/**
 * `git status` as a review's floor: the working tree's walk the review asks git for, in one process. Without optional
 * locks, as an editor's git runs it: status then leaves the index as it found it, which the review's record of the
 * index's tree is kept by (src/core/git/indexTree.ts), so the review after it is timed as a person's next one.
 */
const GIT_STATUS_FLOOR: Floor = {
  name: 'git status',
  command: ['git', '--no-optional-locks', '-c', 'core.fsmonitor=false', 'status', '--porcelain', '-z'],
  // The one-line change is what it lists: a run that lists nothing failed (or walked another tree), and is no floor.
  expect: (stdout, cwd) => {
    if (stdout === '') throw new Error(`git status listed nothing in ${cwd}: not the walk the review asks for`);
  },
  after: "node's start and the walk",
};

/**
 * What every guard decision pays before PM Zone's guard decides anything: the hook line `agents init` wrote, verifying
 * the launcher by its SHA-256, then the launcher finding PM Zone and verifying its signed identity and `dist/guard.js`'s
 * hash (`--locate`, which prints what it found and runs no guard). Compiling the guard is not in it. The command is
 * the case's own, the hook line's last words changed.
 */
function trustChainFloor(command: readonly string[]): Floor {
  const line = command[command.length - 1];
  const locating = line.replace(/ --agent claude(?= \|\|)/, ' --locate');
  if (locating === line) throw new Error(`the hook line no longer ends its launcher's arguments as this bench expects: ${line.slice(-200)}`);
  return {
    name: 'the trust chain (the hook line and the launcher verifying the guard, no decision)',
    command: [...command.slice(0, -1), locating],
    startsNode: true,
    expect: (stdout) => {
      if (!/"guard":"[^"]+guard\.js"/.test(stdout)) throw new Error(`the launcher did not find a verified guard: ${stdout}`);
    },
    after: 'the trust chain',
  };
}

function main(): void {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'pm-zone-startup-bench-'));
  outputFile = path.join(scratch, 'output');
  try {
    const tarball = packedTarball(scratch, argument('--tarball'));
    const { root } = createSampleRepo(path.join(scratch, 'shop'), { branch: 'pm/checkout-copy' });
    const measuring = measuringEnvironment(process.env);
    const env = { ...measuring.env, GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1', CLAUDE_PROJECT_DIR: root, NO_COLOR: '1' };
    // Installed from the tarball into a project of its own, offline, then laid into the sample's node_modules as npm lays it.
    cpSync(installedPackage(tarball, scratch, env), path.join(root, 'node_modules', 'pm-zone'), { recursive: true });
    const cli = path.join(root, 'node_modules', 'pm-zone', 'dist', 'cli.js');
    const gitHere = (...args: string[]) => execFileSync('git', args, { cwd: root, env, stdio: 'ignore' });
    // The hooks as an engineer writes them; the decisions are the pilot PM's (the sample's git e-mail).
    gitHere('config', 'user.email', 'dana@acme.test');
    execFileSync(process.execPath, [cli, 'agents', 'init', '--agent', 'claude'], { cwd: root, env, stdio: 'ignore' });
    // The hooks are engineering's, committed on main in a real repository: not part of the PM's one-line change, and not
    // files git ignores (check-config would find them so, an error, and spend two more git processes saying why).
    gitHere('stash', '--quiet');
    gitHere('checkout', '--quiet', 'main');
    gitHere('add', '--', '.pmzone/guard.cjs', '.claude/settings.json');
    gitHere('-c', 'user.name=Dana', 'commit', '--quiet', '--no-verify', '-m', 'Coding agents: PM Zone guard');
    gitHere('checkout', '--quiet', 'pm/checkout-copy');
    gitHere('reset', '--quiet', '--hard', 'main');
    gitHere('stash', 'pop', '--quiet');
    gitHere('config', 'user.email', 'alice@acme.test');
    // A PM's repository is a clone: origin's main and origin/HEAD as `git clone` writes them. Without origin/HEAD every
    // review asks the remote for its default branch (the sample's origin names GitHub), so the figure would be the network's.
    gitHere('update-ref', 'refs/remotes/origin/main', 'refs/heads/main');
    gitHere('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
    const settings = JSON.parse(readFileSync(path.join(root, '.claude', 'settings.json'), 'utf8'));
    const hook: string = settings.hooks.PreToolUse[0].hooks[0].command;

    const edit = JSON.stringify({ session_id: 'bench', cwd: root, hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: path.join(root, 'src/auth/session.ts'), old_string: 'a', new_string: 'b' } });
    const commit = "git add src/features/checkout/i18n/en.json && git commit -m \"$(cat <<'EOF'\nCheckout: clearer pay button copy\nEOF\n)\"";
    const bash = JSON.stringify({ session_id: 'bench', cwd: root, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: commit } });
    const denies = (stdout: string) => stdout.includes('"permissionDecision":"deny"');
    const node = (...args: string[]) => [process.execPath, cli, ...args];
    // A commit that changes no policy file: each run's first decision comes after one.
    const scratchFile = path.join(root, 'docs', 'bench-scratch.md');
    let commits = 0;
    const commitSomething = () => {
      mkdirSync(path.dirname(scratchFile), { recursive: true });
      writeFileSync(scratchFile, `run ${commits++}\n`);
      execFileSync('git', ['add', '--', scratchFile], { cwd: root, env });
      execFileSync('git', ['commit', '--quiet', '--no-verify', '-m', 'bench'], { cwd: root, env });
    };
    const forgetShellLines = () => rmSync(path.join(root, '.git', 'pm-zone', 'guard-shell.json'), { force: true });
    // The launcher gives a kept answer where all its decision observed holds (src/core/agents/keptAnswers.ts): without them, the guard decides.
    const forgetAnswers = () => rmSync(path.join(root, '.git', 'pm-zone', 'guard-answers.json'), { force: true });
    // The same bytes written again: CLAUDE.md's state is new, so the policy entry is not held by its state but by its bytes, compared with the ones kept.
    const claudeFile = path.join(root, 'CLAUDE.md');
    const rewriteClaude = () => writeFileSync(claudeFile, readFileSync(claudeFile));
    const cases: Case[] = [
      { name: 'pm-zone --version', command: node('--version'), expect: (stdout) => /^\d+\.\d+\.\d+/.test(stdout), goal: 1.5 },
      { name: 'pm-zone whoami', command: node('whoami'), expect: (stdout) => stdout.includes('@alice'), goal: 2 },
      { name: 'pm-zone explain, 2 paths', command: node('explain', 'src/features/checkout/i18n/en.json', 'src/auth/session.ts'), expect: (stdout) => stdout.includes('src/auth/session.ts'), goal: 2 },
      { name: 'pm-zone check-config', command: node('check-config'), expect: (stdout) => stdout.length > 0, goal: 3 },
      { name: 'pm-zone review, a one-line change', command: node('review'), expect: (stdout) => stdout.length > 0, goal: 4, floor: GIT_STATUS_FLOOR },
      { name: 'guard, an Edit (the hook line agents init writes, policy cached)', command: ['sh', '-c', hook], input: edit, expect: denies, goal: 1.5, floor: trustChainFloor(['sh', '-c', hook]) },
      { name: 'guard, the same Edit decided (no answer kept)', command: ['sh', '-c', hook], input: edit, before: forgetAnswers, expect: denies, goal: 1.5 },
      { name: 'guard, a Bash commit line read before (the shell line cache)', command: ['sh', '-c', hook], input: bash, expect: (stdout) => stdout === '', goal: 1.5 },
      { name: 'guard, the same Bash line read anew (the bash grammar loaded)', command: ['sh', '-c', hook], input: bash, before: forgetShellLines, expect: (stdout) => stdout === '', goal: 1.5 },
      { name: 'guard, an Edit, the first decision after a commit', command: ['sh', '-c', hook], input: edit, before: commitSomething, expect: denies, goal: 1.5 },
      // Last of the sample's: the commands after it would find CLAUDE.md just written.
      { name: 'pm-zone whoami, CLAUDE.md just written (the same bytes: compared)', command: node('whoami'), before: rewriteClaude, expect: (stdout) => stdout.includes('@alice'), goal: 2 },
    ];
    const large = largeRepository(root, env);
    if (large) cases.push(...large.cases);
    const peer = [process.execPath, '-e', ''];
    // Each command once, then a wait: the policy entries are held (src/core/agents/heldEntry.ts) only once their files and they
    // had last changed two seconds before a run started, as they have in a repository between two commands a person types.
    for (const one of cases) {
      one.before?.();
      cpuOnce(one.command, one.input ?? '', one.cwd ?? root, env);
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2200);

    console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}; ${path.basename(tarball)} installed; ${RUNS} runs of each, in turn with node -e '' (CPU seconds to ${MEASURING_SHELL.resolution}, medians)${measuring.note}`);
    console.log(`  ${'what'.padEnd(70)} ${'CPU s'.padStart(6)} ${'node'.padStart(6)} ${'ratio'.padStart(6)}  goal`);
    for (const one of cases) {
      const cwd = one.cwd ?? root;
      // What the row before wrote settles first, as it has between two commands a person types or two tool calls of an
      // agent, a model's turn apart: the caches are held by their states, and the guard's answer kept, only two seconds on.
      cpuOnce(one.command, one.input ?? '', cwd, env);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2200);
      const first = cpuOnce(one.command, one.input ?? '', cwd, env);
      if (!one.expect(first.stdout)) throw new Error(`${one.name} did not give the expected answer: ${first.stdout}`);
      const times: number[] = [];
      const peers: number[] = [];
      const ratios: number[] = [];
      const floors: { cpu: number[]; overNode: number[]; under: number[] } = { cpu: [], overNode: [], under: [] };
      for (let run = 0; run < RUNS; run++) {
        one.before?.();
        const a = cpuOnce(one.command, one.input ?? '', cwd, env);
        const b = cpuOnce(peer, '', cwd, env);
        if (!one.expect(a.stdout)) throw new Error(`${one.name}: run ${run} answered ${a.stdout}`);
        times.push(a.cpu);
        peers.push(b.cpu);
        ratios.push(a.cpu / Math.max(b.cpu, 0.001));
        if (one.floor) {
          const c = cpuOnce(one.floor.command, one.input ?? '', cwd, env);
          one.floor.expect(c.stdout, cwd);
          floors.cpu.push(c.cpu);
          floors.overNode.push(c.cpu / Math.max(b.cpu, 0.001));
          floors.under.push(a.cpu / Math.max(c.cpu, 0.001));
        }
      }
      const ratio = median(ratios);
      console.log(`  ${one.name.padEnd(70)} ${median(times).toFixed(3).padStart(6)} ${median(peers).toFixed(3).padStart(6)} ${`${ratio.toFixed(2)}×`.padStart(6)}  ≤ ${one.goal}× ${ratio <= one.goal ? 'met' : 'NOT met'}`);
      if (one.floor) {
        const alone = median(floors.overNode);
        const left = one.goal - alone - (one.floor.startsNode ? 0 : 1);
        console.log(`    ${one.floor.name} alone, in turn with both: ${median(floors.cpu).toFixed(3)} s, ${alone.toFixed(2)}× node's start; the command is ${median(floors.under).toFixed(2)}× it; the goal leaves ${left > 0 ? `${left.toFixed(2)}×` : 'nothing'} for PM Zone's code beyond ${one.floor.after}`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * nuttx's paths as empty files, its CODEOWNERS and the sample's CLAUDE.md,
 * committed, with the package and the hooks laid in as in the sample; the
 * cases to time there. Undefined, with a line saying so, without the corpus.
 */
function largeRepository(sample: string, env: NodeJS.ProcessEnv): { cases: Case[] } | undefined {
  const nuttx = readCorpus(corpusDirectory(process.argv, repositoryRoot))?.find((one) => one.name === 'nuttx');
  if (!nuttx) {
    console.log('(the corpus with nuttx is not found: the large repository is not timed; --corpus DIR)');
    return undefined;
  }
  const root = path.join(scratch, 'large');
  mkdirSync(root);
  for (const file of nuttx.paths) {
    mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
    writeFileSync(path.join(root, file), '');
  }
  mkdirSync(path.join(root, '.github'), { recursive: true });
  writeFileSync(path.join(root, '.github', 'CODEOWNERS'), nuttx.codeowners);
  cpSync(path.join(sample, 'CLAUDE.md'), path.join(root, 'CLAUDE.md'));
  writeFileSync(path.join(root, '.gitignore'), 'node_modules/\n');
  execFileSync('git', ['init', '--quiet'], { cwd: root, env });
  execFileSync('git', ['add', '--all'], { cwd: root, env });
  execFileSync('git', ['-c', 'user.email=dana@acme.test', '-c', 'user.name=Dana', 'commit', '--quiet', '--no-verify', '-m', 'nuttx paths'], { cwd: root, env });
  cpSync(path.join(sample, 'node_modules', 'pm-zone'), path.join(root, 'node_modules', 'pm-zone'), { recursive: true });
  const cli = path.join(root, 'node_modules', 'pm-zone', 'dist', 'cli.js');
  execFileSync('git', ['config', 'user.email', 'dana@acme.test'], { cwd: root });
  execFileSync(process.execPath, [cli, 'agents', 'init', '--agent', 'claude'], { cwd: root, env: { ...env, CLAUDE_PROJECT_DIR: root }, stdio: 'ignore' });
  execFileSync('git', ['config', 'user.email', 'alice@acme.test'], { cwd: root });
  // The hooks committed as an engineer commits them, then the PM's branch with a one-line change, as on the sample.
  execFileSync('git', ['add', '--all'], { cwd: root, env });
  execFileSync('git', ['-c', 'user.email=dana@acme.test', '-c', 'user.name=Dana', 'commit', '--quiet', '--no-verify', '-m', 'Agents hooks'], { cwd: root, env });
  execFileSync('git', ['checkout', '--quiet', '-b', 'pm/readme'], { cwd: root, env });
  writeFileSync(path.join(root, 'README.md'), 'A line of copy.\n');
  const hook: string = JSON.parse(readFileSync(path.join(root, '.claude', 'settings.json'), 'utf8')).hooks.PreToolUse[0].hooks[0].command;
  const owned = nuttx.paths.find((file) => file.startsWith('arch/arm/')) ?? nuttx.paths[0];
  const edit = JSON.stringify({ session_id: 'bench', cwd: root, hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: path.join(root, owned), old_string: 'a', new_string: 'b' } });
  const node = (...args: string[]) => [process.execPath, cli, ...args];
  const at = `nuttx, ${nuttx.paths.length.toLocaleString('en')} paths`;
  // The hook line names the project folder by $CLAUDE_PROJECT_DIR, which the sample's env sets: here it names the large repository.
  const guardLine = ['sh', '-c', `CLAUDE_PROJECT_DIR='${root}'; ${hook}`];
  return {
    cases: [
      { name: `pm-zone whoami (${at})`, command: node('whoami'), expect: (stdout) => stdout.includes('@alice'), goal: 2, cwd: root },
      { name: `pm-zone explain, 2 paths (${at})`, command: node('explain', owned, 'README.md'), expect: (stdout) => stdout.includes(owned), goal: 2, cwd: root },
      { name: `pm-zone review, a one-line change (${at})`, command: node('review'), expect: (stdout) => stdout.includes('README.md'), goal: 4, cwd: root, floor: GIT_STATUS_FLOOR },
      { name: `guard, an Edit (${at})`, command: guardLine, input: edit, expect: (stdout) => stdout.includes('permissionDecision'), goal: 1.5, cwd: root, floor: trustChainFloor(guardLine) },
    ],
  };
}

main();
