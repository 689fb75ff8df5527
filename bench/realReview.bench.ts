// Real changes reviewed against their peer, each as a pilot PM's commit on her branch in a working repository that
// holds its parent's whole tree, with a PM zone added to CLAUDE.md. `pm-zone review --json` from the packed tarball,
// against the peer's whole job on the same change: secretlint's command line with its recommended preset on the
// change's files. Each a whole process, CPU seconds (user + system of it and all it waited for, bench/childCpu.ts), in
// turn pair by pair, the ratio the median of the pairs'. The review runs three times first, two seconds apart, so
// that its caches in the git folder and beside its bundles are held, as for a PM's next review; the first review,
// with nothing kept, is timed too (each in a clone of its own). Each side's peak memory (its node process's maxRSS,
// read as it exits) is taken in runs of its own, apart from the timed ones.
//
//   npx tsx bench/realReview.bench.ts --repo DIR [--case NAME] [--runs N] [--tarball FILE]
//
// The cases (--case; `feature` where none is given):
// - feature: MetaMask/core's "segment threshold flags by metaMetricsFlags" (a511a463ee, 8 files, +193 −37), in its
//   parent's tree (3,220 files, a 34 KB CODEOWNERS, a CLAUDE.md that imports AGENTS.md), the zone making the
//   feature's package folder PM-editable (two files of the change, in the wallet package, stay outside). Goal: at
//   most the peer's CPU. DIR: a clone of https://github.com/MetaMask/core.
// - translations: saleor-dashboard's "Update translations" (a9d629f183, 41 locale files, +138,488 −61,367), its first
//   11 locale files by name (3.7 MB, 94,138 lines, +37,273 −16,582) as the PM's commit, in its parent's tree (2,701
//   files), the zone making `locale/**` PM-editable; then the whole 41-file update, for scale. Goals on the 3.7 MB
//   one: at most 2× the peer's CPU, at most 200 MiB. DIR: a clone of https://github.com/saleor/saleor-dashboard.
// DIR is cloned from, shared, not changed; a file whose blob it lacks (a partial clone's largest) is left out of the
// PM's repository (main starts from a commit of the parent's tree without it), and the bench names it. secretlint 12 and its preset are installed from npm into the bench's scratch
// folder. Without --repo the bench says so and stops: it needs the network once, the tests never run it.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { argument, runsArgument } from './benchArguments';
import { childCpu, measuringEnvironment, MEASURING_SHELL } from './childCpu';
import { installedPackage, npm, packedTarball } from './packedInstall';

const PM = { handle: '@pat', email: 'pat@example.test' };

interface ReviewCase {
  /** The repository as its owners name it, and where it is cloned from. */
  repository: string;
  /** The change: a commit of `repository`, reviewed as the PM's on her branch. */
  commit: string;
  /** What the commit is. */
  title: string;
  /** The folder the zone gives the PM, and its engineering DRI. */
  feature: string;
  dri: string;
  /** The changes reviewed: each the commit's files `take` picks (all of them without it), under a label. */
  changes: { label: string; take?: (files: string[]) => string[] }[];
  /** What the report says the goal is, and whether a change met it. */
  goal: string;
  met: (ratio: number, peakMiB: number) => boolean;
}

const CASES: Record<string, ReviewCase> = {
  feature: {
    repository: 'MetaMask/core',
    commit: 'a511a463ee',
    title: 'segment threshold flags by metaMetricsFlags',
    feature: 'packages/remote-feature-flag-controller',
    dri: '@MetaMask/core-platform',
    changes: [{ label: 'the commit' }],
    goal: "at most the peer's CPU",
    met: (ratio) => ratio <= 1,
  },
  translations: {
    repository: 'saleor/saleor-dashboard',
    commit: 'a9d629f183',
    title: 'Update translations',
    feature: 'locale',
    dri: '@saleor/dashboard',
    changes: [
      { label: 'its first 11 locale files (3.7 MB)', take: (files) => files.filter((file) => file.startsWith('locale/')).sort().slice(0, 11) },
      { label: 'the whole update' },
    ],
    goal: "the 3.7 MB one at most 2x the peer's CPU and 200 MiB",
    met: (ratio, peakMiB) => ratio <= 2 && peakMiB <= 200,
  },
};

function zoneOf(benchCase: ReviewCase): string {
  return `
## PM zone
Mode: standard

### PMs may edit
- \`${benchCase.feature}/**\`
- \`**/*.md\`

### Engineering only
- \`.github/**\`
- \`CLAUDE.md\`
- \`AGENTS.md\`

### Pilot PMs
| PM | feature folders | engineering DRI | e-mail |
| --- | --- | --- | --- |
| ${PM.handle} | \`${benchCase.feature}/**\` | ${benchCase.dri} | ${PM.email} |
`;
}

const RUNS = runsArgument(15);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The paths of `commits`' trees whose blobs `clone` lacks (a partial clone's largest files). */
function absentBlobs(clone: string, env: NodeJS.ProcessEnv, commits: string[]): string[] {
  const absent = new Set<string>();
  for (const commit of commits) {
    const entries = execFileSync('git', ['ls-tree', '-r', '-z', commit], { cwd: clone, env, encoding: 'utf8', maxBuffer: 1 << 28 }).split('\0').filter(Boolean);
    const blobs = entries.map((entry) => ({ id: entry.split(/\s/)[2], path: entry.slice(entry.indexOf('\t') + 1) }));
    const checked = execFileSync('git', ['cat-file', '--batch-check'], { cwd: clone, env, encoding: 'utf8', input: blobs.map((blob) => blob.id).join('\n') + '\n', maxBuffer: 1 << 28 }).split('\n');
    blobs.forEach((blob, at) => checked[at]?.endsWith(' missing') && absent.add(blob.path));
  }
  return [...absent].sort();
}

/**
 * A working repository of `clone` as the PM has it: main at the commit's parent with the zone, her branch with the
 * change (the commit's `files`, or the whole commit), origin/HEAD set; the files of her change, as git lists them.
 */
function pmRepository(benchCase: ReviewCase, clone: string, root: string, env: NodeJS.ProcessEnv, pmZone: string, absent: string[], files?: string[]): string[] {
  // git's complaints go into the error it throws, not onto the report (a cherry-pick past a blob the clone lacks says so, and succeeds).
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
  const { commit } = benchCase;
  execFileSync('git', ['clone', '--quiet', '--shared', '--no-checkout', clone, root], { env });
  // git neither checks out nor writes a tree that names a blob it lacks: main starts from a commit of the parent's tree
  // without those files (not a sparse checkout, which would change what the review asks git).
  let base = `${commit}^`;
  if (absent.length > 0) {
    git('read-tree', base);
    git('update-index', '--force-remove', '--', ...absent);
    const tree = git('write-tree').trim();
    base = git('-c', 'user.name=Engineer', '-c', 'user.email=eng@example.test', 'commit-tree', tree, '-p', base, '-m', 'Without the files this clone lacks').trim();
  }
  git('checkout', '--quiet', '--force', '-B', 'main', base);
  appendFileSync(path.join(root, 'CLAUDE.md'), zoneOf(benchCase));
  git('add', 'CLAUDE.md');
  git('-c', 'user.name=Engineer', '-c', 'user.email=eng@example.test', 'commit', '--quiet', '--no-verify', '-m', 'PM zone for the pilot');
  git('remote', 'set-url', 'origin', `https://github.com/${benchCase.repository}.git`);
  git('update-ref', 'refs/remotes/origin/main', 'refs/heads/main');
  git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
  git('switch', '--quiet', '-c', 'pm/change');
  const pat = ['-c', 'user.name=Pat', '-c', `user.email=${PM.email}`];
  if (files) {
    git('checkout', commit, '--', ...files);
    git(...pat, 'commit', '--quiet', '--no-verify', '-m', benchCase.title);
  } else {
    git(...pat, 'cherry-pick', commit);
  }
  git('config', 'user.email', PM.email);
  mkdirSync(path.join(root, 'node_modules'), { recursive: true });
  cpSync(pmZone, path.join(root, 'node_modules', 'pm-zone'), { recursive: true });
  return git('diff', '--name-only', 'main...HEAD').split('\n').filter(Boolean);
}

/** A module node loads before the command's own (`-r`): it writes the process's peak memory, in KiB, to $PEAK_FILE as it exits. */
const PEAK_PRELOAD = "process.on('exit', () => require('fs').writeFileSync(process.env.PEAK_FILE, String(process.resourceUsage().maxRSS)));\n";

function main(): void {
  const clone = argument('--repo');
  const caseName = argument('--case') ?? 'feature';
  const benchCase = CASES[caseName];
  if (!benchCase) throw new Error(`--case ${caseName}: the cases are ${Object.keys(CASES).join(', ')}`);
  if (!clone) {
    console.log(`(no --repo DIR: give a clone of https://github.com/${benchCase.repository} that holds ${benchCase.commit})`);
    return;
  }
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'pm-zone-real-review-bench-'));
  try {
    const measuring = measuringEnvironment(process.env);
    const env = { ...measuring.env, GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1' };
    const pmZone = installedPackage(packedTarball(scratch, argument('--tarball')), scratch, env);
    const peer = path.join(scratch, 'peer');
    mkdirSync(peer);
    writeFileSync(path.join(peer, 'package.json'), JSON.stringify({ name: 'peer', version: '1.0.0', private: true }));
    execFileSync(npm, ['install', '--no-audit', '--no-fund', 'secretlint@12', '@secretlint/secretlint-rule-preset-recommend@12'], { cwd: peer, env, stdio: 'ignore' });
    const secretlintrc = path.join(peer, '.secretlintrc.json');
    writeFileSync(secretlintrc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
    const secretlintProgram = realpathSync(path.join(peer, 'node_modules', '.bin', 'secretlint'));
    const preload = path.join(scratch, 'peak.cjs');
    writeFileSync(preload, PEAK_PRELOAD);
    const absent = absentBlobs(clone, env, [`${benchCase.commit}^`, benchCase.commit]);
    const everyFile = execFileSync('git', ['diff-tree', '--no-commit-id', '--name-only', '-r', '-z', benchCase.commit], { cwd: clone, env, encoding: 'utf8' }).split('\0').filter(Boolean);
    const output = path.join(scratch, 'output');
    const peakFile = path.join(scratch, 'peak');

    console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}${measuring.note}; CPU seconds to ${MEASURING_SHELL.resolution}, medians`);
    console.log(`${benchCase.repository} ${benchCase.commit} "${benchCase.title}", as a pilot PM's commit${absent.length > 0 ? `; ${absent.length} file(s) the clone lacks left out of the PM's repository (${absent.join(', ')})` : ''}`);
    console.log(`the peer: secretlint 12's command line, recommended preset, on the same files; goal: ${benchCase.goal}`);
    for (const change of benchCase.changes) {
      const taken = change.take?.(everyFile);
      const warm = path.join(scratch, 'warm');
      const files = pmRepository(benchCase, clone, warm, env, pmZone, absent, taken);
      const run = (command: string[], cwd: string) => childCpu(command, { cwd, env: { ...env, OUT: output } });
      const reviewIn = (root: string) => [path.join(root, 'node_modules', 'pm-zone', 'dist', 'cli.js'), 'review', '--json'];
      const review = [process.execPath, ...reviewIn(warm)];
      const secretlint = [process.execPath, secretlintProgram, '--secretlintrc', secretlintrc, ...files];
      // The review's answer names every file of the change; secretlint finds nothing in them (exit 0).
      const first = run(review, warm);
      const answer = JSON.parse(readFileSync(output, 'utf8')) as { files: { path: string }[] };
      const reviewed = answer.files.map((file) => file.path).sort();
      if (JSON.stringify(reviewed) !== JSON.stringify([...files].sort())) throw new Error(`the review did not review the change's files: ${reviewed.join(', ')}`);
      if (first.exit !== 0 && first.exit !== 1) throw new Error(`the review exited ${first.exit}`);
      if (run(secretlint, warm).exit !== 0) throw new Error("secretlint failed on the change's files");
      for (let at = 0; at < 3; at++) {
        execFileSync('sleep', ['2.2']);
        run(review, warm);
      }
      const size = files.reduce((total, file) => total + statSync(path.join(warm, file)).size, 0);

      const pairs: { review: number; peer: number }[] = [];
      for (let at = 0; at < RUNS; at++) pairs.push({ review: run(review, warm).cpu, peer: run(secretlint, warm).cpu });
      // Peak memory, each side's node process as it exits, in runs apart from the timed ones.
      const peakOf = (command: string[]) => {
        // The review exits 1 on a blocker (no PLANNING.md): its exit is not what is read here.
        spawnSync(process.execPath, ['-r', preload, ...command.slice(1)], { cwd: warm, env: { ...env, PEAK_FILE: peakFile }, stdio: 'ignore' });
        return Number(readFileSync(peakFile, 'utf8')) / 1024;
      };
      const peaks: { review: number; peer: number }[] = [];
      for (let at = 0; at < 5; at++) peaks.push({ review: peakOf(review), peer: peakOf(secretlint) });
      // The first review of a clone, with nothing kept in its git folder or beside its bundles: each in a clone of its own.
      const cold: { review: number; peer: number }[] = [];
      for (let at = 0; at < Math.min(RUNS, 7); at++) {
        const root = path.join(scratch, `cold-${at}`);
        pmRepository(benchCase, clone, root, env, pmZone, absent, taken);
        cold.push({ review: run([process.execPath, ...reviewIn(root)], root).cpu, peer: run(secretlint, root).cpu });
        rmSync(root, { recursive: true, force: true });
      }
      rmSync(warm, { recursive: true, force: true });

      const ratio = (rows: { review: number; peer: number }[]) => median(rows.map((row) => row.review / row.peer));
      const report = (label: string, rows: { review: number; peer: number }[]) =>
        `  ${label.padEnd(44)} ${median(rows.map((row) => row.review)).toFixed(3)}  ${median(rows.map((row) => row.peer)).toFixed(3)}  ${ratio(rows).toFixed(2)}×`;
      const range = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
      const peakReview = Math.max(...peaks.map((row) => row.review));
      console.log(`${change.label}: ${files.length} files, ${(size / 1e6).toFixed(2)} MB`);
      console.log(`  ${'what'.padEnd(44)} review  peer   ratio`);
      console.log(report(`warm, ${RUNS} pairs`, pairs));
      console.log(report(`the first review of a clone, ${cold.length} pairs`, cold));
      console.log(`  ${'peak memory, MiB, 5 runs each'.padEnd(44)} ${range(peaks.map((row) => row.review))}  ${range(peaks.map((row) => row.peer))}`);
      if (change === benchCase.changes[0]) console.log(`  goal (${benchCase.goal}): ${benchCase.met(ratio(pairs), peakReview) ? 'met' : 'not met'}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
