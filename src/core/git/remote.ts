/** Where a remote repository lives: enough to reach its API (GitHub.com or an Enterprise host). */
export interface RemoteRepository {
  /** Host name, with the port for http(s) URLs that name one (`ghe.example.com:8443`). */
  host: string;
  /** Owner (user or organisation); nested groups joined with `/` on hosts that have them. */
  owner: string;
  repo: string;
}

/**
 * Parses a remote URL in any form git accepts for a hosted repository:
 * `https://host/owner/repo(.git)`, `ssh://[user@]host[:port]/owner/repo`,
 * the scp-like `[user@]host:owner/repo`, and `git://`. Returns null for local
 * paths and anything without an owner and a repository name.
 */
export function parseRemote(url: string): RemoteRepository | null {
  const trimmed = url.trim();
  if (trimmed === '') return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  return withScheme ? parseUrlRemote(trimmed) : parseScpRemote(trimmed);
}

function parseUrlRemote(url: string): RemoteRepository | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const scheme = parsed.protocol.replace(/:$/, '').toLowerCase();
  if (!['http', 'https', 'ssh', 'git', 'git+ssh', 'ssh+git'].includes(scheme) || parsed.hostname === '') return null;
  const keepsPort = (scheme === 'http' || scheme === 'https') && parsed.port !== '';
  const host = keepsPort ? `${parsed.hostname}:${parsed.port}` : parsed.hostname;
  return ownerAndRepo(host, decodePath(parsed.pathname));
}

function parseScpRemote(url: string): RemoteRepository | null {
  // git treats `host:path` as scp-like only when no slash comes before the colon.
  const match = /^(?:[^@/]+@)?([^:/]+):(.+)$/.exec(url);
  if (!match?.[1] || !match[2]) return null;
  // A single letter before the colon is a Windows drive, not a host.
  if (/^[a-z]$/i.test(match[1])) return null;
  return ownerAndRepo(match[1], match[2]);
}

function ownerAndRepo(host: string, repoPath: string): RemoteRepository | null {
  const segments = repoPath.split('/').filter((segment) => segment !== '');
  const last = segments.pop();
  if (!last || segments.length === 0) return null;
  const repo = last.replace(/\.git$/i, '');
  if (repo === '') return null;
  return { host: host.toLowerCase(), owner: segments.join('/'), repo };
}

function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}
