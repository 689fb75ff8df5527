// A repository: `GET /repos/{owner}/{repo}`.
import { notFound, type Resource } from './http';
import { shaped, userPayload } from './payloads';
import type { RepoStore } from './store';

export type ReposRoute = 'GET /repos/:o/:r';

export function reposResource(store: RepoStore, webUrl: string, apiUrl: string): Resource<ReposRoute> {
  return {
    routes: ['GET /repos/:o/:r'],
    answer(_route, params) {
      const repo = store.get(params.o!, params.r!);
      if (!repo) return notFound();
      return {
        status: 200,
        body: shaped('full-repository', {
          id: 1,
          name: repo.name,
          full_name: `${repo.owner}/${repo.name}`,
          owner: { ...userPayload(repo.owner, apiUrl, 2), type: repo.ownerType },
          private: repo.visibility !== 'public',
          visibility: repo.visibility,
          html_url: `${webUrl}/${repo.owner}/${repo.name}`,
          default_branch: repo.defaultBranch,
          permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
        }, apiUrl),
      };
    },
  };
}
