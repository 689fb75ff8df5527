#!/usr/bin/env node
// "Acme Shop": a small, realistic repository with a PM zone, used by the
// integration and end-to-end tests and by `npm run demo`. No network is used;
// `origin` only names a GitHub repository.
//
//   node scripts/sample-repo.mjs DIR [--branch NAME] [--commit] [--regulated] [--unenforced]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { engineeringFiles, auditFiles } from './sample-repo/engineering-files.mjs';
import { featureFiles } from './sample-repo/feature-files.mjs';
import { claudeMd, codeowners, pmPrReviewSkill } from './sample-repo/policy-files.mjs';

export const SAMPLE_AUTHOR = { name: 'Alice PM', email: 'alice@acme.test' };
export const SAMPLE_REMOTE = 'https://github.com/acme/shop.git';
/** The file and the words the PM branch changes. */
export const COPY_CHANGE = {
  file: 'src/features/checkout/i18n/en.json',
  before: '"placeOrder": "Place order"',
  after: '"placeOrder": "Confirm order"',
};
const ENGINEER = 'Dana Engineer <dana@acme.test>';

/**
 * Creates the sample repository in `dir` (which must not exist or be empty).
 * Options: `branch` checks out a PM branch with a one-word copy change
 * (committed when `commit` is true, else left in the working tree);
 * `regulated` sets Mode: regulated and a product DRI; `unenforced` adds an
 * engineering-only glob that no CODEOWNERS rule covers.
 */
export function createSampleRepo(dir, options = {}) {
  const { branch, commit = false, regulated = false, unenforced = false } = options;
  const root = resolve(dir);
  if (existsSync(root) && readdirSync(root).length > 0) throw new Error(`${root} is not empty`);
  mkdirSync(root, { recursive: true });
  const git = gitIn(root);

  git(['init', '--quiet', '-b', 'main']);
  git(['config', 'user.name', SAMPLE_AUTHOR.name]);
  git(['config', 'user.email', SAMPLE_AUTHOR.email]);
  git(['config', 'commit.gpgsign', 'false']);
  git(['remote', 'add', 'origin', SAMPLE_REMOTE]);

  const commitFiles = (files, message, { author, date }) => {
    writeFiles(root, files);
    git(['add', '--', ...Object.keys(files)]);
    git(['commit', '--quiet', '--no-verify', ...(author ? ['--author', author] : []), '-m', message], { date });
  };
  commitFiles({ ...engineeringFiles, ...(unenforced ? auditFiles : {}) }, 'Acme Shop: storefront, auth, payments and infrastructure', {
    author: ENGINEER,
    date: '2025-03-03T09:00:00Z',
  });
  commitFiles(featureFiles, 'Checkout and search features', { author: ENGINEER, date: '2025-03-10T09:00:00Z' });
  commitFiles(
    {
      'CLAUDE.md': claudeMd({ regulated, unenforced }),
      '.github/CODEOWNERS': codeowners,
      '.claude/skills/pm-pr-review/SKILL.md': pmPrReviewSkill,
    },
    'Working agreement for the PM pilot: PM zone, CODEOWNERS and the PM PR Review checklist',
    { author: ENGINEER, date: '2025-03-17T09:00:00Z' },
  );

  if (branch) {
    git(['checkout', '--quiet', '-b', branch]);
    const file = join(root, COPY_CHANGE.file);
    const text = readFileSync(file, 'utf8');
    if (!text.includes(COPY_CHANGE.before)) throw new Error(`${COPY_CHANGE.file} no longer holds ${COPY_CHANGE.before}`);
    writeFileSync(file, text.replace(COPY_CHANGE.before, COPY_CHANGE.after));
    if (commit) {
      git(['add', '--', COPY_CHANGE.file]);
      git(['commit', '--quiet', '--no-verify', '-m', 'Checkout: say "Confirm order" on the order button'], {
        date: '2025-03-24T09:00:00Z',
      });
    }
  }
  return { root, branch: branch ?? 'main', head: git(['rev-parse', 'HEAD']) };
}

function writeFiles(root, files) {
  for (const [path, text] of Object.entries(files)) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/** Runs git in `root` without a shell and without the caller's git configuration or hook environment. */
function gitIn(root) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_')));
  Object.assign(env, { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' });
  return (args, { date } = {}) => {
    // Fixed dates make the commits, and so their ids, the same on every run.
    const dated = date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {};
    return execFileSync('git', args, { cwd: root, env: { ...env, ...dated }, encoding: 'utf8' }).trim();
  };
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      branch: { type: 'string' },
      commit: { type: 'boolean', default: false },
      regulated: { type: 'boolean', default: false },
      unenforced: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) {
    console.error('Usage: node scripts/sample-repo.mjs DIR [--branch NAME] [--commit] [--regulated] [--unenforced]');
    process.exit(2);
  }
  const { root, branch, head } = createSampleRepo(positionals[0], values);
  console.log(`Acme Shop sample repository in ${root} (branch ${branch}, ${head.slice(0, 7)})`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
