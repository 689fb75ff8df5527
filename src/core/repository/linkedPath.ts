import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { realPathAllowingMissing } from '../git/folders';
import { linkTargetNow, realPathNow, statNow } from '../git/regularFile';
import { realRepositoryPath, type LinkTarget } from '../git/linkResolution';
import type { ZoneAnswer } from '../policy';
import type { RepositoryPolicy } from './assemble';

/**
 * The path git tracks for a path reached through a symbolic link (a real
 * monorepo links `packages/i18n/locales` to `src/locales`): `same` when no
 * link is on the way, `linked` with the tracked path inside the repository,
 * `escapes` when the link leads out of it, `missing` when nothing is there
 * and no link is on the way. A file not made yet under a linked folder, or
 * behind a link to nothing, is answered where writing it would put it.
 */
export type TrackedPath = { kind: 'same' } | { kind: 'linked'; path: string } | { kind: 'escapes' } | { kind: 'missing' };

export async function trackedPathOf(root: string, relPath: string): Promise<TrackedPath> {
  const file = path.join(root, relPath);
  // Resolved at once, as fs.realpath resolves them: `explain` asks this of every path it is given. A root that cannot be resolved fails as fs.realpath fails.
  const realRoot = realPathNow(root) ?? (await fs.realpath(root));
  const existing = realPathNow(file);
  const realFile = existing ?? (await wouldBeAt(file));
  if (realFile === undefined) return { kind: 'missing' };
  const inside = path.relative(realRoot, realFile);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return inside === '' ? { kind: 'same' } : { kind: 'escapes' };
  const tracked = inside.split(path.sep).join('/');
  if (tracked !== relPath.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '')) {
    // A link to a folder is answered for the folder: `d -> ../../auth` is `src/auth/`, which `**/auth/**` locks.
    const folder = existing !== undefined && statNow(existing)?.isDirectory();
    return { kind: 'linked', path: folder ? `${tracked}/` : tracked };
  }
  return existing === undefined ? { kind: 'missing' } : { kind: 'same' };
}

/**
 * Where a path in a version of the repository really leads, from the link
 * targets git records: through every link on the way, a linked folder
 * included, as the operating system follows them, so `prompts/x.md ->
 * d/session.ts` with `prompts/d -> ../../../auth` is `src/auth/session.ts`.
 */
export async function trackedPathThrough(relPath: string, linkTarget: LinkTarget): Promise<TrackedPath> {
  const real = await realRepositoryPath(relPath, linkTarget);
  if (real.kind === 'outside') return { kind: 'escapes' };
  return real.path === relPath ? { kind: 'same' } : { kind: 'linked', path: real.path };
}

/** Where a file that does not exist would be written: its folder's real path, or the target of a link to nothing. */
async function wouldBeAt(file: string): Promise<string | undefined> {
  const folder = await realPathAllowingMissing(path.dirname(file));
  if (folder === undefined) return undefined;
  const link = linkTargetNow(file);
  return link === undefined ? path.join(folder, path.basename(file)) : realPathAllowingMissing(path.resolve(folder, link));
}

/**
 * The zone of a path as git tracks it. Through a link inside the repository
 * the file is the link's target: its zone is the target's, except that a
 * lock on either path wins (fail closed). A link that leads out of the
 * repository is never PM-editable.
 */
export function zoneThroughLinks(policy: Pick<RepositoryPolicy, 'zoneOf'>, relPath: string, tracked: TrackedPath, via = 'Reached through a link: git tracks this file as'): ZoneAnswer {
  const asGiven = policy.zoneOf(relPath);
  if (tracked.kind === 'same' || tracked.kind === 'missing') return asGiven;
  if (tracked.kind === 'escapes') {
    if (asGiven.zone === 'locked') return asGiven;
    const reason = { source: 'built-in', line: null, rule: 'link-outside-repository', message: 'A link to a file outside the repository: never PM-editable' };
    // Only the owners line stays: whatever made the link's own path editable does not reach outside.
    return { ...asGiven, zone: 'outside', reasons: [reason, ...ownersReasons(asGiven)], qualifiers: [] };
  }
  const target = policy.zoneOf(tracked.path);
  const link = { source: 'built-in', line: null, rule: 'symbolic-link', message: `${via} ${tracked.path}` };
  if (asGiven.zone === 'locked' && target.zone !== 'locked') return { ...asGiven, reasons: [link, ...asGiven.reasons] };
  return { ...target, path: asGiven.path, reasons: [link, ...target.reasons] };
}

/** The reason that names an answer's CODEOWNERS line, the one a replaced answer keeps. */
export function ownersReasons(answer: ZoneAnswer): ZoneAnswer['reasons'] {
  return answer.reasons.filter((r) => r.source === answer.ownersFile && r.line === answer.ownersLine);
}

/** The zone of a file on disk, through any link. */
export async function zoneOnDisk(policy: RepositoryPolicy, root: string, relPath: string): Promise<ZoneAnswer> {
  return zoneThroughLinks(policy, relPath, await trackedPathOf(root, relPath).catch((): TrackedPath => ({ kind: 'missing' })));
}
