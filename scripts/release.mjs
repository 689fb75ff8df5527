#!/usr/bin/env node
// The release, built once (.github/workflows/release.yml runs these steps;
// `npm run release:dry-run` and test/bundle/release.test.ts run them with no
// publishing):
//
//   node scripts/release.mjs build --out DIR [--tag vX.Y.Z]
//     one production build, then from it: DIR/pm-zone-X.Y.Z.tgz (npm pack, its
//     prepack skipped: the bundles are already built), DIR/pm-zone-X.Y.Z.vsix
//     (vsce, with MARKETPLACE.md as its page) and DIR/action/, the Action's
//     release tree: action.yml, dist/action.js, dist/core.js, README.md, LICENSE.
//
//   node scripts/release.mjs action --tree DIR/action --source SHA [--remote origin] [--push]
//     commits that tree on releases/vN (its parent the previous release
//     there, so the branch reads as the Action's history), tags the commit
//     vX.Y.Z and vN (both moved: the version tag pushed on the source commit
//     starts the workflow, and `uses: pm-zone/pm-zone@vX.Y.Z` must find the
//     built tree), and with --push pushes the three refs.
//
//   node scripts/release.mjs dry-run --out DIR
//     both, into a bare repository of its own under DIR instead of a remote.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { signingKey } from './identity.mjs';

const root = resolve(import.meta.dirname, '..');
const manifest = () => JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** What the Action's release tree holds, from the checkout: action.yml runs dist/action.js, which loads dist/core.js. */
export const ACTION_TREE_FILES = ['action.yml', 'dist/action.js', 'dist/core.js', 'LICENSE'];

function run(command, args, options = {}) {
  return (execFileSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...options }) ?? '').trim();
}

function npmCommand() {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

/** Builds everything a release publishes, once, into `out`. */
export function build(out, tag) {
  const { name, version } = manifest();
  if (tag !== undefined) {
    // A tagged build is published: it must be signed with a release key, which only release launchers trust.
    if (tag !== `v${version}`) throw new Error(`the tag ${tag} is not package.json's version v${version}: bump the version, commit, then tag that commit`);
    if (!signingKey().release) throw new Error('a release is signed with a release key: set PM_ZONE_SIGNING_KEY (CONTRIBUTING.md, "Packaging and releasing"); only a dry run builds without one');
  }
  mkdirSync(out, { recursive: true });
  run(process.execPath, ['scripts/build.mjs', '--production', '--clean'], { stdio: 'inherit' });
  // --ignore-scripts: prepack would build again; the artefacts must hold the bundles just built.
  run(npmCommand(), ['pack', '--ignore-scripts', '--pack-destination', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  const vsix = join(out, `${name}-${version}.vsix`);
  run(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--readme-path', 'MARKETPLACE.md', '--out', vsix], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tree = join(out, 'action');
  rmSync(tree, { recursive: true, force: true });
  for (const file of ACTION_TREE_FILES) {
    mkdirSync(join(tree, file, '..'), { recursive: true });
    copyFileSync(join(root, file), join(tree, file));
  }
  writeFileSync(join(tree, 'README.md'), actionReadme(version));
  return { tarball: join(out, `${name}-${version}.tgz`), vsix, tree, version };
}

function actionReadme(version) {
  const major = version.split('.')[0];
  return `# PM PR Review

The built release v${version} of [PM Zone](https://github.com/pm-zone/pm-zone)'s GitHub Action: the PM PR Review on
every pull request by a pilot PM, with the rules of the base branch. This ref holds only what the runner runs
(\`action.yml\`, \`dist/action.js\`, \`dist/core.js\`); the source, the documentation and the changelog are on the
default branch.

\`\`\`yaml
- uses: pm-zone/pm-zone@v${version}   # or @v${major}, which moves to each v${major}.x.y release
\`\`\`

\`npx pm-zone ci init\` writes the whole workflow; [the set-up guide](https://github.com/pm-zone/pm-zone/blob/main/docs/setup.md)
has its inputs and outputs.
`;
}

/** Commits the Action's tree on releases/vN and tags it; returns the commit. */
export function commitAction({ tree, source, remote = 'origin', push = false, git = root }) {
  const { version } = manifest();
  const major = `v${version.split('.')[0]}`;
  const branch = `releases/${major}`;
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: process.env.GIT_AUTHOR_NAME ?? 'github-actions[bot]',
    GIT_AUTHOR_EMAIL: process.env.GIT_AUTHOR_EMAIL ?? '41898282+github-actions[bot]@users.noreply.github.com',
  };
  env.GIT_COMMITTER_NAME ??= env.GIT_AUTHOR_NAME;
  env.GIT_COMMITTER_EMAIL ??= env.GIT_AUTHOR_EMAIL;
  const gitIn = (args, extra = {}) => run('git', args, { cwd: git, env: { ...env, ...extra } });
  // The previous release on the branch, when the remote has one.
  let parent = '';
  try {
    gitIn(['fetch', '--quiet', remote, `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`]);
    parent = gitIn(['rev-parse', '--verify', '--quiet', `refs/remotes/${remote}/${branch}`]);
  } catch {
    // The first release of this major.
  }
  const index = join(mkdtempSync(join(tmpdir(), 'pm-zone-release-')), 'index');
  gitIn(['--work-tree', tree, 'add', '--all', '--force', '.'], { GIT_INDEX_FILE: index });
  const treeId = gitIn(['write-tree'], { GIT_INDEX_FILE: index });
  const message = `Release v${version}\n\nThe Action as the runner runs it, built from ${source}.`;
  const commit = gitIn(['commit-tree', treeId, ...(parent ? ['-p', parent] : []), '-m', message]);
  gitIn(['update-ref', `refs/heads/${branch}`, commit]);
  gitIn(['tag', '--force', `v${version}`, commit]);
  gitIn(['tag', '--force', major, commit]);
  if (push) gitIn(['push', '--force', remote, `refs/heads/${branch}`, `refs/tags/v${version}`, `refs/tags/${major}`]);
  return { commit, branch, tags: [`v${version}`, major] };
}

/**
 * The release without publishing: built, and the Action committed in a
 * scratch repository and pushed to a bare one under `out`, standing for
 * GitHub; the checkout's own refs are not touched.
 */
export function dryRun(out) {
  const built = build(out);
  const [git, remote] = [join(out, 'work.git'), join(out, 'remote.git')];
  for (const folder of [git, remote]) {
    rmSync(folder, { recursive: true, force: true });
    run('git', ['init', '--quiet', '--bare', folder]);
  }
  run('git', ['remote', 'add', 'origin', remote], { cwd: git });
  let source = 'a checkout without git';
  try {
    source = run('git', ['rev-parse', 'HEAD']);
  } catch {
    // Built from a copy of the files.
  }
  const action = commitAction({ tree: built.tree, source, push: true, git });
  return { ...built, ...action, remote };
}

if (process.argv[1] && realpathSync(process.argv[1]) === import.meta.filename) {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' }, tag: { type: 'string' }, tree: { type: 'string' }, source: { type: 'string' }, remote: { type: 'string' }, push: { type: 'boolean' } },
  });
  try {
    const step = positionals[0];
    if (step === 'build') console.log(JSON.stringify(build(resolve(values.out ?? 'release'), values.tag)));
    else if (step === 'action') {
      if (!values.tree || !values.source) throw new Error('action takes --tree DIR and --source SHA');
      console.log(JSON.stringify(commitAction({ tree: resolve(values.tree), source: values.source, remote: values.remote, push: values.push })));
    } else if (step === 'dry-run') console.log(JSON.stringify(dryRun(resolve(values.out ?? 'release'))));
    else throw new Error('give a step: build, action or dry-run');
  } catch (error) {
    console.error(`release: ${error.message}`);
    process.exit(1);
  }
}
