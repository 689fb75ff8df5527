// Locale sets and removed keys in the layouts real i18next, react-i18next,
// next-i18next and vue-i18n apps use, made small from public apps' layouts
// (never their files): a monorepo with one namespace per app
// (`apps/web/public/locales/<lang>/app.json`, `apps/landing/…/<lang>/common.json`,
// `packages/emails/locales/<lang>/emails.json`, with an i18next config per
// app and a Crowdin file); a strings package shared by several packages
// (`packages/common-i18n/src/locales/<lang>/sdk.json`, `zod.json`); nested
// namespaces with the project's own codes (`public/locales/cn/layout/header.json`);
// one folder per namespace (`locales/common/<lang>.json`); `ka_ge`-like tags.
// Benign probes must not block; true violations must.
import * as assert from 'node:assert/strict';
import type { TextHit, TextSearch } from '../../../../src/core/git/model';
import { i18nCheck, localeSetOf } from '../../../../src/core/review/checks/i18n';
import { keysReader } from '../../../../src/core/review/checks/i18n/localeSet';
import { localeWeight } from '../../../../src/core/review/checks/i18n/localeNames';
import type { Finding } from '../../../../src/core/types';
import { changed, context, run } from './context';

const json = (value: object) => `${JSON.stringify(value, null, 2)}\n`;

/** A repository of the given files, as a FileSource that lists folders. */
function source(repo: Record<string, string>) {
  return context([], { repo, listing: true }).files;
}

const WEB = { 'poll.title': 'Poll', 'poll.invite': 'Invite {name}', 'settings.save': 'Save' };
const LANDING = { 'home.hero': 'Schedule with ease', 'pricing.cta': 'Get started' };
const EMAILS = { 'invite.subject': '{name} invited you' };

/** A monorepo laid out as a next.js scheduling app's: three sets, one namespace each, each app with its own i18next config. */
const MONOREPO: Record<string, string> = {
  'package.json': '{ "private": true }\n',
  'crowdin.yml': [
    'files:',
    '  - source: /apps/web/public/locales/en/*.json',
    '    translation: /apps/web/public/locales/%two_letters_code%/%original_file_name%',
    '  - source: /apps/landing/public/locales/en/*.json',
    '    translation: /apps/landing/public/locales/%two_letters_code%/%original_file_name%',
    '',
  ].join('\n'),
  'apps/web/package.json': '{ "name": "@acme/web" }\n',
  'apps/web/i18next.config.ts': 'export default defineConfig({ locales: ["en"], extract: { defaultNS: "app", output: "public/locales/{{language}}/{{namespace}}.json" } });\n',
  'apps/web/public/locales/en/app.json': json(WEB),
  'apps/web/public/locales/de/app.json': json({ 'poll.title': 'Umfrage', 'poll.invite': '{name} einladen', 'settings.save': 'Speichern' }),
  'apps/web/public/locales/pt-BR/app.json': json({ 'poll.title': 'Enquete', 'poll.invite': 'Convidar {name}', 'settings.save': 'Salvar' }),
  'apps/web/public/locales/zh/app.json': json({ 'poll.title': '投票', 'poll.invite': '邀请 {name}', 'settings.save': '保存' }),
  'apps/web/src/components/poll-header.tsx': "import { useTranslation } from 'react-i18next';\nexport function PollHeader() {\n  const { t } = useTranslation();\n  return <h1>{t('poll.title')}</h1>;\n}\n",
  'apps/web/src/app/page.tsx': "import { useTranslation } from 'react-i18next';\nexport default function Page() {\n  const { t } = useTranslation();\n  return <p>{t('home.hero')}</p>;\n}\n",
  'apps/landing/package.json': '{ "name": "@acme/landing" }\n',
  'apps/landing/i18next.config.ts': 'export default defineConfig({ locales: ["en"], extract: { defaultNS: "common" } });\n',
  'apps/landing/public/locales/en/common.json': json(LANDING),
  'apps/landing/public/locales/de/common.json': json({ 'home.hero': 'Einfach planen', 'pricing.cta': 'Loslegen' }),
  'apps/landing/public/locales/en/home.json': json({ 'hero.title': 'Find a date' }),
  'apps/landing/public/locales/de/home.json': json({ 'hero.title': 'Finde einen Termin' }),
  'apps/landing/src/components/pricing.tsx': "import { useTranslation } from 'react-i18next';\nexport function Pricing() {\n  const { t } = useTranslation('home');\n  return <a>{t('pricing.cta')}</a>;\n}\n",
  'packages/emails/package.json': '{ "name": "@acme/emails" }\n',
  'packages/emails/i18next.config.ts': 'export default defineConfig({ locales: ["en"], extract: { defaultNS: "emails" } });\n',
  'packages/emails/locales/en/emails.json': json(EMAILS),
  'packages/emails/locales/de/emails.json': json({ 'invite.subject': '{name} hat dich eingeladen' }),
  'packages/emails/src/templates/invite.tsx': "export function Invite({ t }) {\n  return <p>{t('invite.subject', { name })}</p>;\n}\n",
  'packages/ui/package.json': '{ "name": "@acme/ui" }\n',
  'packages/ui/src/save-button.tsx': "import { useTranslation } from 'react-i18next';\nexport function SaveButton() {\n  const { t } = useTranslation();\n  return <button>{t('settings.save')}</button>;\n}\n",
};

/** A TextSearch over the repository's files, as `git grep -F` finds lines. */
function grep(repo: Record<string, string>): TextSearch {
  return {
    async find(needles, { exclude }) {
      const hits: TextHit[] = [];
      const excluded = exclude.map((glob) => new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`));
      for (const [file, text] of Object.entries(repo)) {
        if (excluded.some((pattern) => pattern.test(file))) continue;
        text.split('\n').forEach((line, index) => {
          if (needles.some((needle) => line.includes(needle))) hits.push({ file, line: index + 1, text: line });
        });
      }
      return hits;
    },
  };
}

async function removeKey(repo: Record<string, string>, path: string, key: string): Promise<Finding[]> {
  const before = repo[path];
  const value = JSON.parse(before) as Record<string, string>;
  delete value[key];
  const ctx = context([changed(path, before, json(value))], { repo, listing: true });
  ctx.search = grep(repo);
  return (await run(i18nCheck, ctx)).filter((found) => found.check === 'i18n.removed-key');
}

const blocking = (findings: Finding[]) => findings.filter((found) => found.blocking).map((found) => found.message);

describe('i18n: which names are locales (BCP 47, IANA registry)', () => {
  it('weighs registered tags, with - or _ and any case, and nothing for namespaces', () => {
    assert.deepEqual(['de', 'pt-BR', 'pt_br', 'ka_ge', 'zh-Hant-TW', 'es-419', 'sr-Latn', 'de-CH-1996', 'en-GB'].map(localeWeight), [2, 2, 2, 2, 2, 2, 2, 2, 2]);
    assert.deepEqual(['app', 'sdk', 'fil', 'yue'].map(localeWeight), [1, 1, 1, 1], 'registered three-letter languages: possible, not decisive');
    assert.deepEqual(['common', 'emails', 'zod', 'ui', 'cn', 'zhtw', 'layout', 'en-XX', 'zh-Abcd'].map(localeWeight), [0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('i18n: locale sets in real apps\' layouts', () => {
  it('a folder of language folders each holding app.json is one set per namespace, not a locale "app"', async () => {
    const set = await localeSetOf('apps/web/public/locales/de/app.json', source(MONOREPO));
    assert.equal(set.id, 'apps/web/public/locales/*/app.json');
    assert.deepEqual(set.files.map((file) => file.locale).sort(), ['de', 'en', 'pt-BR', 'zh']);
    assert.equal(set.namespace, 'app');
  });

  it('namespaces named like registered languages (sdk, zod) beside common', async () => {
    const repo: Record<string, string> = {};
    for (const locale of ['en', 'fr', 'ja', 'ru', 'zh']) {
      for (const namespace of ['sdk', 'zod', 'common']) repo[`packages/common-i18n/src/locales/${locale}/${namespace}.json`] = json({ [`${namespace}.title`]: `${namespace} ${locale}` });
    }
    const set = await localeSetOf('packages/common-i18n/src/locales/fr/sdk.json', source(repo));
    assert.equal(set.id, 'packages/common-i18n/src/locales/*/sdk.json');
    assert.deepEqual(set.files.map((file) => file.locale).sort(), ['en', 'fr', 'ja', 'ru', 'zh']);
    const alone = await localeSetOf('packages/common-i18n/src/locales/en/sdk.json', source({ 'packages/common-i18n/src/locales/en/sdk.json': '{}', 'packages/common-i18n/src/locales/en/app.json': '{}' }));
    assert.equal(alone.id, 'packages/common-i18n/src/locales/*/sdk.json', 'one language folder holding app.json and sdk.json');
  });

  it('nested namespaces, and the project\'s own codes beside registered ones (cn, tw, lol)', async () => {
    const repo: Record<string, string> = {};
    for (const locale of ['en', 'de', 'cn', 'cr', 'tw', 'lol']) {
      repo[`public/locales/${locale}/layout/header.json`] = json({ search: `search ${locale}`, logout: `logout ${locale}` });
      repo[`public/locales/${locale}/modules/date.json`] = json({ format: `format ${locale}` });
    }
    const set = await localeSetOf('public/locales/cn/layout/header.json', source(repo));
    assert.equal(set.id, 'public/locales/*/layout/header.json');
    assert.equal(set.namespace, 'layout/header');
    assert.deepEqual(set.files.map((file) => file.locale).sort(), ['cn', 'cr', 'de', 'en', 'lol', 'tw']);
  });

  it('one folder per namespace holding a file per locale', async () => {
    const repo = { 'src/locales/common/en.json': json({ a: 'A' }), 'src/locales/common/de.json': json({ a: 'Ä' }), 'src/locales/auth/en.json': json({ b: 'B' }) };
    const set = await localeSetOf('src/locales/common/de.json', source(repo));
    assert.equal(set.id, 'src/locales/common/*.json');
    assert.equal(set.namespace, 'common');
    assert.deepEqual(set.files.map((file) => file.locale).sort(), ['de', 'en']);
  });

  it('ka_ge-like tags, and a source locale found among them', async () => {
    const repo = { 'i18n/en_us.json': json({ hi: 'Hi {name}' }), 'i18n/ka_ge.json': json({ hi: 'გამარჯობა {name}' }), 'i18n/zh_cn.json': json({ hi: '你好 {name}' }) };
    const set = await localeSetOf('i18n/ka_ge.json', source(repo));
    assert.deepEqual(set.files.map((file) => file.locale).sort(), ['en_us', 'ka_ge', 'zh_cn']);
    const findings = await run(i18nCheck, context([changed('i18n/ka_ge.json', repo['i18n/ka_ge.json'], json({ hi: 'გამარჯობა' }))], { repo, listing: true }));
    assert.match(findings.map((found) => found.message).join('\n'), /from the source \(en_us\) in ka_ge/);
  });

  it('the project\'s configuration: Crowdin\'s path decides where the locale is, and a config names the source', async () => {
    // Folders `app/` and `sdk/` are registered three-letter languages too; Crowdin says the locale is the file's name.
    const repo = {
      'crowdin.yml': 'files:\n  - source: /locales/*/en.json\n    translation: /locales/**/%two_letters_code%.json\n',
      'locales/app/en.json': json({ a: 'A' }), 'locales/app/de.json': json({ a: 'Ä' }),
      'locales/sdk/en.json': json({ a: 'A' }), 'locales/sdk/de.json': json({ a: 'Ä' }),
    };
    const set = await localeSetOf('locales/app/de.json', source(repo));
    assert.equal(set.id, 'locales/app/*.json');
    const lingui = { 'lingui.config.js': "module.exports = { locales: ['de', 'en'], sourceLocale: 'de' };\n", 'src/locales/de.json': json({ hi: 'Hallo {name}' }), 'src/locales/en.json': json({ hi: 'Hello {name}' }) };
    const findings = await run(i18nCheck, context([changed('src/locales/en.json', lingui['src/locales/en.json'], json({ hi: 'Hello' }))], { repo: lingui, listing: true }));
    assert.match(findings.map((found) => found.message).join('\n'), /from the source \(de\) in en/);
  });

  it('a review finds its files\' sets with one keys reader: the same sets, each file read once (saleor-dashboard\'s defaultMessages.json beside its locales)', async () => {
    const keys = { 'menu.title': 'Menu', 'menu.save': 'Save' };
    const repo: Record<string, string> = { 'locale/defaultMessages.json': json(keys), 'locale/notes.json': json({ other: 'x' }) };
    for (const locale of ['ar', 'de', 'es_CO', 'zh-Hans']) repo[`locale/${locale}.json`] = json(keys);
    const paths = ['locale/ar.json', 'locale/de.json', 'locale/es_CO.json', 'locale/zh-Hans.json'];
    const alone = await Promise.all(paths.map((path) => localeSetOf(path, source(repo))));
    const files = source(repo);
    const reads = new Map<string, number>();
    const counted = { ...files, readText: (path: string) => (reads.set(path, (reads.get(path) ?? 0) + 1), files.readText(path)) };
    const shared = keysReader(counted);
    const together = await Promise.all(paths.map((path) => localeSetOf(path, counted, shared)));
    assert.deepEqual(together, alone);
    assert.deepEqual(together[0].files.map((file) => file.locale).sort(), ['ar', 'de', 'defaultMessages', 'es_CO', 'zh-Hans'], 'defaultMessages holds the locales\' keys; notes.json does not');
    assert.ok([...reads.values()].every((count) => count === 1), JSON.stringify([...reads]));
    assert.ok(reads.has('locale/defaultMessages.json') && reads.has('locale/notes.json'));
  });
});

describe('i18n: a removed key is used only by code that loads its namespace', () => {
  it('benign: a key removed from one app\'s namespace that another app uses from its own namespace', async () => {
    const findings = await removeKey(MONOREPO, 'apps/landing/public/locales/en/common.json', 'home.hero');
    assert.deepEqual(blocking(findings), []);
  });

  it('benign: a file that asks for another namespace by name does not use this one', async () => {
    const findings = await removeKey(MONOREPO, 'apps/landing/public/locales/en/common.json', 'pricing.cta');
    assert.deepEqual(blocking(findings), []);
  });

  it('benign: a translation that drops a key falls back to the source; it is not searched as the source\'s removal', async () => {
    const findings = await removeKey(MONOREPO, 'apps/web/public/locales/de/app.json', 'poll.title');
    assert.deepEqual(findings.map((found) => [found.severity, found.message]), [['info', '1 key removed from de: the source text (en) shows instead: `poll.title`.']]);
  });

  it('true violation: a key the same app still asks for', async () => {
    const findings = await removeKey(MONOREPO, 'apps/web/public/locales/en/app.json', 'poll.title');
    assert.deepEqual(blocking(findings), ['Key `poll.title` was removed, but apps/web/src/components/poll-header.tsx:4 still uses it: that screen would show the raw key. Keep the key, or change the code in the same change.']);
  });

  it('true violation: a key a shared UI package with no strings of its own asks for', async () => {
    const findings = await removeKey(MONOREPO, 'apps/web/public/locales/en/app.json', 'settings.save');
    assert.deepEqual(blocking(findings), ['Key `settings.save` was removed, but packages/ui/src/save-button.tsx:4 still uses it: that screen would show the raw key. Keep the key, or change the code in the same change.']);
  });

  it('true violation: a package\'s own namespace used by its own code', async () => {
    const findings = await removeKey(MONOREPO, 'packages/emails/locales/en/emails.json', 'invite.subject');
    assert.equal(blocking(findings).length, 1);
    assert.match(blocking(findings)[0], /packages\/emails\/src\/templates\/invite\.tsx:2/);
  });

  it('true violation: a strings package of its own is shared: any package that loads the namespace uses it', async () => {
    const repo: Record<string, string> = {
      'packages/common-i18n/package.json': '{ "name": "@acme/common-i18n" }\n',
      'packages/sdk/package.json': '{ "name": "@acme/sdk" }\n',
      'packages/sdk/src/components/file-zone.tsx': "import { useTranslation } from '../context/i18n';\nexport function FileZone() {\n  const { t } = useTranslation();\n  return <p>{t('editor.dragOver')}</p>;\n}\n",
      'apps/app/package.json': '{ "name": "@acme/app" }\n',
      'apps/app/next-i18next.config.js': "module.exports = { i18n: { defaultLocale: 'en', locales: ['en', 'fr'] }, defaultNS: 'common' };\n",
      'apps/app/src/grid.tsx': "export function Grid() {\n  const { t } = useTranslation(['sdk']);\n  return t('grid.empty');\n}\n",
    };
    for (const locale of ['en', 'fr']) repo[`packages/common-i18n/src/locales/${locale}/sdk.json`] = json({ 'editor.dragOver': `drop ${locale}`, 'grid.empty': `empty ${locale}` });
    assert.equal(blocking(await removeKey(repo, 'packages/common-i18n/src/locales/en/sdk.json', 'editor.dragOver')).length, 1);
    assert.equal(blocking(await removeKey(repo, 'packages/common-i18n/src/locales/en/sdk.json', 'grid.empty')).length, 1, 'named by the app that loads it');
  });

  it('true violation: a key named with its namespace, from any app', async () => {
    const repo = { ...MONOREPO, 'apps/web/src/app/about.tsx': "export function About({ t }) {\n  return t('common:home.hero');\n}\n" };
    const findings = await removeKey(repo, 'apps/landing/public/locales/en/common.json', 'home.hero');
    assert.equal(blocking(findings).length, 1);
    assert.match(blocking(findings)[0], /apps\/web\/src\/app\/about\.tsx:2/);
  });
});
