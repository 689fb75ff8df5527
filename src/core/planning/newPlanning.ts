import { minimatch } from 'minimatch';
import type { Pilot, ZonePolicy } from '../policy/model';
import type { Problem } from '../types';
import { fillTemplate, PLANNING_TEMPLATE_PATH } from './fill';
import { sameHandle, withAt } from './handles';
import { NO_FLAG } from './noFlag';
import { BUILTIN_PLANNING_TEMPLATE } from './template';
import type { Tier } from './tiers';

export interface NewPlanningInput {
  title: string;
  /** A feature folder (`src/features/checkout`) or one of its globs (`src/features/checkout/**`). */
  feature: string;
  flag: string;
  tier: Tier;
  metric: string;
  created: Date | string;
  /** The author's handle, when no `Pilot` is given (a PM not listed in CLAUDE.md). */
  authorHandle?: string;
  /** git's user.name: the name the doc's product DRI falls back to when nobody else is known. */
  userName?: string;
  /** The template text (see `loadPlanningTemplate`); the built-in one by default. */
  template?: string;
  /** Where the template was read from, for its problems. */
  templateFile?: string;
  /** The strings files of the feature folder (see copyFilesIn): the Scope lists them first. */
  copyFiles?: readonly string[];
}

export interface PlannedPlanningDoc {
  /** Repository-relative path: `<feature folder>/PLANNING.md`. */
  path: string;
  text: string;
  /** What filling the template reported (unknown placeholders of a repository template). */
  problems: Problem[];
}

/** The PLANNING.md a new change starts from: where it goes and what it says. Writes nothing. */
export function planNewPlanningDoc(input: NewPlanningInput, policy: ZonePolicy, author?: Pilot): PlannedPlanningDoc {
  const pilot = author ?? findPilot(policy, input.authorHandle);
  const folder = featureFolderOf(input.feature);
  const template = input.template ?? BUILTIN_PLANNING_TEMPLATE;
  const filled = fillTemplate(
    template,
    {
      title: input.title,
      author: withAt(pilot?.handle ?? input.authorHandle ?? ''),
      feature: folder,
      flag: input.flag,
      tier: input.tier,
      metric: input.metric,
      created: input.created,
      scope: scopeList(policy, folder, input.copyFiles),
      engineeringDri: pilot?.engineeringDri,
      productDri: planningDefaults(policy, pilot ?? input.authorHandle, input.userName).productDri,
      mode: policy.mode,
    },
    input.template === undefined ? 'built-in' : (input.templateFile ?? PLANNING_TEMPLATE_PATH),
  );
  return { path: folder ? `${folder}/PLANNING.md` : 'PLANNING.md', text: filled.text, problems: filled.problems };
}

/** `src/features/checkout/**` and `./src/features/checkout/` both become `src/features/checkout`: the path before the first wildcard. */
export function featureFolderOf(globOrFolder: string): string {
  const segments = globOrFolder.trim().replace(/\\/g, '/').replace(/^\.\//, '').split('/');
  const literal: string[] = [];
  for (const segment of segments) {
    if (/[*?[\]{}!]/.test(segment)) break;
    if (segment.length > 0 && segment !== '.') literal.push(segment);
  }
  return literal.join('/');
}

export interface FeatureFolderSuggestion {
  folder: string;
  /** The glob as CLAUDE.md writes it. */
  glob: string;
  /** The pilot PM whose folder it is. */
  pilot: string;
}

/**
 * The author's feature folders; every pilot's when the author is unknown or
 * has none listed, so a new PM still gets a sensible list.
 */
export function suggestFeatureFolders(policy: ZonePolicy, author?: Pilot | string): FeatureFolderSuggestion[] {
  const pilot = typeof author === 'string' ? findPilot(policy, author) : author;
  const pilots = pilot && pilot.featureFolders.length > 0 ? [pilot] : policy.pilots;
  const suggestions: FeatureFolderSuggestion[] = [];
  for (const candidate of pilots) {
    for (const glob of candidate.featureFolders) {
      const folder = featureFolderOf(glob);
      if (folder && !suggestions.some((known) => known.folder === folder)) suggestions.push({ folder, glob, pilot: candidate.handle });
    }
  }
  return suggestions;
}

/** The flags CLAUDE.md says the author owns; none when the author is unknown. */
export function suggestFlags(policy: ZonePolicy, author?: Pilot | string): string[] {
  const handle = typeof author === 'string' ? author : author?.handle;
  if (!handle) return [];
  const flags = policy.ownedFlags.filter((owned) => sameHandle(owned.owner, handle)).map((owned) => owned.flag);
  return [...new Set(flags)];
}

/** What a new planning doc is pre-filled with where the PM gave nothing: the flag, the product DRI. */
export interface PlanningDefaults {
  /** See defaultFlag. */
  flag: string;
  /**
   * The product DRI the pilot PMs table names for the author, else the
   * zone's; else the author themselves (a PM writing their own doc owns the
   * product side of it): their handle, else git's user.name. Undefined when
   * none is known, and the doc says TBD.
   */
  productDri?: string;
}

/**
 * What PM Zone already knows for a new planning doc: every surface that
 * writes one (`planning new`, `start`, "New planning doc") asks this, so no
 * doc says "TBD" where the zone or git had the answer.
 */
export function planningDefaults(policy: ZonePolicy, author?: Pilot | string, userName?: string): PlanningDefaults {
  const pilot = typeof author === 'string' ? findPilot(policy, author) : author;
  const handle = pilot?.handle ?? (typeof author === 'string' && author.trim() !== '' ? author : undefined);
  const productDri = pilot?.productDri ?? policy.productDri ?? (handle ? withAt(handle) : userName?.trim() || undefined);
  return { flag: defaultFlag(policy, pilot ?? author), ...(productDri ? { productDri } : {}) };
}

/**
 * The flag a new planning doc names when none is given: the first the author
 * owns; `none` when the zone lists no flag at all (the team gates nothing
 * behind a flag PM Zone knows of, and an empty field would only be warned
 * about); empty, to be filled in, when others own flags and the author none.
 */
export function defaultFlag(policy: ZonePolicy, author?: Pilot | string): string {
  return suggestFlags(policy, author)[0] ?? (policy.ownedFlags.length === 0 ? NO_FLAG : '');
}

/**
 * The strings files of the folder (what a copy change edits, one per
 * locale), then the may-edit globs that can match inside `folder`, as a
 * markdown list. A glob that applies anywhere (one starting with two stars,
 * or with no slash such as `*.md`) is narrowed to the folder.
 */
export function scopeList(policy: ZonePolicy, folder: string, copyFiles: readonly string[] = []): string {
  const items: string[] = copyFiles.map((file) => {
    const rule = policy.mayEdit.find((candidate) => minimatch(file, candidate.glob.startsWith('**/') || candidate.glob.includes('/') ? candidate.glob.replace(/^\//, '') : `**/${candidate.glob}`, { dot: true }));
    return `- \`${file}\`${rule?.note ? ` (${rule.note})` : ' (strings)'}`;
  });
  for (const rule of policy.mayEdit) {
    const anywhere = rule.glob.startsWith('**/') || !rule.glob.replace(/\/$/, '').includes('/');
    const glob = anywhere ? `**/${rule.glob.replace(/^\*\*\//, '')}` : rule.glob.replace(/^\//, '');
    if (folder && !minimatch(folder, glob, { partial: true, dot: true })) continue;
    const shown = folder && anywhere ? `${folder}/${glob}` : glob;
    items.push(`- \`${shown}\`${rule.note ? ` (${rule.note})` : ''}`);
  }
  return items.join('\n');
}

function findPilot(policy: ZonePolicy, handle: string | undefined): Pilot | undefined {
  return policy.pilots.find((pilot) => sameHandle(pilot.handle, handle));
}
