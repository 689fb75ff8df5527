// A generated change of 200 files and 5,000 changed lines (copy, i18n,
// prompts, components, flags and docs in the sample repository's layout),
// on a real git repository: what the review and the action benchmarks time.
// `buildBigChange(root, { features })` makes it larger, ten files a feature
// (1,000 features: the 10,000-file change the review's memory is measured on).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createSampleRepo } from '../scripts/sample-repo.mjs';

export const FEATURES = 20;
/** Per feature: en.json, fr.json, 3 prompts, 3 components, flags.yaml, a doc. */
export const FILES_PER_FEATURE = 10;
/** Per file: 10 lines changed (20 changed lines) and 5 added. */
const MODIFIED_PER_FILE = 10;
const ADDED_PER_FILE = 5;
export const EXPECTED_CHANGED_LINES = expectedChangedLines(FEATURES);
export const BIG_CHANGE_BRANCH = 'alice/big-change';

const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

/** One feature's files, before (`changed` false) or after the change. */
function featureFiles(feature: number, changed: boolean): Record<string, string> {
  const dir = `src/features/gen${feature}`;
  const line = (k: number, text: (k: number) => string, newText: (k: number) => string) => (changed && k < MODIFIED_PER_FILE ? newText(k) : text(k));
  const added = (text: (k: number) => string) => (changed ? range(ADDED_PER_FILE).map(text) : []);
  const strings = (locale: string) => [
    '{',
    ...added((k) => `  "new${k}": "New string ${k} for ${locale} {name}",`),
    ...range(40).map((k) => line(k, (i) => `  "key${i}": "String ${i} of feature ${feature} {name}",`, (i) => `  "key${i}": "Reworded string ${i} of feature ${feature} {name}",`)),
    '  "last": "The end"',
    '}',
  ];
  const prompt = (p: number) => [
    `# Prompt ${p} of feature ${feature}`,
    ...range(30).map((k) => line(k, (i) => `Step ${i}: answer about {{topic_${i % 5}}} in one sentence.`, (i) => `Step ${i}: answer about {{topic_${i % 5}}} in two short sentences.`)),
    ...added((k) => `Extra rule ${k}: stay friendly about {{topic_${k}}}.`),
  ];
  const component = (c: number) => [
    "import { useFlag } from '../../../lib/flags';",
    "import { t } from '../../../lib/i18n';",
    '',
    `export function Panel${c}() {`,
    `  const enabled = useFlag('gen${feature}_flag_0');`,
    '  return (',
    '    <section>',
    ...range(30).map((k) => line(k, (i) => `      <p className="line">{t('gen${feature}.key${i}')}</p>`, (i) => `      <p className="line strong">{t('gen${feature}.key${i}')}</p>`)),
    ...added((k) => `      {enabled && <p className="new">{t('gen${feature}.new${k}')}</p>}`),
    '    </section>',
    '  );',
    '}',
  ];
  const flags = [
    'flags:',
    ...range(MODIFIED_PER_FILE + 2).flatMap((k) => [
      `  - name: gen${feature}_flag_${k}`,
      '    owner: "@alice"',
      line(k, (i) => `    description: Flag ${i} of feature ${feature}`, (i) => `    description: Flag ${i} of feature ${feature}, reworded`),
      '    enabled: false',
      '    rollout: 0',
    ]),
    ...added((k) => [`  - name: gen${feature}_added`, '    owner: "@alice"', '    description: Added by the change', '    enabled: true', '    rollout: 5'][k]),
  ];
  const doc = [
    `# Notes of feature ${feature}`,
    ...range(30).map((k) => line(k, (i) => `- Note ${i}: the copy follows the style guide.`, (i) => `- Note ${i}: the copy follows the style guide closely.`)),
    ...added((k) => `- Added note ${k}.`),
  ];
  const text = (lines: string[]) => `${lines.join('\n')}\n`;
  return {
    [`${dir}/i18n/en.json`]: text(strings('en')),
    [`${dir}/i18n/fr.json`]: text(strings('fr')),
    ...Object.fromEntries(range(3).map((p) => [`${dir}/prompts/prompt${p}.md`, text(prompt(p))])),
    ...Object.fromEntries(range(3).map((c) => [`${dir}/components/Panel${c}.tsx`, text(component(c))])),
    [`${dir}/flags.yaml`]: text(flags),
    [`${dir}/docs/notes.md`]: text(doc),
  };
}

export function write(root: string, files: Record<string, string>): void {
  for (const [relPath, text] of Object.entries(files)) {
    const file = path.join(root, relPath);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/** The changed lines of a change of `features` features. */
export function expectedChangedLines(features: number): number {
  return features * FILES_PER_FEATURE * (2 * MODIFIED_PER_FILE + ADDED_PER_FILE);
}

/**
 * The sample repository, the generated features on main, and a PM branch
 * (`BIG_CHANGE_BRANCH`) changing all of them: `features` features
 * (`FEATURES` by default), ten files each.
 */
export function buildBigChange(root: string, options: { features?: number } = {}): void {
  const features = options.features ?? FEATURES;
  createSampleRepo(root);
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, env: { ...process.env, GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1' }, stdio: 'pipe' });
  for (const feature of range(features)) write(root, featureFiles(feature, false));
  git('add', '--all');
  git('commit', '--quiet', '--no-verify', '-m', 'Generated features');
  git('checkout', '--quiet', '-b', BIG_CHANGE_BRANCH);
  for (const feature of range(features)) write(root, featureFiles(feature, true));
  git('add', '--all');
  git('commit', '--quiet', '--no-verify', '-m', 'Reword every generated feature');
}
