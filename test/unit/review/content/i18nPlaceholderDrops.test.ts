// Placeholders lost on one side. A translation that drops a named placeholder
// the source and the other translations keep (`{inviterName}` in an ICU
// project's invitation, `{{name}}` in an i18next one) blocks; a plural's
// count a form may leave out stays a warning. A placeholder removed from the
// source string while translations still show it is reported on the source,
// naming the key and the translations: a blocker when every translation
// holds the named argument, a warning otherwise.
import * as assert from 'node:assert/strict';
import { i18nCheck } from '../../../../src/core/review/checks/i18n';
import type { Finding } from '../../../../src/core/types';
import { changed, context, run } from './context';

const json = (value: object) => `${JSON.stringify(value, null, 2)}\n`;

async function review(repo: Record<string, object>, path: string, edit: (value: Record<string, string>) => void): Promise<Finding[]> {
  const texts = Object.fromEntries(Object.entries(repo).map(([file, value]) => [file, json(value)]));
  const after = JSON.parse(texts[path]) as Record<string, string>;
  edit(after);
  return run(i18nCheck, context([changed(path, texts[path], json(after))], { repo: texts, listing: true }));
}

const brief = (findings: Finding[]) => findings.filter((found) => found.check === 'i18n.placeholder-mismatch').map((found) => [found.severity, found.message]);

/** An ICU project's invitations, one folder per locale (the layout of a survey app's `locales/<lang>.json`). */
const ICU = {
  'apps/web/locales/en-US.json': { 'invite.title': '{inviterName} invited you to {organizationName}', 'responses.count': '{count, plural, one {# response} other {# responses}}' },
  'apps/web/locales/de-DE.json': { 'invite.title': '{inviterName} hat dich zu {organizationName} eingeladen', 'responses.count': '{count, plural, one {# Antwort} other {# Antworten}}' },
  'apps/web/locales/fr-FR.json': { 'invite.title': '{inviterName} vous a invité à {organizationName}', 'responses.count': '{count, plural, one {# réponse} other {# réponses}}' },
  'apps/web/locales/pt-BR.json': { 'invite.title': '{inviterName} convidou você para {organizationName}', 'responses.count': '{count, plural, one {# resposta} other {# respostas}}' },
};

const I18NEXT = {
  'public/locales/en/common.json': { greeting: 'Welcome back, {{name}}', items_one: 'One item', items_other: '{{count}} items' },
  'public/locales/de/common.json': { greeting: 'Willkommen zurück, {{name}}', items_one: 'Ein Artikel', items_other: '{{count}} Artikel' },
  'public/locales/es/common.json': { greeting: 'Bienvenido de nuevo, {{name}}', items_one: 'Un artículo', items_other: '{{count}} artículos' },
};

describe('i18n: a translation that drops a named placeholder the others keep', () => {
  it('true violation: an ICU translation drops {inviterName}, which the source and every other translation keep', async () => {
    const findings = await review(ICU, 'apps/web/locales/fr-FR.json', (fr) => {
      fr['invite.title'] = 'Vous avez été invité à {organizationName}';
    });
    assert.deepEqual(brief(findings), [['error', '`invite.title` differs from the source (en-US) in fr-FR: missing {inviterName} ({inviterName}: the source and every other translation keep it).']]);
  });

  it('true violation: an i18next translation drops {{name}}', async () => {
    const findings = await review(I18NEXT, 'public/locales/de/common.json', (de) => {
      de.greeting = 'Willkommen zurück';
    });
    assert.deepEqual(brief(findings).map(([severity]) => severity), ['error']);
  });

  it('benign: a plural form that leaves its count out stays quiet, and a dropped name another translation also lacks stays a warning', async () => {
    assert.deepEqual(brief(await review(I18NEXT, 'public/locales/es/common.json', (es) => {
      es.items_one = 'Un solo artículo';
    })), []);
    const split = { ...I18NEXT, 'public/locales/es/common.json': { ...I18NEXT['public/locales/es/common.json'], greeting: 'Bienvenido de nuevo' } };
    assert.deepEqual(brief(await review(split, 'public/locales/de/common.json', (de) => {
      de.greeting = 'Willkommen zurück';
    })).map(([severity]) => severity), ['warning']);
    const alone = { 'i18n/en.json': { greeting: 'Hi {{name}}' }, 'i18n/de.json': { greeting: 'Hallo {{name}}' } };
    assert.deepEqual(brief(await review(alone, 'i18n/de.json', (de) => {
      de.greeting = 'Hallo';
    })).map(([severity]) => severity), ['warning'], 'no other translation to compare with');
  });
});

describe('i18n: a translation that already lacked a placeholder, touched for something else', () => {
  it('benign: the PM adds "!" to a German string that already lacked {{name}}: a warning that it was so before, never a blocker', async () => {
    const before = { ...I18NEXT, 'public/locales/de/common.json': { ...I18NEXT['public/locales/de/common.json'], greeting: 'Willkommen zurück' } };
    const findings = await review(before, 'public/locales/de/common.json', (de) => {
      de.greeting = 'Willkommen zurück!';
    });
    assert.deepEqual(brief(findings).map(([severity]) => severity), ['warning']);
    assert.match(String(brief(findings)[0][1]), /already differed before this change/);
  });
});

describe('i18n: a placeholder removed from the source string', () => {
  it('true violation: {name} removed from the source while every translation still shows it', async () => {
    const findings = await review(I18NEXT, 'public/locales/en/common.json', (en) => {
      en.greeting = 'Welcome back';
    });
    assert.deepEqual(brief(findings), [['error', '`greeting`: {{name}} removed from the source (en), but the translations still show it: {{name}} in de and es. Remove it from the translations in the same change, or keep it in the source.']]);
  });

  it('true violation: an ICU argument removed from the source, the translations named', async () => {
    const findings = await review(ICU, 'apps/web/locales/en-US.json', (en) => {
      en['invite.title'] = 'You were invited to {organizationName}';
    });
    assert.deepEqual(brief(findings).map(([severity]) => severity), ['error']);
    assert.match(brief(findings)[0][1], /\{inviterName\} in de-DE, fr-FR and pt-BR/);
  });

  it('a warning when some translations already lack it; the source removing it in the same change as every translation is quiet', async () => {
    const partly = { ...I18NEXT, 'public/locales/es/common.json': { ...I18NEXT['public/locales/es/common.json'], greeting: 'Bienvenido de nuevo' } };
    const findings = await review(partly, 'public/locales/en/common.json', (en) => {
      en.greeting = 'Welcome back';
    });
    assert.deepEqual(brief(findings).filter(([severity]) => severity !== 'info').map(([severity, message]) => [severity, /in de\./.test(message)]), [['warning', true]]);
    const texts = Object.fromEntries(Object.entries(I18NEXT).map(([file, value]) => [file, json(value)]));
    const all = Object.entries(I18NEXT).map(([file, value]) => changed(file, texts[file], json({ ...value, greeting: (value as { greeting: string }).greeting.replace(/,? \{\{name\}\}/, '') })));
    assert.deepEqual(brief(await run(i18nCheck, context(all, { repo: texts, listing: true }))), []);
  });

  it('found even when the removed placeholder was the file\'s only one (the grammar is read before and after)', async () => {
    const small = { 'src/i18n/en.json': { greeting: 'Hello {name}', title: 'Welcome' }, 'src/i18n/fr.json': { greeting: 'Bonjour {name}', title: 'Bienvenue' } };
    const findings = await review(small, 'src/i18n/en.json', (en) => {
      en.greeting = 'Hello there';
    });
    assert.deepEqual(brief(findings).map(([severity]) => severity), ['error']);
  });
});

describe('i18n: a new placeholder in the source string, filled by the change\'s own code', () => {
  it('benign: the string and the call that fills it changed together (a dashboard\'s uptime gaining minutes)', async () => {
    const en = '{\n  "info": {\n    "uptimeFormat": "{{days}} days, {{hours}} hours"\n  }\n}\n';
    const after = en.replace('{{hours}} hours"', '{{hours}} hours, {{minutes}} minutes"');
    const before = "return t('info.uptimeFormat', { days, hours });\n";
    const code = "return t('info.uptimeFormat', {\n  days: time.days(),\n  hours: time.hours(),\n  minutes: time.minutes(),\n});\n";
    const repo = { 'public/locales/en/modules/health.json': en, 'public/locales/de/modules/health.json': en.replace('{{days}} days, {{hours}} hours', '{{days}} Tage, {{hours}} Stunden'), 'src/widgets/health/Tile.tsx': before };
    const findings = await run(i18nCheck, context([changed('public/locales/en/modules/health.json', en, after), changed('src/widgets/health/Tile.tsx', before, code)], { repo, listing: true }));
    assert.deepEqual(brief(findings).map(([severity]) => severity), ['info', 'warning']);
    assert.match(brief(findings)[0][1], /this change's src\/widgets\/health\/Tile\.tsx passes it/);
    assert.match(brief(findings)[1][1], /in de: missing \{\{minutes\}\}\. This change altered the source's placeholders and left this translation as it was: it shows less until translated again\.$/, 'the German string lacks the minutes until translated again: no blocker');
    const alone = await run(i18nCheck, context([changed('public/locales/en/modules/health.json', en, after)], { repo, listing: true }));
    assert.deepEqual(brief(alone).map(([severity]) => severity), ['error'], 'without the code, the new placeholder is never filled');
  });

  it('true violation: a translation still holding the argument the source renamed, where the change renames it in the call too', async () => {
    const en = '{\n  "invite": "{inviter} invited you"\n}\n';
    const repo = { 'locales/en.json': en, 'locales/de.json': '{\n  "invite": "{inviter} hat dich eingeladen"\n}\n', 'src/Invite.tsx': "t('invite', { inviter })\n" };
    const findings = await run(i18nCheck, context([changed('locales/en.json', en, en.replace('{inviter}', '{host}')), changed('src/Invite.tsx', repo['src/Invite.tsx'], "t('invite', { host })\n")], { repo, listing: true }));
    assert.deepEqual(brief(findings), [
      ['info', "Placeholders of `invite` changed: new {host}; missing {inviter}; this change's src/Invite.tsx passes it."],
      ['error', "`invite` differs from the source (en) in de: new {inviter}; missing {host}. This change altered the source's placeholders and left this translation as it was, while the code now fills the new ones: update it in the same change."],
    ]);
  });
});
