import type { Finding } from '../../types';
import { defineCheck, type ChangedFile, type CheckContext } from '../model';
import type { LinkTarget } from '../../git/linkResolution';
import { resolveZone, stricter, type ZoneAnswer } from '../../policy';
import { noteOfReason, zoneHover } from '../../repository/describe';
import { changesPmZoneSettings } from './editorSettings';
import { ownersReasons, trackedPathThrough, zoneThroughLinks, type TrackedPath } from '../../repository/linkedPath';
import { policyFilePaths } from '../../repository/policyFiles';
import { DEFAULT_SETTINGS } from '../../repository/settings';

/**
 * The zone of every path the change touches: a rename touches its old path
 * too, and a symbolic link in either version is answered as the badges answer
 * it, for the file it leads to through every link on the way (a lock on
 * either wins): re-pointing or replacing a link to CLAUDE.md is a change to a
 * policy file.
 */
async function touchedZones(ctx: CheckContext): Promise<ZoneAnswer[]> {
  const context = { policy: ctx.policy, owners: ctx.owners, author: ctx.author, policyFiles: ctx.policyFiles ?? policyFilePaths(DEFAULT_SETTINGS, ctx.policy.file) };
  const zoneOf = (path: string) => resolveZone(path, context);
  const answers = new Map<string, ZoneAnswer>();
  const keep = (answer: ZoneAnswer) => {
    const known = answers.get(answer.path);
    if (!known || (known.zone !== 'locked' && answer.zone !== known.zone && answer.zone !== 'editable')) answers.set(answer.path, answer);
  };
  const changedLinks = new Map(ctx.change.files.flatMap((changed) => (changed.links?.after === undefined ? [] : [[changed.path, changed.links.after] as const])));
  for (const file of ctx.change.files) {
    if (changesPmZoneSettings(file)) keep(pmZoneSettingsChanged(zoneOf(file.path)));
    keep(zoneOf(file.path));
    if (file.oldPath) keep(zoneOf(file.oldPath));
    for (const [linkPath, linkTarget] of linkSides(file, changedLinks, ctx)) {
      const tracked = await trackedPathThrough(linkPath, linkTarget);
      keep(await asFileOrFolder(tracked, ctx, (leadsTo) => zoneThroughLinks({ zoneOf }, linkPath, leadsTo, 'A symbolic link to')));
    }
  }
  return [...answers.values()];
}

/** An editor settings file whose `pmZone.*` settings the change touches: a change to what is locked, so locked like a policy file. */
function pmZoneSettingsChanged(answer: ZoneAnswer): ZoneAnswer {
  const reason = { source: 'built-in', line: null, rule: 'pmZone-settings', message: 'It changes PM Zone\'s settings (`pmZone.*`), which decide what is locked for everyone who opens the repository: policy files are not edited by those they bind' };
  return { ...answer, zone: 'locked', reasons: [reason, ...ownersReasons(answer)], qualifiers: [] };
}

const touched = new WeakMap<CheckContext, Promise<ZoneAnswer[]>>();

/** Asked by each zone check: resolved once per review. */
function touchedZonesOnce(ctx: CheckContext): Promise<ZoneAnswer[]> {
  let answers = touched.get(ctx);
  if (!answers) touched.set(ctx, (answers = touchedZones(ctx)));
  return answers;
}

/**
 * Each version of the file that is a symbolic link: its path, and the links
 * of that version to follow from it (the change's own first, so a link and
 * the folder link it goes through can arrive in one change).
 */
function linkSides(file: ChangedFile, changedLinks: ReadonlyMap<string, string>, ctx: CheckContext): [string, LinkTarget][] {
  const inVersion = (own: string, target: string): LinkTarget => async (path) => (path === own ? target : changedLinks.get(path) ?? ctx.files.linkTarget?.(path));
  const sides: [string, LinkTarget][] = [];
  if (file.links?.before !== undefined) sides.push([file.oldPath ?? file.path, inVersion(file.oldPath ?? file.path, file.links.before)]);
  if (file.links?.after !== undefined) sides.push([file.path, inVersion(file.path, file.links.after)]);
  return sides;
}

/**
 * A link may lead to a folder (`prompts/d -> ../../../auth`), which is judged
 * as a folder; when the version cannot say that it leads to a file, it is
 * judged both ways and the stricter answer stands.
 */
async function asFileOrFolder(tracked: TrackedPath, ctx: CheckContext, answer: (tracked: TrackedPath) => ZoneAnswer): Promise<ZoneAnswer> {
  const asFile = answer(tracked);
  if (tracked.kind !== 'linked' || (await ctx.files.size?.(tracked.path)) !== undefined) return asFile;
  return stricter(asFile, answer({ kind: 'linked', path: `${tracked.path}/` }));
}

export const zoneLockedCheck = defineCheck({
  about: {
    'zone.locked': {
      title: 'Engineering-only file changed',
      description: 'The change edits a file the PM zone reserves for engineering.',
      help: 'Undo the edit, or hand this part of the change to the engineering owner named in CODEOWNERS.',
      item: { section: 'Scope', text: 'No file is engineering-only (locked by CODEOWNERS)' },
      defaultSeverity: 'error',
      // "Every changed file is inside the PM zone" is answered by the zone, which the badges already know.
      words: /\bCODEOWNERS\b|\blocked\b|\bengineering[- ]only\b|\b(?:inside|within|in) (?:the|my|our) PM zone\b/i,
    },
  },
  async run(ctx) {
    return (await touchedZonesOnce(ctx))
      .filter((answer) => answer.zone === 'locked')
      .map((answer): Finding => ({
        check: 'zone.locked',
        severity: 'error',
        blocking: true,
        file: answer.path,
        line: null,
        // The hover's words: the rule in words first, its glob and line after, then the owners.
        message: `${answer.path} is locked to PMs. ${zoneHover(answer, noteOfReason(ctx.policy))} Undo this change or ask an engineer to make it.`,
        rule: answer.reasons[0]?.rule,
      }));
  },
});

export const zoneOutsideCheck = defineCheck({
  about: {
    'zone.outside': {
      title: 'File outside the PM zone',
      description: 'The change edits a file that is neither PM-editable nor engineering-only.',
      help: 'Ask an engineer to co-author this part of the change, or keep to the files of your feature folder.',
      item: { section: 'Scope', text: 'Files outside my feature folder have an engineering co-author' },
      defaultSeverity: 'warning',
      words: /\boutside\b|\bfeature folders?\b|\b(?:inside|within|in) (?:the|my|our) PM zone\b/i,
    },
  },
  async run(ctx) {
    const regulated = ctx.policy.mode === 'regulated';
    return (await touchedZonesOnce(ctx))
      .filter((answer) => answer.zone === 'outside')
      .map((answer): Finding => ({
        check: 'zone.outside',
        severity: regulated ? 'error' : 'warning',
        blocking: regulated,
        file: answer.path,
        line: null,
        message: `${answer.path} is outside your PM zone: ${answer.reasons.map((r) => r.message).join('; ')}. Pair with an engineer (the pull request can open as a draft labelled for pairing).`,
        rule: answer.reasons[0]?.rule,
      }));
  },
});

export const zoneOwnersCheck = defineCheck({
  about: {
    'zone.owners': {
      title: 'Code owners to request',
      description: 'Changed files have code owners who must review them: one note per set of owners, for the whole change.',
      help: 'Request a review from the owners listed; PM Zone adds them when it opens the pull request.',
      item: { section: 'Scope', text: 'The code owners of every changed file are requested as reviewers' },
      defaultSeverity: 'info',
      words: /\breviewers?\b|\bcode owners\b/i,
      note: true,
    },
  },
  async run(ctx) {
    // One note per set of owners, for the whole change: the reviewers are requested once, not per file.
    const sets = new Map<string, { owners: string[]; paths: string[]; lines: Set<string> }>();
    for (const answer of await touchedZonesOnce(ctx)) {
      if (answer.owners.length === 0) continue;
      const key = answer.owners.join(' ');
      const set = sets.get(key) ?? { owners: answer.owners, paths: [], lines: new Set<string>() };
      set.paths.push(answer.path);
      if (answer.ownersFile) set.lines.add(`${answer.ownersFile}:${answer.ownersLine}`);
      sets.set(key, set);
    }
    return [...sets.values()].map((set): Finding => ({
      check: 'zone.owners',
      severity: 'info',
      blocking: false,
      file: null,
      line: null,
      message: `Code owners who must review: ${set.owners.join(' ')}${set.lines.size > 0 ? ` (${[...set.lines].join(', ')})` : ''}, for ${ownedFiles(set.paths)}.`,
    }));
  },
});

/** "src/a.json", "2 files: src/a.json, src/b.json", "7 files: a, b, c and 4 more". */
function ownedFiles(paths: readonly string[]): string {
  const SHOWN = 3;
  if (paths.length === 1) return paths[0];
  const shown = paths.slice(0, SHOWN).join(', ');
  return `${paths.length} files: ${shown}${paths.length > SHOWN ? ` and ${paths.length - SHOWN} more` : ''}`;
}
