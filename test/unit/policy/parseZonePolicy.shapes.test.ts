import * as assert from 'node:assert/strict';
import { parseZonePolicy, type ZonePolicy } from '../../../src/core/policy';

const kinds = (policy: ZonePolicy): string[] => policy.problems.map((problem) => problem.kind);
const globs = (rules: { glob: string }[]): string[] => rules.map((rule) => rule.glob);

describe('parseZonePolicy: finding the section', () => {
  for (const heading of ['# PM zone', '## PM zone', '### PM zone', '## PM Zone', '## pm zone', '## PM Zone boundaries', '## The PM zone', '## Files Pilot PMs Can and Cannot Touch']) {
    it(`finds "${heading}"`, () => {
      const subheading = `${heading.split(' ')[0]}#`;
      const policy = parseZonePolicy(`${heading}\n${subheading} Engineering only\n- \`**/auth/**\`\n`);
      assert.equal(policy.defined, true);
      assert.deepEqual(globs(policy.engineeringOnly), ['**/auth/**']);
    });
  }

  for (const heading of ['#### PM zone', '## PMs', '## Zone', '## PM Zoned', '## What the PMs Will and Will Not Touch in Week One']) {
    it(`does not take "${heading}" for the section`, () => {
      const policy = parseZonePolicy(`${heading}\n### Engineering only\n- \`**/auth/**\`\n`);
      assert.equal(policy.defined, false);
      assert.deepEqual(policy.problems, []);
    });
  }

  it('says "no PM zone defined" without problems for empty, blank and unrelated text', () => {
    for (const text of ['', '   \n\n', '\uFEFF', '# Title\n\nSome text.\n', '```\n## PM zone\n```\n', '> ## PM zone\n']) {
      const policy = parseZonePolicy(text);
      assert.equal(policy.defined, false, JSON.stringify(text));
      assert.deepEqual(policy.problems, [], JSON.stringify(text));
      assert.equal(policy.mode, 'standard');
    }
  });

  it('ends the section at the next heading of the same or a higher level', () => {
    const policy = parseZonePolicy('## PM zone\n### Engineering only\n- `**/auth/**`\n# Next\n- `**/later/**`\n');
    assert.deepEqual(globs(policy.engineeringOnly), ['**/auth/**']);
    assert.deepEqual(policy.problems, []);
  });

  it('reads only the first of two sections and reports the second at its line', () => {
    const policy = parseZonePolicy('## PM zone\n### Engineering only\n- `**/auth/**`\n## PM zone\n### PMs may edit\n- `**/auth/**`\n');
    assert.deepEqual(globs(policy.mayEdit), []);
    assert.deepEqual(policy.problems.map((p) => [p.kind, p.line, p.severity]), [['duplicate-section', 4, 'warning']]);
  });

  it('reports a zone heading nested inside the section once, as a duplicate', () => {
    const policy = parseZonePolicy('## PM zone\n### Engineering only\n- `**/auth/**`\n### PM zone\n- `x/**`\n');
    assert.deepEqual(kinds(policy), ['duplicate-section']);
  });

  it('reports a level-4 heading that names the zone inside the section as an unknown subheading', () => {
    const policy = parseZonePolicy('## PM zone\n### Engineering only\n- `**/auth/**`\n#### PM zone notes\n- `x/**`\n');
    assert.deepEqual(globs(policy.engineeringOnly), ['**/auth/**']);
    assert.deepEqual(kinds(policy), ['unknown-heading']);
  });

  it('warns about a section that defines no globs', () => {
    const policy = parseZonePolicy('## PM zone\nMode: regulated\n');
    assert.equal(policy.defined, true);
    assert.deepEqual(kinds(policy), ['empty-zone']);
  });
});

describe('parseZonePolicy: mode and settings', () => {
  const modeOf = (line: string): ZonePolicy => parseZonePolicy(`## PM zone\n${line}\n### Engineering only\n- \`**/auth/**\`\n`);

  for (const [line, mode] of [
    ['Mode: regulated', 'regulated'],
    ['Mode: standard', 'standard'],
    ['mode: Regulated', 'regulated'],
    ['Mode: `regulated`', 'regulated'],
    ['**Mode:** regulated', 'regulated'],
    ['**Mode**: regulated.', 'regulated'],
    ['- Mode: regulated', 'regulated'],
    ['Some prose.', 'standard'],
  ] as const) {
    it(`reads "${line}" as ${mode}`, () => {
      const policy = modeOf(line);
      assert.equal(policy.mode, mode);
      assert.deepEqual(policy.problems, []);
    });
  }

  it('reports an invalid mode at its value and takes the stricter mode', () => {
    const policy = modeOf('Mode: strict');
    assert.equal(policy.mode, 'regulated');
    assert.deepEqual(policy.problems.map((p) => [p.kind, p.severity, p.line, p.column]), [['invalid-mode', 'error', 2, 7]]);
  });

  it('reports an empty mode', () => {
    assert.deepEqual(kinds(modeOf('Mode:')), ['invalid-mode']);
  });

  it('keeps the first of two modes and reports the second', () => {
    const policy = parseZonePolicy('## PM zone\nMode: standard\nMode: regulated\n### Engineering only\n- `a/**`\n');
    assert.equal(policy.mode, 'standard');
    assert.deepEqual(policy.problems.map((p) => [p.kind, p.line]), [['duplicate-setting', 3]]);
  });

  it('reads the style guide from a line, a link, or a link that mentions it', () => {
    const cases: [string, string][] = [
      ['Style guide: docs/STYLE.md', 'docs/STYLE.md'],
      ['Style guide: `docs/STYLE.md`', 'docs/STYLE.md'],
      ['Style-guide: [ours](https://example.com/style)', 'https://example.com/style'],
      ['Style guide: <https://example.com/s>', 'https://example.com/s'],
      ['Follow the [Style Guide](docs/style.md) please.', 'docs/style.md'],
    ];
    for (const [line, expected] of cases) {
      assert.equal(modeOf(line).styleGuide, expected, line);
    }
    assert.equal(modeOf('See [the docs](docs/x.md).').styleGuide, undefined);
  });

  it('reads the source locale translations are compared with', () => {
    assert.equal(modeOf('Source locale: en-US').sourceLocale, 'en-US');
    assert.equal(modeOf('- **Source locale:** `pt_BR`').sourceLocale, 'pt_BR');
    assert.equal(modeOf('Mode: standard').sourceLocale, undefined);
    const twice = modeOf('Source locale: en\nSource locale: fr');
    assert.equal(twice.sourceLocale, 'en');
    assert.deepEqual(twice.problems.map((p) => [p.kind, p.message]), [['duplicate-setting', 'Source locale is already set above; this line is ignored.']]);
  });

  it('reads the product DRI, and reports one without @', () => {
    assert.equal(modeOf('Product DRI: @erin').productDri, '@erin');
    const bare = modeOf('Product DRI: erin');
    assert.equal(bare.productDri, '@erin');
    assert.deepEqual(bare.problems[0].fix, { title: 'Write @erin', start: { line: 2, column: 14 }, end: { line: 2, column: 14 }, text: '@' });
    const invalid = modeOf('Product DRI: Erin Smith');
    assert.equal(invalid.productDri, undefined);
    assert.deepEqual(invalid.problems.map((p) => [p.kind, p.severity]), [['invalid-handle', 'error']]);
  });
});

describe('parseZonePolicy: subheadings and labels', () => {
  const section = (title: string): ZonePolicy => parseZonePolicy(`## PM zone\n${title}\n- \`x/**\`\n`);

  const allow = ['### PMs may edit', '### PMs can edit', '### Can touch', '### Allowed', '### PM-editable', '**CAN touch, within the feature folders they own:**', 'PMs may edit:', '**May edit**'];
  const deny = ['### Engineering only', '### Cannot touch', '### Never', '### Locked', '### Forbidden', '**CANNOT touch (CODEOWNERS-enforced):**', '### Not allowed', 'Engineering only:'];
  for (const title of allow) {
    it(`"${title}" introduces may-edit globs`, () => {
      const policy = section(title);
      assert.deepEqual([globs(policy.mayEdit), globs(policy.engineeringOnly)], [['x/**'], []]);
    });
  }
  for (const title of deny) {
    it(`"${title}" introduces engineering-only globs`, () => {
      const policy = section(title);
      assert.deepEqual([globs(policy.mayEdit), globs(policy.engineeringOnly)], [[], ['x/**']]);
    });
  }

  it('reads "Pilot PMs", "Pilots" and "PMs" as the pilot list, "Owned flags" and "Flags" as flags', () => {
    for (const title of ['### Pilot PMs', '### Pilots', '### PMs']) {
      assert.deepEqual(parseZonePolicy(`## PM zone\n${title}\n- @alice: \`src/a/**\`\n`).pilots.map((p) => p.handle), ['@alice'], title);
    }
    for (const title of ['### Owned flags', '### Flags', '**Flags:**']) {
      assert.deepEqual(parseZonePolicy(`## PM zone\n${title}\n- \`f1\` @alice\n`).ownedFlags.map((f) => f.flag), ['f1'], title);
    }
  });

  it('reports an unknown subheading and does not read what is under it', () => {
    const policy = parseZonePolicy('## PM zone\n### Engineering only\n- `a/**`\n### Deploy rules\n- `b/**`\n| x | y |\n| - | - |\n| 1 | 2 |\n');
    assert.deepEqual(globs(policy.engineeringOnly), ['a/**']);
    assert.deepEqual(policy.problems.map((p) => [p.kind, p.line, p.column]), [['unknown-heading', 4, 1]]);
  });

  it('reports an unknown bold label', () => {
    assert.deepEqual(kinds(parseZonePolicy('## PM zone\n**Deploy rules:**\n- `b/**`\n')), ['empty-zone', 'unknown-heading']);
  });

  it('reports a list or table before any subheading', () => {
    const policy = parseZonePolicy('## PM zone\n- `a/**`\n\n| a | b |\n| - | - |\n| 1 | 2 |\n### Engineering only\n- `b/**`\n');
    assert.deepEqual(kinds(policy), ['item-outside-subsection', 'table-outside-subsection']);
  });

  it('ignores prose, code blocks and quotes, and reports a glob written in prose', () => {
    const policy = parseZonePolicy('## PM zone\nPMs work with care.\n\n```\n- `**/x/**`\n```\n\n> quoted `**/q/**`\n\n### Engineering only\nAlso `**/infra/**`.\n- `a/**`\n');
    assert.deepEqual(globs(policy.engineeringOnly), ['a/**']);
    assert.deepEqual(policy.problems.map((p) => [p.kind, p.severity, p.line, p.column]), [['glob-outside-list', 'error', 11, 6]]);
    const underMayEdit = parseZonePolicy('## PM zone\n### PMs may edit\nAlso `**/docs/**`.\n- `a/**`\n');
    assert.deepEqual(underMayEdit.problems.map((p) => [p.kind, p.severity]), [['glob-outside-list', 'warning']]);
  });
});

describe('parseZonePolicy: glob items', () => {
  const mayEdit = (items: string): ZonePolicy => parseZonePolicy(`## PM zone\n### PMs may edit\n${items}\n`);
  const engineeringOnly = (items: string): ZonePolicy => parseZonePolicy(`## PM zone\n### Engineering only\n${items}\n`);

  it('reads qualifiers from the note and from the item text', () => {
    const policy = mayEdit(
      [
        '- `a` (additions only)',
        '- `b` (new events only)',
        '- `c` (append-only)',
        '- `d` for flags they own',
        '- `e` (owned flags only)',
        '- `f` within their feature folder',
        '- `g` (inside own feature folder)',
        '- `h` (non-breaking changes)',
        '- `i` (user-facing strings)',
      ].join('\n'),
    );
    assert.deepEqual(
      policy.mayEdit.map((rule) => [rule.glob, rule.qualifiers]),
      [
        ['a', ['additions-only']],
        ['b', ['additions-only']],
        ['c', ['additions-only']],
        ['d', ['owned-flags-only']],
        ['e', ['owned-flags-only']],
        ['f', ['own-feature-folder']],
        ['g', ['own-feature-folder']],
        ['h', ['non-breaking']],
        ['i', []],
      ],
    );
    assert.equal(policy.mayEdit[8].note, 'user-facing strings');
    assert.equal(policy.mayEdit[3].note, undefined);
  });

  it('does not read a qualifier from inside a glob, and gives none to engineering-only globs', () => {
    assert.deepEqual(mayEdit('- `**/non-breaking/**`').mayEdit[0].qualifiers, []);
    assert.deepEqual(engineeringOnly('- `**/auth/**` (additions only)').engineeringOnly[0].qualifiers, []);
  });

  it('takes globs joined by "or", "and" or commas, and not code further in the text', () => {
    const policy = engineeringOnly('- `**/phi/**` or `**/pii/**`\n- `a/**`, `b/**` and `c/**`\n- `d/**` (see `docs/why.md`)');
    assert.deepEqual(globs(policy.engineeringOnly), ['**/phi/**', '**/pii/**', 'a/**', 'b/**', 'c/**', 'd/**']);
    assert.deepEqual(policy.engineeringOnly.map((rule) => rule.line), [3, 3, 4, 4, 4, 5]);
  });

  it('reads nested lists, passing the parent qualifiers down', () => {
    const policy = mayEdit('- Inside own feature folder:\n  - `**/components/*.tsx`\n  - `**/hooks/*.ts`\n- `**/i18n/*.json`');
    assert.deepEqual(
      policy.mayEdit.map((rule) => [rule.glob, rule.qualifiers, rule.line]),
      [
        ['**/components/*.tsx', ['own-feature-folder'], 4],
        ['**/hooks/*.ts', ['own-feature-folder'], 5],
        ['**/i18n/*.json', [], 6],
      ],
    );
    assert.deepEqual(policy.problems, []);
  });

  it('understands a prose item that restates the outside rule, and reports other prose', () => {
    assert.deepEqual(kinds(engineeringOnly('- `a/**`\n- Any file outside their assigned feature folder without engineering co-authorship.')), []);
    assert.deepEqual(kinds(engineeringOnly('- `a/**`\n- Anything outside the PM zone.')), []);
    const dataModels = engineeringOnly('- `a/**`\n- Data models and API contracts.');
    assert.deepEqual(dataModels.problems.map((p) => [p.kind, p.severity, p.line]), [['item-without-glob', 'error', 4]]);
    const copy = mayEdit('- `a/**`\n- Copy outside their feature folder');
    assert.deepEqual(copy.problems.map((p) => [p.kind, p.severity]), [['item-without-glob', 'warning']]);
  });

  it('accepts a glob without backticks with a warning and a fix, reading the source, not the emphasis', () => {
    const policy = mayEdit('- **/i18n/*.json (strings)\n- **/a/** and **/b/**');
    assert.deepEqual(globs(policy.mayEdit), ['**/i18n/*.json', '**/a/**', '**/b/**']);
    assert.equal(policy.mayEdit[0].note, 'strings');
    const [first] = policy.problems;
    assert.deepEqual([first.kind, first.severity, first.line, first.column, first.endColumn], ['glob-without-backticks', 'warning', 3, 3, 17]);
    assert.deepEqual(first.fix, { title: 'Put `**/i18n/*.json` in backticks', start: { line: 3, column: 3 }, end: { line: 3, column: 17 }, text: '`**/i18n/*.json`' });
    assert.equal(policy.problems.length, 3);
  });

  it('reports invalid globs at their column and keeps the rest', () => {
    const policy = engineeringOnly('- `!**/x/**`\n- `src\\auth\\**`\n- ` `\n- `../up/**`\n- `C:\\repo\\**`\n- `ok/**`\n- `a\u0001b/**`');
    assert.deepEqual(globs(policy.engineeringOnly), ['ok/**']);
    assert.deepEqual(
      policy.problems.map((p) => [p.kind, p.line, p.column]),
      [
        ['invalid-glob', 3, 3],
        ['invalid-glob', 4, 3],
        ['invalid-glob', 5, 3],
        ['invalid-glob', 6, 3],
        ['invalid-glob', 7, 3],
        ['invalid-glob', 9, 3],
      ],
    );
  });

  it('keeps escaped stars, spaces, unicode and a leading dash in globs', () => {
    const policy = mayEdit('- `docs/my notes/*.md`\n- `**/données/*.json`\n- `-draft/**`\n- `\\*literal`');
    assert.deepEqual(globs(policy.mayEdit), ['docs/my notes/*.md', '**/données/*.json', '-draft/**', '\\*literal']);
  });

  it('reads a table of globs, and reports a row without one', () => {
    const policy = mayEdit('| glob | note |\n| --- | --- |\n| `**/i18n/*.json` | additions only |\n| | nothing |\n| **/a/** | |');
    assert.deepEqual(policy.mayEdit.map((rule) => [rule.glob, rule.qualifiers, rule.note]), [['**/i18n/*.json', ['additions-only'], 'additions only'], ['**/a/**', [], undefined]]);
    assert.deepEqual(kinds(policy), ['item-without-glob', 'glob-without-backticks']);
  });
});

describe('parseZonePolicy: pilots and flags, as tables and as lists', () => {
  const asTable = '## PM zone\n### Engineering only\n- `a/**`\n### Pilot PMs\n| PM | feature folders | engineering DRI | product DRI | email |\n| --- | --- | --- | --- | --- |\n| @alice | `src/features/checkout/**` | @dana | @erin | alice@acme.com |\n### Owned flags\n| flag | owner |\n| --- | --- |\n| `checkout_copy_v2` | @alice |\n';
  const asList = '## PM zone\n### Engineering only\n- `a/**`\n### Pilot PMs\n- @alice (alice@acme.com): `src/features/checkout/**`, DRI @dana, product DRI @erin\n### Owned flags\n- `checkout_copy_v2` (@alice)\n';

  it('reads the same pilot and flag from a table and from a list', () => {
    const table = parseZonePolicy(asTable);
    const list = parseZonePolicy(asList);
    const expectedPilot = { handle: '@alice', email: 'alice@acme.com', featureFolders: ['src/features/checkout/**'], engineeringDri: '@dana', productDri: '@erin' };
    assert.deepEqual({ ...table.pilots[0], line: 0 }, { ...expectedPilot, line: 0 });
    assert.deepEqual({ ...list.pilots[0], line: 0 }, { ...expectedPilot, line: 0 });
    assert.deepEqual(table.ownedFlags.map((f) => [f.flag, f.owner]), [['checkout_copy_v2', '@alice']]);
    assert.deepEqual(list.ownedFlags.map((f) => [f.flag, f.owner]), [['checkout_copy_v2', '@alice']]);
    assert.deepEqual([table.problems, list.problems], [[], []]);
  });

  it('reads list items in the other ways people write them', () => {
    const policy = parseZonePolicy(
      '## PM zone\n### Engineering only\n- `a/**`\n### Pilots\n- @bob: src/features/search/**, src/features/cart/** (reviewer @carol)\n- @org/pm-team `src/shared/**`\n### Flags\n- `f1`: @bob\n- f2 owned by @bob\n- `f3` — @org/pm-team\n',
    );
    assert.deepEqual(
      policy.pilots.map((p) => [p.handle, p.featureFolders, p.engineeringDri]),
      [
        ['@bob', ['src/features/search/**', 'src/features/cart/**'], '@carol'],
        ['@org/pm-team', ['src/shared/**'], undefined],
      ],
    );
    assert.deepEqual(policy.ownedFlags.map((f) => [f.flag, f.owner]), [['f1', '@bob'], ['f2', '@bob'], ['f3', '@org/pm-team']]);
    assert.deepEqual(kinds(policy), ['glob-without-backticks', 'glob-without-backticks']);
  });

  it('reports a table with a missing or unknown column, and extra cells', () => {
    const missing = parseZonePolicy('## PM zone\n### Engineering only\n- `a/**`\n### Pilot PMs\n| feature folders | engineering DRI |\n| --- | --- |\n| `x/**` | @dana |\n');
    assert.deepEqual(missing.pilots, []);
    assert.deepEqual(missing.problems.map((p) => [p.kind, p.severity, p.line]), [['missing-column', 'error', 5]]);
    const unknown = parseZonePolicy('## PM zone\n### Engineering only\n- `a/**`\n### Pilot PMs\n| PM | shoe size | notes |\n| --- | --- | --- |\n| @alice | 42 | x | y |\n');
    assert.deepEqual(unknown.problems.map((p) => [p.kind, p.line, p.column]), [['unknown-column', 5, 8], ['pilot-without-folders', 7, 1], ['extra-cell', 7, 21]]);
    assert.deepEqual(unknown.pilots.map((p) => p.handle), ['@alice']);
  });

  it('reads a row with missing cells and reports what it lacks', () => {
    const policy = parseZonePolicy('## PM zone\n### Engineering only\n- `a/**`\n### Pilot PMs\n| PM | feature folders | email |\n| --- | --- | --- |\n| @alice |\n|  | `y/**` |\n| @bob | `z/**` | not-an-email |\n');
    assert.deepEqual(policy.pilots.map((p) => [p.handle, p.featureFolders, p.email]), [['@alice', [], undefined], ['@bob', ['z/**'], undefined]]);
    assert.deepEqual(kinds(policy), ['pilot-without-folders', 'missing-handle', 'invalid-email']);
  });

  it('reports handles without @ with a fix, and names that are no handle', () => {
    const policy = parseZonePolicy('## PM zone\n### Engineering only\n- `a/**`\n### Pilot PMs\n| PM | feature folders | engineering DRI |\n| --- | --- | --- |\n| alice | `x/**` | dana smith |\n');
    assert.deepEqual(policy.pilots.map((p) => [p.handle, p.engineeringDri]), [['@alice', undefined]]);
    assert.deepEqual(policy.problems.map((p) => [p.kind, p.severity, p.line, p.column]), [['invalid-handle', 'warning', 7, 3], ['invalid-handle', 'error', 7, 20]]);
    assert.deepEqual(policy.problems[0].fix?.start, { line: 7, column: 3 });
  });

  it('reports flags without an owner or a name, and duplicates', () => {
    const policy = parseZonePolicy('## PM zone\n### Engineering only\n- `a/**`\n### Owned flags\n- `f1`\n- `f2` alice\n- @bob\n- `f3` @bob\n- `f3` @carol\n\n| flag | owner |\n| --- | --- |\n| `f4` | |\n| has space | @x |\n');
    assert.deepEqual(policy.ownedFlags.map((f) => [f.flag, f.owner, f.line]), [['f3', '@bob', 8]]);
    assert.deepEqual(kinds(policy), ['flag-without-owner', 'flag-without-owner', 'invalid-flag', 'duplicate-flag', 'flag-without-owner', 'invalid-flag']);
  });

  it('keeps the first of two pilots with the same handle, ignoring case', () => {
    const policy = parseZonePolicy('## PM zone\n### Engineering only\n- `a/**`\n### Pilot PMs\n- @alice: `x/**`\n- @Alice: `y/**`\n');
    assert.deepEqual(policy.pilots.map((p) => p.featureFolders), [['x/**']]);
    assert.deepEqual(kinds(policy), ['duplicate-pilot']);
  });
});

describe('parseZonePolicy: bad input', () => {
  it('never throws on binary, non-string and odd text', () => {
    const inputs: unknown[] = ['\u0000\u0001\u0002## PM zone\u0000', '\uFFFD'.repeat(1000), '## PM zone\n' + '\u0000'.repeat(100), undefined, null, 42, '## PM zone\n- `' + '*'.repeat(10_000) + '`\n'];
    for (const input of inputs) {
      const policy = parseZonePolicy(input as string);
      assert.ok(!kinds(policy).includes('internal-error'), String(input).slice(0, 20));
    }
  });

  it('reads a huge section, every line accounted for (its time: bench/limits.bench.ts)', () => {
    // About 35 kB, several times a real CLAUDE.md.
    const items = Array.from({ length: 1000 }, (_, i) => `- \`src/locked${i}/**\` (note ${i})`).join('\n');
    const policy = parseZonePolicy(`## PM zone\n### Engineering only\n${items}\n`);
    assert.equal(policy.engineeringOnly.length, 1000);
    assert.equal(policy.engineeringOnly[999].line, 1002);
  });
});
