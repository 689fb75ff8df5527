import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { until } from './support';

// The user's GitHub Enterprise sign-in, as a test authentication provider
// registered through the real vscode.authentication API, pointed at the local
// GitHub API server: what "Open pull request", the audit trail and the
// readout ask VS Code for.

export const PROVIDER = 'github-enterprise';

export async function setUserSetting(section: string, key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Global);
}

/** Stands in for the GitHub Enterprise sign-in a user has in VS Code. */
export class TestEnterpriseSignIn implements vscode.AuthenticationProvider {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  private sessions: vscode.AuthenticationSession[] = [];

  constructor(private readonly token: string) {}

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    return this.sessions;
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    const session = { id: `session-${this.sessions.length + 1}`, accessToken: this.token, account: { id: 'alice', label: 'alice' }, scopes };
    this.sessions = [session];
    this.changed.fire({ added: [session], removed: [], changed: [] });
    return session;
  }

  async removeSession(id: string): Promise<void> {
    const removed = this.sessions.filter((session) => session.id === id);
    this.sessions = this.sessions.filter((session) => session.id !== id);
    this.changed.fire({ added: [], removed, changed: [] });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/**
 * What a user does once: VS Code lists "Sign in with GitHub Enterprise to
 * use PM Zone" in the Accounts menu, and choosing it signs in and lets PM
 * Zone use the session. Here the menu's command is run directly.
 */
export async function grantSessionAccess(): Promise<void> {
  // Granted before, in this host: nothing to ask.
  if ((await vscode.authentication.getSession(PROVIDER, ['repo'], { silent: true }))?.account.label === 'alice') return;
  await vscode.authentication.getSession(PROVIDER, ['repo']);
  const signInCommand = await until('the Accounts menu to offer the sign-in', async () =>
    (await vscode.commands.getCommands()).find((id) => id.startsWith(`${PROVIDER}:`) && id.includes('pm-zone') && id.includes(':signIn')));
  await vscode.commands.executeCommand(signInCommand);
  const session = await vscode.authentication.getSession(PROVIDER, ['repo'], { silent: true });
  assert.equal(session?.account.label, 'alice', 'PM Zone was not given the session');
}

/**
 * Signs the user in to `fake` as VS Code would for GitHub Enterprise (user
 * settings, not workspace ones: a .vscode/settings.json would become part of
 * the change). Returns what undoes it.
 */
export async function signInToLocalGitHub(fake: { token: string; webUrl: string }): Promise<() => Promise<void>> {
  const signIn = new TestEnterpriseSignIn(fake.token);
  const registration = vscode.authentication.registerAuthenticationProvider(PROVIDER, 'GitHub Enterprise Server', signIn);
  await setUserSetting('github-enterprise', 'uri', fake.webUrl);
  await setUserSetting('pmZone', 'github.provider', PROVIDER);
  await grantSessionAccess();
  return async () => {
    registration.dispose();
    signIn.dispose();
    await setUserSetting('github-enterprise', 'uri', undefined);
    await setUserSetting('pmZone', 'github.provider', undefined);
  };
}
