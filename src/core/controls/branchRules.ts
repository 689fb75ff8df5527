// What GitHub enforces on the base branch, read through its REST API (API
// version 2022-11-28): the branch's active rules (any token that can read the
// repository may ask), the rulesets they come from with their bypass actors
// (hidden from tokens without write access to the ruleset), the rulesets that
// enforce nothing (evaluate, disabled), classic branch protection (admins
// only) and the branch's required checks (anyone); the merge queue it
// requires; the push rulesets (pushRules.ts). Every list is read page by
// page. A refusal (403, 404; SAML single sign-on, an IP allow list) of one of
// these makes what it would have said unknown, with the reason; a failure to
// reach GitHub at all is thrown.

import { GATE_CHECK_NAME } from '../audit/reviewAtMerge';
import type { Connection } from '../pr/github/connection';
import { GitHubError, toGitHubError } from '../pr/github/errors';
import { ask, refusal } from './ask';
import type { CodeownersErrors } from './evaluate';
import { actorVerdict, combine, rankOf, roleIncludesPilot, type BypassActor, type BypassVerdict, type PilotAccess } from './bypass';
import { pushRulesets, type PushRules, type RulesetSummary } from './pushRules';
import { teamPilotsLookup } from './teams';

/** A ruleset or the classic branch protection, and whether a pilot PM can get past it. */
export interface RuleSource {
  /** As the evidence names it: `ruleset "Protect main" (#42)`, `the branch protection of main`. */
  name: string;
  bypass: BypassVerdict;
}

export interface BranchRules {
  base: string;
  /** The sources requiring at least one approving review. */
  approvals: RuleSource[];
  codeOwnerReview: RuleSource[];
  lastPushApproval: RuleSource[];
  /** The sources requiring the gate's check; an unpinned one anyone with write access can satisfy. */
  gateCheck: RuleSource[];
  /** What would let PM Zone read the branch protection it could not; undefined when read or absent. */
  classicUnread?: string;
  /** Rulesets that enforce nothing: `"Draft rules" (evaluate)`. */
  inactive: string[];
  /** The sources requiring merges through a merge queue. */
  mergeQueue: RuleSource[];
  /** Why GitHub would not give the branch's rules from rulesets (a 403: a permission, SAML SSO, an IP allow list); undefined when it did. */
  rulesUnread?: string;
  /** The push rulesets: which paths GitHub itself refuses in a push, and to whom. */
  push: PushRules;
  /** GitHub Actions' app id, the source the gate's check comes from; null when GitHub would not say. */
  actionsAppId: number | null;
}

export interface RuleReply {
  type?: unknown;
  parameters?: Record<string, unknown>;
  ruleset_id?: unknown;
  ruleset_source_type?: unknown;
  ruleset_source?: unknown;
}

interface StatusCheck {
  context: string;
  source: number | null;
}

export interface BranchQuery {
  owner: string;
  repo: string;
  /** The branch to check; default: the repository's default branch. */
  base?: string;
  /** The pilot PMs' logins at the base, without `@`, or why they cannot be known; asked only when a bypass needs them. */
  pilots: (base: string) => Promise<readonly string[] | string>;
}

export async function readBranchRules(github: Connection, query: BranchQuery): Promise<BranchRules> {
  const { owner, repo } = query;
  const repository = `${owner}/${repo}`;
  const octokit = github.octokit;
  // The one request that must succeed: without the repository there is nothing to ask about.
  let read: RepositoryReply;
  try {
    read = (await octokit.request('GET /repos/{owner}/{repo}', { owner, repo })).data as RepositoryReply;
  } catch (error) {
    throw toGitHubError(error, github.context('read the repository', repository));
  }
  const base = query.base ?? (typeof read.default_branch === 'string' ? read.default_branch : 'main');

  const [rules, branch, listed, actions] = await Promise.all([
    ask<RuleReply[]>(github, 'read the rules of a branch', repository, async () => ({ data: await octokit.paginate('GET /repos/{owner}/{repo}/rules/branches/{branch}', { owner, repo, branch: base, per_page: 100 }) })),
    ask<BranchReply>(github, 'read a branch', repository, () => octokit.request('GET /repos/{owner}/{repo}/branches/{branch}', { owner, repo, branch: base })),
    ask<RulesetSummary[]>(github, 'list rulesets', repository, async () => ({ data: await octokit.paginate('GET /repos/{owner}/{repo}/rulesets', { owner, repo, includes_parents: true, targets: 'branch,tag,push', per_page: 100 }) })),
    ask<{ id?: unknown }>(github, 'read the GitHub Actions app', repository, () => octokit.request('GET /apps/{app_slug}', { app_slug: 'github-actions' })),
  ]);
  if (!rules.ok && rules.status !== 403) throw new GitHubError('not-found', `GitHub would not give the rules of ${base} in ${repository} (${rules.status}).`, 'Check the repository name and that the token can read it.', { status: rules.status });
  if (!branch.ok && branch.status === 404) throw new GitHubError('not-found', `${repository} has no branch ${base} on GitHub.`, 'Name the branch pull requests merge into with --base.', { status: 404 });
  const actionsAppId = actions.ok && typeof actions.data.id === 'number' ? actions.data.id : null;

  let pilotAccess: Promise<PilotAccess[]> | undefined;
  const pilots = () => (pilotAccess ??= query.pilots(base).then((logins) => (typeof logins === 'string' ? [{ login: 'the pilot PMs', unreadable: logins }] : readPilots(github, owner, repo, logins))));
  const teamOf = teamPilotsLookup(github, owner, repository, () => query.pilots(base));
  const readRuleset = (id: number, organisation: string) => rulesetSource(github, owner, repo, id, organisation, pilots, teamOf);

  const result: BranchRules = {
    base, approvals: [], codeOwnerReview: [], lastPushApproval: [], gateCheck: [], inactive: [], mergeQueue: [], actionsAppId,
    push: await pushRulesets({ repository, visibility: read.visibility ?? (read.private === false ? 'public' : 'private'), ownerType: read.owner?.type }, listed, readRuleset),
  };
  result.inactive = listed.ok
    ? listed.data.filter((ruleset) => ruleset.target === 'branch' && ruleset.enforcement !== 'active').map((ruleset) => `"${String(ruleset.name)}" (${String(ruleset.enforcement)})`)
    : [];
  if (!rules.ok) result.rulesUnread = `GitHub would not give the rules of ${base} (${refusal(rules)})`;

  const sources = new Map<number, Promise<RuleSource>>();
  for (const rule of rules.ok ? rules.data : []) {
    const id = typeof rule.ruleset_id === 'number' ? rule.ruleset_id : -1;
    if (!sources.has(id)) sources.set(id, readRuleset(id, rule.ruleset_source_type === 'Organization' ? `, organisation ${String(rule.ruleset_source)}` : ''));
    const source = await sources.get(id)!;
    const parameters = rule.parameters ?? {};
    if (rule.type === 'pull_request') addReviews(result, source, parameters);
    if (rule.type === 'merge_queue') result.mergeQueue.push(source);
    if (rule.type === 'required_status_checks' && Array.isArray(parameters.required_status_checks)) {
      const checks = (parameters.required_status_checks as Array<{ context?: unknown; integration_id?: unknown }>).map((check) => ({ context: String(check.context), source: typeof check.integration_id === 'number' ? check.integration_id : null }));
      addGateCheck(result, source, checks);
    }
  }

  // GitHub says `protected` under any active ruleset too; `protection.enabled` false beside rules that explain it is a ruleset-only branch.
  const classicPossible = branch.ok && branch.data.protected === true && (!rules.ok || rules.data.length === 0 || branch.data.protection?.enabled !== false);
  if (!branch.ok) result.classicUnread = `Contents: read to read ${base} (GitHub answered ${branch.status})`;
  else if (classicPossible) await readClassic(github, owner, repo, base, branch.data, result, pilots);
  return result;
}

interface RepositoryReply {
  default_branch?: unknown;
  private?: unknown;
  visibility?: 'public' | 'private' | 'internal';
  owner?: { type?: unknown };
}

interface BranchReply {
  protected?: unknown;
  protection?: { enabled?: unknown; required_status_checks?: { enforcement_level?: unknown; checks?: unknown; contexts?: unknown } };
}

/** A pull request rule (a ruleset's parameters, or classic protection's in the same names). */
function addReviews(result: BranchRules, source: RuleSource, parameters: Record<string, unknown>): void {
  const count = Number(parameters.required_approving_review_count ?? 0);
  // Conversations resolved before merging: shown with the approvals, since it is the reviewers' say that it enforces.
  const threads = parameters.required_review_thread_resolution === true ? '; every conversation resolved' : '';
  if (count >= 1) result.approvals.push({ ...source, name: `${source.name} (${count} approving review${count === 1 ? '' : 's'}${threads})` });
  if (parameters.require_code_owner_review === true) result.codeOwnerReview.push(source);
  if (parameters.require_last_push_approval === true) result.lastPushApproval.push(source);
}

/** A requirement of the gate's check counts only from GitHub Actions: any other source, or none, can be posted by someone else. */
function addGateCheck(result: BranchRules, source: RuleSource, checks: readonly StatusCheck[]): void {
  const gate = checks.find((check) => check.context === GATE_CHECK_NAME);
  if (!gate) return;
  if (gate.source === null) {
    result.gateCheck.push({ name: source.name, bypass: { pilot: 'yes', why: `it takes "${GATE_CHECK_NAME}" from any source, so anyone with write access, a pilot PM too, can post a passing status of that name` } });
  } else if (result.actionsAppId === null) {
    result.gateCheck.push({ name: source.name, bypass: { pilot: 'cannot-tell', why: `it takes "${GATE_CHECK_NAME}" from app #${gate.source}, and GitHub would not say which app GitHub Actions is` } });
  } else if (gate.source !== result.actionsAppId) {
    result.gateCheck.push({ name: source.name, bypass: { pilot: 'cannot-tell', why: `it takes "${GATE_CHECK_NAME}" from app #${gate.source}, not from GitHub Actions (#${result.actionsAppId}), which runs the gate` } });
  } else {
    result.gateCheck.push(source);
  }
}

/** A ruleset read by id (its rules too, for a push ruleset), named as the evidence names it, with whether a pilot PM can bypass it. */
async function rulesetSource(github: Connection, owner: string, repo: string, id: number, organisation: string, pilots: () => Promise<PilotAccess[]>, teamOf: ReturnType<typeof teamPilotsLookup>): Promise<RuleSource & { rules?: RuleReply[] }> {
  const read = await ask<{ name?: unknown; bypass_actors?: BypassActor[]; rules?: RuleReply[] }>(github, 'read a ruleset', `${owner}/${repo}`, () => github.octokit.request('GET /repos/{owner}/{repo}/rulesets/{ruleset_id}', { owner, repo, ruleset_id: id }));
  if (!read.ok) return { name: `ruleset #${id}${organisation}`, bypass: { pilot: 'cannot-tell', why: `needs Metadata: read to read ruleset #${id} and who may bypass it (GitHub answered ${read.status})` } };
  const name = `ruleset "${String(read.data.name)}" (#${id}${organisation})`;
  const rules = Array.isArray(read.data.rules) ? { rules: read.data.rules } : {};
  if (!Array.isArray(read.data.bypass_actors)) {
    const who = organisation ? `an owner of the organisation (Administration: read on it) to see who may bypass it: GitHub shows bypass actors only to those who can edit the ruleset` : 'admin access to the repository (Administration: read) to see who may bypass it: GitHub shows bypass actors only to those who can edit the ruleset';
    return { name, bypass: { pilot: 'cannot-tell', why: `needs ${who}` }, ...rules };
  }
  const actors = read.data.bypass_actors;
  if (actors.length === 0) return { name, bypass: { pilot: 'no' }, ...rules };
  const [access, teams] = await Promise.all([pilots(), Promise.all(actors.map((actor) => (actor.actor_type === 'Team' && typeof actor.actor_id === 'number' ? teamOf(actor.actor_id) : undefined)))]);
  return { name, bypass: combine(actors.map((actor, index) => actorVerdict(actor, access, teams[index]))), ...rules };
}

/** Classic branch protection, read by an admin; otherwise only its required checks, which the branch itself shows. */
async function readClassic(github: Connection, owner: string, repo: string, base: string, branch: BranchReply, result: BranchRules, pilots: () => Promise<PilotAccess[]>): Promise<void> {
  const name = `the branch protection of ${base}`;
  const read = await ask<ProtectionReply>(github, 'read branch protection', `${owner}/${repo}`, () => github.octokit.request('GET /repos/{owner}/{repo}/branches/{branch}/protection', { owner, repo, branch: base }));
  if (!read.ok && read.status === 404 && /branch not protected/i.test(read.message)) return;
  if (!read.ok) {
    result.classicUnread = `Administration: read to read ${name} (GitHub answered ${read.status})`;
    const summary = branch.protection?.required_status_checks;
    const admins = summary?.enforcement_level === 'everyone' ? { pilot: 'no' as const } : roleIncludesPilot(4, 'repository admins', await pilots());
    addGateCheck(result, { name, bypass: admins }, checksOf(summary?.checks, summary?.contexts));
    return;
  }
  const protection = read.data;
  const access = await pilots();
  const admins: BypassVerdict = protection.enforce_admins?.enabled === true ? { pilot: 'no' } : roleIncludesPilot(4, 'repository admins (the protection does not include administrators)', access);
  const reviews = protection.required_pull_request_reviews;
  if (reviews) {
    const allowances = reviews.bypass_pull_request_allowances ?? {};
    const lowered = new Set(access.map((pilot) => pilot.login.toLowerCase()));
    const allowed: BypassVerdict[] = [
      ...(allowances.users ?? []).map((user): BypassVerdict => (lowered.has(String(user.login).toLowerCase()) ? { pilot: 'yes', why: `@${String(user.login)} may bypass its pull request requirements` } : { pilot: 'no' })),
      ...(allowances.teams ?? []).map((team): BypassVerdict => ({ pilot: 'cannot-tell', why: `team ${String(team.slug)} may bypass its pull request requirements, and PM Zone cannot see whether a pilot PM is in it` })),
      ...(allowances.apps ?? []).map((app): BypassVerdict => ({ pilot: 'cannot-tell', why: `app ${String(app.slug)} may bypass its pull request requirements, and may act for anyone who can trigger it` })),
    ];
    addReviews(result, { name, bypass: combine([admins, ...allowed]) }, { required_approving_review_count: reviews.required_approving_review_count, require_code_owner_review: reviews.require_code_owner_reviews, require_last_push_approval: reviews.require_last_push_approval });
  }
  addGateCheck(result, { name, bypass: admins }, checksOf(protection.required_status_checks?.checks, protection.required_status_checks?.contexts));
}

interface ProtectionReply {
  enforce_admins?: { enabled?: unknown };
  required_status_checks?: { checks?: unknown; contexts?: unknown };
  required_pull_request_reviews?: {
    required_approving_review_count?: unknown;
    require_code_owner_reviews?: unknown;
    require_last_push_approval?: unknown;
    bypass_pull_request_allowances?: { users?: Array<{ login?: unknown }>; teams?: Array<{ slug?: unknown }>; apps?: Array<{ slug?: unknown }> };
  };
}

/** Classic protection's checks (`app_id` null: any source); a bare context (older answers) has no source either. */
function checksOf(checks: unknown, contexts: unknown): StatusCheck[] {
  if (Array.isArray(checks) && checks.length > 0) return checks.map((check: { context?: unknown; app_id?: unknown }) => ({ context: String(check.context), source: typeof check.app_id === 'number' ? check.app_id : null }));
  return Array.isArray(contexts) ? contexts.map((context) => ({ context: String(context), source: null })) : [];
}

/** Each pilot's role and user id ("Get repository permissions for a user"); a refusal leaves that pilot unknown. */
async function readPilots(github: Connection, owner: string, repo: string, logins: readonly string[]): Promise<PilotAccess[]> {
  return Promise.all(logins.map(async (login): Promise<PilotAccess> => {
    if (login.includes('/')) return { login, unreadable: 'a team, whose members PM Zone cannot see' };
    const read = await ask<{ permission?: unknown; role_name?: unknown; user?: { id?: unknown } | null }>(github, 'read a collaborator\'s permission', `${owner}/${repo}`, () => github.octokit.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { owner, repo, username: login }));
    if (!read.ok) return { login, unreadable: `needs Metadata: read to read it; GitHub answered ${read.status}` };
    const role = String(read.data.role_name ?? read.data.permission ?? 'none');
    return { login, role, id: typeof read.data.user?.id === 'number' ? read.data.user.id : null, rank: rankOf(role, String(read.data.permission ?? 'none')) };
  }));
}

/** GitHub's CODEOWNERS errors at the base ("List CODEOWNERS errors"), or its refusal. */
export async function readCodeownersErrors(github: Connection, owner: string, repo: string, base: string): Promise<CodeownersErrors> {
  const read = await ask<{ errors?: unknown }>(github, 'list CODEOWNERS errors', `${owner}/${repo}`, () => github.octokit.request('GET /repos/{owner}/{repo}/codeowners/errors', { owner, repo, ref: base }));
  if (!read.ok) return { refused: read.status };
  const errors = Array.isArray(read.data.errors) ? (read.data.errors as Array<Record<string, unknown>>) : [];
  return { errors: errors.map((error) => ({ line: Number(error.line), kind: String(error.kind), message: String(error.message), path: String(error.path), ...(typeof error.source === 'string' ? { source: error.source } : {}) })) };
}
