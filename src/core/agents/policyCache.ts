import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CODEOWNERS_LOCATIONS } from '../defaults';
import type { PolicySources } from '../repository/repositoryPolicy';
import type { PolicySettings } from '../repository/settings';
import type { RepositoryLocation } from './repositoryLocation';

// The parsed policy, kept in the git folder between hook runs: a hook runs
// on every tool call, and parsing CLAUDE.md loads the markdown parser. The
// key is the content of the files the parse starts from, as they are on
// disk now (committed or not), where each resolves to, the settings that
// choose them and the version of PM Zone; beside it, the content and real
// path of every policy file the parse went on to find (a link's target, a
// file imported with @path, and what that one imports). A changed byte or a
// re-pointed link in any of them is a miss, so a cached answer can never
// outlive the rules it came from.

const CACHE_FORMAT = 2;
export const POLICY_CACHE_FILE = path.join('pm-zone', 'guard-policy.json');

export interface CacheStamp {
  /** PM Zone's version, and anything else that changes how policy is parsed (a rebuilt bundle). */
  program: string;
}

export async function cachedPolicySources(
  location: RepositoryLocation,
  settings: PolicySettings,
  stamp: CacheStamp,
  parse: () => Promise<PolicySources>,
): Promise<PolicySources> {
  const key = await policyKey(location.root, settings, stamp);
  const file = path.join(location.gitDir, POLICY_CACHE_FILE);
  const cached = await fs.readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as { key?: string; found?: string; sources?: PolicySources }, () => undefined)
    .catch(() => undefined);
  if (cached?.key === key && cached.sources?.policyFiles && cached.found === (await fingerprint(location.root, entryPaths(cached.sources)))) return cached.sources;
  const sources = await parse();
  await store(file, JSON.stringify({ key, found: await fingerprint(location.root, entryPaths(sources)), sources })).catch(() => undefined);
  return sources;
}

/** The files the parse starts from (CLAUDE.md, every CODEOWNERS location of the flavour), each by real path and content, with the settings. */
export async function policyKey(root: string, settings: PolicySettings, stamp: CacheStamp): Promise<string> {
  const files = [settings.policyFile, ...CODEOWNERS_LOCATIONS[settings.codeownersFlavor]];
  const chosen = [settings.policyFile, settings.skillFile, settings.planningTemplate ?? null, settings.codeownersFlavor];
  return createHash('sha256').update(JSON.stringify([CACHE_FORMAT, stamp.program, root, chosen, await fileParts(root, files)])).digest('hex');
}

function entryPaths(sources: PolicySources): string[] {
  return sources.policyFiles.map((entry) => (typeof entry === 'string' ? entry : entry.path));
}

async function fingerprint(root: string, files: readonly string[]): Promise<string> {
  return createHash('sha256').update(JSON.stringify(await fileParts(root, files))).digest('hex');
}

async function fileParts(root: string, files: readonly string[]): Promise<unknown[]> {
  return Promise.all(files.map(async (relPath) => {
    const absolute = path.join(root, ...relPath.split('/'));
    const [real, content] = await Promise.all([fs.realpath(absolute).catch(() => null), fs.readFile(absolute).catch(() => null)]);
    return [relPath, real, content === null ? null : createHash('sha256').update(content).digest('hex')];
  }));
}

/** Written whole and renamed into place: a concurrent hook reads the old cache or the new one, never half of one. */
async function store(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, text, 'utf8');
  await fs.rename(temporary, file).catch(async (error: unknown) => {
    await fs.rm(temporary, { force: true });
    throw error;
  });
}
