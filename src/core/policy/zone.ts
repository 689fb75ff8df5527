import { BUILT_IN_LOCKS } from '../agents/configPaths';
import type { OwnersMatch } from '../codeowners/model';
import { PLANNING_FILE_NAME } from '../defaults';
import type { Reason, Zone } from '../types';
import { compileZonePolicy, featureFolderMatchers, GLOB_OPTIONS, normalizeRepoPath, type CompiledRule, type CompiledZonePolicy } from './compileZonePolicy';
import { GlobList } from './globList';
import { readingWords } from './globReadings';
import type { Pilot, Qualifier, ZonePolicy } from './model';
import { mergeQualifiers } from './qualifiers';
import type { PolicyFileEntry, ZoneAnswer, ZoneContext } from './zoneModel';

const DIRECTORY_PROBE = '\u0000';
const NO_OWNERS: OwnersMatch = { owners: [], line: null, file: null, pattern: null };

const QUALIFIER_WORDS: Record<Qualifier, string> = {
  'additions-only': 'additions only',
  'owned-flags-only': 'only flags you own',
  'own-feature-folder': 'only inside your own feature folders',
  'non-breaking': 'non-breaking changes only',
};

function builtIn(rule: string, message: string): Reason {
  return { source: 'built-in', line: null, rule, message };
}

/**
 * The zone of one file (SPEC "Zone of a file"): locked when it is a policy
 * file or any engineering-only glob matches (deny wins, every matching glob
 * is a reason); editable when a may-edit glob applies; outside otherwise.
 *
 * Reading taken for "own feature folder": the restriction belongs to the
 * globs that carry the qualifier. A known pilot editing `**\/i18n/*.json`
 * (no qualifier) outside their folders is still editable; a glob marked
 * "inside own feature folder" applies only inside the author's folders. With
 * no known author it fails closed: such a glob applies only inside some
 * pilot's feature folders, and the reason names whose.
 */
export function resolveZone(path: string, ctx: ZoneContext): ZoneAnswer {
  const direct = resolveOne(path, ctx);
  const alias = windowsAlias(path);
  if (alias === undefined) return direct;
  const aliased = resolveOne(alias, ctx);
  if (stricter(direct, aliased) === direct) return direct;
  const note = builtIn('windows-alias', `On Windows this path is ${alias}, and is judged as that file`);
  return { ...aliased, path: direct.path, reasons: [...aliased.reasons, note] };
}

const STRICTNESS: Record<Zone, number> = { editable: 0, outside: 1, locked: 2 };

/** Of two answers for what may be the same file, the one that allows less; the first on a tie. */
export function stricter(first: ZoneAnswer, second: ZoneAnswer): ZoneAnswer {
  return STRICTNESS[second.zone] > STRICTNESS[first.zone] ? second : first;
}

/**
 * The file a path names on NTFS when that differs from the path itself:
 * Windows drops trailing dots and spaces from each name and reads `:…` as a
 * stream of the file before it (`src/auth./notes.md`,
 * `src/auth::$INDEX_ALLOCATION/notes.md` are `src/auth/notes.md`). A path is
 * judged by the stricter of the two, so no spelling reaches a locked file.
 */
function windowsAlias(path: string): string | undefined {
  const segments = path.replace(/\\/g, '/').split('/');
  const stripped = segments.map((segment) => (segment === '.' || segment === '..' ? segment : (segment.split(':')[0] ?? '').replace(/[. ]+$/, '')));
  if (stripped.every((segment, index) => segment === segments[index])) return undefined;
  const alias = stripped.filter((segment, index) => segment !== '' || segments[index] === '').join('/');
  // A stream of the top folder (`./:x`) names no file of the repository: nothing to judge but the path itself.
  return normalizeRepoPath(alias) === undefined ? undefined : alias;
}

function resolveOne(path: string, ctx: ZoneContext): ZoneAnswer {
  const repoPath = normalizeRepoPath(path);
  if (repoPath === undefined) {
    return answer(path, 'outside', [builtIn('not-in-repository', 'Not a file inside the repository')], NO_OWNERS, false, []);
  }
  // A directory (written with a trailing `/`) is answered for a file directly
  // inside it, named with a character no glob spells out, so that `src/auth/`
  // is locked by `**\/auth/**` rather than left outside.
  const isDirectory = /[\\/]$/.test(path);
  const shownPath = isDirectory ? `${repoPath}/` : repoPath;
  const filePath = isDirectory ? `${repoPath}/${DIRECTORY_PROBE}` : repoPath;
  const compiled = compileZonePolicy(ctx.policy);
  const owners = ctx.owners?.ownersOf(filePath) ?? NO_OWNERS;
  const locks = lockReasons(filePath, compiled, withZoneFile(ctx));
  if (locks.policyFile || locks.denied.length > 0) {
    const reasons = locks.policyFile ? [locks.policyFile, ...locks.denied] : locks.denied;
    return answer(shownPath, 'locked', reasons, owners, locks.denied.length > 0 && owners.owners.length === 0, []);
  }
  const planningDoc = isDirectory ? undefined : ownPlanningDoc(filePath, ctx);
  if (planningDoc) return answer(shownPath, 'editable', [planningDoc], owners, false, []);
  const matching = compiled.allow.filter(({ matcher }) => matcher.match(filePath));
  const applying = matching.flatMap((allow) => applyingRule(allow, filePath, ctx));
  if (applying.length > 0) {
    const qualifiers = mergeQualifiers(...applying.map(({ allow }) => allow.rule.qualifiers));
    return answer(shownPath, 'editable', applying.map((rule) => editableReason(rule, ctx, filePath)), owners, false, qualifiers);
  }
  // Globs matched but none applied: the file is outside the author's folders, or, with no known author, every pilot's.
  const reasons = matching.map((allow) => notInFoldersReason(allow, ctx));
  const notInZone = ctx.policy.defined
    ? 'Not in the PM zone: needs an engineering co-author'
    : `No PM zone is defined in ${ctx.policy.file}: needs an engineering co-author`;
  reasons.push(builtIn('not-in-zone', notInZone));
  return answer(shownPath, 'outside', reasons, owners, false, []);
}

/**
 * A PLANNING.md inside a pilot's feature folder is that pilot's to edit,
 * whatever the may-edit globs name: writing it is the first thing a PM does
 * (the seeds' week one). Only the author's own folders count; with no known
 * author, some pilot's, and the reason names whose. Locks were checked first.
 */
function ownPlanningDoc(path: string, ctx: ZoneContext): Reason | undefined {
  if (path.split('/').pop() !== PLANNING_FILE_NAME) return undefined;
  const own = (ctx.author ? [ctx.author] : ctx.policy.pilots).filter((pilot) => insideFolders(path, pilot, ctx.policy));
  if (own.length === 0) return undefined;
  const whose = ctx.author ? `inside your feature folders (${ctx.author.featureFolders.join(', ')})` : `only for ${own.map(folderOwnerWords).join('; ')}`;
  return builtIn('planning-doc', `PM-editable: a planning doc of a feature (${whose})`);
}

/** A may-edit rule that applies to the file; `forPilots` when it applies only inside those pilots' folders (no known author). */
interface ApplyingRule {
  allow: CompiledRule;
  forPilots?: Pilot[];
}

function applyingRule(allow: CompiledRule, path: string, ctx: ZoneContext): ApplyingRule[] {
  if (!allow.rule.qualifiers.includes('own-feature-folder')) return [{ allow }];
  if (ctx.author) return insideFolders(path, ctx.author, ctx.policy) ? [{ allow }] : [];
  const forPilots = ctx.policy.pilots.filter((pilot) => insideFolders(path, pilot, ctx.policy));
  return forPilots.length > 0 ? [{ allow, forPilots }] : [];
}

function answer(path: string, zone: Zone, reasons: Reason[], owners: OwnersMatch, unenforced: boolean, qualifiers: Qualifier[]): ZoneAnswer {
  const withOwners = owners.line === null ? reasons : [...reasons, ownersReason(owners)];
  return { path, zone, reasons: withOwners, owners: owners.owners, ownersLine: owners.line, ownersFile: owners.file, unenforced, qualifiers };
}

function ownersReason(owners: OwnersMatch): Reason {
  const message = owners.owners.length > 0 ? `owners ${owners.owners.join(' ')}` : 'no owners: this rule leaves the file unowned';
  return { source: owners.file ?? 'CODEOWNERS', line: owners.line, rule: owners.pattern ?? '', message };
}

const withZoneFiles = new WeakMap<ZoneContext['policyFiles'], Map<string, readonly PolicyFileEntry[]>>();

/** The context's policy files with the zone's own file first, the same list for every question. */
function withZoneFile(ctx: ZoneContext): readonly PolicyFileEntry[] {
  let byFile = withZoneFiles.get(ctx.policyFiles);
  if (!byFile) withZoneFiles.set(ctx.policyFiles, (byFile = new Map()));
  let list = byFile.get(ctx.policy.file);
  if (!list) byFile.set(ctx.policy.file, (list = [ctx.policy.file, ...ctx.policyFiles]));
  return list;
}

/**
 * A policy file, and every engineering-only glob that matches. A glob that
 * matches only when letter case is ignored (`src/Auth/` against
 * `**\/auth/**`) locks too: on a case-insensitive disk it is the same
 * folder, and a wrong "editable" on an auth file is the costliest mistake.
 */
function lockReasons(path: string, compiled: CompiledZonePolicy, policyFiles: readonly PolicyFileEntry[]): { policyFile?: Reason; denied: Reason[] } {
  const policyFile = policyFileIndex(policyFiles).get(path.toLowerCase()) ?? agentInstructions(path);
  const denied: Reason[] = [];
  for (const deny of compiled.deny) {
    if (!deny.caseless.match(path)) continue;
    const { rule } = deny;
    const where = { source: rule.file ?? compiled.policy.file, line: rule.line, rule: rule.glob };
    const widened = rule.matchAs === undefined ? '' : ` (read as \`${rule.matchAs}\`: the zone's globs expand to too many patterns in all, so its braces count as wildcards; locked to be safe)`;
    const exact = deny.matcher.readingOf(path);
    denied.push(exact
      ? { ...where, message: `Engineering only: matches \`${rule.glob}\`${widened}${readingWords(exact, 'deny')}` }
      : { ...where, message: `Engineering only: matches \`${rule.glob}\` when letter case is ignored${readingWords(deny.caseless.readingOf(path), 'deny')}; locked to be safe` });
  }
  return policyFile === undefined ? { denied } : { policyFile, denied };
}

const POLICY_FILE_RULE = 'Policy files are not edited by those they bind';

// Letter case ignored: a case-insensitive disk reads `agents.md` as AGENTS.md, and an agent may too.
// Each glob is compiled when a path may match it, not all of them for every process (globList.ts).
export const AGENT_INSTRUCTIONS_OPTIONS = { ...GLOB_OPTIONS, nocase: true };
const AGENT_INSTRUCTIONS = new GlobList(BUILT_IN_LOCKS.map(({ glob }) => glob), AGENT_INSTRUCTIONS_OPTIONS);

/** A file locked wherever it sits (an agent's instructions, settings or environment; a file that runs code later), found by the glob that names it. */
function agentInstructions(path: string): Reason | undefined {
  const found = BUILT_IN_LOCKS[AGENT_INSTRUCTIONS.firstMatch(path)];
  return found && builtIn(found.glob, `A policy file (${found.why}: \`${found.glob}\`): ${POLICY_FILE_RULE.toLowerCase()}`);
}
const policyFileIndexes = new WeakMap<readonly PolicyFileEntry[], Map<string, Reason>>();

/** The policy files by lower-case path, built once per list: the explorer asks for every row. */
function policyFileIndex(policyFiles: readonly PolicyFileEntry[]): Map<string, Reason> {
  let index = policyFileIndexes.get(policyFiles);
  if (!index) {
    index = new Map();
    for (const entry of policyFiles) {
      const [file, why] = typeof entry === 'string' ? [entry, undefined] : [entry.path, entry.why];
      const key = normalizeRepoPath(file)?.toLowerCase();
      if (key === undefined || index.has(key)) continue;
      index.set(key, builtIn(file, why === undefined ? POLICY_FILE_RULE : `A policy file (${why}): ${POLICY_FILE_RULE.toLowerCase()}`));
    }
    policyFileIndexes.set(policyFiles, index);
  }
  return index;
}

/** The author's folders as the author object lists them, so the reason names exactly what was matched. */
function insideFolders(path: string, author: Pilot, policy: ZonePolicy): boolean {
  return featureFolderMatchers(author, policy).some((folder) => folder.match(path));
}

function editableReason({ allow: { rule, matcher }, forPilots }: ApplyingRule, ctx: ZoneContext, path: string): Reason {
  const conditions = rule.qualifiers.map((qualifier) => {
    if (qualifier !== 'own-feature-folder') return QUALIFIER_WORDS[qualifier];
    if (ctx.author) return `inside your feature folders (${ctx.author.featureFolders.join(', ')})`;
    return forPilots ? `only for ${forPilots.map(folderOwnerWords).join('; ')}` : QUALIFIER_WORDS[qualifier];
  });
  const suffix = conditions.length > 0 ? ` (${conditions.join('; ')})` : '';
  return { source: ctx.policy.file, line: rule.line, rule: rule.glob, message: `PM-editable: matches \`${rule.glob}\`${readingWords(matcher.readingOf(path), 'allow')}${suffix}` };
}

/** "@alice: her feature folder src/features/checkout/**", without guessing pronouns. */
function folderOwnerWords(pilot: Pilot): string {
  const noun = pilot.featureFolders.length === 1 ? 'feature folder' : 'feature folders';
  return `${pilot.handle}, in ${pilot.handle}'s ${noun} ${pilot.featureFolders.join(', ')}`;
}

function notInFoldersReason({ rule }: CompiledRule, ctx: ZoneContext): Reason {
  const where = { source: ctx.policy.file, line: rule.line, rule: rule.glob };
  const author = ctx.author;
  if (author) {
    const folders = author.featureFolders.length > 0 ? `your feature folders are ${author.featureFolders.join(', ')}` : `no feature folders are listed for ${author.handle}`;
    return { ...where, message: `\`${rule.glob}\` is PM-editable only inside your own feature folders, and this file is not in them (${folders})` };
  }
  return {
    ...where,
    message: `\`${rule.glob}\` is PM-editable only inside a pilot PM's own feature folders, and this file is in no pilot's folder`,
  };
}
