import * as vscode from 'vscode';
import { setting } from '../config';

// The user's GitHub sign-in, as VS Code keeps it: the `github` session for
// github.com, or `github-enterprise` for the server named by VS Code's own
// `github-enterprise.uri` setting. The token is handed to the GitHub client
// and to nothing else: never logged, never shown, never written.

const SCOPES = ['repo'];

export interface GitHubSession {
  token: string;
  /** `https://api.github.com`, or `<github-enterprise.uri>/api/v3`. */
  apiUrl: string;
  /** "GitHub" or "GitHub Enterprise (ghe.example.com)", for messages. */
  name: string;
}

export type SessionAnswer =
  | { ok: true; session: GitHubSession }
  /** `setup`: a setting is missing, say so; `declined`: no sign-in, offer the compare link. */
  | { ok: false; reason: 'setup' | 'declined'; message: string };

/**
 * Asks VS Code for the session, signing in if there is none (VS Code asks the
 * user first). `renew` forces a new sign-in, after GitHub refused the token;
 * `silent` asks nothing, and answers `declined` when there is no session.
 */
export async function githubSession(root: vscode.Uri, renew = false, options: { silent?: boolean } = {}): Promise<SessionAnswer> {
  const provider = setting('github.provider', root);
  let apiUrl = 'https://api.github.com';
  let name = 'GitHub';
  if (provider === 'github-enterprise') {
    const server = vscode.workspace.getConfiguration('github-enterprise').get<string>('uri')?.trim().replace(/\/+$/, '');
    if (!server) {
      return {
        ok: false,
        reason: 'setup',
        message: 'PM Zone is set to open pull requests on GitHub Enterprise ("pmZone.github.provider"), but "github-enterprise.uri" names no server: set it to your server\'s address, such as https://github.example.com.',
      };
    }
    apiUrl = `${server}/api/v3`;
    name = `GitHub Enterprise (${hostOf(server)})`;
  }
  try {
    const session = await vscode.authentication.getSession(
      provider,
      SCOPES,
      options.silent
        ? { silent: true }
        : renew ? { forceNewSession: { detail: 'GitHub did not accept the last sign-in; PM Zone needs a new one to open your pull request.' } } : { createIfNone: true },
    );
    if (session?.accessToken) return { ok: true, session: { token: session.accessToken, apiUrl, name } };
  } catch {
    // Declined, cancelled, or no such provider: the reason is not PM Zone's to show.
  }
  return { ok: false, reason: 'declined', message: `PM Zone has no ${name} sign-in to open the pull request with.` };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
