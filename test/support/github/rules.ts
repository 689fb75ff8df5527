// The local GitHub API server's rules, rulesets and branch protection, as a
// resource of its own that the server (fakeGitHub.ts) registers: the
// branch's effective rules (`GET /repos/{owner}/{repo}/rules/branches/{branch}`), rulesets
// (list, get, create), classic branch protection, the branch itself, the
// CODEOWNERS errors, a collaborator's permission and GitHub Actions' app.
// Shapes after GitHub's REST documentation (API version 2022-11-28). What the
// token may read is set per test (`access`): GitHub hides bypass actors from
// anyone without write access to the ruleset and answers 404 for branch
// protection to anyone who is not an admin.

import { page } from './http';
import { shaped, userPayload } from './payloads';

export type RulesRoute =
  | 'GET /repos/:o/:r/rules/branches/:branch'
  | 'GET /repos/:o/:r/rulesets'
  | 'GET /repos/:o/:r/rulesets/:id'
  | 'POST /repos/:o/:r/rulesets'
  | 'PUT /repos/:o/:r/rulesets/:id'
  | 'GET /repos/:o/:r/branches/:branch'
  | 'GET /repos/:o/:r/branches/:branch/protection'
  | 'GET /repos/:o/:r/codeowners/errors'
  | 'GET /repos/:o/:r/collaborators/:user/permission'
  | 'GET /apps/:slug';

export const RULES_ROUTES: readonly RulesRoute[] = [
  'GET /repos/:o/:r/rules/branches/:branch',
  'GET /repos/:o/:r/rulesets',
  'GET /repos/:o/:r/rulesets/:id',
  'POST /repos/:o/:r/rulesets',
  'PUT /repos/:o/:r/rulesets/:id',
  'GET /repos/:o/:r/branches/:branch/protection',
  'GET /repos/:o/:r/branches/:branch',
  'GET /repos/:o/:r/codeowners/errors',
  'GET /repos/:o/:r/collaborators/:user/permission',
  'GET /apps/:slug',
];

/** GitHub Actions' app id on github.com: the source a required check can be pinned to. */
export const ACTIONS_APP_ID = 15368;

export interface BypassActorState {
  actor_id: number | null;
  actor_type: 'Integration' | 'OrganizationAdmin' | 'RepositoryRole' | 'Team' | 'DeployKey' | 'User';
  bypass_mode: 'always' | 'pull_request' | 'exempt';
}

export interface RuleState {
  type: string;
  parameters?: Record<string, unknown>;
}

export interface RulesetState {
  id: number;
  name: string;
  target: 'branch' | 'tag' | 'push';
  enforcement: 'active' | 'evaluate' | 'disabled';
  source_type: 'Repository' | 'Organization';
  source: string;
  bypass_actors: BypassActorState[];
  /** Branch and tag rulesets only: a push ruleset applies to every push to the repository and its forks. */
  conditions?: { ref_name: { include: string[]; exclude: string[] } };
  rules: RuleState[];
}

/** Classic branch protection, in the fields PM Zone reads. */
export interface ProtectionState {
  reviews?: {
    count: number;
    codeOwners?: boolean;
    lastPush?: boolean;
    bypass?: { users?: string[]; teams?: string[]; apps?: string[] };
  };
  checks?: Array<{ context: string; app_id: number | null }>;
  enforceAdmins?: boolean;
}

export interface CodeownersErrorState {
  line: number;
  column: number;
  kind: string;
  source: string;
  suggestion: string | null;
  message: string;
  path: string;
}

/** What the token may read: an admin sees everything, a writer sees rules but not bypass actors or branch protection. */
export type TokenAccess = 'admin' | 'write' | 'read';

interface Reply {
  status: number;
  body?: unknown;
}

/** What the resource needs of the server it is registered with. */
export interface ResourceHost {
  webUrl: string;
  apiUrl: string;
  hasRepo(owner: string, name: string): boolean;
  hasBranch(owner: string, name: string, branch: string): boolean;
  errorBody(message: string, status: number): object;
}

interface RepoRules {
  rulesets: RulesetState[];
  protection: Map<string, ProtectionState>;
  codeownersErrors: Map<string, CodeownersErrorState[] | 'no-file'>;
}

export class FakeRules {
  access: TokenAccess = 'admin';
  /** Whether the token is an owner of the organisation, who alone sees an organisation ruleset's bypass actors. */
  organisationOwner = false;
  private readonly repos = new Map<string, RepoRules>();
  private readonly permissions = new Map<string, { role_name: string; id: number }>();
  private nextId = 100;

  addRuleset(owner: string, name: string, ruleset: Partial<RulesetState> & { name: string; rules: RuleState[] }): number {
    const id = ruleset.id ?? this.nextId++;
    const push = ruleset.target === 'push';
    this.of(owner, name).rulesets.push({
      target: 'branch', enforcement: 'active', source_type: 'Repository', source: `${owner}/${name}`, bypass_actors: [],
      ...(push ? {} : { conditions: { ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] } } }), ...ruleset, id,
    });
    return id;
  }

  /** An organisation ruleset that applies to this repository (GitHub lists it among the repository's with `includes_parents`). */
  addOrganisationRuleset(owner: string, name: string, ruleset: Partial<RulesetState> & { name: string; rules: RuleState[] }): number {
    return this.addRuleset(owner, name, { ...ruleset, source_type: 'Organization', source: owner });
  }

  rulesets(owner: string, name: string): RulesetState[] {
    return this.of(owner, name).rulesets;
  }

  protect(owner: string, name: string, branch: string, protection: ProtectionState): void {
    this.of(owner, name).protection.set(branch, protection);
  }

  /** The CODEOWNERS errors GitHub reports at `ref`, or that the ref has no CODEOWNERS at all. */
  codeownersErrors(owner: string, name: string, ref: string, errors: CodeownersErrorState[] | 'no-file'): void {
    this.of(owner, name).codeownersErrors.set(ref, errors);
  }

  /** A collaborator's role (read, triage, write, maintain, admin or a custom role's name) and user id. */
  setRole(login: string, role_name: string, id: number): void {
    this.permissions.set(login.toLowerCase(), { role_name, id });
  }

  reset(): void {
    this.repos.clear();
    this.permissions.clear();
    this.access = 'admin';
    this.organisationOwner = false;
  }

  answer(route: RulesRoute, params: Record<string, string>, query: URLSearchParams, body: unknown, host: ResourceHost): Reply {
    if (route === 'GET /apps/:slug') {
      return params.slug === 'github-actions'
        ? { status: 200, body: shaped('integration', { id: ACTIONS_APP_ID, slug: 'github-actions', name: 'GitHub Actions', owner: { ...userPayload('github', host.apiUrl, 9919), type: 'Organization' }, html_url: 'https://github.com/apps/github-actions', events: ['check_run', 'pull_request'], permissions: { checks: 'write', contents: 'write' } }, host.apiUrl) }
        : { status: 404, body: host.errorBody('Not Found', 404) };
    }
    const { o: owner = '', r: name = '' } = params;
    if (!host.hasRepo(owner, name)) return { status: 404, body: host.errorBody('Not Found', 404) };
    const repo = this.of(owner, name);
    const base = `${host.apiUrl}/repos/${owner}/${name}`;
    switch (route) {
      case 'GET /repos/:o/:r/rules/branches/:branch': {
        const ref = `refs/heads/${params.branch}`;
        const rules = repo.rulesets
          .filter((ruleset) => ruleset.enforcement === 'active' && ruleset.target === 'branch' && appliesTo(ruleset, ref))
          .flatMap((ruleset) => ruleset.rules.map((rule) => ({ ...rule, ruleset_source_type: ruleset.source_type, ruleset_source: ruleset.source, ruleset_id: ruleset.id })));
        return page(host.apiUrl, query, rules, `/repos/${owner}/${name}/rules/branches/${params.branch}?`, (rule) => shaped('repository-rule-detailed', rule, host.apiUrl));
      }
      case 'GET /repos/:o/:r/rulesets': {
        const targets = query.get('targets')?.split(',');
        const parents = query.get('includes_parents') !== 'false';
        const listed = repo.rulesets.filter((ruleset) => (!targets || targets.includes(ruleset.target)) && (parents || ruleset.source_type === 'Repository'));
        const search = new URLSearchParams([...(targets ? [['targets', targets.join(',')] as [string, string]] : []), ...(parents ? [] : [['includes_parents', 'false'] as [string, string]])]);
        return page(host.apiUrl, query, listed, `/repos/${owner}/${name}/rulesets?${search.toString()}`, (ruleset) => summary(ruleset, base, host, owner, name));
      }
      case 'GET /repos/:o/:r/rulesets/:id': {
        const ruleset = repo.rulesets.find((candidate) => candidate.id === Number(params.id));
        if (!ruleset) return { status: 404, body: host.errorBody('Not Found', 404) };
        return { status: 200, body: this.detail(ruleset, base, host, owner, name) };
      }
      case 'POST /repos/:o/:r/rulesets':
        return this.create(repo, owner, name, body, host);
      case 'PUT /repos/:o/:r/rulesets/:id': {
        const ruleset = repo.rulesets.find((candidate) => candidate.id === Number(params.id) && candidate.source_type === 'Repository');
        if (!ruleset || this.access !== 'admin') return { status: 404, body: host.errorBody('Not Found', 404) };
        const input = (body ?? {}) as Partial<RulesetState>;
        if (input.enforcement !== undefined && !['active', 'evaluate', 'disabled'].includes(String(input.enforcement))) return { status: 422, body: host.errorBody('Invalid request.\n\nInvalid property /enforcement.', 422) };
        Object.assign(ruleset, Object.fromEntries(Object.entries(input).filter(([key]) => ['name', 'enforcement', 'bypass_actors', 'conditions', 'rules'].includes(key))));
        return { status: 200, body: this.detail(ruleset, base, host, owner, name) };
      }
      case 'GET /repos/:o/:r/branches/:branch': {
        const branch = params.branch!;
        if (!host.hasBranch(owner, name, branch)) return { status: 404, body: host.errorBody('Branch not found', 404) };
        const protection = repo.protection.get(branch);
        const checks = protection?.checks ?? [];
        // As GitHub answers: `protected` is true under classic protection or any active branch ruleset; `protection.enabled` is classic protection's own.
        const ruled = repo.rulesets.some((ruleset) => ruleset.enforcement === 'active' && ruleset.target === 'branch' && appliesTo(ruleset, `refs/heads/${branch}`));
        return {
          status: 200,
          body: shaped('branch-with-protection', {
            name: branch,
            commit: { sha: '0'.repeat(40), url: `${base}/commits/${branch}` },
            _links: { self: `${base}/branches/${branch}`, html: `${host.webUrl}/${owner}/${name}/tree/${branch}` },
            protected: protection !== undefined || ruled,
            protection: {
              enabled: protection !== undefined,
              required_status_checks: {
                enforcement_level: checks.length === 0 ? 'off' : protection?.enforceAdmins ? 'everyone' : 'non_admins',
                contexts: checks.map((check) => check.context),
                checks,
              },
            },
            protection_url: `${base}/branches/${branch}/protection`,
          }, host.apiUrl),
        };
      }
      case 'GET /repos/:o/:r/branches/:branch/protection': {
        if (this.access !== 'admin') return { status: 404, body: host.errorBody('Not Found', 404) };
        const protection = repo.protection.get(params.branch!);
        if (!protection) return { status: 404, body: host.errorBody('Branch not protected', 404) };
        return { status: 200, body: shaped('branch-protection', protectionPayload(protection, `${base}/branches/${params.branch}/protection`), host.apiUrl) };
      }
      case 'GET /repos/:o/:r/codeowners/errors': {
        const errors = repo.codeownersErrors.get(query.get('ref') ?? 'main') ?? [];
        return errors === 'no-file' ? { status: 404, body: host.errorBody('Not Found', 404) } : { status: 200, body: shaped('codeowners-errors', { errors }, host.apiUrl) };
      }
      case 'GET /repos/:o/:r/collaborators/:user/permission': {
        const found = this.permissions.get(params.user!.toLowerCase());
        if (!found) return { status: 404, body: host.errorBody(`${params.user} is not a user`, 404) };
        const base = ['admin', 'maintain', 'write', 'triage', 'read'].includes(found.role_name) ? found.role_name : 'write';
        const permission = base === 'maintain' ? 'write' : base === 'triage' ? 'read' : base;
        return { status: 200, body: shaped('repository-collaborator-permission', { permission, role_name: found.role_name, user: { ...userPayload(params.user!, host.apiUrl, found.id), permissions: { admin: base === 'admin', maintain: false, push: base !== 'read' && base !== 'triage', triage: true, pull: true }, role_name: found.role_name } }, host.apiUrl) };
      }
    }
  }

  /** A ruleset as "Get a repository ruleset" answers; bypass actors only for those with write access to the ruleset, as GitHub documents. */
  private detail(ruleset: RulesetState, base: string, host: ResourceHost, owner: string, name: string): object {
    const seesActors = this.access === 'admin' && (ruleset.source_type === 'Repository' || this.organisationOwner);
    return shaped('repository-ruleset', {
      ...summary(ruleset, base, host, owner, name),
      ...(ruleset.conditions ? { conditions: ruleset.conditions } : {}),
      rules: ruleset.rules,
      ...(seesActors ? { bypass_actors: ruleset.bypass_actors } : {}),
      current_user_can_bypass: seesActors ? 'always' : 'never',
    }, host.apiUrl);
  }

  private create(repo: RepoRules, owner: string, name: string, body: unknown, host: ResourceHost): Reply {
    if (this.access !== 'admin') return { status: 404, body: host.errorBody('Not Found', 404) };
    const input = (body ?? {}) as Partial<RulesetState>;
    if (typeof input.name !== 'string' || !['active', 'evaluate', 'disabled'].includes(String(input.enforcement))) {
      return { status: 422, body: host.errorBody('Invalid request.\n\nname and enforcement are required.', 422) };
    }
    const target = input.target ?? 'branch';
    const id = this.addRuleset(owner, name, {
      name: input.name,
      enforcement: input.enforcement as RulesetState['enforcement'],
      target,
      bypass_actors: input.bypass_actors ?? [],
      ...(target === 'push' ? {} : { conditions: { ref_name: { include: input.conditions?.ref_name?.include ?? [], exclude: input.conditions?.ref_name?.exclude ?? [] } } }),
      rules: input.rules ?? [],
    });
    const created = repo.rulesets.find((ruleset) => ruleset.id === id)!;
    return { status: 201, body: this.detail(created, `${host.apiUrl}/repos/${owner}/${name}`, host, owner, name) };
  }

  private of(owner: string, name: string): RepoRules {
    const key = `${owner}/${name}`.toLowerCase();
    let repo = this.repos.get(key);
    if (!repo) this.repos.set(key, (repo = { rulesets: [], protection: new Map(), codeownersErrors: new Map() }));
    return repo;
  }
}

function summary(ruleset: RulesetState, base: string, host: ResourceHost, owner: string, name: string): object {
  const webUrl = host.webUrl;
  return shaped('repository-ruleset', {
    id: ruleset.id, name: ruleset.name, target: ruleset.target, source_type: ruleset.source_type, source: ruleset.source, enforcement: ruleset.enforcement,
    node_id: `RRS_${ruleset.id}`,
    _links: { self: { href: `${base}/rulesets/${ruleset.id}` }, html: { href: `${webUrl}/${owner}/${name}/rules/${ruleset.id}` } },
    created_at: '2026-01-05T10:00:00Z', updated_at: '2026-01-05T10:00:00Z',
  }, host.apiUrl);
}

function protectionPayload(protection: ProtectionState, url: string): object {
  const reviews = protection.reviews;
  const users = (logins: string[] = []) => logins.map((login, index) => ({ login, id: 9000 + index, type: 'User' }));
  return {
    url,
    required_status_checks: protection.checks
      ? { url: `${url}/required_status_checks`, strict: false, contexts: protection.checks.map((check) => check.context), checks: protection.checks }
      : undefined,
    enforce_admins: { url: `${url}/enforce_admins`, enabled: protection.enforceAdmins === true },
    required_pull_request_reviews: reviews
      ? {
          url: `${url}/required_pull_request_reviews`,
          dismiss_stale_reviews: false,
          require_code_owner_reviews: reviews.codeOwners === true,
          required_approving_review_count: reviews.count,
          require_last_push_approval: reviews.lastPush === true,
          bypass_pull_request_allowances: {
            users: users(reviews.bypass?.users),
            teams: (reviews.bypass?.teams ?? []).map((slug, index) => ({ id: 700 + index, slug, name: slug })),
            apps: (reviews.bypass?.apps ?? []).map((slug, index) => ({ id: 800 + index, slug, name: slug })),
          },
        }
      : undefined,
  };
}

/** Whether a ruleset's ref_name condition takes `ref`: fnmatch patterns, `~ALL` and `~DEFAULT_BRANCH` (main here). */
function appliesTo(ruleset: RulesetState, ref: string): boolean {
  const matches = (pattern: string) => {
    if (pattern === '~ALL') return true;
    if (pattern === '~DEFAULT_BRANCH') return ref === 'refs/heads/main';
    const segment = (part: string) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '.');
    const expression = pattern.split('**').map(segment).join('.*');
    return new RegExp(`^${expression}$`).test(ref);
  };
  if (!ruleset.conditions) return false;
  const { include, exclude } = ruleset.conditions.ref_name;
  return include.some(matches) && !exclude.some(matches);
}
