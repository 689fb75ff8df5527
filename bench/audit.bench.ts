// Benchmark of `pm-zone audit` on an organisation-sized history: 5,000 pull
// requests on the local GitHub API server, 50 of them by pilot PMs, merged
// into a real git repository with a planning doc each and a flag flip after
// most of them; the other 4,950 exist only on GitHub, as another team's work.
//
//   npx tsx bench/audit.bench.ts [--runs N]
//
// The peer, in the same run: listing the 5,000 pull requests alone with
// octokit's paginate, the floor of any tool that reads them through the REST
// API. API calls are counted from the server's log.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Octokit } from '@octokit/rest';
import { createSampleRepo } from '../scripts/sample-repo.mjs';
import { runCli } from '../src/cli/run';
import { FakeGitHub } from '../test/support/fakeGitHub';
import { PLANNING_TEXT } from '../test/support/finishedPlanning';

const TOTAL = 5_000;
const PILOT = 50;
const RUNS = (() => {
  const at = process.argv.indexOf('--runs');
  const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
  return Number.isInteger(value) && value > 0 ? value : 3;
})();

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString().replace('.000Z', 'Z');

/** 50 pilot changes, each a feature folder with its planning doc and flag, merged with --no-ff; most flipped after. */
const heads = new Map<number, string>();

function buildHistory(root: string): Map<number, string> {
  createSampleRepo(root);
  const env = { ...process.env, GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1' };
  const git = (date: string, ...args: string[]) => execFileSync('git', args, { cwd: root, env: { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }, stdio: 'pipe', encoding: 'utf8' }).trim();
  const merges = new Map<number, string>();
  // Each pilot change adds a flag of its own, owned by its PM in CLAUDE.md as the working agreement asks.
  const claude = path.join(root, 'CLAUDE.md');
  const owned = Array.from({ length: PILOT }, (_, index) => `| \`pilot_${index + 1}\` | @alice |`).join('\n');
  writeFileSync(claude, readFileSync(claude, 'utf8').replace('| `checkout_copy_v2` | @alice |', `| \`checkout_copy_v2\` | @alice |\n${owned}`));
  git(day(0), 'commit', '--quiet', '--no-verify', '-am', 'Owned flags of the pilot changes');
  for (let n = 1; n <= PILOT; n++) {
    const folder = `src/features/checkout/pilot${n}`;
    const flag = `pilot_${n}`;
    git(day(n * 4), 'checkout', '--quiet', '-b', `alice/pilot-${n}`, 'main');
    mkdirSync(path.join(root, folder), { recursive: true });
    writeFileSync(path.join(root, folder, 'PLANNING.md'), PLANNING_TEXT.replace('flag: checkout_copy_v2', `flag: ${flag}`));
    writeFileSync(path.join(root, folder, 'flags.yaml'), `flags:\n  - name: ${flag}\n    owner: "@alice"\n    enabled: false\n    rollout: 0\n`);
    git(day(n * 4), 'add', '--all');
    git(day(n * 4), 'commit', '--quiet', '--no-verify', '-m', `Pilot ${n}: planning and flag`);
    git(day(n * 4 + 2), 'checkout', '--quiet', 'main');
    git(day(n * 4 + 2), 'merge', '--quiet', '--no-ff', '--no-verify', '-m', `Merge pilot ${n}`, `alice/pilot-${n}`);
    merges.set(n, git(day(n * 4 + 2), 'rev-parse', 'HEAD'));
    heads.set(n, git(day(n * 4 + 2), 'rev-parse', `alice/pilot-${n}`));
    if (n % 5 !== 0) {
      writeFileSync(path.join(root, folder, 'flags.yaml'), `flags:\n  - name: ${flag}\n    owner: "@alice"\n    enabled: true\n    rollout: 25\n`);
      git(day(n * 4 + 3), 'commit', '--quiet', '--no-verify', '-am', `Flip ${flag}`);
    }
  }
  return merges;
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'pm-zone-audit-bench-'));
  const fake = await FakeGitHub.start({ login: 'auditor' });
  try {
    const root = path.join(scratch, 'shop');
    const built = performance.now();
    const merges = buildHistory(root);
    const buildMs = performance.now() - built;
    fake.addRepo('acme', 'shop');
    // Pilot pull requests spread among the others, as in a real organisation.
    for (let number = 1, pilot = 1; number <= TOTAL; number++) {
      if (pilot <= PILOT && number % (TOTAL / PILOT) === 0) {
        fake.addPullRequest('acme', 'shop', {
          head: `alice/pilot-${pilot}`, headSha: heads.get(pilot)!, author: 'alice', labels: ['pm-authored'], state: 'closed', title: `Pilot ${pilot}`,
          createdAt: day(pilot * 4 + 1), mergedAt: day(pilot * 4 + 2), mergeCommitSha: merges.get(pilot)!,
          reviews: [{ author: 'dana', state: 'CHANGES_REQUESTED', submittedAt: day(pilot * 4 + 1) }, { author: 'dana', state: 'APPROVED', submittedAt: day(pilot * 4 + 2) }],
        });
        pilot++;
      } else {
        fake.addPullRequest('acme', 'shop', { head: `team/change-${number}`, author: `dev${number % 40}`, state: 'closed', createdAt: day(number / 25) });
      }
    }
    const env = { ...process.env, GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1', GITHUB_TOKEN: fake.token };
    const runAudit = async (...extra: string[]) => {
      let output = '';
      fake.requests.length = 0;
      const start = performance.now();
      const code = await runCli(['audit', '--json', '--repo', 'acme/shop', '--api-url', fake.apiUrl, '--cwd', root, ...extra], {
        stdout: { write: (text: string) => (output += text) }, stderr: { write: (text: string) => process.stderr.write(text) }, cwd: root, env,
      });
      if (code !== 0) throw new Error(`pm-zone audit exited ${code}`);
      return { ms: performance.now() - start, calls: fake.requests.length, output };
    };
    const cold = [];
    for (let run = 0; run < RUNS; run++) cold.push(await runAudit('--no-cache'));
    const times = cold.map((run) => run.ms);
    const calls = cold[0]!.calls;
    const output = cold[0]!.output;
    // The same range again with the copy in the git folder: the first run fills it.
    await runAudit();
    const warm = [];
    for (let run = 0; run < RUNS; run++) warm.push(await runAudit());
    const warmReport = JSON.parse(warm[0]!.output) as { github: { requests: number; notModified: number; reused: number } };
    const report = JSON.parse(output) as { pullRequests: Array<{ complete: boolean }>; completeness: number };
    // The readout over the same history: every pull request listed, the pilot's 50 measured.
    const readoutTimes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      const code = await runCli(['readout', '--json', '--start', day(0).slice(0, 10), '--weeks', '52', '--repo', 'acme/shop', '--api-url', fake.apiUrl, '--cwd', root, '--no-cache'], {
        stdout: { write: () => true }, stderr: { write: (text: string) => process.stderr.write(text) }, cwd: root, env,
      });
      if (code !== 0) throw new Error(`pm-zone readout exited ${code}`);
      readoutTimes.push(performance.now() - start);
    }
    const octokit = new Octokit({ auth: fake.token, baseUrl: fake.apiUrl, log: { debug() {}, info() {}, warn() {}, error() {} } });
    const listing: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      await octokit.paginate(octokit.rest.pulls.list, { owner: 'acme', repo: 'shop', state: 'all', per_page: 100 });
      listing.push(performance.now() - start);
    }
    const audit = median(times);
    const list = median(listing);
    console.log(`\npm-zone audit on ${TOTAL.toLocaleString('en')} pull requests, ${PILOT} by a pilot PM (history built in ${(buildMs / 1000).toFixed(1)} s; median of ${RUNS} runs)`);
    console.log(`  pm-zone audit --json                       ${(audit / 1000).toFixed(2)} s  (${(Math.min(...times) / 1000).toFixed(2)}–${(Math.max(...times) / 1000).toFixed(2)}), ${calls} API calls, ${report.pullRequests.length} audited, ${report.pullRequests.filter((pull) => pull.complete).length} complete (completeness ${report.completeness})`);
    console.log(`  the same again, answers kept in the git folder ${(median(warm.map((run) => run.ms)) / 1000).toFixed(2)} s, ${warm[0]!.calls} API calls (${warmReport.github.notModified} answered 304 "not modified", which GitHub does not count against the rate limit; ${warmReport.github.reused} answers reused without asking: review lists, finished gate checks, reviews recomputed at merge)`);
    console.log(`  pm-zone readout --json (52 weeks, the 50 measured)  ${(median(readoutTimes) / 1000).toFixed(2)} s  (${(Math.min(...readoutTimes) / 1000).toFixed(2)}–${(Math.max(...readoutTimes) / 1000).toFixed(2)})`);
    console.log(`  octokit paginate of the ${TOTAL.toLocaleString('en')} pull requests alone ${(list / 1000).toFixed(2)} s  → the audit takes ${(audit / list).toFixed(1)}×`);
  } finally {
    await fake.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
