import * as vscode from 'vscode';
import type { FeatureFolderSuggestion } from '../../core/planning';
import { isNoFlag, NO_FLAG } from '../../core/planning/noFlag';
import { planningFolderRefusal } from '../../core/planning/planningPlace';
import { TIER_LABELS, TIERS, type Tier } from '../../core/planning/tiers';
import type { RepositoryPolicy } from '../../core/repository';
import { askPick, askText, BACK, type Answer, type StepPosition } from './multiStepInput';

/** The five questions of "New planning doc", in order. */
export const STEPS = ['title', 'feature', 'tier', 'flag', 'metric'] as const;
export type StepId = (typeof STEPS)[number];

export interface PlanningAnswers {
  title: string;
  /** Repository-relative folder with `/`, no leading `./` or trailing `/`. */
  feature: string;
  tier: Tier;
  flag: string;
  /** May be empty: the doc then says TBD. */
  metric: string;
}

/** What the questions offer: the author's folders and flags from CLAUDE.md. */
export interface QuestionContext {
  policy: RepositoryPolicy;
  folders: readonly FeatureFolderSuggestion[];
  flags: readonly string[];
  /** Suggested folders that already hold a PLANNING.md. */
  planned: ReadonlySet<string>;
}

/** Each tier's definition of done, in a line. */
export const TIER_DEFINITIONS: Readonly<Record<Tier, string>> = {
  prototype: 'A concept test for user feedback: throwaway, never in production paths.',
  'internal-tool': 'For the team, touching no customer data: a real engineering review first.',
  production: 'Reaches customers: the full checklist, engineering review, flag rollout.',
};

const { Error: ERROR, Warning: WARNING, Info: INFO } = vscode.InputBoxValidationSeverity;
const FLAG_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

export function validateTitle(value: string): vscode.InputBoxValidationMessage | undefined {
  if (value.trim().length === 0) return { message: 'Name the change in a few words, such as "Clearer copy on the order button".', severity: ERROR };
  if (/[\r\n]/.test(value)) return { message: 'The title is one line.', severity: ERROR };
  return undefined;
}

/** `./src/features/checkout/` and `src\features\checkout` both become `src/features/checkout`. */
export function normaliseFolder(value: string): string {
  return value.trim().replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '').replace(/\/{2,}/g, '/');
}

/** A folder relative to the repository root and inside it; a warning when the doc would not be the PM's to edit. */
export function validateFolder(value: string, context: QuestionContext): vscode.InputBoxValidationMessage | undefined {
  const raw = value.trim();
  const folder = normaliseFolder(raw);
  if (folder.length === 0 || folder === '.') return { message: 'Type the feature folder, such as src/features/checkout.', severity: ERROR };
  if (/^([/~]|[A-Za-z]:)/.test(raw.replace(/\\/g, '/'))) return { message: 'Type a path relative to the repository root, not an absolute one.', severity: ERROR };
  if (folder.split('/').includes('..')) return { message: 'The folder must be inside the repository: no "..".', severity: ERROR };
  if (/[*?[\]{}!]/.test(folder)) return { message: 'Type a folder, not a glob: src/features/checkout rather than src/features/checkout/**.', severity: ERROR };
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f]/.test(folder)) return { message: 'The folder name holds a control character.', severity: ERROR };
  const refusal = planningFolderRefusal(folder, (path) => context.policy.zoneOf(path), context.policy.zone.file);
  if (refusal) return { message: refusal, severity: ERROR };
  const author = context.policy.author;
  const yours = context.folders.filter((suggestion) => !author || suggestion.pilot === author.handle);
  if (author && yours.length > 0 && !yours.some(({ folder: own }) => folder === own || folder.startsWith(`${own}/`))) {
    return { message: `Not one of your feature folders in ${context.policy.zone.file} (${yours.map((own) => own.folder).join(', ')}).`, severity: INFO };
  }
  return undefined;
}

export function validateFlag(value: string, context: QuestionContext): vscode.InputBoxValidationMessage | undefined {
  const flag = value.trim();
  if (isNoFlag(flag)) return undefined;
  if (!FLAG_NAME.test(flag)) {
    return { message: 'A flag name starts with a letter, then letters, digits, "_", "-" or ".", such as checkout_copy_v3.', severity: ERROR };
  }
  const owners = context.policy.zone.ownedFlags.filter((owned) => owned.flag === flag);
  const author = context.policy.author?.handle.toLowerCase();
  if (owners.length > 0 && author && !owners.some((owned) => owned.owner.toLowerCase() === author)) {
    return { message: `Owned by ${owners.map((owned) => owned.owner).join(', ')} in ${context.policy.zone.file}: a PM changes only the flags they own.`, severity: WARNING };
  }
  if (owners.length === 0) return { message: `A new flag: ask your engineering DRI to list it under "Owned flags" in ${context.policy.zone.file}, with you as its owner.`, severity: INFO };
  return undefined;
}

export async function askTitle(position: StepPosition, value: string | undefined): Promise<Answer<string>> {
  const answer = await askText({
    ...position,
    prompt: 'What changes for the user, in a few words. It becomes the title of the doc and of the pull request.',
    placeholder: 'Clearer copy on the order button',
    value,
    validate: validateTitle,
  });
  return typeof answer === 'string' ? answer.trim() : answer;
}

interface FolderItem extends vscode.QuickPickItem {
  folder?: string;
}

export async function askFeatureFolder(position: StepPosition, context: QuestionContext, value: string | undefined): Promise<Answer<string>> {
  const author = context.policy.author?.handle;
  const items: FolderItem[] = context.folders.map(({ folder, pilot }) => ({
    label: `$(folder) ${folder}`,
    description: pilot === author ? 'your feature folder' : `${pilot}'s feature folder`,
    detail: context.planned.has(folder) ? '$(warning) Already has a PLANNING.md: choosing it offers to open that one.' : undefined,
    folder,
  }));
  const other: FolderItem = { label: '$(edit) Other folder…', description: 'type a folder path' };
  if (items.length > 0) items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push(other);
  let typed = value !== undefined && !context.folders.some((suggestion) => suggestion.folder === value) ? value : undefined;
  for (;;) {
    const picked = await askPick({
      ...position,
      placeholder: context.folders.length > 0 ? 'Which feature folder does the change live in? PLANNING.md goes there.' : 'No feature folders are listed for you in CLAUDE.md: choose "Other folder…"',
      items,
      active: items.find((item) => item.folder !== undefined && item.folder === value) ?? (typed !== undefined ? other : undefined),
    });
    if (picked === undefined || picked === BACK) return picked;
    if (picked.folder !== undefined) return picked.folder;
    const answer = await askText({
      ...position,
      back: true,
      prompt: 'The feature folder, relative to the repository root. PLANNING.md is created inside it.',
      placeholder: 'src/features/checkout',
      value: typed,
      validate: (text) => validateFolder(text, context),
    });
    if (answer === undefined) return undefined;
    if (answer !== BACK) return normaliseFolder(answer);
    typed = undefined;
  }
}

interface TierItem extends vscode.QuickPickItem {
  tier: Tier;
}

export async function askTier(position: StepPosition, value: Tier | undefined): Promise<Answer<Tier>> {
  const items: TierItem[] = TIERS.map((tier) => ({ label: TIER_LABELS[tier], description: `tier: ${tier}`, detail: TIER_DEFINITIONS[tier], tier }));
  const picked = await askPick({
    ...position,
    placeholder: 'Which kind of software is this? Each tier has its own definition of done.',
    items,
    active: items.find((item) => item.tier === (value ?? 'production')),
  });
  return picked === undefined || picked === BACK ? picked : picked.tier;
}

interface FlagItem extends vscode.QuickPickItem {
  flag?: string;
}

export async function askFlag(position: StepPosition, context: QuestionContext, value: string | undefined): Promise<Answer<string>> {
  const items: FlagItem[] = context.flags.map((flag) => ({ label: `$(symbol-boolean) ${flag}`, description: `owned by you in ${context.policy.zone.file}`, flag }));
  const fresh: FlagItem = { label: '$(add) New flag…', description: 'name the flag this change introduces' };
  const noFlag: FlagItem = { label: '$(circle-slash) No flag: copy only', description: 'a copy or content change; the checklist says whether that is acceptable', flag: NO_FLAG };
  if (items.length > 0) items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push(fresh, noFlag);
  let typed = value !== undefined && !context.flags.includes(value) && !isNoFlag(value) ? value : undefined;
  for (;;) {
    const picked = await askPick({
      ...position,
      placeholder: context.flags.length > 0 ? 'Which feature flag gates the change? (A copy-only change may have none.)' : `You own no flag in ${context.policy.zone.file} yet: name a new one, or none for a copy-only change`,
      items,
      active: items.find((item) => item.flag !== undefined && item.flag === value) ?? (typed !== undefined ? fresh : undefined),
    });
    if (picked === undefined || picked === BACK) return picked;
    if (picked.flag !== undefined) return picked.flag;
    const answer = await askText({
      ...position,
      back: true,
      prompt: 'The name of the new feature flag. It is off by default; the rollout plan says who sees the change when.',
      placeholder: 'checkout_copy_v3',
      value: typed,
      validate: (text) => validateFlag(text, context),
    });
    if (answer === undefined) return undefined;
    if (answer !== BACK) return answer.trim();
    typed = undefined;
  }
}

export async function askMetric(position: StepPosition, value: string | undefined): Promise<Answer<string>> {
  const answer = await askText({
    ...position,
    prompt: 'The one number this change should move. Leave it empty to decide later: the doc then says TBD.',
    placeholder: 'Checkout completion rate',
    value,
  });
  return typeof answer === 'string' ? answer.trim() : answer;
}

interface ExistingItem extends vscode.QuickPickItem {
  choice: 'open' | 'other';
}

/** Asked when the chosen folder already has a PLANNING.md: it is never overwritten. */
export async function askAboutExisting(position: StepPosition, path: string): Promise<Answer<'open' | 'other'>> {
  const items: ExistingItem[] = [
    { label: '$(go-to-file) Open it', description: path, choice: 'open' },
    { label: '$(folder) Choose another folder', choice: 'other' },
  ];
  const picked = await askPick({ ...position, placeholder: `${path} already exists. PM Zone never overwrites a planning doc.`, items });
  return picked === undefined || picked === BACK ? picked : picked.choice;
}
