// A real change reviewed against its peer: MetaMask/core's "segment threshold flags by metaMetricsFlags"
// (a511a463ee, 8 files, +193 −37) as a pilot PM's commit on her branch, in a working repository holding its parent's
// whole tree (3,220 files, a 34 KB CODEOWNERS, a CLAUDE.md that imports AGENTS.md), with a PM zone added to CLAUDE.md
// that makes the feature's package folder PM-editable (two files of the change, in the wallet package, stay outside).
// `pm-zone review --json` from the packed tarball, against the peer's whole job on the same change: secretlint's
// command line with its recommended preset on the change's 8 files. Each a whole process, CPU seconds (user + system
// of it and all it waited for, bench/childCpu.ts), in turn pair by pair, the ratio the median of the pairs'. The
// review runs three times first, two seconds apart, so that its caches in the git folder and beside its bundles are
// held, as for a PM's next review; the first review, with nothing kept, is timed too (each in a clone of its own).
//
//   npx tsx bench/realReview.bench.ts --repo DIR [--runs N] [--tarball FILE]
//
// DIR: a clone of https://github.com/MetaMask/core that holds a511a463ee (it is cloned from, shared, not changed).
// secretlint 12 and its preset are installed from npm into the bench's scratch folder. Without --repo the bench says
// so and stops: it needs the network once, the tests never run it.
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { argument, runsArgument } from './benchArguments';
import { childCpu, measuringEnvironment, MEASURING_SHELL } from './childCpu';
import { installedPackage, npm, packedTarball } from './packedInstall';

const COMMIT = 'a511a463ee';
const FEATURE = 'packages/remote-feature-flag-controller';
const PM = { handle: '@pat', email: 'pat@example.test' };
const ZONE = `
## PM zone
Mode: standard

### PMs may edit
- \`${FEATURE}/**\`
- \`**/*.md\`

### Engineering only
- \`.github/**\`
- \`CLAUDE.md\`
- \`AGENTS.md\`

### Pilot PMs
| PM | feature folders | engineering DRI | e-mail |
| --- | --- | --- | --- |
| ${PM.handle} | \`${FEATURE}/**\` | @MetaMask/core-platform | ${PM.email} |
`;

const RUNS = runsArgument(15);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A working repository of `clone` as the PM has it: main at the commit's parent with the zone, her branch with the commit, origin/HEAD set. */
function pmRepository(clone: string, root: string, env: NodeJS.ProcessEnv, pmZone: string): string[] {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env, encoding: 'utf8' });
  execFileSync('git', ['clone', '--quiet', '--shared', '--no-checkout', clone, root], { env });
  git('checkout', '--quiet', '-B', 'main', `${COMMIT}^`);
  appendFileSync(path.join(root, 'CLAUDE.md'), ZONE);
  git('add', 'CLAUDE.md');
  git('-c', 'user.name=Engineer', '-c', 'user.email=eng@example.test', 'commit', '--quiet', '--no-verify', '-m', 'PM zone for the pilot');
  git('remote', 'set-url', 'origin', 'https://github.com/MetaMask/core.git');
  git('update-ref', 'refs/remotes/origin/main', 'refs/heads/main');
  git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
  git('switch', '--quiet', '-c', 'pm/flags');
  git('-c', 'user.name=Pat', '-c', `user.email=${PM.email}`, 'cherry-pick', COMMIT);
  git('config', 'user.email', PM.email);
  mkdirSync(path.join(root, 'node_modules'), { recursive: true });
  cpSync(pmZone, path.join(root, 'node_modules', 'pm-zone'), { recursive: true });
  return git('diff', '--name-only', 'main...HEAD').split('\n').filter(Boolean);
}

function main(): void {
  const clone = argument('--repo');
  if (!clone) {
    console.log(`(no --repo DIR: give a clone of https://github.com/MetaMask/core that holds ${COMMIT})`);
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

    const warm = path.join(scratch, 'warm');
    const files = pmRepository(clone, warm, env, pmZone);
    const output = path.join(scratch, 'output');
    const run = (command: string[], cwd: string) => childCpu(command, { cwd, env: { ...env, OUT: output } });
    const review = [process.execPath, path.join(warm, 'node_modules', 'pm-zone', 'dist', 'cli.js'), 'review', '--json'];
    const secretlint = [path.join(peer, 'node_modules', '.bin', 'secretlint'), '--secretlintrc', secretlintrc, ...files];
    // The review's answer names every file of the change; secretlint finds nothing in them (exit 0).
    const first = run(review, warm);
    const answer = JSON.parse(readFileSync(output, 'utf8')) as { files: { path: string }[] };
    const reviewed = answer.files.map((file) => file.path).sort();
    if (JSON.stringify(reviewed) !== JSON.stringify([...files].sort())) throw new Error(`the review did not review the change's files: ${reviewed.join(', ')}`);
    if (first.exit !== 1) throw new Error(`the review exited ${first.exit}, not 1 (a blocker: no PLANNING.md)`);
    if (run(secretlint, warm).exit !== 0) throw new Error('secretlint failed on the change\'s files');
    for (let at = 0; at < 3; at++) {
      execFileSync('sleep', ['2.2']);
      run(review, warm);
    }

    const pairs: { review: number; peer: number }[] = [];
    for (let at = 0; at < RUNS; at++) pairs.push({ review: run(review, warm).cpu, peer: run(secretlint, warm).cpu });
    // The first review of a clone, with nothing kept in its git folder or beside its bundles: each in a clone of its own.
    const cold: { review: number; peer: number }[] = [];
    for (let at = 0; at < Math.min(RUNS, 7); at++) {
      const root = path.join(scratch, `cold-${at}`);
      pmRepository(clone, root, env, pmZone);
      const command = [process.execPath, path.join(root, 'node_modules', 'pm-zone', 'dist', 'cli.js'), 'review', '--json'];
      cold.push({ review: run(command, root).cpu, peer: run(secretlint, root).cpu });
      rmSync(root, { recursive: true, force: true });
    }

    const report = (label: string, rows: { review: number; peer: number }[]) =>
      `  ${label.padEnd(44)} ${median(rows.map((row) => row.review)).toFixed(3)}  ${median(rows.map((row) => row.peer)).toFixed(3)}  ${median(rows.map((row) => row.review / row.peer)).toFixed(2)}×`;
    console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}${measuring.note}; CPU seconds to ${MEASURING_SHELL.resolution}, medians`);
    console.log(`MetaMask/core ${COMMIT}: ${files.length} files, as a pilot PM's commit; the peer: secretlint 12's command line, recommended preset, on the same files`);
    console.log(`  ${'what'.padEnd(44)} review  peer   ratio (goal: at most the peer's)`);
    console.log(report(`warm, ${RUNS} pairs`, pairs));
    console.log(report(`the first review of a clone, ${cold.length} pairs`, cold));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
