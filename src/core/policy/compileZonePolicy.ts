import type { MinimatchOptions } from 'minimatch';
import { globMatcher, type GlobMatcher } from './globReadings';
import type { GlobRule, Pilot, ZonePolicy } from './model';

/**
 * One matcher setting everywhere, so the editor on Windows and CI on Linux
 * agree: dotfiles are ordinary files, case counts (as in CODEOWNERS), a
 * leading `#` or `!` is a literal character, never a comment or a negation.
 */
export const GLOB_OPTIONS: MinimatchOptions = {
  dot: true,
  nocase: false,
  matchBase: false,
  nocomment: true,
  nonegate: true,
  platform: 'linux',
};

export interface CompiledRule {
  rule: GlobRule;
  matcher: GlobMatcher;
}

export interface CompiledDenyRule extends CompiledRule {
  /**
   * The same glob with letter case ignored: a safety net, see resolveZone.
   * Everything `matcher` matches it matches too, so it is asked first and
   * `matcher` is built only when asked (most paths are denied by no glob).
   */
  caseless: GlobMatcher;
}

export interface CompiledZonePolicy {
  policy: ZonePolicy;
  deny: CompiledDenyRule[];
  allow: CompiledRule[];
}

/** Globs are relative to the repository root; a leading `./` or `/` says so again. */
export function matcherGlob(glob: string): string {
  return glob.normalize('NFC').replace(/^(\.\/|\/)+/, '');
}

/** The names the repository was found to have among the zone's ambiguous glob segments; undefined when it was not listed. */
function existingNames(policy: ZonePolicy): ReadonlySet<string> | undefined {
  return policy.namesInRepository === undefined ? undefined : new Set(policy.namesInRepository);
}

/** A folder written as `src/features/checkout`, `.../checkout/` or `.../checkout/**` covers what is inside it: a scope of may-edit globs, read the narrower way. */
function folderMatchers(folder: string, names: ReadonlySet<string> | undefined): GlobMatcher[] {
  const glob = matcherGlob(folder);
  const inside = glob.endsWith('**') ? [] : [`${glob.replace(/\/+$/, '')}/**`];
  return [glob, ...inside].map((pattern) => globMatcher(pattern, GLOB_OPTIONS, 'allow', names));
}

const compiledFolders = new WeakMap<Pilot, WeakMap<ZonePolicy, GlobMatcher[]>>();

/** Matchers for a pilot's own feature folders, built once per pilot object and policy. */
export function featureFolderMatchers(pilot: Pilot, policy: ZonePolicy): GlobMatcher[] {
  let byPolicy = compiledFolders.get(pilot);
  if (!byPolicy) compiledFolders.set(pilot, (byPolicy = new WeakMap()));
  let matchers = byPolicy.get(policy);
  if (!matchers) {
    const names = existingNames(policy);
    byPolicy.set(policy, (matchers = pilot.featureFolders.flatMap((folder) => folderMatchers(folder, names))));
  }
  return matchers;
}

const compiled = new WeakMap<ZonePolicy, CompiledZonePolicy>();

/**
 * The policy's globs as matchers, built once per policy object. Policies are
 * treated as immutable: parse again rather than editing one in place.
 */
export function compileZonePolicy(policy: ZonePolicy): CompiledZonePolicy {
  const cached = compiled.get(policy);
  if (cached) return cached;
  const names = existingNames(policy);
  const result: CompiledZonePolicy = {
    policy,
    deny: policy.engineeringOnly.map(compileDenyRule),
    allow: policy.mayEdit.map((rule) => ({ rule, matcher: globMatcher(matcherGlob(rule.glob), GLOB_OPTIONS, 'allow', names) })),
  };
  compiled.set(policy, result);
  return result;
}

/** A lock holds under every reading of the glob, so no existing names are needed. */
function compileDenyRule(rule: GlobRule): CompiledDenyRule {
  const glob = matcherGlob(rule.matchAs ?? rule.glob);
  let exact: GlobMatcher | undefined;
  return {
    rule,
    caseless: globMatcher(glob, { ...GLOB_OPTIONS, nocase: true }, 'deny', undefined),
    get matcher() {
      return (exact ??= globMatcher(glob, GLOB_OPTIONS, 'deny', undefined));
    },
  };
}

export { normalizeRepoPath } from './repoPath';
