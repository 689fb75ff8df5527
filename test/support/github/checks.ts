// Check runs and commit statuses on a commit:
// `GET /repos/{owner}/{repo}/commits/{sha}/check-runs` (paged, as GitHub pages
// it: an object with `total_count` and a page of `check_runs`, a Link header
// to the next) and `GET /repos/{owner}/{repo}/commits/{ref}/status`.
import { notFound, type Resource } from './http';
import { shaped } from './payloads';
import type { RepoStore } from './store';

export type ChecksRoute = 'GET /repos/:o/:r/commits/:sha/check-runs' | 'GET /repos/:o/:r/commits/:sha/status';

const COMBINED_ORDER = ['failure', 'error', 'pending', 'success'] as const;

export function checksResource(store: RepoStore, webUrl: string, apiUrl: string): Resource<ChecksRoute> {
  return {
    routes: ['GET /repos/:o/:r/commits/:sha/check-runs', 'GET /repos/:o/:r/commits/:sha/status'],
    answer(route, params, query) {
      const repo = store.get(params.o!, params.r!);
      if (!repo) return notFound();
      if (route === 'GET /repos/:o/:r/commits/:sha/status') {
        const statuses = repo.statuses.filter((status) => status.sha === params.sha);
        // GitHub's combined state: failure or error when any is, pending when any is (or none exist), else success.
        const worst = COMBINED_ORDER.find((state) => statuses.some((status) => status.state === state)) ?? 'pending';
        const state = worst === 'error' ? 'failure' : worst;
        return {
          status: 200,
          body: shaped('combined-commit-status', {
            state, sha: params.sha, total_count: statuses.length,
            statuses: statuses.map((status, index) => shaped('simple-commit-status', {
              id: index + 1, state: status.state, context: status.context, description: status.description ?? null, target_url: null, avatar_url: null,
            }, apiUrl)),
            repository: shaped('minimal-repository', { id: 1, name: repo.name, full_name: `${repo.owner}/${repo.name}`, html_url: `${webUrl}/${repo.owner}/${repo.name}` }, apiUrl),
          }, apiUrl),
        };
      }
      const wanted = query.get('check_name');
      const runs = repo.checkRuns.filter((run) => run.headSha === params.sha && (!wanted || run.name === wanted));
      const perPage = Math.min(100, Number(query.get('per_page') ?? 30));
      const number = Number(query.get('page') ?? 1);
      const shown = runs.slice((number - 1) * perPage, number * perPage);
      const next = number * perPage < runs.length
        ? { link: `<${apiUrl}/repos/${repo.owner}/${repo.name}/commits/${params.sha}/check-runs?per_page=${perPage}&page=${number + 1}>; rel="next"` }
        : undefined;
      return {
        status: 200,
        body: {
          total_count: runs.length,
          check_runs: shown.map((run) => {
            const id = runs.indexOf(run) + 1;
            return shaped('check-run', {
              id, name: run.name, head_sha: run.headSha, status: run.status ?? (run.conclusion ? 'completed' : 'in_progress'), conclusion: run.status && run.status !== 'completed' ? null : run.conclusion,
              started_at: '2026-01-05T09:00:00Z', completed_at: run.completedAt ?? null, html_url: `${webUrl}/${repo.owner}/${repo.name}/runs/${id}`,
            }, apiUrl);
          }),
        },
        ...(next ? { headers: next } : {}),
      };
    },
  };
}
