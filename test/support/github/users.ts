// Who the token is: REST's `GET /user` and GraphQL's `viewer { login }`.
import { errorBody, type Resource } from './http';
import { shaped } from './payloads';

export type UsersRoute = 'GET /user' | 'POST /graphql';

export function usersResource(login: string, webUrl: string, apiUrl: string): Resource<UsersRoute> {
  return {
    routes: ['GET /user', 'POST /graphql'],
    answer(route, _params, _query, body) {
      if (route === 'GET /user') {
        // An app's installation token (a workflow's GITHUB_TOKEN) is not a user: GitHub refuses it here.
        if (login.endsWith('[bot]')) return { status: 403, body: errorBody('Resource not accessible by integration', 403) };
        return { status: 200, body: shaped('public-user', { login, id: 1, type: 'User', name: login[0]!.toUpperCase() + login.slice(1), html_url: `${webUrl}/${login}` }, apiUrl) };
      }
      // The one query PM Zone asks. GitHub answers 200 with `errors` for anything it cannot.
      const query = String((body as { query?: unknown } | null)?.query ?? '');
      return /\bviewer\s*\{\s*login\s*\}/.test(query)
        ? { status: 200, body: { data: { viewer: { login } } } }
        : { status: 200, body: { errors: [{ message: 'The fake answers only `viewer { login }`.' }] } };
    },
  };
}
