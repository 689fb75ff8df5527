// How long the unit tests' large and hostile inputs take. The unit tier
// checks what each of them gives, never how fast: a busy machine is not a
// slow reader, and a time limit in a test either fails on a loaded machine or
// is too generous to catch anything. Here each input is timed and printed
// beside the limit its test once asserted; a quadratic reader or a
// backtracking pattern shows as a figure many times that limit.
//
//   npx tsx bench/limits.bench.ts [--runs N]
//
// Each row names the unit test whose input it times (same input, same call).

import { performance } from 'node:perf_hooks';
import * as os from 'node:os';
import { parseSkillFile } from '../src/core/review/checklist/parse';
import { checkPlanningDoc } from '../src/core/planning';
import { DEFAULT_POLICY_FILES, findPilot, parseZonePolicy, resolveZone } from '../src/core/policy';
import { scanJson } from '../src/core/review/checks/i18n';
import { parseFlagsFile } from '../src/core/review/checks/flags';
import { propertyNames } from '../src/core/review/checks/analytics';
import { templateVariables } from '../src/core/review/checks/prompts';
import { diffLines } from '../src/core/review/lineDiff';
import { secretCheck } from '../src/core/review/checks/security/secrets';
import { SECRET_RULES } from '../src/core/review/checks/security/secretRules';
import { dangerousCodeCheck } from '../src/core/review/checks/security/dangerousCode';
import { findPii } from '../src/core/review/checks/security/pii';
import { compareUrl } from '../src/core/pr/compareUrl';
import { cli } from '../test/unit/cli/support/cli';
import { fixture as cliFixture, policyFolder } from '../test/unit/cli/support/folders';
import { ALICE, fixture as planningFixture, policyWith } from '../test/unit/planning/helpers';
import { fixture as policyFixture, ownersTable } from '../test/unit/policy/helpers';
import { fakeSecrets } from '../test/unit/review/e2e/fakeSecrets';
import { added, makeContext, unsplit } from '../test/unit/review/security/context';

interface Case {
  /** The unit test (file: title) whose input this is. */
  test: string;
  /** The limit that test once asserted, in milliseconds. */
  limitMs: number;
  /** Builds the input (untimed) and returns the timed call. */
  prepare(): Promise<() => unknown> | (() => unknown);
}

const RUNS = (() => {
  const at = process.argv.indexOf('--runs');
  const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
  return Number.isInteger(value) && value > 0 ? value : 3;
})();

const big5000 = Array.from({ length: 5_000 }, (_, i) => `line ${i} ${'x'.repeat(i % 40)}`);
const codeownersOf5MB = (line: string) => line.repeat(Math.ceil((5 * 1024 * 1024) / line.length));
const cliQuietly = (argv: string[], stdin?: string) => () => cli(argv, { env: { ...process.env, GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1' }, ...(stdin === undefined ? {} : { stdin }) });

const CASES: Case[] = [
  {
    test: 'planning/checkInput: checks a huge doc (400 kB)',
    limitMs: 3_000,
    prepare() {
      const paragraph = 'Shoppers whose card is declined leave the checkout. '.repeat(20);
      const huge = planningFixture('filled-standard.md').replace('## Intent', `${`${paragraph}\n\n`.repeat(400)}## Intent`);
      return () => checkPlanningDoc(huge, { file: 'PLANNING.md', policy: policyWith(), author: ALICE });
    },
  },
  {
    test: 'policy/parseZonePolicy.shapes: reads a huge section (1,000 globs)',
    limitMs: 5_000,
    prepare() {
      const items = Array.from({ length: 1000 }, (_, i) => `- \`src/locked${i}/**\` (note ${i})`).join('\n');
      return () => parseZonePolicy(`## PM zone\n### Engineering only\n${items}\n`);
    },
  },
  {
    test: 'policy/zone: resolves a thousand paths',
    limitMs: 2_000,
    prepare() {
      const spec = parseZonePolicy(policyFixture('spec-example.md'));
      const owners = ownersTable([{ pattern: '**', owners: ['@eng-leads'], line: 1 }, { pattern: '**/auth/**', owners: ['@security', '@dana'], line: 3 }]);
      const author = findPilot(spec, { handle: '@alice' });
      return () => {
        for (let i = 0; i < 1000; i++) resolveZone(`src/features/f${i}/components/C${i}.tsx`, { policy: spec, owners, policyFiles: DEFAULT_POLICY_FILES, author });
      };
    },
  },
  {
    test: 'review/checklist/parse: copes with huge input (500 items)',
    limitMs: 5_000,
    prepare() {
      const huge = `---\nname: a\ndescription: b\n---\n## Copy\n${Array.from({ length: 500 }, (_, i) => `- [ ] Item ${i} keeps placeholders\n`).join('')}`;
      return () => parseSkillFile(huge);
    },
  },
  {
    test: 'review/content/i18n: survives large files (20,000 keys)',
    limitMs: 5_000,
    prepare() {
      const big = `{${Array.from({ length: 20_000 }, (_, i) => `\n  "key_${i}": "Value {n} ${i}"`).join(',')}\n}`;
      return () => scanJson(big);
    },
  },
  {
    test: 'review/content/flags: reads a file of 2,000 flags',
    limitMs: 5_000,
    prepare() {
      const big = `flags:\n${Array.from({ length: 2000 }, (_, i) => `  flag_${i}:\n    owner: "@alice"\n    rollout: ${i % 101}\n`).join('')}`;
      return () => parseFlagsFile(big);
    },
  },
  {
    test: 'review/content/analytics: scans a long added line',
    limitMs: 5_000,
    prepare: () => () => propertyNames(`{ ${'a'.repeat(50_000)}: x, ${'{ '.repeat(5_000)}`),
  },
  {
    test: 'review/content/prompts: scans a large prompt',
    limitMs: 5_000,
    prepare: () => () => templateVariables(`${'word {{ '.repeat(20_000)}\n${'{{v}} '.repeat(20_000)}`),
  },
  {
    test: 'review/lineDiff: a 5,000-line file with scattered edits',
    limitMs: 100,
    prepare() {
      const edited = big5000.map((l, i) => (i % 250 === 0 ? `${l} edited` : l));
      edited.splice(2_500, 0, 'inserted');
      return () => diffLines(big5000.join('\n'), edited.join('\n'));
    },
  },
  {
    test: 'review/lineDiff: a complete rewrite of 5,000 lines',
    limitMs: 200,
    prepare: () => () => diffLines(big5000.join('\n'), big5000.map((l) => `${l} v2`).join('\n')),
  },
  {
    test: 'review/lineDiff: 650 moved lines in a 13,000-line file (past Myers\' bound: anchored on unique lines)',
    limitMs: 1_000,
    prepare() {
      const long = Array.from({ length: 13_000 }, (_, i) => `const line${i} = ${i};`);
      const edited = [...long];
      for (let i = 7; i + 1 < edited.length; i += 20) [edited[i], edited[i + 1]] = [edited[i + 1], edited[i]];
      return () => diffLines(long.join('\n'), edited.join('\n'));
    },
  },
  {
    test: 'review/lineDiff: a reshuffle of 5,000 shared lines',
    limitMs: 1_000,
    prepare: () => () => diffLines(big5000.join('\n'), [...big5000].reverse().join('\n')),
  },
  {
    test: 'review/security/secrets: a token far into a huge minified line',
    limitMs: 500,
    prepare() {
      const filler = 'a=1;'.repeat(10_000);
      const line = `${filler.slice(0, 9_990)}"${fakeSecrets.githubToken(7)}";${filler}${unsplit('sk_live_26¦R08qzjI6GKFSufrdZSlB5e')}`;
      return () => secretCheck.run(makeContext([added('dist/app.min.js', line)]));
    },
  },
  {
    test: 'faults/scanning: lines of thousands of spaces are scanned in linear time (1,500 lines of 4,000 blanks)',
    limitMs: 20_000,
    prepare() {
      const indented = `${' '.repeat(4_000)}x\n`.repeat(1_500);
      return () => secretCheck.run(makeContext([added('src/features/checkout/docs/indented.yml', indented)]));
    },
  },
  {
    test: 'review/security/secrets: every rule on adversarial lines (the slowest rule and line)',
    limitMs: 250,
    prepare() {
      const adversarial = ['a'.repeat(50_000), `${'password'.repeat(5_000)}=`, `key = "${'A1b2'.repeat(10_000)}`, '-----BEGIN '.repeat(5_000), 'sk-'.repeat(20_000), `${'-'.repeat(30_000)}x`, `${'a_b-c.'.repeat(8_000)}: "x`];
      return () => {
        let slowest = 0;
        for (const rule of SECRET_RULES) {
          for (const text of adversarial) {
            const started = performance.now();
            rule.pattern.lastIndex = 0;
            while (rule.pattern.exec(text) !== null) {
              /* drain */
            }
            slowest = Math.max(slowest, performance.now() - started);
          }
        }
        return slowest;
      };
    },
  },
  {
    test: 'review/security/dangerousCode: a huge minified bundle line',
    limitMs: 1_000,
    prepare() {
      const line = `${'a.innerHTML="x";'.repeat(20_000)}eval(z)`;
      return () => dangerousCodeCheck.run(makeContext([added('dist/app.js', line)]));
    },
  },
  {
    test: 'review/security/dangerousCode: sinks after long runs of blanks',
    limitMs: 1_000,
    prepare() {
      const text = [`${' '.repeat(300_000)}innerHTML: html,`, `${'\t'.repeat(300_000)}run = eval;`, `${' '.repeat(300_000)}<iframe srcDoc={html} />`].join('\n');
      return () => dangerousCodeCheck.run(makeContext([added('dist/app.js', text)]));
    },
  },
  {
    test: 'review/security/pii: huge and adversarial lines (seven lines)',
    limitMs: 5_000,
    prepare() {
      const lines = [`${'a.'.repeat(60_000)}@`, `${'1 '.repeat(60_000)}`, `${'1-'.repeat(60_000)}`, `${'4242'.repeat(30_000)}`, `${'+1 ('.repeat(30_000)}`, `${'x@'.repeat(60_000)}`, `${'(415) 555-2671 '.repeat(8_000)}`];
      return () => lines.forEach((line) => findPii(line));
    },
  },
  {
    test: 'pr/github/compareUrl: a body of 200,000 short lines',
    limitMs: 2_000,
    prepare: () => () => compareUrl({ owner: 'acme', repo: 'shop', base: 'main', head: 'pm/alice/copy', body: 'ok\n'.repeat(200_000) }),
  },
  {
    test: 'cli/owners: a 5 MB CODEOWNERS (not parsed)',
    limitMs: 3_000,
    async prepare() {
      const root = await policyFolder({ '.github/CODEOWNERS': codeownersOf5MB('/src/generated/module-with-a-long-name-0000/ @acme/generated-owners\n') });
      return cliQuietly(['owners', '--json', '--cwd', root, 'src/generated/module-with-a-long-name-0000/a.ts']);
    },
  },
  {
    test: 'cli/owners: patterns designed to backtrack (five paths)',
    limitMs: 5 * 1_000,
    async prepare() {
      const root = await policyFolder({ '.github/CODEOWNERS': await cliFixture('policy/CODEOWNERS.backtracking') });
      const paths = ['a'.repeat(5000), `${'a'.repeat(60)}/c`, `${'a/'.repeat(2000)}x`, `${'aaaa/'.repeat(200)}${'a'.repeat(100)}c`, `${'a'.repeat(40)}b`];
      return async () => {
        for (const path of paths) await cliQuietly(['owners', '--json', '--cwd', root, path])();
      };
    },
  },
  {
    test: 'cli/explain: patterns designed to backtrack',
    limitMs: 2_000,
    async prepare() {
      const claude = `## PM zone\n### PMs may edit\n- \`${'**/'.repeat(30)}*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b\`\n### Engineering only\n- \`${'{a,b}'.repeat(12)}/**\`\n- \`${'*(a|aa)'.repeat(10)}c\`\n`;
      const root = await policyFolder({ 'CLAUDE.md': claude, '.github/CODEOWNERS': await cliFixture('policy/CODEOWNERS.backtracking') });
      const paths = ['a'.repeat(5000), `${'a/'.repeat(2000)}x`, `${'a'.repeat(60)}c`, `${'aaaa/'.repeat(200)}${'a'.repeat(100)}c`];
      return cliQuietly(['explain', '--json', '--cwd', root, '--stdin'], paths.join('\n'));
    },
  },
  {
    test: 'cli/checkConfig: a 5 MB CODEOWNERS (an error, not parsed)',
    limitMs: 3_000,
    async prepare() {
      const root = await policyFolder({ 'CLAUDE.md': '## PM zone\n### PMs may edit\n- `**/*.md`\n', '.github/CODEOWNERS': codeownersOf5MB('/src/generated/module-with-a-long-name/ @acme/generated-owners\n') });
      return cliQuietly(['check-config', '--json', '--cwd', root]);
    },
  },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function main(): Promise<void> {
  console.log(`The unit tests' large and hostile inputs: median of ${RUNS} runs after one warm-up, beside the limit each test once asserted.\n`);
  const width = Math.max(...CASES.map((c) => c.test.length));
  let over = 0;
  for (const entry of CASES) {
    const call = await entry.prepare();
    await call();
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const answer = await call();
      // The adversarial cases measure their slowest single match themselves.
      times.push(typeof answer === 'number' && entry.test.includes('slowest rule') ? answer : performance.now() - started);
    }
    const ms = median(times);
    if (ms > entry.limitMs) over++;
    console.log(`${entry.test.padEnd(width)}  ${ms.toFixed(1).padStart(8)} ms  (limit was ${entry.limitMs.toLocaleString('en-US')} ms)${ms > entry.limitMs ? '  OVER' : ''}`);
  }
  console.log(`\n${CASES.length - over} of ${CASES.length} within the limits their tests once asserted.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
