// Rails YAML fills `%{count}`, never `{count}`: a translation that lost the
// `%` shows the braces and the name to its readers ("o {count} minútu"), even
// in a plural form that may leave its count out. A translation written as one
// string where the source has plural forms is compared with the source's
// `other` (Rails shows that one string for every count), so a plural syntax
// copied from a translation platform (`{{PLURAL|one=o {count} deň|…}`) is read.
import * as assert from 'node:assert/strict';
import { i18nCheck } from '../../../../src/core/review/checks/i18n';
import type { Finding } from '../../../../src/core/types';
import { changed, context, run } from './context';

const EN = 'en:\n  time:\n    x_minutes:\n      one: "in %{count} minute"\n      other: "in %{count} minutes"\n    x_days:\n      one: "in %{count} day"\n      other: "in %{count} days"\n  greeting: "Hello %{name}"\n';
const SK = (minutesOne: string, days: string, greeting = 'Ahoj %{name}') =>
  `sk:\n  time:\n    x_minutes:\n      one: ${minutesOne}\n      few: o %{count} minúty\n      many: o %{count} minút\n      other: o %{count} minút\n    x_days:\n${days}  greeting: ${greeting}\n`;
const SK_DAYS = '      one: o %{count} deň\n      few: o %{count} dni\n      many: o %{count} dní\n      other: o %{count} dní\n';

async function review(after: string): Promise<Finding[]> {
  const before = SK('o %{count} minútu', SK_DAYS);
  const findings = await run(i18nCheck, context([changed('config/locales/sk.yml', before, after)], { repo: { 'config/locales/en.yml': EN, 'config/locales/sk.yml': before } }));
  return findings.filter((found) => found.check === 'i18n.placeholder-mismatch' && found.severity === 'error');
}

describe('i18n: a Rails placeholder written without its %', () => {
  it('true violation: a plural form that may leave its count out writes {count}, which Rails shows as text', async () => {
    const findings = await review(SK('o {count} minútu', SK_DAYS));
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /x_minutes\.one/);
    assert.match(findings[0].message, /\{count\} without its %/);
  });

  it('true violation: one string with a translation platform\'s plural syntax where the source has plural forms', async () => {
    const days = "    x_days: '{{PLURAL|one=o {count} deň|few=o %{count} dni|many=o %{count} dní|o %{count} dní}'\n";
    const findings = await review(SK('o %{count} minútu', '').replace('    x_days:\n', days));
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /x_days/);
  });

  it('benign: the one form leaves the count out in words, and a name written with its %', async () => {
    assert.deepEqual(await review(SK('o minútu', SK_DAYS, 'Ahoj, %{name}!')), []);
  });
});
