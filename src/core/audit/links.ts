// The links a report holds come from GitHub's answers (`html_url`) and from
// git: text that a hostile server, proxy or repository can shape. A report
// links only http(s) addresses, serialised by the URL parser so no space or
// bracket can end a Markdown link early; anything else is shown as text.

/** The address as a report may link it, or undefined: then its words are shown unlinked. */
export function reportHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** The web address GitHub's pages live at for an API address: github.com for api.github.com, the server itself for GitHub Enterprise. */
export function webOriginOf(apiUrl: string): string {
  const api = new URL(apiUrl);
  const host = api.hostname.startsWith('api.') ? api.host.slice('api.'.length) : api.host;
  return `${api.protocol}//${host}`;
}

/** `url` when it is an http(s) address on `origin` (the repository's host), else the empty string: never a link elsewhere. */
export function onHost(url: unknown, origin: string): string {
  const href = typeof url === 'string' ? reportHref(url) : undefined;
  return href !== undefined && new URL(href).origin === new URL(origin).origin ? href : '';
}

/** `[text](<address>)` when the address may be linked, else the text alone. */
export function markdownLink(text: string, url: string | null | undefined): string {
  const href = reportHref(url);
  return href ? `[${text}](<${href}>)` : text;
}
