import * as fs from 'node:fs/promises';
import { buildStamp, cachedPolicySources, CLI_COMMITTED_POLICY_CACHE_FILE, commandLineConfigKept, commandLineUserEmail, CLI_POLICY_CACHE_FILE, findRepository, KEPT_CONFIG_KEYS, policyReads, type PolicyReads } from '../core/agents';
import { commitFiles, Git, isGitError, listFiles, root as gitRoot, statNow, userEmail } from '../core/git';
import { buildRepositoryPolicy, cachedRepositoryPolicy, DEFAULT_SETTINGS, loadRepositoryPolicy, parsePolicySources, withNamesInRepository, type PolicyAt, type PolicySettings, type RepositoryPolicy } from '../core/repository';
import type { FileSource } from '../core/types';
import { CliFailure } from './errors';
import type { CommandInput, GlobalOptions } from './run';
import { CLI_VERSION } from './version';
import { workingFolderFiles } from './workingFolder';

export interface RepositoryContext {
  root: string;
  /** Absent when the folder is not a git repository (policy commands still work on plain folders). */
  git?: Git;
  files: FileSource;
  policy: RepositoryPolicy;
  /**
   * The policy files of the working tree as the cached read of the policy
   * read them (each read and hashed once): the commit's policy read later
   * (committedPolicyOf) takes CODEOWNERS' bytes from it, as a guard
   * decision's two entries share theirs.
   */
  policyReads?: PolicyReads;
}

export interface ContextOptions {
  /** `--as @handle`. */
  handle?: string;
  /** Told, once, when `--as` names someone who is not a pilot PM. */
  warn?: (text: string) => void;
  /** Commands that read history need git; the policy commands do not. */
  requireGit?: boolean;
  /** False for a command the zone alone answers: CODEOWNERS is not parsed. */
  codeowners?: boolean;
  /**
   * The parsed policy kept in the git folder between runs, as the guard keeps
   * its own (core/agents/policyCache.ts): a command that answers in a
   * fraction of a second does not parse CLAUDE.md again while no policy file
   * changed (`whoami`, `explain`).
   */
  cached?: boolean;
  /**
   * The command writes no git configuration: its Git reads it once
   * (`git config -z --list`) for every key it asks (see GitOptions).
   */
  readsConfigOnce?: boolean;
  /**
   * With readsConfigOnce: the keys such commands read (KEPT_CONFIG_KEYS),
   * kept between runs (commandLineConfigKept), so that its Git lists the
   * configuration only when a file git reads it from changed, or for
   * another key.
   */
  keepsConfig?: boolean;
}

/** Where to open: the folder, and the policy locations given on the command line (the rest are the defaults). */
export type Location = Pick<GlobalOptions, 'cwd'> & Partial<Pick<GlobalOptions, 'settings'>>;

/** Opens the repository at (or above) `cwd` and reads its policy files. */
export async function openRepository({ cwd, settings: given }: Location, options: ContextOptions = {}): Promise<RepositoryContext> {
  // Looked at at once: every command that opens the repository asks.
  if (!statNow(cwd)?.isDirectory()) throw new CliFailure(`not a folder: ${cwd}`);
  const gitOptions = { readConfigOnce: options.readsConfigOnce ?? false };
  let git: Git | undefined = new Git(cwd, gitOptions);
  let root = cwd;
  try {
    root = await gitRoot(git);
    if (root !== cwd) git = new Git(root, gitOptions);
  } catch (error) {
    if (options.requireGit || !isGitError(error, 'not-a-repository') && !isGitError(error, 'not-installed')) {
      throw new CliFailure(isGitError(error) ? error.message : String(error));
    }
    git = undefined;
  }
  if (git && options.readsConfigOnce && options.keepsConfig) {
    const kept = await commandLineConfigKept(git, KEPT_CONFIG_KEYS).catch(() => undefined);
    if (kept) git.knowConfig(kept.values, kept.filters, kept.set);
  }
  // A command that reads the configuration once (its listing answers other keys too) takes it from there; any other keeps git's answer in the git folder.
  const email = git && !options.handle ? (await (options.readsConfigOnce ? userEmail(git) : commandLineUserEmail(git)).catch(() => null)) ?? undefined : undefined;
  const settings: PolicySettings = { ...DEFAULT_SETTINGS, ...given, handle: options.handle, email };
  const files = workingFolderFiles(root, git);
  const reads = git && options.cached ? policyReads() : undefined;
  const policy = reads
    ? await cachedRepositoryPolicy(root, files, settings, { program: cacheStamp(), file: CLI_POLICY_CACHE_FILE }, { codeowners: options.codeowners, reads, readsInParts: true })
    : await loadRepositoryPolicy(files, settings, { codeowners: options.codeowners });
  // A wrong --as is a typo worth a word: the answers that follow are the narrower ones of an unknown PM.
  if (options.handle && policy.zone.defined && !policy.identity.known) options.warn?.(`pm-zone: warning: ${policy.identity.message}\n`);
  return { root, git, files, policy, ...(reads ? { policyReads: reads } : {}) };
}

/**
 * The rules a review holds a change to, as committedPolicy reads them (the
 * commit's policy, else the working tree's where the commit defines no PM
 * zone), kept in the git folder keyed by the blob ids of the commit's policy
 * files, as the guard keeps the last commit's: a review of the same branch
 * again does not read and parse the same CLAUDE.md and CODEOWNERS again.
 */
export async function committedPolicyOf(context: RepositoryContext, commit: string | null | undefined): Promise<PolicyAt> {
  const current = { policy: context.policy, files: context.files };
  if (!context.git || !commit) return current;
  const files = commitFiles(context.git, commit);
  const settings = context.policy.settings;
  const location = await findRepository(context.root);
  // Where git and the folders disagree (GIT_DIR set, say), nothing is kept.
  const sources = location?.root === context.root
    ? await cachedPolicySources(location, settings, { program: cacheStamp(), commitFile: CLI_COMMITTED_POLICY_CACHE_FILE }, () => parsePolicySources(files, settings), { kind: 'commit', commit, git: context.git }, { readsInParts: true }, context.policyReads)
    : await parsePolicySources(files, settings);
  const policy = buildRepositoryPolicy(settings, await withNamesInRepository(sources.zone, files), sources.codeowners, sources.codeownersProblem, sources.policyFiles);
  return policy.zone.defined ? { policy, files } : current;
}

/**
 * PM Zone's version and the build's: a rebuilt program of the same version
 * may parse differently. The build is dist/identity.json's size and time
 * (the hashes of every bundle), one stamp for dist/zone.js and dist/run.js,
 * which share the cache; this file's own outside a build.
 */
export function cacheStamp(): string {
  return buildStamp(`pm-zone ${CLI_VERSION}`, __dirname, __filename);
}

/** `--as @handle` of a command, with the warning that a handle nobody has deserves. */
export function asking(input: CommandInput): ContextOptions {
  const handle = input.values.as;
  return { ...(typeof handle === 'string' ? { handle } : {}), warn: (text) => input.io.stderr.write(text) };
}

/** Every file of the repository: git's view (tracked and untracked, not ignored), or a walk of a plain folder. */
export async function repositoryPaths(context: RepositoryContext): Promise<string[]> {
  if (context.git) return listFiles(context.git);
  const paths: string[] = [];
  const walk = async (relDir: string): Promise<void> => {
    const entries = await fs.readdir(relDir ? `${context.root}/${relDir}` : context.root, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.name === 'node_modules' || entry.name === '.git') continue;
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(rel);
      else if (entry.isFile()) paths.push(rel);
    }
  };
  await walk('');
  return paths;
}
