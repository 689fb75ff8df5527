// Public mailbox providers: anyone can open an address there, so an address
// at one is a person's, never the organisation's own contact. A short list of
// the providers people actually write from, kept by hand: the npm lists are
// tens of thousands of throwaway domains, fetched anew from third-party URLs
// at install time (free-email-domains, which then fails offline) or mixed
// with ordinary companies' sites (email-providers lists clerk.com and
// facebook.com). Missing a provider here only means an address at it may warn
// where it should block, and only next to a role mailbox of the base.

/** Brands whose every country domain is the mail provider's: `yahoo.co.uk`, `hotmail.fr`, `gmx.at`. */
const BRANDS = new Set(['gmail', 'googlemail', 'hotmail', 'outlook', 'windowslive', 'yahoo', 'ymail', 'rocketmail', 'aol', 'gmx', 'yandex', 'protonmail', 'tutanota']);

/** Other providers, by registered domain. */
const DOMAINS = new Set([
  // International
  'live.com', 'live.co.uk', 'live.fr', 'live.de', 'live.nl', 'live.it', 'live.ca', 'live.com.au', 'msn.com', 'passport.com',
  'icloud.com', 'me.com', 'mac.com', 'proton.me', 'pm.me', 'tuta.io', 'tuta.com', 'fastmail.com', 'fastmail.fm', 'hey.com',
  'zoho.com', 'zohomail.com', 'mail.com', 'email.com', 'usa.com', 'inbox.com', 'hushmail.com', 'mailbox.org', 'posteo.de',
  'posteo.net', 'duck.com', 'mailfence.com', 'runbox.com', 'lycos.com', 'excite.com', 'rediffmail.com',
  // Throwaway inboxes
  'mailinator.com', 'guerrillamail.com', 'yopmail.com', '10minutemail.com', 'temp-mail.org', 'sharklasers.com',
  // Germany, Austria, Switzerland, the Benelux
  'web.de', 't-online.de', 'freenet.de', 'arcor.de', 'online.de', 'mail.de', 'bluewin.ch', 'skynet.be', 'telenet.be', 'hetnet.nl', 'ziggo.nl', 'kpnmail.nl',
  // France, Italy, Spain, Portugal
  'orange.fr', 'wanadoo.fr', 'free.fr', 'sfr.fr', 'neuf.fr', 'laposte.net', 'libero.it', 'virgilio.it', 'tiscali.it', 'alice.it', 'tim.it', 'terra.es', 'sapo.pt',
  // Northern and eastern Europe, Russia, Ukraine
  'seznam.cz', 'centrum.cz', 'email.cz', 'wp.pl', 'o2.pl', 'onet.pl', 'interia.pl', 'mail.ru', 'bk.ru', 'inbox.ru', 'list.ru', 'rambler.ru',
  'ya.ru', 'ukr.net', 'i.ua', 'abv.bg', 'inbox.lv',
  // The UK, North America, Australia
  'btinternet.com', 'sky.com', 'virginmedia.com', 'ntlworld.com', 'talktalk.net', 'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net',
  'bellsouth.net', 'cox.net', 'charter.net', 'earthlink.net', 'juno.com', 'shaw.ca', 'rogers.com', 'sympatico.ca', 'bigpond.com', 'optusnet.com.au',
  // Asia and Latin America
  'qq.com', 'foxmail.com', '163.com', '126.com', 'yeah.net', 'sina.com', 'sina.cn', 'sohu.com', 'aliyun.com', 'naver.com', 'daum.net', 'hanmail.net',
  'nate.com', 'docomo.ne.jp', 'ezweb.ne.jp', 'uol.com.br', 'bol.com.br', 'terra.com.br', 'ig.com.br',
]);

/** Second levels under a country code: `co.uk`, `com.au`, `ne.jp`. */
const COUNTRY_SECOND_LEVELS = new Set(['co', 'com', 'net', 'org', 'ne', 'or', 'ac', 'gob', 'gov']);

/** True for a domain of a public mailbox provider, or a subdomain of one (`mail.yahoo.com`). */
export function isPublicMailDomain(domain: string): boolean {
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length < 2) return false;
  let brand = labels.length - 2;
  if (brand > 0 && labels[labels.length - 1].length === 2 && COUNTRY_SECOND_LEVELS.has(labels[brand])) brand--;
  return BRANDS.has(labels[brand]) || DOMAINS.has(labels.slice(brand).join('.'));
}
