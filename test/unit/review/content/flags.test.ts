import * as assert from 'node:assert/strict';
import { flagsFileCheck, flagsUngatedCheck, parseFlagsFile, planningFlag, UNKNOWN_AUTHOR_MESSAGE } from '../../../../src/core/review/checks/flags';
import { flagsInCode } from '../../../../src/core/review/checks/flagsInCode';
import { bom, brief, changed, context, crlf, fixture, policy, run } from './context';

const FLAGS = 'src/features/checkout/flags.yaml';
const flags = (name: string): string => fixture('flags', name);
const bob = { handle: '@bob', featureFolders: [], line: 13 };

describe('parseFlagsFile', () => {
  it('reads the map shape with lines, owners, states and rollouts', () => {
    const parsed = parseFlagsFile(flags('owned-change.after.yaml'));
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.flags.map(({ name, owner, enabled, rollout, line }) => ({ name, owner, enabled, rollout, line })),
      [
        { name: 'checkout_copy_v2', owner: '@alice', enabled: true, rollout: 25, line: 3 },
        { name: 'search_ranking', owner: '@bob', enabled: true, rollout: 100, line: 7 },
      ],
    );
  });

  it('reads the list shape and reports each impossible rollout at its key', () => {
    const parsed = parseFlagsFile(flags('invalid-rollout.after.yaml'), FLAGS);
    assert.deepEqual(parsed.flags.map((flag) => [flag.name, flag.line, flag.rollout]), [
      ['checkout_copy_v2', 2, null],
      ['checkout_banner', 6, null],
      ['checkout_tooltip', 9, null],
      ['checkout_modal', 11, null],
      ['checkout_ok', 13, 42.5],
    ]);
    assert.deepEqual(parsed.problems.map((problem) => [problem.file, problem.kind, problem.line, problem.column]), [
      [FLAGS, 'invalid-rollout', 5, 5],
      [FLAGS, 'invalid-rollout', 8, 5],
      [FLAGS, 'invalid-rollout', 10, 5],
      [FLAGS, 'invalid-rollout', 12, 5],
    ]);
    assert.match(parsed.problems[1].message, /`checkout_banner`.*0 to 100.*"50%"/);
  });

  it('reads a top-level map of flags, taking scalar metadata for what it is', () => {
    const parsed = parseFlagsFile(flags('top-level.after.yaml'));
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.flags.map((flag) => [flag.name, flag.line, flag.enabled]), [
      ['checkout_copy_v2', 2, true],
      ['dark_mode', 5, false],
      ['legacy_flag', 6, null],
    ]);
  });

  it('gives the YAML error position and no flags when the file does not parse', () => {
    const parsed = parseFlagsFile(flags('syntax-error.after.yaml'));
    assert.deepEqual(parsed.flags, []);
    assert.deepEqual(parsed.problems.map((problem) => [problem.kind, problem.line, problem.column]), [['yaml-syntax', 6, 3]]);
    assert.doesNotMatch(parsed.problems[0].message, /\n/);
  });

  it('reports a flag written twice (map: duplicate key; list: duplicate name)', () => {
    assert.equal(parseFlagsFile('flags:\n  a: {rollout: 1}\n  a: {rollout: 2}\n').problems[0].kind, 'yaml-syntax');
    const list = parseFlagsFile('flags:\n  - name: a\n  - name: a\n');
    assert.deepEqual(list.problems.map((problem) => [problem.kind, problem.line]), [['duplicate-flag', 3]]);
  });

  it('keeps the same lines with CRLF line ends and a byte-order mark', () => {
    const lf = parseFlagsFile(flags('invalid-rollout.after.yaml'));
    const crlfBom = parseFlagsFile(bom(crlf(flags('invalid-rollout.after.yaml'))));
    assert.deepEqual(crlfBom.problems, lf.problems);
    assert.deepEqual(crlfBom.flags, lf.flags);
  });

  it('handles empty, scalar and binary-looking input without throwing', () => {
    assert.deepEqual(parseFlagsFile(''), { flags: [], problems: [] });
    assert.deepEqual(parseFlagsFile('flags:\n'), { flags: [], problems: [] });
    assert.equal(parseFlagsFile('flags: 3\n').problems[0].kind, 'unexpected-shape');
    assert.equal(parseFlagsFile('flags:\n  a: 3\n').problems[0].kind, 'unexpected-shape');
    assert.ok(parseFlagsFile('\u0000\u0001\u0002garbage: [').problems.length > 0);
  });

  it('reads a file of 2,000 flags (its time: bench/limits.bench.ts)', () => {
    const big = `flags:\n${Array.from({ length: 2000 }, (_, i) => `  flag_${i}:\n    owner: "@alice"\n    rollout: ${i % 101}\n`).join('')}`;
    const parsed = parseFlagsFile(big);
    assert.equal(parsed.flags.length, 2000);
    assert.equal(parsed.flags[1999].line, 2 + 1999 * 3);
  });
});

describe('flags.invalid and flags.unowned', () => {
  it('lets the owner change their own flag (owner compared case-insensitively)', async () => {
    const ctx = context([changed(FLAGS, flags('owned-change.before.yaml'), flags('owned-change.after.yaml'))]);
    assert.deepEqual(await run(flagsFileCheck, ctx), []);
  });

  it('reports a flag changed by someone who does not own it, at the flag line', async () => {
    const ctx = context([changed(FLAGS, flags('owned-change.before.yaml'), flags('owned-change.after.yaml'))], { author: bob });
    const findings = await run(flagsFileCheck, ctx);
    assert.deepEqual(brief(findings), [{ check: 'flags.unowned', line: 3 }]);
    assert.equal(findings[0].severity, 'error');
    assert.equal(findings[0].blocking, true);
    assert.match(findings[0].message, /`checkout_copy_v2` changed: it belongs to @Alice, not to @bob/);
  });

  it('says so when it cannot tell who the author is', async () => {
    const ctx = context([changed(FLAGS, flags('owned-change.before.yaml'), flags('owned-change.after.yaml'))], { author: null });
    const findings = await run(flagsFileCheck, ctx);
    assert.deepEqual(brief(findings), [{ check: 'flags.unowned', line: 3 }]);
    assert.ok(findings[0].message.includes(UNKNOWN_AUTHOR_MESSAGE));
    assert.ok(findings[0].message.includes('--as @handle'));
  });

  it('reports added and removed flags the author does not own; a removal at its nearest line', async () => {
    const ctx = context([changed(FLAGS, flags('owned-change.before.yaml'), flags('unowned-edits.after.yaml'))]);
    const findings = await run(flagsFileCheck, ctx);
    assert.deepEqual(brief(findings), [
      { check: 'flags.unowned', line: 7 },
      { check: 'flags.unowned', line: 7 },
    ]);
    assert.match(findings[0].message, /`promo_banner` added: it is not in the owned flags of CLAUDE.md/);
    assert.match(findings[1].message, /`search_ranking` removed/);
  });

  it('gives the same findings for CRLF and BOM versions of the files', async () => {
    const lf = await run(flagsFileCheck, context([changed(FLAGS, flags('owned-change.before.yaml'), flags('unowned-edits.after.yaml'))]));
    const other = await run(
      flagsFileCheck,
      context([changed(FLAGS, crlf(flags('owned-change.before.yaml')), bom(crlf(flags('unowned-edits.after.yaml'))))]),
    );
    assert.deepEqual(other, lf);
  });

  it('reports every invalid rollout at its key line and column', async () => {
    const ctx = context([changed(FLAGS, undefined, flags('invalid-rollout.after.yaml'))]);
    const invalid = (await run(flagsFileCheck, ctx)).filter((finding) => finding.check === 'flags.invalid');
    assert.deepEqual(brief(invalid), [
      { check: 'flags.invalid', line: 5, column: 5 },
      { check: 'flags.invalid', line: 8, column: 5 },
      { check: 'flags.invalid', line: 10, column: 5 },
      { check: 'flags.invalid', line: 12, column: 5 },
    ]);
  });

  it('reports a YAML syntax error and does not guess at ownership', async () => {
    const ctx = context([changed(FLAGS, flags('owned-change.before.yaml'), flags('syntax-error.after.yaml'))], { author: bob });
    assert.deepEqual(brief(await run(flagsFileCheck, ctx)), [{ check: 'flags.invalid', line: 6, column: 3 }]);
  });

  it('reports each unowned flag of a deleted flags file at file level', async () => {
    const ctx = context([changed(FLAGS, flags('owned-change.before.yaml'), undefined)]);
    const findings = await run(flagsFileCheck, ctx);
    assert.deepEqual(brief(findings), [{ check: 'flags.unowned', line: null }]);
    assert.match(findings[0].message, /search_ranking/);
  });

  it('ignores files not named flags.yaml, and ownership when no PM zone is defined', async () => {
    const other = context([changed('src/config/features.yaml', undefined, flags('invalid-rollout.after.yaml'))]);
    assert.deepEqual(await run(flagsFileCheck, other), []);
    const noZone = context([changed(FLAGS, flags('owned-change.before.yaml'), flags('unowned-edits.after.yaml'))], {
      policy: policy({ defined: false, ownedFlags: [] }),
    });
    assert.deepEqual(await run(flagsFileCheck, noZone), []);
  });

  it('blocks a flags file git reads as binary: the app cannot load it', async () => {
    const ctx = context([{ ...changed(FLAGS, undefined, 'rollout: [\u0000'), binary: true }]);
    assert.deepEqual((await run(flagsFileCheck, ctx)).map(({ check, blocking }) => [check, blocking]), [['flags.invalid', true]]);
  });
});

describe('flags.ungated', () => {
  const BANNER = 'src/features/checkout/components/Banner.tsx';
  const bannerChange = changed(BANNER, flags('Banner.before.tsx'), flags('Banner.after.tsx'));

  it('warns about a component change no flag gates, at its first added line', async () => {
    const findings = await run(flagsUngatedCheck, context([bannerChange]));
    assert.deepEqual(brief(findings), [{ check: 'flags.ungated', line: 4 }]);
    assert.equal(findings[0].severity, 'warning');
    assert.equal(findings[0].blocking, false);
  });

  it('is satisfied by a component that reads a flag', async () => {
    const ctx = context([changed(BANNER, flags('Banner.before.tsx'), flags('Banner-flagged.after.tsx'))]);
    assert.deepEqual(await run(flagsUngatedCheck, ctx), []);
  });

  it('is satisfied by a flags.yaml in the change that turns a flag on', async () => {
    const flagChange = changed(FLAGS, flags('owned-change.before.yaml'), flags('owned-change.after.yaml'));
    assert.deepEqual(await run(flagsUngatedCheck, context([bannerChange, flagChange])), []);
  });

  it('is not satisfied by a flags.yaml change that turns nothing on', async () => {
    const before = flags('owned-change.before.yaml');
    const flagChange = changed(FLAGS, before, before.replace('# Feature flags', '# The feature flags'));
    assert.equal((await run(flagsUngatedCheck, context([bannerChange, flagChange]))).length, 1);
  });

  it('is satisfied by a PLANNING.md naming a flag, in the change or above the component', async () => {
    const planning = '---\ntitle: Shipping copy\nflag: checkout_copy_v2\n---\n# Why\n';
    assert.deepEqual(await run(flagsUngatedCheck, context([bannerChange, changed('PLANNING.md', undefined, planning)])), []);
    const ctx = context([bannerChange], { repo: { 'src/features/checkout/PLANNING.md': planning } });
    assert.deepEqual(await run(flagsUngatedCheck, ctx), []);
    assert.ok(ctx.reads.includes('src/features/checkout/PLANNING.md'));
  });

  it('is not satisfied by a planning doc whose flag is empty or a placeholder', async () => {
    for (const value of ['', '""', '{{flag}}', '"{{flag}}"', '"<flag name>"', 'TBD', '"[flag]"', 'none']) {
      const planning = `---\nflag: ${value}\n---\n`;
      const findings = await run(flagsUngatedCheck, context([bannerChange, changed('PLANNING.md', undefined, planning)]));
      assert.equal(findings.length, 1, `flag: ${value}`);
    }
  });

  it('ignores deleted components and files that are not components', async () => {
    const ctx = context([
      changed(BANNER, flags('Banner.before.tsx'), undefined),
      changed('src/features/checkout/components/format.ts', 'a', 'b'),
      changed('src/features/checkout/Banner.tsx', 'a', 'b'),
    ]);
    assert.deepEqual(await run(flagsUngatedCheck, ctx), []);
  });

  it('names only the ways to gate a change this repository has', async () => {
    const [bare] = await run(flagsUngatedCheck, context([bannerChange]));
    assert.equal(bare.message, 'This component change is not behind a feature flag: name it as `flag:` in PLANNING.md.');
    const withFile = context([bannerChange], { repo: { 'src/features/flags.yaml': 'flags: {}\n' } });
    withFile.search = { find: async (needles) => (needles.includes('useFeatureFlag(') ? [{ file: 'src/lib/Nav.tsx', line: 3, text: "  const on = useFeatureFlag('nav_v2');" }] : []) };
    const [both] = await run(flagsUngatedCheck, withFile);
    assert.equal(both.message, 'This component change is not behind a feature flag: add or enable a flag you own in src/features/flags.yaml, name it as `flag:` in PLANNING.md, or read it in the component as the code does elsewhere (`useFeatureFlag(...)`).');
  });

  it('covers jsx, vue and svelte components in nested folders', async () => {
    const ctx = context([
      changed('web/components/promo/Promo.vue', '<template>a</template>\n', '<template>b</template>\n'),
      changed('web/components/Card.svelte', undefined, '<p>new</p>\n'),
    ]);
    const findings = await run(flagsUngatedCheck, ctx);
    assert.deepEqual(brief(findings), [{ check: 'flags.ungated', line: 1 }]);
    assert.match(findings[0].message, /^The changes to 2 components \(Promo\.vue and Card\.svelte\) are not behind a feature flag: /);
  });

  it('says it once for the whole change, however many components it touches', async () => {
    const components = Array.from({ length: 6 }, (_, i) => changed(`src/components/Part${i}.tsx`, '<p>a</p>\n', '<p>a</p>\n<p>b</p>\n'));
    const findings = await run(flagsUngatedCheck, context(components));
    assert.deepEqual(findings.map((found) => [found.file, found.line, found.severity]), [['src/components/Part0.tsx', 2, 'warning']]);
    assert.match(findings[0].message, /^The changes to 6 components \(Part0\.tsx, Part1\.tsx, Part2\.tsx and 3 more\) are not behind a feature flag: name it as `flag:` in PLANNING\.md\.$/);
  });
});

describe('planningFlag', () => {
  it('reads the flag of the front matter, with CRLF and BOM', () => {
    assert.equal(planningFlag('---\nflag: checkout_copy_v2\n---\n'), 'checkout_copy_v2');
    assert.equal(planningFlag(bom('---\r\nflag: checkout_copy_v2\r\n---\r\nbody')), 'checkout_copy_v2');
    assert.equal(planningFlag('---\nflag: [TODO, promo_banner]\n---\n'), 'promo_banner');
  });

  it('returns nothing without front matter, with broken YAML, or without a flag', () => {
    assert.equal(planningFlag('# PLANNING\nflag: x\n'), undefined);
    assert.equal(planningFlag('---\nflag: [x\n---\n'), undefined);
    assert.equal(planningFlag('---\ntitle: x\n---\n'), undefined);
    assert.equal(planningFlag(''), undefined);
  });
});



describe('flag lists kept in code, for owned flags only', () => {
  const CONSTANT = 'packages/common/infra/src/modules/feature-flag/constant.ts';
  const zone = (glob: string) =>
    policy({
      mayEdit: [{ glob, line: 9, qualifiers: ['owned-flags-only'], note: 'owned flags only' }],
      ownedFlags: [
        { flag: 'enable_ai', owner: '@alice', line: 20 },
        { flag: 'enable_emoji_doc_icon', owner: '@alice', line: 21 },
      ],
    });

  it('reads an object of flags, a Record of booleans inside a function and an enum, never a comment', () => {
    const names = (name: string) => flagsInCode(name, flags(name))?.map((flag) => [flag.name, flag.line, flag.enabled]);
    assert.deepEqual(names('constant.after.ts'), [['enable_ai', 6, true], ['enable_database_attachment_note', 14, null], ['enable_emoji_doc_icon', 21, false]]);
    assert.deepEqual(names('beta-features.ts'), [['noDubLink', 9, false], ['analyticsSettingsSiteVisitTracking', 10, false], ['linkFolders', 11, true]]);
    assert.deepEqual(names('flags-enum.ts'), [['NewEditor', 3, null], ['BulkExport', 5, null]]);
    assert.equal(flagsInCode('src/util.ts', 'export const a = { x: 1 };\nexport const b = { y: 2 };\n'), undefined, 'two objects, none named for flags');
  });

  it('a PM adding a flag they own, or rewording one, passes; one they do not own blocks', async () => {
    const own = await run(flagsFileCheck, context([changed(CONSTANT, flags('constant.before.ts'), flags('constant.after.ts'))], { policy: zone(CONSTANT) }));
    assert.deepEqual(own, []);
    const other = flags('constant.after.ts').replace("description: 'Allows adding notes to database attachments.'", "description: 'Notes on attachments.'");
    const findings = await run(flagsFileCheck, context([changed(CONSTANT, flags('constant.before.ts'), other)], { policy: zone(CONSTANT) }));
    assert.deepEqual(findings.map(({ line, blocking: blocks, message }) => [line, blocks, message]), [
      [14, true, 'Flag `enable_database_attachment_note` changed: it is not in the owned flags of CLAUDE.md, so only engineering may change it.'],
    ]);
  });

  it('says so, and warns on every change, where it cannot tell which flags a file holds', async () => {
    const toml = 'config/flags.toml';
    const findings = await run(flagsFileCheck, context([changed(toml, 'new_editor = false\n', 'new_editor = true\n')], { policy: zone('config/*.toml') }));
    assert.deepEqual(findings.map(({ line, severity }) => [line, severity]), [[1, 'warning']]);
    assert.match(findings[0].message, /cannot tell which flags it holds \(PM Zone reads flags from YAML, JSON, and TypeScript or JavaScript objects and enums\)/);
    const helpers = await run(flagsFileCheck, context([changed('src/flags.ts', 'export const a = { x: 1 };\nexport const b = { y: 2 };\n', 'export const a = { x: 2 };\nexport const b = { y: 2 };\n')], { policy: zone('src/flags.ts') }));
    assert.deepEqual(helpers.map(({ severity }) => severity), ['warning']);
  });
});
