import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { minimatch } from 'minimatch';
import { GLOB_OPTIONS, parseZonePolicy, resolveZone, type GlobRule, type Pilot, type Qualifier, type ZonePolicy } from '../../../src/core/policy';
import { fixture, ownersTable } from './helpers';

const NAMED = ['auth', 'Auth', 'src', 'features', 'checkout', 'i18n', 'components', 'a', 'b', '.github', 'workflows', 'données', 'my file', '-x', 'x.ts', 'y.md', 'en.json'];
const segment = fc.oneof(
  fc.constantFrom(...NAMED),
  fc.string({ minLength: 1, maxLength: 6 }).filter((s) => !/[/\\]/.test(s) && s !== '.' && s !== '..' && s.trim() === s && s.length > 0),
);
const pathArb = fc.array(segment, { minLength: 1, maxLength: 6 }).map((segments) => segments.join('/'));
const globPart = fc.oneof(segment, fc.constantFrom('*', '**', '*.ts', '*.md', '*.json', '{a,b}', 'auth'));
const globArb = fc.array(globPart, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
const qualifiersArb = fc.subarray<Qualifier>(['additions-only', 'owned-flags-only', 'own-feature-folder', 'non-breaking']);
const rulesArb = fc.array(fc.record({ glob: globArb, qualifiers: qualifiersArb }), { maxLength: 5 }).map((rules) => rules.map((rule, index): GlobRule => ({ ...rule, line: index + 1 })));
const pilotArb = fc.record({ handle: fc.constant('@alice'), featureFolders: fc.array(globArb, { maxLength: 3 }), line: fc.constant(1) });

const policyArb = fc.record({ mayEdit: rulesArb, engineeringOnly: rulesArb, pilots: fc.array(pilotArb, { maxLength: 1 }) }).map(
  (parts): ZonePolicy => ({ file: 'CLAUDE.md', defined: true, mode: 'standard', ownedFlags: [], problems: [], ...parts }),
);

/** A path the glob matches, made by filling its wildcards with arbitrary segments. */
const pathUnder = (glob: string): fc.Arbitrary<string> =>
  fc.tuple(...glob.split('/').map((part) => (part === '**' ? fc.array(segment, { maxLength: 2 }).map((s) => s.join('/')) : fc.constant(part)))).chain((parts) =>
    fc.array(segment, { minLength: 1, maxLength: 3 }).map((tail) => [...parts.filter((p) => p !== ''), ...tail].join('/')),
  );

const matchesDeny = (path: string, policy: ZonePolicy): GlobRule[] =>
  policy.engineeringOnly.filter((rule) => minimatch(path.normalize('NFC'), rule.glob.normalize('NFC'), GLOB_OPTIONS));

describe('resolveZone properties', () => {
  it('a glob that matches with letter case counted matches with it ignored (the zone asks the case-blind matcher first)', () => {
    fc.assert(
      fc.property(globArb, pathArb, (glob, path) => {
        const exact = minimatch(path, glob, GLOB_OPTIONS);
        if (exact) assert.ok(minimatch(path, glob, { ...GLOB_OPTIONS, nocase: true }), `${glob} on ${path}`);
      }),
      { numRuns: 300 },
    );
  });

  it('gives every path exactly one of three zones, with at least one reason', () => {
    fc.assert(
      fc.property(policyArb, pathArb, fc.boolean(), (policy, path, withAuthor) => {
        const answer = resolveZone(path, { policy, author: withAuthor ? policy.pilots[0] : undefined, policyFiles: ['CLAUDE.md'] });
        assert.ok(['editable', 'locked', 'outside'].includes(answer.zone));
        assert.ok(answer.reasons.length >= 1);
        if (answer.unenforced) assert.equal(answer.zone, 'locked');
        if (answer.zone !== 'editable') assert.deepEqual(answer.qualifiers, []);
      }),
      { numRuns: 150 },
    );
  });

  it('locks any path an engineering-only glob matches, whatever may be editable and whoever asks', () => {
    fc.assert(
      fc.property(policyArb, pathArb, fc.boolean(), (policy, path, withAuthor) => {
        const denied = matchesDeny(path, policy);
        const answer = resolveZone(path, { policy, author: withAuthor ? policy.pilots[0] : undefined, policyFiles: [] });
        if (denied.length > 0) {
          assert.equal(answer.zone, 'locked');
          const reasonGlobs = answer.reasons.map((reason) => reason.rule);
          for (const rule of denied) assert.ok(reasonGlobs.includes(rule.glob), rule.glob);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('locks paths built to fall under an engineering-only glob', () => {
    const case_ = policyArb.filter((policy) => policy.engineeringOnly.length > 0).chain((policy) =>
      fc.tuple(fc.constant(policy), fc.nat({ max: policy.engineeringOnly.length - 1 }).chain((i) => pathUnder(policy.engineeringOnly[i].glob))),
    );
    fc.assert(
      fc.property(case_, ([policy, path]) => {
        fc.pre(matchesDeny(path, policy).length > 0);
        assert.equal(resolveZone(path, { policy, author: policy.pilots[0], policyFiles: [] }).zone, 'locked');
      }),
      { numRuns: 100 },
    );
  });

  it('never calls an auth file editable: any prefix, any case, any spelling of the path, any extra may-edit glob', () => {
    const spec = parseZonePolicy(fixture('spec-example.md'));
    const authCase = fc.constantFrom('auth', 'Auth', 'AUTH', 'aUtH');
    const spelling = fc.constantFrom(
      (p: string) => p,
      (p: string) => `./${p}`,
      (p: string) => `/${p}`,
      (p: string) => p.replace(/\//g, '\\'),
      (p: string) => p.replace(/\//g, '//'),
      (p: string) => `x/../${p}`,
      (p: string) => p.normalize('NFD'),
    );
    const owners = ownersTable([{ pattern: '**', owners: ['@eng'], line: 1 }]);
    fc.assert(
      fc.property(
        fc.array(segment, { maxLength: 4 }),
        authCase,
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        spelling,
        fc.array(fc.record({ glob: fc.oneof(globArb, fc.constantFrom('**', '**/*', '**/*.ts', 'src/**', '**/auth/**')), qualifiers: qualifiersArb }), { maxLength: 4 }),
        fc.array(fc.oneof(globArb, fc.constantFrom('**', 'src/**')), { maxLength: 3 }),
        (prefix, auth, suffix, spell, extraAllow, folders) => {
          const path = spell([...prefix, auth, ...suffix].join('/'));
          const policy: ZonePolicy = { ...spec, mayEdit: [...spec.mayEdit, ...extraAllow.map((rule, i) => ({ ...rule, line: 100 + i }))] };
          const author: Pilot = { handle: '@alice', featureFolders: folders, line: 1 };
          for (const ctx of [{ policy, policyFiles: [] }, { policy, owners, author, policyFiles: [] }]) {
            const answer = resolveZone(path, ctx);
            assert.equal(answer.zone, 'locked', `${path} was ${answer.zone}`);
          }
        },
      ),
      { numRuns: 250 },
    );
  });

  it('gives the same zone to a path however it is spelled', () => {
    fc.assert(
      fc.property(policyArb, pathArb, (policy, path) => {
        const zone = resolveZone(path, { policy, policyFiles: [] }).zone;
        for (const spelled of [`./${path}`, `/${path}`, path.replace(/\//g, '\\'), `a/../${path}`]) {
          assert.equal(resolveZone(spelled, { policy, policyFiles: [] }).zone, zone, spelled);
        }
      }),
      { numRuns: 100 },
    );
  });
});
