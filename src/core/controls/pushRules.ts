// GitHub's push rulesets, read for the paths they lock: a push ruleset's
// "Restrict file paths" rule (`file_path_restriction`) makes GitHub refuse any
// push, to any branch of the repository or of its forks, that touches a listed
// path, unless the pusher may bypass the ruleset. It is the one place the
// engineering-only paths are enforced whatever ran on the pusher's machine.
// GitHub offers push rulesets for private and internal repositories of
// organisations on its Team and Enterprise plans.

import { refusal, type Answer } from './ask';
import type { RuleReply, RuleSource } from './branchRules';

/** A ruleset as "Get all repository rulesets" lists it. */
export interface RulesetSummary {
  id?: unknown;
  name?: unknown;
  target?: unknown;
  enforcement?: unknown;
  source_type?: unknown;
  source?: unknown;
}

export interface PushRuleset extends RuleSource {
  enforcement: string;
  /** Its restricted file paths; null when PM Zone could not read its rules. */
  paths: string[] | null;
}

export interface PushRules {
  /** Why GitHub offers no push rulesets here: a public repository, a personal account's. */
  unavailable?: string;
  /** Why they could not be read, in words with GitHub's answer. */
  unread?: string;
  rulesets: PushRuleset[];
}

export interface RepositoryFacts {
  repository: string;
  visibility: 'public' | 'private' | 'internal';
  ownerType: unknown;
}

type ReadRuleset = (id: number, organisation: string) => Promise<RuleSource & { rules?: RuleReply[] }>;

export async function pushRulesets(facts: RepositoryFacts, listed: Answer<RulesetSummary[]>, readRuleset: ReadRuleset): Promise<PushRules> {
  if (facts.visibility === 'public') return { unavailable: `GitHub offers push rulesets for private and internal repositories only, and ${facts.repository} is public`, rulesets: [] };
  if (facts.ownerType === 'User') return { unavailable: `push rulesets need an organisation on GitHub Team or Enterprise, and ${facts.repository} belongs to a personal account`, rulesets: [] };
  if (!listed.ok) return { unread: `needs Metadata: read to list the rulesets of ${facts.repository} (${refusal(listed)})`, rulesets: [] };
  const push = listed.data.filter((summary) => summary.target === 'push' && typeof summary.id === 'number');
  const rulesets = await Promise.all(push.map(async (summary): Promise<PushRuleset> => {
    const organisation = summary.source_type === 'Organization' ? `, organisation ${String(summary.source)}` : '';
    const read = await readRuleset(summary.id as number, organisation);
    const paths = read.rules
      ? read.rules.filter((rule) => rule.type === 'file_path_restriction').flatMap((rule) => (Array.isArray(rule.parameters?.restricted_file_paths) ? (rule.parameters.restricted_file_paths as unknown[]).filter((path): path is string => typeof path === 'string') : []))
      : null;
    return { name: read.name, bypass: read.bypass, enforcement: String(summary.enforcement), paths };
  }));
  return { rulesets };
}
