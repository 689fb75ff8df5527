// The organisation's own mail domains. An address there is the company's
// (`docs@formbricks.com`, `priority@cal.com`): a contact the product gives its
// users, not a stranger's personal data. Known from what the repository says
// about itself: its package's name (`formbricks` → formbricks.com), its
// homepage and author, the pilot PMs' addresses in CLAUDE.md, and the
// domains of role mailboxes (`support@`, `hola@`) the changed files already
// gave before the change: a role mailbox the change adds would vouch for the
// very addresses it adds. A public mailbox provider (gmail.com, outlook.com)
// is never the organisation's own, whoever writes an address there.
import type { CheckContext } from '../../model';
import { isRoleMailbox } from './piiDetectors';
import { isPublicMailDomain } from './publicMail';

export interface OwnDomains {
  /** Full domains: `formbricks.com`. */
  domains: Set<string>;
  /** Second-level labels: `formbricks`, from the package's name. */
  labels: Set<string>;
}

/** Package names that say nothing about whose domain it is. */
const GENERIC_NAMES = new Set(['app', 'apps', 'web', 'website', 'site', 'root', 'monorepo', 'frontend', 'backend', 'client', 'server', 'project', 'workspace', 'main', 'core', 'mail', 'email', 'docs', 'api', 'ui', 'test', 'demo', 'example']);
const ADDRESS = /[A-Za-z0-9._%+-]+@([A-Za-z0-9.-]+\.[A-Za-z]{2,24})/g;
const URL_HOST = /^https?:\/\/(?:www\.)?([A-Za-z0-9.-]+\.[A-Za-z]{2,24})(?:[/:?#]|$)/i;

export async function ownDomains(ctx: CheckContext): Promise<OwnDomains> {
  const own: OwnDomains = { domains: new Set(), labels: new Set() };
  for (const pilot of ctx.policy.pilots) if (pilot.email) addAddresses(own, pilot.email);
  // The manifest as it was before the change, when the change edits it: a homepage it adds vouches for nothing.
  const manifest = ctx.change.files.find((file) => file.path === 'package.json');
  addPackage(own, manifest ? manifest.oldText : await ctx.files.readText('package.json'));
  for (const { oldText } of ctx.change.files) {
    if (oldText === undefined || !oldText.includes('@')) continue;
    for (const match of oldText.matchAll(ADDRESS)) if (isRoleMailbox(match[0].slice(0, match[0].indexOf('@')))) own.domains.add(match[1].toLowerCase());
  }
  return own;
}

export function isOwnDomain(domain: string, own: OwnDomains): boolean {
  // Whatever vouched for it (a homepage, a pilot's or a role address there), anyone can open a mailbox at a public provider.
  if (isPublicMailDomain(domain)) return false;
  const labels = domain.toLowerCase().split('.');
  const registered = labels.slice(-2).join('.');
  return own.domains.has(domain.toLowerCase()) || own.domains.has(registered) || (labels.length >= 2 && own.labels.has(labels[labels.length - 2]));
}

function addPackage(own: OwnDomains, text: string | undefined): void {
  if (text === undefined) return;
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return;
  }
  if (typeof manifest !== 'object' || manifest === null) return;
  const fields = manifest as Record<string, unknown>;
  if (typeof fields.name === 'string') {
    // `@affine/monorepo` → affine; `formbricks` → formbricks.
    const label = (fields.name.startsWith('@') ? fields.name.slice(1).split('/')[0] : fields.name).toLowerCase();
    if (/^[a-z0-9-]{4,}$/.test(label) && !GENERIC_NAMES.has(label)) own.labels.add(label);
  }
  for (const value of [fields.homepage, fields.author, fields.bugs]) {
    const texts = typeof value === 'string' ? [value] : typeof value === 'object' && value !== null ? Object.values(value).filter((item): item is string => typeof item === 'string') : [];
    for (const item of texts) {
      addAddresses(own, item);
      const host = URL_HOST.exec(item)?.[1];
      if (host && !/(?:^|\.)(?:github\.com|gitlab\.com|npmjs\.com)$/i.test(host)) own.domains.add(host.toLowerCase());
    }
  }
}

function addAddresses(own: OwnDomains, text: string): void {
  for (const match of text.matchAll(ADDRESS)) own.domains.add(match[1].toLowerCase());
}
