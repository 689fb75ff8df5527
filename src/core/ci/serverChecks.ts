// What only the server can check: the pull request as GitHub holds it (its
// description, labels, draft state) against the change's commits and the
// repository at the head. Each finding has its own `ci.` id.

import { DEFAULT_LABELS } from '../defaults';
import type { Change } from '../git/model';
import { parseMarkdown, descendants, plainText } from '../text/markdown';
import { aiStatementOf, detectAiAssistance } from '../review';
import type { RepositoryPolicy } from '../repository';
import type { FileSource, Finding } from '../types';
import type { GatePullRequest } from './pullRequestEvent';

export const SERVER_CHECK_IDS = ['ci.planning-link', 'ci.ai-disclosure', 'ci.pm-authored-label', 'ci.sign-offs'] as const;

export interface ServerCheckInput {
  pullRequest: GatePullRequest;
  policy: RepositoryPolicy;
  change: Change;
  /** The repository at the pull request's head. */
  head: FileSource;
  labels?: { pmAuthored: string; aiAssisted: string };
}

export async function serverChecks(input: ServerCheckInput): Promise<Finding[]> {
  const labels = input.labels ?? DEFAULT_LABELS;
  return [
    ...(await planningLink(input)),
    ...aiDisclosure(input, labels.aiAssisted),
    ...pmAuthoredLabel(input, labels.pmAuthored),
    ...signOffs(input),
  ];
}

/** The description links a PLANNING.md, and the one it links is in the head. */
async function planningLink({ pullRequest, head }: ServerCheckInput): Promise<Finding[]> {
  const linked = linkedPlanningDocs(pullRequest.body, pullRequest.repository);
  if (linked.length === 0) {
    return [finding('ci.planning-link', 'warning', false, 'The pull request description links no PLANNING.md: link the planning doc so reviewers read the intent first ("Open pull request" in PM Zone writes the link).')];
  }
  const missing: string[] = [];
  for (const link of linked) {
    let found = false;
    for (const path of link.paths) if (!found && (await head.readText(path)) !== undefined) found = true;
    if (!found) missing.push(link.written);
  }
  return missing.map((written) => finding('ci.planning-link', 'error', true, `The description links ${written}, which this pull request's head does not have: add the planning doc, or fix the link.`));
}

export interface PlanningLink {
  /** The link as written. */
  written: string;
  /** The repository paths it may name: a blob link's branch may hold slashes, so each split is a candidate. */
  paths: string[];
}

/** The PLANNING.md files the description links: relative links, blob links into this repository, or code spans naming a path. */
export function linkedPlanningDocs(body: string, repository: string): PlanningLink[] {
  const links = new Map<string, string[]>();
  const blob = new RegExp(`/${escapeRegExp(repository)}/blob/(.+)$`, 'i');
  const tree = parseMarkdown(body);
  for (const link of descendants(tree, 'link')) {
    const target = safeDecode(link.url.split(/[?#]/)[0] ?? '');
    if (!/(?:^|\/)PLANNING\.md$/.test(target)) continue;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
      const refAndPath = blob.exec(target)?.[1];
      if (!refAndPath) continue;
      const segments = refAndPath.split('/');
      links.set(link.url, segments.slice(1).map((_segment, index) => segments.slice(index + 1).join('/')));
    } else {
      links.set(link.url, [target.replace(/^\.?\//, '')]);
    }
  }
  for (const code of descendants(tree, 'inlineCode')) {
    if (/^[\w./-]*PLANNING\.md$/.test(code.value) && !code.value.includes('..') && ![...links.values()].some((paths) => paths.includes(code.value))) {
      links.set(code.value, [code.value.replace(/^\.?\//, '')]);
    }
  }
  return [...links].map(([written, paths]) => ({ written, paths }));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Commits that say an AI co-wrote them are disclosed: the label, and a description that says AI helped. */
function aiDisclosure({ pullRequest, change }: ServerCheckInput, label: string): Finding[] {
  const assisted = detectAiAssistance(change.commits);
  if (assisted.length === 0) return [];
  const tools = [...new Set(assisted.map((entry) => entry.tool))].join(', ');
  const commits = [...new Set(assisted.map((entry) => entry.commit.slice(0, 7)))].join(', ');
  const missing: string[] = [];
  if (!hasLabel(pullRequest, label)) missing.push(`the \`${label}\` label`);
  if (aiStatementOf(pullRequest.body) !== 'used') missing.push('an "AI assistance" section in the description that says so');
  if (missing.length === 0) return [];
  return [finding('ci.ai-disclosure', 'error', true, `Commits ${commits} name ${tools} as co-author, but the pull request lacks ${missing.join(' and ')}.`)];
}

/** A pilot PM's pull request carries the label the team filters PM work by. */
function pmAuthoredLabel({ pullRequest, policy }: ServerCheckInput, label: string): Finding[] {
  if (!policy.author || hasLabel(pullRequest, label)) return [];
  return [finding('ci.pm-authored-label', 'warning', false, `${policy.author.handle} is a pilot PM of ${policy.zone.file}: label this pull request \`${label}\`.`)];
}

/** In regulated mode a pull request ready for review has both sign-offs ticked; until then it is said, not blocked. */
function signOffs({ pullRequest, policy }: ServerCheckInput): Finding[] {
  if (policy.zone.mode !== 'regulated' || pullRequest.draft) return [];
  const items = descendants(parseMarkdown(pullRequest.body), 'listItem');
  const ticked = (role: RegExp) => items.some((item) => item.checked === true && role.test(plainText(item)));
  const open = [['Engineering DRI', /engineering dri/i], ['Product DRI', /product dri/i]].filter(([, role]) => !ticked(role as RegExp)).map(([name]) => name as string);
  if (open.length === 0) return [];
  return [finding('ci.sign-offs', 'warning', false, `Regulated mode: the ${open.join(' and ')} sign-off${open.length > 1 ? 's are' : ' is'} not ticked in the description yet; the pull request must not merge before ${open.length > 1 ? 'both are' : 'it is'}.`)];
}

function hasLabel(pullRequest: GatePullRequest, label: string): boolean {
  return pullRequest.labels.some((name) => name.toLowerCase() === label.toLowerCase());
}

function finding(check: string, severity: Finding['severity'], blocking: boolean, message: string): Finding {
  return { check, severity, blocking, file: null, line: null, message };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
