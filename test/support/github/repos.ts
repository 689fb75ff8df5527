// A repository: `GET /repos/{owner}/{repo}`.
import { notFound, type Resource } from './http';
import type { RepoStore } from './store';

export type ReposRoute = 'GET /repos/:o/:r';

export function reposResource(store: RepoStore, webUrl: string): Resource<ReposRoute> {
  return {
    routes: ['GET /repos/:o/:r'],
    answer(_route, params) {
      const repo = store.get(params.o!, params.r!);
      if (!repo) return notFound();
      return {
        status: 200,
        body: {
          id: 1,
          name: repo.name,
          full_name: `${repo.owner}/${repo.name}`,
          owner: { login: repo.owner, type: repo.ownerType },
          private: repo.visibility !== 'public',
          visibility: repo.visibility,
          html_url: `${webUrl}/${repo.owner}/${repo.name}`,
          default_branch: repo.defaultBranch,
          permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
        },
      };
    },
  };
}
