// Each corpus value written the five ways it reaches a repository: JSON,
// YAML, TypeScript, a .env file and markdown, under its own name and under a
// neutral one (a provider's token is a secret whatever it is called).
import type { SecretSample } from './samples';

export const SYNTAXES = ['json', 'yaml', 'ts', 'env', 'md'] as const;
export type Syntax = (typeof SYNTAXES)[number];

/** One file of the corpus and the line its sample's value starts on. */
export interface CorpusFile {
  path: string;
  text: string;
  line: number;
  sample: SecretSample;
  syntax: Syntax;
}

const PATHS: Record<Syntax, string> = {
  json: 'config/settings.json',
  yaml: 'config/settings.yaml',
  ts: 'src/config.ts',
  env: '.env.production',
  md: 'docs/setup.md',
};

const NEUTRAL_NAME = 'setting';

const envName = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();

/** The lines that write one name and value in a syntax. */
function entry(syntax: Syntax, name: string, value: string, multiline: boolean): string[] {
  const lines = value.split('\n');
  switch (syntax) {
    case 'json':
      return [`  ${JSON.stringify(name)}: ${JSON.stringify(value)},`];
    case 'yaml':
      return multiline ? [`${name}: |`, ...lines.map((line) => `  ${line}`)] : [`${name}: "${value}"`];
    case 'ts':
      return multiline ? [`export const ${name} = \``, ...lines, '`;'] : [`export const ${name} = '${value}';`];
    case 'env':
      return multiline ? [`${envName(name)}="${lines[0]}`, ...lines.slice(1, -1), `${lines[lines.length - 1]}"`] : [`${envName(name)}=${value}`];
    case 'md':
      return multiline ? [`The ${name}:`, '', '```', ...lines, '```'] : [`- Set \`${envName(name)}="${value}"\` in the staging environment.`];
  }
}

/** Where the value starts within the lines `entry` gives (a YAML or markdown block starts below its name). */
function valueOffset(syntax: Syntax, multiline: boolean): number {
  if (!multiline) return 0;
  return syntax === 'yaml' || syntax === 'ts' ? 1 : syntax === 'md' ? 3 : 0;
}

/** The sample in one syntax, its companions first, between ordinary lines. */
export function embed(sample: SecretSample, syntax: Syntax, neutral: boolean): CorpusFile {
  const name = neutral ? NEUTRAL_NAME : sample.name;
  const multiline = sample.multiline === true;
  const before: string[] = syntax === 'json' ? ['{', '  "region": "eu-west-1",'] : syntax === 'md' ? ['# Setup', ''] : [entry(syntax, 'region', 'eu-west-1', false)[0]];
  for (const companion of sample.companions ?? []) before.push(...entry(syntax, neutral ? `${NEUTRAL_NAME}Id` : companion.name, companion.value, false));
  const lines = entry(syntax, name, sample.value, multiline);
  const after = syntax === 'json' ? ['  "retries": 3', '}'] : syntax === 'md' ? ['', 'Ask the platform team for access.'] : [entry(syntax, 'retries', '3', false)[0]];
  return {
    path: PATHS[syntax],
    text: `${[...before, ...lines, ...after].join('\n')}\n`,
    line: before.length + valueOffset(syntax, multiline) + 1,
    sample,
    syntax,
  };
}

/** Every sample in every syntax, under its own name and, unless only the name makes it a secret, under a neutral one. */
export function embedAll(samples: readonly SecretSample[]): CorpusFile[] {
  return samples.flatMap((sample) => SYNTAXES.flatMap((syntax) => [embed(sample, syntax, false), ...(sample.namedOnly ? [] : [embed(sample, syntax, true)])]));
}
