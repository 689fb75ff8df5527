import * as assert from 'node:assert/strict';
import { parseRemote } from '../../../src/core/git/remote';

describe('parseRemote', () => {
  const github = { host: 'github.com', owner: 'acme', repo: 'shop' };
  const cases: Array<[string, ReturnType<typeof parseRemote>]> = [
    ['https://github.com/acme/shop.git', github],
    ['https://github.com/acme/shop', github],
    ['https://github.com/acme/shop/', github],
    ['https://x-access-token:secret@github.com/acme/shop.git', github],
    ['http://github.com/acme/shop.git', github],
    ['git@github.com:acme/shop.git', github],
    ['git@github.com:acme/shop', github],
    ['github.com:acme/shop.git', github],
    ['org-42@github.com:acme/shop.git', github],
    ['ssh://git@github.com/acme/shop.git', github],
    ['ssh://git@github.com:22/acme/shop', github],
    ['git+ssh://git@github.com/acme/shop.git', github],
    ['git://github.com/acme/shop.git', github],
    ['  https://GitHub.com/acme/shop.git\n', github],
    ['https://ghe.example.com/platform/checkout-web.git', { host: 'ghe.example.com', owner: 'platform', repo: 'checkout-web' }],
    ['https://ghe.example.com:8443/platform/checkout-web', { host: 'ghe.example.com:8443', owner: 'platform', repo: 'checkout-web' }],
    ['git@ghe.example.com:platform/checkout-web.git', { host: 'ghe.example.com', owner: 'platform', repo: 'checkout-web' }],
    ['ssh://git@ghe.example.com:2222/platform/checkout-web.git', { host: 'ghe.example.com', owner: 'platform', repo: 'checkout-web' }],
    ['https://gitlab.example.com/group/sub/app.git', { host: 'gitlab.example.com', owner: 'group/sub', repo: 'app' }],
    ['https://github.com/acme/my.dotted.repo.git', { host: 'github.com', owner: 'acme', repo: 'my.dotted.repo' }],
    ['https://github.com/acme/caf%C3%A9', { host: 'github.com', owner: 'acme', repo: 'café' }],
  ];
  for (const [url, expected] of cases) {
    it(`parses ${JSON.stringify(url)}`, () => assert.deepEqual(parseRemote(url), expected));
  }

  const rejected = [
    '',
    '   ',
    '/srv/git/shop.git',
    './shop',
    '../shop.git',
    'C:/repos/shop',
    'C:\\repos\\shop',
    'file:///srv/git/acme/shop.git',
    'https://github.com/acme',
    'https://github.com/',
    'https://github.com/acme/.git',
    'git@github.com:shop.git',
    'ftp://example.com/acme/shop',
    'not a url at all',
    'https://exa mple.com/acme/shop',
  ];
  for (const url of rejected) {
    it(`returns null for ${JSON.stringify(url)}`, () => assert.equal(parseRemote(url), null));
  }
});
