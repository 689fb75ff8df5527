// Benchmark of the coding agents' guard as a hook runs it: the command line
// `pm-zone agents init` writes for Claude Code, through sh, on the sample
// repository with PM Zone installed in node_modules, one decision (an Edit
// of a locked file, denied), from process start to exit. Every agent lets an
// edit through when its hook times out, so the guard must cost little more
// than starting node.
//
//   npm run compile && npx tsx bench/guard.bench.ts [--runs N] [--keep-start-variables]
//
// Each case runs in turn with the peer, `node -e ''` (starting node and
// nothing else), pair by pair, so the ratio holds while the machine's speed
// drifts. Cases:
// - the hook's command line, the policy cache warm (every call but the first
//   after CLAUDE.md or CODEOWNERS changed);
// - the same with the cache removed before each run (the first call);
// - a shell command judged on what it finds (`find … -exec`): the tracked files listed and matched;
// - an ordinary shell command (`git add … && git commit` with a here-document):
//   the bash grammar loaded and the line read, nothing to judge;
// - a tool that writes nothing (a Read): the decision made from the payload alone;
// - `npx --no-install pm-zone guard` and `node dist/cli.js guard`: the
//   command lines not chosen, the full command line program behind each;
// - a pilot PM's own hook (`agents init --me`) from a subfolder: the line
//   verifying the user-level launcher, which verifies PM Zone's guard and
//   runs it (an Edit of a locked file, denied);
// - the same for Gemini CLI on `npm test`: rewritten to run under srt.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createSampleRepo } from '../scripts/sample-repo.mjs';
import { measuringEnvironment } from './childCpu';

const repositoryRoot = path.resolve(__dirname, '..');
const RUNS = (() => {
  const at = process.argv.indexOf('--runs');
  const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
  return Number.isInteger(value) && value > 0 ? value : 21;
})();

/** How an agent commits for a PM: the message in a here-document, through a command substitution. */
const ORDINARY_COMMIT = "git add src/features/checkout/i18n/en.json && git commit -m \"$(cat <<'EOF'\nCheckout: clearer pay button copy\n\nThe button said Submit; it now says Pay now.\nEOF\n)\"";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Case {
  name: string;
  command: string[];
  input: string;
  before?: () => void;
  expect: (stdout: string) => boolean;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

function timeOnce(command: string[], input: string, cwd: string, env: NodeJS.ProcessEnv): { ms: number; stdout: string; status: number | null } {
  const start = performance.now();
  const result = spawnSync(command[0], command.slice(1), { cwd, env, input, encoding: 'utf8' });
  return { ms: performance.now() - start, stdout: result.stdout, status: result.status };
}

function main(): void {
  for (const file of ['guard.js', 'core.js', 'cli.js', 'run.js', 'zone.js', 'shell-parser.js']) if (!existsSync(path.join(repositoryRoot, 'dist', file))) throw new Error(`dist/${file} is missing: run npm run compile first`);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'pm-zone-guard-bench-'));
  try {
    const root = createSampleRepo(path.join(scratch, 'shop')).root;
    const measuring = measuringEnvironment(process.env);
    const env = { ...measuring.env, GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1', CLAUDE_PROJECT_DIR: root };
    // PM Zone as `npm install --save-dev pm-zone` lays it out, with its bin link for npx.
    const installed = path.join(root, 'node_modules', 'pm-zone');
    mkdirSync(path.join(installed, 'dist'), { recursive: true });
    for (const file of ['guard.js', 'core.js', 'cli.js', 'run.js', 'zone.js', 'config.js', 'vega.js', 'shell-parser.js', 'guard-libraries.js', 'guard-glob.js', 'web-tree-sitter.wasm', 'tree-sitter-bash.wasm', 'identity.json']) cpSync(path.join(repositoryRoot, 'dist', file), path.join(installed, 'dist', file));
    chmodSync(path.join(installed, 'dist', 'cli.js'), 0o755);
    writeFileSync(path.join(installed, 'package.json'), JSON.stringify({ name: 'pm-zone', version: '0.0.0-bench', bin: { 'pm-zone': 'dist/cli.js' } }));
    mkdirSync(path.join(root, 'node_modules', '.bin'));
    symlinkSync('../pm-zone/dist/cli.js', path.join(root, 'node_modules', '.bin', 'pm-zone'));
    // The hooks as an engineer writes them; the decisions are the pilot PM's (the sample's git e-mail).
    execFileSync('git', ['config', 'user.email', 'dana@acme.test'], { cwd: root });
    execFileSync(process.execPath, [path.join(repositoryRoot, 'dist', 'cli.js'), 'agents', 'init', '--agent', 'claude'], { cwd: root, env, stdio: 'ignore' });
    execFileSync('git', ['config', 'user.email', 'alice@acme.test'], { cwd: root });
    const settings = JSON.parse(readFileSync(path.join(root, '.claude', 'settings.json'), 'utf8'));
    const hook: string = settings.hooks.PreToolUse[0].hooks[0].command;
    // The pilot PM's own hooks, in a home folder of the bench's; srt where the repository would install it (never run here).
    const home = path.join(scratch, 'home');
    mkdirSync(path.join(root, 'node_modules', '@anthropic-ai', 'sandbox-runtime', 'dist'), { recursive: true });
    writeFileSync(path.join(root, 'node_modules', '@anthropic-ai', 'sandbox-runtime', 'dist', 'cli.js'), '');
    execFileSync(process.execPath, [path.join(installed, 'dist', 'cli.js'), 'agents', 'init', '--me', '--agent', 'claude', '--agent', 'gemini'], { cwd: root, env: { ...env, HOME: home }, stdio: 'ignore' });
    const userLine = (agent: string, event: string) => JSON.parse(readFileSync(path.join(home, `.${agent}`, 'settings.json'), 'utf8')).hooks[event][0].hooks[0].command as string;
    const subfolder = path.join(root, 'src', 'features', 'checkout');
    const fromSubfolder = { ...env, HOME: home, CLAUDE_PROJECT_DIR: subfolder, GEMINI_PROJECT_DIR: subfolder };

    const payload = (tool: string, file: string) => JSON.stringify({ session_id: 'bench', cwd: root, hook_event_name: 'PreToolUse', tool_name: tool, tool_input: { file_path: path.join(root, file), old_string: 'a', new_string: 'b' } });
    const edit = payload('Edit', 'src/auth/session.ts');
    const bash = (command: string) => JSON.stringify({ session_id: 'bench', cwd: root, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });
    const denies = (stdout: string) => stdout.includes('"permissionDecision":"deny"');
    const cache = path.join(root, '.git', 'pm-zone', 'guard-policy.json');
    const cases: Case[] = [
      { name: "the hook's command line agents init writes for Claude Code (the launcher verified by its hash, then run), policy cached", command: ['sh', '-c', hook], input: edit, expect: denies },
      { name: 'the same, first call (no cache: CLAUDE.md parsed)', command: ['sh', '-c', hook], input: edit, before: () => rmSync(cache, { force: true }), expect: denies },
      { name: 'the same, a Bash `find … -exec sed -i` (what find finds, matched against every tracked file)', command: ['sh', '-c', hook], input: bash('find . -name "*.md" -exec sed -i s/a/b/ {} +'), expect: denies },
      { name: 'the same, a Bash `git add … && git commit -m "$(cat <<\'EOF\' …)"` (the bash grammar loaded and the line read; nothing written)', command: ['sh', '-c', hook], input: bash(ORDINARY_COMMIT), expect: (stdout) => stdout === '' },
      { name: 'the same, a Read (nothing written: decided from the payload)', command: ['sh', '-c', hook], input: payload('Read', 'src/auth/session.ts'), expect: (stdout) => stdout === '' },
      { name: 'npx --no-install pm-zone guard --agent claude', command: ['npx', '--no-install', 'pm-zone', 'guard', '--agent', 'claude'], input: edit, expect: denies },
      { name: 'node dist/cli.js guard --agent claude (the full CLI)', command: [process.execPath, path.join(installed, 'dist', 'cli.js'), 'guard', '--agent', 'claude'], input: edit, expect: denies },
      { name: "a pilot PM's own hook (agents init --me), from a subfolder: the launchers verified, then the guard", command: ['sh', '-c', userLine('claude', 'PreToolUse')], input: edit, expect: denies, env: fromSubfolder, cwd: subfolder },
      {
        name: "the same for Gemini CLI's `npm test`, rewritten to run under srt",
        command: ['sh', '-c', userLine('gemini', 'BeforeTool')],
        input: JSON.stringify({ session_id: 'bench', cwd: subfolder, hook_event_name: 'BeforeTool', tool_name: 'run_shell_command', tool_input: { command: 'npm test' } }),
        expect: (stdout) => stdout.includes('sandbox-runtime'),
        env: fromSubfolder,
        cwd: subfolder,
      },
    ];
    const peer = [process.execPath, '-e', ''];

    console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${RUNS} runs of each, in turn with the peer${measuring.note}`);
    for (const one of cases) {
      const warm = timeOnce(one.command, one.input, one.cwd ?? root, one.env ?? env);
      if (!one.expect(warm.stdout)) throw new Error(`${one.name} did not give the expected answer: ${warm.stdout}`);
      const times: number[] = [];
      const peers: number[] = [];
      const ratios: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        one.before?.();
        const a = timeOnce(one.command, one.input, one.cwd ?? root, one.env ?? env);
        const b = timeOnce(peer, '', root, env);
        if (!one.expect(a.stdout)) throw new Error(`${one.name}: run ${run} answered ${a.stdout}`);
        times.push(a.ms);
        peers.push(b.ms);
        ratios.push(a.ms / b.ms);
      }
      console.log(`  ${one.name}\n    ${median(times).toFixed(0)} ms (${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}); node -e '' ${median(peers).toFixed(0)} ms; ratio ${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
