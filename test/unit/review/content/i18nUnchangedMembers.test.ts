import * as assert from 'node:assert/strict';
import { i18nCheck } from '../../../../src/core/review/checks/i18n';
import type { Finding } from '../../../../src/core/types';
import { seededRandom } from '../../../support/seededRandom';
import { changed, context, policy, run } from './context';

// A locale set's unchanged JSON files are read, and whether they parse found,
// only when a comparison asks for them. An unchanged file that does not parse
// is none of the set's files, as if it were not there: the findings are those
// of the same change with such files gone, whichever file is picked as the
// source among the others and whatever it compares with.

const FOLDER = 'src/locales';
const SIBLINGS = ['en.json', 'en-US.json', 'en_GB.json', 'de.json', 'fr.json', 'pt.json', 'pt-BR.json', 'zh-Hant.json'];

function strings(name: string, variant: number): string {
  const greeting = [`Hello {name} (${name})`, `Hi (${name})`, `Hello {name} and {other} (${name})`][variant % 3];
  const items = variant % 2 === 0 ? `{count, plural, one {# item} other {# items}} (${name})` : `{count} things (${name})`;
  return `${JSON.stringify({ greeting, items, bye: `Bye (${name})`, [`only.${variant}`]: `{gone} (${name})` }, null, 2)}\n`;
}

async function findings(repo: Record<string, string>, files: ReturnType<typeof changed>[], sourceLocale: string | undefined): Promise<{ found: Finding[]; reads: string[] }> {
  const ctx = context(files, { repo, listing: true, ...(sourceLocale ? { policy: policy({ sourceLocale }) } : {}) });
  const found = await run(i18nCheck, ctx);
  return { found, reads: ctx.reads };
}

describe('i18n: the unchanged JSON files of a locale set', () => {
  it('answers as if the ones that do not parse were not there, on random sets, sources and changes', async () => {
    const random = seededRandom(83);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    for (let run = 0; run < 150; run++) {
      const repo: Record<string, string> = {};
      const broken = new Set<string>();
      for (const name of SIBLINGS) {
        const roll = random();
        if (roll < 0.3) continue;
        const text = roll < 0.55 ? `{ "greeting": "broken ${name}", }\n` : strings(name, Math.floor(random() * 6));
        repo[`${FOLDER}/${name}`] = text;
        if (roll < 0.55) broken.add(`${FOLDER}/${name}`);
      }
      const changedNames = [pick(['es.json', 'it.json']), ...(random() < 0.4 ? [pick(SIBLINGS)] : [])];
      const files = [...new Set(changedNames)].map((name) => {
        const path = `${FOLDER}/${name}`;
        const before = strings(name, Math.floor(random() * 6));
        const after = strings(name, Math.floor(random() * 6));
        repo[path] = before;
        broken.delete(path);
        return changed(path, before, after);
      });
      // The same folder, in the same order, without the files that do not parse.
      const valid = Object.fromEntries(Object.entries(repo).filter(([path]) => !broken.has(path)));
      const sourceLocale = pick([undefined, undefined, 'en', 'en-US', 'pt', 'de']);
      const withBroken = await findings(repo, files, sourceLocale);
      const without = await findings(valid, files, sourceLocale);
      assert.deepEqual(withBroken.found, without.found, `run ${run}: ${JSON.stringify({ repo: Object.keys(repo), valid: Object.keys(valid), changed: changedNames, sourceLocale })}`);
    }
  });

  it('reads none of them where the change has no source to compare with and no comparison asks for them', async () => {
    const repo: Record<string, string> = {};
    for (const name of ['de.json', 'fr.json', 'pt-BR.json']) repo[`${FOLDER}/${name}`] = strings(name, 1);
    const path = `${FOLDER}/es.json`;
    repo[path] = strings('es', 0);
    const { reads } = await findings(repo, [changed(path, strings('es', 0), strings('es', 2))], undefined);
    assert.deepEqual(reads.filter((read) => read.startsWith(`${FOLDER}/`) && !read.endsWith('/es.json')), []);
  });
});
