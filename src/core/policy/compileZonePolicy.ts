import { Minimatch, type MinimatchOptions } from 'minimatch';
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
  matcher: Minimatch;
}

export interface CompiledDenyRule extends CompiledRule {
  /**
   * The same glob with letter case ignored: a safety net, see resolveZone.
   * Everything `matcher` matches it matches too, so it is asked first and
   * `matcher` is built only when asked (most paths are denied by no glob).
   */
  caseless: Minimatch;
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

/** A folder written as `src/features/checkout`, `.../checkout/` or `.../checkout/**` covers what is inside it. */
function folderMatchers(folder: string): Minimatch[] {
  const glob = matcherGlob(folder);
  const inside = glob.endsWith('**') ? [] : [`${glob.replace(/\/+$/, '')}/**`];
  return [glob, ...inside].map((pattern) => new Minimatch(pattern, GLOB_OPTIONS));
}

const compiledFolders = new WeakMap<Pilot, Minimatch[]>();

/** Matchers for a pilot's own feature folders, built once per pilot object. */
export function featureFolderMatchers(pilot: Pilot): Minimatch[] {
  const cached = compiledFolders.get(pilot);
  if (cached) return cached;
  const matchers = pilot.featureFolders.flatMap(folderMatchers);
  compiledFolders.set(pilot, matchers);
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
  const result: CompiledZonePolicy = {
    policy,
    deny: policy.engineeringOnly.map(compileDenyRule),
    allow: policy.mayEdit.map((rule) => ({ rule, matcher: new Minimatch(matcherGlob(rule.glob), GLOB_OPTIONS) })),
  };
  compiled.set(policy, result);
  return result;
}

function compileDenyRule(rule: GlobRule): CompiledDenyRule {
  const glob = matcherGlob(rule.matchAs ?? rule.glob);
  let exact: Minimatch | undefined;
  return {
    rule,
    caseless: new Minimatch(glob, { ...GLOB_OPTIONS, nocase: true }),
    get matcher() {
      return (exact ??= new Minimatch(glob, GLOB_OPTIONS));
    },
  };
}

export { normalizeRepoPath } from './repoPath';
