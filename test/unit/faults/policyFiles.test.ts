// Faults of CLAUDE.md that used to unlock the zone or take every command down.
import * as assert from 'node:assert/strict';
import { parseZonePolicy, resolveZone } from '../../../src/core/policy';
import { MAX_SECTION_LINES } from '../../../src/core/policy/parseZonePolicy';
import { bracesAsWildcards, MAX_TOTAL_PATTERNS } from '../../../src/core/policy/patternBudget';
import { tempRepo } from '../helpers/tempRepo';
import { cli } from '../cli/support/cli';

const ZONE = ['## PM zone', '### PMs may edit', '- `**/i18n/*.json`', '### Engineering only', '- `**/auth/**`', '- `**/payments/**`', ''].join('\n');
const zoneOf = (markdown: string, path: string) => resolveZone(path, { policy: parseZonePolicy(markdown), policyFiles: [] }).zone;
const kinds = (markdown: string) => parseZonePolicy(markdown).problems.map((problem) => `${problem.line}:${problem.kind}`);

describe('faults: a CLAUDE.md that cannot be read with confidence locks, never unlocks', () => {
  for (const [endings, newline] of [['LF', '\n'], ['CRLF', '\r\n']]) {
    it(`an unclosed code fence above the section: the locks hold, and the fence is reported on its line (${endings})`, () => {
      const markdown = ['# Project', '', '```sh', 'npm test', '', ZONE].join('\n').replace(/\n/g, newline);
      assert.equal(zoneOf(markdown, 'src/auth/login.ts'), 'locked');
      assert.equal(zoneOf(markdown, 'src/i18n/en.json'), 'editable');
      assert.deepEqual(kinds(markdown), ['3:unclosed-code-fence']);
    });

    it(`an unclosed code fence inside the section: the globs it swallowed still lock, and none becomes PM-editable (${endings})`, () => {
      const markdown = ['## PM zone', '### PMs may edit', '- `**/i18n/*.json`', '```', 'an example', '### Engineering only', '- `**/auth/**`', '### PMs may edit', '- `**/*.ts`', ''].join(newline);
      assert.equal(zoneOf(markdown, 'src/auth/login.ts'), 'locked');
      assert.equal(zoneOf(markdown, 'src/app.ts'), 'outside', 'a may-edit glob hidden by the fence must not apply');
      assert.equal(zoneOf(markdown, 'src/i18n/en.json'), 'editable');
      assert.deepEqual(kinds(markdown), ['4:unclosed-code-fence']);
    });
  }

  it('a CLAUDE.md saved as UTF-16 is read', async () => {
    const repo = await tempRepo({ commits: [{ message: 'utf-16', files: { 'CLAUDE.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ZONE, 'utf16le')]) } }] });
    const run = await cli(['explain', '--json', '--cwd', repo.root, 'src/auth/login.ts']);
    assert.equal(JSON.parse(run.stdout)[0].zone, 'locked', run.stderr);
  });

  it('a binary CLAUDE.md is a problem on the file: check-config never says "No problems"', async () => {
    const repo = await tempRepo({ commits: [{ message: 'binary', files: { 'CLAUDE.md': Buffer.from([0x23, 0x00, 0x01, 0x02]) } }] });
    const run = await cli(['check-config', '--cwd', repo.root]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /CLAUDE\.md:1:1 +error +binary-file +CLAUDE\.md is not a text file PM Zone can read/);
    assert.doesNotMatch(run.stdout, /No problems/);
  });
});

describe('faults: one bad glob is a problem on its line, and the rest of the zone applies', () => {
  const withGlob = (glob: string) => ZONE.replace('- `**/payments/**`', `- \`**/payments/**\`\n- \`${glob}\``);
  const cases = [
    { name: 'an 85-character brace glob', glob: '{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}{s,t}{u,v}{w,x}{y,z}{1,2}{3,4}{5,6}/**', message: /expands to 65,536 patterns/ },
    { name: 'a 64 KB glob', glob: 'a'.repeat(65_536), message: /is 65,536 characters long; a glob may have at most 1,024/ },
    { name: 'a numeric range of a million', glob: 'logs/{1..1000000}/**', message: /expands to 1,000,000 patterns/ },
  ];
  for (const { name, glob, message } of cases) {
    it(name, async () => {
      const policy = parseZonePolicy(withGlob(glob));
      const problem = policy.problems.find((p) => p.kind === 'invalid-glob');
      assert.equal(problem?.line, 7);
      assert.match(problem?.message ?? '', message);
      assert.ok((problem?.message.length ?? 0) < 300, 'the message quotes the glob in full');
      assert.equal(resolveZone('src/auth/x.ts', { policy, policyFiles: [] }).zone, 'locked');
      const repo = await tempRepo({ commits: [{ message: 'bad glob', files: { 'CLAUDE.md': withGlob(glob) } }] });
      const run = await cli(['explain', '--json', '--cwd', repo.root, 'src/payments/pay.ts', 'src/i18n/fr.json']);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(JSON.parse(run.stdout).map((answer: { zone: string }) => answer.zone), ['locked', 'editable']);
    });
  }
});

describe('faults: huge policy files', () => {
  it('a 6 MB CLAUDE.md is scanned, not parsed whole: the section at its end applies', () => {
    const filler = Array.from({ length: 250_000 }, (_, i) => `line ${i} of notes`).join('\n');
    const policy = parseZonePolicy(`# Notes\n${filler}\n${ZONE}`);
    assert.equal(policy.line, 250_002);
    assert.deepEqual(policy.engineeringOnly.map((rule) => [rule.glob, rule.line]), [['**/auth/**', 250_006], ['**/payments/**', 250_007]]);
  });

  // Past the limit by a few thousand lines: the same path as 40,000 globs, without leaving the test process 200 MB larger.
  for (const [endings, newline] of [['LF', '\n'], ['CRLF', '\r\n']]) {
    it(`a section too long to parse: every engineering-only glob locks, nothing is PM-editable, and it says why (${endings})`, () => {
      const count = MAX_SECTION_LINES + 1_000;
      const generated = Array.from({ length: count }, (_, i) => `- \`gen/dir${i}/**\``).join('\n');
      const markdown = ZONE.replace('- `**/payments/**`', `- \`**/payments/**\`\n${generated}`).replace(/\n/g, newline);
      const policy = parseZonePolicy(markdown);
      assert.equal(policy.engineeringOnly.length, count + 2);
      assert.deepEqual(policy.mayEdit, []);
      assert.equal(resolveZone(`gen/dir${count - 1}/x.ts`, { policy, policyFiles: [] }).zone, 'locked');
      assert.equal(resolveZone('src/auth/login.ts', { policy, policyFiles: [] }).zone, 'locked');
      assert.equal(resolveZone('src/i18n/en.json', { policy, policyFiles: [] }).zone, 'outside');
      const problem = policy.problems.find((p) => p.kind === 'section-too-long');
      assert.match(problem?.message ?? '', new RegExp(`has ${(count + 7).toLocaleString('en-US')} lines; PM Zone reads sections of up to ${MAX_SECTION_LINES.toLocaleString('en-US')}`));
    });
  }
});

describe('faults: the patterns all the globs expand to are capped together, and the line says so', () => {
  // 300 globs of 256 brace patterns each: 76,800 matchers, each one tried on every path.
  const braces = (i: number) => `**/m{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}x${i}/**`;
  const markdown = [
    '## PM zone',
    '### Engineering only',
    ...Array.from({ length: 300 }, (_, i) => `- \`${braces(i)}\``),
    '### PMs may edit',
    '- `**/i18n/{en,fr,de}.json`',
    '- `**/*.md`',
    '',
  ].join('\n');

  it('past the cap an engineering-only glob locks with its braces read as wildcards, a PM-editable one is dropped, and the first line past it says why', () => {
    const policy = parseZonePolicy(markdown);
    const problem = policy.problems.find((p) => p.kind === 'too-many-patterns');
    assert.equal(problem?.line, 3 + Math.floor(MAX_TOTAL_PATTERNS / 255));
    assert.match(problem?.message ?? '', /add more than 10,000 patterns through their braces in all; from this line on, engineering-only globs are matched with their braces read as wildcards/);
    const locked = resolveZone('src/macegikmox299/a.ts', { policy, policyFiles: [] });
    assert.equal(locked.zone, 'locked');
    assert.match(locked.reasons[0].message, /read as `\*\*\/m\*x299\/\*\*`/);
    assert.equal(resolveZone('src/i18n/en.json', { policy, policyFiles: [] }).zone, 'outside', 'the brace glob past the cap is dropped');
    assert.equal(resolveZone('docs/a.md', { policy, policyFiles: [] }).zone, 'editable', 'a glob without braces adds nothing to the count');
    assert.ok(policy.engineeringOnly.every((rule) => rule.matchAs === undefined || !rule.matchAs.includes('{')));
  });

  it('braces read as wildcards match at least what the braces do', () => {
    assert.equal(bracesAsWildcards('src/{auth,payments}/**'), 'src/*/**');
    assert.equal(bracesAsWildcards('**/m{a,b}{c,d}x/**'), '**/m*x/**');
    assert.equal(bracesAsWildcards('src/x/a{b/c,d}e.ts'), 'src/x/**');
    assert.equal(bracesAsWildcards('{a/b,c}/**'), '**');
    assert.equal(bracesAsWildcards('logs/{1..1000000}/**'), 'logs/*/**');
  });
});

