// Check runs on a commit: `GET /repos/{owner}/{repo}/commits/{sha}/check-runs`.
import { notFound, type Resource } from './http';
import { shaped } from './payloads';
import type { RepoStore } from './store';

export type ChecksRoute = 'GET /repos/:o/:r/commits/:sha/check-runs';

export function checksResource(store: RepoStore, webUrl: string, apiUrl: string): Resource<ChecksRoute> {
  return {
    routes: ['GET /repos/:o/:r/commits/:sha/check-runs'],
    answer(_route, params, query) {
      const repo = store.get(params.o!, params.r!);
      if (!repo) return notFound();
      const wanted = query.get('check_name');
      const runs = repo.checkRuns.filter((run) => run.headSha === params.sha && (!wanted || run.name === wanted));
      return {
        status: 200,
        body: {
          total_count: runs.length,
          check_runs: runs.map((run, index) => shaped('check-run', {
            id: index + 1, name: run.name, head_sha: run.headSha, status: run.status ?? (run.conclusion ? 'completed' : 'in_progress'), conclusion: run.status && run.status !== 'completed' ? null : run.conclusion,
            started_at: '2026-01-05T09:00:00Z', completed_at: run.completedAt ?? null, html_url: `${webUrl}/${repo.owner}/${repo.name}/runs/${index + 1}`,
          }, apiUrl)),
        },
      };
    },
  };
}
