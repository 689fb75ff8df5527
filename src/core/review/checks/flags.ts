// Feature-flag checks: a flags.yaml that does not parse or has an impossible
// rollout, flags touched by someone who does not own them, and front-end
// changes that no flag gates.
import { isDeepStrictEqual } from 'node:util';
import { parse as parseYaml } from 'yaml';
import type { Finding } from '../../types';
import { defineCheck, type ChangedFile, type CheckContext } from '../model';
import { baseName, dirName, finding, matchesAny, newLineForOldLine, readableText, stripBom } from './contentSupport';
import type { FlagEntry } from './flagsFile';
import { isFlagList, readFlagList } from './flagLists';

export { parseFlagsFile, ROLLOUT_KEYS } from './flagsFile';
export { canReadFlagsOf, isFlagList, isFlagsFile, readFlagList } from './flagLists';

/** Each version of a changed flag list as read once: the flags check and the ungated-component check both read them. */
const flagListsRead = new WeakMap<ChangedFile, Map<string, ReturnType<typeof readFlagList>>>();

function flagListOf(file: ChangedFile, text: string): ReturnType<typeof readFlagList> {
  let versions = flagListsRead.get(file);
  if (!versions) flagListsRead.set(file, (versions = new Map()));
  let read = versions.get(text);
  if (!read) versions.set(text, (read = readFlagList(file.path, text)));
  return read;
}
export type { FlagEntry, ParsedFlagsFile } from './flagsFile';

export const UNKNOWN_AUTHOR_MESSAGE = "cannot tell who you are: pass --as @handle or set git user.email to a pilot PM's";

// Spelled out rather than in braces: a glob of literal text and stars is compiled only for a path that holds its text.
export const COMPONENT_GLOBS: readonly string[] = ['tsx', 'jsx', 'vue', 'svelte'].map((extension) => `**/components/**/*.${extension}`);

/**
 * How a component reads a flag. Deliberately simple: a call of a common flag
 * helper (`useFlag(`, `useFeatureFlag(`, `isEnabled(`, `isFeatureEnabled(`,
 * `getFlag(`, `variation(`), a property of a flags object (`flags.x`,
 * `featureFlags.x`), or a `<Feature…>` gate element.
 */
const FLAG_REFERENCE =
  /\b(?:useFlags?|useFeatureFlags?|useFeature|isEnabled|isFeatureEnabled|getFlag|variation)\s*\(|\b(?:flags|featureFlags)\s*(?:\.|\[)|<Feature(?:Flag|Gate)?\b/;

/** Front-matter values that only hold the template's place. */
const PLACEHOLDER_VALUE = /^(?:<.*>|\[.*\]|\{\{.*\}\}|\.{3}|\u2026|-+|todo|tbd|tba|fixme|x{3,}|none|n\/?a|flag[ _-]?name|your[ _-].*)$/i;

/** flags.unowned and flags.invalid, per flag list of the change. */
export const flagsFileCheck = defineCheck({
  about: {
    'flags.unowned': {
      title: 'Flag you do not own',
      description: 'The change adds, removes or edits a feature flag that CLAUDE.md does not give to the author.',
      help: 'Keep to your own flags, or ask engineering to add the flag to the Owned flags table of CLAUDE.md.',
      item: { section: 'Feature flags', text: 'I changed only flags I own' },
      defaultSeverity: 'error',
      words: /\bowned flags?\b|\bflags? (?:you|they|I|we) own\b/i,
    },
    'flags.invalid': {
      title: 'Invalid flags file',
      description: 'flags.yaml does not parse, or a rollout is not a number from 0 to 100.',
      help: 'Fix the YAML at the line shown; write rollouts as plain numbers such as 25.',
      item: { section: 'Feature flags', text: 'flags.yaml is valid and every rollout is between 0 and 100' },
      defaultSeverity: 'error',
      words: /\brollouts?\b|\bflags\.ya?ml\b/i,
    },
  },
  appliesTo: (change, policy) => change.files.some((file) => isFlagList(file.path, policy)),
  run(ctx) {
    const findings: Finding[] = [];
    for (const file of ctx.change.files.filter((changed) => isFlagList(changed.path, ctx.policy))) {
      if (file.binary && file.status !== 'deleted') {
        findings.push(finding('flags.invalid', 'error', file.path, null, 'Not a flags file the app can load: git reads it as binary (it holds a NUL byte, or is not UTF-8). Save it as UTF-8 YAML.'));
        continue;
      }
      const newText = file.status === 'deleted' ? undefined : readableText(file.newText, file);
      const parsedNew = newText === undefined ? undefined : flagListOf(file, newText);
      if (parsedNew && 'unreadable' in parsedNew) {
        findings.push(...unreadableFlagListFindings(ctx, file, parsedNew.unreadable));
        continue;
      }
      for (const problem of parsedNew?.problems ?? []) {
        findings.push(finding('flags.invalid', 'error', file.path, problem.line, problem.message, { column: problem.column }));
      }
      const newUnreadable = parsedNew?.problems.some((problem) => problem.kind === 'yaml-syntax') ?? false;
      if (ctx.policy.defined && !newUnreadable && (parsedNew || file.status === 'deleted')) {
        findings.push(...unownedFlagFindings(ctx, file, parsedNew?.flags ?? []));
      }
    }
    return findings;
  },
});

/** A flag list whose flags cannot be named: every change there warns, since no owner can be checked. */
function unreadableFlagListFindings(ctx: CheckContext, file: ChangedFile, why: string): Finding[] {
  const diff = ctx.diff(file);
  const line = diff.added[0]?.line ?? diff.removed[0]?.nearestNewLine ?? null;
  if (line === null) return [];
  const changed = diff.added.length + diff.removed.length;
  return [
    finding(
      'flags.unowned',
      'warning',
      file.path,
      line,
      `This file holds flags for their owners only, but PM Zone cannot tell which flags it holds (${why}), so it cannot check that you own the ones this change touches (${changed} line${changed === 1 ? '' : 's'}). Ask engineering to confirm, or keep flags in flags.yaml.`,
    ),
  ];
}

function unownedFlagFindings(ctx: CheckContext, file: ChangedFile, newFlags: FlagEntry[]): Finding[] {
  // An old version that does not parse tells nothing: every flag counts as touched.
  const oldText = readableText(file.oldText, file);
  const oldRead = oldText === undefined ? undefined : flagListOf(file, oldText);
  const oldFlags = oldRead && !('unreadable' in oldRead) ? oldRead.flags : [];
  const oldByName = new Map(oldFlags.map((flag) => [flag.name, flag]));
  const newByName = new Map(newFlags.map((flag) => [flag.name, flag]));
  const findings: Finding[] = [];
  for (const name of new Set([...newByName.keys(), ...oldByName.keys()])) {
    const before = oldByName.get(name);
    const after = newByName.get(name);
    if (before && after && isDeepStrictEqual(before.value, after.value)) continue;
    const verb = !before ? 'added' : !after ? 'removed' : 'changed';
    const line = after ? after.line : file.status === 'deleted' ? null : (newLineForOldLine(ctx.diff(file), before!.line) ?? 1);
    const problem = ownershipProblem(ctx, name);
    if (problem) findings.push(finding('flags.unowned', 'error', file.path, line, `Flag \`${name}\` ${verb}: ${problem}.`));
  }
  return findings;
}

/** Why the author may not touch `flag`, or undefined when they own it. */
function ownershipProblem(ctx: CheckContext, flag: string): string | undefined {
  if (!ctx.author) return ctx.unknownAuthor ? `PM Zone cannot tell whether you own it. ${ctx.unknownAuthor.replace(/\.$/, '')}` : UNKNOWN_AUTHOR_MESSAGE;
  const handle = ctx.author.handle.toLowerCase();
  const owners = ctx.policy.ownedFlags.filter((owned) => owned.flag === flag);
  if (owners.some((owned) => owned.owner.toLowerCase() === handle)) return undefined;
  if (owners.length === 0) return `it is not in the owned flags of ${ctx.policy.file}, so only engineering may change it`;
  return `it belongs to ${owners.map((owned) => owned.owner).join(', ')}, not to ${ctx.author.handle}`;
}

/** flags.ungated: component changes that no flag gates. */
export const flagsUngatedCheck = defineCheck({
  about: {
    'flags.ungated': {
      title: 'Change not behind a flag',
      description: 'A front-end component changed and no feature flag gates it.',
      help: 'Add or enable a flag you own in flags.yaml, name it as `flag:` in PLANNING.md, or read it in the component.',
      item: { section: 'Feature flags', text: 'The change is behind a feature flag' },
      defaultSeverity: 'warning',
      words: /\bfeature[- ]flags?\b|\bbehind a (?:feature )?flag\b|\bflagged\b/i,
    },
  },
  appliesTo: (change) => change.files.some((file) => matchesAny(file.path, COMPONENT_GLOBS)),
  async run(ctx): Promise<Finding[]> {
    const components = ctx.change.files.filter(
      (file) => file.status !== 'deleted' && matchesAny(file.path, COMPONENT_GLOBS) && readableText(file.newText, file) !== undefined,
    );
    if (components.length === 0) return [];
    if (changeTurnsOnAFlag(ctx) || (await planningNamesAFlag(ctx, components))) return [];
    const ungated = components.filter((file) => !FLAG_REFERENCE.test(file.newText ?? ''));
    if (ungated.length === 0) return [];
    const helper = await flagHelperInUse(ctx, ungated);
    // One finding for the change, at its first ungated component: a flag gates a change, not a file, and one per file drowns the rest.
    const [first] = ungated;
    return [finding('flags.ungated', 'warning', first.path, ctx.diff(first).added[0]?.line ?? null, `${ungatedSubject(ungated)} not behind a feature flag: ${await gateWays(ctx, first, helper)}.`)];
  },
  // A change whose planning doc names the PM's flag is behind it, a copy change too: its item says so, never "not applicable".
  async found(ctx) {
    const named = await planningFlagOf(ctx, ctx.change.files.filter((file) => file.status !== 'deleted'));
    return named ? { 'flags.ungated': `the flag ${named.flag}, named in ${baseName(named.path)}` } : {};
  },
});

/** How many components names show, before "and N more". */
const NAMED_COMPONENTS = 3;

/** "This component change is", or "The changes to 5 components (A.tsx, B.vue, C.svelte and 2 more) are". */
function ungatedSubject(files: readonly ChangedFile[]): string {
  if (files.length === 1) return 'This component change is';
  const names = files.slice(0, NAMED_COMPONENTS).map((file) => baseName(file.path));
  const more = files.length - names.length;
  const list = more > 0 ? `${names.join(', ')} and ${more} more` : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `The changes to ${files.length} components (${list}) are`;
}

/**
 * The ways to gate a change that this repository has, and no other: a
 * flags file near the component, `flag:` in PLANNING.md (PM Zone's own, always
 * there), a flag helper the code already calls.
 */
async function gateWays(ctx: CheckContext, file: ChangedFile, helper: string | undefined): Promise<string> {
  const flagsFile = await nearestFlagsFile(ctx, file.path);
  const ways = [
    ...(flagsFile ? [`add or enable a flag you own in ${flagsFile}`] : []),
    'name it as `flag:` in PLANNING.md',
    ...(helper ? [`read it in the component as the code does elsewhere (\`${helper}(...)\`)`] : []),
  ];
  return ways.length === 1 ? ways[0] : `${ways.slice(0, -1).join(', ')}, or ${ways[ways.length - 1]}`;
}

/** The flags.yaml in the component's folder or the nearest one above it. */
async function nearestFlagsFile(ctx: CheckContext, path: string): Promise<string | undefined> {
  for (let folder = dirName(path); ; folder = dirName(folder)) {
    for (const name of ['flags.yaml', 'flags.yml']) {
      const candidate = folder === '' ? name : `${folder}/${name}`;
      if ((await ctx.files.readText(candidate)) !== undefined) return candidate;
    }
    if (folder === '') return undefined;
  }
}

const FLAG_HELPERS = ['useFlag', 'useFlags', 'useFeatureFlag', 'useFeatureFlags', 'useFeature', 'isFeatureEnabled', 'getFlag', 'variation'];

/** A flag helper other code of the repository calls, so the advice names one that exists; undefined without a search. */
async function flagHelperInUse(ctx: CheckContext, components: readonly ChangedFile[]): Promise<string | undefined> {
  if (!ctx.search) return undefined;
  const hits = await ctx.search.find(FLAG_HELPERS.map((name) => `${name}(`), { exclude: components.map((file) => file.path), limit: 20 }).catch(() => []);
  return FLAG_HELPERS.find((name) => hits.some((hit) => new RegExp(`\\b${name}\\(`).test(hit.text)));
}

/** A flags file of the change adds a flag, turns one on, or changes its rollout. */
function changeTurnsOnAFlag(ctx: CheckContext): boolean {
  return ctx.change.files.some((file) => {
    if (!isFlagList(file.path, ctx.policy) || file.status === 'deleted') return false;
    const newText = readableText(file.newText, file);
    if (newText === undefined) return false;
    const flagsOf = (text: string | undefined): FlagEntry[] => {
      const read = text === undefined ? undefined : flagListOf(file, text);
      return read && !('unreadable' in read) ? read.flags : [];
    };
    const before = new Map(flagsOf(readableText(file.oldText, file)).map((flag) => [flag.name, flag]));
    return flagsOf(newText).some((flag) => {
      const old = before.get(flag.name);
      return !old || (flag.enabled === true && old.enabled !== true) || flag.rollout !== old.rollout;
    });
  });
}

/** A PLANNING.md in the change, else the nearest one above a component, names a flag. */
async function planningNamesAFlag(ctx: CheckContext, components: ChangedFile[]): Promise<boolean> {
  return (await planningFlagOf(ctx, components)) !== undefined;
}

/** The flag a PLANNING.md in the change names, else the one the planning doc nearest above one of `files` names, with where. */
async function planningFlagOf(ctx: CheckContext, files: readonly ChangedFile[]): Promise<{ flag: string; path: string } | undefined> {
  for (const file of ctx.change.files.filter((changed) => baseName(changed.path) === 'PLANNING.md' && changed.status !== 'deleted')) {
    const flag = planningFlag(file.newText ?? '');
    if (flag !== undefined) return { flag, path: file.path };
  }
  const candidates = new Set<string>();
  for (const file of files) {
    for (let folder = dirName(file.path); ; folder = dirName(folder)) {
      candidates.add(folder === '' ? 'PLANNING.md' : `${folder}/PLANNING.md`);
      if (folder === '') break;
    }
  }
  for (const path of candidates) {
    const text = await ctx.files.readText(path);
    const flag = text === undefined ? undefined : planningFlag(text);
    if (flag !== undefined) return { flag, path };
  }
  return undefined;
}

/** The flag a planning doc's front matter names (`flag:`), unless empty or a placeholder. */
export function planningFlag(planningText: string): string | undefined {
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(stripBom(planningText));
  if (!match) return undefined;
  let frontMatter: unknown;
  try {
    frontMatter = parseYaml(match[1]);
  } catch {
    return undefined;
  }
  if (typeof frontMatter !== 'object' || frontMatter === null) return undefined;
  const value = (frontMatter as Record<string, unknown>).flag;
  const names = (Array.isArray(value) ? value : [value]).filter((name): name is string | number => typeof name === 'string' || typeof name === 'number');
  return names.map((name) => String(name).trim()).find((name) => name !== '' && !PLACEHOLDER_VALUE.test(name));
}
