// Benchmark of the GitHub Action on a 200-file pull request: dist/action.js
// run as the runner runs it (a new process, the event file, the summary and
// output files, GITHUB_API_URL at the local GitHub API server, which it asks
// for the comments and edits its sticky one), from process start to exit.
//
//   npm run compile && npx tsx bench/action.bench.ts [--runs N]
//
// Peers, measured in the same run on the same repository:
// - `git diff --numstat` of the same merge base and head: what reading the
//   change costs git itself, the floor of any check that looks at a diff;
// - a node process that only loads GitHub's Actions toolkit and octokit
//   (`@actions/core`, `@octokit/rest`): the floor of any JavaScript action
//   that annotates and comments.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pullRequestEvent, runnerEnv, runnerFiles } from '../test/support/actionRunner';
import { FakeGitHub } from '../test/support/fakeGitHub';
import { BIG_CHANGE_BRANCH, buildBigChange, EXPECTED_CHANGED_LINES } from './bigChange';

const repositoryRoot = path.resolve(__dirname, '..');
const ACTION = path.join(repositoryRoot, 'dist', 'action.js');
const RUNS = (() => {
  const at = process.argv.indexOf('--runs');
  const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
  return Number.isInteger(value) && value > 0 ? value : 7;
})();

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Wall time of a new process, start to exit, `runs` times: the median and the
 * range. Asynchronous, so the local API server in this process can answer.
 */
async function timeProcess(runs: number, command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ ms: number; min: number; max: number; exit: number }> {
  const times: number[] = [];
  let exit = 0;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'ignore', 'ignore'] });
    exit = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    times.push(performance.now() - start);
  }
  return { ms: median(times), min: Math.min(...times), max: Math.max(...times), exit };
}

async function main(): Promise<void> {
  if (!existsSync(ACTION)) throw new Error('dist/action.js is missing: run npm run compile first');
  console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'pm-zone-action-bench-'));
  const fake = await FakeGitHub.start({ login: 'github-actions[bot]' });
  try {
    const workspace = path.join(scratch, 'shop');
    buildBigChange(workspace);
    fake.addRepo('acme', 'shop', { branches: { [BIG_CHANGE_BRANCH]: 2 } });
    fake.addPullRequest('acme', 'shop', { head: BIG_CHANGE_BRANCH, author: 'alice' });
    const files = runnerFiles(scratch, pullRequestEvent({ branch: BIG_CHANGE_BRANCH, body: '**Problem:** every generated feature reads better.\n\n## AI assistance\n\nNone.\n' }));
    const env = runnerEnv({ PATH: process.env.PATH, HOME: scratch, GIT_CONFIG_NOSYSTEM: '1' }, { workspace, files, apiUrl: fake.apiUrl, token: fake.token });
    const base = execFileSync('git', ['merge-base', 'main', 'HEAD'], { cwd: workspace, encoding: 'utf8' }).trim();
    const changed = execFileSync('git', ['diff', '--name-only', `${base}..HEAD`], { cwd: workspace, encoding: 'utf8' }).trim().split('\n').length;

    // One run first, outside the timing: the sticky comment exists from then on, as on every push after the first.
    const first = await timeProcess(1, process.execPath, [ACTION], { cwd: workspace, env });
    const action = await timeProcess(RUNS, process.execPath, [ACTION], { cwd: workspace, env });
    const cli = await timeProcess(RUNS, process.execPath, [path.join(repositoryRoot, 'dist', 'cli.js'), 'review', '--json'], { cwd: workspace, env });
    const gitDiff = await timeProcess(RUNS, 'git', ['diff', '--numstat', `${base}..HEAD`], { cwd: workspace, env });
    const toolkit = await timeProcess(RUNS, process.execPath, ['-e', "require('@actions/core'); require('@octokit/rest')"], { cwd: repositoryRoot });

    const outputs = readFileSync(files.outputPath, 'utf8');
    const blockers = /^blockers<<(\S+)\n(\d+)/m.exec(outputs)?.[2] ?? /blockers=(\d+)/.exec(outputs)?.[1] ?? '?';
    const comments = fake.comments('acme', 'shop', 1).length;
    const row = (name: string, t: { ms: number; min: number; max: number }) => `  ${name.padEnd(52)} ${t.ms.toFixed(0).padStart(5)} ms  (${t.min.toFixed(0)}–${t.max.toFixed(0)})`;
    console.log(`\nThe action on a pull request of ${changed} files and ${EXPECTED_CHANGED_LINES.toLocaleString('en')} changed lines (median of ${RUNS} runs, process start to exit)`);
    console.log(`  first run (creates the sticky comment)              ${first.ms.toFixed(0).padStart(5)} ms, exit ${first.exit}`);
    console.log(row('node dist/action.js (edits the sticky comment)', action) + `  exit ${action.exit}, ${blockers} blockers, ${comments} comment(s) on the PR`);
    console.log(row('node dist/cli.js review --json (the same review, local)', cli) + `  exit ${cli.exit}`);
    console.log(row('git diff --numstat of the same range', gitDiff) + `  → the action takes ${(action.ms / gitDiff.ms).toFixed(1)}×`);
    console.log(row('node loading @actions/core and @octokit/rest only', toolkit) + `  → the action takes ${(action.ms / toolkit.ms).toFixed(1)}×`);
  } finally {
    await fake.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

void main();
